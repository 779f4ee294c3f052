package techniques

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/nlp"
)

// A corpus made of two kinds of sentences: animals that bark or run,
// tools that cut or drill. Animals share contexts, tools share contexts.
func clusterCorpus() []string {
	animals := []string{"dog", "cat", "horse", "goat", "sheep", "mule"}
	tools := []string{"saw", "drill", "knife", "chisel", "axe", "file"}
	rng := rand.New(rand.NewPCG(7, 7))
	var texts []string
	for d := 0; d < 40; d++ {
		var b strings.Builder
		for s := 0; s < 30; s++ {
			if rng.IntN(2) == 0 {
				fmt.Fprintf(&b, "The old %s runs and barks in the green field. ", animals[rng.IntN(len(animals))])
			} else {
				fmt.Fprintf(&b, "A sharp %s cuts through metal and hard wood. ", tools[rng.IntN(len(tools))])
			}
		}
		texts = append(texts, b.String())
	}
	return texts
}

func TestLearnClustersGroupsByContext(t *testing.T) {
	opt := ClusterOptions{Seed: 1, MinCount: 3, Contexts: 50, Dims: 64, Fine: 4, Coarse: 2, Iters: 10}
	c, err := LearnClusters(clusterCorpus(), opt)
	if err != nil {
		t.Fatal(err)
	}
	same := func(a, b string) bool { return c.fine[a] == c.fine[b] }
	for _, p := range [][2]string{{"dog", "goat"}, {"cat", "mule"}, {"saw", "chisel"}, {"knife", "axe"}} {
		if !same(p[0], p[1]) {
			t.Errorf("%s and %s in clusters %d and %d, want one", p[0], p[1], c.fine[p[0]], c.fine[p[1]])
		}
	}
	if same("dog", "saw") {
		t.Errorf("dog and saw share cluster %d", c.fine["dog"])
	}
	// Deterministic, and Write/ReadClusters round-trips.
	c2, err := LearnClusters(clusterCorpus(), opt)
	if err != nil {
		t.Fatal(err)
	}
	var b1, b2 bytes.Buffer
	if err := c.Write(&b1); err != nil {
		t.Fatal(err)
	}
	c2.Write(&b2)
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Fatal("clustering is not deterministic")
	}
	r, err := ReadClusters(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != c.Len() || r.fine["dog"] != c.fine["dog"] || r.coarse["saw"] != c.coarse["saw"] {
		t.Errorf("round trip: %d words, dog %d, saw %d", r.Len(), r.fine["dog"], r.coarse["saw"])
	}
	if _, err := LearnClusters(clusterCorpus()[:1], ClusterOptions{Seed: 1, MinCount: 3, Contexts: 50, Dims: 8, Fine: 500, Coarse: 2, Iters: 1}); err == nil {
		t.Error("500 clusters of a few words: no error")
	}
}

func TestReadClustersErrors(t *testing.T) {
	for _, in := range []string{"dog 1\n", "dog 1 2 3\n", "dog x 2\n", "dog 1 65535\n"} {
		if _, err := ReadClusters(strings.NewReader("cat 0 0\n" + in)); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%q: error %v, want one naming line 2", in, err)
		}
	}
}

func TestClusterFeatures(t *testing.T) {
	c, err := ReadClusters(strings.NewReader("brutal 3 1\nvicious 3 1\nregime 7 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	feats := func(text, word string) []uint32 {
		d := nlp.NewDoc(text)
		lx := DefaultLexicon()
		lx.clusters = c
		di := newDocInfo(d, lx)
		return di.clusterFeatures(tokIndex(t, d, word, 0), nil)
	}
	a := feats("The brutal regime fell.", "brutal")
	b := feats("The vicious regime fell.", "vicious")
	if !slices.Equal(a, b) {
		t.Errorf("words of one cluster in one context: features %v and %v differ", a, b)
	}
	u := feats("The cruel regime fell.", "cruel")
	if slices.Equal(a, u) || len(u) != len(a) {
		t.Errorf("unknown word: features %v, known %v", u, a)
	}
	// The right neighbour's coarse cluster is a feature.
	if n := feats("The brutal man fell.", "brutal"); slices.Equal(n, a) {
		t.Error("the next word's cluster changes nothing")
	}
	// Without clusters, no features.
	d := nlp.NewDoc("The brutal regime fell.")
	if f := newDocInfo(d, DefaultLexicon()).clusterFeatures(1, nil); len(f) != 0 {
		t.Errorf("no clusters: features %v", f)
	}
	// The embedded clusters load and know common words.
	if d := defaultClusters(); d.Len() < 1000 || d.fine["said"] != d.fine["says"] {
		t.Errorf("embedded clusters: %d words", d.Len())
	}
}

// A model records the clusters it reads; one without clusters loads
// without; one trained with clusters sift does not have refuses to load.
func TestModelClustersHeader(t *testing.T) {
	save := func(m *Model) []byte {
		var b bytes.Buffer
		if err := m.Save(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	mk := func() *Model {
		m := newModel(9)
		m.Taggers = append(m.Taggers, newTagger(10, 0, 0))
		return m
	}
	got, err := Load(bytes.NewReader(save(mk())))
	if err != nil || got.clusters != defaultClusters() || got.lex.clusters != got.clusters {
		t.Fatalf("with clusters: %v, clusters %p", err, got.clusters)
	}
	m := mk()
	m.setClusters(nil)
	got, err = Load(bytes.NewReader(save(m)))
	if err != nil || got.clusters != nil || got.lex.clusters != nil {
		t.Fatalf("without clusters: %v, clusters %p", err, got.clusters)
	}
	m.setClusters(&Clusters{id: "0123456789abcdef"})
	if _, err := Load(bytes.NewReader(save(m))); err == nil || !strings.Contains(err.Error(), "word clusters") {
		t.Fatalf("other clusters: %v", err)
	}
}
