package sourcing

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/report"
)

// newDoc computes each token's flags, cue class and name-word bit in one
// pass with a compact word table, and lists the tokens the rules start
// at; these are the direct computations they replace, token by token.

func slowUpper(d *nlp.Doc, i int) bool {
	c, _ := utf8.DecodeRuneInString(d.TokenText(i))
	return d.Tokens[i].Kind == nlp.Word && unicode.IsUpper(c)
}

func slowCueClass(x *doc, i int) cueCode {
	if x.d.Tokens[i].Kind != nlp.Word {
		return cueNone
	}
	w := x.low[i]
	if slowUpper(x.d, i) && w != "according" {
		return cueNone
	}
	switch w {
	case "according":
		if i+1 < x.n && x.low[i+1] == "to" {
			return cueAccording
		}
		return cueNone
	case "citing", "quoting":
		return cueCiting
	}
	switch x.lx.Cues[w] {
	case "verb":
		return cueVerb
	case "part":
		return cuePart
	case "doc":
		return cueDoc
	}
	return cueNone
}

func slowNameWord(x *doc, i int) bool {
	if i > 0 && slowUpper(x.d, i-1) && isArabicParticle(x.low[i]) {
		return true
	}
	w := x.low[i]
	if !slowUpper(x.d, i) || capStop[w] || x.lx.roleWords[w] || x.lx.Cues[w] != "" {
		return false
	}
	if _, ok := x.lx.Sources.match(i, i+1, x.rawAt); ok {
		return false
	}
	return !isAcronym(x.rawAt(i))
}

func slowCheckWorthy(x *doc, s nlp.Sentence) bool {
	words, signal := 0, false
	for i := s.First; i < s.Last; i++ {
		switch x.d.Tokens[i].Kind {
		case nlp.Word:
			words++
			if x.lx.Numbers[x.low[i]] || x.lx.Events[x.low[i]] {
				signal = true
			}
		case nlp.Number:
			words++
			signal = true
		}
	}
	if s.Last > s.First && x.rawAt(s.Last-1) == "?" {
		return false
	}
	return signal && words >= 6
}

func TestFastDocAgreesWithDirect(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	texts := goldenTexts(t)
	// The golden articles alone hold about 570 tokens; the PTC articles,
	// when the data is there, about 400,000.
	least := 500
	if ptc, err := ptc.TrainTexts(0); err == nil && len(ptc) > 0 {
		texts = append(texts, ptc...) // real articles, when the data is there
		least = 100000
	}
	texts = append(texts, "\u201cQ\u201d\n\nAl-Assad al-Qaeda, ACCORDING to Citing: \u00abx\u00bb \"y\" 20 May?",
		// upper-case letters beyond ASCII whose lower case is ASCII, a
		// word beyond 16 bytes and one at the very end
		"T\n\n\u0130t was \u212Ailled, Assad\u2019s al-\u00c9lys\u00e9e communiqu\u00c9 internationalization said")
	tokens, names, worthy := 0, 0, 0
	for _, text := range texts {
		a, b, c := checkFastDoc(t, lx, text)
		tokens, names, worthy = tokens+a, names+b, worthy+c
	}
	if tokens < least || names == 0 || worthy == 0 {
		t.Fatalf("only %d tokens, %d name words, %d claims checked", tokens, names, worthy)
	}
	t.Logf("%d tokens, %d name words, %d claims", tokens, names, worthy)
}

// Every word of the index is found in the word table with its flags, and
// words close to them (one letter changed, cut or added) are not, unless
// they are words of the index too.
func TestWordTableHoldsEveryWord(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	short, long, other := 0, 0, 0
	for k, f := range lx.words {
		if got := lx.table.get(k); got != f {
			t.Fatalf("%q: flags %x, want %x", k, got, f)
		}
		switch lo, hi, ok := pack(k); {
		case !ok:
			other++
		case hi == 0:
			short++
			if got := lx.table.getPacked(lo, hi); got != f {
				t.Fatalf("%q packed: flags %x, want %x", k, got, f)
			}
		default:
			long++
		}
		for _, near := range []string{k + "x", k[:len(k)-1], "q" + k[1:], strings.ToUpper(k)} {
			if got, want := lx.table.get(near), lx.words[near]; got != want {
				t.Fatalf("%q: flags %x, want %x", near, got, want)
			}
		}
	}
	if short == 0 || long == 0 {
		t.Fatalf("%d short, %d long, %d other words", short, long, other)
	}
	t.Logf("%d short, %d long, %d other words", short, long, other)
}

// checkFastDoc compares newDoc's per-token results on text with the
// direct computations; it returns the tokens, name words and claims seen.
func checkFastDoc(t *testing.T, lx *Lexicon, text string) (tokens, names, worthy int) {
	var lexBits wflag // the flags lx.words gives
	for _, f := range lx.words {
		lexBits |= f
	}
	d := nlp.NewDoc(text)
	x := newDoc(lx, d, &report.Report{Text: text})
	set := func(l []int32) map[int]bool {
		m := map[int]bool{}
		for k, c := range l {
			if k > 0 && c <= l[k-1] {
				t.Fatalf("candidates out of order: %v", l)
			}
			m[int(c)] = true
		}
		return m
	}
	cand, marks, hedge, vague, name := set(x.cand), set(x.marks), set(x.hedgeCand), set(x.vagueCand), set(x.nameCand)
	for i := 0; i < x.n; i++ {
		tokens++
		raw := x.rawAt(i)
		if raw != d.TokenText(i) || x.low[i] != strings.ToLower(raw) {
			t.Fatalf("token %d: text %q, lower %q", i, raw, x.low[i])
		}
		if want := lx.words[x.low[i]]; x.wf[i]&lexBits != want {
			t.Fatalf("token %q: flags %x, words says %x", raw, x.wf[i]&lexBits, want)
		}
		if x.kind(i) != d.Tokens[i].Kind {
			t.Fatalf("token %q: kind %v, want %v", raw, x.kind(i), d.Tokens[i].Kind)
		}
		if x.up(i) != slowUpper(d, i) {
			t.Fatalf("token %q: upper %v", raw, x.up(i))
		}
		if got, want := x.clsAt(i), slowCueClass(x, i); got != want {
			t.Fatalf("token %q: cue class %d, want %d", raw, got, want)
		}
		if got, want := x.nameWord(i), slowNameWord(x, i); got != want {
			t.Fatalf("token %q: name word %v, want %v", raw, got, want)
		} else if got {
			names++
		}
		if want := slowCueClass(x, i) != cueNone || lx.Passives[x.low[i]]; cand[i] != want {
			t.Fatalf("token %q: candidate %v, want %v", raw, cand[i], want)
		}
		if want := d.Tokens[i].Kind == nlp.Quote || d.Tokens[i].ParaBefore; marks[i] != want {
			t.Fatalf("token %q: mark %v, want %v", raw, marks[i], want)
		}
		word := d.Tokens[i].Kind == nlp.Word
		if want := word && lx.words[x.low[i]]&fHedgeFirst != 0; hedge[i] != want {
			t.Fatalf("token %q: hedge candidate %v, want %v", raw, hedge[i], want)
		}
		if want := word && lx.VaguePlural[x.low[i]]; vague[i] != want {
			t.Fatalf("token %q: vague candidate %v, want %v", raw, vague[i], want)
		}
		if hedge[i] {
			p1, ok1 := x.matchHedge(i)
			p2, ok2 := lx.Hedges.match(i, x.n, x.lowAt)
			if ok1 != ok2 || len(p1.toks) != len(p2.toks) || p1.rule != p2.rule {
				t.Fatalf("token %q: hedge %v %v, want %v %v", raw, p1, ok1, p2, ok2)
			}
		}
		if want := slowNameWord(x, i); name[i] != want {
			t.Fatalf("token %q: name candidate %v, want %v", raw, name[i], want)
		}
		if want := d.SentenceOf(i); x.sent[i] != max(want, 0) {
			t.Fatalf("token %d: sentence %d, want %d", i, x.sent[i], want)
		}
	}
	for si, s := range d.Sentences {
		if got, want := x.checkWorthy(si), slowCheckWorthy(x, s); got != want {
			t.Fatalf("sentence %q: check-worthy %v, want %v", d.Text[s.Start:s.End], got, want)
		} else if got {
			worthy++
		}
	}
	x.release()
	return tokens, names, worthy
}

func FuzzFastDoc(f *testing.F) {
	f.Add("T\n\n\u0130t was \u212Ailled, Assad\u2019s al-\u00c9lys\u00e9e said")
	f.Add("A\n\nAccording to SANA, 20 people may have died, activists said. \"Yes,\" he said")
	f.Add("x\xff\xfeAl-Qaeda ACCORDING to")
	lx, err := DefaultLexicon()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkFastDoc(t, lx, text)
	})
}

// slowClaims is the direct form of doc.claims: every attribution tried
// for every sentence, every vague source and hedge scanned.
func slowClaims(x *doc, r *report.Report) []report.Claim {
	out := []report.Claim{}
	for si, s := range x.d.Sentences {
		if s.Para == 0 && len(x.d.Sentences) > 1 && x.d.Sentences[len(x.d.Sentences)-1].Para > 0 {
			continue
		}
		if !slowCheckWorthy(x, s) {
			continue
		}
		c := report.Claim{Start: s.RStart, End: s.REnd, Text: x.d.Text[s.Start:s.End], Support: "unsupported"}
		for ai, a := range x.attrs {
			if x.sent[a.cue.s] == si || !a.content.empty() && x.sent[a.content.s] <= si && x.sent[a.content.e-1] >= si {
				vague := a.typ == "vague" || a.typ == "anonymous"
				if c.Attribution != nil && (vague || c.Support == "attributed") {
					continue
				}
				k := ai
				c.Attribution = &k
				c.Support = "attributed"
				if vague {
					c.Support = "vague"
				}
			}
		}
		if c.Support == "unsupported" {
			for _, v := range r.VagueSources {
				if v.Start >= s.RStart && v.Start < s.REnd {
					c.Support = "vague"
					break
				}
			}
		}
		if c.Support == "unsupported" {
			for _, h := range r.Hedges {
				if h.Start >= s.RStart && h.Start < s.REnd {
					c.Support = "hedged"
					break
				}
			}
		}
		out = append(out, c)
	}
	return out
}

func TestClaimsAgreeWithDirect(t *testing.T) {
	texts := append(goldenTexts(t),
		// claims of every support: vague, hedged, unsupported, attributed
		"Clashes near Idlib\n\nSome sources said 40 people were killed in Aleppo on Monday. Rebels allegedly "+
			"shelled the town on Sunday, killing 12 civilians. Government forces killed 30 fighters near Idlib on "+
			"Tuesday. The army said it destroyed 5 tanks in the attack.")
	if ptc, err := ptc.TrainTexts(0); err == nil {
		texts = append(texts, ptc...) // real articles, when the data is there
	}
	st := newStage(t)
	claims, attributed := 0, 0
	supports := map[string]bool{}
	for _, text := range texts {
		d := nlp.NewDoc(text)
		r := &report.Report{Text: text}
		if err := st.Annotate(r, d); err != nil {
			t.Fatal(err)
		}
		x := newDoc(st.lx, d, &report.Report{Text: text})
		x.extract()
		want := slowClaims(x, r)
		x.release()
		if len(r.Claims) != len(want) {
			t.Fatalf("%d claims, want %d", len(r.Claims), len(want))
		}
		for k, c := range r.Claims {
			w := want[k]
			if c.Start != w.Start || c.End != w.End || c.Text != w.Text || c.Support != w.Support ||
				(c.Attribution == nil) != (w.Attribution == nil) || c.Attribution != nil && *c.Attribution != *w.Attribution {
				t.Fatalf("claim %q: %+v, want %+v", c.Text, c, w)
			}
			claims++
			supports[c.Support] = true
			if c.Attribution != nil {
				attributed++
			}
		}
	}
	if claims == 0 || attributed == 0 || len(supports) < 4 {
		t.Fatalf("%d claims, %d attributed, supports %v", claims, attributed, supports)
	}
	t.Logf("%d claims, %d attributed, supports %v", claims, attributed, supports)
}
