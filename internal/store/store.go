// Package store keeps a corpus of reports in SQLite (modernc.org/sqlite:
// pure Go, WAL journal, FTS5 full-text index): articles keyed by report ID
// (the SHA-256 of the text) so that storing twice adds nothing, technique
// and source tables for search filters, and stories clustered across
// outlets with their corroboration.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/sift-project/sift/internal/minhash"
	"github.com/sift-project/sift/internal/outlets"
	"github.com/sift-project/sift/internal/report"
)

// ErrNotFound is returned when a report or story is not in the store.
var ErrNotFound = errors.New("not found")

// Store is an open corpus. It is safe for concurrent use.
type Store struct {
	db         *sql.DB
	path       string
	rankWindow int // 0: rankWindow; tests set it small
}

// DefaultPath returns the default database path:
// $XDG_DATA_HOME/sift/sift.db, or ~/.local/share/sift/sift.db.
func DefaultPath() string {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "sift", "sift.db")
}

// Open opens (creating when needed) the store at path, creating its
// directory, and applies pending schema migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	return openVersion(ctx, path, len(migrations))
}

// openVersion opens the store migrating it up to schema version target
// (tests build old stores with it).
func openVersion(ctx context.Context, path string, target int) (*Store, error) {
	if path == "" {
		path = DefaultPath()
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)", "foreign_keys(ON)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx, target); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// DB exposes the database for read-only queries by tools.
func (s *Store) DB() *sql.DB { return s.db }

// outletOf returns the outlet name and domain a report is filed under.
func outletOf(r *report.Report) (outlet, domain string) {
	outlet = strings.TrimSpace(r.Source.Outlet)
	domain = strings.ToLower(strings.TrimSpace(r.Source.Domain))
	if domain == "" {
		domain = outlets.Domain(outlet)
	}
	if domain == "" && r.Source.URL != "" {
		domain = outlets.Domain(r.Source.URL)
	}
	if outlet == "" {
		outlet = domain
	}
	return outlet, domain
}

func wordCount(text string) int { return len(strings.Fields(text)) }

// Put stores reports in one transaction, skipping those already stored
// (by ID), and returns how many it added. Either the whole batch is
// committed or none of it.
func (s *Store) Put(ctx context.Context, reports []*report.Report) (added int, err error) {
	if len(reports) == 0 {
		return 0, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("put: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO articles(id, outlet, domain, published, title, words, sig1, sig3, added, event, day,
		spans, claims, unsupported, propaganda, credibility)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING`)
	if err != nil {
		return 0, fmt.Errorf("put: %w", err)
	}
	defer ins.Close()
	rep, err := tx.PrepareContext(ctx, `INSERT INTO reports(article, report) VALUES(?,?)`)
	if err != nil {
		return 0, fmt.Errorf("put: %w", err)
	}
	defer rep.Close()
	fts, err := tx.PrepareContext(ctx, `INSERT INTO fts(rowid, title, text) VALUES(?,?,?)`)
	if err != nil {
		return 0, fmt.Errorf("put: %w", err)
	}
	defer fts.Close()
	tech, err := tx.PrepareContext(ctx, `INSERT INTO techniques(article, technique, n) VALUES(?,?,?)`)
	if err != nil {
		return 0, fmt.Errorf("put: %w", err)
	}
	defer tech.Close()
	src, err := tx.PrepareContext(ctx, `INSERT INTO sources(article, name, type, n) VALUES(?,?,?,?)
		ON CONFLICT(name, type, article) DO UPDATE SET n = n + excluded.n`)
	if err != nil {
		return 0, fmt.Errorf("put: %w", err)
	}
	defer src.Close()
	now := time.Now().UTC().Format(time.RFC3339)
	for _, r := range reports {
		if r == nil {
			continue
		}
		if r.ID == "" {
			r.ID = report.HashText(r.Text)
		}
		body, err := json.Marshal(r)
		if err != nil {
			return 0, fmt.Errorf("put %s: %w", r.ID, err)
		}
		outlet, domain := outletOf(r)
		words := minhash.Words(r.Text)
		s1 := minhash.Sign(minhash.Shingles(words, 1))
		s3 := minhash.Sign(minhash.Shingles(words, 3))
		sig := signature(r)
		event, err := json.Marshal(sig)
		if err != nil {
			return 0, fmt.Errorf("put %s: %w", r.ID, err)
		}
		var day any
		if sig.Day >= 0 {
			day = sig.Day
		}
		var spans, claims, unsupported any
		if r.Techniques != nil {
			spans = len(r.Techniques)
		}
		if r.Claims != nil {
			u := 0
			for _, c := range r.Claims {
				if c.Support == "unsupported" {
					u++
				}
			}
			claims, unsupported = len(r.Claims), u
		}
		var propaganda, credibility any
		if r.Scores != nil {
			propaganda, credibility = r.Scores.Propaganda, r.Scores.Credibility
		}
		res, err := ins.ExecContext(ctx, r.ID, outlet, domain, r.Published, r.Title, wordCount(r.Text), s1.Bytes(), s3.Bytes(), now, string(event), day,
			spans, claims, unsupported, propaganda, credibility)
		if err != nil {
			return 0, fmt.Errorf("put %s: %w", r.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // already stored
		}
		row, err := res.LastInsertId()
		if err != nil {
			return 0, fmt.Errorf("put %s: %w", r.ID, err)
		}
		if _, err := rep.ExecContext(ctx, row, body); err != nil {
			return 0, fmt.Errorf("put %s: report: %w", r.ID, err)
		}
		if _, err := fts.ExecContext(ctx, row, r.Title, r.Text); err != nil {
			return 0, fmt.Errorf("put %s: index: %w", r.ID, err)
		}
		counts := map[string]int{}
		for _, t := range r.Techniques {
			counts[t.Technique]++
		}
		for name, n := range counts {
			if _, err := tech.ExecContext(ctx, row, name, n); err != nil {
				return 0, fmt.Errorf("put %s: techniques: %w", r.ID, err)
			}
		}
		for _, a := range r.Attributions {
			name := a.SourceName
			if name == "" && a.Source != nil {
				name = a.Source.Text
			}
			if name == "" {
				continue
			}
			if _, err := src.ExecContext(ctx, row, name, a.SourceType, 1); err != nil {
				return 0, fmt.Errorf("put %s: sources: %w", r.ID, err)
			}
		}
		added++
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("put: commit: %w", err)
	}
	return added, nil
}

// Has reports whether a report with this ID is stored.
func (s *Store) Has(ctx context.Context, id string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("has %s: %w", id, err)
	}
	return true, nil
}

// Get returns the stored report with this ID, as analysed (the scores are
// the article's own; Rescore adds the corpus evidence). It returns
// ErrNotFound when there is none.
func (s *Store) Get(ctx context.Context, id string) (*report.Report, error) {
	var body []byte
	err := s.db.QueryRowContext(ctx, `SELECT r.report FROM articles a JOIN reports r ON r.article = a.rowid WHERE a.id = ?`, id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("get %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", id, err)
	}
	var r report.Report
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("get %s: decode: %w", id, err)
	}
	return &r, nil
}

// Count returns the number of stored articles.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n)
	return n, err
}

// Each calls fn for every stored report in insertion order, stopping at
// the first error.
func (s *Store) Each(ctx context.Context, fn func(*report.Report) error) error {
	last := int64(0)
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT article, report FROM reports WHERE article > ? ORDER BY article LIMIT 500`, last)
		if err != nil {
			return fmt.Errorf("read articles: %w", err)
		}
		var batch []*report.Report
		for rows.Next() {
			var body []byte
			if err := rows.Scan(&last, &body); err != nil {
				rows.Close()
				return err
			}
			var r report.Report
			if err := json.Unmarshal(body, &r); err != nil {
				rows.Close()
				return fmt.Errorf("decode article %d: %w", last, err)
			}
			batch = append(batch, &r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		for _, r := range batch {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
}
