package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/offsets"
)

// abbreviations end with a dot but rarely end a sentence.
var abbreviations = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`mr mrs ms dr prof gen lt col sgt capt maj cpl adm brig cmdr
		gov sen rep st jr sr inc co corp ltd vs etc jan feb mar apr jun jul aug sep sept oct nov dec
		fig approx est dept univ rev hon pres lieut mt ft al`) {
		abbreviations[a] = true
	}
}

func splitSentences(text string, toks []Token, ix *offsets.Index) []Sentence {
	var out []Sentence
	para := 0
	first := 0
	emit := func(last int) {
		if last <= first {
			return
		}
		s := Sentence{Start: toks[first].Start, End: toks[last-1].End, First: first, Last: last, Para: para}
		s.RStart, s.REnd = ix.Rune(s.Start), ix.Rune(s.End)
		out = append(out, s)
		first = last
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i > first && t.NewlineBefore {
			emit(i)
		}
		if t.ParaBefore && i > 0 {
			para++
		}
		if !isTerminal(text, t) {
			continue
		}
		// Take closing quotes and brackets that follow the terminal mark.
		j := i + 1
		for j < len(toks) && !toks[j].NewlineBefore && toks[j].Start == toks[j-1].End && isCloser(text, toks[j], toks, j) {
			j++
		}
		if j >= len(toks) {
			i = j - 1
			continue
		}
		next := toks[j]
		if next.NewlineBefore {
			emit(j)
			i = j - 1
			continue
		}
		if next.Start == toks[j-1].End { // "end.Next" with no space: not a boundary
			continue
		}
		if text[t.Start] == '.' && t.End-t.Start == 1 && i > 0 && isAbbreviation(text, toks[i-1], next) {
			continue
		}
		if startsSentence(text, next) {
			emit(j)
			i = j - 1
		}
	}
	emit(len(toks))
	return out
}

func isTerminal(text string, t Token) bool {
	if t.Kind != Punct {
		// A word such as "U.S." does not end a sentence by itself.
		return false
	}
	switch text[t.Start] {
	case '.', '!', '?':
		return true
	}
	return strings.HasPrefix(text[t.Start:], "\u2026")
}

func isCloser(text string, t Token, toks []Token, j int) bool {
	switch text[t.Start:t.End] {
	case ")", "]", "\u201d", "\u2019", "\u00bb":
		return true
	case "\"", "'":
		// A straight quote right after the mark closes; one after a space
		// would open the next sentence.
		return true
	}
	return false
}

func isAbbreviation(text string, prev, next Token) bool {
	w := text[prev.Start:prev.End]
	if next.Kind == Number && (strings.EqualFold(w, "no") || strings.EqualFold(w, "nos")) {
		return true // "No. 5"
	}
	if prev.End-prev.Start == 1 && prev.Kind == Word && unicode.IsUpper(rune(w[0])) {
		return true // an initial: "George W. Bush"
	}
	return abbreviations[strings.ToLower(w)]
}

func startsSentence(text string, t Token) bool {
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r), t.Kind == Quote:
		return true
	case r == '(' || r == '[' || r == '-' || r == '\u2014':
		return true
	case unicode.IsLetter(r) && !unicode.IsLower(r):
		return true // scripts without case (Arabic)
	}
	return false
}
