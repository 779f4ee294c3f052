package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sift-project/sift/internal/outlets"
	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/server"
	"github.com/sift-project/sift/internal/store"
)

func init() { openCorpus = openStoreCorpus }

// openStoreCorpus opens the article store for `sift serve`.
func openStoreCorpus(ctx context.Context, path string) (server.Corpus, io.Closer, error) {
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	return storeCorpus{st}, st, nil
}

// storeCorpus adapts *store.Store to the server's Corpus interface.
type storeCorpus struct{ s *store.Store }

// notFound maps the store's ErrNotFound to the server's.
func notFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: %v", server.ErrNotFound, err)
	}
	return err
}

func (c storeCorpus) Article(ctx context.Context, id string) (*report.Report, error) {
	r, err := c.s.Get(ctx, id)
	return r, notFound(err)
}

func (c storeCorpus) Search(ctx context.Context, q server.SearchQuery) ([]server.SearchHit, error) {
	hits, err := c.s.Search(ctx, store.Query{Text: q.Text, Outlet: q.Outlet, Technique: q.Technique, From: q.From, To: q.To, Limit: q.Limit, Offset: q.Offset})
	if err != nil {
		return nil, err
	}
	out := make([]server.SearchHit, 0, len(hits))
	for _, h := range hits {
		sh := server.SearchHit{ID: h.ID, Title: h.Title, Outlet: h.Outlet, Domain: h.Domain, Published: h.Published, Snippet: h.Snippet, Story: h.Story}
		for _, hl := range h.Highlights {
			sh.Highlights = append(sh.Highlights, server.Highlight{Start: hl.Start, End: hl.End})
		}
		out = append(out, sh)
	}
	return out, nil
}

func (c storeCorpus) Outlet(ctx context.Context, domainOrName string) (*server.OutletProfile, error) {
	p, err := c.s.Outlet(ctx, domainOrName)
	if err != nil {
		return nil, notFound(err)
	}
	o := &server.OutletProfile{
		Name: p.Name, Domain: p.Domain, Articles: p.Articles, Words: p.Words,
		Ratings: ratings(p.Ratings), RatingsCredit: outlets.Attribution, Techniques: []server.TechniqueCount{}, Density: []server.DensityPoint{},
		TechniqueDensity: p.TechniqueDensity, Unsupported: p.Unsupported,
		Stories: p.Stories, ConflictRate: p.ConflictRate, Comparisons: p.Comparisons,
	}
	for _, t := range p.TopTechniques {
		tc := server.TechniqueCount{Technique: t.Technique, Count: t.Count}
		if p.Articles > 0 {
			tc.PerArticle = float64(t.Count) / float64(p.Articles)
		}
		o.Techniques = append(o.Techniques, tc)
	}
	if err := outletTrends(ctx, c.s.DB(), strings.TrimSpace(domainOrName), p.Domain, o); err != nil {
		return nil, err
	}
	return o, nil
}

// ratings lists an outlet's public ratings with their sources.
func ratings(r outlets.Rating) []server.Rating {
	out := []server.Rating{}
	if r.Quality != nil {
		q := *r.Quality
		out = append(out, server.Rating{Source: "Lin et al. 2023", Label: fmt.Sprintf("%.2f", q), Score: &q, Note: "domain quality (pc1), 1 = highest"})
	}
	if len(r.Tags) > 0 {
		out = append(out, server.Rating{Source: "OpenSources", Label: strings.Join(r.Tags, ", "), Note: r.Notes})
	}
	return out
}

// outletTrends fills technique density per month and the mean scores from
// the store's tables (articles, techniques), matching an outlet the way
// store.Outlet does: by domain, or by name without regard to case.
func outletTrends(ctx context.Context, db *sql.DB, key, domain string, o *server.OutletProfile) error {
	d := outlets.Domain(key)
	if d == "" {
		d = domain
	}
	if d == "" {
		d = "\x00"
	}
	const match = `(a.domain = ?1 OR a.outlet = ?2 COLLATE NOCASE)`
	rows, err := db.QueryContext(ctx, `SELECT substr(a.published, 1, 7) AS m, count(*), coalesce(sum(a.words), 0),
		coalesce(sum((SELECT sum(t.n) FROM techniques t WHERE t.article = a.rowid)), 0)
		FROM articles a WHERE `+match+` AND length(a.published) >= 7 AND a.spans IS NOT NULL
		GROUP BY m ORDER BY m`, d, key)
	if err != nil {
		return fmt.Errorf("outlet %s: density: %w", key, err)
	}
	defer rows.Close()
	for rows.Next() {
		var p server.DensityPoint
		var words, spans int
		if err := rows.Scan(&p.Period, &p.Articles, &words, &spans); err != nil {
			return fmt.Errorf("outlet %s: density: %w", key, err)
		}
		if words > 0 {
			p.PerKWords = 1000 * float64(spans) / float64(words)
		}
		o.Density = append(o.Density, p)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("outlet %s: density: %w", key, err)
	}
	var prop, cred sql.NullFloat64
	err = db.QueryRowContext(ctx, `SELECT avg(a.propaganda), avg(a.credibility)
		FROM articles a WHERE `+match+` AND a.propaganda IS NOT NULL`, d, key).Scan(&prop, &cred)
	if err != nil {
		return fmt.Errorf("outlet %s: scores: %w", key, err)
	}
	if prop.Valid {
		o.Propaganda = &prop.Float64
	}
	if cred.Valid {
		o.Credibility = &cred.Float64
	}
	return nil
}

func (c storeCorpus) Coverage(ctx context.Context, id string) (server.Coverage, error) {
	co, err := c.s.CorroborationOf(ctx, id)
	if err != nil {
		return server.Coverage{}, err
	}
	return server.Coverage{Story: co.Story, Outlets: co.Outlets, Agree: co.Agree, Conflict: co.Conflict, Copy: co.Duplicate}, nil
}

func (c storeCorpus) Stories(ctx context.Context, limit int) ([]server.Story, error) {
	sts, err := c.s.Stories(ctx, limit)
	if err != nil {
		return nil, err
	}
	out := make([]server.Story, 0, len(sts))
	for i := range sts {
		out = append(out, *storyView(&sts[i]))
	}
	return out, nil
}

func (c storeCorpus) Story(ctx context.Context, id string) (*server.Story, error) {
	st, err := c.s.Story(ctx, id)
	if err != nil {
		return nil, notFound(err)
	}
	v := storyView(st)
	// Each column shows its article's lead and scores.
	for i := range v.Articles {
		a := &v.Articles[i]
		r, err := c.s.Get(ctx, a.ID)
		if err != nil {
			continue
		}
		a.Lead = lead(r)
		if r.Scores != nil {
			p, cr := r.Scores.Propaganda, r.Scores.Credibility
			a.Propaganda, a.Credibility = &p, &cr
		}
		if a.URL == "" {
			a.URL = r.Source.URL
		}
	}
	return v, nil
}

// storyView turns a store story into the server's: one value per article
// for each fact.
func storyView(st *store.Story) *server.Story {
	v := &server.Story{ID: st.ID, Title: st.Title, First: st.First, Last: st.Last, Articles: []server.StoryArticle{}, Facts: []server.StoryFact{}}
	idx := map[string]int{}
	for i, a := range st.Articles {
		idx[a.ID] = i
		v.Articles = append(v.Articles, server.StoryArticle{ID: a.ID, Title: a.Title, Outlet: a.Outlet, Domain: a.Domain, Published: a.Published,
			DuplicateOf: a.DuplicateOf, Agree: a.Agree, Conflict: a.Conflict})
	}
	for _, f := range st.Facts {
		sf := server.StoryFact{Field: f.Field, Values: make([]string, len(st.Articles))}
		stating := 0
		for _, fv := range f.Values {
			for _, id := range fv.Articles {
				if i, ok := idx[id]; ok && sf.Values[i] == "" {
					sf.Values[i] = fv.Value
					stating++
				}
			}
		}
		switch {
		case !f.Agree && len(f.Values) > 1:
			sf.Status = "conflict"
		case stating > 1:
			sf.Status = "agree"
		default:
			sf.Status = "single"
		}
		v.Facts = append(v.Facts, sf)
	}
	return v
}

// lead is an article's first body sentence (after the title), at most
// about 300 characters.
func lead(r *report.Report) string {
	for _, s := range r.Sentences {
		t := strings.TrimSpace(s.Text)
		if t == "" || t == strings.TrimSpace(r.Title) {
			continue
		}
		if rs := []rune(t); len(rs) > 300 {
			t = string(rs[:300]) + "…"
		}
		return t
	}
	return ""
}
