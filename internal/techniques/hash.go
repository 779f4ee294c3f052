package techniques

// Features are 32-bit FNV-1a hashes of a template tag and its values.

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hstr(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime
	}
	return h
}

// hstr4 is hstr of s from four states at once.
func hstr4(a, b, c, d uint32, s string) (uint32, uint32, uint32, uint32) {
	for i := 0; i < len(s); i++ {
		x := uint32(s[i])
		a = (a ^ x) * fnvPrime
		b = (b ^ x) * fnvPrime
		c = (c ^ x) * fnvPrime
		d = (d ^ x) * fnvPrime
	}
	return a, b, c, d
}

func hbyte(h uint32, b byte) uint32 {
	h ^= uint32(b)
	h *= fnvPrime
	return h
}

// f1 hashes a tag and one string value.
func f1(tag byte, s string) uint32 { return hstr(hbyte(fnvOffset, tag), s) }

// f2 hashes a tag and two string values.
func f2(tag byte, a, b string) uint32 {
	return hstr(hbyte(hstr(hbyte(fnvOffset, tag), a), 0), b)
}

// fn hashes a tag and a small integer value.
func fn(tag byte, n int) uint32 {
	h := hbyte(fnvOffset, tag)
	h = hbyte(h, byte(n))
	return hbyte(h, byte(n>>8))
}
