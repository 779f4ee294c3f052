// Package offsets is sift's single conversion point between byte offsets
// (what Go's string indexing, regexps and parsers produce) and Unicode
// code-point offsets (what every span in a sift report uses, as the
// Propaganda Techniques Corpus does).
//
// All other packages convert through an Index; none count runes themselves.
package offsets

import (
	"sync"
	"unicode/utf8"
)

// Index maps between byte and code-point offsets of one text. The zero
// value is not usable; build one with New. An Index is read-only after
// construction and safe for concurrent use.
type Index struct {
	text  string
	ascii bool
	// runeOf[b] is the code-point offset of the rune that starts at or
	// contains byte b; len(text)+1 entries (the last is the rune count).
	runeOf []int32
	// byteOf[r] is the byte offset where code point r starts; RuneCount+1
	// entries (the last is len(text)). Built on the first Byte call: most
	// users only convert bytes to code points.
	byteOf     []int32
	byteOfOnce sync.Once
}

// New builds the index of text. Invalid UTF-8 bytes each count as one
// code point (as utf8.DecodeRuneInString reports them), so offsets stay
// consistent with a []rune conversion of the same string.
func New(text string) *Index {
	ix := &Index{text: text}
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		ix.ascii = true
		return ix
	}
	ix.runeOf = make([]int32, len(text)+1)
	r := int32(0)
	for b := 0; b < len(text); {
		c := text[b]
		if c < utf8.RuneSelf {
			ix.runeOf[b] = r
			b++
			r++
			continue
		}
		_, size := utf8.DecodeRuneInString(text[b:])
		for k := 0; k < size; k++ {
			ix.runeOf[b+k] = r
		}
		b += size
		r++
	}
	ix.runeOf[len(text)] = r
	return ix
}

// buildByteOf fills byteOf from runeOf: code point r starts at the first
// byte whose runeOf is r.
func (ix *Index) buildByteOf() {
	n := ix.runeOf[len(ix.text)]
	ix.byteOf = make([]int32, 0, n+1)
	for b := 0; b < len(ix.text); b++ {
		if b == 0 || ix.runeOf[b] != ix.runeOf[b-1] {
			ix.byteOf = append(ix.byteOf, int32(b))
		}
	}
	ix.byteOf = append(ix.byteOf, int32(len(ix.text)))
}

// Text returns the indexed text.
func (ix *Index) Text() string { return ix.text }

// ASCII reports whether the text is pure ASCII (bytes and code points agree).
func (ix *Index) ASCII() bool { return ix.ascii }

// Len returns the length of the text in code points.
func (ix *Index) Len() int {
	if ix.ascii {
		return len(ix.text)
	}
	return int(ix.runeOf[len(ix.text)])
}

// Rune converts a byte offset into a code-point offset. A byte offset in
// the middle of a multi-byte character maps to that character. Offsets
// outside [0, len(text)] are clamped.
func (ix *Index) Rune(b int) int {
	if b < 0 {
		return 0
	}
	if b > len(ix.text) {
		b = len(ix.text)
	}
	if ix.ascii {
		return b
	}
	return int(ix.runeOf[b])
}

// Byte converts a code-point offset into a byte offset. Offsets outside
// [0, Len()] are clamped.
func (ix *Index) Byte(r int) int {
	if r < 0 {
		return 0
	}
	if ix.ascii {
		if r > len(ix.text) {
			return len(ix.text)
		}
		return r
	}
	ix.byteOfOnce.Do(ix.buildByteOf)
	if r >= len(ix.byteOf) {
		r = len(ix.byteOf) - 1
	}
	return int(ix.byteOf[r])
}

// Slice returns the text between code-point offsets start and end (end
// exclusive), clamped to the text.
func (ix *Index) Slice(start, end int) string {
	bs, be := ix.Byte(start), ix.Byte(end)
	if be < bs {
		return ""
	}
	return ix.text[bs:be]
}
