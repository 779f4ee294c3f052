package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/sift-project/sift/internal/analyze"
	"github.com/sift-project/sift/internal/ingest"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/store"
)

func init() { register(newIngestCommand) }

type ingestOptions struct {
	db        string
	workers   int
	batch     int
	maxBytes  int64
	noCluster bool
}

func addDBFlag(cmd *cobra.Command, db *string) {
	cmd.Flags().StringVar(db, "db", "", "corpus database (default "+store.DefaultPath()+")")
}

func newIngestCommand() *cobra.Command {
	var opts ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH...",
		Short: "Analyse articles and store them in the corpus",
		Long: `Analyse articles and store their reports in the corpus database, then
cluster the corpus into stories across outlets.

PATH is read as by 'sift analyze' (files, directories, CSV/JSONL dumps, PTC
articles, - for stdin). Reports are keyed by the SHA-256 of their cleaned
text: an article already stored is skipped before analysis, so ingesting
again adds nothing and an interrupted run (Ctrl-C, a crash) resumes where
it stopped. Reports are committed in batches, each all or nothing.

A progress bar is drawn on stderr when it is a terminal.

` + memoryHelp(corpusMemoryLimit) + exitCodesHelp,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			setMemoryPolicy(corpusMemoryLimit)
			return runIngest(ctx, opts, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addDBFlag(cmd, &opts.db)
	f := cmd.Flags()
	f.IntVarP(&opts.workers, "workers", "j", 0, "articles analysed in parallel (default: number of CPUs)")
	f.IntVar(&opts.batch, "batch", 64, "reports committed per transaction")
	f.Int64Var(&opts.maxBytes, "max-bytes", 64<<20, "largest single input file to read, in bytes")
	f.BoolVar(&opts.noCluster, "no-stories", false, "do not recluster stories after ingesting")
	return cmd
}

type barProgress struct{ bar *progressbar.ProgressBar }

func (b barProgress) Add(n int) { b.bar.Add(n) }

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func runIngest(ctx context.Context, opts ingestOptions, paths []string, stdin io.Reader, stdout, stderr io.Writer) error {
	st, err := store.Open(ctx, opts.db)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := analyze.New(analyze.Options{})
	if err != nil {
		return fmt.Errorf("load pipeline: %w", err)
	}
	iopts := ingest.Options{Workers: opts.workers, BatchSize: opts.batch, Errors: stderr, NoCluster: opts.noCluster}
	var bar *progressbar.ProgressBar
	if isTerminal(stderr) {
		bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(),
			progressbar.OptionThrottle(100_000_000), progressbar.OptionClearOnFinish())
		iopts.Progress = barProgress{bar}
	}
	stats, err := ingest.Run(ctx, st, a, read.Items(paths, read.Options{MaxBytes: opts.maxBytes, Stdin: stdin}), iopts)
	if bar != nil {
		bar.Finish()
	}
	fmt.Fprintf(stdout, "seen %d, added %d, skipped %d (already stored), failed %d", stats.Seen, stats.Added, stats.Skipped, stats.Failed)
	if stats.Stories >= 0 {
		fmt.Fprintf(stdout, "; %d stories", stats.Stories)
	}
	fmt.Fprintf(stdout, "; store %s\n", st.Path())
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %d reports committed; run again to resume", stats.Added)
		}
		return err
	}
	if stats.Failed > 0 {
		return fmt.Errorf("%w: %d of %d", errSomeFailed, stats.Failed, stats.Seen)
	}
	return nil
}
