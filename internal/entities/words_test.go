package entities

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/sift-project/sift/internal/nlp"
)

// TestLazyTypes checks the filter behind lazy types: a word that plain
// gives a lazy type has the type newType works out for it, less its part
// (one part: the word, lower-cased, with no gazetteer entry).
func TestLazyTypes(t *testing.T) {
	g, err := loadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	// Every word the lists hold, in three cases, and a plural.
	var vocab []string
	add := func(w string) {
		if w != "" {
			vocab = append(vocab, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:], w+"s")
		}
	}
	for k := range g.index {
		add(k)
	}
	for _, as := range g.byFirst {
		for _, a := range as {
			for _, k := range a.raw {
				add(k)
			}
		}
	}
	for k := range g.given {
		add(k)
	}
	for k := range g.words {
		add(k)
	}
	for _, m := range []map[string]int{smallNumbers, VagueNumbers, multipliers} {
		for k := range m {
			add(k)
		}
	}
	for k := range dateWords {
		add(k)
	}
	for k := range months {
		add(k)
	}
	for k := range dayParts {
		add(k)
	}
	for k := range yearPrepositions {
		add(k)
	}
	for _, k := range append(modFirsts, "one") {
		add(k)
	}
	for k := range relativeDayWords {
		add(k)
	}
	for k := range nameConnectors {
		add(k)
	}
	texts := append(indexTexts(t), strings.Join(vocab, " "))
	c, ref := newTypeCache(g), newTypeCache(g)
	lazy, typed := 0, 0
	for _, text := range texts {
		d := nlp.NewDoc(text)
		c.fill(d)
		for i, tk := range d.Tokens {
			got := c.w.tok[i]
			if !got.has(tLazy) {
				if tk.Kind == nlp.Word {
					typed++
				}
				continue
			}
			lazy++
			s := d.TokenText(i)
			want := ref.newType(s, tk.Kind)
			p := ref.parts[want.part0]
			if want.nparts != 1 || p.raw != s || p.key != strings.ToLower(s) || p.gaz != nil {
				t.Errorf("%q: lazy, but its parts are %+v", s, ref.parts[want.part0:want.part0+want.nparts])
			}
			got.flags &^= tLazy
			got.part0, want.part0 = 0, 0
			if got != want {
				t.Errorf("%q: lazy type %+v, newType gives %+v", s, got, want)
			}
		}
	}
	if lazy < 1000 || typed < 1000 {
		t.Errorf("%d lazy and %d other words: the texts do not exercise the filter", lazy, typed)
	}
}

// TestPackedFieldsFit checks that the values packed in tokInfo.meta fit
// their bits.
func TestPackedFieldsFit(t *testing.T) {
	if len(modFirsts)+1 >= 1<<5 {
		t.Errorf("%d modifier first words: mod needs more than 5 bits", len(modFirsts))
	}
	var ti tokInfo
	for _, v := range []struct {
		set  func()
		get  func() int
		want int
	}{
		{func() { ti.set(mDay, 5, 31) }, ti.day, 31},
		{func() { ti.set(mMonth, 4, 12) }, func() int { return int(ti.month()) }, 12},
		{func() { ti.set(mWd, 3, 6) }, func() int { return int(ti.weekday()) }, 6},
		{func() { ti.set(mKind, 2, int(nlp.Quote)) }, func() int { return int(ti.kind()) }, int(nlp.Quote)},
		{func() { ti.set(mMod, 5, len(modFirsts)) }, ti.mod, len(modFirsts)},
		{func() { ti.set(mYear, 8, 2099-1899) }, ti.year, 2099},
	} {
		ti.meta = ^uint32(0)
		v.set()
		if got := v.get(); got != v.want {
			t.Errorf("packed field reads %d, want %d", got, v.want)
		}
	}
}

// A word type outlives the article it was first seen in, so none of its
// strings may point into the article's text (which they would keep alive
// as long as the cache).
func TestTypesDoNotKeepTheText(t *testing.T) {
	g, err := loadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	text := "Aleppo al-Nusra rebels 1,000 Idlib-based Jabhat fighters yesterday 12 February 2015"
	d := nlp.NewDoc(text)
	c := newTypeCache(g)
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	hi := lo + uintptr(len(text))
	inText := func(s string) bool {
		if s == "" {
			return false
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return p >= lo && p < hi
	}
	for _, tok := range d.Tokens {
		c.newType(text[tok.Start:tok.End], tok.Kind)
	}
	if len(c.parts) == 0 {
		t.Fatal("no parts made")
	}
	for _, p := range c.parts {
		if inText(p.raw) || inText(p.key) {
			t.Errorf("part %q / %q points into the article", p.raw, p.key)
		}
	}
}
