package sourcing

import "testing"

func loadGoldT(t *testing.T) []GoldArticle {
	t.Helper()
	data := FindDataDir(".")
	if data == "" {
		t.Skip("shared data not available")
	}
	g, err := LoadGold("testdata/gold", data)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGoldLoads(t *testing.T) {
	g := loadGoldT(t)
	if len(g) < 40 {
		t.Fatalf("gold has %d articles, want at least 40", len(g))
	}
	splits := map[string]int{}
	na, nv, nh := 0, 0, 0
	for _, a := range g {
		splits[a.Split]++
		na += len(a.Attributions)
		nv += len(a.VagueSources)
		nh += len(a.Hedges)
		for _, at := range a.Attributions {
			if at.Content.Len() <= 0 || at.Cue.Len() <= 0 {
				t.Errorf("%s:%d: empty content or cue", a.File, a.Line)
			}
		}
	}
	t.Logf("%d articles %v: %d attributions, %d vague, %d hedges", len(g), splits, na, nv, nh)
	if splits["dev"] == 0 || splits["test"] == 0 {
		t.Fatalf("splits %v", splits)
	}
}
