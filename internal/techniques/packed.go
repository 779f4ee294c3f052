package techniques

import (
	"math"
	"math/bits"

	"github.com/sift-project/sift/internal/nlp"
)

// spanTable is a compact copy of the span taggers' weights for decoding
// (for one or two taggers, which is what training makes). The taggers
// read the same features, so their rows are stored side by side and one
// memory access serves both. Only rows with a non-zero weight are kept,
// as int16 steps of each tagger's quantisation scale (the weights a saved
// model holds exactly); a bitmap with running counts (one block per 64
// rows) maps a row to its place. The sums are those of the plain tables,
// bit for bit: the same weights are added in the same order, and the rows
// left out hold only +0.
type spanTable struct {
	taggers int
	mask    uint32
	blocks  []rankBlock
	// rows holds numTags weights of tagger 0, then of tagger 1 (zero when
	// there is one tagger), then two int16s of padding.
	rows  [][8]int16
	scale [2]float32
	// touched keeps the loads of typedEmissions' first pass from being
	// optimised away.
	touched int16
}

type rankBlock struct {
	bits uint64 // rows present
	base uint32 // rows present in the blocks before
}

// packTaggers returns the compact table of ts, given the quantisation
// scale of each, or nil when there are more than two taggers, they differ
// in size or a weight is not an int16 step of its scale.
func packTaggers(ts []*Tagger, scales []float32) *spanTable {
	if len(ts) == 0 || len(ts) > 2 || len(scales) != len(ts) {
		return nil
	}
	for _, t := range ts {
		if t.Bits != ts[0].Bits || len(t.W) != (1<<t.Bits)*numTags {
			return nil
		}
	}
	for _, s := range scales {
		if !(s > 0) || math.IsInf(float64(s), 0) {
			return nil
		}
	}
	rows := 1 << ts[0].Bits
	st := &spanTable{
		taggers: len(ts),
		mask:    uint32(rows - 1),
		blocks:  make([]rankBlock, (rows+63)/64),
	}
	copy(st.scale[:], scales)
	n := uint32(0)
	for r := 0; r < rows; r++ {
		nz := false
		for _, t := range ts {
			w := t.W[r*numTags : r*numTags+numTags]
			nz = nz || w[0] != 0 || w[1] != 0 || w[2] != 0
		}
		if r%64 == 0 {
			st.blocks[r/64].base = n
		}
		if !nz {
			continue
		}
		st.blocks[r/64].bits |= 1 << (r % 64)
		n++
		var row [8]int16
		for k, t := range ts {
			for y := 0; y < numTags; y++ {
				v := t.W[r*numTags+y]
				q := math.Round(float64(v / scales[k]))
				if q < math.MinInt16 || q > math.MaxInt16 || float32(float32(q)*scales[k]) != v || v == 0 && math.Signbit(float64(v)) {
					return nil
				}
				row[k*numTags+y] = int16(q)
			}
		}
		st.rows = append(st.rows, row)
	}
	return st
}

// row returns the weights of feature f, nil when they are all zero.
func (st *spanTable) row(f uint32) *[8]int16 {
	r := f & st.mask
	b := st.blocks[r>>6]
	bit := r & 63
	if b.bits>>bit&1 == 0 {
		return nil
	}
	return &st.rows[int(b.base)+bits.OnesCount64(b.bits&(1<<bit-1))]
}

// emissions fills e with both taggers' scores for the tokens of sentence
// s of di, whose features are feats (CSR: token i has feats[off[i]:
// off[i+1]]) each followed by xs; src tells (as tokenFeaturesSrc) which
// features have their rows kept with a word type. Tagger t's scores of
// token i are e[t*n*numTags+i*numTags:][:numTags], n = len(off)-1.
//
// It first finds the row of every feature, touching those of the table so
// that their memory loads overlap, then adds them up token by token; ws
// is scratch space.
func (st *spanTable) emissions(di *docInfo, s nlp.Sentence, feats []uint32, off []int32, src []uint8, xs []uint32, e []float32, ws []*[8]int16) []*[8]int16 {
	n := len(off) - 1
	blocks, rows, mask := st.blocks, st.rows, st.mask
	m := len(feats) + n*len(xs)
	if cap(ws) < m {
		ws = make([]*[8]int16, m)
	}
	ws = ws[:m]
	var touch int16
	j := 0
	first := di.lt[s.First]
	for i := 0; i < n; i++ {
		t := s.First + i
		var rp [numTypeRows]*[8]int16
		if lt := di.lt[t]; lt.rowsOf == st {
			rp[rowW], rp[rowS], rp[rowX] = &lt.rows[rowW], &lt.rows[rowS], &lt.rows[rowX]
		}
		if first.rowsOf == st {
			rp[rowCar] = &first.rows[rowCar]
		}
		if i > 0 {
			if p := di.lt[t-1]; p.rowsOf == st {
				rp[rowP], rp[rowY] = &p.rows[rowP], &p.rows[rowY]
			}
		}
		if i+1 < n {
			if nx := di.lt[t+1]; nx.rowsOf == st {
				rp[rowN], rp[rowYn] = &nx.rows[rowN], &nx.rows[rowYn]
			}
		}
		a, b := off[i], off[i+1]
		for k, f := range feats[a:b] {
			if c := src[int(a)+k]; c >= srcRow && rp[c-srcRow] != nil {
				ws[j] = rp[c-srcRow]
				j++
				continue
			}
			r := f & mask
			bl := blocks[r>>6]
			bit := r & 63
			if bl.bits>>bit&1 == 0 {
				ws[j] = nil
			} else {
				w := &rows[int(bl.base)+bits.OnesCount64(bl.bits&(1<<bit-1))]
				touch ^= w[0]
				ws[j] = w
			}
			j++
		}
		for _, f := range xs {
			ws[j] = st.row(f)
			j++
		}
	}
	st.touched = touch

	s0, s1 := st.scale[0], st.scale[1]
	e0, e1 := e[:n*numTags], e[n*numTags:2*n*numTags]
	j = 0
	for i := 0; i < n; i++ {
		var a0, a1, a2, b0, b1, b2 float32
		m := int(off[i+1]-off[i]) + len(xs)
		for _, w := range ws[j : j+m] {
			if w == nil {
				continue
			}
			// The conversions round each product before the sum, as the
			// weights of the plain tables were rounded (no fused
			// multiply-add).
			a0 += float32(float32(w[0]) * s0)
			a1 += float32(float32(w[1]) * s0)
			a2 += float32(float32(w[2]) * s0)
			b0 += float32(float32(w[3]) * s1)
			b1 += float32(float32(w[4]) * s1)
			b2 += float32(float32(w[5]) * s1)
		}
		j += m
		e0[i*numTags], e0[i*numTags+1], e0[i*numTags+2] = a0, a1, a2
		e1[i*numTags], e1[i*numTags+1], e1[i*numTags+2] = b0, b1, b2
	}
	return ws
}
