package analyze

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

// TestConcurrentAnalysisMatchesSequential analyses the same articles from
// several goroutines sharing one Analyzer (the stages reuse pooled
// buffers and share per-document caches) and expects the reports of a
// sequential run. Run with -race to check the sharing.
func TestConcurrentAnalysisMatchesSequential(t *testing.T) {
	var texts []string
	files, _ := filepath.Glob("../entities/testdata/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	more, err := ptc.TrainTexts(24)
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, more...)
	if len(texts) < 5 {
		t.Fatalf("only %d articles", len(texts))
	}
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	run := func(text string) string {
		r, err := a.Item(read.Item{Source: report.Source{ID: "x"}, Kind: read.PTC, Body: text})
		if err != nil {
			t.Error(err)
			return ""
		}
		b, _ := json.Marshal(r)
		return string(b)
	}
	want := make([]string, len(texts))
	for i, text := range texts {
		want[i] = run(text)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range texts {
				i := (k + g*7) % len(texts)
				if got := run(texts[i]); got != want[i] {
					t.Errorf("goroutine %d, article %d: report differs from the sequential run", g, i)
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestItemTooLong(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	sentence := "Shelling killed five civilians in Douma on Monday, rescuers said. "
	long := strings.Repeat(sentence, MaxTextBytes/len(sentence)+1)
	if _, err := a.Text(long, report.Source{Path: "big.txt"}, "Big"); !errors.Is(err, ErrTooLong) {
		t.Fatalf("a %d-byte article: error %v, want ErrTooLong", len(long), err)
	}
}
