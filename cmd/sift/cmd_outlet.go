package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/outlets"
	"github.com/sift-project/sift/internal/store"
)

func init() { register(newOutletCommand) }

type outletOptions struct {
	db     string
	format string
}

func newOutletCommand() *cobra.Command {
	var opts outletOptions
	cmd := &cobra.Command{
		Use:   "outlet [flags] DOMAIN|NAME",
		Short: "Profile an outlet: public ratings and what sift measured in the corpus",
		Long: `Profile an outlet, given by domain ("sana.sy"), URL or name ("SANA"):
its public reliability ratings (Lin et al. 2023 domain quality; OpenSources
tags) and what sift measured in the corpus: articles, propaganda-technique
density per 1,000 words, top techniques, share of unsupported claims, and
how often its facts conflict with other outlets' reports of the same story.

` + exitCodesHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOutlet(cmd.Context(), opts, args[0], cmd.OutOrStdout())
		},
	}
	addDBFlag(cmd, &opts.db)
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: text or json")
	return cmd
}

func runOutlet(ctx context.Context, opts outletOptions, name string, stdout io.Writer) error {
	if opts.format != "text" && opts.format != "json" {
		return usageError{fmt.Errorf("unknown format %q (want text or json)", opts.format)}
	}
	st, err := store.Open(ctx, opts.db)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := st.Outlet(ctx, name)
	if err != nil {
		return err
	}
	if opts.format == "json" {
		return writeJSONLines(stdout, p)
	}
	pr := func(k, v string) { fmt.Fprintf(stdout, "%-22s %s\n", k+":", printable(v)) }
	pr("outlet", p.Name)
	pr("domain", p.Domain)
	if p.Ratings.Quality != nil {
		pr("quality (Lin 2023)", fmt.Sprintf("%.2f of 1", *p.Ratings.Quality))
	} else {
		pr("quality (Lin 2023)", "not rated")
	}
	if len(p.Ratings.Tags) > 0 {
		pr("OpenSources", strings.Join(p.Ratings.Tags, ", "))
	}
	if p.Ratings.Notes != "" {
		pr("notes", p.Ratings.Notes)
	}
	pr("articles", fmt.Sprintf("%d (%d words)", p.Articles, p.Words))
	if p.TechniqueDensity != nil {
		pr("technique density", fmt.Sprintf("%.1f spans per 1,000 words", *p.TechniqueDensity))
		var top []string
		for _, t := range p.TopTechniques {
			top = append(top, fmt.Sprintf("%s (%d)", t.Technique, t.Count))
		}
		pr("top techniques", strings.Join(top, ", "))
	} else {
		pr("technique density", "not measured (no technique annotations)")
	}
	if p.Unsupported != nil {
		pr("unsupported claims", fmt.Sprintf("%.0f%%", 100**p.Unsupported))
	} else {
		pr("unsupported claims", "not measured (no claim annotations)")
	}
	pr("stories", fmt.Sprintf("%d shared with other reports", p.Stories))
	if p.ConflictRate != nil {
		pr("conflict rate", fmt.Sprintf("%.0f%% of %d fact comparisons with other outlets", 100**p.ConflictRate, p.Comparisons))
	} else {
		pr("conflict rate", "no facts compared with other outlets")
	}
	fmt.Fprintln(stdout, "\n"+outlets.Attribution)
	return nil
}
