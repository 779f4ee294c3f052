package analyze

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sift-project/sift/internal/goldenfile"
	"github.com/sift-project/sift/internal/pipeline"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

// golden is what a golden file pins for one item: the cleaning stage's
// output (metadata, removed boilerplate, text) or the item's error.
type golden struct {
	Record    *int             `json:"record,omitempty"`
	Error     string           `json:"error,omitempty"`
	Title     string           `json:"title,omitempty"`
	Byline    []string         `json:"byline,omitempty"`
	Outlet    string           `json:"outlet,omitempty"`
	Domain    string           `json:"domain,omitempty"`
	URL       string           `json:"url,omitempty"`
	ID        string           `json:"id,omitempty"`
	Published string           `json:"published,omitempty"`
	Removed   []report.Removed `json:"removed,omitempty"`
	Text      string           `json:"text,omitempty"`
	// Sentences is the number of sentences found.
	Sentences int `json:"sentences,omitempty"`
}

// TestGoldenClean runs read → clean → tokenize on every article in
// testdata/golden and compares with the .golden.json beside it.
func TestGoldenClean(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*")
	if err != nil {
		t.Fatal(err)
	}
	a := &Analyzer{Pipeline: mustPipeline(t)}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			var got []golden
			read.File(f, read.Options{}, func(it read.Item) bool {
				g := golden{Record: it.Source.Record}
				r, err := a.Item(it)
				if err != nil {
					g.Error = err.Error()
				} else {
					g.Title, g.Byline, g.Published, g.Removed, g.Text = r.Title, r.Byline, r.Published, r.Removed, r.Text
					g.Outlet, g.Domain, g.URL, g.ID = r.Source.Outlet, r.Source.Domain, r.Source.URL, r.Source.ID
					g.Sentences = len(r.Sentences)
					checkSpans(t, r)
				}
				got = append(got, g)
				return true
			})
			path := f + ".golden.json"
			if goldenfile.Updating() {
				b, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("no golden file (run with -update and check it): %v", err)
			}
			var want []golden
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("%s differs from its golden file (-want +got):\n%s", f, d)
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d golden articles; want at least 10", n)
	}
}

func mustPipeline(t testing.TB) *pipeline.Pipeline {
	p, err := NewPipeline(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkSpans verifies the report contract for sentences: code-point
// offsets whose slice of the text is the span's text.
func checkSpans(t *testing.T, r *report.Report) {
	t.Helper()
	runes := []rune(r.Text)
	for _, s := range r.Sentences {
		if s.Start < 0 || s.End > len(runes) || s.Start >= s.End || string(runes[s.Start:s.End]) != s.Text {
			t.Fatalf("sentence span %+v does not match the text", s)
		}
	}
	if r.ID != report.HashText(r.Text) {
		t.Fatalf("id is not the sha256 of the text")
	}
}
