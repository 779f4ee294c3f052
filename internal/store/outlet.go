package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/sift-project/sift/internal/outlets"
)

// OutletProfile is an outlet's public ratings and what sift measured of it
// in the corpus. Measured figures are nil when no stored report carries
// the section they come from.
type OutletProfile struct {
	Name    string         `json:"name"`
	Domain  string         `json:"domain,omitempty"`
	Ratings outlets.Rating `json:"ratings"`
	// Articles and Words count the outlet's stored reports.
	Articles int `json:"articles"`
	Words    int `json:"words"`
	// TechniqueDensity is propaganda-technique spans per 1,000 words.
	TechniqueDensity *float64 `json:"technique_density,omitempty"`
	// TopTechniques are its most used techniques, most used first.
	TopTechniques []TechniqueCount `json:"top_techniques,omitempty"`
	// Unsupported is the share of its claims with no support at all.
	Unsupported *float64 `json:"unsupported,omitempty"`
	// Stories counts the stories it takes part in with other reports.
	Stories int `json:"stories"`
	// ConflictRate is the share of its fact comparisons with other
	// outlets' reports of the same story that conflict.
	ConflictRate *float64 `json:"conflict_rate,omitempty"`
	// Comparisons is the number of such fact comparisons.
	Comparisons int `json:"comparisons"`
}

// TechniqueCount is a technique and its number of spans.
type TechniqueCount struct {
	Technique string `json:"technique"`
	Count     int    `json:"count"`
}

// Outlet profiles an outlet given by domain, URL or name ("sana",
// "sana.sy"). It returns ErrNotFound when the outlet has neither stored
// reports nor public ratings.
func (s *Store) Outlet(ctx context.Context, domainOrName string) (*OutletProfile, error) {
	key := strings.TrimSpace(domainOrName)
	d := outlets.Domain(key)
	p := &OutletProfile{Name: key, Domain: d, Ratings: outlets.Lookup(key)}
	if d == "" {
		d = "\x00" // match by name only
	}
	const match = `(a.domain = ?1 OR a.outlet = ?2 COLLATE NOCASE)`
	var techWords, techArticles, spans int
	var claims, unsupported int
	err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(words), 0),
		coalesce(sum(CASE WHEN spans IS NOT NULL THEN words END), 0), count(spans), coalesce(sum(spans), 0),
		coalesce(sum(claims), 0), coalesce(sum(unsupported), 0),
		coalesce(max(outlet), '')
		FROM articles a WHERE `+match, d, key).Scan(&p.Articles, &p.Words, &techWords, &techArticles, &spans, &claims, &unsupported, &p.Name)
	if err != nil {
		return nil, fmt.Errorf("outlet %s: %w", key, err)
	}
	if p.Name == "" {
		p.Name = key
	}
	if p.Articles == 0 && !p.Ratings.Rated() {
		return nil, fmt.Errorf("outlet %s: %w", key, ErrNotFound)
	}
	if techArticles > 0 {
		rows, err := s.db.QueryContext(ctx, `SELECT t.technique, sum(t.n) FROM techniques t JOIN articles a ON a.rowid = t.article
			WHERE `+match+` GROUP BY t.technique ORDER BY sum(t.n) DESC, t.technique`, d, key)
		if err != nil {
			return nil, fmt.Errorf("outlet %s: %w", key, err)
		}
		for rows.Next() {
			var tc TechniqueCount
			if err := rows.Scan(&tc.Technique, &tc.Count); err != nil {
				rows.Close()
				return nil, err
			}
			if len(p.TopTechniques) < 5 {
				p.TopTechniques = append(p.TopTechniques, tc)
			}
		}
		rows.Close()
		density := 0.0
		if techWords > 0 {
			density = 1000 * float64(spans) / float64(techWords)
		}
		p.TechniqueDensity = &density
	}
	if claims > 0 {
		u := float64(unsupported) / float64(claims)
		p.Unsupported = &u
	}
	var agree, conflict int
	err = s.db.QueryRowContext(ctx, `SELECT count(DISTINCT sa.story), coalesce(sum(sa.agree), 0), coalesce(sum(sa.conflict), 0)
		FROM articles a JOIN story_articles sa ON sa.article = a.rowid WHERE `+match, d, key).Scan(&p.Stories, &agree, &conflict)
	if err != nil {
		return nil, fmt.Errorf("outlet %s: stories: %w", key, err)
	}
	p.Comparisons = agree + conflict
	if p.Comparisons > 0 {
		c := float64(conflict) / float64(p.Comparisons)
		p.ConflictRate = &c
	}
	if p.Domain == "" && p.Articles > 0 {
		s.db.QueryRowContext(ctx, `SELECT max(domain) FROM articles a WHERE `+match, d, key).Scan(&p.Domain)
	}
	return p, nil
}
