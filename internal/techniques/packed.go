package techniques

import (
	"math"
	"math/bits"
)

// spanTable is a compact copy of the span taggers' weights for decoding.
// The taggers read the same features, so their rows are stored side by
// side and one memory access serves them all. Only rows with a non-zero
// weight are kept, as int16 steps of each tagger's quantisation scale
// (the weights a saved model holds exactly); a bitmap with running
// counts (one block per 64 rows) maps a row to its place. The sums are
// those of the plain tables, bit for bit: the same weights are added in
// the same order, and the rows left out hold only +0.
type spanTable struct {
	taggers int
	mask    uint32
	stride  int // int16s per row: numTags per tagger, padded to a multiple of 4
	blocks  []rankBlock
	q       []int16
	scale   []float32
	// touched keeps the loads of emissions2's first pass from being
	// optimised away.
	touched int16
}

type rankBlock struct {
	bits uint64 // rows present
	base uint32 // rows present in the blocks before
}

// maxPackedTaggers bounds the taggers a spanTable serves.
const maxPackedTaggers = 4

// packTaggers returns the compact table of ts, given the quantisation
// scale of each, or nil when the taggers differ in size or a weight is
// not an int16 step of its scale.
func packTaggers(ts []*Tagger, scales []float32) *spanTable {
	if len(ts) == 0 || len(ts) > maxPackedTaggers || len(scales) != len(ts) {
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
		stride:  (len(ts)*numTags + 3) &^ 3,
		blocks:  make([]rankBlock, (rows+63)/64),
		scale:   scales,
	}
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
		row := make([]int16, st.stride)
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
		st.q = append(st.q, row...)
	}
	return st
}

// emissions fills e with the scores of every tagger for the tokens of
// feats (CSR as in emissions), each token's features followed by xs:
// tagger t's scores of token i are e[t*n*numTags+i*numTags:][:numTags],
// n = len(off)-1.
func (st *spanTable) emissions(feats []uint32, off []int32, xs []uint32, e []float32, idx []int32) []int32 {
	if st.taggers == 2 {
		return st.emissions2(feats, off, xs, e, idx)
	}
	n := len(off) - 1
	var sc [maxPackedTaggers]float32
	copy(sc[:], st.scale)
	for i := 0; i < n; i++ {
		var acc [maxPackedTaggers * numTags]float32
		add := func(f uint32) {
			row := st.row(f)
			if row == nil {
				return
			}
			for k := 0; k < st.taggers*numTags; k++ {
				// The conversion rounds the product before the sum, as
				// the weights of the plain table were rounded (no fused
				// multiply-add).
				acc[k] += float32(float32(row[k]) * sc[k/numTags])
			}
		}
		for _, f := range feats[off[i]:off[i+1]] {
			add(f)
		}
		for _, f := range xs {
			add(f)
		}
		for t := 0; t < st.taggers; t++ {
			copy(e[t*n*numTags+i*numTags:t*n*numTags+i*numTags+numTags], acc[t*numTags:t*numTags+numTags])
		}
	}
	return idx
}

// row returns the weights of feature f, nil when they are all zero.
func (st *spanTable) row(f uint32) []int16 {
	r := f & st.mask
	b := &st.blocks[r>>6]
	bit := r & 63
	if b.bits>>bit&1 == 0 {
		return nil
	}
	idx := int(b.base) + bits.OnesCount64(b.bits&(1<<bit-1))
	return st.q[idx*st.stride : idx*st.stride+st.stride]
}

// emissions2 is emissions for two taggers. It first finds the rows of
// all the features (touching each, so that the memory loads overlap),
// then adds them up token by token.
func (st *spanTable) emissions2(feats []uint32, off []int32, xs []uint32, e []float32, idx []int32) []int32 {
	n := len(off) - 1
	blocks, q, mask := st.blocks, st.q, st.mask
	idx = idx[:0]
	var touch int16
	find := func(f uint32) {
		r := f & mask
		b := blocks[r>>6]
		bit := r & 63
		if b.bits>>bit&1 == 0 {
			idx = append(idx, -1)
			return
		}
		k := (int(b.base) + bits.OnesCount64(b.bits&(1<<bit-1))) * 8
		touch ^= q[k]
		idx = append(idx, int32(k))
	}
	for i := 0; i < n; i++ {
		for _, f := range feats[off[i]:off[i+1]] {
			find(f)
		}
		for _, f := range xs {
			find(f)
		}
	}
	st.touched = touch
	s0, s1 := st.scale[0], st.scale[1]
	e0, e1 := e[:n*numTags], e[n*numTags:2*n*numTags]
	p := 0
	for i := 0; i < n; i++ {
		var a0, a1, a2, b0, b1, b2 float32
		m := int(off[i+1]-off[i]) + len(xs)
		for _, k := range idx[p : p+m] {
			if k < 0 {
				continue
			}
			w := q[k : k+6 : k+6]
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
		p += m
		e0[i*numTags], e0[i*numTags+1], e0[i*numTags+2] = a0, a1, a2
		e1[i*numTags], e1[i*numTags+1], e1[i*numTags+2] = b0, b1, b2
	}
	return idx
}
