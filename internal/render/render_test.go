package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/report"
)

func sample() *report.Report {
	return &report.Report{
		ID: strings.Repeat("ab", 32), Title: "A <b>title</b>", Text: "A <b>title</b>\n\nBody.",
		Source: report.Source{Path: "x/article7.txt", ID: "7", Outlet: "RT", Domain: "rt.com"},
		Byline: []string{}, Removed: []report.Removed{{Text: "Share this:", Reason: "share bar"}},
		Techniques: []report.Technique{{Technique: "Loaded_Language", Start: 2, End: 5, Text: "<b>", Score: 0.9}},
	}
}

func TestPTCLines(t *testing.T) {
	var b bytes.Buffer
	if err := PTC(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if b.String() != "7\tLoaded_Language\t2\t5\n" {
		t.Fatalf("%q", b.String())
	}
}

func TestJSONIsOneLineAndUnescaped(t *testing.T) {
	var b bytes.Buffer
	JSON(&b, sample())
	if strings.Count(b.String(), "\n") != 1 || !strings.Contains(b.String(), `"title":"A <b>title</b>"`) {
		t.Fatalf("%s", b.String())
	}
	var back report.Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Techniques[0].Technique != "Loaded_Language" {
		t.Fatal(err)
	}
	// Sections not computed are absent.
	if strings.Contains(b.String(), "attributions") || strings.Contains(b.String(), "events") {
		t.Fatalf("absent sections printed: %s", b.String())
	}
}

func TestTextSections(t *testing.T) {
	var b bytes.Buffer
	w, _ := NewWriter(&b, "text")
	w.Write(sample())
	w.Write(sample())
	s := b.String()
	for _, want := range []string{"outlet:    RT (rt.com)", "Propaganda techniques (1):", "1 Loaded_Language", "[share bar] \"Share this:\"", strings.Repeat("=", 72)} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
	if _, err := NewWriter(&b, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("one two three four five six seven", 10)
	want := []string{"one two", "three four", "five six", "seven"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("%q", got)
	}
}
