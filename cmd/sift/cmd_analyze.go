package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/analyze"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/render"
)

func init() { register(newAnalyzeCommand) }

type analyzeOptions struct {
	format   string
	maxBytes int64
}

func newAnalyzeCommand() *cobra.Command {
	var opts analyzeOptions
	cmd := &cobra.Command{
		Use:   "analyze [flags] PATH...",
		Short: "Analyse articles and print a report for each",
		Long: `Analyse articles and print one report per article.

PATH is a file, a directory (read recursively, in lexical order) or - for
standard input. Files are read by extension or, failing that, by content:
  .txt            scraped text: title on the first line, boilerplate removed
  .html .htm      a web page: main content extracted
  .csv .tsv       a header row and one article per row; the text column is
                  article_content, content, text or body; title, source,
                  date, id, url and author columns are used when present
  .jsonl .ndjson  one JSON object per line with text/content/body and
                  optional title, url, outlet, published, id, author
  article<ID>.txt a PTC article, analysed exactly as it is
  .warc .warc.gz  a web crawl (WARC 1.0/1.1): one article per HTML page;
                  a damaged record is reported and skipped

Formats: text (for people), json (JSON Lines: one report per line), ptc
(technique spans as <articleID>\t<technique>\t<start>\t<end>).

A bad item (empty, binary, unreadable, a broken row) prints one error line
on stderr naming the file and row; the rest of the batch goes on.

` + memoryHelp(analysisMemoryLimit) + exitCodesHelp,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			setMemoryPolicy(analysisMemoryLimit)
			return runAnalyze(cmd.Context(), opts, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.format, "format", "f", "text", "output format: text, json or ptc")
	f.Int64Var(&opts.maxBytes, "max-bytes", 64<<20, "largest single input file to read, in bytes")
	return cmd
}

func runAnalyze(ctx context.Context, opts analyzeOptions, paths []string, stdin io.Reader, stdout, stderr io.Writer) error {
	out, err := render.NewWriter(stdout, opts.format)
	if err != nil {
		return usageError{err}
	}
	a, err := analyze.New(analyze.Options{})
	if err != nil {
		return fmt.Errorf("load pipeline: %w", err)
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	failed, done := 0, 0
	for it := range read.Items(paths, read.Options{MaxBytes: opts.maxBytes, Stdin: stdin}) {
		if ctx != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		r, err := a.Item(it)
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "sift: %s: %v\n", it.Name(), err)
			continue
		}
		if err := out.Write(r); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		done++
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	log.Debug("analyze done", "articles", done, "failed", failed)
	if failed > 0 {
		return fmt.Errorf("%w: %d of %d", errSomeFailed, failed, failed+done)
	}
	return nil
}
