// Package minhash finds near-duplicate and similar texts: MinHash
// signatures over word shingles and a banded LSH index over them.
package minhash

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"strings"
	"unicode"
)

// Size is the number of hash functions in a signature.
const Size = 128

// Signature is a MinHash signature: the minimum of each of Size hash
// functions over a text's shingles.
type Signature [Size]uint32

// Bytes encodes the signature (little endian) for storage.
func (s *Signature) Bytes() []byte {
	b := make([]byte, 4*Size)
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// FromBytes decodes a signature written by Bytes; ok is false when b has
// the wrong length.
func FromBytes(b []byte) (s Signature, ok bool) {
	if len(b) != 4*Size {
		return s, false
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, true
}

// Words returns the lower-cased word tokens of text, skipping stop words
// and one-letter words. Digits are kept: numbers matter in war reporting.
func Words(text string) []string {
	f := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := f[:0]
	for _, w := range f {
		if len([]rune(w)) < 2 || stop[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the of and to in a an is was were be been are for on at by with from as that this
		it its he she they them his her their we our you your i me my or but not no so if then than there here
		which who whom whose what when where why how all any both each few more most other some such only own
		same too very can will just should now also into over after before under again further once during
		about against between through above below up down out off has have had having do does did doing would
		could said says say told mr ms mrs de al`) {
		stop[w] = true
	}
}

// Shingles hashes the k-word shingles of words (k >= 1). A text shorter
// than k words gives one shingle of all its words.
func Shingles(words []string, k int) []uint64 {
	if k < 1 {
		k = 1
	}
	if len(words) == 0 {
		return nil
	}
	if len(words) < k {
		k = len(words)
	}
	seen := make(map[uint64]struct{}, len(words))
	out := make([]uint64, 0, len(words))
	h := fnv.New64a()
	for i := 0; i+k <= len(words); i++ {
		h.Reset()
		for j := i; j < i+k; j++ {
			h.Write([]byte(words[j]))
			h.Write([]byte{0})
		}
		v := h.Sum64()
		if _, dup := seen[v]; !dup {
			seen[v] = struct{}{}
			out = append(out, v)
		}
	}
	return out
}

// coefficients of the Size universal hash functions, fixed so that
// signatures stored by one run compare with the next.
var coefA, coefB [Size]uint64

func init() {
	x := uint64(0x9E3779B97F4A7C15)
	next := func() uint64 { // splitmix64
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	for i := range coefA {
		coefA[i] = next() | 1
		coefB[i] = next()
	}
}

// Sign returns the MinHash signature of a set of shingle hashes. An empty
// set gives a signature of all MaxUint32, which matches nothing but itself.
func Sign(shingles []uint64) Signature {
	var s Signature
	for i := range s {
		s[i] = math.MaxUint32
	}
	for _, v := range shingles {
		for i := range s {
			h := uint32((coefA[i]*v + coefB[i]) >> 32)
			if h < s[i] {
				s[i] = h
			}
		}
	}
	return s
}

// Similarity estimates the Jaccard similarity of the sets behind a and b.
func Similarity(a, b *Signature) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / Size
}

// Text returns the signature of a text over k-word shingles.
func Text(text string, k int) Signature { return Sign(Shingles(Words(text), k)) }
