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
func scanMatch(d *nlp.Doc, g *gazetteer, c *typeCache, parts []part, p int) *alias {
	try := func(key string) *alias { return firstMatch(d, c, g.byFirst[key], parts, p) }
	key := c.tp(d, parts[p]).key
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
	c := newTypeCache(g)
	found := 0
	for _, text := range indexTexts(t) {
		d := nlp.NewDoc(text)
		c.fill(d)
		for _, s := range d.Sentences {
			if s.First == s.Last {
				continue
			}
			parts := window(d, c, s, s.First, len(d.Tokens)+1, nil) // all the sentence's parts
			for p := range parts {
				if c.tp(d, parts[p]).key == "" {
					continue
				}
				got, want := g.match(d, c, parts, p), scanMatch(d, g, c, parts, p)
				if got != want {
					t.Fatalf("%q at part %d (%q): indexed match %v, scan %v", d.Text[s.Start:s.End], p, c.tp(d, parts[p]).raw, got, want)
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

// TestStartsNumber checks the quantity pre-check: startsNumber is true
// exactly when ParseNumber reads a number from the words quantities would
// give it.
func TestStartsNumber(t *testing.T) {
	g, err := loadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	var vocab []string
	for k := range smallNumbers {
		vocab = append(vocab, k, strings.ToUpper(k), k+"-five", "twenty-"+k, k+" hundred", k+" dozen", k+" people")
	}
	for k := range VagueNumbers {
		vocab = append(vocab, k, strings.ToUpper(k[:1])+k[1:])
	}
	for k := range multipliers {
		vocab = append(vocab, k, "a "+k, "An "+k, "a "+k+"s")
	}
	vocab = append(vocab, "and", "at", "least", "1,000", "2.5", "0914", "2017-04-16", "K\u212aelvin", "\u017feven", "\u0130ki", "a", "an", "a.", "a dozen")
	c := newTypeCache(g)
	accepted, rejected := 0, 0
	for _, text := range append(indexTexts(t), strings.Join(vocab, " , ")) {
		d := nlp.NewDoc(text)
		c.fill(d)
		covered := make([]bool, len(d.Tokens))
		for _, s := range d.Sentences {
			for i := s.First; i < s.Last; i++ {
				if k := d.Tokens[i].Kind; k != nlp.Word && k != nlp.Number {
					continue
				}
				var words []string
				for k := i; k < s.Last && k < i+6; k++ {
					if d.Tokens[k].Kind != nlp.Word && d.Tokens[k].Kind != nlp.Number {
						break
					}
					words = append(words, d.TokenText(k))
				}
				_, used, _ := ParseNumber(words)
				if got := startsNumber(c.w.tok, i, s, covered); got != (used != 0) {
					t.Errorf("startsNumber(%q) = %v, but ParseNumber(%q) uses %d words", d.TokenText(i), got, words, used)
				}
				if used != 0 {
					accepted++
				} else {
					rejected++
				}
				if used != 0 && !c.w.tok[i].has(tQuantStart) {
					t.Errorf("%q starts a number but is no quantity start", d.TokenText(i))
				}
			}
		}
	}
	if accepted < 100 || rejected < 100 {
		t.Errorf("only %d numbers read and %d words rejected: the texts do not exercise the pre-check", accepted, rejected)
	}
}
