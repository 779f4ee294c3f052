package sourcing

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/goldenfile"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/offsets"
	"github.com/sift-project/sift/internal/report"
)

func newStage(t testing.TB) *Stage {
	t.Helper()
	st, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func annotate(t testing.TB, st *Stage, text string) *report.Report {
	t.Helper()
	r := &report.Report{Text: text}
	if err := st.Annotate(r, nlp.NewDoc(text)); err != nil {
		t.Fatal(err)
	}
	checkSpans(t, r)
	return r
}

// checkSpans verifies every span is the code-point slice it claims.
func checkSpans(t testing.TB, r *report.Report) {
	t.Helper()
	ix := offsets.New(r.Text)
	ok := func(what string, s, e int, text string) {
		if s < 0 || e < s || e > ix.Len() || ix.Slice(s, e) != text {
			t.Errorf("%s span [%d,%d) %q does not match the text", what, s, e, text)
		}
	}
	for _, a := range r.Attributions {
		if a.Source != nil {
			ok("source", a.Source.Start, a.Source.End, a.Source.Text)
		}
		ok("cue", a.Cue.Start, a.Cue.End, a.Cue.Text)
		ok("content", a.Content.Start, a.Content.End, a.Content.Text)
		if !sourceTypes[a.SourceType] {
			t.Errorf("bad source type %q", a.SourceType)
		}
	}
	for _, v := range r.VagueSources {
		ok("vague", v.Start, v.End, v.Text)
	}
	for _, h := range r.Hedges {
		ok("hedge", h.Start, h.End, h.Text)
	}
	for _, c := range r.Claims {
		ok("claim", c.Start, c.End, c.Text)
		if c.Attribution != nil && (*c.Attribution < 0 || *c.Attribution >= len(r.Attributions)) {
			t.Errorf("claim points at attribution %d of %d", *c.Attribution, len(r.Attributions))
		}
	}
}

// render writes a report's sourcing sections in a form easy to check by eye.
func render(r *report.Report) string {
	var b strings.Builder
	for _, a := range r.Attributions {
		src := "-"
		if a.Source != nil {
			src = fmt.Sprintf("%q@%d", a.Source.Text, a.Source.Start)
		}
		fmt.Fprintf(&b, "attribution source=%s name=%q type=%s cue=%q@%d direct=%v\n  content=%q@%d\n",
			src, a.SourceName, a.SourceType, a.Cue.Text, a.Cue.Start, a.Direct, a.Content.Text, a.Content.Start)
	}
	for _, v := range r.VagueSources {
		fmt.Fprintf(&b, "vague %q@%d\n", v.Text, v.Start)
	}
	for _, h := range r.Hedges {
		fmt.Fprintf(&b, "hedge %q@%d\n", h.Text, h.Start)
	}
	for _, c := range r.Claims {
		at := ""
		if c.Attribution != nil {
			at = fmt.Sprintf(" attribution=%d", *c.Attribution)
		}
		fmt.Fprintf(&b, "claim %s%s %q\n", c.Support, at, c.Text)
	}
	s := r.Sourcing
	fmt.Fprintf(&b, "summary claims=%d unsupported=%.2f by_type=%v top=%v\n", s.Claims, s.Unsupported, s.ByType, s.TopSources)
	return b.String()
}

// TestGolden runs the stage on the hand-written articles of testdata/golden,
// one per pattern, and compares with the expected annotations beside them.
func TestGolden(t *testing.T) {
	st := newStage(t)
	files, _ := filepath.Glob("testdata/golden/*.txt")
	if len(files) == 0 {
		t.Fatal("no golden articles")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := render(annotate(t, st, string(b)))
			goldenfile.Check(t, strings.TrimSuffix(f, ".txt")+".golden", []byte(got))
		})
	}
}
