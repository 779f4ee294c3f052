package sourcing

import (
	"sort"
	"strings"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/offsets"
)

// wordTable holds the lexicon flags of the lower-case words (Lexicon.words)
// in an open-addressed hash table sized for few collisions. A look-up
// reads a small array of one-byte hash tags first, which stays in cache:
// a word on no list (most tokens) usually costs one tag read, and a key is
// compared only when its tag matches. The keys are slices of one string.
type wordTable struct {
	tags  []uint8 // 0: empty slot; else 0x80 | 7 bits of the key's hash
	slots []wordSlot
	mask  uint32
	// anyKind is set when a key is a punctuation or quote token: else
	// only words and numbers need a look-up.
	anyKind bool
}

type wordSlot struct {
	key string
	f   wflag
}

// newWordTable returns the table of words.
func newWordTable(words map[string]wflag) *wordTable {
	size := 64
	for size < 3*len(words) {
		size <<= 1
	}
	t := &wordTable{tags: make([]uint8, size), slots: make([]wordSlot, size), mask: uint32(size - 1)}
	keys := make([]string, 0, len(words))
	for k := range words {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	blob := strings.Join(keys, "")
	at := 0
	for _, k := range keys {
		key := blob[at : at+len(k)]
		at += len(k)
		h := fnv(key)
		i := h & t.mask
		for t.tags[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.tags[i] = tagOf(h)
		t.slots[i] = wordSlot{key: key, f: words[k]}
		// a punctuation or quote token, tokenized alone, is itself
		if toks := nlp.Tokenize(key, offsets.New(key)); len(toks) == 1 && toks[0].Kind != nlp.Word && toks[0].Kind != nlp.Number {
			t.anyKind = true
		}
	}
	return t
}

// get returns the flags of w, 0 for a word on no list.
func (t *wordTable) get(w string) wflag {
	h := fnv(w)
	tag := tagOf(h)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		g := t.tags[i]
		if g == 0 {
			return 0
		}
		if g == tag && t.slots[i].key == w {
			return t.slots[i].f
		}
	}
}

func tagOf(h uint32) uint8 { return uint8(h>>25) | 0x80 }

// fnv is the FNV-1a hash of s.
func fnv(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
