package techniques

import (
	"github.com/sift-project/sift/internal/nlp"
)

func bucket(n int, bounds ...int) int {
	for i, b := range bounds {
		if n <= b {
			return i
		}
	}
	return len(bounds)
}

func (di *docInfo) word(i int) string {
	if i < 0 {
		return "<s>"
	}
	if i >= len(di.lower) {
		return "</s>"
	}
	return di.lower[i]
}

// word within the same sentence as token at, else a boundary marker.
func (di *docInfo) sword(at, i int) string {
	s := di.d.Sentences[di.sent[at]]
	if i < s.First {
		return "<s>"
	}
	if i >= s.Last {
		return "</s>"
	}
	return di.lower[i]
}

// tokenFeatures appends the span-identification features of token i.
func (di *docInfo) tokenFeatures(i int, out []uint32) []uint32 {
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
		out = append(out, f1('x', w[len(w)-3:]))
	}
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
	out = di.clusterFeatures(i, out)
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
