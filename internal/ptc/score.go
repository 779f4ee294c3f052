package ptc

import (
	"fmt"
	"io"
	"sort"
)

// PRF is a precision, recall and F1 with the counts behind them.
type PRF struct {
	P, R, F1 float64
	// Pred and Gold are the denominators: submitted and gold spans.
	Pred, Gold int
	// Correct is the TC count of correctly labelled spans (unused by SI).
	Correct int
}

func (s *PRF) finish(pnum, rnum float64) {
	if s.Pred > 0 {
		s.P = pnum / float64(s.Pred)
	}
	if s.Gold > 0 {
		s.R = rnum / float64(s.Gold)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
}

// MergeSpans returns the union of spans as sorted, non-overlapping spans
// (techniques dropped). Spans that overlap are merged; spans that only
// touch are kept apart, as the official scorer does. Empty spans are
// dropped.
func MergeSpans(spans []Span) []Span {
	s := make([]Span, 0, len(spans))
	for _, x := range spans {
		if x.End > x.Start {
			x.Technique = ""
			s = append(s, x)
		}
	}
	sort.Slice(s, func(i, j int) bool {
		if s[i].Start != s[j].Start {
			return s[i].Start < s[j].Start
		}
		return s[i].End < s[j].End
	})
	var out []Span
	for _, x := range s {
		if n := len(out); n > 0 && x.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, x.End)
			continue
		}
		out = append(out, x)
	}
	return out
}

func overlap(a, b Span) int {
	return max(0, min(a.End, b.End)-max(a.Start, b.Start))
}

// ScoreSI scores span identification as SemEval-2020 Task 11 does: within
// each article the gold spans are merged where they overlap (and so are
// the submitted ones); for each submitted span s and gold span t,
// precision gains |s∩t|/|s| and recall gains |s∩t|/|t|; precision is
// divided by the number of submitted spans and recall by the number of
// gold spans, over all articles. Techniques are ignored.
func ScoreSI(pred, gold []Span) PRF {
	g := ByArticle(gold)
	p := ByArticle(pred)
	var res PRF
	var pnum, rnum float64
	for id, gs := range g {
		g[id] = MergeSpans(gs)
		res.Gold += len(g[id])
	}
	for id, ps := range p {
		ps = MergeSpans(ps)
		res.Pred += len(ps)
		gs := g[id]
		for _, s := range ps {
			for _, t := range gs {
				if o := overlap(s, t); o > 0 {
					pnum += float64(o) / float64(s.Len())
					rnum += float64(o) / float64(t.Len())
				}
			}
		}
	}
	res.finish(pnum, rnum)
	return res
}

// TCScore is the technique-classification score: micro-averaged over all
// spans and per technique.
type TCScore struct {
	Micro PRF
	// Per holds one PRF per name of Techniques (and any other name seen).
	Per map[string]PRF
}

type spanKey struct {
	article    string
	start, end int
}

// ScoreTC scores technique classification over given spans: a predicted
// label is correct when the same span (article, start, end) carries it in
// the gold, each gold label matched at most once. Micro precision is
// correct/predicted, recall correct/gold; per technique likewise.
func ScoreTC(pred, gold []Span) TCScore {
	goldLabels := map[spanKey]map[string]int{}
	per := map[string]*struct{ pred, gold, ok int }{}
	get := func(t string) *struct{ pred, gold, ok int } {
		c := per[t]
		if c == nil {
			c = &struct{ pred, gold, ok int }{}
			per[t] = c
		}
		return c
	}
	for _, t := range Techniques {
		get(t)
	}
	for _, s := range gold {
		k := spanKey{s.Article, s.Start, s.End}
		if goldLabels[k] == nil {
			goldLabels[k] = map[string]int{}
		}
		goldLabels[k][s.Technique]++
		get(s.Technique).gold++
	}
	var sc TCScore
	sc.Micro.Gold = len(gold)
	sc.Micro.Pred = len(pred)
	for _, s := range pred {
		c := get(s.Technique)
		c.pred++
		k := spanKey{s.Article, s.Start, s.End}
		if m := goldLabels[k]; m[s.Technique] > 0 {
			m[s.Technique]--
			c.ok++
			sc.Micro.Correct++
		}
	}
	sc.Micro.finish(float64(sc.Micro.Correct), float64(sc.Micro.Correct))
	sc.Per = map[string]PRF{}
	for t, c := range per {
		p := PRF{Pred: c.pred, Gold: c.gold, Correct: c.ok}
		p.finish(float64(c.ok), float64(c.ok))
		sc.Per[t] = p
	}
	return sc
}

// WriteTable prints the per-technique table of s, techniques in the
// order of Techniques, then any others, then the micro average.
func (s TCScore) WriteTable(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "%-36s %6s %6s %6s %6s %6s\n", "technique", "gold", "pred", "P", "R", "F1"); err != nil {
		return err
	}
	names := append([]string(nil), Techniques...)
	var extra []string
	for t := range s.Per {
		if TechniqueIndex(t) < 0 {
			extra = append(extra, t)
		}
	}
	sort.Strings(extra)
	names = append(names, extra...)
	for _, t := range names {
		p := s.Per[t]
		fmt.Fprintf(w, "%-36s %6d %6d %6.3f %6.3f %6.3f\n", t, p.Gold, p.Pred, p.P, p.R, p.F1)
	}
	_, err := fmt.Fprintf(w, "%-36s %6d %6d %6.3f %6.3f %6.3f\n", "micro", s.Micro.Gold, s.Micro.Pred, s.Micro.P, s.Micro.R, s.Micro.F1)
	return err
}
