package store

import (
	"context"

	"github.com/sift-project/sift/internal/outlets"
	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/score"
)

// Evidence returns what the corpus knows about a stored report: its
// outlet's public ratings and the corroboration of its facts by other
// outlets' reports of the same story.
func (s *Store) Evidence(ctx context.Context, r *report.Report) (*score.Evidence, error) {
	outlet, domain := outletOf(r)
	ev := &score.Evidence{Outlet: domain}
	if ev.Outlet == "" {
		ev.Outlet = outlet
	}
	if ev.Outlet != "" {
		rt := outlets.Lookup(ev.Outlet)
		ev.Quality, ev.Tags = rt.Quality, rt.Tags
	}
	c, err := s.CorroborationOf(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	ev.Story, ev.Outlets, ev.Agree, ev.Conflict, ev.Duplicate = c.Story, c.Outlets, c.Agree, c.Conflict, c.Duplicate
	return ev, nil
}

// Rescore replaces r's scores with corpus-aware ones (model m).
func (s *Store) Rescore(ctx context.Context, r *report.Report, m score.Model) error {
	ev, err := s.Evidence(ctx, r)
	if err != nil {
		return err
	}
	score.Rescore(r, ev, m)
	return nil
}
