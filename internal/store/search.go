package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/sift-project/sift/internal/outlets"
)

// Query is a search: full-text terms plus filters on the annotations.
type Query struct {
	// Text is the full-text query: words (all must match), "quoted
	// phrases", word* prefixes and OR between terms. Empty lists the
	// filtered articles, newest first.
	Text string
	// Outlet keeps articles of one outlet, by name or domain.
	Outlet string
	// Technique keeps articles with at least one span of this technique.
	Technique string
	// From and To keep articles published in [From, To] (YYYY-MM-DD).
	From, To string
	// Limit is the number of hits (default 20); Offset skips hits.
	Limit, Offset int
}

// Highlight is a matched stretch of a snippet, in code points, end
// exclusive.
type Highlight struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Hit is one search result.
type Hit struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet,omitempty"`
	Domain    string `json:"domain,omitempty"`
	Published string `json:"published,omitempty"`
	// Rank is the bm25 relevance (higher is better); 0 without a query.
	Rank float64 `json:"rank"`
	// Snippet is plain text around the matches; Highlights mark the
	// matched words in it. Neither is escaped for HTML.
	Snippet    string      `json:"snippet"`
	Highlights []Highlight `json:"highlights"`
	// Story is the story the article belongs to, if any.
	Story string `json:"story,omitempty"`
}

const hlOpen, hlClose = "\x02", "\x03"

// MatchExpr turns a user query into an FTS5 match expression: every word
// becomes a quoted term (so punctuation and FTS5 syntax in the input are
// harmless), "phrases" stay phrases, a trailing * keeps a prefix query and
// OR between terms stays OR. It returns "" when nothing is searchable.
func MatchExpr(q string) string {
	var parts []string
	rs := []rune(q)
	for i := 0; i < len(rs); {
		c := rs[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			if words := termWords(string(rs[i+1 : min(j, len(rs))])); len(words) > 0 {
				parts = append(parts, `"`+strings.Join(words, " ")+`"`)
			}
			i = j + 1
		case unicode.IsSpace(c):
			i++
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' {
				j++
			}
			tok := string(rs[i:j])
			i = j
			if tok == "OR" {
				if len(parts) > 0 && parts[len(parts)-1] != "OR" {
					parts = append(parts, "OR")
				}
				continue
			}
			prefix := strings.HasSuffix(tok, "*")
			for k, w := range termWords(tok) {
				p := `"` + w + `"`
				if prefix && k == len(termWords(tok))-1 {
					p += "*"
				}
				parts = append(parts, p)
			}
		}
	}
	for len(parts) > 0 && parts[len(parts)-1] == "OR" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 0 && parts[0] == "OR" {
		parts = parts[1:]
	}
	return strings.Join(parts, " ")
}

// termWords splits text into the words the unicode61 tokenizer indexes.
func termWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// rankWindow bounds bm25 ranking: when a query matches more articles than
// this, only the most recently stored rankWindow matches are ranked (bm25
// statistics still come from the whole corpus). Ranking every match of a
// common word costs about 5 µs per article; this keeps search fast on
// millions of articles. The window grows when filters leave too few hits.
const rankWindow = 2000

// Search runs a query: bm25-ranked (title weighted 5×) with a snippet, or,
// without query text, the filtered articles newest first.
func (s *Store) Search(ctx context.Context, q Query) ([]Hit, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	offset := max(q.Offset, 0)
	var where []string
	var args []any
	match := MatchExpr(q.Text)
	if strings.TrimSpace(q.Text) != "" && match == "" {
		return []Hit{}, nil
	}
	if q.Outlet != "" {
		d := outlets.Domain(q.Outlet)
		where = append(where, `(a.domain = ? OR a.outlet = ? COLLATE NOCASE)`)
		args = append(args, d, q.Outlet)
	}
	if q.Technique != "" {
		where = append(where, `EXISTS(SELECT 1 FROM techniques t WHERE t.technique = ? AND t.article = a.rowid)`)
		args = append(args, q.Technique)
	}
	if q.From != "" {
		where = append(where, `a.published >= ?`)
		args = append(args, q.From)
	}
	if q.To != "" {
		where = append(where, `a.published != '' AND a.published <= ?`)
		args = append(args, q.To)
	}
	if match == "" {
		sqlText := `SELECT a.id, a.title, a.outlet, a.domain, a.published, 0.0,
			substr(json_extract(r.report, '$.text'), 1, 200), coalesce(sa.story, '')
			FROM articles a JOIN reports r ON r.article = a.rowid LEFT JOIN story_articles sa ON sa.article = a.rowid`
		if len(where) > 0 {
			sqlText += " WHERE " + strings.Join(where, " AND ")
		}
		sqlText += ` ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?`
		args = append(args, limit, offset)
		rows, err := s.db.QueryContext(ctx, sqlText, args...)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		defer rows.Close()
		hits := []Hit{}
		for rows.Next() {
			var h Hit
			var snip string
			if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.Domain, &h.Published, &h.Rank, &snip, &h.Story); err != nil {
				return nil, fmt.Errorf("search: %w", err)
			}
			h.Snippet, h.Highlights = splitHighlights(snip)
			hits = append(hits, h)
		}
		return hits, rows.Err()
	}

	// 1. Rank: the top rowids, within a window of the newest matches.
	type ranked struct {
		row  int64
		rank float64
	}
	var top []ranked
	window0 := s.rankWindow
	if window0 <= 0 {
		window0 = rankWindow
	}
	for window := window0; ; window *= 8 {
		cutoff := int64(0)
		if window > 0 {
			err := s.db.QueryRowContext(ctx, `SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`,
				match, window-1).Scan(&cutoff)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return nil, fmt.Errorf("search %q: %w", q.Text, err)
			}
			if errors.Is(err, sql.ErrNoRows) {
				window = 0 // fewer matches than the window: rank them all
			}
		}
		sqlText := `SELECT fts.rowid, -bm25(fts, 5.0, 1.0) FROM fts`
		if len(where) > 0 {
			sqlText += ` JOIN articles a ON a.rowid = fts.rowid`
		}
		sqlText += ` WHERE fts MATCH ? AND fts.rowid >= ?`
		for _, w := range where {
			sqlText += " AND " + w
		}
		sqlText += ` ORDER BY bm25(fts, 5.0, 1.0) LIMIT ? OFFSET ?`
		qargs := append(append([]any{match, cutoff}, args...), limit, offset)
		rows, err := s.db.QueryContext(ctx, sqlText, qargs...)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", q.Text, err)
		}
		top = top[:0]
		for rows.Next() {
			var r ranked
			if err := rows.Scan(&r.row, &r.rank); err != nil {
				rows.Close()
				return nil, fmt.Errorf("search: %w", err)
			}
			top = append(top, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if len(top) == limit || cutoff == 0 || window == 0 {
			break
		}
		if window >= 1<<22 {
			window = -1 // next round: no window at all
		}
	}
	// 2. Details and snippets for the hits only.
	hits := make([]Hit, 0, len(top))
	for _, r := range top {
		var h Hit
		var snip string
		err := s.db.QueryRowContext(ctx, `SELECT a.id, a.title, a.outlet, a.domain, a.published,
			snippet(fts, 1, '`+hlOpen+`', '`+hlClose+`', '…', 24), coalesce(sa.story, '')
			FROM fts JOIN articles a ON a.rowid = fts.rowid LEFT JOIN story_articles sa ON sa.article = a.rowid
			WHERE fts MATCH ? AND fts.rowid = ?`, match, r.row).Scan(&h.ID, &h.Title, &h.Outlet, &h.Domain, &h.Published, &snip, &h.Story)
		if err != nil {
			return nil, fmt.Errorf("search %q: hit %d: %w", q.Text, r.row, err)
		}
		h.Rank = r.rank
		h.Snippet, h.Highlights = splitHighlights(snip)
		hits = append(hits, h)
	}
	return hits, nil
}

// splitHighlights removes the highlight markers from a snippet and returns
// the marked stretches in code points.
func splitHighlights(s string) (string, []Highlight) {
	var b strings.Builder
	hl := []Highlight{}
	n, start := 0, -1
	for _, r := range s {
		switch string(r) {
		case hlOpen:
			start = n
		case hlClose:
			if start >= 0 && n > start {
				hl = append(hl, Highlight{Start: start, End: n})
			}
			start = -1
		default:
			if r == '\n' || r == '\r' {
				r = ' '
			}
			b.WriteRune(r)
			n++
		}
	}
	return b.String(), hl
}
