package entities

import (
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in    string
		n     int
		used  int
		vague bool
	}{
		{"70 people", 70, 1, false},
		{"1,000 bombs", 1000, 1, false},
		{"2.5 million refugees", 2500000, 2, false},
		{"two pilots", 2, 1, false},
		{"seventy", 70, 1, false},
		{"twenty-five civilians", 25, 1, false},
		{"twenty five civilians", 25, 2, false},
		{"three hundred and twelve", 312, 4, false},
		{"a hundred people", 100, 2, false},
		{"a dozen soldiers", 12, 2, false},
		{"two dozen soldiers", 24, 2, false},
		{"two thousand five hundred", 2500, 4, false},
		{"dozens of people", 24, 1, true},
		{"hundreds", 200, 1, true},
		{"scores of civilians", 40, 1, true},
		{"Thousands fled", 2000, 1, true},
		{"eleven and six", 11, 1, false},
		{"people were killed", 0, 0, false},
		{"a child", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, c := range cases {
		n, used, vague := ParseNumber(strings.Fields(c.in))
		if n != c.n || used != c.used || vague != c.vague {
			t.Errorf("ParseNumber(%q) = %d, %d, %v; want %d, %d, %v", c.in, n, used, vague, c.n, c.used, c.vague)
		}
	}
}

func TestQuantities(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text := "At least 70 people and two pilots died in 2017 while dozens were hurt at 0914 and more than 1,200 fled."
	want := map[string]string{"At least 70": "70", "two": "2", "dozens": "24", "more than 1,200": "1200"}
	got := map[string]string{}
	for _, e := range s.Find(parseDoc(text), "") {
		if e.Type == "quantity" {
			got[e.Text] = e.Name
		}
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("quantity %q = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("quantities %v, want %v (2017 is a year, 0914 a time)", got, want)
	}
}
