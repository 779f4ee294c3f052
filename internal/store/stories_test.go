package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/report"
)

func intp(v int) *int { return &v }

func withEvent(r *report.Report, place, typ, actor string, killed int) *report.Report {
	r.Events = []report.Event{{Type: typ, Cause: typ, Location: &report.Location{Name: place, Governorate: place},
		Actor: &report.Party{Name: actor, Category: actor}, Casualties: &report.Casualties{Killed: intp(killed)}}}
	r.MainEvent = intp(0)
	return r
}

func TestClusterStoriesAndCorroboration(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	// Three outlets report the Douma shelling; SANA gives a different toll.
	a := withEvent(rep("Shelling kills 20 in Douma",
		"Government shelling on the town of Douma in Eastern Ghouta killed 20 civilians including five children, rescuers said on Tuesday. The shelling hit a crowded market.",
		"reuters", "2016-03-01"), "damascus", "shelling", "syrian government", 20)
	b := withEvent(rep("Douma market shelled, 21 dead",
		"At least 21 civilians were killed when shells hit a crowded market in Douma, Eastern Ghouta, activists said. Children were among the dead.",
		"alaraby", "2016-03-01"), "damascus", "shelling", "syrian government", 21)
	c := withEvent(rep("Terrorist shells on Damascus",
		"Terrorist groups in Douma fired shells on residential neighbourhoods of Damascus killing 3 civilians, a source said. The army responded to the market attack in Eastern Ghouta.",
		"sana", "2016-03-02"), "damascus", "shelling", "armed opposition groups", 3)
	// A near copy of a (wire copy by another outlet).
	d := rep(a.Title, a.Text[len(a.Title)+2:]+" Reuters contributed.", "jordantimes", "2016-03-01")
	d.Text = a.Text + " Reuters contributed."
	d.ID = report.HashText(d.Text)
	// Unrelated: another place, other words, same days.
	e := withEvent(rep("IS executes men in Raqqa",
		"Islamic State militants executed four men accused of spying in Raqqa city square, the observatory reported.",
		"dailysabah", "2016-03-01"), "raqqa", "execution", "isis", 4)
	// Same words as a but months later: not the same event.
	f := withEvent(rep("Shelling kills 20 in Douma",
		"Government shelling on the town of Douma in Eastern Ghouta killed 20 civilians including five children, rescuers said on Friday after a new attack.",
		"reuters", "2016-09-09"), "damascus", "shelling", "syrian government", 20)
	if _, err := s.Put(ctx, []*report.Report{a, b, c, d, e, f}); err != nil {
		t.Fatal(err)
	}
	n, err := s.Cluster(ctx, ClusterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("%d stories, want 1", n)
	}
	sts, err := s.Stories(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	st := sts[0]
	members := map[string]StoryArticle{}
	for _, m := range st.Articles {
		members[m.ID] = m
	}
	for name, r := range map[string]*report.Report{"a": a, "b": b, "c": c, "d": d} {
		if _, ok := members[r.ID]; !ok {
			t.Errorf("report %s not in the story", name)
		}
	}
	for name, r := range map[string]*report.Report{"e": e, "f": f} {
		if _, ok := members[r.ID]; ok {
			t.Errorf("report %s wrongly in the story", name)
		}
	}
	if members[d.ID].DuplicateOf != a.ID && members[a.ID].DuplicateOf != d.ID {
		t.Errorf("wire copy not marked as a duplicate: %+v %+v", members[a.ID], members[d.ID])
	}
	if len(st.Outlets) != 4 {
		t.Errorf("outlets %v, want 4", st.Outlets)
	}
	facts := map[string]Fact{}
	for _, f := range st.Facts {
		facts[f.Field] = f
	}
	if facts["killed"].Agree || facts["actor"].Agree {
		t.Errorf("killed/actor should conflict: %+v", st.Facts)
	}
	if !facts["place"].Agree || !facts["type"].Agree {
		t.Errorf("place/type should agree: %+v", st.Facts)
	}
	if members[c.ID].Conflict <= members[a.ID].Conflict || members[b.ID].Agree == 0 {
		t.Errorf("SANA's toll should be the conflicting one: a %+v b %+v c %+v", members[a.ID], members[b.ID], members[c.ID])
	}
	got, err := s.Story(ctx, st.ID)
	if err != nil || got.ID != st.ID {
		t.Fatalf("Story(%s) = %v, %v", st.ID, got, err)
	}
	co, err := s.CorroborationOf(ctx, c.ID)
	if err != nil || co.Story != st.ID || co.Conflict == 0 {
		t.Fatalf("CorroborationOf(c) = %+v, %v", co, err)
	}
	co, _ = s.CorroborationOf(ctx, e.ID)
	if co.Story != "" {
		t.Fatalf("lone report has story %+v", co)
	}
	// Reclustering is stable.
	if n2, _ := s.Cluster(ctx, ClusterOptions{}); n2 != n {
		t.Fatalf("recluster gave %d stories, want %d", n2, n)
	}
	// Outlet profile measures the conflict rate: SANA's toll and actor
	// conflict with three other outlets, its place and type agree.
	p, err := s.Outlet(ctx, "sana")
	if err != nil {
		t.Fatal(err)
	}
	if p.Articles != 1 || p.Domain != "sana.sy" || p.ConflictRate == nil || *p.ConflictRate != 0.5 || p.Stories != 1 {
		t.Fatalf("sana profile %+v", p)
	}
	if p.TechniqueDensity != nil {
		t.Errorf("technique density measured without technique annotations")
	}
	if _, err := s.Outlet(ctx, "no-such-outlet.invalid"); err == nil {
		t.Errorf("unknown outlet found")
	}
}

func TestOutletMeasures(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a := rep("Title", "one two three four five six seven eight nine ten", "sputnik", "2017-01-01")
	a.Techniques = []report.Technique{{Technique: "Loaded_Language"}, {Technique: "Loaded_Language"}, {Technique: "Doubt"}}
	a.Claims = []report.Claim{{Support: "unsupported"}, {Support: "attributed"}, {Support: "unsupported"}, {Support: "hedged"}}
	if _, err := s.Put(ctx, []*report.Report{a}); err != nil {
		t.Fatal(err)
	}
	p, err := s.Outlet(ctx, "sputniknews.com")
	if err != nil {
		t.Fatal(err)
	}
	// 11 words (title + body), 3 spans.
	if p.TechniqueDensity == nil || int(*p.TechniqueDensity+0.5) != 273 {
		t.Fatalf("density %v, want 3/11*1000", p.TechniqueDensity)
	}
	if len(p.TopTechniques) != 2 || p.TopTechniques[0] != (TechniqueCount{"Loaded_Language", 2}) {
		t.Fatalf("top techniques %+v", p.TopTechniques)
	}
	if p.Unsupported == nil || *p.Unsupported != 0.5 {
		t.Fatalf("unsupported %v, want 0.5", p.Unsupported)
	}
	if p.Ratings.Quality == nil {
		t.Fatalf("no rating for sputnik")
	}
}

func TestClusterMaxStory(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var batch []*report.Report
	for i := 0; i < 9; i++ {
		batch = append(batch, withEvent(rep("Aleppo shelling", fmt.Sprintf("Shelling hit eastern Aleppo again today, killing civilians in district %d, rescuers said.", i),
			[]string{"reuters", "sana", "tass"}[i%3], "2016-08-01"), "aleppo", "shelling", "x", 3))
	}
	if _, err := s.Put(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Cluster(ctx, ClusterOptions{}); n != 1 {
		t.Fatalf("%d stories, want 1", n)
	}
	n, err := s.Cluster(ctx, ClusterOptions{MaxStory: 4, Full: true})
	if err != nil || n < 2 {
		t.Fatalf("MaxStory 4: %d stories (%v), want >= 2", n, err)
	}
	sts, _ := s.Stories(ctx, 10)
	for _, st := range sts {
		if len(st.Articles) > 4 {
			t.Fatalf("story of %d reports over MaxStory 4", len(st.Articles))
		}
	}
}

func TestIncrementalClusterMatchesFull(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var all []*report.Report
	places := []string{"aleppo", "idlib", "homs"}
	for g := 0; g < 7; g++ {
		day := 1 + 4*g
		for p, place := range places {
			// Words of this event only, so that events differ in text.
			var own []string
			for w := 0; w < 10; w++ {
				own = append(own, fmt.Sprintf("e%dp%dw%d", g, p, w))
			}
			for k, outlet := range []string{"reuters", "sana", "tass"} {
				body := fmt.Sprintf("Shelling hit %s on %d May: %s. Outlet note %d.", place, day, strings.Join(own[k:], " "), k)
				all = append(all, withEvent(rep(fmt.Sprintf("Shelling in %s, %d May", place, day), body, outlet,
					fmt.Sprintf("2016-05-%02d", day)), place, "shelling", "x", day+k))
			}
		}
	}
	// Feed in four parts (out of date order too), clustering after each.
	parts := [][]*report.Report{all[:35], all[50:], all[35:42], all[42:50]}
	for _, p := range parts {
		if _, err := s.Put(ctx, p); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Cluster(ctx, ClusterOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	ids := func() map[string]int {
		sts, err := s.Stories(ctx, 1000)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for _, st := range sts {
			m[st.ID] = len(st.Articles)
		}
		return m
	}
	inc := ids()
	// Nothing new: no work, same answer.
	if n, _ := s.Cluster(ctx, ClusterOptions{}); n != len(inc) {
		t.Fatalf("no-op cluster returned %d, want %d", n, len(inc))
	}
	if _, err := s.Cluster(ctx, ClusterOptions{Full: true}); err != nil {
		t.Fatal(err)
	}
	full := ids()
	if len(full) != 21 {
		t.Fatalf("%d stories, want 21 (7 days × 3 places)", len(full))
	}
	if len(inc) != len(full) {
		t.Fatalf("incremental %d stories, full %d", len(inc), len(full))
	}
	for id, n := range full {
		if inc[id] != n {
			t.Fatalf("story %s: incremental %d reports, full %d", id, inc[id], n)
		}
	}
	var orphans int
	s.db.QueryRow(`SELECT count(*) FROM story_articles WHERE story NOT IN (SELECT id FROM stories)`).Scan(&orphans)
	if orphans != 0 {
		t.Fatalf("%d memberships of deleted stories", orphans)
	}
}
