package analyze

import (
	"testing"

	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

// BenchmarkAnalyzePTC runs the whole default pipeline (cleaning,
// tokenizing and every stage) over the PTC training articles.
func BenchmarkAnalyzePTC(b *testing.B) {
	dir := ptc.TrainDir()
	if dir == "" {
		b.Skip("PTC data absent")
	}
	arts, err := ptc.LoadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	a, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		art := arts[n%len(arts)]
		if _, err := a.Item(read.Item{Source: report.Source{Path: art.Path, ID: art.ID}, Kind: read.PTC, Body: art.Text}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
