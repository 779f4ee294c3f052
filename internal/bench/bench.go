// Package bench measures sift's end-to-end throughput on a corpus next to
// the limit measured in the same run: reading the same bytes and
// tokenizing them (read.Items + nlp.NewDoc) and nothing else. The ratio of
// the two says how far analysis is from what the machine can do with the
// input at all.
package bench

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"golang.org/x/sys/unix"

	"github.com/sift-project/sift/internal/analyze"
	"github.com/sift-project/sift/internal/clean"
	"github.com/sift-project/sift/internal/cputime"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/pipeline"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

// Options say what to measure.
type Options struct {
	// Paths are the corpus: files or directories, read as `sift analyze`
	// reads them.
	Paths []string
	// Rounds is how many times each measurement is repeated; the fastest
	// round counts (default 3).
	Rounds int
	// Workers, when above 1, adds a parallel analysis run with that many
	// goroutines.
	Workers int
	// Analyzer is the analyzer measured (default: analyze.New).
	Analyzer *analyze.Analyzer
	// ReadOptions are passed to the readers.
	ReadOptions read.Options
}

// Run is one timed pass over the corpus.
type Run struct {
	Name     string
	Articles int
	Bytes    int64
	// Wall and CPU (the process's user + system time, garbage collection
	// on other threads included) of the round with the least CPU time.
	Wall, CPU time.Duration
	// Thread is the CPU time of the measuring goroutine's own thread.
	Thread time.Duration
}

// ArticlesPerSec is articles per second of CPU time: the throughput of
// one core, robust to other processes competing for the machine.
func (r Run) ArticlesPerSec() float64 { return float64(r.Articles) / r.CPU.Seconds() }

// MBPerSec is megabytes (10^6 bytes) of input per second of CPU time.
func (r Run) MBPerSec() float64 { return float64(r.Bytes) / 1e6 / r.CPU.Seconds() }

// WallArticlesPerSec is articles per second of wall time (for parallel
// runs: the throughput of all workers together).
func (r Run) WallArticlesPerSec() float64 { return float64(r.Articles) / r.Wall.Seconds() }

// Stage is the time spent in one stage over a sequential analysis round.
type Stage struct {
	Name string
	Time time.Duration
}

// Result is a benchmark's outcome.
type Result struct {
	Articles, Failed int
	Bytes            int64
	// Read is reading alone; Limit is reading and tokenizing; Analysis is
	// reading, cleaning and the whole pipeline; all on one goroutine.
	Read, Limit, Analysis Run
	// Parallel is analysis with Workers goroutines (zero when not run).
	Parallel Run
	Workers  int
	// Stages split the fastest analysis round: read, clean, tokenize, then
	// each pipeline stage.
	Stages []Stage
	// PeakRSS is the process's peak resident set size in bytes.
	PeakRSS int64
}

// Ratio is the analysis CPU time over the limit's (how many times slower
// than reading and tokenizing analysis is).
func (r Result) Ratio() float64 { return r.Analysis.CPU.Seconds() / r.Limit.CPU.Seconds() }

// timedStage wraps a pipeline stage and adds up the time it takes.
type timedStage struct {
	pipeline.Stage
	d *time.Duration
}

func (t timedStage) Annotate(r *report.Report, d *nlp.Doc) error {
	start := threadCPU()
	err := t.Stage.Annotate(r, d)
	*t.d += threadCPU() - start
	return err
}

// Measure runs the benchmark.
func Measure(opts Options) (Result, error) {
	if len(opts.Paths) == 0 {
		return Result{}, errors.New("no corpus given")
	}
	rounds := max(opts.Rounds, 1)
	if opts.Rounds == 0 {
		rounds = 3
	}
	a := opts.Analyzer
	if a == nil {
		var err error
		if a, err = analyze.New(analyze.Options{}); err != nil {
			return Result{}, fmt.Errorf("load pipeline: %w", err)
		}
	}
	// Sequential runs stay on one thread, whose CPU clock times stages.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var res Result
	items := func() func(func(read.Item) bool) { return read.Items(opts.Paths, opts.ReadOptions) }

	// Count the corpus (and warm the page cache).
	for it := range items() {
		if it.Err != nil {
			continue
		}
		res.Articles++
		res.Bytes += int64(len(it.Body))
	}
	if res.Articles == 0 {
		return res, errors.New("the corpus holds no readable article")
	}

	// The analysis pipeline with each stage timed.
	stageTimes := make([]time.Duration, len(a.Pipeline.Stages))
	timed := make([]pipeline.Stage, len(a.Pipeline.Stages))
	for i, s := range a.Pipeline.Stages {
		timed[i] = timedStage{Stage: s, d: &stageTimes[i]}
	}
	tp := pipeline.New(timed...)
	// cleanT and runT add up the clean and pipeline times of a round.
	var cleanT, runT time.Duration

	readOnly := func() int {
		n := 0
		for it := range items() {
			if it.Err == nil {
				n++
			}
		}
		return n
	}
	limit := func() int {
		n := 0
		for it := range items() {
			if it.Err != nil {
				continue
			}
			nlp.NewDoc(it.Body)
			n++
		}
		return n
	}
	analysis := func() int {
		n := 0
		res.Failed = 0
		for it := range items() {
			if it.Err != nil {
				continue
			}
			n++
			t0 := threadCPU()
			r, err := clean.Article(it)
			t1 := threadCPU()
			cleanT += t1 - t0
			if err != nil {
				res.Failed++
				continue
			}
			if _, err := tp.Run(r); err != nil {
				res.Failed++
			}
			runT += threadCPU() - t1
		}
		return n
	}
	// time runs body once and keeps it in *run when it is the fastest so
	// far; it reports whether it was.
	time1 := func(run *Run, name string, body func() int) bool {
		runtime.GC()
		c0, t0, w0 := cputime.Process(), threadCPU(), time.Now()
		n := body()
		wall, cpu, thread := time.Since(w0), cputime.Process()-c0, threadCPU()-t0
		if run.CPU != 0 && cpu >= run.CPU {
			return false
		}
		*run = Run{Name: name, Articles: n, Bytes: res.Bytes, Wall: wall, CPU: cpu, Thread: thread}
		return true
	}
	// Rounds interleave the runs, so that a busy spell on a shared machine
	// does not favour one of them.
	var stages []time.Duration
	var cleanBest, runBest time.Duration
	for range rounds {
		time1(&res.Read, "read", readOnly)
		time1(&res.Limit, "read + tokenize", limit)
		clear(stageTimes)
		cleanT, runT = 0, 0
		if time1(&res.Analysis, "analysis", analysis) {
			stages = slices.Clone(stageTimes)
			cleanBest, runBest = cleanT, runT
		}
		if opts.Workers > 1 {
			res.Workers = opts.Workers
			time1(&res.Parallel, fmt.Sprintf("analysis, %d workers", opts.Workers), func() int {
				return parallel(items(), a, opts.Workers)
			})
		}
	}
	var inStages time.Duration
	for _, d := range stages {
		inStages += d
	}
	res.Stages = append(res.Stages,
		Stage{"read", max(res.Analysis.Thread-cleanBest-runBest, 0)},
		Stage{"clean", cleanBest},
		Stage{"tokenize", max(runBest-inStages, 0)})
	for i, s := range a.Pipeline.Stages {
		res.Stages = append(res.Stages, Stage{s.Name(), stages[i]})
	}
	res.Stages = append(res.Stages, Stage{"GC and runtime on other threads", max(res.Analysis.CPU-res.Analysis.Thread, 0)})
	res.PeakRSS = PeakRSS()
	return res, nil
}

func parallel(items func(func(read.Item) bool), a *analyze.Analyzer, workers int) int {
	ch := make(chan read.Item, workers*4)
	var wg sync.WaitGroup
	var mu sync.Mutex
	n := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := 0
			for it := range ch {
				a.Item(it)
				k++
			}
			mu.Lock()
			n += k
			mu.Unlock()
		}()
	}
	for it := range items {
		if it.Err == nil {
			ch <- it
		}
	}
	close(ch)
	wg.Wait()
	return n
}

// threadCPU is the CPU time of the calling thread (Measure locks its
// goroutine to one), falling back to the process's.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return cputime.Process()
	}
	return time.Duration(ts.Nano())
}

// PeakRSS returns the process's peak resident set size in bytes: VmHWM
// from /proc/self/status, else getrusage's maxrss.
func PeakRSS() int64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				f := strings.Fields(v)
				if len(f) >= 1 {
					if kb, err := strconv.ParseInt(f[0], 10, 64); err == nil {
						return kb << 10
					}
				}
			}
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		return ru.Maxrss << 10 // kilobytes on Linux
	}
	return 0
}

// Print writes the result for people.
func (r Result) Print(w io.Writer, corpus string) error {
	fmt.Fprintf(w, "corpus: %s (%d articles, %.1f MB)\n", corpus, r.Articles, float64(r.Bytes)/1e6)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "run\tarticles/s per core\tMB/s per core\tCPU ms/article\twall s\t\n")
	for _, run := range []Run{r.Read, r.Limit, r.Analysis} {
		fmt.Fprintf(tw, "%s\t%.0f\t%.2f\t%.3f\t%.2f\t\n", run.Name, run.ArticlesPerSec(), run.MBPerSec(),
			run.CPU.Seconds()*1000/float64(max(run.Articles, 1)), run.Wall.Seconds())
	}
	tw.Flush()
	fmt.Fprintf(w, "ratio: analysis takes %.2f× the limit (read + tokenize)\n", r.Ratio())
	if r.Failed > 0 {
		fmt.Fprintf(w, "failed: %d articles could not be analysed\n", r.Failed)
	}
	fmt.Fprintln(w, "where analysis CPU time goes:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range r.Stages {
		fmt.Fprintf(tw, "  %s\t%.3f ms/article\t%.1f%%\t\n", s.Name, s.Time.Seconds()*1000/float64(r.Articles),
			100*s.Time.Seconds()/r.Analysis.CPU.Seconds())
	}
	tw.Flush()
	if r.Workers > 1 {
		fmt.Fprintf(w, "parallel: %d workers, %.0f articles/s wall (%.2f× one core's rate; CPU/wall %.2f)\n", r.Workers,
			r.Parallel.WallArticlesPerSec(), r.Parallel.WallArticlesPerSec()/r.Analysis.ArticlesPerSec(), r.Parallel.CPU.Seconds()/r.Parallel.Wall.Seconds())
	}
	fmt.Fprintf(w, "peak RSS: %.0f MB\n", float64(r.PeakRSS)/(1<<20))
	return nil
}
