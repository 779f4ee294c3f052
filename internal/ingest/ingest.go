// Package ingest analyses a stream of raw items and stores the reports in
// batches. It is resumable: an item whose report is already stored is
// skipped before analysis, each batch commits atomically, and a crash
// loses at most the batch in flight, which the next run redoes.
package ingest

import (
	"context"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"runtime"
	"sync"

	"github.com/sift-project/sift/internal/analyze"
	"github.com/sift-project/sift/internal/clean"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/store"
)

// Options tune a run.
type Options struct {
	// Workers analyse in parallel (default: the number of CPUs).
	Workers int
	// BatchSize is the number of reports committed per transaction
	// (default 64).
	BatchSize int
	// Progress, when set, receives progress (see Progress); nil is quiet.
	Progress Progress
	// Errors receives one line per failed item, naming it (nil: discard).
	Errors io.Writer
	// NoCluster skips reclustering stories after the run.
	NoCluster bool
	// Log receives debug messages (nil: none).
	Log *slog.Logger
}

// Progress is told about each item as it is done.
type Progress interface {
	// Add is called once per item seen.
	Add(n int)
}

// Stats count a run's items.
type Stats struct {
	// Seen items read; Added reports stored; Skipped items already stored
	// (or repeated within the run); Failed items that could not be read or
	// analysed.
	Seen, Added, Skipped, Failed int
	// Stories is the number of stories after clustering (-1 when skipped).
	Stories int
}

type result struct {
	name string
	rep  *report.Report
	err  error
	// cancelled: the run was cancelled before this item was decided; it is
	// not counted and the next run takes it.
	cancelled bool
}

// Run reads items, cleans each, skips those already stored, analyses the
// rest with a on opts.Workers goroutines and stores them in batches. On
// cancellation it commits what is analysed and returns ctx's error. A
// failed item is counted and named on opts.Errors; only store errors stop
// the run.
func Run(ctx context.Context, st *store.Store, a *analyze.Analyzer, items iter.Seq[read.Item], opts Options) (Stats, error) {
	stats := Stats{Stories: -1}
	outer := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = 64
	}
	errOut := opts.Errors
	if errOut == nil {
		errOut = io.Discard
	}
	progress := func(n int) {
		if opts.Progress != nil {
			opts.Progress.Add(n)
		}
	}
	jobs := make(chan read.Item, workers*2)
	results := make(chan result, workers*2)
	var readErr error
	var errOnce sync.Once
	// Reader: only reads; cleaning (the costly part for HTML), hashing and
	// skipping stored reports happen in the workers, so they use every core.
	go func() {
		defer close(jobs)
		for it := range items {
			select {
			case jobs <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	var seenMu sync.Mutex
	seen := map[string]bool{}
	// firstSight reports whether id is new within this run.
	firstSight := func(id string) bool {
		seenMu.Lock()
		defer seenMu.Unlock()
		if seen[id] {
			return false
		}
		seen[id] = true
		return true
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				if ctx.Err() != nil {
					continue // drain: the reader stops at cancellation
				}
				results <- work(ctx, st, a, it, firstSight, func(err error) {
					errOnce.Do(func() { readErr = err; cancel() })
				})
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var batch []*report.Report
	var storeErr error
	flush := func() {
		if len(batch) == 0 || storeErr != nil {
			return
		}
		// Commit even when ctx is cancelled: what is analysed is kept.
		n, err := st.Put(context.WithoutCancel(ctx), batch)
		if err != nil {
			storeErr = err
			cancel()
			return
		}
		stats.Added += n
		stats.Skipped += len(batch) - n
		progress(len(batch))
		batch = batch[:0]
	}
	for res := range results {
		if res.cancelled {
			continue
		}
		stats.Seen++
		switch {
		case res.err != nil:
			stats.Failed++
			fmt.Fprintf(errOut, "sift: %s: %v\n", res.name, res.err)
			progress(1)
		case res.rep == nil:
			stats.Skipped++
			progress(1)
		default:
			batch = append(batch, res.rep)
			if len(batch) >= batchSize {
				flush()
			}
		}
	}
	flush()
	if storeErr != nil {
		return stats, fmt.Errorf("store: %w", storeErr)
	}
	if readErr != nil {
		return stats, fmt.Errorf("store: %w", readErr)
	}
	if err := outer.Err(); err != nil {
		return stats, err
	}
	if !opts.NoCluster && stats.Added > 0 {
		n, err := st.Cluster(ctx, store.ClusterOptions{})
		if err != nil {
			return stats, err
		}
		stats.Stories = n
	}
	return stats, nil
}

// work cleans one item, skips it when its report is stored already or was
// seen earlier in the run (a result with no report and no error), and
// analyses it otherwise. A store error is handed to fail and the item is
// left for the next run.
func work(ctx context.Context, st *store.Store, a *analyze.Analyzer, it read.Item, firstSight func(string) bool, fail func(error)) result {
	name := it.Name()
	if it.Err != nil {
		return result{name: name, err: it.Err}
	}
	r, err := clean.Article(it)
	if err != nil {
		return result{name: name, err: fmt.Errorf("clean: %w", err)}
	}
	id := report.HashText(r.Text)
	if !firstSight(id) {
		return result{name: name}
	}
	has, err := st.Has(ctx, id)
	if err != nil && ctx.Err() != nil {
		return result{name: name, cancelled: true}
	}
	if err != nil {
		fail(err)
		return result{name: name, err: fmt.Errorf("store: %w", err)}
	}
	if has {
		return result{name: name}
	}
	if err := a.Annotate(r); err != nil {
		return result{name: name, err: err}
	}
	return result{name: name, rep: r}
}
