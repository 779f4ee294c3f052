package entities

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/nlp"
)

// words holds what Find needs of every token, computed once per document:
// the token with dots and apostrophes removed (stripMarks), that lower
// cased, and the token itself lower cased. Most lower-case forms are
// slices of one buffer instead of one allocation each.
type words struct {
	// strip[i] is stripMarks(token i) for word and number tokens.
	strip []string
	// low[i] is strings.ToLower(strip[i]) for word and number tokens, ""
	// for the others.
	low []string
	// lraw is d.Lower(): strings.ToLower(token i).
	lraw []string
	// ascii[i] reports that strip[i] is ASCII (foldKey(strip[i]) == low[i]).
	ascii []bool
	// rawASCII[i] reports that token i is ASCII.
	rawASCII []bool
	// info[i] is gazetteer.words[low[i]] for word and number tokens, when
	// hasInfo.
	info    []wordInfo
	hasInfo bool
	buf     []byte
	pos     []int32 // scratch: buffer offsets
	parts   []part  // scratch for Find
}

var wordsPool = sync.Pool{New: func() any { return new(words) }}

// hasUpperASCII reports whether an ASCII string has an upper-case letter.
func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// lowerInto appends the ASCII lower case of s to buf.
func lowerInto(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// fill computes w for d (w.info only when g is given). The lower-case
// forms of ASCII tokens with capitals are written into one buffer, turned
// into one string at the end.
func (w *words) fill(d *nlp.Doc, g *gazetteer) {
	n := len(d.Tokens)
	w.strip = grow(w.strip, n)
	w.low = grow(w.low, n)
	w.ascii = grow(w.ascii, n)
	w.rawASCII = grow(w.rawASCII, n)
	w.info = grow(w.info, n)
	w.lraw = d.Lower()
	// pos[2i], pos[2i+1]: buffer range of low[i], -1 when set directly.
	w.pos = grow(w.pos, 2*n)
	w.buf = w.buf[:0]
	for i, t := range d.Tokens {
		if t.Kind != nlp.Word && t.Kind != nlp.Number {
			continue
		}
		tok := d.Text[t.Start:t.End]
		s := stripMarks(tok)
		w.strip[i] = s
		p := w.pos[2*i : 2*i+2]
		p[0] = -1
		if isASCII(s) {
			w.ascii[i] = true
			if hasUpperASCII(s) {
				p[0] = int32(len(w.buf))
				w.buf = lowerInto(w.buf, s)
				p[1] = int32(len(w.buf))
			} else {
				w.low[i] = s
			}
		} else {
			w.low[i] = strings.ToLower(s)
		}
		w.rawASCII[i] = len(s) == len(tok) && w.ascii[i] || isASCII(tok)
	}
	if len(w.buf) > 0 {
		w.resolveBuf(d)
	}
	w.hasInfo = g != nil
	if g != nil {
		w.lookup(d, g)
	}
}

// resolveBuf points the lower-case forms written to w.buf at one string.
func (w *words) resolveBuf(d *nlp.Doc) {
	all := string(w.buf)
	for i, t := range d.Tokens {
		if t.Kind != nlp.Word && t.Kind != nlp.Number {
			continue
		}
		if p := w.pos[2*i : 2*i+2]; p[0] >= 0 {
			w.low[i] = all[p[0]:p[1]]
		}
	}
}

// lookup fills w.info from g (after fill).
func (w *words) lookup(d *nlp.Doc, g *gazetteer) {
	for i, t := range d.Tokens {
		if t.Kind == nlp.Word || t.Kind == nlp.Number {
			w.info[i] = g.words[w.low[i]]
		}
	}
}

// is reports whether word token i (lower case, marks removed) has flag f.
func (w *words) is(i int, f wordFlag) bool { return w.info[i].flags&f != 0 }

// rawIs reports whether word or number token i in lower case (marks
// kept: lraw) has flag f.
func (w *words) rawIs(i int, f wordFlag, g *gazetteer) bool {
	if w.lraw[i] == w.low[i] {
		return w.info[i].flags&f != 0
	}
	return g.words[w.lraw[i]].flags&f != 0
}

// release drops the document's strings and returns w to the pool.
func (w *words) release() {
	clear(w.strip)
	clear(w.low)
	w.lraw = nil
	clear(w.parts[:cap(w.parts)])
	wordsPool.Put(w)
}

// lookupLower returns m[strings.ToLower(s)], without allocating for short
// ASCII s.
func lookupLower[V any](m map[string]V, s string) (V, bool) {
	var b [16]byte
	if len(s) > len(b) || !isASCII(s) {
		v, ok := m[strings.ToLower(s)]
		return v, ok
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	v, ok := m[string(b[:len(s)])]
	return v, ok
}
