package sourcing

import (
	"fmt"
	"sort"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/offsets"
)

// wordTable holds the lexicon flags of the lower-case words (Lexicon.words)
// for the one look-up per token of newDoc. ASCII keys of up to 16 bytes
// without NUL bytes (nearly all) are kept packed, their bytes as two
// little-endian words, zero-padded (which tells their length), in cuckoo
// hash tables: a key sits in one of two slots given by two hashes, so a
// look-up reads both and compares without a loop or a branch on the
// outcome. Keys of up to 8 bytes (hi 0) have their own table of 16-byte
// slots, small enough to stay in cache. newDoc packs a word token straight
// from the text, lower-casing eight bytes at a time. Other keys are in a
// map.
type wordTable struct {
	short [shortSize]shortSlot
	long  [longSize]wordSlot
	other map[string]wflag // the keys that do not pack
	// otherLens has bit k set for a key of other with k bytes (k < 64),
	// bit 63 for a longer one.
	otherLens uint64
	// anyKind is set when a key is a punctuation or quote token: else
	// only words and numbers need a look-up.
	anyKind bool
}

type shortSlot struct {
	lo uint64 // the key's bytes; 0 for an empty slot
	f  wflag
}

type wordSlot struct {
	lo, hi uint64 // the key's bytes; 0, 0 for an empty slot
	f      wflag
}

// The tables have fixed sizes (constant shifts and masks); the cuckoo
// insertion finds places easily below half full.
const (
	shortBits = 11
	shortSize = 1 << shortBits
	longBits  = 10
	longSize  = 1 << longBits
)

// newWordTable returns the table of words.
func newWordTable(words map[string]wflag) (*wordTable, error) {
	t := &wordTable{other: map[string]wflag{}}
	keys := make([]string, 0, len(words))
	for k := range words {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		// a punctuation or quote token, tokenized alone, is itself
		if toks := nlp.Tokenize(k, offsets.New(k)); len(toks) == 1 && toks[0].Kind != nlp.Word && toks[0].Kind != nlp.Number {
			t.anyKind = true
		}
		lo, hi, ok := pack(k)
		var err error
		switch {
		case !ok:
			t.other[k] = words[k]
			t.otherLens |= 1 << min(len(k), 63)
		case hi == 0:
			err = t.insertShort(shortSlot{lo: lo, f: words[k]})
		default:
			err = t.insertLong(wordSlot{lo: lo, hi: hi, f: words[k]})
		}
		if err != nil {
			return nil, fmt.Errorf("word %q: %w", k, err)
		}
	}
	return t, nil
}

// insertShort puts e in one of its two slots, moving the keys in the way
// to their other slot.
func (t *wordTable) insertShort(e shortSlot) error {
	i, _ := shortSlots(e.lo)
	for kick := 0; kick < 500; kick++ {
		if t.short[i].lo == 0 {
			t.short[i] = e
			return nil
		}
		e, t.short[i] = t.short[i], e
		// the evicted key goes to its other slot
		if a, b := shortSlots(e.lo); a != i {
			i = a
		} else {
			i = b
		}
	}
	return fmt.Errorf("the %d-slot table of short words is too full", shortSize)
}

// insertLong is insertShort for the keys of 9 to 16 bytes.
func (t *wordTable) insertLong(e wordSlot) error {
	i, _ := longSlots(e.lo, e.hi)
	for kick := 0; kick < 500; kick++ {
		if t.long[i].lo == 0 && t.long[i].hi == 0 {
			t.long[i] = e
			return nil
		}
		e, t.long[i] = t.long[i], e
		if a, b := longSlots(e.lo, e.hi); a != i {
			i = a
		} else {
			i = b
		}
	}
	return fmt.Errorf("the %d-slot table of long words is too full", longSize)
}

// pack returns the bytes of s, ASCII without NUL and 1 to 16 bytes long,
// as two little-endian words, zero-padded; ok is false for any other s.
func pack(s string) (lo, hi uint64, ok bool) {
	if len(s) == 0 || len(s) > 16 {
		return 0, 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0 || c >= 0x80 {
			return 0, 0, false
		}
		if i < 8 {
			lo |= uint64(c) << (8 * i)
		} else {
			hi |= uint64(c) << (8 * (i - 8))
		}
	}
	return lo, hi, true
}

// get returns the flags of w, 0 for a word on no list.
func (t *wordTable) get(w string) wflag {
	if lo, hi, ok := pack(w); ok {
		return t.getPacked(lo, hi)
	}
	if t.otherLens&(1<<min(len(w), 63)) == 0 {
		return 0
	}
	return t.other[w]
}

// getPacked returns the flags of the packed word lo, hi (from pack, or
// the bytes of a word token, which holds no NUL).
func (t *wordTable) getPacked(lo, hi uint64) wflag {
	if hi == 0 {
		i, j := shortSlots(lo)
		a, b := &t.short[i], &t.short[j]
		return a.f&eqMask(a.lo^lo) | b.f&eqMask(b.lo^lo)
	}
	i, j := longSlots(lo, hi)
	a, b := &t.long[i], &t.long[j]
	return a.f&eqMask((a.lo^lo)|(a.hi^hi)) | b.f&eqMask((b.lo^lo)|(b.hi^hi))
}

// eqMask is all ones when d is 0, else 0, without a branch: a slot's
// flags masked by it are its flags when its key is the word, else 0.
func eqMask(d uint64) wflag { return wflag(((d | -d) >> 63) - 1) }

// shortSlots returns the two slots of a word of up to 8 bytes: the top
// bits of one product.
func shortSlots(lo uint64) (uint64, uint64) {
	h := lo * 0x9E3779B97F4A7C15
	return h >> (64 - shortBits), h >> (64 - 2*shortBits) & (shortSize - 1)
}

// longSlots returns the two slots of a word of 9 to 16 bytes.
func longSlots(lo, hi uint64) (uint64, uint64) {
	h := (lo ^ hi*0xC2B2AE3D27D4EB4F) * 0x9E3779B97F4A7C15
	return h >> (64 - longBits), h >> (64 - 2*longBits) & (longSize - 1)
}

// Packed-word helpers for newDoc.
const (
	highBits = 0x8080808080808080
	ones     = ^uint64(0)
)

// loMask[n] and hiMask[n] keep the first n bytes (n <= 16) of two
// loaded words.
var loMask, hiMask = func() (lo, hi [17]uint64) {
	for n := range 17 {
		lo[n] = ones >> uint(64-8*min(n, 8))
		hi[n] = ones >> uint(64-8*max(n-8, 0))
	}
	return lo, hi
}()

// upperBytes marks the bytes 'A' to 'Z' of the ASCII word v (their high
// bits).
func upperBytes(v uint64) uint64 {
	ge := v + 0x3F3F3F3F3F3F3F3F // high bit: byte >= 'A'
	gt := v + 0x2525252525252525 // high bit: byte > 'Z'
	return ge &^ gt & highBits
}
