package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/bench"
)

func init() { register(newBenchCommand) }

type benchOptions struct {
	corpus     []string
	cpuprofile string
	rounds     int
	workers    int
}

// defaultCorpora are tried in order when no corpus is given: the PTC
// training articles next to the repository (or next to a worktree).
var defaultCorpora = []string{"../shared/data/ptc/train", "../../shared/data/ptc/train"}

func newBenchCommand() *cobra.Command {
	var opts benchOptions
	cmd := &cobra.Command{
		Use:   "bench [--corpus DIR|FILE]... [--cpuprofile FILE]",
		Short: "Measure analysis throughput against the read + tokenize limit",
		Long: `Measure sift's throughput on a corpus, one core, next to the limit measured
in the same run: reading the same bytes and tokenizing them, nothing else.

It prints articles/s and MB/s per core (from CPU time, so that other
processes on the machine do not skew them) for reading alone, for the limit
(read + tokenize) and for the whole analysis (read, clean, every pipeline
stage), the ratio of analysis time to the limit, where the analysis time
goes stage by stage, and the process's peak resident memory. Each run is
repeated (--rounds) and the round with the least CPU time counts.

The corpus is any input sift analyze reads (directories, .txt, .html,
.csv, .jsonl, .warc, .warc.gz); by default the PTC training articles at
../shared/data/ptc/train. The memory policy is sift analyze's:

` + memoryHelp(analysisMemoryLimit) + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			setMemoryPolicy(analysisMemoryLimit)
			return runBench(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.corpus, "corpus", nil, "corpus file or directory (repeatable; default ../shared/data/ptc/train)")
	f.StringVar(&opts.cpuprofile, "cpuprofile", "", "write a CPU profile of the whole run to `FILE`")
	f.IntVar(&opts.rounds, "rounds", 3, "rounds per measurement; the one with the least CPU time counts")
	f.IntVar(&opts.workers, "workers", 0, "also measure analysis with this many goroutines")
	return cmd
}

func runBench(ctx context.Context, opts benchOptions, stdout io.Writer) error {
	paths := opts.corpus
	if len(paths) == 0 {
		for _, p := range defaultCorpora {
			if _, err := os.Stat(p); err == nil {
				paths = []string{p}
				break
			}
		}
		if len(paths) == 0 {
			return usageError{fmt.Errorf("no corpus: give --corpus (the default %s is absent)", defaultCorpora[0])}
		}
	}
	if opts.rounds < 1 {
		return usageError{fmt.Errorf("--rounds must be at least 1")}
	}
	if opts.cpuprofile != "" {
		f, err := os.Create(opts.cpuprofile)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	res, err := bench.Measure(bench.Options{Paths: paths, Rounds: opts.rounds, Workers: opts.workers})
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return res.Print(stdout, strings.Join(paths, ", "))
}
