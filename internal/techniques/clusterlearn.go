package techniques

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sift-project/sift/internal/nlp"
)

// ClusterOptions set how LearnClusters groups words.
type ClusterOptions struct {
	Seed uint64
	// MinCount is the fewest occurrences a word needs to be clustered.
	MinCount int
	// Contexts is the number of most frequent words used as context.
	Contexts int
	// Dims is the size of the random projection of the context vectors.
	Dims int
	// Fine and Coarse are the numbers of clusters of the two levels.
	Fine, Coarse int
	// Iters is the number of k-means iterations.
	Iters int
}

// DefaultClusterOptions are the options the embedded clusters were
// learned with.
func DefaultClusterOptions() ClusterOptions {
	return ClusterOptions{Seed: 1, MinCount: 3, Contexts: 1000, Dims: 256, Fine: 512, Coarse: 64, Iters: 15}
}

// Clusters maps lower-cased words to a fine and a coarse cluster.
type Clusters struct {
	fine, coarse map[string]uint16
	// id fingerprints the table (see ReadClusters), so that a model
	// records which clusters it was trained with.
	id string
}

// LearnClusters groups the words of texts by the words around them: each
// word of at least MinCount occurrences gets a vector of positive
// pointwise mutual information with the Contexts most frequent words at
// offsets -2, -1, +1 and +2, randomly projected to Dims dimensions;
// spherical k-means groups the vectors into Fine clusters, and the Fine
// centroids into Coarse clusters. Deterministic for opt.Seed.
func LearnClusters(texts []string, opt ClusterOptions) (*Clusters, error) {
	var seqs [][]string
	count := map[string]int{}
	for _, t := range texts {
		d := nlp.NewDoc(t)
		for _, s := range d.Sentences {
			var seq []string
			for i := s.First; i < s.Last; i++ {
				tok := d.Tokens[i]
				if tok.Kind != nlp.Word {
					continue
				}
				w := normWord(d.Text[tok.Start:tok.End])
				seq = append(seq, w)
				count[w]++
			}
			if len(seq) > 0 {
				seqs = append(seqs, seq)
			}
		}
	}
	words := make([]string, 0, len(count))
	for w, c := range count {
		if c >= opt.MinCount {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) < opt.Fine {
		return nil, fmt.Errorf("%d words of at least %d occurrences: too few for %d clusters", len(words), opt.MinCount, opt.Fine)
	}
	idx := make(map[string]int, len(words))
	for i, w := range words {
		idx[w] = i
	}
	nc := min(opt.Contexts, len(words))
	offsets := []int{-2, -1, 1, 2}
	// co[w] maps context dimension to count.
	co := make([]map[int32]float64, len(words))
	for i := range co {
		co[i] = map[int32]float64{}
	}
	ctxTotal := make([]float64, nc*len(offsets))
	total := 0.0
	for _, seq := range seqs {
		for i, w := range seq {
			wi, ok := idx[w]
			if !ok {
				continue
			}
			for k, o := range offsets {
				j := i + o
				if j < 0 || j >= len(seq) {
					continue
				}
				ci, ok := idx[seq[j]]
				if !ok || ci >= nc {
					continue
				}
				dim := int32(k*nc + ci)
				co[wi][dim]++
				ctxTotal[dim]++
				total++
			}
		}
	}
	// PPMI, randomly projected (dimension dim of the context space maps
	// to a seeded ±1 vector), normalised.
	rng := rand.New(rand.NewPCG(opt.Seed, 0xc1))
	proj := make([]float32, len(ctxTotal)*opt.Dims)
	for i := range proj {
		if rng.IntN(2) == 0 {
			proj[i] = 1
		} else {
			proj[i] = -1
		}
	}
	vecs := make([][]float32, len(words))
	for wi := range words {
		v := make([]float32, opt.Dims)
		rowTotal := 0.0
		for _, c := range co[wi] {
			rowTotal += c
		}
		dims := make([]int32, 0, len(co[wi]))
		for d := range co[wi] {
			dims = append(dims, d)
		}
		slices.Sort(dims)
		for _, d := range dims {
			pmi := math.Log(co[wi][d] * total / (rowTotal * ctxTotal[d]))
			if pmi <= 0 {
				continue
			}
			p := proj[int(d)*opt.Dims : int(d+1)*opt.Dims]
			for k := range v {
				v[k] += float32(pmi) * p[k]
			}
		}
		normalize(v)
		vecs[wi] = v
	}
	fine := kmeans(vecs, opt.Fine, opt.Iters, rng)
	cents := centroids(vecs, fine, opt.Fine, opt.Dims)
	coarse := kmeans(cents, opt.Coarse, opt.Iters, rng)
	c := &Clusters{fine: make(map[string]uint16, len(words)), coarse: make(map[string]uint16, len(words))}
	for wi, w := range words {
		c.fine[w] = uint16(fine[wi])
		c.coarse[w] = uint16(coarse[fine[wi]])
	}
	return c, nil
}

func normalize(v []float32) {
	s := float32(0)
	for _, x := range v {
		s += x * x
	}
	if s == 0 {
		return
	}
	n := float32(1 / math.Sqrt(float64(s)))
	for k := range v {
		v[k] *= n
	}
}

func centroids(vecs [][]float32, assign []int, k, dims int) [][]float32 {
	c := make([][]float32, k)
	for i := range c {
		c[i] = make([]float32, dims)
	}
	for i, v := range vecs {
		a := c[assign[i]]
		for d := range a {
			a[d] += v[d]
		}
	}
	for i := range c {
		normalize(c[i])
	}
	return c
}

// kmeans is spherical k-means (cosine) seeded with k distinct vectors
// chosen by rng; it returns each vector's cluster.
func kmeans(vecs [][]float32, k, iters int, rng *rand.Rand) []int {
	dims := len(vecs[0])
	cent := make([][]float32, k)
	for i, j := range rng.Perm(len(vecs))[:k] {
		cent[i] = slices.Clone(vecs[j])
	}
	assign := make([]int, len(vecs))
	for it := 0; it < iters; it++ {
		parallel(len(vecs), func(i int) {
			v := vecs[i]
			best, arg := float32(math.Inf(-1)), 0
			for c, m := range cent {
				s := float32(0)
				for d, x := range v {
					s += x * m[d]
				}
				if s > best {
					best, arg = s, c
				}
			}
			assign[i] = arg
		})
		next := centroids(vecs, assign, k, dims)
		for c := range next {
			if isZero(next[c]) {
				next[c] = cent[c] // empty cluster keeps its centroid
			}
		}
		cent = next
	}
	return assign
}

func isZero(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// Write writes the clusters as lines "word fine coarse", words sorted.
func (c *Clusters) Write(w io.Writer) error {
	words := make([]string, 0, len(c.fine))
	for x := range c.fine {
		words = append(words, x)
	}
	sort.Strings(words)
	var b strings.Builder
	for _, x := range words {
		fmt.Fprintf(&b, "%s %d %d\n", x, c.fine[x], c.coarse[x])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Len is the number of clustered words.
func (c *Clusters) Len() int { return len(c.fine) }

// ReadClusters reads clusters written by Write.
func ReadClusters(r io.Reader) (*Clusters, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	c := &Clusters{fine: map[string]uint16{}, coarse: map[string]uint16{}, id: hex.EncodeToString(sum[:8])}
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("clusters line %d: want 3 fields, got %d", n+1, len(f))
		}
		fine, err1 := strconv.ParseUint(f[1], 10, 16)
		coarse, err2 := strconv.ParseUint(f[2], 10, 16)
		if err1 != nil || err2 != nil || fine >= noCluster || coarse >= noCluster {
			return nil, fmt.Errorf("clusters line %d: bad cluster numbers %q %q", n+1, f[1], f[2])
		}
		c.fine[f[0]], c.coarse[f[0]] = uint16(fine), uint16(coarse)
	}
	return c, nil
}
