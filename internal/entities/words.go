package entities

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/nlp"
)

// words holds what Find needs of every token, computed once per document:
// the token with dots and apostrophes removed (stripMarks), that lower
// cased, the token itself lower cased (nlp.Doc.Lower, which most tokens,
// having no marks, share) and what the word lists say of it.
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
	// capital[i] reports a word token starting with an upper-case letter.
	capital []bool
	// info[i] is gazetteer.words[low[i]] for word and number tokens, and
	// rawFlags[i] the flags of gazetteer.words[lraw[i]], when hasInfo.
	info     []wordInfo
	rawFlags []wordFlag
	hasInfo  bool
	parts    []part // scratch for Find
}

var wordsPool = sync.Pool{New: func() any { return new(words) }}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fill computes w for d (w.info and w.rawFlags only when g is given).
func (w *words) fill(d *nlp.Doc, g *gazetteer) {
	n := len(d.Tokens)
	w.strip = nlp.Zeroed(w.strip, n)
	w.low = nlp.Zeroed(w.low, n)
	w.ascii = nlp.Zeroed(w.ascii, n)
	w.rawASCII = nlp.Zeroed(w.rawASCII, n)
	w.capital = nlp.Zeroed(w.capital, n)
	w.info = nlp.Zeroed(w.info, n)
	w.rawFlags = nlp.Zeroed(w.rawFlags, n)
	w.lraw = d.Lower()
	for i, t := range d.Tokens {
		if t.Kind != nlp.Word && t.Kind != nlp.Number {
			continue
		}
		tok := d.Text[t.Start:t.End]
		if t.Kind == nlp.Word {
			r, _ := utf8.DecodeRuneInString(tok)
			w.capital[i] = unicode.IsUpper(r)
		}
		s := stripMarks(tok)
		w.strip[i] = s
		w.ascii[i] = isASCII(s)
		if len(s) == len(tok) {
			// No marks (stripMarks only removes): s is tok.
			w.low[i] = w.lraw[i]
			w.rawASCII[i] = w.ascii[i]
		} else {
			w.low[i] = strings.ToLower(s)
			w.rawASCII[i] = isASCII(tok)
		}
	}
	w.hasInfo = g != nil
	if g == nil {
		return
	}
	for i, t := range d.Tokens {
		if t.Kind != nlp.Word && t.Kind != nlp.Number {
			continue
		}
		if g.filter.MayContain(w.low[i]) {
			w.info[i] = g.words[w.low[i]]
		}
		if len(w.strip[i]) == t.End-t.Start {
			w.rawFlags[i] = w.info[i].flags
		} else if g.filter.MayContain(w.lraw[i]) {
			w.rawFlags[i] = g.words[w.lraw[i]].flags
		}
	}
}

// is reports whether word token i (lower case, marks removed) has flag f.
func (w *words) is(i int, f wordFlag) bool { return w.info[i].flags&f != 0 }

// rawIs reports whether word or number token i in lower case (marks
// kept: lraw) has flag f.
func (w *words) rawIs(i int, f wordFlag) bool { return w.rawFlags[i]&f != 0 }

// equalFold is strings.EqualFold(d.TokenText(i), lw) for a lower-case
// ASCII word lw: for an ASCII token, its lower case equals lw.
func (w *words) equalFold(d *nlp.Doc, i int, lw string) bool {
	if w.rawASCII[i] {
		return w.lraw[i] == lw
	}
	return strings.EqualFold(d.TokenText(i), lw)
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
