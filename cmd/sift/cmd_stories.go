package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/store"
)

func init() { register(newStoriesCommand) }

type storiesOptions struct {
	db     string
	limit  int
	format string
}

func newStoriesCommand() *cobra.Command {
	var opts storiesOptions
	cmd := &cobra.Command{
		Use:   "stories [flags] [STORY-ID]",
		Short: "List stories told by several outlets, with the facts they agree or conflict on",
		Long: `List the corpus's stories: reports of the same event grouped across
outlets (near duplicates by MinHash, same event by date window, place, type
and shared words), most outlets first. For each story, the facts its
reports give (casualty counts, actor, place, event type) and whether the
outlets agree or conflict on them. With STORY-ID, show that story only.

` + exitCodesHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStories(cmd.Context(), opts, args, cmd.OutOrStdout())
		},
	}
	addDBFlag(cmd, &opts.db)
	cmd.Flags().IntVarP(&opts.limit, "limit", "n", 20, "number of stories")
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: text or json (JSON Lines)")
	return cmd
}

func runStories(ctx context.Context, opts storiesOptions, args []string, stdout io.Writer) error {
	if opts.format != "text" && opts.format != "json" {
		return usageError{fmt.Errorf("unknown format %q (want text or json)", opts.format)}
	}
	st, err := store.Open(ctx, opts.db)
	if err != nil {
		return err
	}
	defer st.Close()
	var stories []store.Story
	if len(args) == 1 {
		s, err := st.Story(ctx, args[0])
		if err != nil {
			return err
		}
		stories = []store.Story{*s}
	} else if stories, err = st.Stories(ctx, opts.limit); err != nil {
		return err
	}
	if opts.format == "json" {
		return writeJSONLines(stdout, stories...)
	}
	if len(stories) == 0 {
		fmt.Fprintln(stdout, "no stories (ingest articles from several outlets first)")
	}
	for i, s := range stories {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		dates := s.First
		if s.Last != s.First {
			dates += " – " + s.Last
		}
		if dates != "" {
			dates += "; "
		}
		fmt.Fprintf(stdout, "%s  %s\n  %s%d reports from %d outlets: %s\n", s.ID, printable(s.Title), dates, len(s.Articles), len(s.Outlets), printable(strings.Join(s.Outlets, ", ")))
		for _, f := range s.Facts {
			verdict := "agree"
			if !f.Agree {
				verdict = "CONFLICT"
			} else if len(f.Values) == 1 && len(f.Values[0].Articles) == 1 {
				verdict = "single" // one report states it: nothing to compare
			}
			var vals []string
			for _, v := range f.Values {
				who := strings.Join(v.Outlets, ", ")
				if who == "" {
					who = fmt.Sprintf("%d reports", len(v.Articles))
				}
				vals = append(vals, fmt.Sprintf("%s (%s)", v.Value, who))
			}
			fmt.Fprintf(stdout, "  %-9s %-8s %s\n", f.Field, verdict, printable(strings.Join(vals, "; ")))
		}
		for _, a := range s.Articles {
			note := ""
			if a.DuplicateOf != "" {
				note = " [near copy of " + a.DuplicateOf[:12] + "]"
			}
			if a.Agree+a.Conflict > 0 {
				note += fmt.Sprintf(" [other outlets: %d agreeing, %d conflicting facts]", a.Agree, a.Conflict)
			}
			fmt.Fprintf(stdout, "    %s %-16s %s%s\n", a.ID[:12], printable(firstNonEmptyStr(a.Domain, a.Outlet, "-")), printable(a.Title), note)
		}
	}
	return nil
}

func firstNonEmptyStr(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}
