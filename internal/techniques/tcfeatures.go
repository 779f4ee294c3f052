package techniques

import (
	"github.com/sift-project/sift/internal/nlp"
)

// spanCtx is what the technique classifier knows about a span besides its
// tokens: how often the same text is marked elsewhere in the article and
// how many times this very span is given (a span with two techniques is
// given twice).
type spanCtx struct {
	sameText int // other spans with the same normalised text
	dup      int // times this exact span is given
}

// tokenRange returns the tokens overlapping code points [start, end).
func tokenRange(d *nlp.Doc, start, end int) (first, last int) {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Tokens[m].REnd <= start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	first = lo
	last = first
	for last < len(d.Tokens) && d.Tokens[last].RStart < end {
		last++
	}
	return first, last
}

// spanFeatures appends the technique-classification features of the span
// covering tokens [first, last).
func (di *docInfo) spanFeatures(first, last int, ctx spanCtx, out []uint32) []uint32 {
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
		w := di.lt[i].lower
		out = append(out, di.lt[i].hw, di.lt[i].hs)
		if i+1 < last {
			out = append(out, di.big[i+1])
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
		f1('f', di.lt[first].lower),
		f1('l', di.lt[last-1].lower),
		f2('F', di.lt[first].lower, string(rune('0'+nb))),
		f1('p', di.sword(first, first-1)),
		f1('x', di.sword(last-1, last)),
		fn('c', bucket(caps, 0, 1, 3)),
	)
	if n == 1 {
		out = append(out, f1('1', di.lt[first].lower), fn('h', int(di.shape[first])))
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
		if d.Tokens[i].Kind == nlp.Word && len(di.lt[i].lower) > 3 {
			seen++
			if di.wcount(i) > 1 {
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
				out = append(out, f2('K', di.lt[i].lower, string(rune('0'+bucket(di.wcount(i), 1, 2, 4)))))
			}
		}
	}
	return out
}
