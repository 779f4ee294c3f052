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
	"slices"
	"strings"

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
	nsrc := 0
	for _, a := range x.attrs {
		if !a.src.empty() {
			nsrc++
		}
	}
	srcs := make([]report.Span, 0, nsrc) // the Source spans, one allocation
	for _, a := range x.attrs {
		ra := report.Attribution{
			SourceName: a.name,
			SourceType: a.typ,
			Cue:        x.span(a.cue),
			Content:    x.span(a.content),
			Direct:     a.direct,
		}
		if !a.src.empty() {
			srcs = append(srcs, x.span(a.src))
			ra.Source = &srcs[len(srcs)-1]
		}
		r.Attributions = append(r.Attributions, ra)
	}
	vague := x.vagueSources()
	r.VagueSources = make([]report.VagueSource, 0, len(vague))
	for _, s := range vague {
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
	r.Sourcing = x.summarize(r)
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
	sents := x.d.Sentences
	noTitle := len(sents) > 1 && sents[len(sents)-1].Para > 0
	n := 0
	for si, s := range sents {
		if !(s.Para == 0 && noTitle) && x.checkWorthy(si) {
			n++
		}
	}
	out := make([]report.Claim, 0, n)
	idx := make([]int, n) // the claims' attribution numbers, one allocation
	// each sentence's first attribution, and first with a named source,
	// with its cue in the sentence or its content over it
	firstAny, firstNamed := nlp.Zeroed(x.firstAny, len(sents)), nlp.Zeroed(x.firstNamed, len(sents))
	x.firstAny, x.firstNamed = firstAny, firstNamed
	for ai := len(x.attrs) - 1; ai >= 0; ai-- { // the first one last
		a := &x.attrs[ai]
		named := a.typ != "vague" && a.typ != "anonymous"
		mark := func(si int) {
			firstAny[si] = ai + 1
			if named {
				firstNamed[si] = ai + 1
			}
		}
		mark(x.sent[a.cue.s])
		if !a.content.empty() {
			for si := x.sent[a.content.s]; si <= x.sent[a.content.e-1]; si++ {
				mark(si)
			}
		}
	}
	for si, s := range sents {
		if s.Para == 0 && noTitle {
			continue
		}
		if !x.checkWorthy(si) {
			continue
		}
		c := report.Claim{Start: s.RStart, End: s.REnd, Text: x.d.Text[s.Start:s.End], Support: "unsupported"}
		// the sentence's attribution: a named source beats a vague one
		switch {
		case firstNamed[si] > 0:
			idx[len(out)] = firstNamed[si] - 1
			c.Attribution, c.Support = &idx[len(out)], "attributed"
		case firstAny[si] > 0:
			idx[len(out)] = firstAny[si] - 1
			c.Attribution, c.Support = &idx[len(out)], "vague"
		}
		// a vague source or a hedge starting in the sentence (both lists
		// are in text order)
		if c.Support == "unsupported" {
			if k, _ := slices.BinarySearchFunc(r.VagueSources, s.RStart, func(v report.VagueSource, t int) int { return v.Start - t }); k < len(r.VagueSources) && r.VagueSources[k].Start < s.REnd {
				c.Support = "vague"
			}
		}
		if c.Support == "unsupported" {
			if k, _ := slices.BinarySearchFunc(r.Hedges, s.RStart, func(h report.Hedge, t int) int { return h.Start - t }); k < len(r.Hedges) && r.Hedges[k].Start < s.REnd {
				c.Support = "hedged"
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
func (x *doc) summarize(r *report.Report) *report.SourcingSummary {
	sum := &report.SourcingSummary{ByType: map[string]int{}, TopSources: []report.SourceCount{}}
	// the named attributions grouped by (name, type), each group by its
	// first attribution: sorted, equal keys are adjacent
	named := x.named[:0]
	for i, a := range r.Attributions {
		sum.ByType[a.SourceType]++
		if a.SourceName != "" {
			named = append(named, i)
		}
	}
	slices.SortFunc(named, func(i, j int) int {
		a, b := &r.Attributions[i], &r.Attributions[j]
		if c := strings.Compare(a.SourceName, b.SourceName); c != 0 {
			return c
		}
		if c := strings.Compare(a.SourceType, b.SourceType); c != 0 {
			return c
		}
		return i - j
	})
	groups := x.groups[:0]
	for k := 0; k < len(named); {
		a := &r.Attributions[named[k]]
		e := k + 1
		for e < len(named) && r.Attributions[named[e]].SourceName == a.SourceName && r.Attributions[named[e]].SourceType == a.SourceType {
			e++
		}
		groups = append(groups, sourceGroup{first: named[k], count: e - k})
		k = e
	}
	// most cited first, then the first cited
	slices.SortFunc(groups, func(a, b sourceGroup) int {
		if a.count != b.count {
			return b.count - a.count
		}
		return a.first - b.first
	})
	if len(groups) > 5 {
		groups = groups[:5]
	}
	if len(groups) > 0 {
		sum.TopSources = make([]report.SourceCount, len(groups))
		for k, g := range groups {
			a := &r.Attributions[g.first]
			sum.TopSources[k] = report.SourceCount{Name: a.SourceName, Type: a.SourceType, Count: g.count}
		}
	}
	x.named, x.groups = named, groups
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
