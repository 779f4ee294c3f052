package techniques

import (
	"math"
	"math/bits"
	"sync"

	"github.com/sift-project/sift/internal/nlp"
)

// spanTable is a compact copy of the span taggers' weights for decoding
// (for one or two taggers, which is what training makes). The taggers
// read the same features, so their rows are stored side by side and one
// memory access serves both. A saved model's weights are int16 steps of a
// scale per tagger: the table keeps those integers, and a token's score
// is the integer sum of its features' steps times the scale. Integer sums
// are exact and do not depend on the order of the terms, so features can
// be added in groups summed beforehand (see typeRows and smallRows): the
// result is the exact sum of the features' quantised weights, rounded once
// to float32. Only rows with a non-zero weight are kept (most are zero); a
// bitmap with running counts (one block per 64 rows) maps a row to its
// place.
type spanTable struct {
	taggers int
	mask    uint32
	blocks  []rankBlock
	// rows holds numTags steps of tagger 0, then of tagger 1 (zero when
	// there is one tagger), then two of padding; the last row is a zero
	// row that no feature maps to (zeroRow).
	rows [][8]int16
	// scale is each tagger's step.
	scale [2]float32
	// small holds the sums of the features with few values.
	small *smallRows
	// sent and sentMask are the sentence classifier's weights as int16
	// steps of sentScale (nil when the model has none, or they are not
	// quantised); see sentW.
	sent      []int16
	sentMask  uint32
	sentScale float32
}

type rankBlock struct {
	bits uint64 // rows present
	base uint32 // rows present in the blocks before
}

// packRows builds the rank bitmap of a table of rows rows and the compact
// rows of those keep holds, each filled by fill. The rows are counted first
// so that they are allocated once (appending would leave garbage of up to
// twice the table while the model loads).
func packRows[R any](rows int, keep func(r int) bool, fill func(r int, row *R)) ([]rankBlock, []R) {
	total := 0
	for r := 0; r < rows; r++ {
		if keep(r) {
			total++
		}
	}
	blocks := make([]rankBlock, (rows+63)/64)
	out := make([]R, total)
	n := uint32(0)
	for r := 0; r < rows; r++ {
		if r%64 == 0 {
			blocks[r/64].base = n
		}
		if !keep(r) {
			continue
		}
		blocks[r/64].bits |= 1 << (r % 64)
		fill(r, &out[n])
		n++
	}
	return blocks, out
}

// packTaggers returns the compact table of ts, or nil when there are
// more than two taggers, they differ in size or their weights are not
// quantised (multiples of their step that fit an int16).
func packTaggers(ts []*Tagger) *spanTable {
	if len(ts) == 0 || len(ts) > 2 {
		return nil
	}
	for _, t := range ts {
		if t.Bits != ts[0].Bits || len(t.W) != (1<<t.Bits)*numTags || !quantised(t.W, t.wscale) {
			return nil
		}
	}
	rows := 1 << ts[0].Bits
	st := &spanTable{taggers: len(ts), mask: uint32(rows - 1)}
	for k, t := range ts {
		st.scale[k] = t.wscale
	}
	st.blocks, st.rows = packRows(rows, func(r int) bool {
		for _, t := range ts {
			w := t.W[r*numTags : r*numTags+numTags]
			if w[0] != 0 || w[1] != 0 || w[2] != 0 {
				return true
			}
		}
		return false
	}, func(r int, row *[8]int16) {
		for k, t := range ts {
			for y := 0; y < numTags; y++ {
				row[k*numTags+y] = step(t.W[r*numTags+y], t.wscale)
			}
		}
	})
	st.rows = append(st.rows, [8]int16{})
	st.small = st.smallRows()
	return st
}

// sentW returns the sentence classifier's weight of feature f: the
// float32 weight of the plain table, bit for bit.
func (st *spanTable) sentW(f uint32) float32 {
	return float32(st.sent[f&st.sentMask]) * st.sentScale
}

// step returns the integer multiple of scale that v is (see quantised).
func step(v, scale float32) int16 {
	return int16(math.Round(float64(v / scale)))
}

// quantised reports whether every weight of w is an int16 multiple of
// scale, as Load and Quantize make them.
func quantised(w []float32, scale float32) bool {
	if !(scale > 0) || math.IsInf(float64(scale), 0) {
		return false
	}
	for _, v := range w {
		if v == 0 {
			continue
		}
		q := math.Round(float64(v / scale))
		if q < math.MinInt16 || q > math.MaxInt16 || float32(q)*scale != v {
			return false
		}
	}
	return true
}

// row returns the steps of feature f, nil when they are all zero.
func (st *spanTable) row(f uint32) *[8]int16 {
	r := f & st.mask
	b := st.blocks[r>>6]
	bit := r & 63
	if b.bits>>bit&1 == 0 {
		return nil
	}
	return &st.rows[int(b.base)+bits.OnesCount64(b.bits&(1<<bit-1))]
}

// sum is a sum of rows: numTags steps of each tagger, six int32 lanes
// packed two to a uint64 (lanes 0 and 1 in x, 2 and 3 in y, 4 and 5 in
// z; the low lane holds its value, the high one its value less the low
// lane's borrow). Adding sums adds every lane, exactly, as long as each
// lane's total fits an int32 (a token has some forty features of at most
// 2^15 steps). A struct of three words stays in registers.
type sum struct{ x, y, z uint64 }

// unpair returns the lanes of p.
func unpair(p uint64) (lo, hi int32) {
	lo = int32(uint32(p))
	return lo, int32(uint32((p - uint64(int64(lo))) >> 32))
}

// plus returns a + b.
func (a sum) plus(b sum) sum { return sum{a.x + b.x, a.y + b.y, a.z + b.z} }

// plusRow returns a plus row r.
func (a sum) plusRow(r *[8]int16) sum {
	return sum{
		a.x + uint64(int64(r[0])) + uint64(int64(r[1]))<<32,
		a.y + uint64(int64(r[2])) + uint64(int64(r[3]))<<32,
		a.z + uint64(int64(r[4])) + uint64(int64(r[5]))<<32,
	}
}

// lanes returns the six lanes of a.
func (a sum) lanes() (l [2 * numTags]int32) {
	l[0], l[1] = unpair(a.x)
	l[2], l[3] = unpair(a.y)
	l[4], l[5] = unpair(a.z)
	return l
}

// of returns a plus the rows of features fs of st.
func (a sum) of(st *spanTable, fs ...uint32) sum {
	for _, f := range fs {
		if r := st.row(f); r != nil {
			a = a.plusRow(r)
		}
	}
	return a
}

// lexAll has the bits of the lexicon classes.
var lexAll = uint16(1)<<len(LexClasses) - 1

// smallRows holds the summed rows of the token features that take few
// values, indexed by those values: the token's shape with the shape
// pairs (H: previous and own, J: own and next), the position in the
// sentence with the quote context, the lexicon classes of the token and
// of its window, and the repetition and word-count buckets.
type smallRows struct {
	// shape[p][c][n] is h(c) + H(p, c) + J(c, n), shapes as shapeIndex.
	shape [numShapes][numShapes][numShapes]sum
	// pos[rel][q] is r(rel) + (q&1: in quotes) + (q&2: scare quotes).
	pos [len(featRel)][4]sum
	// lex[c] and lexWin[c] are the lexicon class features.
	lex, lexWin [16]sum
	// repCount[r][c]: r is 1 + the repetition bucket (0: none), c 1 +
	// the count bucket (0: none).
	repCount [len(featRep) + 1][len(featCount) + 1]sum
	// For typeRows: the length buckets, the sentence boundaries' p and n
	// features, and the cluster features ('1' of the fine clusters, '2',
	// '4' and '5' of the coarse ones; noCluster is numbered as the last).
	len        [len(featLen)]sum
	start, end sum
	fine       [maxFine + 2]sum
	coarse     [3][maxCoarse + 2]sum
}

// The cluster numbers that smallRows holds rows for (noCluster aside).
const (
	maxFine   = 1023
	maxCoarse = 255
)

// clusterRow returns the row of tag ('1', '2', '4' or '5') and cluster c
// from tab (rows of clusters up to len(tab)-2, then of noCluster), or
// st's.
func (st *spanTable) clusterRow(tab []sum, tag byte, c int) sum {
	switch {
	case c == noCluster:
		return tab[len(tab)-1]
	case c < len(tab)-1:
		return tab[c]
	}
	return sum{}.of(st, fn(tag, c))
}

// clusterOfIndex is the cluster whose row is at index c of a table with
// rows for clusters up to max: c, or noCluster for max+1.
func clusterOfIndex(c, max int) int {
	if c > max {
		return noCluster
	}
	return c
}

func (st *spanTable) smallRows() *smallRows {
	sr := new(smallRows)
	for p := range numShapes {
		for c := range numShapes {
			for n := range numShapes {
				sr.shape[p][c][n] = sum{}.of(st, featShapeTab[c], featPair[0][p][c], featPair[1][c][n])
			}
		}
	}
	for r := range sr.pos {
		for q := range sr.pos[r] {
			a := sum{}.of(st, featRel[r])
			if q&1 != 0 {
				a = a.of(st, featInQ)
			}
			if q&2 != 0 {
				a = a.of(st, featScare)
			}
			sr.pos[r][q] = a
		}
	}
	for c := range sr.lex {
		sr.lex[c] = sum{}.of(st, featLex[c])
		sr.lexWin[c] = sum{}.of(st, featLexWin[c])
	}
	for k := range sr.len {
		sr.len[k] = sum{}.of(st, featLen[k])
	}
	sr.start, sr.end = sum{}.of(st, hashPStart), sum{}.of(st, hashNEnd)
	for c := range sr.fine {
		sr.fine[c] = sum{}.of(st, fn('1', clusterOfIndex(c, maxFine)))
	}
	for k, tag := range []byte{'2', '4', '5'} {
		for c := range sr.coarse[k] {
			sr.coarse[k][c] = sum{}.of(st, fn(tag, clusterOfIndex(c, maxCoarse)))
		}
	}
	for r := range sr.repCount {
		for c := range sr.repCount[r] {
			var a sum
			if r > 0 {
				a = a.of(st, featRep[r-1])
			}
			if c > 0 {
				a = a.of(st, featCount[c-1])
			}
			sr.repCount[r][c] = a
		}
	}
	return sr
}

// typeRows holds the summed rows of the span features that a word type
// gives the tokens around it (see tokenFeatures), so that decoding adds a
// few sums per token instead of looking up each feature.
type typeRows struct {
	// own is the token's own word, stem, suffix and prefixes (words of
	// five bytes or more), length bucket and, with clusters, its fine and
	// coarse clusters.
	own sum
	// asPrev is the features of the token after it: p, y and, with
	// clusters, the previous token's coarse cluster ('4').
	asPrev sum
	// asNext is the features of the token before it: n, Y and the next
	// token's coarse cluster ('5').
	asNext sum
	// first and last replace asPrev of a missing previous token (and the
	// B bigram) at the start of a sentence and asNext (and C) at its end.
	first, last sum
}

// typeRows fills tr for type lt, with the cluster features when clus is
// set.
func (st *spanTable) typeRows(lt *lowType, clus bool, tr *typeRows) {
	sm := st.small
	*tr = typeRows{}
	tr.own = sm.len[lt.lenB].of(st, lt.hw, lt.hs)
	if len(lt.lower) > 4 {
		tr.own = tr.own.of(st, lt.hx, lt.hk, lt.hg)
	}
	tr.asPrev = tr.asPrev.of(st, lt.hp, lt.hy)
	tr.asNext = tr.asNext.of(st, lt.hn, lt.hY)
	tr.first = sm.start.of(st, lt.hBs)
	tr.last = sm.end.of(st, lt.hCe)
	if clus {
		fine, coarse := int(lt.clus>>16), int(lt.clus&0xffff)
		tr.own = tr.own.plus(st.clusterRow(sm.fine[:], '1', fine)).plus(st.clusterRow(sm.coarse[0][:], '2', coarse))
		tr.asPrev = tr.asPrev.plus(st.clusterRow(sm.coarse[1][:], '4', coarse))
		tr.asNext = tr.asNext.plus(st.clusterRow(sm.coarse[2][:], '5', coarse))
		tr.first = tr.first.plus(sm.coarse[1][maxCoarse+1])
		tr.last = tr.last.plus(sm.coarse[2][maxCoarse+1])
	}
}

// rowsOf returns the rows of type lt for a model that reads clusters
// when clus is set: those the type keeps, else computed into tmp.
func (st *spanTable) rowsOf(lt *lowType, clus bool, tmp *typeRows) *typeRows {
	if lt.rowsOf == st && lt.rowsClus == clus {
		return &lt.tr
	}
	st.typeRows(lt, clus, tmp)
	return tmp
}

// zeroRow is the index of st's zero row.
func (st *spanTable) zeroRow() int32 { return int32(len(st.rows) - 1) }

// lookups finds the rows of the bigram features of the tokens of di (B
// with the token before, C with the one after, within the sentence) for
// emissions: the indexes in st.rows dc.ws[2i] and dc.ws[2i+1] (zeroRow
// for a zero row or no such feature). It works in passes over the document that touch the bitmap
// blocks, find the rows, then touch the rows, each a short loop so that
// many memory loads are under way at once; the first also touches what
// sentProbOf and emissions read of the tokens' types and of the sentence
// classifier's weights.
func (st *spanTable) lookups(dc *decoder, di *docInfo) {
	if di.rowsTab != st {
		di.touchBlocks(st)
		di.findRows(st)
	}
	var tt uint64
	for _, lt := range di.lt {
		tt ^= lt.tr.own.x ^ lt.tr.asNext.z
	}
	dc.sink += int(tt & 1)
}

// find returns the index in st.rows of the row of feature f (zeroRow
// when it has none).
func (st *spanTable) find(f uint32) int32 {
	bl := st.blocks[(f&st.mask)>>6]
	if bl.bits>>(f&63)&1 == 0 {
		return st.zeroRow()
	}
	return int32(bl.base) + int32(bits.OnesCount64(bl.bits&(1<<(f&63)-1)))
}

// touchBlocks loads the bitmap blocks of the bigram features of di's
// tokens, so that findRows finds them in the cache.
func (di *docInfo) touchBlocks(st *spanTable) {
	var tb uint64
	for i := range di.big {
		tb ^= st.blocks[(di.big[i]&st.mask)>>6].bits ^ st.blocks[(di.bigC[i]&st.mask)>>6].bits
	}
	di.sink += int(tb & 1)
}

// findRows sets di.rows for st: the rows of each token's bigram features,
// B with the token before (2i) and C with the one after (2i+1), whether
// the tokens are in the same sentence or not (emissions adds them only
// within a sentence); it touches them and the sentence classifier's
// weights of the B bigrams.
func (di *docInfo) findRows(st *spanTable) {
	n := len(di.big)
	di.rows = nlp.Zeroed(di.rows, 2*n)
	zero := st.zeroRow()
	var touch int16
	var tw int16
	for i := range n {
		b, c := zero, zero
		if i > 0 {
			b = st.find(di.big[i])
			if st.sent != nil {
				tw ^= st.sent[di.big[i]&st.sentMask]
			}
		}
		if i+1 < n {
			c = st.find(di.bigC[i])
		}
		di.rows[2*i], di.rows[2*i+1] = b, c
		touch ^= st.rows[b][0] ^ st.rows[c][0]
	}
	di.rowsTab = st
	di.sink += int(touch&1) + int(tw&1)
}

// emissions fills dc.e with the taggers' scores of the tokens of the
// sentences of di, and dc.sums with their integer sums of steps, given
// the bigram rows that lookups found; xs holds the features added to
// every token of the j-th non-empty sentence (xs[xoff[j]:xoff[j+1]]).
// Tagger t's scores of token i are e[t*n*numTags+i*numTags:][:numTags],
// n = len(di.d.Tokens).
//
// A token's sum is its type's own rows, those its neighbours give it (or
// the sentence boundary's), its sentence's, the small-vocabulary rows and
// the two bigram features and, for lexicon words, the count feature. Each
// type's rows are read once per token: its own go to the token, the rest
// to its neighbours.
func (st *spanTable) emissions(dc *decoder, di *docInfo, xs []uint32, xoff []int32) {
	d := di.d
	n := len(d.Tokens)
	dc.e = nlp.Grow(dc.e, st.taggers*n*numTags)
	dc.sums = nlp.Grow(dc.sums, n)
	ws, rows := di.rows, st.rows
	sm := st.small
	clus := di.clus
	var tmp typeRows
	e0, e1 := dc.e[:n*numTags], dc.e[n*numTags:]
	sc0, sc1 := st.scale[0], st.scale[1]
	two := st.taggers > 1
	put := func(i int, a sum) {
		dc.sums[i] = a
		l0, l1 := unpair(a.x)
		l2, l3 := unpair(a.y)
		l4, l5 := unpair(a.z)
		o := e0[i*numTags : i*numTags+numTags : i*numTags+numTags]
		o[0], o[1], o[2] = float32(l0)*sc0, float32(l1)*sc0, float32(l2)*sc0
		if two {
			o := e1[i*numTags : i*numTags+numTags : i*numTags+numTags]
			o[0], o[1], o[2] = float32(l3)*sc1, float32(l4)*sc1, float32(l5)*sc1
		}
	}
	j := 0
	for si, s := range d.Sentences {
		if s.Last <= s.First {
			continue
		}
		// What every token of the sentence has.
		info := &di.sents[si]
		sent := sum{}.of(st, featBias).of(st, info.facts[:]...)
		if info.excl {
			sent = sent.of(st, featExcl)
		}
		sent = sent.of(st, di.lt[s.First].hcar)
		if info.ques {
			sent = sent.of(st, featQues)
		}
		if info.quote {
			sent = sent.of(st, featQuote)
		}
		if xoff != nil {
			sent = sent.of(st, xs[xoff[j]:xoff[j+1]]...)
		}
		j++
		// prev is the sum of token i-1 but for what token i gives it;
		// carry what token i-1 gives token i.
		var prev, carry sum
		for i := s.First; i < s.Last; i++ {
			lt := di.lt[i]
			tr := st.rowsOf(lt, clus, &tmp)
			a := tr.own.plus(sent)
			first, last := i == s.First, i+1 == s.Last
			ps, ns := byte(0), byte(0)
			if first {
				a = a.plus(tr.first)
			} else {
				a = a.plus(carry).plusRow(&rows[ws[2*i]])
				put(i-1, prev.plus(tr.asNext))
				ps = di.shape[i-1]
			}
			if last {
				a = a.plus(tr.last)
			} else {
				carry = tr.asPrev
				a = a.plusRow(&rows[ws[2*i+1]])
				ns = di.shape[i+1]
			}
			cs := di.shape[i]
			kp, ok1 := shapeIndex(ps)
			kc, ok2 := shapeIndex(cs)
			kn, ok3 := shapeIndex(ns)
			if ok1 && ok2 && ok3 {
				a = a.plus(sm.shape[kp][kc][kn])
			} else {
				a = a.of(st, featShape(cs), featShapes('H', ps, cs), featShapes('J', cs, ns))
			}
			rel := relPos(i, s)
			q := 0
			if di.inQ[i] {
				q = 1
			}
			if di.scare[i] {
				q |= 2
			}
			a = a.plus(sm.pos[rel][q])
			if lx, win := di.lex[i]&lexAll, di.lexWindow(i, s)&lexAll; lx|win != 0 {
				for ; lx != 0; lx &= lx - 1 {
					a = a.plus(sm.lex[bits.TrailingZeros16(lx)])
				}
				for ; win != 0; win &= win - 1 {
					a = a.plus(sm.lexWin[bits.TrailingZeros16(win)])
				}
			}
			r, c := 0, 0
			if di.rep[i] > 0 {
				r = 1 + bucket(int(di.rep[i]), 1, 2)
			}
			if d.Tokens[i].Kind == nlp.Word && len(lt.lower) > 3 {
				cnt := di.wcount(i)
				c = 1 + bucket(cnt, 1, 2, 4, 8)
				if di.lex[i] != 0 {
					a = a.of(st, hbyte(lt.preX, byte('0'+bucket(cnt, 1, 3))))
				}
			}
			a = a.plus(sm.repCount[r][c])
			if last {
				put(i, a)
			}
			prev = a
		}
	}
}

// tcRow holds a row of the technique classifier: one weight per
// technique, padded to a cache line.
type tcRow [16]float32

// tcTable is a compact copy of the technique classifier's weights: only
// the rows with a non-zero weight, found through a bitmap with running
// counts as in spanTable. The sums are those of the plain table, bit for
// bit (see spanTable).
type tcTable struct {
	mask   uint32
	blocks []rankBlock
	rows   []tcRow
}

// packTC returns the compact table of the classifier weights w (bits
// log2 rows, width weights a row), nil when a row does not fit tcRow.
func packTC(w []float32, bits uint, width int) *tcTable {
	rows := 1 << bits
	if width > len(tcRow{}) || len(w) != rows*width {
		return nil
	}
	tt := &tcTable{mask: uint32(rows - 1)}
	tt.blocks, tt.rows = packRows(rows, func(r int) bool {
		for _, v := range w[r*width : r*width+width] {
			if v != 0 {
				return true
			}
		}
		return false
	}, func(r int, row *tcRow) {
		copy(row[:], w[r*width:r*width+width])
	})
	return tt
}

// tcScratch is classifyAll's scratch space.
type tcScratch struct {
	ws   []*tcRow
	sink uint32 // keeps loads made only to fill caches
}

var tcScratches = sync.Pool{New: func() any { return new(tcScratch) }}

// classifyAll is classify of each span's features (CSR: span i has
// feats[off[i]:off[i+1]]) into probs[i]. It finds the rows of all the
// features, then touches them, in short loops so that many memory loads
// are under way at once, then adds them up span by span.
func (tt *tcTable) classifyAll(feats []uint32, off []int32, probs [][]float64) {
	sc := tcScratches.Get().(*tcScratch)
	defer tcScratches.Put(sc)
	ws := nlp.Grow(sc.ws, len(feats))
	sc.ws = ws
	for k, f := range feats {
		r := f & tt.mask
		ws[k] = nil
		if b := tt.blocks[r>>6]; b.bits>>(r&63)&1 != 0 {
			ws[k] = &tt.rows[int(b.base)+bits.OnesCount64(b.bits&(1<<(r&63)-1))]
		}
	}
	var touch uint32
	for _, w := range ws {
		if w != nil {
			touch ^= math.Float32bits(w[0])
		}
	}
	sc.sink ^= touch
	for i, p := range probs {
		// The sums, unrolled: technique k is a<k>.
		var a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15 float64
		for _, w := range ws[off[i]:off[i+1]] {
			if w == nil {
				continue
			}
			a0 += float64(w[0])
			a1 += float64(w[1])
			a2 += float64(w[2])
			a3 += float64(w[3])
			a4 += float64(w[4])
			a5 += float64(w[5])
			a6 += float64(w[6])
			a7 += float64(w[7])
			a8 += float64(w[8])
			a9 += float64(w[9])
			a10 += float64(w[10])
			a11 += float64(w[11])
			a12 += float64(w[12])
			a13 += float64(w[13])
			a14 += float64(w[14])
			a15 += float64(w[15])
		}
		acc := [len(tcRow{})]float64{a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15}
		clear(p)
		copy(p, acc[:])
		softmax(p)
	}
}
