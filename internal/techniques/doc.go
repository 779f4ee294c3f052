package techniques

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"

	"github.com/sift-project/sift/internal/nlp"
)

// docInfo is what the feature templates read about a document: per-token
// normalised forms and lexicon classes, quote context, sentence facts and
// repetition counts.
type docInfo struct {
	d      *nlp.Doc
	lower  []string
	stem   []string
	shape  []byte
	lex    []uint16
	sent   []int32 // sentence of each token
	inQ    []bool  // inside quotation marks
	scare  []bool  // inside a short quoted stretch (scare quotes)
	rep    []uint8 // the token is in a word trigram repeated in the article
	wcount map[string]int
	// words lists the word and number tokens in order; wpos maps a
	// lower-cased word to its positions in words.
	words []int32
	wpos  map[string][]int32
	sents []sentInfo
	// art holds article-level features shared by every token.
	art []uint32
	// clus holds each token's word clusters (see Clusters.mark); nil
	// when the model reads none.
	clus []uint32
}

type sentInfo struct {
	excl, ques, quote bool
	lex               int // tokens with a lexicon class
	loaded            int
	words             int
}

// Shape codes.
const (
	shLower byte = 'a' + iota
	shTitle
	shUpper
	shMixed
	shNum
	shPunct
	shQuote
)

var (
	stemCache sync.Map
	stemCount atomic.Int64
)

const maxStemCache = 1 << 18

func stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	if s, ok := stemCache.Load(w); ok {
		return s.(string)
	}
	s := english.Stem(w, false)
	if stemCount.Load() < maxStemCache {
		stemCount.Add(1)
		stemCache.Store(strings.Clone(w), s)
	}
	return s
}

func shapeOf(t nlp.Token, s string) byte {
	switch t.Kind {
	case nlp.Number:
		return shNum
	case nlp.Punct:
		return shPunct
	case nlp.Quote:
		return shQuote
	}
	up, low := 0, 0
	first := true
	firstUp := false
	for _, r := range s {
		if unicode.IsUpper(r) {
			up++
			if first {
				firstUp = true
			}
		} else if unicode.IsLower(r) {
			low++
		}
		first = false
	}
	switch {
	case up == 0:
		return shLower
	case low == 0:
		return shUpper
	case firstUp && up == 1:
		return shTitle
	}
	return shMixed
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// normWord maps curly apostrophes to straight ones and lower-cases.
func normWord(s string) string {
	if strings.ContainsRune(s, '\u2019') {
		s = strings.ReplaceAll(s, "\u2019", "'")
	}
	return lowerASCII(s)
}

func newDocInfo(d *nlp.Doc, lx *Lexicon) *docInfo {
	n := len(d.Tokens)
	di := &docInfo{
		d:      d,
		lower:  make([]string, n),
		stem:   make([]string, n),
		shape:  make([]byte, n),
		sent:   make([]int32, n),
		inQ:    make([]bool, n),
		scare:  make([]bool, n),
		rep:    make([]uint8, n),
		wcount: make(map[string]int, n/2),
		wpos:   make(map[string][]int32, n/2),
		sents:  make([]sentInfo, len(d.Sentences)),
	}
	stems := make(map[string]string, n/3)
	for i, t := range d.Tokens {
		s := d.Text[t.Start:t.End]
		di.shape[i] = shapeOf(t, s)
		w := normWord(s)
		di.lower[i] = w
		if t.Kind == nlp.Word {
			st, ok := stems[w]
			if !ok {
				st = stem(w)
				stems[w] = st
			}
			di.stem[i] = st
			di.wcount[w]++
		} else {
			di.stem[i] = w
		}
		if t.Kind == nlp.Word || t.Kind == nlp.Number {
			di.wpos[w] = append(di.wpos[w], int32(len(di.words)))
			di.words = append(di.words, int32(i))
		}
	}
	di.lex = lx.Mark(di.lower)
	for si, s := range d.Sentences {
		info := &di.sents[si]
		in := false
		qstart := -1
		for i := s.First; i < s.Last; i++ {
			di.sent[i] = int32(si)
			t := d.Tokens[i]
			switch t.Kind {
			case nlp.Quote:
				info.quote = true
				if in {
					// Closing: a short quoted stretch is a scare quote.
					if words := i - qstart - 1; words >= 1 && words <= 4 {
						for k := qstart + 1; k < i; k++ {
							di.scare[k] = true
						}
					}
				} else {
					qstart = i
				}
				in = !in
			case nlp.Punct:
				switch d.Text[t.Start] {
				case '!':
					info.excl = true
				case '?':
					info.ques = true
				}
			case nlp.Word:
				info.words++
			}
			di.inQ[i] = in && t.Kind != nlp.Quote
			if di.lex[i] != 0 {
				info.lex++
				if di.lex[i]&1 != 0 {
					info.loaded++
				}
			}
		}
	}
	// Article-level propensity: density of lexicon words, exclamations,
	// questions and quotes, and the article's length.
	words, lexw, loaded, excl, ques, quotes := 0, 0, 0, 0, 0, 0
	for _, si := range di.sents {
		words += si.words
		lexw += si.lex
		loaded += si.loaded
		if si.excl {
			excl++
		}
		if si.ques {
			ques++
		}
		if si.quote {
			quotes++
		}
	}
	if words > 0 {
		ns := max(1, len(di.sents))
		di.art = append(di.art,
			fn('a', bucket(1000*loaded/words, 5, 10, 20, 30, 45)),
			fn('A', bucket(1000*lexw/words, 50, 80, 110, 140, 180)),
			fn('e', bucket(100*excl/ns, 0, 3, 10)),
			fn('Q', bucket(100*ques/ns, 0, 3, 10)),
			fn('u', bucket(100*quotes/ns, 5, 15, 30, 50)),
			fn('z', bucket(words, 200, 400, 800, 1500)),
		)
	}
	// Repeated word trigrams.
	if n >= 3 {
		tri := make(map[uint32]int, n)
		hashes := make([]uint32, n)
		for i := 0; i+2 < n; i++ {
			h := f2('3', di.lower[i], di.lower[i+1])
			h = hstr(hbyte(h, 0), di.lower[i+2])
			hashes[i] = h
			tri[h]++
		}
		for i := 0; i+2 < n; i++ {
			if tri[hashes[i]] >= 2 && d.Tokens[i].Kind == nlp.Word {
				for k := i; k < i+3; k++ {
					if di.rep[k] < 255 {
						di.rep[k]++
					}
				}
			}
		}
	}
	return di
}
