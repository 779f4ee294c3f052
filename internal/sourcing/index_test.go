package sourcing

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// TestWordFlagsAgreeWithLists checks the one-look-up index against the
// lists it merges, token by token, and the phrase-set gate against an
// ungated match.
func TestWordFlagsAgreeWithLists(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	lists := []struct {
		name string
		m    map[string]bool
		f    wflag
	}{
		{"Numbers", lx.Numbers, fNumber}, {"Events", lx.Events, fEvent}, {"VaguePlural", lx.VaguePlural, fVaguePlural},
		{"VagueSingle", lx.VagueSingle, fVagueSingle}, {"VagueMods", lx.VagueMods, fVagueMods}, {"Passives", lx.Passives, fPassive},
		{"roleWords", lx.roleWords, fRoleWord}, {"foldWords", lx.foldWords, fFoldWord}, {"capStop", capStop, fCapStop},
		{"nameJoin", nameJoin, fNameJoin}, {"connectors", connectors, fConnector}, {"determiners", determiners, fDeterminer},
		{"pronouns", pronouns, fPronoun}, {"possessives", possessives, fPossessive}, {"citedPlural", citedPlural, fCitedPlural},
		{"timeWords", timeWords, fTimeWord}, {"npExtra", npExtra, fNpExtra}, {"npAux", npAux, fNpAux}, {"beForms", beForms, fBeForm},
		{"coord", coord, fCoord}, {"titleAbbrev", titleAbbrev, fTitleAbbrev}, {"prepositions", prepositions, fPreposition},
		{"statementNouns", statementNouns, fStatementNoun}, {"placeNouns", placeNouns, fPlaceNoun}, {"accuseWords", accuseWords, fAccuse},
	}
	texts := []string{
		"Activists said the Syrian Observatory for Human Rights reported that at least 20 people were killed, " +
			"according to state media; it is believed that SANA, quoting sources, said he had allegedly fled. " +
			"Residents, witnesses and officials told Reuters on Monday the army's shelling may have killed dozens.",
	}
	texts = append(texts, goldenTexts(t)...)
	tokens := 0
	for _, text := range texts {
		d := nlp.NewDoc(text)
		x := newDoc(lx, d, &report.Report{Text: text})
		for i := 0; i < x.n; i++ {
			tokens++
			for _, l := range lists {
				if x.has(i, l.f) != l.m[x.low[i]] {
					t.Fatalf("token %q: flag %s = %v, list says %v", x.rawAt(i), l.name, x.has(i, l.f), l.m[x.low[i]])
				}
			}
			if x.cue(i) != lx.Cues[x.low[i]] {
				t.Fatalf("token %q: cue %q, Cues says %q", x.rawAt(i), x.cue(i), lx.Cues[x.low[i]])
			}
			for _, s := range []*phraseSet{lx.Hedges, lx.Sources, lx.SourcesFold, lx.Roles} {
				for _, get := range []func(int) string{x.lowAt, x.rawAt} {
					p1, ok1 := x.match(s, i, x.n, get)
					p2, ok2 := s.match(i, x.n, get)
					if ok1 != ok2 || len(p1.toks) != len(p2.toks) || p1.value != p2.value {
						t.Fatalf("token %q: gated match %v %v, ungated %v %v", x.rawAt(i), p1, ok1, p2, ok2)
					}
				}
			}
		}
		x.release()
	}
	if tokens < 100 {
		t.Fatalf("only %d tokens checked", tokens)
	}
}

// goldenTexts are the golden articles' texts.
func goldenTexts(t *testing.T) []string {
	files, _ := filepath.Glob("testdata/golden/*.txt")
	if len(files) == 0 {
		t.Fatal("no golden articles")
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}
