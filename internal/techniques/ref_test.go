package techniques

// The reference feature extraction: the straightforward code the model was
// trained with (before the word-type cache), kept to check that the fast
// extraction gives the very same feature hashes. When the features change
// on purpose (for a new model), change this reference the same way and
// recompute the digests of TestFeatureHashesFixed.

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"

	"github.com/sift-project/sift/internal/nlp"
)

type refInfo struct {
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
}

func refShapeOf(t nlp.Token, s string) byte {
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
func refLowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}
func refNormWord(s string) string {
	if strings.ContainsRune(s, '\u2019') {
		s = strings.ReplaceAll(s, "\u2019", "'")
	}
	return refLowerASCII(s)
}
func refNewInfo(d *nlp.Doc, lx *Lexicon) *refInfo {
	n := len(d.Tokens)
	di := &refInfo{
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
		di.shape[i] = refShapeOf(t, s)
		w := refNormWord(s)
		di.lower[i] = w
		if t.Kind == nlp.Word {
			st, ok := stems[w]
			if !ok {
				st = refStem(w)
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
	di.lex = refMark(lx, di.lower)
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
func (di *refInfo) sword(at, i int) string {
	s := di.d.Sentences[di.sent[at]]
	if i < s.First {
		return "<s>"
	}
	if i >= s.Last {
		return "</s>"
	}
	return di.lower[i]
}
func (di *refInfo) tokenFeatures(i int, out []uint32) []uint32 {
	d := di.d
	si := int(di.sent[i])
	s := d.Sentences[si]
	info := di.sents[si]
	w := di.lower[i]
	out = append(out,
		fn('b', 0),
		f1('w', w),
		f1('p', di.sword(i, i-1)),
		f1('n', di.sword(i, i+1)),
		f2('B', di.sword(i, i-1), w),
		f2('C', w, di.sword(i, i+1)),
		f1('s', di.stem[i]),
		fn('h', int(di.shape[i])),
	)
	if len(w) > 4 {
		out = append(out, f1('x', w[len(w)-3:]), f1('k', w[:4]), f1('g', w[:3]))
	}
	out = append(out, fn('z', lenBucket(w)))
	if i > s.First {
		out = append(out, f1('y', di.stem[i-1]))
	}
	if i+1 < s.Last {
		out = append(out, f1('Y', di.stem[i+1]))
	}
	prevShape, nextShape := byte(0), byte(0)
	if i > s.First {
		prevShape = di.shape[i-1]
	}
	if i+1 < s.Last {
		nextShape = di.shape[i+1]
	}
	out = append(out, fn('H', int(prevShape)<<8|int(di.shape[i])), fn('J', int(di.shape[i])<<8|int(nextShape)))
	// Lexicon classes of the token and of a ±2 window.
	for c := range LexClasses {
		bit := uint16(1) << c
		if di.lex[i]&bit != 0 {
			out = append(out, fn('l', c))
		}
		for k := max(s.First, i-2); k < min(s.Last, i+3); k++ {
			if k != i && di.lex[k]&bit != 0 {
				out = append(out, fn('L', c))
				break
			}
		}
	}
	// Quotes.
	if di.inQ[i] {
		out = append(out, fn('q', 1))
	}
	if di.scare[i] {
		out = append(out, fn('q', 2))
	}
	// Position in the sentence.
	rel := 0
	if n := s.Last - s.First; n > 1 {
		rel = 1 + 4*(i-s.First)/n
	}
	if i == s.First {
		rel = 0
	}
	if i == s.Last-1 {
		rel = 6
	}
	out = append(out, fn('r', rel))
	// Sentence facts.
	title := 0
	if s.Para == 0 {
		title = 1
	}
	out = append(out,
		fn('t', title),
		fn('S', bucket(si, 0, 1, 2, 4, 8, 16)),
		fn('l'+1, bucket(info.words, 3, 6, 10, 15, 25, 40)),
		fn('E', bucket(info.lex, 0, 1, 2, 4)),
		fn('O', bucket(info.loaded, 0, 1, 2)),
	)
	if info.excl {
		out = append(out, fn('!', 0))
	}
	// Sentence context: its first word and its lexicon words.
	out = append(out, f1('^', di.lower[s.First]))

	if info.ques {
		out = append(out, fn('?', 0))
	}
	if info.quote {
		out = append(out, fn('"', 0))
	}
	// Repetition in the article.
	if di.rep[i] > 0 {
		out = append(out, fn('R', bucket(int(di.rep[i]), 1, 2)))
	}
	if d.Tokens[i].Kind == nlp.Word && len(w) > 3 {
		out = append(out, fn('c', bucket(di.wcount[w], 1, 2, 4, 8)))
		if di.lex[i] != 0 {
			out = append(out, f2('X', w, string(rune('0'+bucket(di.wcount[w], 1, 3)))))
		}
	}
	return out
}
func (di *refInfo) sentBag(si int, out []uint32) []uint32 {
	s := di.d.Sentences[si]
	info := di.sents[si]
	out = append(out, fn('b', 0))
	for i := s.First; i < s.Last; i++ {
		if di.d.Tokens[i].Kind == nlp.Word {
			out = append(out, f1('w', di.lower[i]), f1('s', di.stem[i]))
		} else {
			out = append(out, f1('w', di.lower[i]))
		}
		if i+1 < s.Last {
			out = append(out, f2('B', di.lower[i], di.lower[i+1]))
		}
		for c := range LexClasses {
			if di.lex[i]&(uint16(1)<<c) != 0 {
				out = append(out, fn('l', c))
			}
		}
	}
	title := 0
	if s.Para == 0 {
		title = 1
	}
	out = append(out,
		fn('n', bucket(info.words, 3, 6, 10, 15, 25, 40)),
		fn('t', title),
		fn('E', bucket(info.lex, 0, 1, 2, 4)),
	)
	if info.excl {
		out = append(out, fn('!', 0))
	}
	if info.ques {
		out = append(out, fn('?', 0))
	}
	if info.quote {
		out = append(out, fn('"', 0))
	}
	return out
}
func refNormSpanText(di *refInfo, first, last int) string {
	var b strings.Builder
	for i := first; i < last; i++ {
		if di.d.Tokens[i].Kind == nlp.Word || di.d.Tokens[i].Kind == nlp.Number {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(di.lower[i])
		}
	}
	return b.String()
}
func (di *refInfo) spanFeatures(first, last int, ctx spanCtx, out []uint32) []uint32 {
	d := di.d
	out = append(out, fn('b', 0))
	if last <= first {
		return out
	}
	n := last - first
	words := 0
	var lexCount [16]int
	caps, upper, excl, ques, quotes := 0, 0, false, false, 0
	for i := first; i < last; i++ {
		w := di.lower[i]
		out = append(out, f1('w', w), f1('s', di.stem[i]))
		if i+1 < last {
			out = append(out, f2('B', w, di.lower[i+1]))
		}
		switch d.Tokens[i].Kind {
		case nlp.Word:
			words++
			switch di.shape[i] {
			case shTitle:
				caps++
			case shUpper:
				if len(w) > 1 {
					upper++
				}
			}
		case nlp.Quote:
			quotes++
		case nlp.Punct:
			switch d.Text[d.Tokens[i].Start] {
			case '!':
				excl = true
			case '?':
				ques = true
			}
		}
		for c := range LexClasses {
			if di.lex[i]&(1<<c) != 0 {
				lexCount[c]++
			}
		}
	}
	nb := bucket(n, 1, 2, 3, 5, 8, 13, 20, 30)
	out = append(out,
		fn('n', nb),
		f1('f', di.lower[first]),
		f1('l', di.lower[last-1]),
		f2('F', di.lower[first], string(rune('0'+nb))),
		f1('p', di.sword(first, first-1)),
		f1('x', di.sword(last-1, last)),
		fn('c', bucket(caps, 0, 1, 3)),
	)
	if n == 1 {
		out = append(out, f1('1', di.lower[first]), fn('h', int(di.shape[first])))
	}
	if upper > 0 {
		out = append(out, fn('U', bucket(upper, 1, 3)))
	}
	if excl {
		out = append(out, fn('!', 0))
	}
	if ques {
		out = append(out, fn('?', 0))
	}
	if quotes > 0 {
		out = append(out, fn('"', bucket(quotes, 1, 2)))
	}
	for c, k := range lexCount {
		if k > 0 {
			out = append(out, fn('L', c<<4|bucket(k, 1, 2)), fn('M', c<<4|nb))
		}
	}
	// Quote context: the span sits inside quotes, or is wrapped in them.
	if di.scare[first] {
		out = append(out, fn('q', 1))
	}
	if di.inQ[first] {
		out = append(out, fn('q', 2))
	}
	if first > 0 && d.Tokens[first-1].Kind == nlp.Quote && last < len(d.Tokens) && d.Tokens[last].Kind == nlp.Quote {
		out = append(out, fn('q', 3))
	}
	// Sentence: coverage, title, sentence facts.
	si := int(di.sent[first])
	s := d.Sentences[si]
	cover := 0
	if sl := s.Last - s.First; sl > 0 {
		cover = bucket(100*n/sl, 10, 25, 50, 80, 95)
	}
	out = append(out, fn('v', cover))
	if s.Para == 0 {
		out = append(out, fn('t', 0))
	}
	if first == s.First {
		out = append(out, fn('t', 1))
	}
	if last == s.Last || last == s.Last-1 {
		out = append(out, fn('t', 2))
	}
	if di.sents[si].ques {
		out = append(out, fn('t', 3))
	}
	// Repetition: the same text marked or written elsewhere.
	out = append(out, fn('r', bucket(ctx.sameText, 0, 1, 2, 4)), fn('d', bucket(ctx.dup, 1, 2)))
	rep := 0
	seen := 0
	for i := first; i < last; i++ {
		if d.Tokens[i].Kind == nlp.Word && len(di.lower[i]) > 3 {
			seen++
			if di.wcount[di.lower[i]] > 1 {
				rep++
			}
		}
		if di.rep[i] > 0 {
			out = append(out, fn('R', 0))
		}
	}
	if seen > 0 {
		out = append(out, fn('W', bucket(100*rep/seen, 0, 33, 66, 99)))
	}
	if n <= 3 {
		for i := first; i < last; i++ {
			if d.Tokens[i].Kind == nlp.Word {
				out = append(out, f2('K', di.lower[i], string(rune('0'+bucket(di.wcount[di.lower[i]], 1, 2, 4)))))
			}
		}
	}
	return out
}
func refMark(lx *Lexicon, lower []string) []uint16 {
	out := make([]uint16, len(lower))
	for i, w := range lower {
		out[i] |= lx.words[w]
		for _, p := range lx.phrases[w] {
			if i+len(p.words) > len(lower) {
				continue
			}
			ok := true
			for k := 1; k < len(p.words); k++ {
				if lower[i+k] != p.words[k] {
					ok = false
					break
				}
			}
			if ok {
				for k := range p.words {
					out[i+k] |= p.class
				}
			}
		}
	}
	return out
}
func refStem(w string) string {
	if len(w) <= 3 {
		return w
	}
	return english.Stem(w, false)
}

func refOccurrences(di *refInfo, first, last int) int {
	var ws []string
	for i := first; i < last; i++ {
		if k := di.d.Tokens[i].Kind; k == nlp.Word || k == nlp.Number {
			ws = append(ws, di.lower[i])
		}
	}
	if len(ws) == 0 {
		return 0
	}
	n := 0
	for _, p := range di.wpos[ws[0]] {
		if int(p)+len(ws) > len(di.words) {
			break
		}
		ok := true
		for k := 1; k < len(ws); k++ {
			if di.lower[di.words[int(p)+k]] != ws[k] {
				ok = false
				break
			}
		}
		if ok {
			n++
		}
	}
	return n
}

// refViterbi is the reference decoder: it returns the best tag sequence for emissions e (n×numTags) under
// trans, with bias added to B and I. I never follows O or the start.
// back must hold n*numTags entries; tags receives n tags.
func refViterbi(e []float32, trans *[numTags + 1][numTags]float32, bias float32, back []int8, tags []int8) {
	n := len(tags)
	if n == 0 {
		return
	}
	inf := float32(math.Inf(-1))
	var cur, next [numTags]float32
	for y := 0; y < numTags; y++ {
		cur[y] = trans[numTags][y] + e[y]
		if y != tagO {
			cur[y] += bias
		}
	}
	cur[tagI] = inf
	for i := 1; i < n; i++ {
		for y := 0; y < numTags; y++ {
			best, arg := inf, int8(0)
			for p := 0; p < numTags; p++ {
				if y == tagI && p == tagO {
					continue
				}
				if v := cur[p] + trans[p][y]; v > best {
					best, arg = v, int8(p)
				}
			}
			v := best + e[i*numTags+y]
			if y != tagO {
				v += bias
			}
			next[y] = v
			back[i*numTags+y] = arg
		}
		cur = next
	}
	best, arg := inf, int8(0)
	for y := 0; y < numTags; y++ {
		if cur[y] > best {
			best, arg = cur[y], int8(y)
		}
	}
	tags[n-1] = arg
	for i := n - 1; i > 0; i-- {
		tags[i-1] = back[i*numTags+int(tags[i])]
	}
}

// refSpanContexts is the reference spanContexts (text keys in maps).
func refSpanContexts(a *Analysis, spans []Given) []fullCtx {
	norms := make([]string, len(spans))
	byText := map[string]map[Given]bool{}
	dup := map[Given]int{}
	for i, s := range spans {
		norms[i] = normSpanText(a.di, s.First, s.Last)
		if byText[norms[i]] == nil {
			byText[norms[i]] = map[Given]bool{}
		}
		byText[norms[i]][s] = true
		dup[s]++
	}
	out := make([]fullCtx, len(spans))
	for i, s := range spans {
		out[i] = fullCtx{spanCtx: spanCtx{sameText: len(byText[norms[i]]) - 1, dup: dup[s]}, occur: a.occurrences(s.First, s.Last)}
	}
	return out
}

// normSpanText is the key under which refSpanContexts counts repeated
// span texts.
func normSpanText(di *docInfo, first, last int) string {
	var b strings.Builder
	for i := first; i < last; i++ {
		if di.d.Tokens[i].Kind == nlp.Word || di.d.Tokens[i].Kind == nlp.Number {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(di.lt[i].lower)
		}
	}
	return b.String()
}
