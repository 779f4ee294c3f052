package nlp

// WordFilter is a one-hash Bloom filter over words: MayContain is false
// only for a word never added. A stage puts its word list's keys in one
// to skip the map look-up for most tokens that are on no list (8 KB, in
// cache; about 4% false positives at 2,500 words).
type WordFilter struct {
	bits [1 << 10]uint64
}

// NewWordFilter returns a filter holding words.
func NewWordFilter(words ...string) *WordFilter {
	f := new(WordFilter)
	for _, w := range words {
		f.Add(w)
	}
	return f
}

// Add puts w in the filter.
func (f *WordFilter) Add(w string) {
	h := wordHash(w)
	f.bits[h>>6&(uint32(len(f.bits))-1)] |= 1 << (h & 63)
}

// MayContain reports whether w may have been added: false means it was
// not.
func (f *WordFilter) MayContain(w string) bool {
	h := wordHash(w)
	return f.bits[h>>6&(uint32(len(f.bits))-1)]&(1<<(h&63)) != 0
}

// wordHash is FNV-1a.
func wordHash(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	return h
}
