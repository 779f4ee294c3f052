package ptc

import (
	"math"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestMergeSpans(t *testing.T) {
	got := MergeSpans([]Span{{Article: "a", Start: 5, End: 15}, {Article: "a", Start: 0, End: 10}, {Article: "a", Start: 15, End: 20}, {Article: "a", Start: 30, End: 30}})
	want := []Span{{Article: "a", Start: 0, End: 15}, {Article: "a", Start: 15, End: 20}}
	if len(got) != len(want) {
		t.Fatalf("got %v want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v want %v", got, want)
		}
	}
}

func TestScoreSIByHand(t *testing.T) {
	gold := []Span{
		{Article: "a", Start: 0, End: 10}, {Article: "a", Start: 5, End: 15}, // merged into [0,15)
		{Article: "a", Start: 20, End: 30},
	}
	pred := []Span{
		{Article: "a", Start: 0, End: 5},   // P 5/5, R 5/15
		{Article: "a", Start: 25, End: 35}, // P 5/10, R 5/10
		{Article: "b", Start: 0, End: 4},   // no gold: P 0
	}
	s := ScoreSI(pred, gold)
	if s.Pred != 3 || s.Gold != 2 {
		t.Fatalf("counts %d/%d", s.Pred, s.Gold)
	}
	wantP, wantR := 1.5/3, (1.0/3+0.5)/2
	if !near(s.P, wantP) || !near(s.R, wantR) || !near(s.F1, 5.0/11) {
		t.Fatalf("got P %v R %v F1 %v, want %v %v %v", s.P, s.R, s.F1, wantP, wantR, 5.0/11)
	}
	// A perfect submission scores 1; overlapping submitted spans merge.
	s = ScoreSI([]Span{{Article: "a", Start: 0, End: 15}, {Article: "a", Start: 2, End: 4}, {Article: "a", Start: 20, End: 30}}, gold)
	if !near(s.F1, 1) {
		t.Fatalf("perfect: %+v", s)
	}
	// One submitted span covering both gold spans: P = 25/35, R = 1.
	s = ScoreSI([]Span{{Article: "a", Start: 0, End: 35}}, gold)
	if !near(s.P, 25.0/35) || !near(s.R, 1) {
		t.Fatalf("cover: %+v", s)
	}
	if s := ScoreSI(nil, gold); s.P != 0 || s.R != 0 || s.F1 != 0 {
		t.Fatalf("empty: %+v", s)
	}
}

func TestScoreTCByHand(t *testing.T) {
	gold := []Span{
		{"a", "Doubt", 0, 5}, {"a", "Slogans", 0, 5}, {"a", "Doubt", 6, 9},
	}
	pred := []Span{
		{"a", "Doubt", 0, 5}, {"a", "Doubt", 0, 5}, // second Doubt has no gold left
		{"a", "Slogans", 6, 9},
	}
	s := ScoreTC(pred, gold)
	if s.Micro.Correct != 1 || !near(s.Micro.P, 1.0/3) || !near(s.Micro.R, 1.0/3) || !near(s.Micro.F1, 1.0/3) {
		t.Fatalf("micro %+v", s.Micro)
	}
	d := s.Per["Doubt"]
	if d.Pred != 2 || d.Gold != 2 || d.Correct != 1 || !near(d.F1, 0.5) {
		t.Fatalf("Doubt %+v", d)
	}
	if sl := s.Per["Slogans"]; sl.Correct != 0 || sl.F1 != 0 || sl.Gold != 1 || sl.Pred != 1 {
		t.Fatalf("Slogans %+v", sl)
	}
	var b strings.Builder
	if err := s.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Doubt") || !strings.Contains(b.String(), "micro") {
		t.Fatalf("table:\n%s", b.String())
	}
}
