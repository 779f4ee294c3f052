package nlp

import (
	"fmt"
	"testing"
)

func TestWordFilter(t *testing.T) {
	var words []string
	for i := 0; i < 2500; i++ {
		words = append(words, fmt.Sprintf("w%dx", i))
	}
	f := NewWordFilter(words...)
	for _, w := range words {
		if !f.MayContain(w) {
			t.Fatalf("%q added but not reported", w)
		}
	}
	fp := 0
	for i := 0; i < 10000; i++ {
		if f.MayContain(fmt.Sprintf("other%d", i)) {
			fp++
		}
	}
	if fp > 1000 {
		t.Errorf("%d of 10000 absent words pass the filter: it filters nothing", fp)
	}
	if NewWordFilter().MayContain("") {
		t.Error("empty filter holds the empty word")
	}
}

func FuzzWordFilter(f *testing.F) {
	f.Add("al-Assad", "killed")
	f.Fuzz(func(t *testing.T, a, b string) {
		wf := NewWordFilter(a, b)
		if !wf.MayContain(a) || !wf.MayContain(b) {
			t.Fatalf("added %q and %q, one is not reported", a, b)
		}
	})
}

func BenchmarkWordFilter(b *testing.B) {
	words := []string{"the", "army", "shelled", "al-Nusra", "positions", "in", "Idlib", "on", "Monday", ",", "killing", "25", "civilians", "according", "to", "activists", "."}
	f := NewWordFilter("killed", "shelled", "army", "civilians")
	n := 0
	for i := 0; i < b.N; i++ {
		for _, w := range words {
			if f.MayContain(w) {
				n++
			}
		}
	}
	if n == 0 {
		b.Fatal("nothing found")
	}
}
