package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/analyze"
	"github.com/sift-project/sift/internal/events"
	"github.com/sift-project/sift/internal/report"
)

func init() { registerEval(newEvalEventsCommand) }

type evalEventsOptions struct {
	errors int
	field  string
}

func newEvalEventsCommand() *cobra.Command {
	var opts evalEventsOptions
	cmd := &cobra.Command{
		Use:   "events [flags] FILE.csv",
		Short: "Score the main event of FA-KES articles against their crowd annotations",
		Long: `Score sift's main event against FA-KES-style rows: a CSV with article_title,
article_content, date (M/D/YY), location, actor, cause_of_death, nb_children,
nb_civilians, nb_noncivilians and nb_women columns.

Prints the accuracy of the governorate, the actor category and the cause of
death, and for each casualty count the exact-match rate and the mean absolute
error. The events stage is rules only (nothing is trained on the file), so
there is nothing to cross-validate; the table shows the figures on all rows,
on the development rows (row number mod 5 != 4, the only rows the rules were
looked at against) and on the held-out rows (row mod 5 == 4), next to the
majority-class baseline.

--errors N lists the first N development rows where a field disagrees.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalEvents(opts, args[0], cmd.OutOrStdout())
		},
	}
	cmd.Flags().IntVar(&opts.errors, "errors", 0, "list the first N disagreeing development rows")
	cmd.Flags().StringVar(&opts.field, "field", "", "with --errors: only rows where this field disagrees (governorate, actor, cause, civilians, children, noncivilians, women)")
	return cmd
}

func runEvalEvents(opts evalEventsOptions, path string, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := events.ReadFakes(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return fmt.Errorf("%s: no rows", path)
	}
	p, err := analyze.NewPipeline(analyze.Options{})
	if err != nil {
		return fmt.Errorf("load pipeline: %w", err)
	}
	var all, dev, held events.Score
	shown := 0
	start := time.Now()
	for i, row := range rows {
		r := &report.Report{Title: row.Title, Published: row.Published, Text: row.Title + "\n\n" + row.Text}
		if _, err := p.Run(r); err != nil {
			return fmt.Errorf("%s:%d: %w", path, row.Line, err)
		}
		pred := events.Predict(r)
		all.Add(pred, row)
		if i%5 == 4 {
			held.Add(pred, row)
			continue
		}
		dev.Add(pred, row)
		if shown < opts.errors {
			if diff := describeDiff(pred, row, opts.field); diff != "" {
				shown++
				fmt.Fprintf(w, "row %d (line %d) %s\n  %s\n  %.300s\n", i, row.Line, diff, mainEvidence(r), row.Text)
			}
		}
	}
	elapsed := time.Since(start)
	base := majority(rows)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "metric\tall\tdev\theld-out\tbaseline\t\n")
	fmt.Fprintf(tw, "rows\t%d\t%d\t%d\t%d\t\n", all.N, dev.N, held.N, base.N)
	line := func(name string, get func(s *events.Score) float64) {
		fmt.Fprintf(tw, "%s\t", name)
		for _, s := range []*events.Score{&all, &dev, &held, &base} {
			if s.N == 0 {
				fmt.Fprintf(tw, "-\t")
				continue
			}
			fmt.Fprintf(tw, "%.3f\t", get(s))
		}
		fmt.Fprintln(tw)
	}
	line("governorate accuracy", func(s *events.Score) float64 { return s.Rate(s.Governorate) })
	line("actor category accuracy", func(s *events.Score) float64 { return s.Rate(s.Actor) })
	line("cause accuracy", func(s *events.Score) float64 { return s.Rate(s.Cause) })
	for i, n := range events.CountNames {
		k := i
		line(n+" exact", func(s *events.Score) float64 { return s.Rate(s.Exact[k]) })
		line(n+" MAE", func(s *events.Score) float64 { return s.MAE(k) })
	}
	tw.Flush()
	fmt.Fprintf(w, "baseline: the most frequent governorate, actor and cause of the file, and 0 for every count.\n")
	fmt.Fprintf(w, "%d articles in %v (%.0f articles/s through the whole analysis pipeline, one goroutine)\n", len(rows), elapsed.Round(time.Millisecond), float64(len(rows))/elapsed.Seconds())
	return nil
}

func mainEvidence(r *report.Report) string {
	if r.MainEvent == nil {
		return "(no main event)"
	}
	ev := r.Events[*r.MainEvent]
	return fmt.Sprintf("[%s] %.200s", ev.Type, ev.Evidence.Text)
}

func describeDiff(p events.Prediction, row events.FakesRow, field string) string {
	var b strings.Builder
	add := func(name string, got, want any) {
		if fmt.Sprint(got) != fmt.Sprint(want) && (field == "" || field == name) {
			fmt.Fprintf(&b, "%s: got %v want %v; ", name, got, want)
		}
	}
	add("governorate", p.Governorate, row.Governorate)
	add("actor", p.Actor, row.Actor)
	add("cause", p.Cause, row.Cause)
	add("civilians", p.Civilians, row.Civilians)
	add("children", p.Children, row.Children)
	add("noncivilians", p.NonCivilians, row.NonCivilians)
	add("women", p.Women, row.Women)
	return b.String()
}

// majority scores the majority-class prediction on every row.
func majority(rows []events.FakesRow) events.Score {
	top := func(get func(events.FakesRow) string) string {
		c := map[string]int{}
		best := ""
		for _, r := range rows {
			v := get(r)
			c[v]++
			if c[v] > c[best] || c[v] == c[best] && v < best {
				best = v
			}
		}
		return best
	}
	p := events.Prediction{
		Governorate: top(func(r events.FakesRow) string { return r.Governorate }),
		Actor:       top(func(r events.FakesRow) string { return r.Actor }),
		Cause:       top(func(r events.FakesRow) string { return r.Cause }),
	}
	var s events.Score
	for _, r := range rows {
		s.Add(p, r)
	}
	return s
}
