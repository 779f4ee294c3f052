//go:build unix

package analyze

import (
	"testing"

	"github.com/sift-project/sift/internal/cputime"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

// BenchmarkAnalyzePTC runs the whole default pipeline (cleaning,
// tokenizing and every stage) over the PTC training articles. Run with
// -cpu 1; articles/cpu-s is the one-core figure on a shared machine.
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
	c0 := cputime.Process()
	n := 0
	for b.Loop() {
		art := arts[n%len(arts)]
		if _, err := a.Item(read.Item{Source: report.Source{Path: art.Path, ID: art.ID}, Kind: read.PTC, Body: art.Text}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(n)/(cputime.Process()-c0).Seconds(), "articles/cpu-s")
}
