package entities

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/goldenfile"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/pipeline"
	"github.com/sift-project/sift/internal/report"
)

// checkSpans asserts every entity's text is its code-point slice of text.
func checkSpans(t *testing.T, text string, es []report.Entity) {
	t.Helper()
	runes := []rune(text)
	for _, e := range es {
		if e.Start < 0 || e.End > len(runes) || e.Start >= e.End || string(runes[e.Start:e.End]) != e.Text {
			t.Errorf("entity %+v does not match its span %q", e, string(runes[max(0, e.Start):min(len(runes), max(e.End, e.Start))]))
		}
	}
}

func TestGolden(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) < 5 {
		t.Fatalf("want at least 5 golden articles, have %d", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r := &report.Report{Text: strings.TrimRight(string(b), "\n")}
			if _, err := pipeline.New(s).Run(r); err != nil {
				t.Fatal(err)
			}
			checkSpans(t, r.Text, r.Entities)
			got, _ := json.MarshalIndent(r.Entities, "", "  ")
			goldenfile.Check(t, strings.TrimSuffix(f, ".txt")+".entities.json", append(got, '\n'))
		})
	}
}

func find(es []report.Entity, text string) *report.Entity {
	for i := range es {
		if es[i].Text == text {
			return &es[i]
		}
	}
	return nil
}

func TestAliasesNormalise(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ text, mention, typ, name string }{
		{"Daesh fighters attacked the town.", "Daesh fighters", "armed_group", "Islamic State"},
		{"The ISIL militants fled.", "ISIL", "armed_group", "Islamic State"},
		{"Fighting near ISIS positions.", "ISIS", "armed_group", "Islamic State"},
		{"The Islamic State group said so.", "Islamic State group", "armed_group", "Islamic State"},
		{"Shelling hit Idleb on Monday.", "Idleb", "place", "Idlib"},
		{"Shelling hit Idlib on Monday.", "Idlib", "place", "Idlib"},
		{"Clashes in Deir Ezzor went on.", "Deir Ezzor", "place", "Deir ez-Zor"},
		{"Clashes in Dayr al-Zawr went on.", "Dayr al-Zawr", "place", "Deir ez-Zor"},
		{"Clashes in Deir el-Zour went on.", "Deir el-Zour", "place", "Deir ez-Zor"},
		{"They entered Tadmur at dawn.", "Tadmur", "place", "Palmyra"},
		{"Jabhat Fateh al-Sham said it.", "Jabhat Fateh al-Sham", "armed_group", "al-Nusra Front"},
		{"The YPG took the village.", "YPG", "armed_group", "People's Protection Units"},
		{"Rebels fired TOW missiles at tanks.", "TOW missiles", "weapon", "TOW"},
		{"Helicopters dropped barrel bombs on the town.", "barrel bombs", "weapon", "barrel bomb"},
		{"Russia Today reported the strike.", "Russia Today", "media", "RT"},
		{"Assads forces advanced.", "Assads forces", "military", "Syrian Arab Army"},
		{"Aleppos eastern districts were hit.", "Aleppos", "place", "Aleppo"},
		{"The U.S.-led coalition struck.", "U.S.-led coalition", "military", "US-led coalition"},
		{"Kilis is in Akçakale district, they said.", "Akçakale", "place", "Akcakale"},
		{"A raid hit the market in al-Asharah town.", "al-Asharah", "place", "Ashara"},
		{"A raid hit the market in Al-Asharah town.", "Al-Asharah", "place", "Ashara"},
	}
	for _, c := range cases {
		es := s.Find(nlp.NewDoc(c.text), "")
		checkSpans(t, c.text, es)
		e := find(es, c.mention)
		if e == nil {
			t.Errorf("%q: no entity %q in %+v", c.text, c.mention, es)
			continue
		}
		if e.Type != c.typ || e.Name != c.name {
			t.Errorf("%q: %q is %s %q, want %s %q", c.text, c.mention, e.Type, e.Name, c.typ, c.name)
		}
	}
}

func TestCaseRules(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	// "is" is not IS, "us" is not the US, "homs" in lower case is no place.
	for _, text := range []string{"This is what it is.", "They told us nothing.", "it was mine"} {
		for _, e := range s.Find(nlp.NewDoc(text), "") {
			if e.Type != "quantity" && e.Type != "date" {
				t.Errorf("%q: unexpected entity %+v", text, e)
			}
		}
	}
}

func TestPersons(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ text, person string }{
		{"Homs Governor Talal Barazi said the base was hit.", "Talal Barazi"},
		{"Spokesman Igor Konashenkov denied it.", "Igor Konashenkov"},
		{"The report was written by Colonel John Smithers yesterday.", "John Smithers"},
		{"Activists said Hamza Khatib was at the hospital.", "Hamza Khatib"},
		{"Later Osama Said told reporters it was over.", "Osama Said"},
		{"Attorney General Jeff Sessions spoke.", "Jeff Sessions"},
		{"Chief of Staff Gadi Eizenkot spoke.", "Gadi Eizenkot"},
		{"Police said Stephen Paddock’s room was full of guns.", "Stephen Paddock"},
	}
	for _, c := range cases {
		es := s.Find(nlp.NewDoc(c.text), "")
		e := find(es, c.person)
		if e == nil || e.Type != "person" {
			t.Errorf("%q: no person %q in %+v", c.text, c.person, es)
		}
	}
	// Not people: capitalised places, organisations, sentence starts.
	for _, text := range []string{"The Health Ministry said it.", "Tags Syria Aleppo Idlib.", "Monday Morning Briefing",
		"The UN General Assembly voted.", "Pope Rejects Bid To Reform Vatican Court", "He met George W. Bush."} {
		for _, e := range s.Find(nlp.NewDoc(text), "") {
			if e.Type == "person" {
				t.Errorf("%q: unexpected person %+v", text, e)
			}
		}
	}
}

func TestGazetteerFiles(t *testing.T) {
	entries, err := dataFS.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, _ := dataFS.ReadFile("data/" + e.Name())
		if !utf8.Valid(b) {
			t.Errorf("%s: not UTF-8", e.Name())
		}
		if !strings.Contains(string(b), "# Source:") {
			t.Errorf("%s: no source comment", e.Name())
		}
	}
	g, err := loadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	valid := map[string]bool{"": true, "rif dimashq": true, "suwayda": true}
	for _, gv := range []string{"aleppo", "damascus", "idlib", "deir ezzor", "raqqa", "homs", "hasakeh", "hama", "daraa", "lattakia", "quneitra", "tartous"} {
		valid[gv] = true
	}
	for _, in := range g.infos {
		if in.Type == "place" && !valid[in.Governorate] {
			t.Errorf("place %q: unknown governorate %q", in.Name, in.Governorate)
		}
		if in.Type == "place" && in.Country == "Syria" && in.PlaceKind != "country" && in.Governorate == "" {
			t.Errorf("Syrian place %q has no governorate", in.Name)
		}
	}
	for _, name := range []string{"Ghouta", "Douma", "Khan Sheikhoun", "Maarat al-Numan", "Manbij", "Kobani", "Afrin", "Jisr al-Shughur", "Palmyra", "Tal Abyad"} {
		if _, ok := Lookup("place", name); !ok {
			t.Errorf("place %q missing", name)
		}
	}
}

// FuzzFind: no panic on any text, and every entity is its own span.
func FuzzFind(f *testing.F) {
	f.Add("Sun 16 Apr 2017 Daesh-held Idleb: at least two hundred and five killed by U.S.-led strikes")
	f.Add("Aleppos Deir ez-Zour al- - -- Mr. X said; 0914 1,000,000 2.5 million a dozen")
	s, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("the pipeline's input is decoded text")
		}
		checkSpans(t, text, s.Find(nlp.NewDoc(text), ""))
	})
}

// TestLookupRef checks LookupRef against Lookup for every gazetteer
// record under each type that shares its group, and for unknown names.
func TestLookupRef(t *testing.T) {
	g, err := loadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	// Every record is found by its name under its own type and every type
	// of its group, as the gazetteer's own record (a pointer into it, not
	// a copy), and Lookup returns a copy of it.
	parties := []string{"armed_group", "military", "government", "organization"}
	for i := range g.infos {
		in := &g.infos[i]
		types := []string{in.Type}
		if typeGroup(in.Type) == "party" {
			types = parties
		}
		for _, typ := range types {
			p := LookupRef(typ, in.Name)
			if p == nil || p.Name != in.Name || typeGroup(p.Type) != typeGroup(in.Type) {
				t.Fatalf("LookupRef(%q, %q) = %+v, want the record %+v", typ, in.Name, p, *in)
			}
			if k := slices.IndexFunc(g.infos, func(x Info) bool { return x.Name == p.Name && x.Type == p.Type }); k < 0 || p != &g.infos[k] {
				t.Fatalf("LookupRef(%q, %q) is not a pointer into the gazetteer", typ, in.Name)
			}
			if got, ok := Lookup(typ, in.Name); !ok || got != *p {
				t.Fatalf("Lookup(%q, %q) = %+v, %v; want %+v", typ, in.Name, got, ok, *p)
			}
		}
	}
	if p := LookupRef("place", "Nowhere at all"); p != nil {
		t.Errorf("LookupRef of an unknown name = %+v, want nil", *p)
	}
	if got, ok := Lookup("place", "Nowhere at all"); ok || got != (Info{}) {
		t.Errorf("Lookup of an unknown name = %+v, %v", got, ok)
	}
	if p := LookupRef("weapon", "Aleppo"); p != nil && typeGroup(p.Type) != "weapon" {
		t.Errorf("LookupRef(weapon, Aleppo) found a %s", p.Type)
	}
}
