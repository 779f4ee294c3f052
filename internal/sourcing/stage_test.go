package sourcing

import (
	"testing"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// An entities stage that ran before refines unknown speakers' types; the
// stage works without it too.
func TestUsesEntitiesWhenPresent(t *testing.T) {
	st := newStage(t)
	text := "T\n\nKataib Sayyid al-Shuhada said that its fighters held the town."
	without := annotate(t, st, text)
	// an unknown three-word name reads as a person without entities
	if len(without.Attributions) != 1 || without.Attributions[0].SourceType != "person" {
		t.Fatalf("without entities: %+v", without.Attributions)
	}
	r := &report.Report{Text: text, Entities: []report.Entity{{Start: 3, End: 26, Text: "Kataib Sayyid al-Shuhada", Type: "armed_group", Name: "Kataib Sayyid al-Shuhada"}}}
	if err := st.Annotate(r, nlp.NewDoc(text)); err != nil {
		t.Fatal(err)
	}
	if len(r.Attributions) != 1 || r.Attributions[0].SourceType != "armed_group" || r.Attributions[0].SourceName != "Kataib Sayyid al-Shuhada" {
		t.Fatalf("with entities: %+v", r.Attributions)
	}
}

// Computed but empty sections are empty lists, not nil.
func TestEmptyArticle(t *testing.T) {
	r := annotate(t, newStage(t), "Title\n\nThe weather was fine.")
	if r.Attributions == nil || r.VagueSources == nil || r.Hedges == nil || r.Claims == nil || r.Sourcing == nil {
		t.Fatal("empty sections must be non-nil")
	}
	if len(r.Attributions) != 0 || r.Sourcing.Claims != 0 || r.Sourcing.TopSources == nil {
		t.Fatalf("%+v", r.Sourcing)
	}
}

func TestSummary(t *testing.T) {
	r := annotate(t, newStage(t), "T\n\nSANA said 5 soldiers were killed in Homs. SANA said 3 more died in Hama. "+
		"Activists said 20 civilians were killed by shelling. The army shelled 4 villages overnight on Monday.")
	s := r.Sourcing
	if s.ByType["media"] != 2 || s.ByType["vague"] != 1 {
		t.Errorf("by type %v", s.ByType)
	}
	if len(s.TopSources) == 0 || s.TopSources[0].Name != "SANA" || s.TopSources[0].Count != 2 {
		t.Errorf("top %v", s.TopSources)
	}
	if s.Claims != 4 || s.Unsupported != 0.25 {
		t.Errorf("claims %d unsupported %.2f", s.Claims, s.Unsupported)
	}
	support := map[string]int{}
	for _, c := range r.Claims {
		support[c.Support]++
	}
	if support["attributed"] != 2 || support["vague"] != 1 || support["unsupported"] != 1 {
		t.Errorf("support %v", support)
	}
}
