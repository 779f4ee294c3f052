package techniques

import (
	"github.com/kljensen/snowball/english"

	"github.com/sift-project/sift/internal/nlp"
)

// Most of what the features read about a token depends on its text
// alone: its lower-cased form, stem, shape, lexicon classes and the FNV
// hashes of the features built from them. A wordCache computes these once
// per distinct token text and keeps them across documents. A cache is
// used by one goroutine at a time (a Lexicon hands them out), so it needs
// no locking; its entries never change once made, so documents may keep
// pointers to them after the cache is handed on or cleared.

// lowType is one lower-cased word form of one token kind. The fields
// read for every token come first, so that they share few cache lines.
type lowType struct {
	lower string
	// id numbers the type in its cache (for per-document counting).
	id int32
	// lex holds the classes of the lexicon's one-word entries equal to
	// lower; phrases the lexicon's phrases starting with it (phr: there
	// are some).
	lex uint16
	phr bool
	// word is set for the type of word tokens.
	word bool
	// FNV states after a tag, lower and the 0 separator of f2: the
	// second value's bytes continue them.
	preB, preC, pre3 uint32
	// sw and ss are the sentence classifier's weights of the w and s
	// features (in rowsOf.sent).
	sw, ss float32
	// tr holds the summed span rows of the type's features in table
	// rowsOf, for a model that reads word clusters when rowsClus is set
	// (see spanTable.typeRows; rowsOf nil: not kept).
	rowsClus bool
	rowsOf   *spanTable
	tr       typeRows

	phrases []phrase
	// stem is the snowball stem of a word, the lower-cased form of any
	// other token.
	stem string
	// Feature hashes: f1(tag, lower) for w, p, n and ^; f1(tag, stem)
	// for s, y and Y; x and k are the suffix and prefix features (0
	// unless len(lower) > 4).
	hw, hp, hn, hcar uint32
	hs, hy, hY, hx   uint32
	hk, hg           uint32
	lenB             uint8 // lenBucket(lower)
	preX, preK       uint32
	// hBs is f2('B', "<s>", lower); hCe is f2('C', lower, "</s>").
	hBs, hCe uint32
	// clus is the word's clusters, packed by Clusters.of.
	clus uint32
}

// tokType is one token text (before lower-casing).
type tokType struct {
	kind  nlp.Kind
	shape byte
	lt    *lowType
}

// maxCachedTypes bounds a cache: it is cleared when it holds more word
// forms than this. (A variable for tests.)
var maxCachedTypes = 1 << 16

type wordCache struct {
	// short holds the types of token texts of up to shortLen bytes
	// (nearly all), an open-addressed table keyed by the texts' FNV
	// hashes, half a cache line a slot; toks the longer ones.
	short  *[shortSlots]shortSlot
	nshort int
	toks   map[string]tokType
	lows   map[string]*lowType
	next   int32
	key    []byte
	// tab is the span table whose rows the types keep.
	tab *spanTable
	// Per-document numbering of the types: stamp[id] == gen when type
	// id has local number local[id] in the current document.
	gen   uint32
	stamp []uint32
	local []int32
	// tri is the scratch table for counting repeated trigrams.
	tri []triSlot
	// sink keeps loads made only to fill caches.
	sink int
	// pending lists the types whose rows finish has to sum.
	pending []*lowType
}

const (
	shortLen   = 17
	shortSlots = 1 << 16
)

// shortSlot is a tokType with its text, 32 bytes (half a cache line).
type shortSlot struct {
	h     uint32
	n     uint8 // 0: empty
	kind  nlp.Kind
	shape byte
	b     [shortLen]byte
	lt    *lowType
}

type triSlot struct {
	h uint32
	n int32
}

func newWordCache() *wordCache {
	return &wordCache{toks: make(map[string]tokType, 1024), lows: make(map[string]*lowType, 1024)}
}

// startDoc prepares the cache for a new document.
func (wc *wordCache) startDoc() {
	if len(wc.toks) > maxCachedTypes || len(wc.lows) > maxCachedTypes || wc.nshort > min(maxCachedTypes, shortSlots/2) {
		clear(wc.toks)
		clear(wc.lows)
		wc.short, wc.nshort = nil, 0
		wc.next = 0
		wc.stamp, wc.local = wc.stamp[:0], wc.local[:0]
	}
	wc.gen++
	if wc.gen == 0 {
		// Wrapped around: forget every stamp.
		clear(wc.stamp)
		wc.gen = 1
	}
}

// Constant FNV states and hashes of the sentence boundary markers.
var (
	hashPStart = f1('p', "<s>")
	hashNEnd   = f1('n', "</s>")
	preBStart  = hbyte(f1('B', "<s>"), 0)
)

// touch loads the slots of the short texts of hashes hs (hstr of the
// texts), so that tokHashed finds them in the cache.
func (wc *wordCache) touch(hs []uint32) {
	if wc.short == nil {
		return
	}
	var x uint32
	for _, h := range hs {
		x ^= wc.short[h&(shortSlots-1)].h
	}
	wc.sink += int(x & 1)
}

// tokHashed is tok given h, the hstr of s.
func (wc *wordCache) tokHashed(s string, h uint32, k nlp.Kind, lx *Lexicon) tokType {
	if len(s) > shortLen || len(s) == 0 {
		if tt, ok := wc.toks[s]; ok && tt.kind == k {
			return tt
		}
		tt := wc.newTok(s, k, lx)
		if _, ok := wc.toks[s]; !ok {
			wc.toks[string([]byte(s))] = tt // a copy: s points into the article
		}
		return tt
	}
	if wc.short == nil {
		wc.short = new([shortSlots]shortSlot)
	}
	for i := h & (shortSlots - 1); ; i = (i + 1) & (shortSlots - 1) {
		sl := &wc.short[i]
		if sl.n == 0 {
			tt := wc.newTok(s, k, lx)
			if wc.nshort < shortSlots/2 {
				sl.h, sl.n, sl.kind, sl.shape, sl.lt = h, uint8(copy(sl.b[:], s)), tt.kind, tt.shape, tt.lt
				wc.nshort++
			}
			return tt
		}
		if sl.h == h && int(sl.n) == len(s) && string(sl.b[:sl.n]) == s {
			if sl.kind == k {
				return tokType{kind: sl.kind, shape: sl.shape, lt: sl.lt}
			}
			return wc.newTok(s, k, lx)
		}
	}
}

// newTok computes the type of a token.
func (wc *wordCache) newTok(s string, k nlp.Kind, lx *Lexicon) tokType {
	tt := tokType{kind: k, shape: shapeOf(nlp.Token{Kind: k}, s)}
	tt.lt = wc.low(normWord(s), k == nlp.Word, lx)
	return tt
}

// low returns the type of lower-cased form w; word tells a word token
// (whose stem is its snowball stem) from any other.
func (wc *wordCache) low(w string, word bool, lx *Lexicon) *lowType {
	wc.key = append(append(wc.key[:0], w...), 0)
	if word {
		wc.key[len(wc.key)-1] = 1
	}
	if lt, ok := wc.lows[string(wc.key)]; ok {
		return lt
	}
	key := string(wc.key)
	w = key[:len(w)]
	st := w
	if word {
		st = stem(w)
	}
	lt := &lowType{
		lower: w, stem: st, id: wc.next, word: word,
		lex: lx.words[w], phrases: lx.phrases[w],
		hw: f1('w', w), hp: f1('p', w), hn: f1('n', w), hcar: f1('^', w),
		hs: f1('s', st), hy: f1('y', st), hY: f1('Y', st),
		preB: hbyte(f1('B', w), 0), preC: hbyte(f1('C', w), 0), pre3: hbyte(f1('3', w), 0),
		preX: hbyte(f1('X', w), 0), preK: hbyte(f1('K', w), 0),
		hBs: hstr(preBStart, w),
	}
	lt.phr = len(lt.phrases) > 0
	lt.hCe = hstr(lt.preC, "</s>")
	lt.lenB = uint8(lenBucket(w))
	lt.clus = lx.clusters.of(w)
	if len(w) > 4 {
		lt.hx = f1('x', w[len(w)-3:])
		lt.hk = f1('k', w[:4])
		lt.hg = f1('g', w[:3])
	}
	if wc.tab != nil {
		// Its rows are summed by finish, with those of the other new
		// types of the document.
		wc.pending = append(wc.pending, lt)
	}
	wc.next++
	wc.stamp = append(wc.stamp, 0)
	wc.local = append(wc.local, 0)
	wc.lows[key] = lt
	return lt
}

// finish sums the span rows of the types made since the last call
// (see typeRows), for a model that reads clusters when clus is set. The
// rows are found in passes over the types that touch the bitmap blocks,
// then the rows, then add them up, so that many memory loads are under
// way at once.
func (wc *wordCache) finish(clus bool) {
	st, pend := wc.tab, wc.pending
	wc.pending = wc.pending[:0]
	if st == nil || len(pend) == 0 {
		return
	}
	hashes := func(lt *lowType) [11]uint32 {
		return [...]uint32{lt.hw, lt.hs, lt.hp, lt.hy, lt.hn, lt.hY, lt.hBs, lt.hCe, lt.hx, lt.hk, lt.hg}
	}
	var tb uint64
	for _, lt := range pend {
		for _, h := range hashes(lt) {
			tb ^= st.blocks[(h&st.mask)>>6].bits
		}
	}
	var tr int16
	for _, lt := range pend {
		for _, h := range hashes(lt) {
			if r := st.row(h); r != nil {
				tr ^= r[0]
			}
		}
		if st.sent != nil {
			tr ^= st.sent[lt.hw&st.sentMask] ^ st.sent[lt.hs&st.sentMask]
		}
	}
	wc.sink += int(tb&1) + int(tr&1)
	for _, lt := range pend {
		lt.rowsOf, lt.rowsClus = st, clus
		st.typeRows(lt, clus, &lt.tr)
		if st.sent != nil {
			lt.sw, lt.ss = st.sentW(lt.hw), st.sentW(lt.hs)
		}
	}
}

// localID numbers type lt within the current document (0, 1, ... in
// order of first use); fresh reports a first use.
func (wc *wordCache) localID(lt *lowType, n int32) (id int32, fresh bool) {
	if wc.stamp[lt.id] == wc.gen {
		return wc.local[lt.id], false
	}
	wc.stamp[lt.id] = wc.gen
	wc.local[lt.id] = n
	return n, true
}

// countTrigrams returns, for each hash, how often it occurs in hs.
// The counts are written to out (len(hs)).
func (wc *wordCache) countTrigrams(hs []uint32, out []int32) {
	size := 16
	for size < 2*len(hs) {
		size <<= 1
	}
	if cap(wc.tri) < size {
		wc.tri = make([]triSlot, size)
	}
	tab := wc.tri[:size]
	clear(tab)
	mask := uint32(size - 1)
	slot := func(h uint32) *triSlot {
		for j := h & mask; ; j = (j + 1) & mask {
			if tab[j].n == 0 || tab[j].h == h {
				return &tab[j]
			}
		}
	}
	for _, h := range hs {
		s := slot(h)
		s.h = h
		s.n++
	}
	for i, h := range hs {
		out[i] = slot(h).n
	}
}

func stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	return english.Stem(w, false)
}

// getCache returns a word cache for the caller's sole use until it is
// given back with putCache.
func (lx *Lexicon) getCache() *wordCache {
	for {
		select {
		case wc := <-lx.caches:
			if wc.tab == lx.span {
				return wc
			}
		default:
			wc := newWordCache()
			wc.tab = lx.span
			return wc
		}
	}
}

func (lx *Lexicon) putCache(wc *wordCache) {
	if wc.tab != lx.span {
		return
	}
	select {
	case lx.caches <- wc:
	default:
	}
}
