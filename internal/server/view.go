package server

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sift-project/sift/internal/report"
)

// Techniques is the SemEval-2020 Task 11 inventory in legend order; a
// technique's colour class is t<index>. Names not in the list get t14.
var Techniques = []string{
	"Loaded_Language",
	"Name_Calling,Labeling",
	"Repetition",
	"Exaggeration,Minimisation",
	"Doubt",
	"Appeal_to_fear-prejudice",
	"Flag-Waving",
	"Causal_Oversimplification",
	"Slogans",
	"Appeal_to_Authority",
	"Black-and-White_Fallacy",
	"Thought-terminating_Cliches",
	"Whataboutism,Straw_Men,Red_Herring",
	"Bandwagon,Reductio_ad_hitlerum",
}

var techniqueIndex = func() map[string]int {
	m := map[string]int{}
	for i, t := range Techniques {
		m[t] = i
	}
	return m
}()

// techClass is the colour class of a technique.
func techClass(t string) string {
	if i, ok := techniqueIndex[t]; ok {
		return "t" + strconv.Itoa(i)
	}
	return "t14"
}

// techLabel is a technique's name for people.
func techLabel(t string) string {
	return strings.NewReplacer("_", " ", ",", ", ").Replace(t)
}

// segment is a stretch of article text with the same set of marks. Its
// Text is plain text: the template escapes it.
type segment struct {
	Text  string
	Class string
	Title string
	// Refs lists what points at this text, space-separated: s<k> for
	// speaker k (its name or its words), r<i> for score reason i's
	// evidence, c<i> for claim i, e<i> for event i's evidence. A button
	// with data-ref="r0" lights up every piece whose refs hold r0.
	Refs string
}

// legendItem is one technique in the legend.
type legendItem struct {
	Technique string
	Label     string
	Class     string
	Count     int
	MaxScore  float64
}

// speaker is one cited source and what the article credits it with.
type speaker struct {
	Index int
	Name  string
	Type  string
	Items []credit
}

// credit is one attribution of a speaker.
type credit struct {
	Cue     string
	Content string
	Direct  bool
}

// eventRow is one event in the events table.
type eventRow struct {
	Type, Cause, Actor, Target, Location, Date, Casualties, Weapon, Evidence, Source string
}

// articleView is everything the article template shows.
type articleView struct {
	R         *report.Report
	SourceURL string // an http(s) URL, or "" (never a javascript: link)
	Segments  []segment
	// Section presence: nil sections are omitted from the page.
	HasTechniques, HasAttributions, HasHedges, HasVague, HasClaims, HasEntities, HasEvents bool

	Legend   []legendItem
	Speakers []speaker
	Hedges   []string
	Vague    []string
	Events   []eventRow
	Entities []entityGroup
	Claims   []report.Claim
	Scores   *report.Scores
	Stored   bool
	// Located holds the refs (r0, c1, e2) that point at text in Segments.
	Located map[string]bool
	// Coverage is the stored article's story, when the corpus knows it.
	Coverage *Coverage
}

// entityGroup lists an article's entities of one type.
type entityGroup struct {
	Type  string
	Names []string
}

// safeURL returns raw if it is an absolute http(s) URL, else "".
func safeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// mark is one interval of marked text in code points.
type mark struct {
	start, end int
	kind       int // markTech, markHedge, ...
	tech       string
	score      float64
	name       string
	// ref is what the mark belongs to (s0, r1, c2, e3), or "".
	ref string
}

const (
	markTech = iota
	markHedge
	markVague
	markSource
	markContent
	markMatch
	markEvidence
)

// newArticleView builds the view of r. Spans outside the text or with
// start >= end are skipped, so a bad report cannot break the page.
func newArticleView(r *report.Report) *articleView {
	v := &articleView{R: r, SourceURL: safeURL(r.Source.URL), Scores: r.Scores}
	v.HasTechniques = r.Techniques != nil
	v.HasAttributions = r.Attributions != nil
	v.HasHedges = r.Hedges != nil
	v.HasVague = r.VagueSources != nil
	v.HasClaims = r.Claims != nil
	v.HasEntities = r.Entities != nil
	v.HasEvents = r.Events != nil
	v.Claims = r.Claims

	var marks []mark
	legend := map[string]*legendItem{}
	for _, t := range r.Techniques {
		marks = append(marks, mark{start: t.Start, end: t.End, kind: markTech, tech: t.Technique, score: t.Score})
		li := legend[t.Technique]
		if li == nil {
			li = &legendItem{Technique: t.Technique, Label: techLabel(t.Technique), Class: techClass(t.Technique)}
			legend[t.Technique] = li
		}
		li.Count++
		li.MaxScore = max(li.MaxScore, t.Score)
	}
	for _, li := range legend {
		v.Legend = append(v.Legend, *li)
	}
	sort.Slice(v.Legend, func(i, j int) bool {
		a, b := v.Legend[i], v.Legend[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Technique < b.Technique
	})
	for _, h := range r.Hedges {
		marks = append(marks, mark{start: h.Start, end: h.End, kind: markHedge})
		v.Hedges = append(v.Hedges, h.Text)
	}
	for _, h := range r.VagueSources {
		marks = append(marks, mark{start: h.Start, end: h.End, kind: markVague})
		v.Vague = append(v.Vague, h.Text)
	}
	byName := map[string]int{}
	for _, a := range r.Attributions {
		name := a.SourceName
		if name == "" && a.Source != nil {
			name = a.Source.Text
		}
		if name == "" {
			name = "(unnamed: " + a.SourceType + ")"
		}
		k, ok := byName[name]
		if !ok {
			k = len(v.Speakers)
			byName[name] = k
			v.Speakers = append(v.Speakers, speaker{Index: k, Name: name, Type: a.SourceType})
		}
		v.Speakers[k].Items = append(v.Speakers[k].Items, credit{Cue: a.Cue.Text, Content: a.Content.Text, Direct: a.Direct})
		if a.Source != nil {
			marks = append(marks, mark{start: a.Source.Start, end: a.Source.End, kind: markSource, ref: "s" + strconv.Itoa(k), name: name})
		}
		marks = append(marks, mark{start: a.Content.Start, end: a.Content.End, kind: markContent, ref: "s" + strconv.Itoa(k), name: name})
	}
	if r.Scores != nil {
		for i, rs := range r.Scores.Reasons {
			for _, sp := range rs.Spans {
				marks = append(marks, mark{start: sp.Start, end: sp.End, kind: markEvidence, ref: "r" + strconv.Itoa(i)})
			}
		}
	}
	for i, c := range r.Claims {
		marks = append(marks, mark{start: c.Start, end: c.End, kind: markEvidence, ref: "c" + strconv.Itoa(i)})
	}
	for i, e := range r.Events {
		marks = append(marks, mark{start: e.Evidence.Start, end: e.Evidence.End, kind: markEvidence, ref: "e" + strconv.Itoa(i)})
	}
	v.Segments = segments(r.Text, marks)
	v.Located = map[string]bool{}
	for _, sg := range v.Segments {
		for _, ref := range strings.Fields(sg.Refs) {
			v.Located[ref] = true
		}
	}

	for _, e := range r.Events {
		row := eventRow{Type: e.Type, Cause: e.Cause, Date: e.Date, Weapon: e.Weapon, Evidence: e.Evidence.Text}
		if e.Actor != nil {
			row.Actor = e.Actor.Name
		}
		if e.Target != nil {
			row.Target = e.Target.Name
		}
		if e.Location != nil {
			row.Location = strings.Join(nonEmpty(e.Location.Name, e.Location.Governorate, e.Location.Country), ", ")
		}
		if c := e.Casualties; c != nil {
			var parts []string
			for _, p := range []struct {
				n    *int
				what string
			}{{c.Killed, "killed"}, {c.Civilians, "civilians"}, {c.Children, "children"}, {c.Women, "women"}, {c.Combatants, "combatants"}, {c.Injured, "injured"}} {
				if p.n != nil {
					parts = append(parts, fmt.Sprintf("%d %s", *p.n, p.what))
				}
			}
			row.Casualties = strings.Join(parts, ", ")
		}
		if e.Attribution != nil && *e.Attribution >= 0 && *e.Attribution < len(r.Attributions) {
			a := r.Attributions[*e.Attribution]
			row.Source = a.SourceName
			if row.Source == "" && a.Source != nil {
				row.Source = a.Source.Text
			}
		}
		v.Events = append(v.Events, row)
	}
	groups := map[string]map[string]bool{}
	var types []string
	for _, e := range r.Entities {
		name := e.Name
		if name == "" {
			name = e.Text
		}
		if groups[e.Type] == nil {
			groups[e.Type] = map[string]bool{}
			types = append(types, e.Type)
		}
		groups[e.Type][name] = true
	}
	sort.Strings(types)
	for _, t := range types {
		g := entityGroup{Type: t}
		for n := range groups[t] {
			g.Names = append(g.Names, n)
		}
		sort.Strings(g.Names)
		v.Entities = append(v.Entities, g)
	}
	return v
}

// nonEmpty returns the non-empty strings, each once (ignoring case).
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, s) }) {
			out = append(out, s)
		}
	}
	return out
}

// segments cuts text at every mark boundary and gives each piece the
// classes and hover title of the marks covering it. Overlapping technique
// spans share a piece: its colour is the shortest (innermost) technique's,
// it gets the class "multi", and its title lists every technique.
func segments(text string, marks []mark) []segment {
	runes := []rune(text)
	n := len(runes)
	valid := marks[:0:0]
	for _, m := range marks {
		if m.start >= 0 && m.end <= n && m.start < m.end {
			valid = append(valid, m)
		}
	}
	cuts := []int{0, n}
	for _, m := range valid {
		cuts = append(cuts, m.start, m.end)
	}
	sort.Ints(cuts)
	uniq := cuts[:1]
	for _, c := range cuts[1:] {
		if c != uniq[len(uniq)-1] {
			uniq = append(uniq, c)
		}
	}
	cuts = uniq
	if n == 0 {
		return nil
	}
	cover := make([][]int, len(cuts)-1) // piece -> indices into valid
	for mi, m := range valid {
		i := sort.SearchInts(cuts, m.start)
		for ; i < len(cuts)-1 && cuts[i] < m.end; i++ {
			cover[i] = append(cover[i], mi)
		}
	}
	out := make([]segment, 0, len(cuts)-1)
	for i := 0; i+1 < len(cuts); i++ {
		seg := segment{Text: string(runes[cuts[i]:cuts[i+1]])}
		var classes, titles []string
		var refs []string
		inner := -1
		techs := 0
		seenRef := map[string]bool{}
		for _, mi := range cover[i] {
			m := valid[mi]
			switch m.kind {
			case markTech:
				techs++
				if inner < 0 || m.end-m.start < valid[inner].end-valid[inner].start {
					inner = mi
				}
				titles = append(titles, fmt.Sprintf("%s (%.2f)", techLabel(m.tech), m.score))
			case markHedge:
				classes = append(classes, "hedge")
				titles = append(titles, "hedge")
			case markVague:
				classes = append(classes, "vague")
				titles = append(titles, "vague source")
			case markSource:
				classes = append(classes, "src")
				titles = append(titles, "source: "+m.name)
			case markMatch:
				classes = append(classes, "match")
			case markContent:
				classes = append(classes, "said")
				titles = append(titles, "credited to "+m.name)
			}
			if m.ref != "" && !seenRef[m.ref] {
				seenRef[m.ref] = true
				refs = append(refs, m.ref)
			}
		}
		if techs > 0 {
			classes = append([]string{"hl", techClass(valid[inner].tech)}, classes...)
			if techs > 1 {
				classes = append(classes, "multi")
			}
		}
		seg.Class = strings.Join(dedupe(classes), " ")
		seg.Title = strings.Join(dedupe(titles), "; ")
		seg.Refs = strings.Join(refs, " ")
		// Merge with the previous piece when nothing differs.
		if len(out) > 0 {
			p := &out[len(out)-1]
			if p.Class == seg.Class && p.Title == seg.Title && p.Refs == seg.Refs && seg.Class == "" {
				p.Text += seg.Text
				continue
			}
		}
		out = append(out, seg)
	}
	return out
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// snippetSegments cuts a search snippet at its highlights; matched pieces
// get the class "match". Text stays plain: the template escapes it.
func snippetSegments(h SearchHit) []segment {
	marks := make([]mark, 0, len(h.Highlights))
	for _, hl := range h.Highlights {
		marks = append(marks, mark{start: hl.Start, end: hl.End, kind: markMatch})
	}
	return segments(h.Snippet, marks)
}
