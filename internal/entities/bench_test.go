package entities

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/report"
)

// BenchmarkStagePTC measures the entities stage alone (tokenizing is the
// pipeline's and not counted) over the PTC training articles; run with
// -cpu 1 for one core.
func BenchmarkStagePTC(b *testing.B) {
	dir := ptc.TrainDir()
	if dir == "" {
		dir = "../../../../shared/data/ptc/train"
	}
	files, _ := filepath.Glob(filepath.Join(dir, "article*.txt"))
	if len(files) == 0 {
		b.Skip("PTC data absent")
	}
	docs := make([]*nlp.Doc, len(files))
	for i, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = nlp.NewDoc(string(t))
	}
	s, err := New()
	if err != nil {
		b.Fatal(err)
	}
	cpuTime := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
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
	b.ReportMetric(float64(n)/(cpuTime()-c0).Seconds(), "articles/cpu-s")
}
