package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/entities"
	"github.com/sift-project/sift/internal/pipeline"
	"github.com/sift-project/sift/internal/sourcing"
)

func init() { registerEval(newEvalSourcingCommand) }

type evalSourcingOptions struct {
	gold     string
	data     string
	split    string
	errors   string
	entities bool
}

func newEvalSourcingCommand() *cobra.Command {
	var opts evalSourcingOptions
	cmd := &cobra.Command{
		Use:   "sourcing [flags]",
		Short: "Score attributions, vague sources and hedges against the hand-annotated gold set",
		Long: `Score the sourcing stage against the hand-annotated gold set.

For each field (source, cue, content, vague, hedge) it prints precision,
recall and F1 with exact span matching and with overlap matching (~), for
the dev half, the test half and all articles. The gold format is described
in docs/sourcing-annotation.md. PTC articles are read from --data.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalSourcing(opts, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.gold, "gold", "internal/sourcing/testdata/gold", "gold set directory (*.ann files)")
	f.StringVar(&opts.data, "data", "", "shared data directory holding ptc/train (default: the nearest shared/data above the working directory)")
	f.StringVar(&opts.split, "split", "", "print only this split: dev, test, holdout or all")
	f.BoolVar(&opts.entities, "entities", false, "run the entities stage first, as the full pipeline does")
	f.StringVar(&opts.errors, "errors", "", "also list the mismatches of this split (use dev: the test half is only scored)")
	return cmd
}

func runEvalSourcing(opts evalSourcingOptions, out io.Writer) error {
	data := opts.data
	if data == "" {
		wd, _ := os.Getwd()
		data = sourcing.FindDataDir(wd)
	}
	gold, err := sourcing.LoadGold(opts.gold, data)
	if err != nil {
		return fmt.Errorf("gold: %w", err)
	}
	st, err := sourcing.New()
	if err != nil {
		return fmt.Errorf("sourcing: %w", err)
	}
	var before []pipeline.Stage
	if opts.entities {
		ents, err := entities.New()
		if err != nil {
			return fmt.Errorf("entities: %w", err)
		}
		before = append(before, ents)
	}
	scores, err := sourcing.Evaluate(st, gold, before...)
	if err != nil {
		return err
	}
	if opts.errors != "" {
		if err := sourcing.WriteErrors(out, st, gold, opts.errors); err != nil {
			return err
		}
	}
	for _, split := range []string{"dev", "test", "holdout", "all"} {
		if opts.split != "" && opts.split != split {
			continue
		}
		sourcing.WriteTable(out, split, scores[split])
		fmt.Fprintln(out)
	}
	return nil
}
