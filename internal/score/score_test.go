package score

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/report"
)

func base() *report.Report {
	text := strings.Repeat("word ", 200)
	return &report.Report{Text: text}
}

func TestAbsentSectionsContributeNothing(t *testing.T) {
	r := base()
	sc := Compute(r, nil, Default)
	if sc.Credibility != 0.5 || sc.Propaganda != 0 || sc.Sourcing != 0 {
		t.Fatalf("no sections: %+v", sc)
	}
	if len(sc.Reasons) != 1 || !strings.Contains(sc.Reasons[0].Text, "no evidence") {
		t.Fatalf("reasons %+v", sc.Reasons)
	}
}

func TestTechniquesLowerCredibility(t *testing.T) {
	clean := base()
	clean.Techniques = []report.Technique{}
	loaded := base()
	for i := 0; i < 8; i++ {
		loaded.Techniques = append(loaded.Techniques, report.Technique{Technique: "Loaded_Language", Start: i * 5, End: i*5 + 4, Text: "word", Score: 0.9})
	}
	a, b := Compute(clean, nil, Default), Compute(loaded, nil, Default)
	if a.Propaganda != 0 || b.Propaganda <= 0.3 {
		t.Fatalf("propaganda clean %.2f loaded %.2f", a.Propaganda, b.Propaganda)
	}
	if !(a.Credibility > 0.5 && b.Credibility < a.Credibility) {
		t.Fatalf("credibility clean %.2f loaded %.2f", a.Credibility, b.Credibility)
	}
	r := b.Reasons[0]
	if r.Score != "propaganda" || len(r.Spans) != 3 || r.Spans[0].Text != "word" {
		t.Fatalf("reason %+v does not point at spans", r)
	}
}

func TestSourcingAndCorpusEvidence(t *testing.T) {
	sourced := base()
	sourced.Claims = []report.Claim{{Support: "attributed"}, {Support: "attributed"}, {Support: "hedged"}}
	bare := base()
	bare.Claims = []report.Claim{{Start: 0, End: 4, Text: "word", Support: "unsupported"}, {Support: "unsupported"}}
	a, b := Compute(sourced, nil, Default), Compute(bare, nil, Default)
	if !(a.Sourcing > 0.7 && b.Sourcing == 0 && a.Credibility > b.Credibility) {
		t.Fatalf("sourced %+v bare %+v", a, b)
	}
	if len(b.Reasons[0].Spans) == 0 {
		t.Fatalf("unsupported claims not pointed at")
	}
	good, bad := 0.95, 0.2
	conf := Compute(base(), &Evidence{Outlet: "x.com", Quality: &bad, Story: "s1", Outlets: 3, Agree: 0, Conflict: 4}, Default)
	corr := Compute(base(), &Evidence{Outlet: "y.com", Quality: &good, Story: "s1", Outlets: 3, Agree: 4, Conflict: 0}, Default)
	if !(conf.Credibility < 0.5 && corr.Credibility > 0.5) {
		t.Fatalf("conflicting %.2f corroborated %.2f", conf.Credibility, corr.Credibility)
	}
	var story, outlet bool
	for _, r := range conf.Reasons {
		story = story || r.Story == "s1"
		outlet = outlet || r.Outlet == "x.com"
	}
	if !story || !outlet {
		t.Fatalf("reasons do not point at story and outlet: %+v", conf.Reasons)
	}
}

func TestFitRecoversSigns(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var xs [][NumFeatures]float64
	var ys []bool
	for i := 0; i < 600; i++ {
		var x [NumFeatures]float64
		x[FQuality] = rng.Float64() - 0.5
		x[FPropaganda] = rng.Float64() - 0.5
		z := 4*x[FQuality] - 3*x[FPropaganda] + rng.NormFloat64()*0.3
		xs = append(xs, x)
		ys = append(ys, z > 0)
	}
	m := Fit(xs, ys, 0.001)
	if m.Weights[FQuality] <= 1 || m.Weights[FPropaganda] >= -1 {
		t.Fatalf("fitted %+v", m)
	}
	right := 0
	for i, x := range xs {
		if (m.Credibility(x) >= 0.5) == ys[i] {
			right++
		}
	}
	if right < 500 {
		t.Fatalf("training accuracy %d/600", right)
	}
}

func TestMeasureAndFolds(t *testing.T) {
	gold := []bool{true, true, true, false, false, false}
	pred := []bool{true, true, false, false, false, true}
	m := Measure(pred, gold)
	if m.Accuracy != 4.0/6 {
		t.Fatalf("accuracy %v", m.Accuracy)
	}
	// F1 credible = 2*2/(4+1+1) = 2/3; F1 fake = 2/3.
	if d := m.MacroF1 - 2.0/3; d > 1e-9 || d < -1e-9 {
		t.Fatalf("macro-F1 %v", m.MacroF1)
	}
	f := Folds(gold, 3, 1)
	for k := 0; k < 3; k++ {
		pos, neg := 0, 0
		for i := range f {
			if f[i] == k && gold[i] {
				pos++
			} else if f[i] == k {
				neg++
			}
		}
		if pos != 1 || neg != 1 {
			t.Fatalf("fold %d not stratified: %v", k, f)
		}
	}
}
