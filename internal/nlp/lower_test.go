package nlp

import (
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/ptc"
)

func TestLower(t *testing.T) {
	texts := []string{
		"",
		"The U.S.-led Coalition said ISIS lost 1,000 fighters in Raqqa.",
		"Akçakale, İstanbul and ĞÜŞ: “Quoted” WORDS and Ünïcode. lower only",
		"a\xffb Broken\xfe UTF-8 ÀB",
	}
	for _, text := range texts {
		d := NewDoc(text)
		low := d.Lower()
		if len(low) != len(d.Tokens) {
			t.Fatalf("%q: %d lower-case tokens, want %d", text, len(low), len(d.Tokens))
		}
		for i := range d.Tokens {
			if want := strings.ToLower(d.TokenText(i)); low[i] != want {
				t.Errorf("%q token %d: Lower %q, want %q", text, i, low[i], want)
			}
		}
		if again := d.Lower(); len(again) > 0 && &again[0] != &low[0] {
			t.Errorf("%q: Lower computed twice", text)
		}
	}
}

// BenchmarkLowerPTC measures Doc.Lower (the first, computing call) over
// the PTC training articles, tokenizing excluded.
func BenchmarkLowerPTC(b *testing.B) {
	texts, err := ptc.TrainTexts(0)
	if err != nil {
		b.Fatal(err)
	}
	if len(texts) == 0 {
		b.Skip("PTC data not available")
	}
	var docs []*Doc
	for _, s := range texts {
		docs = append(docs, NewDoc(s))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		d.lower = nil
		d.computeLower()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
