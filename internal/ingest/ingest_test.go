package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/analyze"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/store"
)

func items(n int, bad ...int) iter.Seq[read.Item] {
	isBad := map[int]bool{}
	for _, b := range bad {
		isBad[b] = true
	}
	return func(yield func(read.Item) bool) {
		for i := 0; i < n; i++ {
			it := read.Item{Source: report.Source{Path: fmt.Sprintf("a%d.txt", i)}, Kind: read.Text,
				Body: fmt.Sprintf("Headline %d\n\nThe body of article %d says shelling hit town %d.", i%40, i%40, i%40)}
			if isBad[i] {
				it = read.Item{Source: it.Source, Err: errors.New("broken row")}
			}
			if !yield(it) {
				return
			}
		}
	}
}

func setup(t *testing.T) (*store.Store, *analyze.Analyzer) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st, a
}

type counter struct{ n int }

func (c *counter) Add(n int) { c.n += n }

func TestRunIdempotentAndCounts(t *testing.T) {
	ctx := context.Background()
	st, a := setup(t)
	var errs bytes.Buffer
	prog := &counter{}
	// 60 items: 40 distinct texts, 20 repeats, one broken.
	stats, err := Run(ctx, st, a, items(60, 45), Options{Workers: 3, BatchSize: 7, Errors: &errs, Progress: prog})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Seen != 60 || stats.Added != 40 || stats.Failed != 1 || stats.Skipped != 19 {
		t.Fatalf("stats %+v", stats)
	}
	if prog.n != 60 {
		t.Errorf("progress counted %d, want 60", prog.n)
	}
	if !strings.Contains(errs.String(), "a45.txt: broken row") {
		t.Errorf("error output %q does not name the item", errs.String())
	}
	// Stored reports carry the scores stage's output.
	hits, _ := st.Search(ctx, store.Query{Text: "headline 7"})
	if len(hits) != 1 {
		t.Fatalf("hits %+v", hits)
	}
	r, _ := st.Get(ctx, hits[0].ID)
	if r.Scores == nil {
		t.Errorf("stored report has no scores")
	}
	stats, err = Run(ctx, st, a, items(60), Options{Workers: 2})
	if err != nil || stats.Added != 0 || stats.Skipped != 60 {
		t.Fatalf("re-run stats %+v err %v", stats, err)
	}
}

func TestRunCancelledCommitsWhatIsDone(t *testing.T) {
	st, a := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	seq := func(yield func(read.Item) bool) {
		for it := range items(40) {
			if it.Source.Path == "a20.txt" {
				cancel()
			}
			if !yield(it) {
				return
			}
		}
	}
	stats, err := Run(ctx, st, a, seq, Options{Workers: 1, BatchSize: 1000})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	n, _ := st.Count(context.Background())
	if n != stats.Added || n == 0 || n > 21 {
		t.Fatalf("stored %d, stats %+v", n, stats)
	}
	// Resuming finishes the job without duplicates.
	stats, err = Run(context.Background(), st, a, items(40), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n2, _ := st.Count(context.Background()); n2 != 40 || stats.Added != 40-n {
		t.Fatalf("after resume %d stored, stats %+v", n2, stats)
	}
}

// An article over analyze.MaxTextBytes is an item error, as in analyze;
// the other items are stored.
func TestRunRefusesTooLongArticle(t *testing.T) {
	ctx := context.Background()
	st, a := setup(t)
	long := "Big\n\n" + strings.Repeat("word ", analyze.MaxTextBytes/5+10)
	its := func(yield func(read.Item) bool) {
		if !yield(read.Item{Source: report.Source{Path: "big.txt"}, Kind: read.Text, Body: long}) {
			return
		}
		yield(read.Item{Source: report.Source{Path: "small.txt"}, Kind: read.Text, Body: "Small\n\nShelling hit the town."})
	}
	var errs bytes.Buffer
	stats, err := Run(ctx, st, a, its, Options{Workers: 2, Errors: &errs})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Added != 1 || stats.Failed != 1 {
		t.Fatalf("stats %+v, want 1 added and 1 failed", stats)
	}
	if !strings.Contains(errs.String(), "big.txt") || !strings.Contains(errs.String(), analyze.ErrTooLong.Error()) {
		t.Errorf("error output %q does not name the long item and the limit", errs.String())
	}
}
