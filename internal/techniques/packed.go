package techniques

import (
	"math/bits"

	"github.com/sift-project/sift/internal/nlp"
)

// spanTable is a compact copy of the span taggers' weights for decoding
// (for one or two taggers, which is what training makes). The taggers
// read the same features, so their rows are stored side by side and one
// memory access serves both. Only rows with a non-zero weight are kept
// (a saved model's weights are int16 steps of a scale per tagger, so
// most rows are zero); a bitmap with running counts (one block per 64
// rows) maps a row to its place. The sums are those of the plain tables,
// bit for bit: the same weights are added in the same order, and the rows
// left out hold only zeros (adding +0 or -0 to a sum that started at +0
// leaves it unchanged, and a sum of non-zero weights is never -0).
type spanTable struct {
	taggers int
	mask    uint32
	blocks  []rankBlock
	// rows holds numTags weights of tagger 0, then of tagger 1 (zero when
	// there is one tagger), then two of padding.
	rows [][8]float32
}

type rankBlock struct {
	bits uint64 // rows present
	base uint32 // rows present in the blocks before
}

// packTaggers returns the compact table of ts, or nil when there are
// more than two taggers or they differ in size.
func packTaggers(ts []*Tagger) *spanTable {
	if len(ts) == 0 || len(ts) > 2 {
		return nil
	}
	for _, t := range ts {
		if t.Bits != ts[0].Bits || len(t.W) != (1<<t.Bits)*numTags {
			return nil
		}
	}
	rows := 1 << ts[0].Bits
	st := &spanTable{
		taggers: len(ts),
		mask:    uint32(rows - 1),
		blocks:  make([]rankBlock, (rows+63)/64),
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
		var row [8]float32
		for k, t := range ts {
			copy(row[k*numTags:k*numTags+numTags], t.W[r*numTags:r*numTags+numTags])
		}
		st.rows = append(st.rows, row)
	}
	return st
}

// row returns the weights of feature f, nil when they are all zero.
func (st *spanTable) row(f uint32) *[8]float32 {
	r := f & st.mask
	b := st.blocks[r>>6]
	bit := r & 63
	if b.bits>>bit&1 == 0 {
		return nil
	}
	return &st.rows[int(b.base)+bits.OnesCount64(b.bits&(1<<bit-1))]
}

// emissions fills dc.e with both taggers' scores for the tokens of
// sentence s of di, whose features are dc.feats (CSR: token i has
// feats[off[i]:off[i+1]]) each followed by xs; dc.src tells (as
// tokenFeaturesSrc) which features have their rows kept with a word type.
// Tagger t's scores of token i are e[t*n*numTags+i*numTags:][:numTags],
// n = len(off)-1.
//
// The table's rows are found in two passes over the sentence, touching
// first the bitmap blocks, then the rows, so that their memory loads
// overlap; then the rows are added up token by token.
func (st *spanTable) emissions(dc *decoder, di *docInfo, s nlp.Sentence, xs []uint32) {
	feats, off, src := dc.feats, dc.off, dc.src[:len(dc.feats)]
	n := len(off) - 1
	blocks, rows, mask := st.blocks, st.rows, st.mask
	m := len(feats) + n*len(xs)
	dc.e = grow(dc.e, 2*n*numTags)
	dc.rows = grow(dc.rows, m)
	ws := dc.rows
	var tb uint64
	for k, f := range feats {
		if src[k] < srcRow {
			tb ^= blocks[(f&mask)>>6].bits
		}
	}
	var touch float32
	j := 0
	first := di.lt[s.First]
	for i := 0; i < n; i++ {
		t := s.First + i
		var rp [numTypeRows]*[8]float32
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
		fs := feats[off[i]:off[i+1]]
		ss := src[off[i]:off[i+1]]
		out := ws[j : j+len(fs)+len(xs)]
		ss, out = ss[:len(fs)], out[:len(fs)+len(xs)]
		for k, f := range fs {
			var w *[8]float32
			if c := ss[k] - srcRow; int(c) < len(rp) && rp[c] != nil {
				w = rp[c]
				touch += w[0]
			} else if bl := blocks[(f&mask)>>6]; bl.bits>>(f&63)&1 != 0 {
				w = &rows[int(bl.base)+bits.OnesCount64(bl.bits&(1<<(f&63)-1))]
				touch += w[0]
			}
			out[k] = w
		}
		for k, f := range xs {
			out[len(fs)+k] = st.row(f)
		}
		j += len(out)
	}
	// Keep the touching loads.
	dc.sink += touch + float32(tb&1)

	e0, e1 := dc.e[:n*numTags], dc.e[n*numTags:2*n*numTags]
	j = 0
	for i := 0; i < n; i++ {
		var a0, a1, a2, b0, b1, b2 float32
		m := int(off[i+1]-off[i]) + len(xs)
		for _, w := range ws[j : j+m] {
			if w == nil {
				continue
			}
			a0 += w[0]
			a1 += w[1]
			a2 += w[2]
			b0 += w[3]
			b1 += w[4]
			b2 += w[5]
		}
		j += m
		e0[i*numTags], e0[i*numTags+1], e0[i*numTags+2] = a0, a1, a2
		e1[i*numTags], e1[i*numTags+1], e1[i*numTags+2] = b0, b1, b2
	}
}
