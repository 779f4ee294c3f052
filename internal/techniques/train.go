package techniques

import (
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
)

// TrainOptions set the trainer's hyper-parameters. Zero values take the
// defaults of DefaultTrainOptions.
type TrainOptions struct {
	Seed     uint64
	SIEpochs int
	TCEpochs int
	SIBits   uint
	TCBits   uint
	// TCRate is AdaGrad's learning rate for the classifier.
	TCRate float64
	// Holdout is the fraction of training articles held out to calibrate
	// the span threshold (0 keeps Bias at 0).
	Holdout float64
	// Log receives progress; nil discards it.
	Log *slog.Logger
}

// DefaultTrainOptions are the options the shipped model was trained with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Seed: 1, SIEpochs: 15, TCEpochs: 15, SIBits: 20, TCBits: 18, TCRate: 0.03, Holdout: 0.2}
}

func (o *TrainOptions) fill() {
	d := DefaultTrainOptions()
	if o.SIEpochs == 0 {
		o.SIEpochs = d.SIEpochs
	}
	if o.TCEpochs == 0 {
		o.TCEpochs = d.TCEpochs
	}
	if o.SIBits == 0 {
		o.SIBits = d.SIBits
	}
	if o.TCBits == 0 {
		o.TCBits = d.TCBits
	}
	if o.TCRate == 0 {
		o.TCRate = d.TCRate
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
}

// sentEx is one sentence for the span tagger.
type sentEx struct {
	feats []uint32
	off   []int32
	tags  []int8
}

// tcEx is one labelled span for the classifier.
type tcEx struct {
	feats []uint32
	label int
}

// prepared is an article turned into training examples.
type prepared struct {
	art   *ptc.Article
	doc   *nlp.Doc
	a     *Analysis
	sents []sentEx
	tc    []tcEx
}

// goldTags tags each token O, B or I from the article's merged SI spans.
// A tag never starts with I at a sentence start.
func goldTags(d *nlp.Doc, spans []ptc.Span) []int8 {
	tags := make([]int8, len(d.Tokens))
	for _, s := range ptc.MergeSpans(spans) {
		f, l := tokenRange(d, s.Start, s.End)
		for i := f; i < l; i++ {
			if i == f {
				tags[i] = tagB
			} else {
				tags[i] = tagI
			}
		}
	}
	for _, s := range d.Sentences {
		if s.Last > s.First && tags[s.First] == tagI {
			tags[s.First] = tagB
		}
	}
	return tags
}

func prepare(m *Model, arts []*ptc.Article) []*prepared {
	out := make([]*prepared, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = prepareOne(m, arts[i])
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func prepareOne(m *Model, art *ptc.Article) *prepared {
	d := nlp.NewDoc(art.Text)
	a := m.Prepare(d)
	p := &prepared{art: art, doc: d, a: a}
	tags := goldTags(d, art.SI)
	for si, s := range d.Sentences {
		if s.Last <= s.First {
			continue
		}
		feats, off := a.sentFeatures(si, nil, nil)
		p.sents = append(p.sents, sentEx{feats: feats, off: off, tags: tags[s.First:s.Last]})
	}
	given := make([]Given, len(art.TC))
	for i, s := range art.TC {
		f, l := tokenRange(d, s.Start, s.End)
		given[i] = Given{f, l}
	}
	ctxs := spanContexts(a, given)
	for i, s := range art.TC {
		k := ptc.TechniqueIndex(s.Technique)
		if k < 0 || given[i].Last <= given[i].First {
			continue
		}
		feats := a.di.spanFeatures(given[i].First, given[i].Last, ctxs[i].spanCtx, nil)
		feats = append(feats, fn('o', bucket(ctxs[i].occur, 1, 2, 3, 5)))
		p.tc = append(p.tc, tcEx{feats: feats, label: k})
	}
	return p
}

// Train trains a model on arts (with their SI and TC labels). Training is
// deterministic for opt.Seed.
func Train(arts []*ptc.Article, opt TrainOptions) (*Model, error) {
	opt.fill()
	if len(arts) == 0 {
		return nil, fmt.Errorf("no training articles")
	}
	m := newModel(opt.SIBits, opt.TCBits)
	prep := prepare(m, arts)
	opt.Log.Info("prepared", "articles", len(prep))
	if opt.Holdout > 0 && len(prep) >= 5 {
		rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
		idx := rng.Perm(len(prep))
		nh := max(1, int(math.Round(opt.Holdout*float64(len(prep)))))
		var sub, dev []*prepared
		for i, k := range idx {
			if i < nh {
				dev = append(dev, prep[k])
			} else {
				sub = append(sub, prep[k])
			}
		}
		cal := newModel(opt.SIBits, opt.TCBits)
		trainSI(cal, sub, opt)
		m.Bias = calibrate(cal, dev)
		opt.Log.Info("calibrated span threshold", "bias", m.Bias)
	}
	trainSI(m, prep, opt)
	trainTC(m, prep, opt)
	m.Info = Info{Seed: opt.Seed, Articles: len(arts), SIEpochs: opt.SIEpochs, TCEpochs: opt.TCEpochs}
	return m, nil
}

// trainSI trains the span tagger: an averaged structured perceptron over
// sentences, visited in a seeded random order each epoch.
func trainSI(m *Model, prep []*prepared, opt TrainOptions) {
	var sents []*sentEx
	for _, p := range prep {
		for i := range p.sents {
			sents = append(sents, &p.sents[i])
		}
	}
	mask := uint32(1)<<m.SIBits - 1
	w := m.SI
	u := make([]float32, len(w)) // sum of c*update, for averaging
	var tw, tu [numTags + 1][numTags]float32
	rng := rand.New(rand.NewPCG(opt.Seed, 0x51))
	c := float32(1)
	var e []float32
	var back, pred []int8
	for ep := 0; ep < opt.SIEpochs; ep++ {
		order := rng.Perm(len(sents))
		errs := 0
		for _, k := range order {
			s := sents[k]
			n := len(s.tags)
			e = grow(e, n*numTags)
			back = grow(back, n*numTags)
			pred = grow(pred, n)
			emissions(w, mask, s.feats, s.off, e)
			viterbi(e, &tw, 0, back, pred)
			diff := false
			for i := 0; i < n; i++ {
				if pred[i] != s.tags[i] {
					diff = true
					break
				}
			}
			if diff {
				errs++
				for i := 0; i < n; i++ {
					g, p := int(s.tags[i]), int(pred[i])
					if g != p {
						for _, f := range s.feats[s.off[i]:s.off[i+1]] {
							base := (f & mask) * numTags
							w[base+uint32(g)]++
							u[base+uint32(g)] += c
							w[base+uint32(p)]--
							u[base+uint32(p)] -= c
						}
					}
					gp, pp := numTags, numTags
					if i > 0 {
						gp, pp = int(s.tags[i-1]), int(pred[i-1])
					}
					if gp != pp || g != p {
						tw[gp][g]++
						tu[gp][g] += c
						tw[pp][p]--
						tu[pp][p] -= c
					}
				}
			}
			c++
		}
		opt.Log.Info("span tagger epoch", "epoch", ep+1, "sentences wrong", errs, "of", len(sents))
	}
	for i := range w {
		w[i] -= u[i] / c
	}
	for p := range tw {
		for y := range tw[p] {
			m.Trans[p][y] = tw[p][y] - tu[p][y]/c
		}
	}
}

// calibrate picks the bias that maximises SI F1 of m on dev. The
// candidates are quantiles of the tokens' O-versus-span score margins,
// so the search adapts to the scale of the perceptron's weights.

func calibrate(m *Model, dev []*prepared) float32 {
	var gold []ptc.Span
	for _, p := range dev {
		gold = append(gold, p.art.SI...)
	}
	mask := uint32(1)<<m.SIBits - 1
	var margins []float64
	var e []float32
	for _, p := range dev {
		for _, s := range p.sents {
			n := len(s.tags)
			e = grow(e, n*numTags)
			emissions(m.SI, mask, s.feats, s.off, e)
			for i := 0; i < n; i++ {
				margins = append(margins, float64(e[i*numTags+tagO]-max(e[i*numTags+tagB], e[i*numTags+tagI])))
			}
		}
	}
	if len(margins) == 0 {
		return 0
	}
	sort.Float64s(margins)
	best, bestF := float32(0), -1.0
	for q := 0; q <= 60; q++ {
		b := float32(margins[(len(margins)-1)*q/100])
		pred := m.spansOf(dev, b)
		sc := ptc.ScoreSI(pred, gold)
		if sc.F1 > bestF {
			best, bestF = b, sc.F1
		}
	}
	return best
}

// spansOf decodes prepared articles with the given bias into PTC spans.
func (m *Model) spansOf(prep []*prepared, bias float32) []ptc.Span {
	var out []ptc.Span
	mask := uint32(1)<<m.SIBits - 1
	var e []float32
	var back, tags []int8
	for _, p := range prep {
		k := 0
		for _, s := range p.doc.Sentences {
			if s.Last <= s.First {
				continue
			}
			ex := p.sents[k]
			k++
			n := len(ex.tags)
			e = grow(e, n*numTags)
			back = grow(back, n*numTags)
			tags = grow(tags, n)
			emissions(m.SI, mask, ex.feats, ex.off, e)
			viterbi(e, &m.Trans, bias, back, tags)
			for _, f := range appendSpans(nil, tags, e, bias, s.First) {
				sp := p.doc.SpanTokens(f.First, f.Last)
				out = append(out, ptc.Span{Article: p.art.ID, Start: sp.Start, End: sp.End})
			}
		}
	}
	return out
}

// trainTC trains the technique classifier: multinomial logistic
// regression with AdaGrad, examples in a seeded random order each epoch.
func trainTC(m *Model, prep []*prepared, opt TrainOptions) {
	var exs []*tcEx
	for _, p := range prep {
		for i := range p.tc {
			exs = append(exs, &p.tc[i])
		}
	}
	L := len(ptc.Techniques)
	mask := uint32(1)<<m.TCBits - 1
	w := m.TC
	g2 := make([]float32, len(w))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7c))
	p := make([]float64, L)
	for ep := 0; ep < opt.TCEpochs; ep++ {
		loss := 0.0
		for _, k := range rng.Perm(len(exs)) {
			x := exs[k]
			classify(w, mask, x.feats, p)
			loss -= math.Log(max(p[x.label], 1e-12))
			for _, f := range x.feats {
				base := (f & mask) * uint32(L)
				for y := 0; y < L; y++ {
					g := p[y]
					if y == x.label {
						g--
					}
					i := base + uint32(y)
					g2[i] += float32(g * g)
					w[i] -= float32(opt.TCRate * g / (math.Sqrt(float64(g2[i])) + 1e-6))
				}
			}
		}
		opt.Log.Info("technique classifier epoch", "epoch", ep+1, "loss", loss/float64(max(1, len(exs))))
	}
}
