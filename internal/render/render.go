// Package render writes reports for machines (JSON Lines, PTC submission
// lines) and for people (wrapped text with sections).
package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sift-project/sift/internal/report"
)

// Formats lists the output formats of Writer.
var Formats = []string{"text", "json", "ptc"}

// Writer writes reports in one format.
type Writer struct {
	w      *bufio.Writer
	format string
	n      int
}

// NewWriter returns a writer for format (text, json or ptc).
func NewWriter(w io.Writer, format string) (*Writer, error) {
	switch format {
	case "text", "json", "jsonl", "ptc":
	default:
		return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	if format == "jsonl" {
		format = "json"
	}
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), format: format}, nil
}

// Write writes one report.
func (w *Writer) Write(r *report.Report) error {
	var err error
	switch w.format {
	case "json":
		err = JSON(w.w, r)
	case "ptc":
		err = PTC(w.w, r)
	default:
		if w.n > 0 {
			fmt.Fprintln(w.w, strings.Repeat("=", 72))
		}
		err = Text(w.w, r)
	}
	w.n++
	if err != nil {
		return err
	}
	// Flush per report so that a pipe reader sees results as they come.
	return w.w.Flush()
}

// Flush flushes buffered output.
func (w *Writer) Flush() error { return w.w.Flush() }

// JSON writes r as one line of JSON.
func JSON(w io.Writer, r *report.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// PTC writes r's technique spans in the SemEval-2020 Task 11 submission
// format: <articleID>\t<technique>\t<start>\t<end>.
func PTC(w io.Writer, r *report.Report) error {
	id := r.Source.ID
	if id == "" {
		id = r.ID[:12]
	}
	for _, t := range r.Techniques {
		if _, err := fmt.Fprintf(w, "%s\t%s\t%d\t%d\n", id, t.Technique, t.Start, t.End); err != nil {
			return err
		}
	}
	return nil
}

// Text writes r for people: metadata, removed boilerplate, the sections
// the pipeline computed, and the text wrapped at 78 columns.
func Text(w io.Writer, r *report.Report) error {
	bw := &errWriter{w: w}
	p := bw.printf
	p("%s\n", r.Title)
	p("%s\n", strings.Repeat("-", min(72, max(8, len([]rune(r.Title))))))
	src := r.Source.Path
	if r.Source.Record != nil {
		src = fmt.Sprintf("%s (record %d)", src, *r.Source.Record)
	}
	field := func(name, v string) {
		if v != "" {
			p("%-10s %s\n", name+":", v)
		}
	}
	field("source", src)
	field("id", r.Source.ID)
	field("url", r.Source.URL)
	outlet := r.Source.Outlet
	if r.Source.Domain != "" && !strings.EqualFold(outlet, r.Source.Domain) {
		outlet = strings.TrimSpace(outlet + " (" + r.Source.Domain + ")")
	}
	field("outlet", outlet)
	field("byline", strings.Join(r.Byline, ", "))
	field("published", r.Published)
	field("report", r.ID[:16])
	p("%-10s %d sentences, %d characters\n", "size:", len(r.Sentences), len([]rune(r.Text)))

	if r.Scores != nil {
		p("\nScores: propaganda %.2f, sourcing %.2f, credibility %.2f\n", r.Scores.Propaganda, r.Scores.Sourcing, r.Scores.Credibility)
		for _, why := range r.Scores.Reasons {
			p("  - [%s %+.2f] %s\n", why.Score, why.Weight, why.Text)
		}
	}
	if r.Techniques != nil {
		p("\nPropaganda techniques (%d):\n", len(r.Techniques))
		counts := map[string]int{}
		for _, t := range r.Techniques {
			counts[t.Technique]++
		}
		names := make([]string, 0, len(counts))
		for n := range counts {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			if counts[names[i]] != counts[names[j]] {
				return counts[names[i]] > counts[names[j]]
			}
			return names[i] < names[j]
		})
		for _, n := range names {
			p("  %3d %s\n", counts[n], n)
		}
		for _, t := range r.Techniques {
			p("  %6d-%-6d %-28s %.2f  %q\n", t.Start, t.End, t.Technique, t.Score, clip(t.Text, 70))
		}
	}
	if r.Attributions != nil {
		p("\nAttributions (%d):\n", len(r.Attributions))
		for _, a := range r.Attributions {
			name := a.SourceName
			if name == "" && a.Source != nil {
				name = a.Source.Text
			}
			kind := "reported"
			if a.Direct {
				kind = "quote"
			}
			p("  %s [%s] %s (%s): %q\n", name, a.SourceType, a.Cue.Text, kind, clip(a.Content.Text, 90))
		}
	}
	spanList := func(title string, spans []report.Span) {
		if spans == nil {
			return
		}
		texts := make([]string, len(spans))
		for i, s := range spans {
			texts[i] = s.Text
		}
		p("\n%s (%d): %s\n", title, len(spans), clip(strings.Join(texts, "; "), 300))
	}
	if r.VagueSources != nil {
		spans := make([]report.Span, len(r.VagueSources))
		for i, v := range r.VagueSources {
			spans[i] = report.Span{Start: v.Start, End: v.End, Text: v.Text}
		}
		spanList("Vague sources", spans)
	}
	if r.Hedges != nil {
		spans := make([]report.Span, len(r.Hedges))
		for i, v := range r.Hedges {
			spans[i] = report.Span{Start: v.Start, End: v.End, Text: v.Text}
		}
		spanList("Hedges", spans)
	}
	if r.Claims != nil {
		p("\nClaims (%d):\n", len(r.Claims))
		for _, c := range r.Claims {
			p("  [%s] %s\n", c.Support, clip(c.Text, 100))
		}
	}
	if r.Entities != nil {
		p("\nEntities (%d):\n", len(r.Entities))
		seen := map[string]bool{}
		for _, e := range r.Entities {
			k := e.Type + "\x00" + e.Name + e.Text
			if seen[k] {
				continue
			}
			seen[k] = true
			name := e.Text
			if e.Name != "" && e.Name != e.Text {
				name += " → " + e.Name
			}
			p("  %-12s %s\n", e.Type, name)
		}
	}
	if r.Events != nil {
		p("\nEvents (%d):\n", len(r.Events))
		for i, e := range r.Events {
			mark := " "
			if r.MainEvent != nil && *r.MainEvent == i {
				mark = "*"
			}
			p(" %s %s (%s)", mark, e.Type, e.Cause)
			if e.Actor != nil {
				p(" by %s", e.Actor.Name)
			}
			if e.Location != nil {
				p(" in %s", e.Location.Name)
			}
			if e.Date != "" {
				p(" on %s", e.Date)
			}
			if c := e.Casualties; c != nil && c.Killed != nil {
				p(", %d killed", *c.Killed)
			}
			p("\n")
		}
	}
	if len(r.Removed) > 0 {
		p("\nRemoved (%d):\n", len(r.Removed))
		for _, rm := range r.Removed {
			p("  [%s] %q\n", rm.Reason, clip(rm.Text, 90))
		}
	}
	p("\n")
	for _, para := range strings.Split(r.Text, "\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		for _, line := range Wrap(para, 78) {
			p("  %s\n", line)
		}
		p("\n")
	}
	return bw.err
}

// Wrap breaks s into lines of at most width code points, at spaces.
func Wrap(s string, width int) []string {
	var lines []string
	var cur []rune
	for _, word := range strings.Fields(s) {
		wr := []rune(word)
		if len(cur) > 0 && len(cur)+1+len(wr) > width {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, wr...)
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
