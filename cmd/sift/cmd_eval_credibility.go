package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/analyze"
	"github.com/sift-project/sift/internal/clean"
	"github.com/sift-project/sift/internal/ingest"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/score"
	"github.com/sift-project/sift/internal/store"
)

func init() { registerEval(newEvalCredibilityCommand) }

type evalCredOptions struct {
	folds   int
	seeds   int
	l2      float64
	workers int
	db      string
	format  string
}

func newEvalCredibilityCommand() *cobra.Command {
	var opts evalCredOptions
	cmd := &cobra.Command{
		Use:   "credibility [flags] FILE.csv",
		Short: "Accuracy and macro-F1 of credibility on FA-KES-style labelled rows",
		Long: `Measure credibility on labelled rows (a CSV with a text column and a label
column: 1/credible/true = credible, 0/fake/false = fake), FA-KES style.

All rows are analysed and ingested as one corpus (a temporary store unless
--db is given) so that stories and corroboration across outlets can work.
Reported: the shipped model as is (no fitting), and the same features with
weights fitted on the training folds of a stratified k-fold split (mean over
--seeds shuffles), each with the article's own signals only and with corpus
evidence (outlet ratings, corroboration).

` + exitCodesHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalCredibility(cmd.Context(), opts, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.IntVarP(&opts.folds, "folds", "k", 10, "cross-validation folds")
	f.IntVar(&opts.seeds, "seeds", 5, "shuffles averaged")
	f.Float64Var(&opts.l2, "l2", 0.01, "L2 penalty of the fitted weights")
	f.IntVarP(&opts.workers, "workers", "j", 0, "articles analysed in parallel (default: number of CPUs)")
	f.StringVar(&opts.db, "db", "", "keep the evaluation corpus in this database (default: a temporary one)")
	f.StringVarP(&opts.format, "format", "f", "text", "output format: text or json")
	return cmd
}

// crowdRow holds FA-KES's crowd-extracted event fields of one row.
type crowdRow map[string]string

// readLabels returns the label of each data row of a CSV by row index, and
// the FA-KES crowd event fields when the file has them.
func readLabels(path string) (map[int]bool, map[int]crowdRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: header: %w", path, err)
	}
	col := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), "label") {
			col = i
		}
	}
	if col < 0 {
		return nil, nil, fmt.Errorf("%s: no label column", path)
	}
	crowdCols := map[string]int{}
	for i, h := range header {
		switch h = strings.ToLower(strings.TrimSpace(h)); h {
		case "date", "location", "actor", "cause_of_death", "nb_children", "nb_civilians", "nb_noncivilians", "nb_women":
			crowdCols[h] = i
		}
	}
	var crowd map[int]crowdRow
	if len(crowdCols) == 8 {
		crowd = map[int]crowdRow{}
	}
	labels := map[int]bool{}
	for row := 0; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return labels, crowd, nil
		}
		if err != nil || col >= len(rec) {
			continue
		}
		if crowd != nil {
			c := crowdRow{}
			for name, i := range crowdCols {
				if i < len(rec) {
					c[name] = strings.TrimSpace(rec[i])
				}
			}
			crowd[row] = c
		}
		switch strings.ToLower(strings.TrimSpace(rec[col])) {
		case "1", "credible", "true", "real":
			labels[row] = true
		case "0", "fake", "false":
			labels[row] = false
		}
	}
}

// credResult is one line of the evaluation.
type credResult struct {
	Name    string `json:"name"`
	Fitted  bool   `json:"fitted"`
	Corpus  bool   `json:"corpus"`
	Metrics score.Metrics
	Weights *score.Model `json:"weights,omitempty"`
}

func runEvalCredibility(ctx context.Context, opts evalCredOptions, path string, stdout, stderr io.Writer) error {
	if opts.folds < 2 {
		return usageError{errors.New("--folds must be at least 2")}
	}
	labels, crowd, err := readLabels(path)
	if err != nil {
		return err
	}
	db := opts.db
	if db == "" {
		dir, err := os.MkdirTemp("", "sift-eval-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		db = filepath.Join(dir, "eval.db")
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := analyze.New(analyze.Options{})
	if err != nil {
		return fmt.Errorf("load pipeline: %w", err)
	}
	// Row → report ID, by cleaning as ingest does.
	ids := map[int]string{}
	for it := range read.Items([]string{path}, read.Options{}) {
		if it.Err != nil || it.Source.Record == nil {
			continue
		}
		if r, err := clean.Article(it); err == nil {
			ids[*it.Source.Record] = report.HashText(r.Text)
		}
	}
	stats, err := ingest.Run(ctx, st, a, read.Items([]string{path}, read.Options{}), ingest.Options{Workers: opts.workers, Errors: stderr})
	if err != nil {
		return err
	}
	if stats.Stories < 0 { // nothing added: the corpus was there already
		if _, err := st.Cluster(ctx, store.ClusterOptions{}); err != nil {
			return err
		}
	}
	var own, corpus [][score.NumFeatures]float64
	var gold []bool
	var rowsUsed []int
	for row := 0; row < len(ids)+len(labels); row++ {
		label, ok := labels[row]
		id, ok2 := ids[row]
		if !ok || !ok2 {
			continue
		}
		r, err := st.Get(ctx, id)
		if err != nil {
			continue
		}
		ev, err := st.Evidence(ctx, r)
		if err != nil {
			return err
		}
		x0, _ := score.Features(r, nil)
		x1, _ := score.Features(r, ev)
		rowsUsed = append(rowsUsed, row)
		own = append(own, x0)
		corpus = append(corpus, x1)
		gold = append(gold, label)
	}
	if len(gold) < opts.folds {
		return fmt.Errorf("%s: only %d labelled rows analysed", path, len(gold))
	}
	sets := []struct {
		name   string
		corpus bool
		x      [][score.NumFeatures]float64
	}{{"article only", false, own}, {"with corpus", true, corpus}}
	if crowd != nil {
		xc, err := crowdFeatures(ctx, st, ids, rowsUsed, crowd)
		if err != nil {
			return err
		}
		sets = append(sets, struct {
			name   string
			corpus bool
			x      [][score.NumFeatures]float64
		}{"crowd facts", true, xc})
	}
	var results []credResult
	for _, set := range sets {
		pred := make([]bool, len(gold))
		for i, x := range set.x {
			pred[i] = score.Default.Credibility(x) >= 0.5
		}
		results = append(results, credResult{Name: set.name, Corpus: set.corpus, Metrics: score.Measure(pred, gold)})
		var acc, f1 float64
		for s := 0; s < opts.seeds; s++ {
			m := score.Measure(score.CrossValidate(set.x, gold, opts.folds, uint64(s+1), opts.l2), gold)
			acc += m.Accuracy
			f1 += m.MacroF1
		}
		full := score.Fit(set.x, gold, opts.l2)
		results = append(results, credResult{Name: set.name, Fitted: true, Corpus: set.corpus,
			Metrics: score.Metrics{N: len(gold), Accuracy: acc / float64(opts.seeds), MacroF1: f1 / float64(opts.seeds)}, Weights: &full})
	}
	pos := 0
	for _, g := range gold {
		if g {
			pos++
		}
	}
	majority := max(pos, len(gold)-pos)
	if opts.format == "json" {
		return json.NewEncoder(stdout).Encode(map[string]any{"file": path, "rows": len(gold), "credible": pos,
			"majority_accuracy": float64(majority) / float64(len(gold)), "folds": opts.folds, "seeds": opts.seeds, "results": results})
	}
	fmt.Fprintf(stdout, "%s: %d labelled rows (%d credible, %d fake); majority-class accuracy %.3f\n",
		path, len(gold), pos, len(gold)-pos, float64(majority)/float64(len(gold)))
	fmt.Fprintf(stdout, "corpus: %d stories\n", storiesCount(ctx, st))
	fmt.Fprintf(stdout, "%-14s %-34s %8s %8s\n", "features", "weights", "accuracy", "macro-F1")
	for _, r := range results {
		w := "shipped (no fitting)"
		if r.Fitted {
			w = fmt.Sprintf("fitted, %d-fold CV × %d seeds", opts.folds, opts.seeds)
		}
		fmt.Fprintf(stdout, "%-14s %-34s %8.3f %8.3f\n", r.Name, w, r.Metrics.Accuracy, r.Metrics.MacroF1)
	}
	for _, r := range results {
		if r.Fitted && r.Corpus {
			fmt.Fprintf(stdout, "%s, weights fitted on all rows (for reading only): bias %.2f", r.Name, r.Weights.Bias)
			for i, v := range r.Weights.Weights {
				fmt.Fprintf(stdout, ", %s %.2f", score.FeatureNames[i], v)
			}
			fmt.Fprintln(stdout)
		}
	}
	return nil
}

// crowdFeatures recomputes the corpus features with the crowd-extracted
// FA-KES event fields in place of sift's own events: the same stories,
// corroboration and model, fed the facts the published systems used.
func crowdFeatures(ctx context.Context, st *store.Store, ids map[int]string, rows []int, crowd map[int]crowdRow) ([][score.NumFeatures]float64, error) {
	dir, err := os.MkdirTemp("", "sift-eval-crowd-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	st2, err := store.Open(ctx, filepath.Join(dir, "crowd.db"))
	if err != nil {
		return nil, err
	}
	defer st2.Close()
	var batch []*report.Report
	for _, row := range rows {
		r, err := st.Get(ctx, ids[row])
		if err != nil {
			return nil, err
		}
		r.Events = []report.Event{crowdEvent(crowd[row])}
		zero := 0
		r.MainEvent = &zero
		if r.Events[0].Date != "" {
			r.Published = r.Events[0].Date
		}
		batch = append(batch, r)
	}
	if _, err := st2.Put(ctx, batch); err != nil {
		return nil, err
	}
	if _, err := st2.Cluster(ctx, store.ClusterOptions{}); err != nil {
		return nil, err
	}
	var xs [][score.NumFeatures]float64
	for _, row := range rows {
		r, err := st2.Get(ctx, ids[row])
		if err != nil {
			return nil, err
		}
		ev, err := st2.Evidence(ctx, r)
		if err != nil {
			return nil, err
		}
		x, _ := score.Features(r, ev)
		xs = append(xs, x)
	}
	return xs, nil
}

// crowdEvent turns FA-KES crowd fields into an event.
func crowdEvent(c crowdRow) report.Event {
	num := func(k string) int {
		n, _ := strconv.Atoi(c[k])
		return n
	}
	civ, non, kids := num("nb_civilians"), num("nb_noncivilians"), num("nb_children")
	killed := civ + non
	e := report.Event{
		Type:       map[string]string{"shelling": "shelling", "explosion": "explosion", "chemical and toxic gases": "chemical_attack", "shooting": "shooting", "execution": "execution"}[c["cause_of_death"]],
		Cause:      c["cause_of_death"],
		Location:   &report.Location{Governorate: c["location"]},
		Actor:      &report.Party{Category: c["actor"]},
		Casualties: &report.Casualties{Killed: &killed, Civilians: &civ, Children: &kids},
	}
	if p := strings.Split(c["date"], "/"); len(p) == 3 {
		m, _ := strconv.Atoi(p[0])
		d, _ := strconv.Atoi(p[1])
		y, _ := strconv.Atoi(p[2])
		if y < 100 {
			y += 2000
		}
		e.Date = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	}
	return e
}

func storiesCount(ctx context.Context, st *store.Store) int {
	var n int
	st.DB().QueryRowContext(ctx, `SELECT count(*) FROM stories`).Scan(&n)
	return n
}
