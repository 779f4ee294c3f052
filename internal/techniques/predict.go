package techniques

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/report"
)

// Found is a span the tagger found: tokens [First, Last) of the doc.
type Found struct {
	First, Last int
	// Score is the tagger's confidence in (0, 1).
	Score float64
}

// Analysis is a document prepared for tagging and classification.
type Analysis struct {
	di *docInfo
}

// Prepare computes the per-token facts the model reads.
func (m *Model) Prepare(d *nlp.Doc) *Analysis {
	return &Analysis{di: newDocInfo(d, m.lex)}
}

// decoders holds decoders' scratch space between uses by Spans.
var decoders = sync.Pool{New: func() any { return new(decoder) }}

// docInfos holds docInfos between uses by Tag.
var docInfos = sync.Pool{New: func() any { return new(docInfo) }}

// occurrences counts how often the words of tokens [first, last) occur
// as a phrase among the article's words.
func (a *Analysis) occurrences(first, last int) int {
	di := a.di
	var buf [16]int32
	ws := buf[:0]
	for i := first; i < last; i++ {
		if k := di.d.Tokens[i].Kind; k == nlp.Word || k == nlp.Number {
			ws = append(ws, di.tid[i])
		}
	}
	if len(ws) == 0 {
		return 0
	}
	n := 0
	for _, p := range di.wpos[di.wposAt[ws[0]]:di.wposAt[ws[0]+1]] {
		if int(p)+len(ws) > len(di.words) {
			break
		}
		ok := true
		for k := 1; k < len(ws); k++ {
			if di.tid[di.words[int(p)+k]] != ws[k] {
				ok = false
				break
			}
		}
		if ok {
			n++
		}
	}
	return n
}

// sentFeatures returns the CSR features of the tokens of sentence si.
func (a *Analysis) sentFeatures(si int, feats []uint32, off []int32) ([]uint32, []int32) {
	s := a.di.d.Sentences[si]
	off = append(off, int32(len(feats)))
	for i := s.First; i < s.Last; i++ {
		feats = a.di.tokenFeatures(i, feats)
		off = append(off, int32(len(feats)))
	}
	return feats, off
}

// decoder holds scratch space for decoding sentences.
type decoder struct {
	e          []float32
	back, tags []int8
	// For spanTable.emissions: each token's sum of steps.
	sums []sum
	sink int // keeps loads made only to fill caches
	// The sentence classifier's probabilities, a sentence's features
	// for it, and the features added to the tokens of each sentence
	// (CSR).
	probs []float64
	bag   []uint32
	xs    []uint32
	xoff  []int32
}

// sentence decodes one sentence's features into spans (token offsets
// relative to base), with bias added to the span tags.
func (t *Tagger) sentence(dc *decoder, feats []uint32, off []int32, n int, bias float32, base int, out []Found) []Found {
	dc.e = nlp.Grow(dc.e, n*numTags)
	emissions(t.W, t.mask(), feats, off, dc.e)
	dc.back = nlp.Grow(dc.back, n*numTags)
	dc.tags = nlp.Grow(dc.tags, n)
	viterbi(dc.e, &t.Trans, bias, dc.back, dc.tags)
	return appendSpans(out, dc.tags, dc.e, bias, max(t.Scale, 1e-6), base)
}

// Spans finds propaganda spans, sentence by sentence, pooling the spans
// of every tagger (in order of position; spans of different taggers may
// overlap).
func (m *Model) Spans(a *Analysis) []Found {
	var out []Found
	var feats []uint32
	var off []int32
	dc := decoders.Get().(*decoder)
	defer decoders.Put(dc)
	var bag, xfeats, xs []uint32
	var xoff []int32
	if m.span != nil {
		return m.spansPacked(dc, a)
	}
	var probs []float64
	if m.SentBits > 0 {
		for si, s := range a.di.d.Sentences {
			if s.Last > s.First {
				bag = a.di.sentBag(si, bag[:0])
				probs = append(probs, sentProb(m.Sent, uint32(1)<<m.SentBits-1, bag))
			}
		}
	}
	j := 0
	for si, s := range a.di.d.Sentences {
		n := s.Last - s.First
		if n == 0 {
			continue
		}
		if m.SentBits > 0 {
			xs = sentFeatures(probs, j, xs[:0])
		}
		j++
		k := len(out)
		feats, off = a.sentFeatures(si, feats[:0], off[:0])
		if m.SentBits > 0 {
			xfeats, xoff = withFeatures(feats, off, xs, xfeats, xoff)
			feats, off, xfeats, xoff = xfeats, xoff, feats, off
		}
		for _, t := range m.Taggers {
			out = t.sentence(dc, feats, off, n, t.Bias, s.First, out)
		}
		sortFound(out[k:])
	}
	return out
}

// spansPacked is Spans over the compact table.
func (m *Model) spansPacked(dc *decoder, a *Analysis) []Found {
	var out []Found
	d := a.di.d
	m.span.lookups(dc, a.di)
	var xoff []int32
	if m.SentBits > 0 {
		// The sentence classifier's probabilities of the non-empty
		// sentences.
		probs := dc.probs[:0]
		for si, s := range d.Sentences {
			if s.Last > s.First {
				if m.span.sent != nil {
					probs = append(probs, a.di.sentProbOf(si, m.span))
				} else {
					dc.bag = a.di.sentBag(si, dc.bag[:0])
					probs = append(probs, sentProb(m.Sent, uint32(1)<<m.SentBits-1, dc.bag))
				}
			}
		}
		dc.probs = probs
		dc.xs, dc.xoff = dc.xs[:0], append(dc.xoff[:0], 0)
		for j := range probs {
			dc.xs = sentFeatures(probs, j, dc.xs)
			dc.xoff = append(dc.xoff, int32(len(dc.xs)))
		}
		xoff = dc.xoff
	}
	m.span.emissions(dc, a.di, dc.xs, xoff)
	n := len(d.Tokens)
	for _, s := range d.Sentences {
		if s.Last <= s.First {
			continue
		}
		k := len(out)
		dc.back = nlp.Grow(dc.back, (s.Last-s.First)*numTags)
		dc.tags = nlp.Grow(dc.tags, s.Last-s.First)
		for t, tg := range m.Taggers {
			e := dc.e[(t*n+s.First)*numTags : (t*n+s.Last)*numTags]
			viterbi(e, &tg.Trans, tg.Bias, dc.back, dc.tags)
			out = appendSpans(out, dc.tags, e, tg.Bias, max(tg.Scale, 1e-6), s.First)
		}
		sortFound(out[k:])
	}
	return out
}

// sortFound sorts spans by start, longer first.
func sortFound(part []Found) {
	slices.SortStableFunc(part, func(a, b Found) int {
		if c := cmp.Compare(a.First, b.First); c != 0 {
			return c
		}
		return cmp.Compare(b.Last, a.Last)
	})
}

// appendSpans turns a BIO tag sequence into spans, offset by base tokens.
// A span's score is the logistic of its tokens' mean margin (span tag
// over O, bias included) divided by scale.
func appendSpans(out []Found, tags []int8, e []float32, bias, scale float32, base int) []Found {
	start := -1
	var margin float64
	flush := func(end int) {
		if start >= 0 {
			mean := margin / float64(end-start) / float64(scale)
			out = append(out, Found{First: base + start, Last: base + end, Score: 1 / (1 + math.Exp(-mean))})
		}
		start = -1
		margin = 0
	}
	for i, t := range tags {
		if t == tagB || t == tagO {
			flush(i)
		}
		if t == tagB {
			start = i
		}
		if t != tagO {
			margin += float64(e[i*numTags+int(t)] + bias - e[i*numTags+tagO])
		}
	}
	flush(len(tags))
	return out
}

// Given is a span to classify, in tokens.
type Given struct {
	First, Last int
}

// spanFeats holds Classify's feature lists between uses.
var spanFeats = sync.Pool{New: func() any { return new([]uint32) }}

// Classify returns, for each given span, the probabilities of the
// techniques (indexed like ptc.Techniques). Spans given more than once
// are known to carry several techniques; other given spans with the same
// text tell of repetition.
func (m *Model) Classify(a *Analysis, spans []Given) [][]float64 {
	ctxs := spanContexts(a, spans)
	mask := uint32(1)<<m.TCBits - 1
	L := len(ptc.Techniques)
	out := make([][]float64, len(spans))
	all := make([]float64, len(spans)*L)
	for i := range out {
		out[i] = all[i*L : (i+1)*L : (i+1)*L]
	}
	fs := spanFeats.Get().(*[]uint32)
	defer spanFeats.Put(fs)
	feats := (*fs)[:0]
	defer func() { *fs = feats[:0] }()
	off := make([]int32, 1, len(spans)+1)
	for i, s := range spans {
		feats = a.di.spanFeatures(s.First, s.Last, ctxs[i].spanCtx, feats)
		feats = append(feats, fn('o', bucket(ctxs[i].occur, 1, 2, 3, 5)))
		off = append(off, int32(len(feats)))
	}
	if m.tc != nil {
		m.tc.classifyAll(feats, off, out)
		return out
	}
	for i, p := range out {
		classify(m.TC, mask, feats[off[i]:off[i+1]], p)
	}
	return out
}

type fullCtx struct {
	spanCtx
	occur int
}

func spanContexts(a *Analysis, spans []Given) []fullCtx {
	// A span's normalised text is the sequence of its words' types. The
	// counts go through maps keyed by span and by text, so that a long
	// document with many spans costs linear, not quadratic, time.
	di := a.di
	keys := make([]string, len(spans))
	var buf []byte
	for i, s := range spans {
		buf = buf[:0]
		for k := s.First; k < s.Last; k++ {
			if t := di.d.Tokens[k].Kind; t == nlp.Word || t == nlp.Number {
				buf = binary.LittleEndian.AppendUint32(buf, uint32(di.tid[k]))
			}
		}
		keys[i] = string(buf)
	}
	// dups counts how often each span is given; texts how many distinct
	// spans have each text.
	dups := make(map[Given]int, len(spans))
	texts := make(map[string]int, len(spans))
	for j, g := range spans {
		if dups[g] == 0 {
			texts[keys[j]]++
		}
		dups[g]++
	}
	// The article's occurrences of a text depend on the text alone.
	occur := make(map[string]int, len(spans))
	out := make([]fullCtx, len(spans))
	for i, s := range spans {
		o, ok := occur[keys[i]]
		if !ok {
			o = a.occurrences(s.First, s.Last)
			occur[keys[i]] = o
		}
		out[i] = fullCtx{spanCtx: spanCtx{sameText: texts[keys[i]] - 1, dup: dups[s]}, occur: o}
	}
	return out
}

// LabelSpans names the technique of each code-point span [Start, End) of
// d (the TC setting). A span given k times gets its k best techniques, one
// per line, in order.
func (m *Model) LabelSpans(d *nlp.Doc, spans [][2]int) []string {
	a := m.Prepare(d)
	given := make([]Given, len(spans))
	for i, s := range spans {
		f, l := tokenRange(d, s[0], s[1])
		given[i] = Given{f, l}
	}
	probs := m.Classify(a, given)
	seen := map[[2]int]int{}
	out := make([]string, len(spans))
	for i, s := range spans {
		k := seen[s]
		seen[s]++
		out[i] = ptc.Techniques[rank(probs[i], k)]
	}
	return out
}

// rank returns the index of the k-th largest probability (ties in index
// order).
func rank(p []float64, k int) int {
	if k == 0 && len(p) > 0 {
		best := 0
		for i, v := range p {
			if v > p[best] {
				best = i
			}
		}
		return best
	}
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	return idx[k%len(idx)]
}

// Tag finds the technique spans of d: spans from the tagger, each named
// by the classifier. Score is the tagger's confidence times the
// technique's probability.
func (m *Model) Tag(d *nlp.Doc) []report.Technique {
	di := docInfos.Get().(*docInfo)
	defer func() {
		di.d = nil
		docInfos.Put(di)
	}()
	a := &Analysis{di: di.fill(d, m.lex)}
	found := trimFound(a.di.d, m.Spans(a))
	out := make([]report.Technique, 0, len(found))
	if len(found) == 0 {
		return out
	}
	given := make([]Given, len(found))
	for i, f := range found {
		given[i] = Given{f.First, f.Last}
	}
	probs := m.Classify(a, given)
	// Spans of one technique that overlap are merged (spans overlap only
	// when their techniques differ).
	type merged struct {
		first, last int
		score       float64
	}
	var spans [][]merged = make([][]merged, len(ptc.Techniques))
	for i, f := range found {
		k := rank(probs[i], 0)
		sc := f.Score * probs[i][k]
		ms := spans[k]
		if n := len(ms); n > 0 && f.First < ms[n-1].last {
			ms[n-1].last = max(ms[n-1].last, f.Last)
			ms[n-1].score = max(ms[n-1].score, sc)
			continue
		}
		spans[k] = append(ms, merged{f.First, f.Last, sc})
	}
	for k, ms := range spans {
		for _, x := range ms {
			sp := d.SpanTokens(x.first, x.last)
			out = append(out, report.Technique{
				Technique: ptc.Techniques[k], Start: sp.Start, End: sp.End, Text: sp.Text,
				Score: math.Round(x.score*1000) / 1000,
			})
		}
	}
	slices.SortStableFunc(out, func(a, b report.Technique) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(b.End, a.End)
	})
	return out
}
