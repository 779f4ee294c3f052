package sourcing

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/cputime"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/report"
)

// ptcTexts returns the PTC training articles, or skips.
func ptcTexts(tb testing.TB) []string {
	tb.Helper()
	texts, err := ptc.TrainTexts(0)
	if err != nil {
		tb.Fatal(err)
	}
	if len(texts) == 0 {
		tb.Skip("PTC data not available")
	}
	for i, s := range texts {
		texts[i] = strings.ToValidUTF8(s, "\uFFFD")
	}
	return texts
}

// BenchmarkStage measures the sourcing stage alone (tokenizing excluded)
// over the PTC training articles; run with -cpu 1 for one core.
func BenchmarkStage(b *testing.B) {
	texts := ptcTexts(b)
	st := newStage(b)
	docs := make([]*nlp.Doc, len(texts))
	for i, t := range texts {
		docs[i] = nlp.NewDoc(t)
	}
	b.ResetTimer()
	cpu0 := cputime.Process()
	n := 0
	for i := 0; i < b.N; i++ {
		for k, d := range docs {
			r := &report.Report{Text: texts[k]}
			if err := st.Annotate(r, d); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		// wall-clock articles/s drops when other jobs share the cores;
		// articles per CPU second does not
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	}
}

// TestAllPTCArticles runs the stage over every PTC training article and
// checks that every span is consistent with the text.
func TestAllPTCArticles(t *testing.T) {
	texts := ptcTexts(t)
	st := newStage(t)
	attrs := 0
	for _, text := range texts {
		r := annotate(t, st, text)
		attrs += len(r.Attributions)
		if r.Sourcing == nil || r.Claims == nil || r.Hedges == nil || r.VagueSources == nil {
			t.Fatal("a section was left nil")
		}
	}
	t.Logf("%d articles, %d attributions", len(texts), attrs)
	if attrs < len(texts) {
		t.Errorf("only %d attributions in %d news articles", attrs, len(texts))
	}
}

func FuzzAnnotate(f *testing.F) {
	f.Add("T\n\n“Yes,” he said. \"No\" Shehabi wrote that it was. According to")
	f.Add("x\n\nIt was reported that , citing a source, said: “a\n\n“b” she added")
	f.Add("\u201d\u201c said said according to to citing")
	st := newStage(f)
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		annotate(t, st, s)
	})
}

func FuzzParseAnn(f *testing.F) {
	f.Add("@ ptc 1 dev\nA he | said | x ... y | per | -\nV sources\nH may\n")
	f.Add("@ fakes 2 test\nA - | > said | #2 the | vag | -\n")
	f.Fuzz(func(t *testing.T, ann string) {
		p := filepath.Join(t.TempDir(), "f.ann")
		if err := os.WriteFile(p, []byte(ann), 0o644); err != nil {
			t.Fatal(err)
		}
		text := "He said the toll may rise, sources said x and y. He said it again."
		arts, err := parseAnn(p, func(string, string) (string, error) { return text, nil })
		if err != nil {
			if !strings.Contains(err.Error(), p) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, a := range arts {
			for _, at := range a.Attributions {
				if at.Content.Text != text[at.Content.Start:at.Content.End] {
					t.Fatalf("bad span %+v", at.Content)
				}
			}
		}
	})
}
