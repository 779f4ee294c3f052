package entities

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
)

// scanMatch is gazetteer.match without the index: every alias whose first
// key is the part's (or the part's less a plural "s") is tried in byFirst
// order. The indexed match must agree with it.
func scanMatch(g *gazetteer, parts []part, p int) *alias {
	try := func(key string) *alias { return firstMatch(g.byFirst[key], parts, p) }
	key := parts[p].key
	a := try(key)
	if strings.HasSuffix(key, "s") && len(key) > 3 {
		if b := try(key[:len(key)-1]); b != nil && (a == nil || len(b.keys) > len(a.keys)) {
			a = b
		}
	}
	return a
}

// indexTexts are the golden articles, a few made-up lines that stress
// case, hyphens and plurals, and the PTC training articles when present.
func indexTexts(t *testing.T) []string {
	texts := []string{
		"The U.S.-led coalition, ISIS, Isis and isis fighters; Daesh's and Daeshs. AL QAEDA, al-Qaeda and Al Qaeda.",
		"Aleppos and Idlebs; Deir ez-Zor, Deir Ez Zor, Deir\u2010ez\u2010Zor; Kafr Nabl's market. Akçakale and AKÇAKALE.",
		"Russian-backed Syrian Arab Army; Syrian Observatory for Human Rights; the Observatory. Hezbollah, hezbollah.",
	}
	files, _ := filepath.Glob("testdata/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	more, err := ptc.TrainTexts(60)
	if err != nil {
		t.Fatal(err)
	}
	return append(texts, more...)
}

func TestIndexedMatchAgreesWithScan(t *testing.T) {
	g, err := loadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	w := new(words)
	found := 0
	for _, text := range indexTexts(t) {
		d := nlp.NewDoc(text)
		w.fill(d, g)
		for _, s := range d.Sentences {
			parts := buildParts(d, w, s, nil)
			for p := range parts {
				if parts[p].key == "" {
					continue
				}
				got, want := g.match(parts, p), scanMatch(g, parts, p)
				if got != want {
					t.Fatalf("%q at part %d (%q): indexed match %v, scan %v", d.Text[s.Start:s.End], p, parts[p].raw, got, want)
				}
				if got != nil {
					found++
				}
			}
		}
	}
	if found < 20 {
		t.Errorf("only %d gazetteer matches: the texts do not exercise the index", found)
	}
}

// TestMayStartNumber checks the quantity prefilter: a word it rejects is
// one ParseNumber reads no number from.
func TestMayStartNumber(t *testing.T) {
	g, err := loadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	var vocab []string
	for k := range smallNumbers {
		vocab = append(vocab, k, strings.ToUpper(k), k+"-five", "twenty-"+k)
	}
	for k := range VagueNumbers {
		vocab = append(vocab, k, strings.ToUpper(k[:1])+k[1:])
	}
	for k := range multipliers {
		vocab = append(vocab, k)
	}
	vocab = append(vocab, "and", "at", "least", "1,000", "2.5", "0914", "2017-04-16", "K\u212aelvin", "ſeven", "İki")
	w := new(words)
	accepted := 0
	for _, text := range append(indexTexts(t), strings.Join(vocab, " ")) {
		d := nlp.NewDoc(text)
		w.fill(d, g)
		for i, tk := range d.Tokens {
			if tk.Kind != nlp.Word && tk.Kind != nlp.Number {
				continue
			}
			_, used, _ := ParseNumber([]string{d.TokenText(i), "hundred", "people"})
			if !w.mayStartNumber(i) && used != 0 {
				t.Errorf("mayStartNumber(%q) false, but ParseNumber uses %d words", d.TokenText(i), used)
			}
			if used != 0 {
				accepted++
			}
		}
	}
	if accepted < 30 {
		t.Errorf("only %d numbers read: the texts do not exercise the prefilter", accepted)
	}
}
