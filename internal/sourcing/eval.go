package sourcing

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/pipeline"
	"github.com/sift-project/sift/internal/report"
)

// Fields are the scored fields, in table order.
var Fields = []string{"source", "cue", "content", "vague", "hedge"}

// Count holds matched, predicted and gold totals.
type Count struct{ Match, Pred, Gold int }

// P is the precision of the count (0 when undefined).
func (c Count) P() float64 { return ratio(c.Match, c.Pred) }

// R is recall.
func (c Count) R() float64 { return ratio(c.Match, c.Gold) }

// F1 is the harmonic mean of P and R.
func (c Count) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are the counts per field, for exact and overlap matching, plus
// how often a matched source has the gold source type.
type Scores struct {
	Articles       int
	Exact, Overlap map[string]Count
	// TypeRight/TypeMatched: source type agreement on overlap-matched sources.
	TypeRight, TypeMatched int
	// DirectRight/DirectMatched: direct flag agreement on matched contents.
	DirectRight, DirectMatched int
	// NameRight: normalised source names equal (case-insensitive) among
	// TypeMatched.
	NameRight int
}

func newScores() *Scores {
	return &Scores{Exact: map[string]Count{}, Overlap: map[string]Count{}}
}

// Evaluate runs the stage on every gold article and scores it, per split
// ("dev", "test", "holdout") and over all articles ("all"). Stages in
// before (an entities stage) run first, as in the full pipeline.
func Evaluate(st *Stage, gold []GoldArticle, before ...pipeline.Stage) (map[string]*Scores, error) {
	out := map[string]*Scores{"dev": newScores(), "test": newScores(), "holdout": newScores(), "all": newScores()}
	for _, g := range gold {
		r := &report.Report{Text: g.Text}
		d := nlp.NewDoc(g.Text)
		for _, b := range append(before, st) {
			if err := b.Annotate(r, d); err != nil {
				return nil, fmt.Errorf("%s %s: %s: %w", g.Corpus, g.ID, b.Name(), err)
			}
		}
		for _, key := range []string{g.Split, "all"} {
			out[key].add(g, r)
		}
	}
	return out, nil
}

func (s *Scores) add(g GoldArticle, r *report.Report) {
	s.Articles++
	var gs, ps, gc, pc, gx, px, gv, pv, gh, ph []report.Span
	for _, a := range g.Attributions {
		if a.Source != nil {
			gs = append(gs, *a.Source)
		}
		gc = append(gc, a.Cue)
		gx = append(gx, a.Content)
	}
	for _, a := range r.Attributions {
		if a.Source != nil {
			ps = append(ps, *a.Source)
		}
		pc = append(pc, a.Cue)
		px = append(px, a.Content)
	}
	gv = g.VagueSources
	for _, v := range r.VagueSources {
		pv = append(pv, report.Span{Start: v.Start, End: v.End, Text: v.Text})
	}
	gh = g.Hedges
	for _, h := range r.Hedges {
		ph = append(ph, report.Span{Start: h.Start, End: h.End, Text: h.Text})
	}
	pairs := map[string][2][]report.Span{"source": {gs, ps}, "cue": {gc, pc}, "content": {gx, px}, "vague": {gv, pv}, "hedge": {gh, ph}}
	for f, p := range pairs {
		e, _ := match(p[0], p[1], true)
		o, _ := match(p[0], p[1], false)
		s.Exact[f] = s.Exact[f].plus(Count{e, len(p[1]), len(p[0])})
		s.Overlap[f] = s.Overlap[f].plus(Count{o, len(p[1]), len(p[0])})
	}
	// source types and direct flags on matched attributions (by cue+source)
	var ga, pa []report.Span
	for _, a := range g.Attributions {
		ga = append(ga, a.Cue)
	}
	for _, a := range r.Attributions {
		pa = append(pa, a.Cue)
	}
	_, m := match(ga, pa, false)
	for gi, pi := range m {
		s.DirectMatched++
		if g.Attributions[gi].Direct == r.Attributions[pi].Direct {
			s.DirectRight++
		}
		if g.Attributions[gi].Source != nil && r.Attributions[pi].Source != nil {
			s.TypeMatched++
			if g.Attributions[gi].SourceType == r.Attributions[pi].SourceType {
				s.TypeRight++
			}
			if strings.EqualFold(g.Attributions[gi].SourceName, r.Attributions[pi].SourceName) {
				s.NameRight++
			}
		}
	}
}

func (c Count) plus(d Count) Count { return Count{c.Match + d.Match, c.Pred + d.Pred, c.Gold + d.Gold} }

// match pairs gold and predicted spans one to one: exact (same start and
// end) or overlap (largest overlap first). It returns the number of
// matches and the pairs gold index → predicted index.
func match(gold, pred []report.Span, exact bool) (int, map[int]int) {
	type cand struct{ g, p, ov int }
	var cs []cand
	for gi, g := range gold {
		for pi, p := range pred {
			if exact {
				if g.Start == p.Start && g.End == p.End {
					cs = append(cs, cand{gi, pi, 1})
				}
				continue
			}
			ov := min(g.End, p.End) - max(g.Start, p.Start)
			if ov > 0 {
				cs = append(cs, cand{gi, pi, ov})
			}
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].ov > cs[j].ov })
	usedG, usedP := map[int]bool{}, map[int]bool{}
	pairs := map[int]int{}
	for _, c := range cs {
		if usedG[c.g] || usedP[c.p] {
			continue
		}
		usedG[c.g], usedP[c.p] = true, true
		pairs[c.g] = c.p
	}
	return len(pairs), pairs
}

// WriteTable prints the scores of one split as a table.
func WriteTable(w io.Writer, name string, s *Scores) {
	fmt.Fprintf(w, "%s (%d articles)\n", name, s.Articles)
	fmt.Fprintf(w, "%-8s %6s %6s | %6s %6s %6s | %6s %6s %6s\n", "field", "gold", "pred", "P", "R", "F1", "P~", "R~", "F1~")
	for _, f := range Fields {
		e, o := s.Exact[f], s.Overlap[f]
		fmt.Fprintf(w, "%-8s %6d %6d | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f\n", f, e.Gold, e.Pred, e.P(), e.R(), e.F1(), o.P(), o.R(), o.F1())
	}
	fmt.Fprintf(w, "on matched attributions: source type %.3f, source name %.3f (%d); direct flag %.3f (%d)\n",
		ratio(s.TypeRight, s.TypeMatched), ratio(s.NameRight, s.TypeMatched), s.TypeMatched, ratio(s.DirectRight, s.DirectMatched), s.DirectMatched)
}

// WriteErrors prints, for the articles of one split, the gold spans no
// prediction overlaps (miss) and the predictions no gold span overlaps
// (false), per field. Use it on the dev split only.
func WriteErrors(w io.Writer, st *Stage, gold []GoldArticle, split string) error {
	for _, g := range gold {
		if g.Split != split {
			continue
		}
		r := &report.Report{Text: g.Text}
		if err := st.Annotate(r, nlp.NewDoc(g.Text)); err != nil {
			return err
		}
		fmt.Fprintf(w, "== %s %s\n", g.Corpus, g.ID)
		show := func(field string, gs, ps []report.Span) {
			_, m := match(gs, ps, false)
			hit := map[int]bool{}
			for gi, pi := range m {
				hit[pi] = true
				if gs[gi].Start != ps[pi].Start || gs[gi].End != ps[pi].End {
					fmt.Fprintf(w, "  %-7s ~ gold %q pred %q\n", field, gs[gi].Text, ps[pi].Text)
				}
			}
			for gi, s := range gs {
				if _, ok := m[gi]; !ok {
					fmt.Fprintf(w, "  %-7s miss %q\n", field, s.Text)
				}
			}
			for pi, s := range ps {
				if !hit[pi] {
					fmt.Fprintf(w, "  %-7s false %q\n", field, s.Text)
				}
			}
		}
		var gc, pc, gs, ps []report.Span
		for _, a := range g.Attributions {
			gc = append(gc, a.Cue)
			if a.Source != nil {
				gs = append(gs, *a.Source)
			}
		}
		for _, a := range r.Attributions {
			pc = append(pc, a.Cue)
			if a.Source != nil {
				ps = append(ps, *a.Source)
			}
		}
		show("cue", gc, pc)
		show("source", gs, ps)
		var gx, px []report.Span
		for _, a := range g.Attributions {
			gx = append(gx, a.Content)
		}
		for _, a := range r.Attributions {
			px = append(px, a.Content)
		}
		show("content", gx, px)
		var pv, ph []report.Span
		for _, v := range r.VagueSources {
			pv = append(pv, report.Span{Start: v.Start, End: v.End, Text: v.Text})
		}
		for _, h := range r.Hedges {
			ph = append(ph, report.Span{Start: h.Start, End: h.End, Text: h.Text})
		}
		show("vague", g.VagueSources, pv)
		show("hedge", g.Hedges, ph)
	}
	return nil
}
