// Package server is sift's web page and HTTP API: paste or upload an
// article and read it as an annotated manuscript (technique highlights,
// speakers, hedges, events, scores), browse the corpus by outlet and
// story, and call the same analysis as JSON.
//
// Everything an article brings (text, title, names, URLs) is hostile: it is
// only ever written through html/template, highlight markup is built from
// escaped segments, and every page carries a strict Content-Security-Policy
// with no inline script. The server never fetches a URL a user gives.
package server

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

//go:embed static templates openapi.json
var assets embed.FS

// Analyzer analyses one article given as text (internal/analyze provides
// it). It must be safe for concurrent use.
type Analyzer interface {
	Text(text string, src report.Source, title string) (*report.Report, error)
}

// ItemAnalyzer is optionally implemented by an Analyzer that can also
// clean raw items such as uploaded HTML pages.
type ItemAnalyzer interface {
	Item(it read.Item) (*report.Report, error)
}

// Config holds the server's dependencies and limits.
type Config struct {
	// Analyzer analyses pasted and uploaded articles (required).
	Analyzer Analyzer
	// Corpus is the article store; nil serves the corpus pages and
	// endpoints as 503 "no corpus".
	Corpus Corpus
	// Logger receives one line per request; nil discards.
	Logger *slog.Logger
	// MaxBody bounds a request body in bytes (default 8 MiB).
	MaxBody int64
	// MaxInFlight bounds concurrent analyses (default 4 × GOMAXPROCS);
	// further requests wait for a slot up to QueueWait (default 20 s) and
	// are then answered 503.
	MaxInFlight int
	QueueWait   time.Duration
}

// Server serves the pages and the API.
type Server struct {
	cfg     Config
	log     *slog.Logger
	pages   *pages
	static  fs.FS
	slots   chan struct{}
	mux     *http.ServeMux
	routes  []route
	handler http.Handler
}

// route is one registered method and pattern.
type route struct {
	Method  string
	Pattern string
	// API marks a JSON endpoint documented in openapi.json.
	API bool
}

// New returns a server over cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Analyzer == nil {
		return nil, errors.New("server: no analyzer")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 8 << 20
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = 4 * runtime.GOMAXPROCS(0)
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = 20 * time.Second
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	static, err := fs.Sub(assets, "static")
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: log, pages: p, static: static, slots: make(chan struct{}, cfg.MaxInFlight), mux: http.NewServeMux()}
	s.register()
	s.handler = s.logRequests(securityHeaders(s.mux))
	return s, nil
}

func (s *Server) handle(method, pattern string, api bool, h http.HandlerFunc) {
	s.routes = append(s.routes, route{Method: method, Pattern: pattern, API: api})
	s.mux.HandleFunc(method+" "+pattern, h)
}

// register lists every route; the OpenAPI test reads s.routes.
func (s *Server) register() {
	// Pages.
	s.handle("GET", "/{$}", false, s.pageHome)
	s.handle("POST", "/analyze", false, s.pageAnalyze)
	s.handle("GET", "/articles/{id}", false, s.pageArticle)
	s.handle("GET", "/search", false, s.pageSearch)
	s.handle("GET", "/outlets/{domain}", false, s.pageOutlet)
	s.handle("GET", "/stories", false, s.pageStories)
	s.handle("GET", "/stories/{id}", false, s.pageStory)
	s.handle("GET", "/static/", false, s.serveStatic)
	// JSON API (documented in openapi.json).
	s.handle("POST", "/api/analyze", true, s.apiAnalyze)
	s.handle("GET", "/api/articles/{id}", true, s.apiArticle)
	s.handle("GET", "/api/search", true, s.apiSearch)
	s.handle("GET", "/api/outlets/{domain}", true, s.apiOutlet)
	s.handle("GET", "/api/stories", true, s.apiStories)
	s.handle("GET", "/api/stories/{id}", true, s.apiStory)
	s.handle("GET", "/api/openapi.json", true, s.apiOpenAPI)
	s.handle("GET", "/api/health", true, s.apiHealth)
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Timeouts of the HTTP server returned by HTTPServer.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 120 * time.Second
	ShutdownTimeout   = 15 * time.Second
)

// HTTPServer returns an http.Server for s with read, write and idle
// timeouts set.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Serve serves on ln until ctx is done, then shuts down gracefully:
// in-flight requests get ShutdownTimeout to finish. It returns nil after a
// clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "addr", ln.Addr().String())
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// securityHeaders sets a strict CSP (no inline script or style, nothing
// from elsewhere) and the usual hardening headers on every response.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelWarn
		}
		s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path,
			"status", sw.status, "bytes", sw.n, "dur", time.Since(start).Round(time.Microsecond))
	})
}

// acquire takes an analysis slot, waiting at most QueueWait or until
// ctx is done.
func (s *Server) acquire(ctx context.Context) error {
	select {
	case s.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(s.cfg.QueueWait)
	defer t.Stop()
	select {
	case <-t.C:
		return errors.New("no analysis slot")
	case s.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Server) release() { <-s.slots }

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.StripPrefix("/static/", http.FileServerFS(s.static)).ServeHTTP(w, r)
}
