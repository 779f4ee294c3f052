package server

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/sift-project/sift/internal/offsets"
	"github.com/sift-project/sift/internal/report"
)

// ruleAnalyzer is a stand-in for the real pipeline: it lays the text out
// as the cleaner does and marks fixed phrases, so the page can be tested
// with every section filled whether or not the real stages have landed.
type ruleAnalyzer struct {
	delay time.Duration
	mu    sync.Mutex
	calls int
}

var (
	ruleTechniques = []struct {
		re    *regexp.Regexp
		tech  string
		score float64
	}{
		{regexp.MustCompile(`barbaric terrorists`), "Loaded_Language", 0.91},
		{regexp.MustCompile(`terrorists`), "Name_Calling,Labeling", 0.84},
		{regexp.MustCompile(`every drop of Syrian blood`), "Appeal_to_fear-prejudice", 0.66},
		{regexp.MustCompile(`never surrender`), "Slogans", 0.58},
	}
	ruleHedges = regexp.MustCompile(`allegedly|may have|could not be verified`)
	ruleVague  = regexp.MustCompile(`Some sources|Activists`)
	ruleSaid   = regexp.MustCompile(`(The ministry|The minister|Fares Shehabi|Activists|Some sources) (said|claimed) ([^\n]*?\.)(?:\s|$)`)
	ruleEvent  = regexp.MustCompile(`(?i)[^.\n]*(?:shell|airstrike|jets)[^.\n]*\.`)
)

func (a *ruleAnalyzer) Text(text string, src report.Source, title string) (*report.Report, error) {
	a.mu.Lock()
	a.calls++
	a.mu.Unlock()
	if a.delay > 0 {
		time.Sleep(a.delay)
	}
	first, body, _ := strings.Cut(strings.TrimSpace(text), "\n")
	if title == "" {
		title = strings.TrimSpace(first)
	} else {
		body = text
	}
	r := &report.Report{Source: src, Title: title, Byline: []string{}, Removed: []report.Removed{}}
	r.Text = title + "\n\n" + strings.TrimSpace(body)
	r.ID = report.HashText(r.Text)
	ix := offsets.New(r.Text)
	span := func(b0, b1 int) report.Span {
		return report.Span{Start: ix.Rune(b0), End: ix.Rune(b1), Text: r.Text[b0:b1]}
	}
	r.Sentences = []report.Span{}
	r.Techniques = []report.Technique{}
	for _, rt := range ruleTechniques {
		for _, m := range rt.re.FindAllStringIndex(r.Text, -1) {
			s := span(m[0], m[1])
			r.Techniques = append(r.Techniques, report.Technique{Technique: rt.tech, Start: s.Start, End: s.End, Text: s.Text, Score: rt.score})
		}
	}
	r.Hedges = []report.Hedge{}
	for _, m := range ruleHedges.FindAllStringIndex(r.Text, -1) {
		s := span(m[0], m[1])
		r.Hedges = append(r.Hedges, report.Hedge(s))
	}
	r.VagueSources = []report.VagueSource{}
	for _, m := range ruleVague.FindAllStringIndex(r.Text, -1) {
		s := span(m[0], m[1])
		r.VagueSources = append(r.VagueSources, report.VagueSource(s))
	}
	r.Attributions = []report.Attribution{}
	for _, m := range ruleSaid.FindAllStringSubmatchIndex(r.Text, -1) {
		src := span(m[2], m[3])
		typ := "organization"
		switch src.Text {
		case "Fares Shehabi", "The minister":
			typ = "person"
		case "Activists", "Some sources":
			typ = "vague"
		}
		content := span(m[6], m[7])
		r.Attributions = append(r.Attributions, report.Attribution{
			Source: &src, SourceName: src.Text, SourceType: typ, Cue: span(m[4], m[5]), Content: content,
			Direct: strings.HasPrefix(content.Text, `"`),
		})
	}
	r.Events = []report.Event{}
	for _, m := range ruleEvent.FindAllStringIndex(r.Text, -1) {
		ev := report.Event{Type: "shelling", Cause: "Shooting", Evidence: span(m[0], m[1]),
			Actor: &report.Party{Name: r.Title, Category: "unknown"}, Location: &report.Location{Name: "Aleppo", Country: "Syria"}}
		if strings.Contains(ev.Evidence.Text, "airstrike") || strings.Contains(ev.Evidence.Text, "jets") {
			ev.Type = "airstrike"
		}
		for i, at := range r.Attributions {
			if at.Content.Start <= ev.Evidence.Start && ev.Evidence.End <= at.Content.End+1 || (ev.Evidence.Start <= at.Content.Start && at.Content.End <= ev.Evidence.End) {
				ev.Attribution = &i
				break
			}
		}
		if strings.Contains(ev.Evidence.Text, "twelve") {
			k, c := 12, 4
			ev.Casualties = &report.Casualties{Killed: &k, Children: &c}
		}
		r.Events = append(r.Events, ev)
	}
	prop := min(1, float64(len(r.Techniques))/6)
	r.Scores = &report.Scores{Propaganda: prop, Sourcing: 0.4, Credibility: 1 - prop, Reasons: []report.Reason{
		{Score: "propaganda", Weight: prop, Text: "technique spans found in the text"},
		{Score: "sourcing", Weight: -0.2, Text: "vague sources carry claims", Spans: vagueSpans(r)},
	}}
	return r, nil
}

func vagueSpans(r *report.Report) []report.Span {
	var out []report.Span
	for _, v := range r.VagueSources {
		out = append(out, report.Span(v))
	}
	return out
}

// fixedAnalyzer returns a deep copy of one report whatever it is given.
type fixedAnalyzer struct{ rep *report.Report }

func (a fixedAnalyzer) Text(string, report.Source, string) (*report.Report, error) {
	data, err := json.Marshal(a.rep)
	if err != nil {
		return nil, err
	}
	var r report.Report
	return &r, json.Unmarshal(data, &r)
}

// memCorpus is an in-memory Corpus for tests.
type memCorpus struct {
	articles map[string]*report.Report
	outlets  map[string]*OutletProfile
	stories  map[string]*Story
}

func (c *memCorpus) Article(_ context.Context, id string) (*report.Report, error) {
	if r, ok := c.articles[id]; ok {
		return r, nil
	}
	return nil, ErrNotFound
}

func (c *memCorpus) Search(_ context.Context, q SearchQuery) ([]SearchHit, error) {
	var hits []SearchHit
	skip := q.Offset
	for _, r := range c.articles {
		if q.Text != "" && !strings.Contains(strings.ToLower(r.Text), strings.ToLower(q.Text)) {
			continue
		}
		if q.Outlet != "" && r.Source.Domain != q.Outlet && r.Source.Outlet != q.Outlet {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		h := SearchHit{ID: r.ID, Title: r.Title, Outlet: r.Source.Outlet, Domain: r.Source.Domain, Snippet: firstN(r.Text, 120)}
		if i := strings.Index(strings.ToLower(h.Snippet), strings.ToLower(q.Text)); q.Text != "" && i >= 0 {
			start := len([]rune(h.Snippet[:i]))
			h.Highlights = []Highlight{{start, start + len([]rune(q.Text))}}
		}
		if r.Scores != nil {
			p := r.Scores.Propaganda
			h.Propaganda = &p
		}
		hits = append(hits, h)
		if len(hits) == q.Limit {
			break
		}
	}
	return hits, nil
}

func firstN(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func (c *memCorpus) Outlet(_ context.Context, d string) (*OutletProfile, error) {
	if o, ok := c.outlets[d]; ok {
		return o, nil
	}
	return nil, ErrNotFound
}

func (c *memCorpus) Stories(_ context.Context, limit int) ([]Story, error) {
	var out []Story
	for _, s := range c.stories {
		out = append(out, *s)
	}
	return out[:min(limit, len(out))], nil
}

func (c *memCorpus) Story(_ context.Context, id string) (*Story, error) {
	if s, ok := c.stories[id]; ok {
		cp := *s
		cp.Facts = append([]StoryFact(nil), s.Facts...)
		return &cp, nil
	}
	return nil, ErrNotFound
}

func fp(f float64) *float64 { return &f }

// testCorpus returns a corpus with one article, one outlet and one story
// whose metadata carry XSS payloads.
func testCorpus(rep *report.Report) *memCorpus {
	return &memCorpus{
		articles: map[string]*report.Report{rep.ID: rep},
		outlets: map[string]*OutletProfile{"sana.sy": {
			Name: "SANA <script>window.__xss='outlet'</script>", Domain: "sana.sy", Articles: 42,
			Ratings:    []Rating{{Source: "OpenSources", Label: "state", Note: `<img src=x onerror="window.__xss='rating'">`}, {Source: "Lin et al. 2023", Label: "0.31", Score: fp(0.31)}},
			Techniques: []TechniqueCount{{"Loaded_Language", 120, 2.86}, {"Name_Calling,Labeling", 80, 1.9}, {"Flag-Waving", 12, 0.29}},
			Density:    []DensityPoint{{"2017-01", 10, 4.2}, {"2017-02", 14, 5.9}, {"2017-03", 9, 3.1}, {"2017-04", 9, 6.6}},
			Propaganda: fp(0.61), Credibility: fp(0.35),
		}},
		stories: map[string]*Story{"s1": {
			ID: "s1", Title: "Aleppo suburb shelled",
			Articles: []StoryArticle{
				{ID: rep.ID, Title: "Militants shell Aleppo suburb", Outlet: "SANA", Domain: "sana.sy", Lead: "Shells struck <b>Aleppo</b>", Propaganda: fp(0.7)},
				{ID: "b2", Title: "Aleppo district hit", Outlet: "Reuters", Domain: "reuters.com", Credibility: fp(0.8)},
			},
			Facts: []StoryFact{
				{Field: "killed", Values: []string{"12", "9"}},
				{Field: "location", Values: []string{"Aleppo", "Aleppo"}},
				{Field: "actor", Values: []string{"militants", ""}},
			},
		}},
	}
}

// Coverage puts every stored article in story s1.
func (c *memCorpus) Coverage(_ context.Context, id string) (Coverage, error) {
	if _, ok := c.articles[id]; !ok {
		return Coverage{}, nil
	}
	return Coverage{Story: "s1", Outlets: 1, Agree: 1, Conflict: 1}, nil
}
