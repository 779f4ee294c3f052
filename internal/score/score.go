// Package score turns a report's sections into scores in [0,1] with
// reasons: propaganda (how much technique the text carries), sourcing (how
// well its claims are sourced) and credibility (>= 0.5 reads as credible).
// A section a stage did not compute contributes nothing: it is never
// guessed. In a corpus, Rescore adds the outlet's public ratings and the
// corroboration of the report's facts by other outlets.
package score

import (
	"fmt"
	"math"
	"math/bits"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// Feature names, in the order of Features' vector.
const (
	FPropaganda   = iota // 0.5 - propaganda, when techniques are present
	FSourcing            // sourcing - 0.5, when sourcing is present
	FHedging             // -(hedges per 100 words), when hedges are present
	FQuality             // outlet quality - 0.5, when the outlet is rated
	FCorroborated        // (agree - conflict) / comparisons, in a story with compared facts
	FOutlets             // other outlets telling the story / 5, capped at 1
	NumFeatures
)

// Calibration, from the distribution over the FA-KES and PTC articles
// (988 reports): median technique density is 18.5 spans per 1,000 words
// (10th-90th percentile 8.6-36.4) and median sourcing 0.38, so that a
// median article reads propaganda 0.5 and contributes nothing either way.
const (
	propagandaScale = 27.0
	sourcingCentre  = 0.4
)

// FeatureNames names the features.
var FeatureNames = [NumFeatures]string{"propaganda", "sourcing", "hedging", "outlet_quality", "corroboration", "story_outlets"}

// Model is a logistic model of credibility over the features.
type Model struct {
	Bias    float64              `json:"bias"`
	Weights [NumFeatures]float64 `json:"weights"`
}

// Default is the shipped model: hand-set weights with the signs the
// literature supports (more technique and weaker sourcing read as less
// credible; rated outlets and corroborated facts as more). `sift eval
// credibility` reports how it does and how weights fitted on training
// folds do.
var Default = Model{Weights: [NumFeatures]float64{3, 2, 1, 3, 2, 0.5}}

// Credibility returns the model's probability for a feature vector.
func (m Model) Credibility(x [NumFeatures]float64) float64 {
	z := m.Bias
	for i, v := range x {
		z += m.Weights[i] * v
	}
	return 1 / (1 + math.Exp(-z))
}

// Evidence is what a corpus knows about a report.
type Evidence struct {
	// Outlet is the outlet's domain or name; Quality its public rating in
	// [0,1] (nil when unrated); Tags its OpenSources tags.
	Outlet  string
	Quality *float64
	Tags    []string
	// Story is the report's story; Outlets the number of other outlets
	// telling it; Agree and Conflict the report's facts they confirm or
	// contradict.
	Story           string
	Outlets         int
	Agree, Conflict int
	Duplicate       bool
}

// Stage is the pipeline stage "scores"; it runs last.
type Stage struct {
	Model Model
}

// NewStage returns the scores stage with the default model.
func NewStage() *Stage { return &Stage{Model: Default} }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "scores" }

// Annotate implements pipeline.Stage: it fills r.Scores from the sections
// present.
func (s *Stage) Annotate(r *report.Report, _ *nlp.Doc) error {
	r.Scores = Compute(r, nil, s.Model)
	return nil
}

// Rescore recomputes r.Scores with corpus evidence.
func Rescore(r *report.Report, ev *Evidence, m Model) { r.Scores = Compute(r, ev, m) }

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

func words(text string) int { return max(1, countFields(text)) }

// asciiSpace marks the ASCII white space characters (unicode.IsSpace).
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// countFields returns len(strings.Fields(s)) without building the slice:
// the runs of characters that are not white space (unicode.IsSpace).
// ASCII text goes eight bytes at a time.
func countFields(s string) int {
	n := 0
	prev := uint8(1) // the previous character was a space (or none)
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := nlp.Load8(s[i:])
			if x&hi == 0 {
				sp := spaceBytes(x)
				// A field starts at a byte that is no space after one
				// that is (the previous chunk's last byte for the first).
				before := sp<<8 | uint64(prev)<<7
				n += bits.OnesCount64(^sp & hi & before)
				prev = uint8(sp >> 63)
				i += 8
				continue
			}
		}
		var sp uint8
		if c := s[i]; c < utf8.RuneSelf {
			sp = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				sp = 1
			}
			i += size
		}
		// A field starts where a non-space follows a space.
		n += int(prev &^ sp)
		prev = sp
	}
	return n
}

const (
	lo = 0x0101010101010101
	hi = 0x8080808080808080
)

// spaceBytes returns the high bit of each byte of x (eight ASCII bytes)
// that is white space: ' ', or '\t' to '\r' (9 to 13). No byte
// carries into the next: each sum stays under 0x100.
func spaceBytes(x uint64) uint64 {
	blank := x ^ (' ' * lo)
	// A byte is zero exactly when its low seven bits plus 0x7f leave the
	// high bit clear and its own high bit is clear.
	isBlank := ^((blank&^hi + 0x7f*lo) | blank) & hi
	ctrl := (x + (0x80-9)*lo) &^ (x + (0x80-14)*lo) & hi // 9 <= byte < 14
	return isBlank | ctrl
}

// Features returns the feature vector of a report and evidence (nil: none),
// with the reasons behind each non-zero feature.
func Features(r *report.Report, ev *Evidence) (x [NumFeatures]float64, sc report.Scores) {
	sc.Reasons = make([]report.Reason, 0, 4)
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
		b := make([]byte, 0, 96)
		b = strconv.AppendFloat(b, density, 'f', 1, 64)
		b = append(b, " technique spans per 1,000 words"...)
		b = appendTopTechniques(b, r.Techniques, 3)
		sc.Reasons = append(sc.Reasons, report.Reason{Score: "propaganda", Weight: sc.Propaganda, Text: string(b), Spans: strongest(r.Techniques, 3)})
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
					if spans == nil {
						spans = make([]report.Span, 0, 3)
					}
					spans = append(spans, report.Span{Start: c.Start, End: c.End, Text: c.Text})
				}
			}
		}
		claims := attributed + hedged + vague + unsupported
		if claims > 0 {
			sc.Sourcing = clamp01((float64(attributed) + 0.5*float64(hedged) + 0.25*float64(vague)) / float64(claims))
			sc.Reasons = append(sc.Reasons, report.Reason{Score: "sourcing", Weight: sc.Sourcing,
				Text:  claimsText(attributed, claims, hedged, vague, unsupported),
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
		spans := make([]report.Span, 0, min(3, len(r.Hedges)))
		for _, h := range r.Hedges[:min(3, len(r.Hedges))] {
			spans = append(spans, report.Span{Start: h.Start, End: h.End, Text: h.Text})
		}
		sc.Reasons = append(sc.Reasons, report.Reason{Score: "credibility", Weight: x[FHedging],
			Text: hedgesText(len(r.Hedges), per100), Spans: spans})
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

// claimsText is the sourcing reason's text: "3 of 9 claims attributed, 1
// hedged, 2 to vague sources, 3 unsupported".
func claimsText(attributed, claims, hedged, vague, unsupported int) string {
	b := make([]byte, 0, 80)
	b = strconv.AppendInt(b, int64(attributed), 10)
	b = append(b, " of "...)
	b = strconv.AppendInt(b, int64(claims), 10)
	b = append(b, " claims attributed, "...)
	b = strconv.AppendInt(b, int64(hedged), 10)
	b = append(b, " hedged, "...)
	b = strconv.AppendInt(b, int64(vague), 10)
	b = append(b, " to vague sources, "...)
	b = strconv.AppendInt(b, int64(unsupported), 10)
	b = append(b, " unsupported"...)
	return string(b)
}

// hedgesText is the hedging reason's text: "4 hedges (1.2 per 100 words)".
func hedgesText(n int, per100 float64) string {
	b := make([]byte, 0, 40)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, " hedges ("...)
	b = strconv.AppendFloat(b, per100, 'f', 1, 64)
	b = append(b, " per 100 words)"...)
	return string(b)
}

// Compute scores a report with optional corpus evidence.
func Compute(r *report.Report, ev *Evidence, m Model) *report.Scores {
	x, sc := Features(r, ev)
	sc.Credibility = m.Credibility(x)
	any := false
	for _, v := range x {
		if v != 0 {
			any = true
		}
	}
	if !any {
		sc.Reasons = append(sc.Reasons, report.Reason{Score: "credibility", Text: "no evidence either way: credibility left at 0.5"})
	}
	return &sc
}

// appendTopTechniques appends " (name ×count, ...)" for the n
// techniques with the most spans (ties by name), nothing when there are
// none.
func appendTopTechniques(b []byte, ts []report.Technique, n int) []byte {
	type count struct {
		name string
		n    int
	}
	var buf [16]count
	counts := buf[:0]
	for _, t := range ts {
		k := 0
		for k < len(counts) && counts[k].name != t.Technique {
			k++
		}
		if k == len(counts) {
			counts = append(counts, count{t.Technique, 0})
		}
		counts[k].n++
	}
	if len(counts) == 0 {
		return b
	}
	// Names are distinct: the order is total and any sort gives it.
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].n != counts[j].n {
			return counts[i].n > counts[j].n
		}
		return counts[i].name < counts[j].name
	})
	b = append(b, " ("...)
	for i, c := range counts[:min(n, len(counts))] {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, c.name...)
		b = append(b, " ×"...)
		b = strconv.AppendInt(b, int64(c.n), 10)
	}
	return append(b, ')')
}

// strongest returns the spans of the n techniques with the highest
// scores, the first listed among equal ones (a stable sort's order).
func strongest(ts []report.Technique, n int) []report.Span {
	n = min(n, len(ts))
	for _, t := range ts {
		if t.Score != t.Score {
			return strongestSorted(ts, n) // NaN: the sort's own order
		}
	}
	var out []report.Span
	var taken [8]int
	if n > len(taken) {
		return strongestSorted(ts, n)
	}
	for k := 0; k < n; k++ {
		best := -1
	next:
		for i := range ts {
			for _, j := range taken[:k] {
				if i == j {
					continue next
				}
			}
			if best < 0 || ts[i].Score > ts[best].Score {
				best = i
			}
		}
		taken[k] = best
		if out == nil {
			out = make([]report.Span, 0, n)
		}
		out = append(out, report.Span{Start: ts[best].Start, End: ts[best].End, Text: ts[best].Text})
	}
	return out
}

// strongestSorted is strongest by a stable sort of all the techniques.
func strongestSorted(ts []report.Technique, n int) []report.Span {
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
