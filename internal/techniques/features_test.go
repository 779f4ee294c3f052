package techniques

import (
	"slices"
	"testing"

	"github.com/sift-project/sift/internal/nlp"
)

func tokIndex(t *testing.T, d *nlp.Doc, word string, nth int) int {
	t.Helper()
	for i := range d.Tokens {
		if d.TokenText(i) == word {
			if nth == 0 {
				return i
			}
			nth--
		}
	}
	t.Fatalf("no token %q", word)
	return -1
}

func TestDocInfo(t *testing.T) {
	text := "Title here\n\nThe so-called \u201cexperts\u201d lied about the brutal regime. They said \u201cthe regime is strong and we will win this war\u201d today.\nThe brutal regime must go!\n"
	d := nlp.NewDoc(text)
	di := newDocInfo(d, DefaultLexicon())
	experts := tokIndex(t, d, "experts", 0)
	if !di.scare[experts] || !di.inQ[experts] {
		t.Errorf("experts: scare %v inQ %v, want scare quotes", di.scare[experts], di.inQ[experts])
	}
	strong := tokIndex(t, d, "strong", 0)
	if !di.inQ[strong] || di.scare[strong] {
		t.Errorf("strong: inQ %v scare %v, want a long quotation", di.inQ[strong], di.scare[strong])
	}
	lied := tokIndex(t, d, "lied", 0)
	if di.inQ[lied] {
		t.Errorf("lied is outside quotes")
	}
	brutal := tokIndex(t, d, "brutal", 0)
	if di.lex[brutal]&(1<<0) == 0 {
		t.Errorf("brutal not marked loaded: %b", di.lex[brutal])
	}
	// "the brutal regime" occurs twice: a repeated trigram.
	if di.rep[brutal] == 0 || di.rep[tokIndex(t, d, "brutal", 1)] == 0 {
		t.Errorf("repeated trigram not marked")
	}
	if di.rep[lied] != 0 {
		t.Errorf("lied marked repeated")
	}
	if st := di.lt[lied].stem; st != "lie" && st != "lied" {
		t.Errorf("stem of lied = %q", st)
	}
	if di.shape[tokIndex(t, d, "Title", 0)] != shTitle || di.shape[experts] != shLower {
		t.Errorf("shapes wrong")
	}
	if !di.sents[len(di.sents)-1].excl {
		t.Errorf("last sentence has '!'")
	}
	if d.Sentences[0].Para != 0 || d.Sentences[1].Para == 0 {
		t.Errorf("title paragraph")
	}
}

func TestPhraseLexicon(t *testing.T) {
	lx := DefaultLexicon()
	marks := lx.Mark([]string{"we", "will", "make", "america", "great", "again", "now"})
	slogan := uint16(1) << slices.Index(LexClasses, "slogans")
	for i := 2; i < 6; i++ {
		if marks[i]&slogan == 0 {
			t.Errorf("token %d not marked as slogan", i)
		}
	}
	if marks[6]&slogan != 0 || marks[0]&slogan != 0 {
		t.Errorf("slogan mark leaks outside the phrase")
	}
}

func TestTokenFeaturesDeterministicAndContextual(t *testing.T) {
	a := nlp.NewDoc("T\n\nHe called them \u201cheroes\u201d yesterday.\n")
	b := nlp.NewDoc("T\n\nHe called them heroes yesterday.\n")
	lx := DefaultLexicon()
	da, db := newDocInfo(a, lx), newDocInfo(b, lx)
	fa := da.tokenFeatures(tokIndex(t, a, "heroes", 0), nil)
	fa2 := da.tokenFeatures(tokIndex(t, a, "heroes", 0), nil)
	fb := db.tokenFeatures(tokIndex(t, b, "heroes", 0), nil)
	if !slices.Equal(fa, fa2) {
		t.Fatal("features not deterministic")
	}
	if !slices.Contains(fa, fn('q', 2)) || slices.Contains(fb, fn('q', 2)) {
		t.Errorf("scare-quote feature: quoted %v unquoted %v", slices.Contains(fa, fn('q', 2)), slices.Contains(fb, fn('q', 2)))
	}
	if !slices.Contains(fa, f1('w', "heroes")) || !slices.Contains(fb, f1('w', "heroes")) {
		t.Errorf("word feature missing")
	}
}

func TestSpanFeaturesRepetition(t *testing.T) {
	d := nlp.NewDoc("T\n\nLock them up. They lie. Lock them up.\n")
	m := newModel(8)
	a := m.Prepare(d)
	f1s, l1 := tokIndex(t, d, "Lock", 0), tokIndex(t, d, "up", 0)+1
	f2s, l2 := tokIndex(t, d, "Lock", 1), tokIndex(t, d, "up", 1)+1
	lie := tokIndex(t, d, "lie", 0)
	ctx := spanContexts(a, []Given{{f1s, l1}, {f2s, l2}, {lie, lie + 1}, {lie, lie + 1}})
	if ctx[0].sameText != 1 || ctx[1].sameText != 1 || ctx[0].occur != 2 {
		t.Errorf("repeated span context %+v %+v", ctx[0], ctx[1])
	}
	if ctx[2].dup != 2 || ctx[2].sameText != 0 || ctx[2].occur != 1 {
		t.Errorf("duplicated span context %+v", ctx[2])
	}
	fs := a.di.spanFeatures(f1s, l1, ctx[0].spanCtx, nil)
	if !slices.Contains(fs, fn('r', bucket(1, 0, 1, 2, 4))) || !slices.Contains(fs, fn('R', 0)) {
		t.Errorf("repetition features missing")
	}
}

func TestTokenRange(t *testing.T) {
	d := nlp.NewDoc("Ab cd, ef.")
	cases := []struct{ s, e, f, l int }{{0, 2, 0, 1}, {0, 5, 0, 2}, {1, 4, 0, 2}, {3, 6, 1, 3}, {2, 3, 1, 1}}
	for _, c := range cases {
		f, l := tokenRange(d, c.s, c.e)
		if f != c.f || l != c.l {
			t.Errorf("tokenRange(%d,%d) = %d,%d want %d,%d", c.s, c.e, f, l, c.f, c.l)
		}
	}
}

// Words of five letters or more carry their three- and four-letter
// prefixes (so "demonizing" shares features with "demonized"); shorter
// ones carry none. Every token carries its length bucket.
func TestTokenFeaturesPrefixAndLength(t *testing.T) {
	d := nlp.NewDoc("T\n\nThey kept demonizing the war.\n")
	di := newDocInfo(d, DefaultLexicon())
	long := di.tokenFeatures(tokIndex(t, d, "demonizing", 0), nil)
	short := di.tokenFeatures(tokIndex(t, d, "kept", 0), nil)
	if !slices.Contains(long, f1('k', "demo")) || !slices.Contains(long, f1('g', "dem")) {
		t.Errorf("prefix features of \"demonizing\" missing")
	}
	for _, f := range []uint32{f1('k', "kept"), f1('g', "kep")} {
		if slices.Contains(short, f) {
			t.Errorf("\"kept\" has a prefix feature")
		}
	}
	if !slices.Contains(long, fn('z', 4)) || !slices.Contains(short, fn('z', 1)) {
		t.Errorf("length buckets: demonizing %d, kept %d", lenBucket("demonizing"), lenBucket("kept"))
	}
	if lenBucket("a") != 0 || lenBucket("abcdefghijkl") != 5 {
		t.Errorf("lenBucket bounds: %d %d", lenBucket("a"), lenBucket("abcdefghijkl"))
	}
}
