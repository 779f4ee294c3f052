package score

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"github.com/sift-project/sift/internal/report"
)

// TestFeaturesMatchReference compares Features with its reference
// (ref_test.go) on random reports: technique names repeated and tied,
// scores tied, zero, negative, over 1 and NaN, claims of every support,
// hedges, with and without corpus evidence.
func TestFeaturesMatchReference(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	names := []string{"Loaded_Language", "Name_Calling,Labeling", "Repetition", "Doubt", "Flag-Waving", "Exaggeration,Minimisation", "Slogans", "T7", "T8", "T9", "T10", "T11", "T12", "T13", "T14", "T15", "T16", "T17"}
	scores := []float64{0.5, 0.7, 0.7, 1, 0, -0.2, 1.5, math.Copysign(0, -1), 0.9999, 0.25}
	supports := []string{"attributed", "hedged", "vague", "unsupported", ""}
	text := "The army shelled the town, officials said.\u00a0Activists\tdenied it. "
	for round := 0; round < 3000; round++ {
		r := &report.Report{Text: text[:rng.Intn(len(text)+1)]}
		if rng.Intn(5) > 0 {
			r.Techniques = []report.Technique{}
			nn := 1 + rng.Intn(len(names))
			for i, n := 0, rng.Intn(40); i < n; i++ {
				sc := scores[rng.Intn(len(scores))]
				if round%50 == 0 && i == 3 {
					sc = math.NaN()
				}
				r.Techniques = append(r.Techniques, report.Technique{Technique: names[rng.Intn(nn)], Start: i, End: i + 3, Score: sc, Text: names[i%len(names)]})
			}
		}
		if rng.Intn(4) > 0 {
			for i, n := 0, rng.Intn(12); i < n; i++ {
				r.Claims = append(r.Claims, report.Claim{Start: i, End: i + 5, Support: supports[rng.Intn(len(supports))], Text: "c"})
			}
		}
		if rng.Intn(3) == 0 {
			r.Attributions = []report.Attribution{{SourceType: "named"}, {SourceType: "vague"}}[:rng.Intn(3)]
		}
		if rng.Intn(2) == 0 {
			for i, n := 0, rng.Intn(6); i < n; i++ {
				r.Hedges = append(r.Hedges, report.Hedge{Start: i, End: i + 1, Text: "may"})
			}
		}
		var ev *Evidence
		if rng.Intn(2) == 0 {
			q := rng.Float64()
			ev = &Evidence{Outlet: "x.com", Quality: &q, Tags: []string{"bias"}[:rng.Intn(2)], Story: "s", Outlets: rng.Intn(8), Agree: rng.Intn(3), Conflict: rng.Intn(3), Duplicate: rng.Intn(2) == 0}
		}
		x, sc := Features(r, ev)
		wx, wsc := refFeatures(r, ev)
		// %#v: NaN is NaN, a nil slice is not an empty one.
		if g, w := fmt.Sprintf("%#v %#v", x, sc), fmt.Sprintf("%#v %#v", wx, wsc); g != w {
			t.Fatalf("round %d: Features\n got %v %+v\nwant %v %+v", round, x, sc, wx, wsc)
		}
	}
}
