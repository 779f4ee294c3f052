package score

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/report"
)

// BenchmarkScores measures the scores stage on a report with every
// section filled, in articles/s.
func BenchmarkScores(b *testing.B) {
	r := &report.Report{Text: strings.Repeat("The army shelled the town, officials said. ", 80)}
	for i := 0; i < 40; i++ {
		r.Techniques = append(r.Techniques, report.Technique{Technique: fmt.Sprintf("T%d", i%6), Start: i, End: i + 3, Score: 0.7})
		r.Claims = append(r.Claims, report.Claim{Start: i, End: i + 9, Support: []string{"attributed", "hedged", "vague", "unsupported"}[i%4]})
		r.Hedges = append(r.Hedges, report.Hedge{Start: i, End: i + 2})
	}
	q := 0.6
	ev := &Evidence{Outlet: "x.com", Quality: &q, Story: "s", Outlets: 3, Agree: 5, Conflict: 2}
	s := NewStage()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Annotate(r, nil)
		Rescore(r, ev, Default)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
