// Package nlp tokenizes an article's text and splits it into sentences,
// keeping byte and code-point offsets for every token and sentence. It is
// the annotation stage every later stage builds on: they read a Doc and
// never re-tokenize.
package nlp

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/offsets"
	"github.com/sift-project/sift/internal/report"
)

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota // letters, possibly with digits, inner hyphens, apostrophes, dots
	Number             // starts with a digit: 70, 1,000, 3.5, 2017
	Punct              // one punctuation mark or symbol, or a run such as "..." or "--"
	Quote              // a quotation mark: " ' “ ” ‘ ’ « » „
)

func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Punct:
		return "punct"
	case Quote:
		return "quote"
	}
	return "?"
}

// Token is one token of Doc.Text.
type Token struct {
	Start, End   int // byte offsets into Doc.Text, end exclusive
	RStart, REnd int // code-point offsets, end exclusive
	Kind         Kind
	// NewlineBefore reports that a line break separates this token from the
	// previous one; ParaBefore that a blank line does.
	NewlineBefore, ParaBefore bool
}

// Sentence is one sentence: a token range and its offsets.
type Sentence struct {
	Start, End   int // byte offsets, end exclusive, no surrounding space
	RStart, REnd int // code-point offsets
	First, Last  int // token range [First, Last)
	// Para is the 0-based paragraph number (paragraphs are separated by
	// blank lines; the title is paragraph 0 in the PTC layout).
	Para int
}

// Doc is an article's text with its tokens and sentences.
type Doc struct {
	Text      string
	Index     *offsets.Index
	Tokens    []Token
	Sentences []Sentence

	lowerOnce sync.Once
	lower     []string // Lower's cache
}

// NewDoc tokenizes text and splits it into sentences.
func NewDoc(text string) *Doc {
	d := &Doc{Text: text, Index: offsets.New(text)}
	d.Tokens = Tokenize(text, d.Index)
	d.Sentences = splitSentences(text, d.Tokens, d.Index)
	return d
}

// TokenText returns the text of token i.
func (d *Doc) TokenText(i int) string {
	t := d.Tokens[i]
	return d.Text[t.Start:t.End]
}

// SpanBytes returns the report span for byte offsets [start, end).
func (d *Doc) SpanBytes(start, end int) report.Span {
	return report.Span{Start: d.Index.Rune(start), End: d.Index.Rune(end), Text: d.Text[start:end]}
}

// SpanTokens returns the report span covering tokens [first, last).
func (d *Doc) SpanTokens(first, last int) report.Span {
	if last <= first {
		t := d.Tokens[first]
		return report.Span{Start: t.RStart, End: t.RStart}
	}
	a, b := d.Tokens[first], d.Tokens[last-1]
	return report.Span{Start: a.RStart, End: b.REnd, Text: d.Text[a.Start:b.End]}
}

// SentenceSpans returns the sentences as report spans.
func (d *Doc) SentenceSpans() []report.Span {
	out := make([]report.Span, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = report.Span{Start: s.RStart, End: s.REnd, Text: d.Text[s.Start:s.End]}
	}
	return out
}

// SentenceOf returns the index of the sentence holding token i, or -1.
func (d *Doc) SentenceOf(tok int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		s := d.Sentences[m]
		switch {
		case tok < s.First:
			hi = m
		case tok >= s.Last:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// IsQuote reports whether r is a quotation mark.
func IsQuote(r rune) bool {
	switch r {
	case '"', '\'', '\u201c', '\u201d', '\u2018', '\u2019', '\u00ab', '\u00bb', '\u201e', '\u201a', '\u2039', '\u203a', '`':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

func decode(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// Tokenize splits text into tokens. ix must index text.
func Tokenize(text string, ix *offsets.Index) []Token {
	toks := make([]Token, 0, len(text)/5+1)
	newlines := 0
	for i := 0; i < len(text); {
		r, size := decode(text, i)
		if r == '\n' {
			newlines++
			i += size
			continue
		}
		if unicode.IsSpace(r) || r == utf8.RuneError && size <= 1 && isJunk(text, i) {
			i += size
			continue
		}
		start := i
		kind := Punct
		switch {
		case isWordRune(r):
			kind = Word
			if r >= '0' && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r) {
				kind = Number
			}
			i = scanWord(text, i, kind == Number)
		case IsQuote(r):
			kind = Quote
			i += size
		case r == '.' || r == '-' || r == '\u2014' || r == '\u2013' || r == '!' || r == '?' || r == '*' || r == '=' || r == '_':
			// Runs of the same mark ("...", "--", "?!" kept separate).
			i += size
			for {
				r2, s2 := decode(text, i)
				if s2 == 0 || r2 != r {
					break
				}
				i += s2
			}
		default:
			i += size
		}
		t := Token{Start: start, End: i, Kind: kind, NewlineBefore: newlines > 0, ParaBefore: newlines > 1}
		t.RStart, t.REnd = ix.Rune(t.Start), ix.Rune(t.End)
		toks = append(toks, t)
		newlines = 0
	}
	return toks
}

// isJunk reports an invalid byte, skipped like white space.
func isJunk(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r == utf8.RuneError
}

// scanWord scans a word or number starting at i and returns its end.
// Inner joiners are kept when a word character follows: hyphens
// (US-supplied, al-Nusra), apostrophes (Assad's, don't), dots between
// letters (U.S.) or digits (3.5), commas between digits (1,000).
func scanWord(s string, i int, number bool) int {
	_, size := decode(s, i)
	i += size
	for i < len(s) {
		r, size := decode(s, i)
		if isWordRune(r) {
			i += size
			continue
		}
		next, nsize := decode(s, i+size)
		if nsize == 0 || !isWordRune(next) {
			// "U.S." keeps its final dot when it is an abbreviation of
			// single letters.
			if r == '.' && dottedAbbrevEnd(s, i) {
				return i + 1
			}
			return i
		}
		switch r {
		case '-', '\'', '\u2019', '&':
			if number && r != '-' {
				return i
			}
			i += size
		case '.':
			// 3.5 or U.S.A; not "end.Next".
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if number && unicode.IsDigit(next) || isSingleLetterSegment(s, i) {
				i += size
				continue
			}
			_ = prev
			return i
		case ',':
			if number && unicode.IsDigit(next) {
				i += size
				continue
			}
			return i
		default:
			return i
		}
	}
	return i
}

// isSingleLetterSegment reports that the segment before the dot at i is a
// single letter (as in U.S. or U.N.).
func isSingleLetterSegment(s string, dot int) bool {
	if dot < 1 {
		return false
	}
	r, size := utf8.DecodeLastRuneInString(s[:dot])
	if !unicode.IsLetter(r) {
		return false
	}
	if dot-size == 0 {
		return true
	}
	p, _ := utf8.DecodeLastRuneInString(s[:dot-size])
	return !isWordRune(p)
}

// dottedAbbrevEnd reports that the dot at i closes an abbreviation such as
// U.S. (single letters separated by dots, at least two).
func dottedAbbrevEnd(s string, dot int) bool {
	if !isSingleLetterSegment(s, dot) {
		return false
	}
	_, size := utf8.DecodeLastRuneInString(s[:dot])
	j := dot - size
	return j >= 2 && s[j-1] == '.' && isSingleLetterSegment(s, j-1)
}
