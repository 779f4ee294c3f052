package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/techniques"
)

func init() { register(newLabelCommand) }

func newLabelCommand() *cobra.Command {
	var spansFile string
	cmd := &cobra.Command{
		Use:   "label --spans FILE DIR",
		Short: "Name the propaganda technique of given spans (SemEval-2020 TC setting)",
		Long: `Name the propaganda technique of given spans: the technique-classification
setting of SemEval-2020 Task 11.

FILE holds lines <articleID>\t<anything>\t<start>\t<end> (code-point offsets
into DIR/article<articleID>.txt, end exclusive). Each line is printed back
with the predicted technique in column 2, in the input order. A span given
k times gets its k most likely techniques.

` + exitCodesHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLabel(spansFile, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&spansFile, "spans", "", "file of spans to label (required)")
	return cmd
}

func runLabel(spansFile, dir string, stdout, stderr io.Writer) error {
	if spansFile == "" {
		return usageError{fmt.Errorf("--spans is required")}
	}
	f, err := os.Open(spansFile)
	if err != nil {
		return fmt.Errorf("read spans: %w", err)
	}
	defer f.Close()
	spans, err := ptc.ReadLabels(f, spansFile)
	if err != nil {
		return usageError{err}
	}
	m, err := techniques.Default()
	if err != nil {
		return err
	}
	// Label article by article, keeping the input order.
	byArticle := map[string][]int{}
	var order []string
	for i, s := range spans {
		if _, ok := byArticle[s.Article]; !ok {
			order = append(order, s.Article)
		}
		byArticle[s.Article] = append(byArticle[s.Article], i)
	}
	labels := make([]string, len(spans))
	failed := 0
	for _, id := range order {
		path := filepath.Join(dir, "article"+id+".txt")
		data, err := os.ReadFile(path)
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "sift: %s: %v\n", spansFile, err)
			continue
		}
		d := nlp.NewDoc(strings.ToValidUTF8(string(data), "\uFFFD"))
		idx := byArticle[id]
		given := make([][2]int, len(idx))
		n := d.Index.Len()
		bad := false
		for k, i := range idx {
			s := spans[i]
			if s.End > n {
				fmt.Fprintf(stderr, "sift: %s: span %s [%d, %d) beyond article %s (%d code points)\n", spansFile, s.Article, s.Start, s.End, path, n)
				bad = true
			}
			given[k] = [2]int{min(s.Start, n), min(s.End, n)}
		}
		if bad {
			failed++
		}
		for k, l := range m.LabelSpans(d, given) {
			labels[idx[k]] = l
		}
	}
	w := bufio.NewWriter(stdout)
	for i, s := range spans {
		if labels[i] == "" {
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", s.Article, labels[i], strconv.Itoa(s.Start), strconv.Itoa(s.End))
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d of %d articles", errSomeFailed, failed, len(order))
	}
	return nil
}
