//go:build unix

package techniques

import (
	"testing"

	"github.com/sift-project/sift/internal/cputime"
	"github.com/sift-project/sift/internal/nlp"
)

// BenchmarkTag measures technique tagging alone (features, span taggers,
// classifier) over the PTC training articles, tokenized beforehand. Run
// with -cpu 1. articles/s is per wall-clock second; articles/cpu-s per
// second of CPU time, which is the one-core figure when the machine is
// shared.
func BenchmarkTag(b *testing.B) {
	m, docs := benchDocs(b)
	c0 := cputime.Process()
	n := 0
	for b.Loop() {
		m.Tag(docs[n%len(docs)])
		n++
	}
	cpu := cputime.Process() - c0
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
}

// BenchmarkTagFirstPass is BenchmarkTag over word caches emptied before
// each pass over the articles: every word type is made anew once per pass,
// as when a corpus is analysed once. Run with -cpu 1.
func BenchmarkTagFirstPass(b *testing.B) {
	m, docs := benchDocs(b)
	c0 := cputime.Process()
	n := 0
	for b.Loop() {
		for len(m.lex.caches) > 0 {
			<-m.lex.caches
		}
		for _, d := range docs {
			m.Tag(d)
			n++
		}
	}
	cpu := cputime.Process() - c0
	b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
}

// benchDocs returns the embedded model and the PTC training articles
// tokenized, and resets the benchmark's timer.
func benchDocs(b *testing.B) (*Model, []*nlp.Doc) {
	arts := loadTrain(b, 0)
	m := embedded(b)
	docs := make([]*nlp.Doc, len(arts))
	for i, a := range arts {
		docs[i] = nlp.NewDoc(a.Text)
	}
	b.ResetTimer()
	return m, docs
}
