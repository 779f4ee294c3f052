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

// word within the same sentence as token at, else a boundary marker.
func (di *docInfo) sword(at, i int) string {
	s := di.d.Sentences[di.sent[at]]
	if i < s.First {
		return "<s>"
	}
	if i >= s.Last {
		return "</s>"
	}
	return di.lt[i].lower
}

// tokenFeatures appends the span-identification features of token i.
// (The compact table's decoding adds the same features in groups: see
// spanTable.emissions and typeRows; change them together.
// TestSpanTableMatchesPlain checks that they agree.)
func (di *docInfo) tokenFeatures(i int, out []uint32) []uint32 {
	d := di.d
	si := int(di.sent[i])
	s := d.Sentences[si]
	info := &di.sents[si]
	lt := di.lt[i]
	w := lt.lower
	first, last := i == s.First, i+1 >= s.Last
	hp, hB, hy := hashPStart, lt.hBs, uint32(0)
	if !first {
		p := di.lt[i-1]
		hp, hB, hy = p.hp, di.big[i], p.hy
	}
	hn, hC, hY := hashNEnd, lt.hCe, uint32(0)
	if !last {
		nx := di.lt[i+1]
		hn, hC, hY = nx.hn, di.bigC[i], nx.hY
	}
	sh := di.shape[i]
	out = append(out, featBias, lt.hw, hp, hn, hB, hC, lt.hs, featShape(sh))
	if len(w) > 4 {
		out = append(out, lt.hx, lt.hk, lt.hg)
	}
	out = append(out, featLen[lt.lenB])
	if !first {
		out = append(out, hy)
	}
	if !last {
		out = append(out, hY)
	}
	prevShape, nextShape := byte(0), byte(0)
	if !first {
		prevShape = di.shape[i-1]
	}
	if !last {
		nextShape = di.shape[i+1]
	}
	out = append(out, featShapes('H', prevShape, sh), featShapes('J', sh, nextShape))
	// Lexicon classes of the token and of a ±2 window.
	if lx, win := di.lex[i], di.lexWindow(i, s); lx|win != 0 {
		for c := range LexClasses {
			bit := uint16(1) << c
			if lx&bit != 0 {
				out = append(out, featLex[c])
			}
			if win&bit != 0 {
				out = append(out, featLexWin[c])
			}
		}
	}
	// Quotes.
	if di.inQ[i] {
		out = append(out, featInQ)
	}
	if di.scare[i] {
		out = append(out, featScare)
	}
	// Position in the sentence.
	out = append(out, featRel[relPos(i, s)])
	// Sentence facts.
	out = append(out, info.facts[:]...)
	if info.excl {
		out = append(out, featExcl)
	}
	// Sentence context: its first word and its lexicon words.
	out = append(out, di.lt[s.First].hcar)

	if info.ques {
		out = append(out, featQues)
	}
	if info.quote {
		out = append(out, featQuote)
	}
	out = di.clusterFeatures(i, out)
	// Repetition in the article.
	if di.rep[i] > 0 {
		out = append(out, featRep[bucket(int(di.rep[i]), 1, 2)])
	}
	if d.Tokens[i].Kind == nlp.Word && len(w) > 3 {
		c := di.wcount(i)
		out = append(out, featCount[bucket(c, 1, 2, 4, 8)])
		if di.lex[i] != 0 {
			out = append(out, hbyte(lt.preX, byte('0'+bucket(c, 1, 3))))
		}
	}
	return out
}

// relPos is the position feature's value of token i in sentence s: 0 for
// the first token, 6 for the last, 1 to 4 by quarters between.
func relPos(i int, s nlp.Sentence) int {
	switch {
	case i == s.Last-1:
		return 6
	case i == s.First:
		return 0
	case s.Last-s.First > 1:
		return 1 + 4*(i-s.First)/(s.Last-s.First)
	}
	return 0
}

// lenBucket buckets the length in bytes of a lower-cased token.
func lenBucket(w string) int { return bucket(len(w), 2, 4, 6, 8, 11) }

// lexWindow returns the lexicon classes of the tokens within two of
// token i in sentence s, i excluded.
func (di *docInfo) lexWindow(i int, s nlp.Sentence) uint16 {
	lex := di.lex
	var win uint16
	if i-2 >= s.First {
		win |= lex[i-2]
	}
	if i-1 >= s.First {
		win |= lex[i-1]
	}
	if i+1 < s.Last {
		win |= lex[i+1]
	}
	if i+2 < s.Last {
		win |= lex[i+2]
	}
	return win
}

// Features that take no value, precomputed.
var (
	featBias   = fn('b', 0)
	featInQ    = fn('q', 1)
	featScare  = fn('q', 2)
	featExcl   = fn('!', 0)
	featQues   = fn('?', 0)
	featQuote  = fn('"', 0)
	featLex    [16]uint32
	featLexWin [16]uint32
	featRel    [7]uint32 // fn('r', rel)
	featRep    [3]uint32 // fn('R', bucket)
	featCount  [5]uint32 // fn('c', bucket)
	featLen    [6]uint32 // fn('z', lenBucket(lower))
	// featShapeTab[k] is fn('h', shape k); featPair['H'|'J'][k][l] is
	// fn(tag, shape k<<8 | shape l), shape 0 for none (see shapeIndex).
	featShapeTab [numShapes]uint32
	featPair     [2][numShapes][numShapes]uint32
)

// numShapes counts the shape codes and 0 (no token).
const numShapes = int(shQuote-shLower) + 2

// shapeIndex maps 0 and the shape codes to 0, 1, ...; ok is false for
// any other byte.
func shapeIndex(b byte) (int, bool) {
	switch {
	case b == 0:
		return 0, true
	case b >= shLower && b <= shQuote:
		return int(b-shLower) + 1, true
	}
	return 0, false
}

func shapeOfIndex(k int) byte {
	if k == 0 {
		return 0
	}
	return shLower + byte(k-1)
}

// featShape is fn('h', int(sh)).
func featShape(sh byte) uint32 {
	if k, ok := shapeIndex(sh); ok {
		return featShapeTab[k]
	}
	return fn('h', int(sh))
}

// featShapes is fn(tag, int(a)<<8|int(b)) for tag 'H' or 'J'.
func featShapes(tag byte, a, b byte) uint32 {
	k, ok1 := shapeIndex(a)
	l, ok2 := shapeIndex(b)
	if ok1 && ok2 && (tag == 'H' || tag == 'J') {
		return featPair[(tag-'H')/('J'-'H')][k][l]
	}
	return fn(tag, int(a)<<8|int(b))
}

func init() {
	for c := range featLex {
		featLex[c] = fn('l', c)
		featLexWin[c] = fn('L', c)
	}
	for k := range featRel {
		featRel[k] = fn('r', k)
	}
	for k := range featRep {
		featRep[k] = fn('R', k)
	}
	for k := range featCount {
		featCount[k] = fn('c', k)
	}
	for k := range featLen {
		featLen[k] = fn('z', k)
	}
	for k := range numShapes {
		featShapeTab[k] = fn('h', int(shapeOfIndex(k)))
		for l := range numShapes {
			featPair[0][k][l] = fn('H', int(shapeOfIndex(k))<<8|int(shapeOfIndex(l)))
			featPair[1][k][l] = fn('J', int(shapeOfIndex(k))<<8|int(shapeOfIndex(l)))
		}
	}
}
