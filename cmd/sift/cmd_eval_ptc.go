package main

import (
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/techniques"
)

func init() { registerEval(newEvalPTCCommand) }

type evalPTCOptions struct {
	folds   int
	seed    uint64
	verbose bool
	train   techniques.TrainOptions
}

func newEvalPTCCommand() *cobra.Command {
	var opts evalPTCOptions
	cmd := &cobra.Command{
		Use:   "ptc [flags] DIR",
		Short: "Cross-validate the technique tagger on a PTC-layout directory",
		Long: `Cross-validate the propaganda-technique tagger on DIR, a directory of PTC
articles (article<ID>.txt) with their .task-si.labels and .task-flc-tc.labels.

The articles are split into --folds folds (a shuffle seeded by --seed); for each
fold a model is trained on the others, exactly as 'sift train techniques' does,
and predicts the held-out fold. Scores follow the SemEval-2020 Task 11 scorers:
SI is the partial-overlap precision/recall/F1 of the spans found, TC the
micro-F1 of the techniques given to the gold spans, with a per-technique table.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalPTC(opts, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.folds, "folds", 5, "number of cross-validation folds")
	f.Uint64Var(&opts.seed, "seed", 1, "seed of the fold split and the trainer")
	f.IntVar(&opts.train.SIEpochs, "si-epochs", 0, "epochs of the span tagger (of the short-span one with --split; 0: the default)")
	f.IntVar(&opts.train.LongEpochs, "long-epochs", 0, "epochs of the tagger of long spans (-1: --si-epochs; 0: the default)")
	f.IntVar(&opts.train.TCEpochs, "tc-epochs", 0, "technique classifier epochs (0: the default)")
	f.Float64Var(&opts.train.TCRate, "tc-rate", 0, "technique classifier learning rate (0: the default)")
	f.UintVar(&opts.train.SIBits, "si-bits", 0, "log2 size of the span tagger's feature table (0: the default)")
	f.UintVar(&opts.train.TCBits, "tc-bits", 0, "log2 size of the classifier's feature table (0: the default)")
	f.IntVar(&opts.train.Split, "split", 0, "train a tagger for spans of at most N tokens and one for longer spans (-1: one tagger; 0: the default)")
	f.Float64Var(&opts.train.Holdout, "holdout", 0, "with --cal-folds -1, the fraction of each training part held out to calibrate the span thresholds (0: the default)")
	f.IntVar(&opts.train.CalFolds, "cal-folds", 0, "calibrate the span thresholds by cross-fitting over N folds of each training part (-1: on the --holdout fraction; 0: the default)")
	f.IntVar(&opts.train.SentEpochs, "sent-epochs", 0, "sentence classifier epochs (-1: no sentence classifier; 0: the default)")
	f.IntVar(&opts.train.Mix, "mix", 0, "average the weights of N span taggers trained over differently shuffled sentences (-1: one; 0: the default)")
	f.BoolVarP(&opts.verbose, "verbose", "v", false, "log training progress on stderr")
	return cmd
}

func runEvalPTC(opts evalPTCOptions, dir string, stdout, stderr io.Writer) error {
	arts, err := ptc.LoadDir(dir)
	if err != nil {
		return fmt.Errorf("load PTC: %w", err)
	}
	if opts.folds < 2 || opts.folds > len(arts) {
		return usageError{fmt.Errorf("--folds must be between 2 and %d", len(arts))}
	}
	to := opts.train
	to.Seed = opts.seed
	if to.Holdout == 0 {
		to.Holdout = techniques.DefaultTrainOptions().Holdout
	}
	level := slog.LevelWarn
	if opts.verbose {
		level = slog.LevelInfo
	}
	to.Log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	start := time.Now()
	res, err := techniques.CrossValidate(arts, opts.folds, to)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "PTC cross-validation: %d articles, %d folds, seed %d (%s)\n", len(arts), opts.folds, opts.seed, time.Since(start).Round(time.Second))
	fmt.Fprintf(stdout, "SI  P %.4f  R %.4f  F1 %.4f  (%d spans found, %d gold)\n", res.SI.P, res.SI.R, res.SI.F1, res.SI.Pred, res.SI.Gold)
	fmt.Fprintf(stdout, "TC  micro-F1 %.4f  (%d of %d spans)\n\n", res.TC.Micro.F1, res.TC.Micro.Correct, res.TC.Micro.Gold)
	return res.TC.WriteTable(stdout)
}
