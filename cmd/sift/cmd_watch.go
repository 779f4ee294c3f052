package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/analyze"
	"github.com/sift-project/sift/internal/ingest"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/render"
	"github.com/sift-project/sift/internal/store"
	"github.com/sift-project/sift/internal/watch"
)

func init() { register(newWatchCommand) }

type watchOptions struct {
	every   time.Duration
	once    bool
	state   string
	delay   time.Duration
	timeout time.Duration
	format  string
	db      string
	print   bool
}

func newWatchCommand() *cobra.Command {
	var opts watchOptions
	cmd := &cobra.Command{
		Use:   "watch [flags] FEEDS.opml|URLS.txt",
		Short: "Poll news feeds and ingest every new article",
		Long: `Poll RSS, Atom and JSON feeds, fetch the page of every new item, analyse it
and store its report in the corpus (--db), reclustering stories after each
poll that added articles. With --print, reports are printed instead (JSON
Lines by default) and nothing is stored.

The feed list is an OPML file (every outline with an xmlUrl) or a text file
with one feed URL per line (# starts a comment). Feeds are polled every
--every (once with --once) with conditional GET (ETag, Last-Modified), one
request at a time per host and at least --delay between requests to a host.
A feed that times out, fails or returns garbage is reported on stderr and
tried again at the next poll; the others go on. Items already seen (by GUID
and URL) are remembered in the --state file, so a restart does not analyse
them again. Each poll ends with a summary line on stderr.

` + memoryHelp(corpusMemoryLimit) + exitCodesHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			setMemoryPolicy(corpusMemoryLimit)
			return runWatch(ctx, opts, args[0], nil, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.DurationVar(&opts.every, "every", 10*time.Minute, "time between polls")
	f.BoolVar(&opts.once, "once", false, "poll once and exit")
	f.StringVar(&opts.state, "state", "", "file remembering feeds' validators and seen items (default: next to the database, or in the user cache directory with --print)")
	f.DurationVar(&opts.delay, "delay", time.Second, "least time between two requests to one host")
	f.DurationVar(&opts.timeout, "timeout", 20*time.Second, "timeout of each request")
	f.BoolVar(&opts.print, "print", false, "print reports instead of storing them")
	f.StringVarP(&opts.format, "format", "f", "json", "output format with --print: json, text or ptc")
	addDBFlag(cmd, &opts.db)
	return cmd
}

// defaultStatePath is the watch state in the user's cache directory.
func defaultStatePath() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "sift", "watch.json")
}

// reportSink analyses items and writes their reports.
type reportSink struct {
	a      *analyze.Analyzer
	out    *render.Writer
	stderr io.Writer
	failed int
}

func (s *reportSink) failures() int { return s.failed }

// Ingest analyses items and writes their reports.
func (s *reportSink) Ingest(ctx context.Context, items []read.Item) error {
	for _, it := range items {
		r, err := s.a.Item(it)
		if err != nil {
			s.failed++
			fmt.Fprintf(s.stderr, "sift: %s: %v\n", it.Name(), err)
			continue
		}
		if err := s.out.Write(r); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	return s.out.Flush()
}

// storeSink analyses items and stores their reports in batches.
type storeSink struct {
	st     *store.Store
	a      *analyze.Analyzer
	stderr io.Writer
	added  int
	failed int
}

// Ingest analyses items and stores their reports.
func (s *storeSink) Ingest(ctx context.Context, items []read.Item) error {
	stats, err := ingest.Run(ctx, s.st, s.a, func(yield func(read.Item) bool) {
		for _, it := range items {
			if !yield(it) {
				return
			}
		}
	}, ingest.Options{Errors: s.stderr, NoCluster: true})
	s.added += stats.Added
	s.failed += stats.Failed
	return err
}

func (s *storeSink) failures() int { return s.failed }

// endPoll reclusters stories when the poll added articles.
func (s *storeSink) endPoll(ctx context.Context) error {
	if s.added == 0 {
		return nil
	}
	s.added = 0
	_, err := s.st.Cluster(ctx, store.ClusterOptions{})
	return err
}

// runWatch polls the feeds in list; sink, when nil, stores the reports
// in the corpus (or prints them with --print).
func runWatch(ctx context.Context, opts watchOptions, list string, sink watch.Sink, stdout, stderr io.Writer) error {
	if opts.every < time.Second && !opts.once {
		return usageError{fmt.Errorf("--every must be at least 1s")}
	}
	feeds, err := watch.LoadFeeds(list)
	if err != nil {
		return usageError{fmt.Errorf("feed list: %w", err)}
	}
	statePath := opts.state
	if statePath == "" {
		statePath = defaultStatePath()
		if !opts.print {
			// The memory of seen items belongs with the store they went to.
			db := opts.db
			if db == "" {
				db = store.DefaultPath()
			}
			statePath = db + ".watch.json"
		}
	}
	state, err := watch.LoadState(statePath)
	if err != nil {
		return fmt.Errorf("watch state: %w", err)
	}
	if sink == nil && !opts.print {
		st, err := store.Open(ctx, opts.db)
		if err != nil {
			return err
		}
		defer st.Close()
		a, err := analyze.New(analyze.Options{})
		if err != nil {
			return fmt.Errorf("load pipeline: %w", err)
		}
		sink = &storeSink{st: st, a: a, stderr: stderr}
	}
	if sink == nil {
		out, err := render.NewWriter(stdout, opts.format)
		if err != nil {
			return usageError{err}
		}
		a, err := analyze.New(analyze.Options{})
		if err != nil {
			return fmt.Errorf("load pipeline: %w", err)
		}
		sink = &reportSink{a: a, out: out, stderr: stderr}
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	w := watch.New(feeds, sink, state, watch.Options{HostDelay: opts.delay, Timeout: opts.timeout, Log: log})
	var saveErr error
	after := func(st watch.Stats) {
		if err := state.Save(statePath); err != nil && saveErr == nil {
			saveErr = err
			log.Error("cannot save watch state", "path", statePath, "err", err)
		}
		if ss, ok := sink.(*storeSink); ok && ctx.Err() == nil {
			if err := ss.endPoll(ctx); err != nil {
				log.Error("cannot cluster stories", "err", err)
			}
		}
		b, _ := json.Marshal(st)
		log.Info("poll done", "stats", string(b))
	}
	if opts.once {
		st, err := w.Poll(ctx)
		after(st)
		if err != nil {
			return err
		}
		if saveErr != nil {
			return fmt.Errorf("watch state: %w", saveErr)
		}
		failed := 0
		if fc, ok := sink.(interface{ failures() int }); ok {
			failed = fc.failures()
		}
		if st.FeedErrors > 0 || st.PageErrors > 0 || failed > 0 {
			return fmt.Errorf("%w: %d feeds and %d pages failed, %d articles could not be analysed", errSomeFailed, st.FeedErrors, st.PageErrors, failed)
		}
		return nil
	}
	return w.Run(ctx, opts.every, after)
}
