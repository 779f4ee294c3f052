package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/analyze"
	"github.com/sift-project/sift/internal/server"
	"github.com/sift-project/sift/internal/store"
)

func init() { register(newServeCommand) }

type serveOptions struct {
	addr    string
	db      string
	noStore bool
	maxBody int64
	quiet   bool
}

// openCorpus opens the article store at path for the server (an empty
// path means the store's default location); when nil, or with --no-store,
// the corpus pages and endpoints answer 503 "no corpus".
var openCorpus func(ctx context.Context, path string) (server.Corpus, io.Closer, error)

func newServeCommand() *cobra.Command {
	var opts serveOptions
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT] [--db PATH]",
		Short: "Serve the analyst's web page and the JSON API",
		Long: `Serve the web page and the JSON API.

The page analyses a pasted or uploaded article (.txt or .html) and shows it
with its propaganda techniques highlighted, who is cited for what, hedges and
vague sources, the events it claims and its scores with reasons. With the
article store (--db, filled by 'sift ingest') it also shows outlets (ratings,
technique profile and density over time), stories across outlets with the
facts they agree or conflict on, and search.

The JSON API mirrors the CLI (documented at /api/openapi.json):
  POST /api/analyze          a report, like 'sift analyze --format json'
  GET  /api/articles/{id}    a stored report
  GET  /api/search?q=...     search the corpus
  GET  /api/outlets/{domain} an outlet's ratings and technique profile
  GET  /api/stories/{id}     one story across outlets

The server listens on loopback by default, never fetches a URL it is given,
limits request bodies (--max-body) and shuts down gracefully on SIGINT or
SIGTERM, letting requests in flight finish.

` + memoryHelp(analysisMemoryLimit) + exitCodesHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signalContext(cmd.Context())
			defer stop()
			setMemoryPolicy(analysisMemoryLimit)
			return runServe(ctx, opts, cmd.ErrOrStderr(), nil)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.addr, "addr", "127.0.0.1:8080", "address to listen on")
	f.StringVar(&opts.db, "db", "", "article store, as built by 'sift ingest' (default "+store.DefaultPath()+")")
	f.BoolVar(&opts.noStore, "no-store", false, "serve analysis only, without a corpus")
	f.Int64Var(&opts.maxBody, "max-body", 8<<20, "largest request body, in bytes")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "log only warnings and errors, not each request")
	return cmd
}

// signalContext is done on SIGINT or SIGTERM.
func signalContext(parent context.Context) (context.Context, context.CancelFunc) {
	if parent == nil {
		parent = context.Background()
	}
	return signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
}

// runServe serves until ctx is done. ready, when not nil, receives the
// address listened on once the server accepts connections.
func runServe(ctx context.Context, opts serveOptions, stderr io.Writer, ready func(addr string)) error {
	level := slog.LevelInfo
	if opts.quiet {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if opts.maxBody <= 0 {
		return usageError{fmt.Errorf("--max-body must be positive")}
	}
	a, err := analyze.New(analyze.Options{})
	if err != nil {
		return fmt.Errorf("load pipeline: %w", err)
	}
	cfg := server.Config{Analyzer: a, Logger: log, MaxBody: opts.maxBody}
	if openCorpus != nil && !opts.noStore {
		c, closer, err := openCorpus(ctx, opts.db)
		if err != nil {
			return fmt.Errorf("open store: %w", err)
		}
		defer closer.Close()
		cfg.Corpus = c
	} else {
		log.Warn("serving without a corpus: corpus pages answer 503 \"no corpus\"")
	}
	s, err := server.New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "corpus", cfg.Corpus != nil)
	if ready != nil {
		ready(ln.Addr().String())
	}
	return s.Serve(ctx, ln)
}
