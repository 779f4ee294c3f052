package techniques

import (
	"math"
	"math/rand/v2"

	"github.com/sift-project/sift/internal/nlp"
)

// The sentence classifier estimates whether a sentence holds any
// propaganda span (binary logistic regression over the sentence's bag of
// words, stems, bigrams and lexicon classes). Its probability, bucketed,
// is a feature of every token of the sentence for the span taggers, so
// that they see the whole sentence, not only a window. While training,
// the taggers see cross-fitted probabilities (each article's from a
// classifier trained without it), as they will on new text.

// sentBuckets is the number of probability buckets of the token feature.
const sentBuckets = 10

// sentBag appends the classifier features of sentence si. (sentProbOf
// walks the same features: change both; TestSpanTableMatchesPlain checks
// that they agree.)
func (di *docInfo) sentBag(si int, out []uint32) []uint32 {
	s := di.d.Sentences[si]
	info := di.sents[si]
	out = append(out, featBias)
	for i := s.First; i < s.Last; i++ {
		lt := di.lt[i]
		if di.d.Tokens[i].Kind == nlp.Word {
			out = append(out, lt.hw, lt.hs)
		} else {
			out = append(out, lt.hw)
		}
		if i+1 < s.Last {
			out = append(out, di.big[i+1])
		}
		if lx := di.lex[i]; lx != 0 {
			for c := range LexClasses {
				if lx&(uint16(1)<<c) != 0 {
					out = append(out, featLex[c])
				}
			}
		}
	}
	title := 0
	if s.Para == 0 {
		title = 1
	}
	out = append(out,
		fn('n', bucket(info.words, 3, 6, 10, 15, 25, 40)),
		fn('t', title),
		fn('E', bucket(info.lex, 0, 1, 2, 4)),
	)
	if info.excl {
		out = append(out, fn('!', 0))
	}
	if info.ques {
		out = append(out, fn('?', 0))
	}
	if info.quote {
		out = append(out, fn('"', 0))
	}
	return out
}

// sentProbOf is sentProb(st.sent, st.sentMask, di.sentBag(si, nil))
// without building the bag, reading the weights of words and stems that
// word types keep (lowType.sw and ss).
func (di *docInfo) sentProbOf(si int, st *spanTable) float64 {
	w := st.sentW
	s := di.d.Sentences[si]
	info := &di.sents[si]
	z := float64(w(featBias))
	for i := s.First; i < s.Last; i++ {
		lt := di.lt[i]
		sw, ss := lt.sw, lt.ss
		if lt.rowsOf != st {
			sw, ss = w(lt.hw), w(lt.hs)
		}
		z += float64(sw)
		if di.d.Tokens[i].Kind == nlp.Word {
			z += float64(ss)
		}
		if i+1 < s.Last {
			z += float64(w(di.big[i+1]))
		}
		if lx := di.lex[i]; lx != 0 {
			for c := range LexClasses {
				if lx&(uint16(1)<<c) != 0 {
					z += float64(w(featLex[c]))
				}
			}
		}
	}
	title := 0
	if s.Para == 0 {
		title = 1
	}
	z += float64(w(fn('n', bucket(info.words, 3, 6, 10, 15, 25, 40))))
	z += float64(w(fn('t', title)))
	z += float64(w(fn('E', bucket(info.lex, 0, 1, 2, 4))))
	if info.excl {
		z += float64(w(featExcl))
	}
	if info.ques {
		z += float64(w(featQues))
	}
	if info.quote {
		z += float64(w(featQuote))
	}
	return 1 / (1 + math.Exp(-z))
}

// sentProb is the classifier's probability for features bag.
func sentProb(w []float32, mask uint32, bag []uint32) float64 {
	var z float64
	for _, f := range bag {
		z += float64(w[f&mask])
	}
	return 1 / (1 + math.Exp(-z))
}

// sentFeatures returns the token features of the j-th non-empty sentence
// given the probabilities of all of them: its bucketed probability. (The
// neighbouring sentences' probabilities were tried too and did not help.)
func sentFeatures(probs []float64, j int, out []uint32) []uint32 {
	b := func(k int) int {
		if k < 0 || k >= len(probs) {
			return sentBuckets
		}
		return min(sentBuckets-1, int(probs[k]*sentBuckets))
	}
	return append(out, fn('V', b(j)))
}

// withFeatures returns the CSR features feats/off with xs added to every
// token, written into nf/noff.
func withFeatures(feats []uint32, off []int32, xs []uint32, nf []uint32, noff []int32) ([]uint32, []int32) {
	nf, noff = nf[:0], noff[:0]
	noff = append(noff, 0)
	for i := 0; i+1 < len(off); i++ {
		nf = append(nf, feats[off[i]:off[i+1]]...)
		nf = append(nf, xs...)
		noff = append(noff, int32(len(nf)))
	}
	return nf, noff
}

// sentEx is one sentence for the classifier.
type sentBagEx struct {
	bag   []uint32
	label bool
}

// trainSent trains a sentence classifier (AdaGrad, seeded order) on exs.
func trainSent(exs []*sentBagEx, bits uint, epochs int, seed uint64) []float32 {
	w := make([]float32, 1<<bits)
	g2 := make([]float32, len(w))
	mask := uint32(1)<<bits - 1
	rng := rand.New(rand.NewPCG(seed, 0x5e7))
	const rate = 0.05
	for ep := 0; ep < epochs; ep++ {
		for _, k := range rng.Perm(len(exs)) {
			x := exs[k]
			p := sentProb(w, mask, x.bag)
			g := p
			if x.label {
				g--
			}
			for _, f := range x.bag {
				i := f & mask
				g2[i] += float32(g * g)
				w[i] -= float32(rate * g / (math.Sqrt(float64(g2[i])) + 1e-6))
			}
		}
	}
	return w
}

// addSentFeatures trains the model's sentence classifier on prep and adds
// cross-fitted probabilities (folds folds) to every training sentence's
// token features.
func addSentFeatures(m *Model, prep []*prepared, opt TrainOptions) {
	const folds = 5
	bits := m.SentBits
	mask := uint32(1)<<bits - 1
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5e8))
	fold := make([]int, len(prep))
	for i, k := range rng.Perm(len(prep)) {
		fold[k] = i % folds
	}
	probs := make([][]float64, len(prep))
	for i, p := range prep {
		probs[i] = make([]float64, len(p.bags))
	}
	var all []*sentBagEx
	for f := 0; f < folds && len(prep) >= folds; f++ {
		var exs []*sentBagEx
		for i, p := range prep {
			if fold[i] != f {
				for j := range p.bags {
					exs = append(exs, &p.bags[j])
				}
			}
		}
		w := trainSent(exs, bits, opt.SentEpochs, opt.Seed+uint64(f))
		for i, p := range prep {
			if fold[i] == f {
				for j := range p.bags {
					probs[i][j] = sentProb(w, mask, p.bags[j].bag)
				}
			}
		}
	}
	for _, p := range prep {
		for j := range p.bags {
			all = append(all, &p.bags[j])
		}
	}
	m.Sent = trainSent(all, bits, opt.SentEpochs, opt.Seed)
	var xs []uint32
	for i, p := range prep {
		if len(prep) < folds {
			for j := range p.bags {
				probs[i][j] = sentProb(m.Sent, mask, p.bags[j].bag)
			}
		}
		for j := range p.sents {
			xs = sentFeatures(probs[i], j, xs[:0])
			s := &p.sents[j]
			s.feats, s.off = withFeatures(s.feats, s.off, xs, nil, nil)
		}
	}
}
