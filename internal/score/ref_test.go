package score

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/sift-project/sift/internal/report"
)

// This file keeps Features as it was before its speed work (commit
// 81cf5ef), names prefixed with ref, as the reference the faster code is
// compared against (TestFeaturesMatchReference).

// refFeatures returns the feature vector of a report and evidence (nil: none),
// with the reasons behind each non-zero feature.
func refFeatures(r *report.Report, ev *Evidence) (x [NumFeatures]float64, sc report.Scores) {
	sc.Reasons = []report.Reason{}
	nw := float64(words(r.Text))
	if r.Techniques != nil {
		spans := 0.0
		for _, t := range r.Techniques {
			w := t.Score
			if w <= 0 || w > 1 {
				w = 1
			}
			spans += w
		}
		density := 1000 * spans / nw
		sc.Propaganda = clamp01(1 - math.Exp(-density/propagandaScale))
		x[FPropaganda] = 0.5 - sc.Propaganda
		text := fmt.Sprintf("%.1f technique spans per 1,000 words", density)
		if top := refTopTechniques(r.Techniques, 3); top != "" {
			text += " (" + top + ")"
		}
		sc.Reasons = append(sc.Reasons, report.Reason{Score: "propaganda", Weight: sc.Propaganda, Text: text, Spans: refStrongest(r.Techniques, 3)})
	}
	hasSourcing := r.Claims != nil || r.Attributions != nil || r.Sourcing != nil
	if hasSourcing {
		var attributed, hedged, vague, unsupported int
		var spans []report.Span
		for _, c := range r.Claims {
			switch c.Support {
			case "attributed":
				attributed++
			case "hedged":
				hedged++
			case "vague":
				vague++
			default:
				unsupported++
				if len(spans) < 3 {
					spans = append(spans, report.Span{Start: c.Start, End: c.End, Text: c.Text})
				}
			}
		}
		claims := attributed + hedged + vague + unsupported
		if claims > 0 {
			sc.Sourcing = clamp01((float64(attributed) + 0.5*float64(hedged) + 0.25*float64(vague)) / float64(claims))
			sc.Reasons = append(sc.Reasons, report.Reason{Score: "sourcing", Weight: sc.Sourcing,
				Text:  fmt.Sprintf("%d of %d claims attributed, %d hedged, %d to vague sources, %d unsupported", attributed, claims, hedged, vague, unsupported),
				Spans: spans})
		} else {
			named, vagueA := 0, 0
			for _, a := range r.Attributions {
				if a.SourceType == "vague" || a.SourceType == "anonymous" {
					vagueA++
				} else {
					named++
				}
			}
			if named+vagueA > 0 {
				sc.Sourcing = float64(named) / float64(named+vagueA)
				sc.Reasons = append(sc.Reasons, report.Reason{Score: "sourcing", Weight: sc.Sourcing,
					Text: fmt.Sprintf("%d named and %d vague or anonymous sources", named, vagueA)})
			} else {
				sc.Sourcing = 0
				sc.Reasons = append(sc.Reasons, report.Reason{Score: "sourcing", Weight: 0, Text: "no claim or statement is attributed to a source"})
			}
		}
		x[FSourcing] = sc.Sourcing - sourcingCentre
	}
	if r.Hedges != nil && len(r.Hedges) > 0 {
		per100 := 100 * float64(len(r.Hedges)) / nw
		x[FHedging] = -math.Min(per100, 2) / 2
		var spans []report.Span
		for _, h := range r.Hedges[:min(3, len(r.Hedges))] {
			spans = append(spans, report.Span{Start: h.Start, End: h.End, Text: h.Text})
		}
		sc.Reasons = append(sc.Reasons, report.Reason{Score: "credibility", Weight: x[FHedging],
			Text: fmt.Sprintf("%d hedges (%.1f per 100 words)", len(r.Hedges), per100), Spans: spans})
	}
	if ev != nil {
		if ev.Quality != nil {
			x[FQuality] = *ev.Quality - 0.5
			sc.Reasons = append(sc.Reasons, report.Reason{Score: "credibility", Weight: x[FQuality], Outlet: ev.Outlet,
				Text: fmt.Sprintf("outlet %s is rated %.2f of 1 for quality (Lin et al. 2023)", ev.Outlet, *ev.Quality)})
		}
		if len(ev.Tags) > 0 {
			sc.Reasons = append(sc.Reasons, report.Reason{Score: "credibility", Outlet: ev.Outlet,
				Text: fmt.Sprintf("OpenSources tags %s as %s", ev.Outlet, strings.Join(ev.Tags, ", "))})
		}
		if ev.Story != "" {
			x[FOutlets] = math.Min(float64(ev.Outlets), 5) / 5
			text := fmt.Sprintf("%d other outlets report the same story", ev.Outlets)
			if n := ev.Agree + ev.Conflict; n > 0 {
				x[FCorroborated] = float64(ev.Agree-ev.Conflict) / float64(n)
				text += fmt.Sprintf("; they confirm %d and contradict %d of its facts", ev.Agree, ev.Conflict)
			}
			if ev.Duplicate {
				text += "; it nearly copies another report"
			}
			sc.Reasons = append(sc.Reasons, report.Reason{Score: "credibility", Weight: x[FCorroborated], Story: ev.Story, Text: text})
		}
	}
	return x, sc
}

func refTopTechniques(ts []report.Technique, n int) string {
	counts := map[string]int{}
	for _, t := range ts {
		counts[t.Technique]++
	}
	names := make([]string, 0, len(counts))
	for k := range counts {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if counts[names[i]] != counts[names[j]] {
			return counts[names[i]] > counts[names[j]]
		}
		return names[i] < names[j]
	})
	var parts []string
	for _, k := range names[:min(n, len(names))] {
		parts = append(parts, fmt.Sprintf("%s ×%d", k, counts[k]))
	}
	return strings.Join(parts, ", ")
}

func refStrongest(ts []report.Technique, n int) []report.Span {
	idx := make([]int, len(ts))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ts[idx[a]].Score > ts[idx[b]].Score })
	var out []report.Span
	for _, i := range idx[:min(n, len(idx))] {
		out = append(out, report.Span{Start: ts[i].Start, End: ts[i].End, Text: ts[i].Text})
	}
	return out
}
