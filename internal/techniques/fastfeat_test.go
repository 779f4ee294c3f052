package techniques

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
)

// Texts that stress the word-type cache: case, curly apostrophes,
// non-ASCII letters, quotes, numbers, invalid bytes, repeats.
var trickyTexts = []string{
	"",
	"x",
	"Title\n\nThe so-called \u201cexperts\u201d lied about the BRUTAL regime. They said \u201cthe regime is strong and we will win this war\u201d today.\nThe brutal regime must go! Must it? \u2018Yes\u2019 it\u2019s it's IT'S It\u2019S.\n",
	"\u0130stanbul ISTANBUL istanbul \u00c9cole \u00e9cole \u2160 \u2170 1,000 3.5 2017 70s \u00bfQu\u00e9? \u00abnon\u00bb \u201egut\u201c ...!!! -- \u2014 ** == __ \ufffd caf\xe9 na\xefve\n",
	"We will make America great again now. We will make America great again now! WE WILL MAKE AMERICA GREAT AGAIN.\n\n\"Lock her up\" \"lock her up\" 'lock her up'.\n",
	"a a a a a a a a a a. the the the. Running runs ran runner's runners\u2019 generously generous.",
}

func testDocs(t *testing.T) []*nlp.Doc {
	var docs []*nlp.Doc
	for _, s := range trickyTexts {
		docs = append(docs, nlp.NewDoc(s))
	}
	if dir := ptc.TrainDir(); dir != "" {
		for _, a := range loadTrain(t, 0) {
			docs = append(docs, nlp.NewDoc(a.Text))
		}
	}
	return docs
}

// The fast feature extraction gives the very hashes of the reference
// extraction the model was trained with, for every token, sentence and a
// sample of spans, with the word cache cold, warm and cleared now and
// then, in fresh and reused memory.
func TestFastFeaturesMatchReference(t *testing.T) {
	docs := testDocs(t)
	lx := DefaultLexicon()
	rng := rand.New(rand.NewPCG(1, 2))
	reused := new(docInfo)
	defer func(n int) { maxCachedTypes = n }(maxCachedTypes)
	for pass := 0; pass < 3; pass++ {
		if pass == 2 {
			// A cache cleared every few documents.
			maxCachedTypes = 500
			docs = docs[:min(len(docs), 60)]
		}
		for di, d := range docs {
			ref := refNewInfo(d, lx)
			got := newDocInfo(d, lx)
			if pass > 0 {
				got = reused.fill(d, lx) // memory of earlier documents
			}
			where := func(what string, i int) string {
				return fmt.Sprintf("doc %d %s %d", di, what, i)
			}
			if !slices.Equal(lowers(got), ref.lower) || !slices.Equal(stems(got), ref.stem) || !slices.Equal(got.shape, ref.shape) ||
				!slices.Equal(got.lex, ref.lex) || !slices.Equal(got.sent, ref.sent) || !slices.Equal(got.inQ, ref.inQ) ||
				!slices.Equal(got.scare, ref.scare) || !slices.Equal(got.rep, ref.rep) || !slices.Equal(got.art, ref.art) ||
				!slices.Equal(got.words, ref.words) || !slices.Equal(sentFacts(got.sents), ref.sents) {
				t.Fatalf("%s: per-token facts differ", where("doc", di))
			}
			var a, b []uint32
			for i := range d.Tokens {
				a, b = got.tokenFeatures(i, a[:0]), ref.tokenFeatures(i, b[:0])
				if !slices.Equal(a, b) {
					t.Fatalf("%s: token features %v, want %v", where("token", i), a, b)
				}
			}
			for si := range d.Sentences {
				a, b = got.sentBag(si, a[:0]), ref.sentBag(si, b[:0])
				if !slices.Equal(a, b) {
					t.Fatalf("%s: sentence bag differs", where("sentence", si))
				}
				s := d.Sentences[si]
				checkSpan(t, got, ref, s.First, s.Last, where("sentence span", si))
			}
			n := len(d.Tokens)
			for k := 0; k < 40 && n > 0; k++ {
				f := rng.IntN(n)
				l := min(n, f+1+rng.IntN(12))
				checkSpan(t, got, ref, f, l, where("span", f))
			}
		}
	}
}

// lowers returns the lower-cased form of each token of di.
func lowers(di *docInfo) []string {
	out := make([]string, len(di.lt))
	for i, lt := range di.lt {
		out[i] = lt.lower
	}
	return out
}

// stems returns the stem of each token of di.
func stems(di *docInfo) []string {
	out := make([]string, len(di.lt))
	for i, lt := range di.lt {
		out[i] = lt.stem
	}
	return out
}

// sentFacts returns sents without the precomputed features.
func sentFacts(sents []sentInfo) []sentInfo {
	out := slices.Clone(sents)
	for i := range out {
		out[i].facts = [5]uint32{}
	}
	return out
}

func checkSpan(t *testing.T, got *docInfo, ref *refInfo, f, l int, where string) {
	t.Helper()
	ctx := spanCtx{sameText: 1, dup: 2}
	a, b := got.spanFeatures(f, l, ctx, nil), ref.spanFeatures(f, l, ctx, nil)
	if !slices.Equal(a, b) {
		t.Fatalf("%s: span features differ", where)
	}
	if x, y := normSpanText(got, f, l), refNormSpanText(ref, f, l); x != y {
		t.Fatalf("%s: span text %q, want %q", where, x, y)
	}
	if x, y := (&Analysis{di: got}).occurrences(f, l), refOccurrences(ref, f, l); x != y {
		t.Fatalf("%s: occurrences %d, want %d", where, x, y)
	}
}

// featureDigest hashes every token feature, sentence bag and span
// feature of text.
func featureDigest(text string) uint64 {
	d := nlp.NewDoc(text)
	di := newDocInfo(d, DefaultLexicon())
	h := fnv.New64a()
	put := func(fs []uint32) {
		for _, f := range fs {
			h.Write([]byte{byte(f), byte(f >> 8), byte(f >> 16), byte(f >> 24)})
		}
	}
	for i := range d.Tokens {
		put(di.tokenFeatures(i, nil))
	}
	for si, s := range d.Sentences {
		put(di.sentBag(si, nil))
		put(di.spanFeatures(s.First, s.Last, spanCtx{}, nil))
	}
	return h.Sum64()
}

// The feature hashes are part of the embedded model: these digests were
// computed by the code the model was trained with. A change here means
// the model no longer reads the features it learned.
func TestFeatureHashesFixed(t *testing.T) {
	want := []uint64{0xcbf29ce484222325, 0x9189cf4aa68dccd0, 0x507925fb09fa8961, 0x84be765fc046e7ee, 0xc7ad173b99657859, 0x743e59eb9fc1d6e1}
	for i, s := range trickyTexts {
		if got := featureDigest(s); got != want[i] {
			t.Errorf("text %d: digest %#x, want %#x", i, got, want[i])
		}
	}
}

// Decoding over the compact span table gives, for every token, the exact
// sum of the quantised weights of its features (tokenFeatures and the
// sentence's features, the ones the model was trained with) in the plain
// tables, whether the word types keep their rows or not, and the spans
// that these sums decode into.
func TestSpanTableMatchesPlain(t *testing.T) {
	m := embedded(t)
	if m.span == nil {
		t.Fatal("the embedded model has no compact span table")
	}
	plain := *m
	plain.span = nil
	docs := testDocs(t)
	bare := DefaultLexicon() // keeps no rows with its word types
	bare.clusters = m.clusters
	var xs []uint32
	var feats []uint32
	changed, spans, maxDiff := 0, 0, 0.0
	for di, d := range docs {
		a := m.Prepare(d)
		abare := &Analysis{di: newDocInfo(d, bare)}
		var probs []float64
		if m.span.sent == nil {
			t.Fatal("the compact table has no sentence classifier")
		}
		for si, s := range d.Sentences {
			if s.Last > s.First {
				p := sentProb(m.Sent, uint32(1)<<m.SentBits-1, a.di.sentBag(si, nil))
				if x, y := a.di.sentProbOf(si, m.span), abare.di.sentProbOf(si, m.span); math.Float64bits(x) != math.Float64bits(p) || math.Float64bits(y) != math.Float64bits(p) {
					t.Fatalf("doc %d sentence %d: sentence probability %v and %v, want %v", di, si, x, y, p)
				}
				probs = append(probs, p)
			}
		}
		xs, xoff := xs[:0], []int32{0}
		for j := range probs {
			xs = sentFeatures(probs, j, xs)
			xoff = append(xoff, int32(len(xs)))
		}
		typed, untyped := new(decoder), new(decoder)
		m.span.lookups(typed, a.di)
		m.span.emissions(typed, a.di, xs, xoff)
		m.span.lookups(untyped, abare.di)
		m.span.emissions(untyped, abare.di, xs, xoff)
		n := len(d.Tokens)
		var want []Found
		j := 0
		for _, s := range d.Sentences {
			if s.Last <= s.First {
				continue
			}
			e := make([][]float32, len(m.Taggers))
			for k := range e {
				e[k] = make([]float32, (s.Last-s.First)*numTags)
			}
			for i := s.First; i < s.Last; i++ {
				feats = append(a.di.tokenFeatures(i, feats[:0]), xs[xoff[j]:xoff[j+1]]...)
				for k, tg := range m.Taggers {
					for y := 0; y < numTags; y++ {
						var exact int64
						for _, f := range feats {
							exact += int64(step(tg.W[int(f&tg.mask())*numTags+y], tg.wscale))
						}
						sc := m.span.scale[k]
						for name, dc := range map[string]*decoder{"with type rows": typed, "without type rows": untyped} {
							if got := dc.sums[i].lanes()[k*numTags+y]; int64(got) != exact {
								t.Fatalf("doc %d token %d tagger %d tag %d, %s: sum %d, want %d", di, i, k, y, name, got, exact)
							}
							if got := dc.e[(k*n+i)*numTags+y]; math.Float32bits(got) != math.Float32bits(float32(exact)*sc) {
								t.Fatalf("doc %d token %d tagger %d tag %d, %s: emission %v, want %v", di, i, k, y, name, got, float32(exact)*sc)
							}
						}
						e[k][(i-s.First)*numTags+y] = float32(exact) * sc
					}
				}
			}
			j++
			k0 := len(want)
			for k, tg := range m.Taggers {
				tags := make([]int8, s.Last-s.First)
				refViterbi(e[k], &tg.Trans, tg.Bias, make([]int8, len(e[k])), tags)
				want = appendSpans(want, tags, e[k], tg.Bias, max(tg.Scale, 1e-6), s.First)
			}
			sortFound(want[k0:])
		}
		got := m.Spans(a)
		if !slices.Equal(got, want) {
			t.Fatalf("doc %d: spans %v, want %v", di, got, want)
		}
		if got := m.Spans(abare); !slices.Equal(got, want) {
			t.Fatalf("doc %d, types without rows: spans %v, want %v", di, got, want)
		}
		// The plain tables' float32 sums round differently: the spans
		// may differ a little.
		p := plain.Spans(a)
		if !slices.EqualFunc(p, got, func(x, y Found) bool { return x.First == y.First && x.Last == y.Last }) {
			changed++
		}
		for i := range min(len(p), len(got)) {
			if d := math.Abs(p[i].Score - got[i].Score); d > maxDiff && p[i].First == got[i].First && p[i].Last == got[i].Last {
				maxDiff = d
			}
		}
		spans += len(got)
	}
	t.Logf("%d documents, %d spans; with float32 sums, %d documents have other spans, scores differ by up to %.2g", len(docs), spans, changed, maxDiff)
}

func TestPackTaggersShapes(t *testing.T) {
	a, b, c := newTagger(8, 0, 0), newTagger(8, 0, 5), newTagger(9, 6, 0)
	a.wscale, b.wscale, c.wscale = 0.1, 0.5, 0.1
	a.W[4], b.W[7] = float32(3)*0.1, float32(-3)*0.5
	if packTaggers([]*Tagger{a, c}) != nil || packTaggers([]*Tagger{a, b, b}) != nil || packTaggers(nil) != nil {
		t.Error("packed taggers of different sizes, or three, or none")
	}
	st := packTaggers([]*Tagger{a, b})
	if st == nil || len(st.rows) != 3 || st.rows[st.zeroRow()] != [8]int16{} {
		t.Fatalf("want the two non-zero rows and a zero row, got %v", st)
	}
	if w := st.row(1); w == nil || w[1] != 3 || w[3+1] != 0 {
		t.Errorf("row 1 = %v", w)
	}
	if w := st.row(2); w == nil || w[3+1] != -3 {
		t.Errorf("row 2 = %v", w)
	}
	if st.row(0) != nil || st.row(3) != nil || st.row(256+1) == nil {
		t.Error("zero rows found, or a feature not masked")
	}
	if st.scale != [2]float32{0.1, 0.5} {
		t.Errorf("scales %v", st.scale)
	}
	// Weights that are not steps of the scale, or too many of them, or
	// no scale: the plain tables decode.
	for _, w := range []float32{0.33, 32768 * 0.1} {
		a.W[5] = w
		if packTaggers([]*Tagger{a, b}) != nil {
			t.Errorf("packed weight %v of step 0.1", w)
		}
	}
	a.W[5] = 0
	a.wscale = 0
	if packTaggers([]*Tagger{a}) != nil {
		t.Error("packed a tagger without a step")
	}
}

// The unrolled decoder gives the reference decoder's tags, ties and
// infinities included.
func TestViterbiMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for c := 0; c < 3000; c++ {
		n := 1 + rng.IntN(30)
		e := make([]float32, n*numTags)
		var trans [numTags + 1][numTags]float32
		val := func() float32 {
			switch rng.IntN(12) {
			case 0:
				return float32(math.Inf(-1))
			case 1, 2, 3:
				return float32(rng.IntN(3)) // ties
			}
			return float32(rng.NormFloat64())
		}
		for i := range e {
			e[i] = val()
		}
		for p := range trans {
			for y := range trans[p] {
				trans[p][y] = val()
			}
		}
		bias := float32(rng.IntN(3)) - 1
		got, want := make([]int8, n), make([]int8, n)
		viterbi(e, &trans, bias, make([]int8, n*numTags), got)
		refViterbi(e, &trans, bias, make([]int8, n*numTags), want)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: tags %v, want %v", c, got, want)
		}
	}
}

// The compact classifier table gives the plain table's probabilities bit
// for bit, on the spans the tagger finds.
func TestTCTableMatchesPlain(t *testing.T) {
	m := embedded(t)
	if m.tc == nil {
		t.Fatal("the embedded model has no compact classifier table")
	}
	docs := testDocs(t)
	mask := uint32(1)<<m.TCBits - 1
	n := 0
	for di, d := range docs[:min(len(docs), 60)] {
		a := m.Prepare(d)
		var given []Given
		for _, f := range m.Spans(a) {
			given = append(given, Given{f.First, f.Last})
		}
		ctxs := spanContexts(a, given)
		for i, s := range given {
			feats := a.di.spanFeatures(s.First, s.Last, ctxs[i].spanCtx, nil)
			got, want := make([]float64, len(ptc.Techniques)), make([]float64, len(ptc.Techniques))
			m.tc.classifyAll(feats, []int32{0, int32(len(feats))}, [][]float64{got})
			classify(m.TC, mask, feats, want)
			for k := range want {
				if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
					t.Fatalf("doc %d span %d: p[%d] = %v, want %v", di, i, k, got[k], want[k])
				}
			}
			n++
		}
	}
	if n == 0 && len(docs) > 10 {
		t.Fatal("no spans to classify")
	}
	// Classify over the compact table and over the plain one.
	plain := *m
	plain.tc = nil
	for di, d := range docs[:min(len(docs), 60)] {
		a := m.Prepare(d)
		var given []Given
		for _, f := range m.Spans(a) {
			given = append(given, Given{f.First, f.Last}, Given{f.First, min(len(d.Tokens), f.Last+1)})
		}
		got, want := m.Classify(a, given), plain.Classify(a, given)
		for i := range want {
			for k := range want[i] {
				if math.Float64bits(got[i][k]) != math.Float64bits(want[i][k]) {
					t.Fatalf("doc %d span %d: Classify p[%d] = %v, want %v", di, i, k, got[i][k], want[i][k])
				}
			}
		}
	}
}

// Quantize packs the weights it rounds: a model trained in memory
// decodes as its saved file does.
func TestQuantizePacksRoundedWeights(t *testing.T) {
	m := newModel(8)
	m.Taggers = []*Tagger{newTagger(8, 0, 0), newTagger(8, 0, 0)}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, w := range [][]float32{m.Taggers[0].W, m.Taggers[1].W, m.TC} {
		for i := range w {
			if rng.IntN(3) == 0 {
				w[i] = float32(rng.NormFloat64())
			}
		}
	}
	m.Quantize()
	if m.span == nil || m.tc == nil {
		t.Fatal("Quantize made no compact tables")
	}
	for f := uint32(0); f < 1<<8; f++ {
		got := make([]float64, len(ptc.Techniques))
		want := make([]float64, len(ptc.Techniques))
		m.tc.classifyAll([]uint32{f, f * 7}, []int32{0, 2}, [][]float64{got})
		classify(m.TC, 1<<8-1, []uint32{f, f * 7}, want)
		if !slices.Equal(got, want) {
			t.Fatalf("feature %d: classifier tables differ", f)
		}
		w := m.span.row(f)
		for k, tg := range m.Taggers {
			for y := 0; y < numTags; y++ {
				v := tg.W[int(f)*numTags+y]
				if (w == nil && v != 0) || (w != nil && float32(w[k*numTags+y])*m.span.scale[k] != v) {
					t.Fatalf("feature %d tagger %d: span tables differ", f, k)
				}
			}
		}
	}
}

// rank's shortcut for the best gives what sorting gives, ties included.
func TestRankBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for c := 0; c < 2000; c++ {
		p := make([]float64, 1+rng.IntN(16))
		for i := range p {
			p[i] = float64(rng.IntN(4)) / 4
		}
		idx := make([]int, len(p))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
		if got := rank(p, 0); got != idx[0] {
			t.Fatalf("rank(%v, 0) = %d, want %d", p, got, idx[0])
		}
		if got := rank(p, len(p)+1); got != idx[1%len(p)] {
			t.Fatalf("rank(%v, %d) = %d, want %d", p, len(p)+1, got, idx[1%len(p)])
		}
	}
}

// spanContexts counts repeated span texts as the reference does.
func TestSpanContextsMatchReference(t *testing.T) {
	m := embedded(t)
	rng := rand.New(rand.NewPCG(9, 10))
	docs := testDocs(t)
	for di, d := range docs[:min(len(docs), 120)] {
		n := len(d.Tokens)
		if n == 0 {
			continue
		}
		a := m.Prepare(d)
		var given []Given
		for _, f := range m.Spans(a) {
			given = append(given, Given{f.First, f.Last})
		}
		// Random spans, some given twice, some with the text of others.
		for k := 0; k < 30; k++ {
			f := rng.IntN(n)
			given = append(given, Given{f, min(n, f+rng.IntN(4))})
			if k%5 == 0 {
				given = append(given, given[rng.IntN(len(given))])
			}
		}
		got, want := spanContexts(a, given), refSpanContexts(a, given)
		if !slices.Equal(got, want) {
			t.Fatalf("doc %d: contexts %v, want %v", di, got, want)
		}
	}
}

// Packed sums add every lane exactly, extreme steps included.
func TestSumLanes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for c := 0; c < 2000; c++ {
		var a sum
		var want [2 * numTags]int64
		for k := rng.IntN(200); k > 0; k-- {
			var r [8]int16
			for l := 0; l < 2*numTags; l++ {
				switch rng.IntN(4) {
				case 0:
					r[l] = math.MaxInt16
				case 1:
					r[l] = math.MinInt16
				default:
					r[l] = int16(rng.IntN(1 << 16))
				}
				want[l] += int64(r[l])
			}
			if rng.IntN(2) == 0 {
				a = a.plusRow(&r)
			} else {
				a = a.plus(sum{}.plusRow(&r))
			}
		}
		for l, v := range a.lanes() {
			if int64(v) != want[l] {
				t.Fatalf("case %d lane %d: %d, want %d", c, l, v, want[l])
			}
		}
	}
}
