package entities

import (
	"testing"

	"github.com/sift-project/sift/internal/cputime"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/report"
)

// BenchmarkStagePTC measures the entities stage alone (tokenizing is the
// pipeline's and not counted) over the PTC training articles; run with
// -cpu 1 for one core.
func BenchmarkStagePTC(b *testing.B) {
	texts, err := ptc.TrainTexts(0)
	if err != nil {
		b.Fatal(err)
	}
	if len(texts) == 0 {
		b.Skip("PTC data absent")
	}
	docs := make([]*nlp.Doc, len(texts))
	for i, t := range texts {
		docs[i] = nlp.NewDoc(t)
	}
	s, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cputime.Process()
	n := 0
	for b.Loop() {
		d := docs[n%len(docs)]
		r := &report.Report{Text: d.Text}
		if err := s.Annotate(r, d); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(n)/(cputime.Process()-c0).Seconds(), "articles/cpu-s")
}
