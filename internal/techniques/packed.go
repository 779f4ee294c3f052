package techniques

import (
	"math"
	"math/bits"
	"sync"
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
	// sent and sentMask are the sentence classifier's weights (nil when
	// the model has none).
	sent     []float32
	sentMask uint32
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
	st := &spanTable{taggers: len(ts), mask: uint32(rows - 1)}
	st.blocks, st.rows = packRows(rows, func(r int) bool {
		for _, t := range ts {
			w := t.W[r*numTags : r*numTags+numTags]
			if w[0] != 0 || w[1] != 0 || w[2] != 0 {
				return true
			}
		}
		return false
	}, func(r int, row *[8]float32) {
		for k, t := range ts {
			copy(row[k*numTags:k*numTags+numTags], t.W[r*numTags:r*numTags+numTags])
		}
	})
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

// emissions fills dc.e with both taggers' scores for the tokens of a
// sentence, whose features are dc.feats (CSR: token i has feats[off[i]:
// off[i+1]]) each followed by xs; dc.rows holds the rows of the features
// that word types keep (nil for the others, see tokenFeaturesRows).
// Tagger t's scores of token i are e[t*n*numTags+i*numTags:][:numTags],
// n = len(off)-1.
//
// The table's rows are found in passes over the sentence that touch the
// bitmap blocks, find the rows, then touch the rows, each a short loop so
// that many memory loads are under way at once; then the rows are added
// up token by token.
func (st *spanTable) emissions(dc *decoder, xs []uint32) {
	feats, off := dc.feats, dc.off
	ws := dc.rows[:len(feats)]
	n := len(off) - 1
	blocks, rows, mask := st.blocks, st.rows, st.mask
	dc.e = grow(dc.e, 2*n*numTags)
	var tb uint64
	for k, f := range feats {
		if ws[k] == nil {
			tb ^= blocks[(f&mask)>>6].bits
		}
	}
	for k, f := range feats {
		if ws[k] == nil {
			bl := blocks[(f&mask)>>6]
			if bl.bits>>(f&63)&1 != 0 {
				ws[k] = &rows[int(bl.base)+bits.OnesCount64(bl.bits&(1<<(f&63)-1))]
			}
		}
	}
	var touch uint32
	for _, w := range ws {
		if w != nil {
			touch ^= math.Float32bits(w[0])
		}
	}
	dc.xrows = dc.xrows[:0]
	for _, f := range xs {
		dc.xrows = append(dc.xrows, st.row(f))
	}
	// Keep the touching loads.
	dc.sink += int(touch&1) + int(tb&1)

	e0, e1 := dc.e[:n*numTags], dc.e[n*numTags:2*n*numTags]
	for i := 0; i < n; i++ {
		var a0, a1, a2, b0, b1, b2 float32
		for _, w := range ws[off[i]:off[i+1]] {
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
		for _, w := range dc.xrows {
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
		e0[i*numTags], e0[i*numTags+1], e0[i*numTags+2] = a0, a1, a2
		e1[i*numTags], e1[i*numTags+1], e1[i*numTags+2] = b0, b1, b2
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
	ws := grow(sc.ws, len(feats))
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
		for k := range p {
			p[k] = 0
		}
		q := p[:min(len(p), len(tcRow{}))]
		for _, w := range ws[off[i]:off[i+1]] {
			if w == nil {
				continue
			}
			for k := range q {
				q[k] += float64(w[k])
			}
		}
		softmax(p)
	}
}
