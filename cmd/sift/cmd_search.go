package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/store"
)

func init() { register(newSearchCommand) }

type searchOptions struct {
	db     string
	q      store.Query
	format string
}

func newSearchCommand() *cobra.Command {
	var opts searchOptions
	cmd := &cobra.Command{
		Use:   "search [flags] [QUERY]",
		Short: "Full-text search of the corpus, with filters on the annotations",
		Long: `Search the corpus: words must all match (bm25 ranking, title weighted),
"quoted phrases" match as phrases, word* matches a prefix, OR between terms
matches either. Without QUERY, list the filtered articles, newest first.

` + exitCodesHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.q.Text = args[0]
			}
			return runSearch(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	addDBFlag(cmd, &opts.db)
	f := cmd.Flags()
	f.StringVar(&opts.q.Outlet, "outlet", "", "only this outlet (domain or name)")
	f.StringVar(&opts.q.Technique, "technique", "", "only articles with this propaganda technique (e.g. Loaded_Language)")
	f.StringVar(&opts.q.From, "from", "", "only articles published on or after this date (YYYY-MM-DD)")
	f.StringVar(&opts.q.To, "to", "", "only articles published on or before this date (YYYY-MM-DD)")
	f.IntVarP(&opts.q.Limit, "limit", "n", 20, "number of hits")
	f.IntVar(&opts.q.Offset, "offset", 0, "hits to skip")
	f.StringVarP(&opts.format, "format", "f", "text", "output format: text or json (JSON Lines)")
	return cmd
}

func runSearch(ctx context.Context, opts searchOptions, stdout io.Writer) error {
	if opts.format != "text" && opts.format != "json" {
		return usageError{fmt.Errorf("unknown format %q (want text or json)", opts.format)}
	}
	for _, d := range []string{opts.q.From, opts.q.To} {
		if d != "" && !report.IsDate(d) {
			return usageError{fmt.Errorf("bad date %q (want YYYY-MM-DD)", d)}
		}
	}
	st, err := store.Open(ctx, opts.db)
	if err != nil {
		return err
	}
	defer st.Close()
	hits, err := st.Search(ctx, opts.q)
	if err != nil {
		return err
	}
	if opts.format == "json" {
		return writeJSONLines(stdout, hits...)
	}
	for i, h := range hits {
		meta := strings.Join(nonEmpty(h.Outlet, h.Published, h.ID[:12]), " · ")
		fmt.Fprintf(stdout, "%d. %s\n   %s\n   %s\n", opts.q.Offset+i+1, printable(h.Title), printable(meta), printable(markSnippet(h)))
	}
	if len(hits) == 0 {
		fmt.Fprintln(stdout, "no matches")
	}
	return nil
}

// markSnippet brackets the highlighted words of a snippet for a terminal.
func markSnippet(h store.Hit) string {
	rs := []rune(h.Snippet)
	var b strings.Builder
	at := 0
	for _, hl := range h.Highlights {
		if hl.Start < at || hl.End > len(rs) {
			continue
		}
		b.WriteString(string(rs[at:hl.Start]))
		b.WriteString("[" + string(rs[hl.Start:hl.End]) + "]")
		at = hl.End
	}
	b.WriteString(string(rs[at:]))
	return b.String()
}

// printable replaces control characters (terminal escape sequences in a
// hostile title, say) with U+FFFD before text goes to a terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

func nonEmpty(v ...string) []string {
	var out []string
	for _, s := range v {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
