package techniques

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/nlp"
)

// docInfo is what the feature templates read about a document: per-token
// normalised forms and lexicon classes, quote context, sentence facts and
// repetition counts.
type docInfo struct {
	d     *nlp.Doc
	shape []byte
	lex   []uint16
	sent  []int32 // sentence of each token
	inQ   []bool  // inside quotation marks
	scare []bool  // inside a short quoted stretch (scare quotes)
	rep   []uint8 // the token is in a word trigram repeated in the article
	// lt is each token's word type; big[i] (i > 0) is the bigram feature
	// f2('B', lower[i-1], lower[i]), bigC[i] (i+1 < len) f2('C', lower[i],
	// lower[i+1]).
	lt   []*lowType
	big  []uint32
	bigC []uint32
	// tid numbers each token's word type within the document; cnt counts
	// the word tokens of each type.
	tid []int32
	cnt []int32
	// words lists the word and number tokens in order; the positions in
	// words of type k are wpos[wposAt[k]:wposAt[k+1]].
	words  []int32
	wposAt []int32
	wpos   []int32
	sents  []sentInfo
	// art holds article-level features shared by every token.
	art []uint32
	// clus is set when the model reads word clusters (lowType.clus).
	clus bool
	// rows holds the rows in table rowsTab of the tokens' bigram
	// features (see findRows).
	rows    []int32
	rowsTab *spanTable
	// Scratch space of fill; sink keeps loads made only to fill caches.
	scratch []int32
	hashes  []uint32
	sink    int
}

// wcount is how often the word of token i occurs as a word token.
func (di *docInfo) wcount(i int) int { return int(di.cnt[di.tid[i]]) }

type sentInfo struct {
	excl, ques, quote bool
	lex               int // tokens with a lexicon class
	loaded            int
	words             int
	// facts holds the sentence's token features: title, position,
	// length, lexicon words, loaded words.
	facts [5]uint32
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
	return new(docInfo).fill(d, lx)
}

// fill computes di for d, reusing di's memory.
func (di *docInfo) fill(d *nlp.Doc, lx *Lexicon) *docInfo {
	n := len(d.Tokens)
	di.d = d
	di.shape = nlp.Zeroed(di.shape, n)
	di.lex = nlp.Zeroed(di.lex, n)
	di.sent = nlp.Zeroed(di.sent, n)
	di.inQ = nlp.Zeroed(di.inQ, n)
	di.scare = nlp.Zeroed(di.scare, n)
	di.rep = nlp.Zeroed(di.rep, n)
	di.lt = nlp.Zeroed(di.lt, n)
	di.big = nlp.Zeroed(di.big, n)
	di.tid = nlp.Zeroed(di.tid, n)
	di.sents = nlp.Zeroed(di.sents, len(d.Sentences))
	di.words = di.words[:0]
	di.art = di.art[:0]
	di.clus = lx.clusters != nil
	wc := lx.getCache()
	defer lx.putCache(wc)
	wc.startDoc()
	// The tokens' types, in loops short enough that many memory loads
	// are under way at once: hash the texts and touch their cache slots,
	// find the types and touch them, then read them.
	di.hashes = nlp.Zeroed(di.hashes, n)
	hs := di.hashes
	for i, t := range d.Tokens {
		hs[i] = hstr(fnvOffset, d.Text[t.Start:t.End])
	}
	wc.touch(hs)
	var touch int
	for i, t := range d.Tokens {
		tt := wc.tokHashed(d.Text[t.Start:t.End], hs[i], t.Kind, lx)
		di.shape[i] = tt.shape
		di.lt[i] = tt.lt
		touch += len(tt.lt.lower)
	}
	wc.sink += touch
	wc.finish(di.clus)
	// The bigram features (B with the token before, C with the one
	// after) and the word trigrams' hashes are hashed in one pass over
	// each word: v is the trigram's state after its first two words.
	di.bigC = nlp.Zeroed(di.bigC, n)
	types := int32(0)
	var v uint32
	for i, lt := range di.lt {
		id, fresh := wc.localID(lt, types)
		if fresh {
			types++
		}
		di.tid[i] = id
		if i > 0 {
			p := di.lt[i-1]
			b, c, t, u := hstr4(p.preB, p.preC, v, p.pre3, lt.lower)
			di.big[i], di.bigC[i-1] = b, c
			if i >= 2 {
				hs[i-2] = t
			}
			v = hbyte(u, 0)
		}
	}
	// Word counts and the positions of each word type among the words.
	di.cnt = nlp.Zeroed(di.cnt, int(types))
	di.wposAt = nlp.Zeroed(di.wposAt, int(types)+1)
	for i, t := range d.Tokens {
		switch t.Kind {
		case nlp.Word:
			di.cnt[di.tid[i]]++
			fallthrough
		case nlp.Number:
			di.wposAt[di.tid[i]+1]++
			di.words = append(di.words, int32(i))
		}
	}
	// The bigram features' rows: loaded now, read when decoding.
	di.rowsTab = nil
	if st := wc.tab; st != nil {
		di.touchBlocks(st)
		di.findRows(st)
	}
	for k := int32(0); k < types; k++ {
		di.wposAt[k+1] += di.wposAt[k]
	}
	di.wpos = nlp.Zeroed(di.wpos, len(di.words))
	di.scratch = nlp.Zeroed(di.scratch, int(types))
	fill := di.scratch
	for p, i := range di.words {
		k := di.tid[i]
		di.wpos[di.wposAt[k]+fill[k]] = int32(p)
		fill[k]++
	}
	di.markLexicon()
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
	for si, s := range d.Sentences {
		info := &di.sents[si]
		title := 0
		if s.Para == 0 {
			title = 1
		}
		info.facts = [5]uint32{
			fn('t', title),
			fn('S', bucket(si, 0, 1, 2, 4, 8, 16)),
			fn('l'+1, bucket(info.words, 3, 6, 10, 15, 25, 40)),
			fn('E', bucket(info.lex, 0, 1, 2, 4)),
			fn('O', bucket(info.loaded, 0, 1, 2)),
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
	// Repeated word trigrams (their hashes are in hs[:n-2]).
	if n >= 3 {
		hashes := hs[:n-2]
		di.scratch = nlp.Zeroed(di.scratch, n-2)
		counts := di.scratch
		wc.countTrigrams(hashes, counts)
		for i := range hashes {
			if counts[i] >= 2 && d.Tokens[i].Kind == nlp.Word {
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

// markLexicon sets di.lex: a token gets the classes of a one-word entry
// equal to it and of every phrase entry covering it (as Lexicon.Mark).
func (di *docInfo) markLexicon() {
	out := di.lex
	for i, lt := range di.lt {
		out[i] |= lt.lex
		if lt.phr {
			markPhrases(out, di.lt, lowerOf, i, lt.phrases)
		}
	}
}
