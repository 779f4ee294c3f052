package events

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/cputime"
	"github.com/sift-project/sift/internal/entities"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/report"
)

// benchTexts returns the FA-KES articles when the shared data is there
// (real lengths, about 2000 characters), else the golden articles.
func benchTexts(b testing.TB) []string {
	b.Helper()
	// The shared data sits beside the repository (../shared/data), or
	// beside the directory of worktrees.
	for _, dir := range []string{"../../../shared/data", "../../../../shared/data"} {
		f, err := os.Open(filepath.Join(dir, "fakes/fakes-events-train.csv"))
		if err != nil {
			continue
		}
		defer f.Close()
		rows, err := ReadFakes(f)
		if err == nil && len(rows) > 0 {
			var out []string
			for _, r := range rows {
				out = append(out, r.Title+"\n\n"+r.Text)
			}
			b.Logf("%d FA-KES articles from %s", len(out), dir)
			return out
		}
	}
	files, _ := filepath.Glob("../entities/testdata/*.txt")
	var out []string
	for _, f := range files {
		t, _ := os.ReadFile(f)
		out = append(out, strings.TrimSpace(string(t)))
	}
	return out
}

func reportSpeed(b *testing.B, n int, cpu0 time.Duration) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	}
}

// BenchmarkEntities measures the entities stage alone (tokenizing is the
// pipeline's and not counted), in articles per second on one core.
func BenchmarkEntities(b *testing.B) {
	texts := benchTexts(b)
	docs := make([]*nlp.Doc, len(texts))
	for i, t := range texts {
		docs[i] = nlp.NewDoc(t)
	}
	s, err := entities.New()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu0 := cputime.Process()
	n := 0
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		r := &report.Report{Text: d.Text}
		if err := s.Annotate(r, d); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportSpeed(b, n, cpu0)
}

// BenchmarkEvents measures the events stage alone, on reports the
// entities stage has filled.
func BenchmarkEvents(b *testing.B) { benchEvents(b, benchTexts(b)) }

// BenchmarkEventsPTC measures the events stage alone on the PTC training
// articles (the corpus the pipeline's throughput is measured on).
func BenchmarkEventsPTC(b *testing.B) {
	texts, err := ptc.TrainTexts(0)
	if err != nil {
		b.Fatal(err)
	}
	if len(texts) == 0 {
		b.Skip("PTC data absent")
	}
	benchEvents(b, texts)
}

func benchEvents(b *testing.B, texts []string) {
	s, err := entities.New()
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*nlp.Doc, len(texts))
	reps := make([]report.Report, len(texts))
	for i, t := range texts {
		docs[i] = nlp.NewDoc(t)
		reps[i] = report.Report{Text: t}
		if err := s.Annotate(&reps[i], docs[i]); err != nil {
			b.Fatal(err)
		}
	}
	ev := New()
	b.ResetTimer()
	cpu0 := cputime.Process()
	n := 0
	for i := 0; i < b.N; i++ {
		k := i % len(docs)
		r := reps[k]
		r.Events, r.MainEvent = nil, nil
		if err := ev.Annotate(&r, docs[k]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportSpeed(b, n, cpu0)
}
