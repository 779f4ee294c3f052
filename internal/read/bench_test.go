package read

import (
	"testing"

	"github.com/sift-project/sift/internal/ptc"
)

// ptcTrain finds the PTC training articles (ptc.TrainDir), or skips.
func ptcTrain(b *testing.B) string {
	d := ptc.TrainDir()
	if d == "" {
		b.Skip("PTC data not available")
	}
	return d
}

func benchItems(b *testing.B, paths []string) {
	n, size := 0, 0
	for it := range Items(paths, Options{}) {
		n++
		size += len(it.Body)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for it := range Items(paths, Options{}) {
			_ = it
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkItemsPTC reads the PTC training directory.
func BenchmarkItemsPTC(b *testing.B) { benchItems(b, []string{ptcTrain(b)}) }

// BenchmarkItemsWARC reads a gzip WARC of news pages.
func BenchmarkItemsWARC(b *testing.B) {
	path, _ := buildWARC(b, true)
	benchItems(b, []string{path})
}
