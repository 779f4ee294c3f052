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
	// LongEpochs is the number of epochs of the tagger of spans longer
	// than Split tokens; negative: SIEpochs.
	LongEpochs int
	TCEpochs   int
	SIBits     uint
	TCBits     uint
	// Split, when > 0, trains two span taggers: one on gold spans of at
	// most Split tokens, one on longer spans. Negative: one tagger on all
	// spans.
	Split int
	// TCRate is AdaGrad's learning rate for the classifier.
	TCRate float64
	// Holdout is the fraction of training articles held out to calibrate
	// the span thresholds (0 keeps every Bias at 0).
	Holdout float64
	// SentEpochs is the number of epochs of the sentence classifier whose
	// probability the span taggers see; negative: no sentence classifier.
	SentEpochs int
	// SentBits is the log2 size of the sentence classifier's table.
	SentBits uint
	// CalFolds, when > 1, calibrates the span thresholds by
	// cross-fitting: taggers trained on all but one of CalFolds folds of
	// the training articles find spans in the remaining fold; Holdout is
	// then unused. Negative: calibrate on the Holdout fraction.
	CalFolds int
	// Mix, when > 1, trains each span tagger Mix times over differently
	// shuffled sentences and averages the weights; negative: once.
	Mix int
	// Log receives progress; nil discards it.
	Log *slog.Logger
}

// DefaultTrainOptions are the options the shipped model was trained with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Seed: 1, SIEpochs: 20, LongEpochs: 30, TCEpochs: 15, SIBits: 20, TCBits: 18, Split: 5, TCRate: 0.03, Holdout: 0.2, CalFolds: 4, SentEpochs: 5, SentBits: 18, Mix: 2}
}

func (o *TrainOptions) fill() {
	d := DefaultTrainOptions()
	if o.SIEpochs == 0 {
		o.SIEpochs = d.SIEpochs
	}
	if o.LongEpochs == 0 {
		o.LongEpochs = d.LongEpochs
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
	if o.Split == 0 {
		o.Split = d.Split
	}
	if o.TCRate == 0 {
		o.TCRate = d.TCRate
	}
	if o.CalFolds == 0 {
		o.CalFolds = d.CalFolds
	}
	if o.SentEpochs == 0 {
		o.SentEpochs = d.SentEpochs
	}
	if o.SentBits == 0 {
		o.SentBits = d.SentBits
	}
	if o.Mix == 0 {
		o.Mix = d.Mix
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
}

// kinds returns the (MinLen, MaxLen) of each tagger.
func (o *TrainOptions) kinds() [][2]int {
	if o.Split > 0 {
		return [][2]int{{0, o.Split}, {o.Split + 1, 0}}
	}
	return [][2]int{{0, 0}}
}

// sentEx is one sentence for the span taggers: its token features and the
// gold tags of each tagger.
type sentEx struct {
	feats []uint32
	off   []int32
	tags  [][]int8
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
	// bags holds the sentence classifier's examples, one per sentEx.
	bags []sentBagEx
	tc   []tcEx
}

// goldTags tags each token O, B or I from spans, merged where they
// overlap. A tag never starts with I at a sentence start.
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

// kindSpans returns the gold spans a tagger of kind k learns: all SI
// spans for an unbounded kind, else the TC spans whose token length is in
// range.
func kindSpans(d *nlp.Doc, art *ptc.Article, k [2]int) []ptc.Span {
	if k[0] == 0 && k[1] == 0 {
		return art.SI
	}
	var out []ptc.Span
	for _, s := range art.TC {
		f, l := tokenRange(d, s.Start, s.End)
		if n := l - f; n >= k[0] && (k[1] == 0 || n <= k[1]) {
			out = append(out, s)
		}
	}
	return out
}

func prepare(m *Model, arts []*ptc.Article, kinds [][2]int) []*prepared {
	out := make([]*prepared, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = prepareOne(m, arts[i], kinds)
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

func prepareOne(m *Model, art *ptc.Article, kinds [][2]int) *prepared {
	d := nlp.NewDoc(art.Text)
	a := m.Prepare(d)
	p := &prepared{art: art, doc: d, a: a}
	tags := make([][]int8, len(kinds))
	for k, kind := range kinds {
		tags[k] = goldTags(d, kindSpans(d, art, kind))
	}
	any := goldTags(d, art.SI)
	for si, s := range d.Sentences {
		if s.Last <= s.First {
			continue
		}
		feats, off := a.sentFeatures(si, nil, nil)
		ex := sentEx{feats: feats, off: off, tags: make([][]int8, len(kinds))}
		for k := range kinds {
			ex.tags[k] = tags[k][s.First:s.Last]
		}
		p.sents = append(p.sents, ex)
		lab := false
		for _, t := range any[s.First:s.Last] {
			lab = lab || t != tagO
		}
		p.bags = append(p.bags, sentBagEx{bag: a.di.sentBag(si, nil), label: lab})
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
	m := newModel(opt.TCBits)
	kinds := opt.kinds()
	prep := prepare(m, arts, kinds)
	opt.Log.Info("prepared", "articles", len(prep))
	if opt.SentEpochs > 0 {
		m.SentBits = opt.SentBits
		addSentFeatures(m, prep, opt)
		opt.Log.Info("trained the sentence classifier")
	}
	m.Taggers = fitTaggers(prep, kinds, opt)
	trainTC(m, prep, opt)
	m.Info = Info{Seed: opt.Seed, Articles: len(arts), SIEpochs: opt.SIEpochs, TCEpochs: opt.TCEpochs}
	if opt.LongEpochs > 0 && opt.Split > 0 {
		m.Info.LongEpochs = opt.LongEpochs
	}
	return m, nil
}

// fitTaggers trains one tagger per kind on prep, with span thresholds
// calibrated by cross-fitting (see calibrate).
func fitTaggers(prep []*prepared, kinds [][2]int, opt TrainOptions) []*Tagger {
	biases := make([]float32, len(kinds))
	scales := make([]float32, len(kinds))
	for k := range scales {
		scales[k] = 1
	}
	if parts := calibrationParts(prep, opt); parts != nil {
		cal := make([][]*Tagger, len(parts))
		var devs [][]*prepared
		var jobs [][2]int
		for f, pt := range parts {
			devs = append(devs, pt[1])
			cal[f] = make([]*Tagger, len(kinds))
			for k := range kinds {
				jobs = append(jobs, [2]int{f, k})
			}
		}
		parallel(len(jobs), func(j int) {
			f, k := jobs[j][0], jobs[j][1]
			t := newTagger(opt.SIBits, kinds[k][0], kinds[k][1])
			t.trainMixed(parts[f][0], k, opt)
			cal[f][k] = t
		})
		biases, scales = calibrate(cal, devs)
		opt.Log.Info("calibrated span thresholds", "bias", biases, "scale", scales)
	}
	ts := make([]*Tagger, len(kinds))
	parallel(len(kinds), func(k int) {
		t := newTagger(opt.SIBits, kinds[k][0], kinds[k][1])
		t.trainMixed(prep, k, opt)
		t.Bias, t.Scale = biases[k], scales[k]
		ts[k] = t
	})
	return ts
}

// calibrationParts splits prep into (training, held-out) parts for
// calibrating the span thresholds: opt.CalFolds folds when it is > 1,
// else one part holding out opt.Holdout of the articles; nil when there
// is nothing to calibrate on.
func calibrationParts(prep []*prepared, opt TrainOptions) [][2][]*prepared {
	if len(prep) < 5 || opt.CalFolds <= 1 && opt.Holdout <= 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	idx := rng.Perm(len(prep))
	if opt.CalFolds > 1 {
		parts := make([][2][]*prepared, opt.CalFolds)
		for i, k := range idx {
			for f := range parts {
				if i%opt.CalFolds == f {
					parts[f][1] = append(parts[f][1], prep[k])
				} else {
					parts[f][0] = append(parts[f][0], prep[k])
				}
			}
		}
		return parts
	}
	nh := max(1, int(math.Round(opt.Holdout*float64(len(prep)))))
	var part [2][]*prepared
	for i, k := range idx {
		if i < nh {
			part[1] = append(part[1], prep[k])
		} else {
			part[0] = append(part[0], prep[k])
		}
	}
	return [][2][]*prepared{part}
}

// parallel runs f(0..n-1) on GOMAXPROCS goroutines.
func parallel(n int, f func(int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// trainMixed trains the tagger opt.Mix times (at least once), each run
// with its own seed, and keeps the mean of the runs' weights.
func (t *Tagger) trainMixed(prep []*prepared, kind int, opt TrainOptions) {
	t.train(prep, kind, opt)
	if opt.Mix <= 1 {
		return
	}
	for r := 1; r < opt.Mix; r++ {
		o := opt
		o.Seed = opt.Seed + uint64(r)*0x9e3779b9
		u := newTagger(t.Bits, t.MinLen, t.MaxLen)
		u.train(prep, kind, o)
		for i, v := range u.W {
			t.W[i] += v
		}
		for p := range t.Trans {
			for y := range t.Trans[p] {
				t.Trans[p][y] += u.Trans[p][y]
			}
		}
	}
	inv := 1 / float32(opt.Mix)
	for i := range t.W {
		t.W[i] *= inv
	}
	for p := range t.Trans {
		for y := range t.Trans[p] {
			t.Trans[p][y] *= inv
		}
	}
}

// train trains the tagger on the gold tags of kind k: an averaged
// structured perceptron over sentences, visited in a seeded random order
// each epoch.
func (t *Tagger) train(prep []*prepared, kind int, opt TrainOptions) {
	var sents []*sentEx
	for _, p := range prep {
		for i := range p.sents {
			sents = append(sents, &p.sents[i])
		}
	}
	mask := t.mask()
	w := t.W
	u := make([]float32, len(w)) // sum of c*update, for averaging
	var tw, tu [numTags + 1][numTags]float32
	rng := rand.New(rand.NewPCG(opt.Seed, 0x51+uint64(kind)))
	c := float32(1)
	var e []float32
	var back, pred []int8
	epochs := opt.SIEpochs
	if t.MinLen > 0 && opt.LongEpochs > 0 {
		epochs = opt.LongEpochs
	}
	for ep := 0; ep < epochs; ep++ {
		order := rng.Perm(len(sents))
		errs := 0
		for _, k := range order {
			s := sents[k]
			gold := s.tags[kind]
			n := len(gold)
			e = nlp.Grow(e, n*numTags)
			back = nlp.Grow(back, n*numTags)
			pred = nlp.Grow(pred, n)
			emissions(w, mask, s.feats, s.off, e)
			viterbi(e, &tw, 0, back, pred)
			diff := false
			for i := 0; i < n; i++ {
				if pred[i] != gold[i] {
					diff = true
					break
				}
			}
			if diff {
				errs++
				for i := 0; i < n; i++ {
					g, p := int(gold[i]), int(pred[i])
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
						gp, pp = int(gold[i-1]), int(pred[i-1])
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
		opt.Log.Info("span tagger epoch", "tagger", kind, "epoch", ep+1, "sentences wrong", errs, "of", len(sents))
	}
	for i := range w {
		w[i] -= u[i] / c
	}
	for p := range tw {
		for y := range tw[p] {
			t.Trans[p][y] = tw[p][y] - tu[p][y]/c
		}
	}
}

// spansOf decodes prepared articles with bias into PTC spans.
func (t *Tagger) spansOf(prep []*prepared, bias float32) []ptc.Span {
	var out []ptc.Span
	var dc decoder
	var found []Found
	for _, p := range prep {
		k := 0
		for _, s := range p.doc.Sentences {
			if s.Last <= s.First {
				continue
			}
			ex := p.sents[k]
			k++
			found = t.sentence(&dc, ex.feats, ex.off, len(ex.off)-1, bias, s.First, found[:0])
			for _, f := range trimFound(p.doc, found) {
				sp := p.doc.SpanTokens(f.First, f.Last)
				out = append(out, ptc.Span{Article: p.art.ID, Start: sp.Start, End: sp.End})
			}
		}
	}
	return out
}

// calibrate picks the biases of the taggers that together maximise SI F1
// on the held-out articles: cal[f] are the taggers trained without
// devs[f]. A candidate is a quantile of a tagger's tokens' O-versus-span
// score margins on its held-out articles, so the search adapts to the
// scale of the perceptron's weights; the spans each fold's taggers find
// at that quantile are pooled over folds, all combinations of the
// taggers' quantiles are tried, and each tagger's bias is the mean over
// folds of the chosen quantile's margins.
//
// It also returns each tagger's Scale: the mean interquartile range of
// its margins.
func calibrate(cal [][]*Tagger, devs [][]*prepared) (biases, scales []float32) {
	nk := len(cal[0])
	biases = make([]float32, nk)
	scales = make([]float32, nk)
	var gold []ptc.Span
	for _, dev := range devs {
		for _, p := range dev {
			gold = append(gold, p.art.SI...)
		}
	}
	const steps = 20
	// cands[k][q][f] is fold f's bias at quantile q; spans[k][q] the
	// spans found at those biases, pooled over folds.
	cands := make([][][]float32, nk)
	spans := make([][][]ptc.Span, nk)

	for k := range nk {
		cands[k] = make([][]float32, steps+1)
		spans[k] = make([][]ptc.Span, steps+1)
	}
	for f, dev := range devs {
		for k, t := range cal[f] {
			var margins []float64
			var e []float32
			for _, p := range dev {
				for _, s := range p.sents {
					n := len(s.off) - 1
					e = nlp.Grow(e, n*numTags)
					emissions(t.W, t.mask(), s.feats, s.off, e)
					for i := 0; i < n; i++ {
						margins = append(margins, float64(e[i*numTags+tagO]-max(e[i*numTags+tagB], e[i*numTags+tagI])))
					}
				}
			}
			if len(margins) == 0 {
				continue
			}
			sort.Float64s(margins)
			n := len(margins) - 1
			t.Scale = float32(margins[n*3/4] - margins[n/4])
			scales[k] += t.Scale / float32(len(devs))
			for q := 0; q <= steps; q++ {
				b := float32(margins[(len(margins)-1)*q*3/(steps*5)]) // quantiles 0 to 60%
				cands[k][q] = append(cands[k][q], b)
				spans[k][q] = append(spans[k][q], t.spansOf(dev, b)...)
			}
		}
	}
	if len(cands[0][0]) == 0 {
		for k := range scales {
			scales[k] = 1
		}
		return biases, scales
	}
	best := make([]int, nk)
	bestF := -1.0
	idx := make([]int, nk)
	var pool []ptc.Span
	for {
		pool = pool[:0]
		for k, i := range idx {
			pool = append(pool, spans[k][i]...)
		}
		if f := ptc.ScoreSI(pool, gold).F1; f > bestF {
			bestF = f
			copy(best, idx)
		}
		k := 0
		for k < len(idx) {
			idx[k]++
			if idx[k] <= steps {
				break
			}
			idx[k] = 0
			k++
		}
		if k == len(idx) {
			break
		}
	}
	for k, q := range best {
		for _, b := range cands[k][q] {
			biases[k] += b / float32(len(cands[k][q]))
		}
	}
	return biases, scales
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
