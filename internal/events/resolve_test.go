package events

import (
	"math/rand"
	"sort"
	"testing"

	"github.com/sift-project/sift/internal/entities"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// TestResolveMatchesBinarySearch checks resolve's token ranges against a
// binary search per entity, for entities in text order, shuffled, and
// with made-up spans (inside tokens, empty, reversed).
func TestResolveMatchesBinarySearch(t *testing.T) {
	s, err := entities.New()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	texts := benchTexts(t)
	if len(texts) > 120 {
		texts = texts[:120]
	}
	for _, text := range texts {
		d := nlp.NewDoc(text)
		r := &report.Report{Text: text}
		if err := s.Annotate(r, d); err != nil {
			t.Fatal(err)
		}
		es := append([]report.Entity(nil), r.Entities...)
		for k := 0; k < 5; k++ {
			a, b := rng.Intn(len([]rune(text))+1), rng.Intn(len([]rune(text))+1)
			es = append(es, report.Entity{Start: a, End: b, Type: "place"})
		}
		for round := 0; round < 2; round++ {
			got := resolve(nil, d, es)
			var want [][2]int
			for _, e := range es {
				first := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].REnd > e.Start })
				last := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].RStart >= e.End })
				if first < last {
					want = append(want, [2]int{first, last})
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%d entities resolved, want %d", len(got), len(want))
			}
			for i := range got {
				if got[i].first != want[i][0] || got[i].last != want[i][1] {
					t.Fatalf("entity %d %+v: tokens [%d, %d), want [%d, %d)", i, got[i].Entity, got[i].first, got[i].last, want[i][0], want[i][1])
				}
			}
			rng.Shuffle(len(es), func(i, j int) { es[i], es[j] = es[j], es[i] })
		}
	}
}
