package nlp

// Load8 returns the first eight bytes of s as a little-endian word (the
// first byte lowest), for code that looks at a token's bytes eight at a
// time. s must hold at least eight bytes.
func Load8(s string) uint64 {
	b := s[:8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
