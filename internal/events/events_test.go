package events

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/entities"
	"github.com/sift-project/sift/internal/goldenfile"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/pipeline"
	"github.com/sift-project/sift/internal/report"
)

func newPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	ents, err := entities.New()
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.New(ents, New())
}

func run(t testing.TB, p *pipeline.Pipeline, text, published string) *report.Report {
	t.Helper()
	r := &report.Report{Text: text, Published: published}
	if _, err := p.Run(r); err != nil {
		t.Fatal(err)
	}
	runes := []rune(r.Text)
	for _, ev := range r.Events {
		e := ev.Evidence
		if e.Start < 0 || e.End > len(runes) || e.Start >= e.End || string(runes[e.Start:e.End]) != e.Text {
			t.Errorf("evidence %+v is not its span", e)
		}
	}
	return r
}

type golden struct {
	Events    []report.Event `json:"events"`
	MainEvent *int           `json:"main_event"`
}

// The golden articles live with the entities stage's (one set of articles
// for both stages).
func TestGolden(t *testing.T) {
	p := newPipeline(t)
	files, _ := filepath.Glob("../entities/testdata/*.txt")
	if len(files) < 5 {
		t.Fatalf("want at least 5 golden articles, have %d", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r := run(t, p, strings.TrimRight(string(b), "\n"), "")
			got, _ := json.MarshalIndent(golden{r.Events, r.MainEvent}, "", "  ")
			goldenfile.Check(t, filepath.Join("testdata", strings.TrimSuffix(filepath.Base(f), ".txt")+".events.json"), append(got, '\n'))
		})
	}
}

func main(t *testing.T, r *report.Report) report.Event {
	t.Helper()
	if r.MainEvent == nil {
		t.Fatalf("no main event in %q", r.Text)
	}
	return r.Events[*r.MainEvent]
}

func val(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func TestCasualtyRules(t *testing.T) {
	p := newPipeline(t)
	cases := []struct {
		text                                 string
		killed, civ, child, women, comb, inj int
	}{
		{"Air strikes killed at least 22 people including six civilians on Sunday.", 22, 6, 0, 0, 0, 0},
		{"Six civilians including a child were among 22 people killed in air strikes.", 22, 6, 1, 0, 0, 0},
		{"A suicide bomber killed four people and wounded 40 others in Qardaha.", 4, 4, 0, 0, 0, 40},
		{"At least 29 Syrian rebels were killed in clashes with regime troops.", 29, 0, 0, 0, 29, 0},
		{"Shelling killed two children and three women in Douma.", 5, 5, 2, 3, 0, 0},
		{"Barrel bombs killed dozens of people in Aleppo.", 24, 24, 0, 0, 0, 0},
		{"The war has killed more than 280000 people since 2011.", 0, 0, 0, 0, 0, 0},
		{"IS kidnapped 900 people from the town.", 0, 0, 0, 0, 0, 0},
		{"Two Russian pilots were killed when their helicopter was shot down.", 2, 0, 0, 0, 2, 0},
	}
	for _, c := range cases {
		r := run(t, p, c.text, "")
		var cs report.Casualties
		if r.MainEvent != nil && r.Events[*r.MainEvent].Casualties != nil {
			cs = *r.Events[*r.MainEvent].Casualties
		}
		got := [6]int{val(cs.Killed), val(cs.Civilians), val(cs.Children), val(cs.Women), val(cs.Combatants), val(cs.Injured)}
		want := [6]int{c.killed, c.civ, c.child, c.women, c.comb, c.inj}
		if got != want {
			t.Errorf("%q: killed/civilians/children/women/combatants/injured = %v, want %v", c.text, got, want)
		}
	}
}

func TestActorsAndTypes(t *testing.T) {
	p := newPipeline(t)
	cases := []struct{ text, typ, cause, actor, gov string }{
		{"Russian warplanes bombed Saraqeb killing 10 civilians.", "airstrike", "shelling", Categories["gov"], "idlib"},
		{"US-led coalition air strikes killed 15 civilians near Manbij.", "airstrike", "shelling", Categories["coalition"], "aleppo"},
		{"A car bomb killed 16 people in Qamishli.", "explosion", "explosion", Unknown, "hasakeh"},
		{"Islamic State militants executed 15 men in Mayadin.", "execution", "execution", Categories["isis"], "deir ezzor"},
		{"Ten soldiers were killed in clashes with the Nusra Front near Daraa.", "clash", "unknown", Categories["nusra"], "daraa"},
		{"Terrorists fired rocket shells on Jaramana killing 3 civilians.", "shelling", "shelling", Unknown, "damascus"},
		{"A Russian helicopter was shot down over Idlib and two pilots were killed.", "shootdown", "shooting", Unknown, "idlib"},
		{"Sarin was used in the attack on Khan Sheikhoun that killed 70.", "chemical_attack", "chemical and toxic gases", Categories["gov"], "idlib"},
		{"Rebels shelled government-held districts of Aleppo killing 14.", "shelling", "shelling", Categories["opposition"], "aleppo"},
	}
	for _, c := range cases {
		ev := main(t, run(t, p, c.text, ""))
		actor := Unknown
		if ev.Actor != nil {
			actor = ev.Actor.Category
		}
		gov := ""
		if ev.Location != nil {
			gov = ev.Location.Governorate
		}
		if ev.Type != c.typ || ev.Cause != c.cause || actor != c.actor || gov != c.gov {
			t.Errorf("%q: type %s cause %s actor %q governorate %q; want %s %s %q %q", c.text, ev.Type, ev.Cause, actor, gov, c.typ, c.cause, c.actor, c.gov)
		}
	}
}

func TestEventDate(t *testing.T) {
	p := newPipeline(t)
	cases := []struct{ text, published, want string }{
		{"Air strikes killed 10 civilians in Douma on Monday.", "2017-04-05", "2017-04-03"},
		{"A car bomb killed 4 people in Azaz yesterday.", "2016-02-01", "2016-01-31"},
		{"Sun 16 Apr 2017 The blast on Saturday killed 112 people near Aleppo.", "", "2017-04-15"},
	}
	for _, c := range cases {
		if ev := main(t, run(t, p, c.text, c.published)); ev.Date != c.want {
			t.Errorf("%q: date %q, want %q", c.text, ev.Date, c.want)
		}
	}
}

func TestAttribution(t *testing.T) {
	d := nlp.NewDoc("Air strikes killed 10 civilians in Douma, the Observatory said.")
	ents, _ := entities.New()
	r := &report.Report{Text: d.Text}
	if err := ents.Annotate(r, d); err != nil {
		t.Fatal(err)
	}
	// Without a sourcing section there is no attribution.
	if err := New().Annotate(r, d); err != nil {
		t.Fatal(err)
	}
	if ev := main(t, r); ev.Attribution != nil {
		t.Errorf("attribution %v without attributions", *ev.Attribution)
	}
	// With one whose content overlaps the evidence, the event points at it.
	r.Attributions = []report.Attribution{
		{SourceType: "media", Cue: report.Span{Start: 100, End: 104, Text: "said"}, Content: report.Span{Start: 200, End: 210}},
		{SourceType: "organization", Cue: report.Span{Start: 58, End: 62}, Content: report.Span{Start: 0, End: 40}},
	}
	r.Events, r.MainEvent = nil, nil
	if err := New().Annotate(r, d); err != nil {
		t.Fatal(err)
	}
	if ev := main(t, r); ev.Attribution == nil || *ev.Attribution != 1 {
		t.Errorf("attribution %v, want 1", ev.Attribution)
	}
}

func TestNoEvents(t *testing.T) {
	p := newPipeline(t)
	r := run(t, p, "The talks in Geneva went on.\n\nDiplomats met on Monday.", "")
	if r.Events == nil || len(r.Events) != 0 || r.MainEvent != nil {
		t.Errorf("events %v main %v, want an empty list and no main event", r.Events, r.MainEvent)
	}
}

func TestVagueActorTakesNamedSide(t *testing.T) {
	p := newPipeline(t)
	cases := []struct{ text, actor string }{
		{"Terrorists from Jaish al-Fateh fired rocket shells on Aleppo killing 2 people.", Categories["opposition"]},
		{"ISIL terrorists beheaded eight men in Raqqa.", Categories["isis"]},
		{"Terrorists fired rocket shells on Aleppo killing 2 people.", Unknown},
	}
	for _, c := range cases {
		ev := main(t, run(t, p, c.text, ""))
		got := Unknown
		if ev.Actor != nil {
			got = ev.Actor.Category
		}
		if got != c.actor {
			t.Errorf("%q: actor %q, want %q", c.text, got, c.actor)
		}
	}
}

func TestMainEventTakesWhoDied(t *testing.T) {
	p := newPipeline(t)
	r := run(t, p, "Air strike on jihadist camp kills 18\n\nA Syrian air strike on an IS training camp killed 17 militants and a child on Saturday.", "")
	c := main(t, r).Casualties
	if c == nil || val(c.Killed) != 18 || val(c.Civilians) != 1 || val(c.Combatants) != 17 || val(c.Children) != 1 {
		t.Errorf("casualties %+v, want 18 killed: 1 civilian (a child), 17 combatants", c)
	}
}

func TestPlaceInsideCity(t *testing.T) {
	p := newPipeline(t)
	ev := main(t, run(t, p, "Militants shelled al-Midan in Aleppo city killing 3 people.", ""))
	if ev.Location == nil || ev.Location.Governorate != "aleppo" {
		t.Errorf("location %+v, want Aleppo's governorate (al-Midan is also a Damascus district)", ev.Location)
	}
}

func TestClaimedOrBehind(t *testing.T) {
	p := newPipeline(t)
	cases := []struct{ text, actor string }{
		{"A car bomb killed 9 people in Azaz.\n\nThe Islamic State claimed responsibility for the blast.", Categories["isis"]},
		{"A car bomb killed 9 people in Azaz.\n\nOfficials said Nusra Front was behind the blast.", Categories["nusra"]},
		{"A car bomb killed 9 people in Azaz.\n\nThe Nusra Front denied it was behind the blast.", Unknown},
	}
	for _, c := range cases {
		ev := main(t, run(t, p, c.text, ""))
		got := Unknown
		if ev.Actor != nil {
			got = ev.Actor.Category
		}
		if got != c.actor {
			t.Errorf("%q: actor %q, want %q", c.text, got, c.actor)
		}
	}
}
