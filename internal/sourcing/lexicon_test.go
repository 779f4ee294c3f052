package sourcing

import (
	"strings"
	"testing"
)

func TestDefaultLexiconLoads(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for w, class := range map[string]string{"said": "verb", "tweeted": "verb", "adding": "part", "shows": "doc"} {
		if lx.Cues[w] != class {
			t.Errorf("cue %q: class %q, want %q", w, lx.Cues[w], class)
		}
	}
	if lx.Cues["posted"] != "" {
		t.Error(`"posted" should not be a cue ("Article posted with permission")`)
	}
	if !lx.VaguePlural["sources"] || !lx.VagueSingle["source"] || !lx.VagueMods["pro-western"] || !lx.Passives["believed"] {
		t.Error("vague lexicon incomplete")
	}
	if lx.VaguePlural["news"] {
		t.Error(`"news" must not be vague everywhere ("news agency SANA")`)
	}
}

// phraseMatch runs a phrase set over a lower-cased or raw token list.
func phraseMatch(s *phraseSet, toks []string) (phrase, bool) {
	return s.match(0, len(toks), func(i int) string { return toks[i] })
}

func TestLexiconSources(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text, typ, canon string
	}{
		{"Syrian Observatory for Human Rights", "organization", "Syrian Observatory for Human Rights"},
		{"SOHR", "organization", "Syrian Observatory for Human Rights"},
		{"Russian Defence Ministry", "military", "Russian Defense Ministry"},
		{"RT", "media", "RT"},
		{"Russia Today", "media", "RT"},
		{"SANA", "media", "SANA"},
		{"Daesh", "armed_group", "Islamic State"},
		{"al-Nusra", "armed_group", "Nusra Front"},
		{"Kremlin", "government", "Kremlin"},
		{"Twitter", "social_media", "Twitter"},
	}
	for _, c := range cases {
		p, ok := phraseMatch(lx.Sources, strings.Fields(c.text))
		if !ok || p.value != c.typ || p.canon != c.canon || len(p.toks) != len(strings.Fields(c.text)) {
			t.Errorf("%q: got %+v %v, want %s %q", c.text, p, ok, c.typ, c.canon)
		}
	}
	// the longest phrase wins
	p, _ := phraseMatch(lx.Sources, []string{"Syrian", "state", "television"})
	if p.canon != "Syrian state television" {
		t.Errorf("longest match: %+v", p)
	}
	if _, ok := phraseMatch(lx.Sources, []string{"rt"}); ok {
		t.Error("named sources are case-sensitive: rt is not RT")
	}
}

func TestLexiconHedges(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"allegedly", "reportedly", "it seems", "appears to", "believed to", "not clear"} {
		if _, ok := phraseMatch(lx.Hedges, strings.Fields(h)); !ok {
			t.Errorf("hedge %q missing", h)
		}
	}
	if p, ok := phraseMatch(lx.Hedges, []string{"may"}); !ok || p.rule != "modal" {
		t.Errorf("may: %+v", p)
	}
	if _, ok := phraseMatch(lx.Hedges, []string{"said"}); ok {
		t.Error(`"said" alone is not a hedge`)
	}
}

// TestHedgeRules checks the context rules of the hedge lexicon on text.
func TestHedgeRules(t *testing.T) {
	st := newStage(t)
	cases := map[string][]string{
		"The strike may have killed 20 people.":                          {"may"},
		"The war began in May 2011 and on 3 May more died.":              nil,
		"You may opt out at any time.":                                   nil,
		"He is said to have fled. Officials said it.":                    {"said to"},
		"Help came as soon as possible; it is possibly a trap.":          {"possibly"},
		"Nobody could leave. The toll could rise.":                       {"could"},
		"Traore is accused of murder. They accused him of lying.":        {"accused of"},
		"The alleged attack, reportedly by jets, is likely to continue.": {"alleged", "reportedly", "likely"},
	}
	for text, want := range cases {
		r := annotate(t, st, "Title\n\n"+text)
		var got []string
		for _, h := range r.Hedges {
			got = append(got, h.Text)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q: hedges %q, want %q", text, got, want)
		}
	}
}

// TestVagueRules checks when plural nouns count as vague sources.
func TestVagueRules(t *testing.T) {
	st := newStage(t)
	cases := map[string][]string{
		"Buses carried Shiite residents out of the town.":          nil,
		"Residents of Daraya accused the army of using napalm.":    {"Residents of Daraya"},
		"Some sources claim the rebels did it.":                    {"Some sources"},
		"The names were redacted in the reports.":                  nil,
		"There were reports of shelling.":                          {"reports"},
		"FNA reports that the army advanced.":                      nil,
		"According to media reports, four people died.":            {"media reports"},
		"A military source told SANA that 5 soldiers were killed.": {"military source"},
	}
	for text, want := range cases {
		r := annotate(t, st, "Title\n\n"+text)
		var got []string
		for _, v := range r.VagueSources {
			got = append(got, v.Text)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q: vague %q, want %q", text, got, want)
		}
	}
}
