package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/render"
	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/score"
	"github.com/sift-project/sift/internal/store"
)

func init() { register(newExportCommand) }

type exportOptions struct {
	db     string
	format string
}

func newExportCommand() *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export [flags]",
		Short: "Write every stored report, with corpus-aware scores",
		Long: `Write every report in the corpus, in insertion order, with scores
recomputed from the corpus (outlet ratings, corroboration by other outlets).

Formats: jsonl (one report per line), csv (one summary row per report:
id, outlet, domain, published, title, scores, counts, story), ptc
(technique spans, <articleID>\t<technique>\t<start>\t<end>).

` + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	addDBFlag(cmd, &opts.db)
	cmd.Flags().StringVarP(&opts.format, "format", "f", "jsonl", "output format: jsonl, csv or ptc")
	return cmd
}

var exportCSVHeader = []string{"id", "source_id", "outlet", "domain", "published", "title", "propaganda", "sourcing", "credibility",
	"techniques", "claims", "events", "story"}

func runExport(ctx context.Context, opts exportOptions, stdout io.Writer) error {
	var w *render.Writer
	var cw *csv.Writer
	switch opts.format {
	case "jsonl", "json", "ptc":
		var err error
		if w, err = render.NewWriter(stdout, opts.format); err != nil {
			return usageError{err}
		}
	case "csv":
		cw = csv.NewWriter(stdout)
		if err := cw.Write(exportCSVHeader); err != nil {
			return err
		}
	default:
		return usageError{fmt.Errorf("unknown format %q (want jsonl, csv or ptc)", opts.format)}
	}
	st, err := store.Open(ctx, opts.db)
	if err != nil {
		return err
	}
	defer st.Close()
	f2 := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	n := func(k int, present bool) string {
		if !present {
			return ""
		}
		return strconv.Itoa(k)
	}
	err = st.Each(ctx, func(r *report.Report) error {
		ev, err := st.Evidence(ctx, r)
		if err != nil {
			return err
		}
		score.Rescore(r, ev, score.Default)
		if w != nil {
			return w.Write(r)
		}
		outlet := r.Source.Outlet
		return cw.Write([]string{r.ID, r.Source.ID, outlet, ev.Outlet, r.Published, strings.ReplaceAll(r.Title, "\n", " "),
			f2(r.Scores.Propaganda), f2(r.Scores.Sourcing), f2(r.Scores.Credibility),
			n(len(r.Techniques), r.Techniques != nil), n(len(r.Claims), r.Claims != nil), n(len(r.Events), r.Events != nil), ev.Story})
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if w != nil {
		return w.Flush()
	}
	cw.Flush()
	return cw.Error()
}
