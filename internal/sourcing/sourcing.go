// Package sourcing is sift's sourcing stage: it finds who is cited for
// what (attributions with source, cue and content), vague and anonymous
// sources, hedges, the check-worthy claims and how each is supported, and
// sums the article's sourcing up.
//
// It is rule based and fast: one pass of lexicon look-ups and phrase rules
// over the tokens of nlp.Doc. The lexicons are documented data files in
// lexicon/, embedded in the binary. When an entities stage ran before, its
// person and organisation entities refine source types and names; the stage
// does not need them.
package sourcing

import (
	"sort"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// Stage is the sourcing pipeline stage. It is safe for concurrent use.
type Stage struct {
	lx *Lexicon
}

// New returns the sourcing stage with the default lexicon.
func New() (*Stage, error) {
	lx, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	return &Stage{lx: lx}, nil
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "sourcing" }

// Annotate implements pipeline.Stage: it fills Attributions, VagueSources,
// Hedges, Claims and Sourcing.
func (st *Stage) Annotate(r *report.Report, d *nlp.Doc) error {
	x := newDoc(st.lx, d, r)
	defer x.release()
	x.extract()
	r.Attributions = make([]report.Attribution, 0, len(x.attrs))
	for _, a := range x.attrs {
		ra := report.Attribution{
			SourceName: a.name,
			SourceType: a.typ,
			Cue:        x.span(a.cue),
			Content:    x.span(a.content),
			Direct:     a.direct,
		}
		if !a.src.empty() {
			s := x.span(a.src)
			ra.Source = &s
		}
		r.Attributions = append(r.Attributions, ra)
	}
	r.VagueSources = []report.VagueSource{}
	for _, s := range x.vagueSources() {
		sp := x.span(s)
		r.VagueSources = append(r.VagueSources, report.VagueSource{Start: sp.Start, End: sp.End, Text: sp.Text})
	}
	hedges := x.hedges()
	r.Hedges = make([]report.Hedge, 0, len(hedges))
	for _, s := range hedges {
		sp := x.span(s)
		r.Hedges = append(r.Hedges, report.Hedge{Start: sp.Start, End: sp.End, Text: sp.Text})
	}
	r.Claims = x.claims(r)
	r.Sourcing = summarize(r)
	return nil
}

func (x *doc) span(s tspan) report.Span {
	if s.empty() {
		if s.s < x.n {
			t := x.d.Tokens[s.s]
			return report.Span{Start: t.RStart, End: t.RStart}
		}
		return report.Span{}
	}
	return x.d.SpanTokens(s.s, s.e)
}

// claims marks the check-worthy sentences (a number, or an event verb)
// and their support: attributed (an attribution's cue or content in the
// sentence), vague (a vague source), hedged, or unsupported. The title
// paragraph is left out.
func (x *doc) claims(r *report.Report) []report.Claim {
	out := []report.Claim{}
	for si, s := range x.d.Sentences {
		if s.Para == 0 && len(x.d.Sentences) > 1 && x.d.Sentences[len(x.d.Sentences)-1].Para > 0 {
			continue
		}
		if !x.checkWorthy(si) {
			continue
		}
		c := report.Claim{Start: s.RStart, End: s.REnd, Text: x.d.Text[s.Start:s.End], Support: "unsupported"}
		// the sentence's attribution: a named source beats a vague one
		for ai, a := range x.attrs {
			if x.sent[a.cue.s] == si || !a.content.empty() && x.sent[a.content.s] <= si && x.sent[a.content.e-1] >= si {
				vague := a.typ == "vague" || a.typ == "anonymous"
				if c.Attribution != nil && (vague || c.Support == "attributed") {
					continue
				}
				k := ai
				c.Attribution = &k
				c.Support = "attributed"
				if vague {
					c.Support = "vague"
				}
			}
		}
		if c.Support == "unsupported" {
			for _, v := range r.VagueSources {
				if v.Start >= s.RStart && v.Start < s.REnd {
					c.Support = "vague"
					break
				}
			}
		}
		if c.Support == "unsupported" {
			for _, h := range r.Hedges {
				if h.Start >= s.RStart && h.Start < s.REnd {
					c.Support = "hedged"
					break
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// checkWorthy reports whether sentence si is a claim: six or more words
// and numbers, one of them a number or an event verb, and no question.
func (x *doc) checkWorthy(si int) bool {
	s := x.d.Sentences[si]
	if s.Last > s.First && x.rawAt(s.Last-1) == "?" {
		return false
	}
	return x.sentSignal[si] && x.sentWords[si] >= 6
}

// summarize counts attributions per source type, the share of claims with
// no support and the most cited sources.
func summarize(r *report.Report) *report.SourcingSummary {
	sum := &report.SourcingSummary{ByType: map[string]int{}, TopSources: []report.SourceCount{}}
	counts := map[[2]string]int{}
	first := map[[2]string]int{}
	for i, a := range r.Attributions {
		sum.ByType[a.SourceType]++
		name := a.SourceName
		if name == "" {
			continue
		}
		k := [2]string{name, a.SourceType}
		if _, ok := counts[k]; !ok {
			first[k] = i
		}
		counts[k]++
	}
	for k, n := range counts {
		sum.TopSources = append(sum.TopSources, report.SourceCount{Name: k[0], Type: k[1], Count: n})
	}
	sort.Slice(sum.TopSources, func(i, j int) bool {
		a, b := sum.TopSources[i], sum.TopSources[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return first[[2]string{a.Name, a.Type}] < first[[2]string{b.Name, b.Type}]
	})
	if len(sum.TopSources) > 5 {
		sum.TopSources = sum.TopSources[:5]
	}
	sum.Claims = len(r.Claims)
	if sum.Claims > 0 {
		u := 0
		for _, c := range r.Claims {
			if c.Support == "unsupported" {
				u++
			}
		}
		sum.Unsupported = float64(u) / float64(sum.Claims)
	}
	return sum
}
