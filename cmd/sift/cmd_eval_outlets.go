package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/outlets"
	"github.com/sift-project/sift/internal/score"
)

func init() { registerEval(newEvalOutletsCommand) }

func newEvalOutletsCommand() *cobra.Command {
	var threshold float64
	cmd := &cobra.Command{
		Use:   "outlets [flags] CORPUS.tsv",
		Short: "Check the shipped outlet ratings against Baly et al.'s factuality labels",
		Long: `Check the shipped outlet ratings (Lin et al. 2023 quality, OpenSources tags)
against an outlet-factuality list in Baly et al.'s format (TSV with
source_url_normalized and fact = high/mixed/low), which sift does not ship:
coverage, and accuracy and macro-F1 of "high factuality" predicted as
quality >= --threshold.

` + exitCodesHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalOutlets(args[0], threshold, cmd.OutOrStdout())
		},
	}
	cmd.Flags().Float64Var(&threshold, "threshold", 0.5, "quality at or above which an outlet is predicted highly factual")
	return cmd
}

func runEvalOutlets(path string, threshold float64, stdout io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comma = '\t'
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", path, err)
	}
	dcol, fcol := -1, -1
	for i, h := range header {
		switch strings.TrimSpace(h) {
		case "source_url_normalized":
			dcol = i
		case "fact":
			fcol = i
		}
	}
	if dcol < 0 || fcol < 0 {
		return fmt.Errorf("%s: want columns source_url_normalized and fact", path)
	}
	var pred, gold []bool
	total, tagged, taggedLow, taggedBad := 0, 0, 0, 0
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil || len(rec) <= max(dcol, fcol) {
			return fmt.Errorf("%s: line %d: bad row", path, line)
		}
		total++
		fact := strings.TrimSpace(rec[fcol])
		r := outlets.Lookup(rec[dcol])
		if len(r.Tags) > 0 {
			tagged++
			bad := false
			for _, t := range r.Tags {
				switch t {
				case "fake", "conspiracy", "unreliable", "junksci", "hate", "rumor":
					bad = true
				}
			}
			if bad {
				taggedBad++
				if fact != "high" {
					taggedLow++
				}
			}
		}
		if r.Quality == nil {
			continue
		}
		pred = append(pred, *r.Quality >= threshold)
		gold = append(gold, fact == "high")
	}
	m := score.Measure(pred, gold)
	fmt.Fprintf(stdout, "%s: %d outlets; %d rated by Lin et al. 2023 (%.0f%%), %d tagged by OpenSources\n", path, total, len(gold), 100*float64(len(gold))/float64(max(total, 1)), tagged)
	fmt.Fprintf(stdout, "high factuality predicted as quality >= %.2f: accuracy %.3f, macro-F1 %.3f (n=%d)\n", threshold, m.Accuracy, m.MacroF1, m.N)
	if taggedBad > 0 {
		fmt.Fprintf(stdout, "OpenSources fake/conspiracy/unreliable tags: %d outlets, %.0f%% of them mixed or low factuality\n", taggedBad, 100*float64(taggedLow)/float64(taggedBad))
	}
	return nil
}
