// Package ptc reads and writes the Propaganda Techniques Corpus (PTC) of
// SemEval-2020 Task 11: articles, span-identification (SI) and technique
// classification (TC) label files, and scores predictions the way the
// task's official scorers do.
//
// All offsets are Unicode code points into the article text, end
// exclusive, as in the corpus.
package ptc

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Techniques are the 14 technique names of SemEval-2020 Task 11, in the
// order of propaganda-techniques-names-semeval2020task11.txt.
var Techniques = []string{
	"Appeal_to_Authority",
	"Appeal_to_fear-prejudice",
	"Bandwagon,Reductio_ad_hitlerum",
	"Black-and-White_Fallacy",
	"Causal_Oversimplification",
	"Doubt",
	"Exaggeration,Minimisation",
	"Flag-Waving",
	"Loaded_Language",
	"Name_Calling,Labeling",
	"Repetition",
	"Slogans",
	"Thought-terminating_Cliches",
	"Whataboutism,Straw_Men,Red_Herring",
}

// TechniqueIndex returns the index of name in Techniques, or -1.
func TechniqueIndex(name string) int {
	for i, t := range Techniques {
		if t == name {
			return i
		}
	}
	return -1
}

// Span is one labelled fragment of an article. Technique is empty in SI
// files. Start and End are code points, End exclusive.
type Span struct {
	Article   string
	Technique string
	Start     int
	End       int
}

// Len returns the span's length in code points.
func (s Span) Len() int { return s.End - s.Start }

// ReadLabels reads a PTC label file: SI lines `id<TAB>start<TAB>end` or
// TC lines `id<TAB>technique<TAB>start<TAB>end`. Blank lines are skipped.
// A line with more than four columns is read as TC with its last two
// columns as offsets (the TC input format `id<TAB>?<TAB>start<TAB>end`).
// Errors name the file and line.
func ReadLabels(r io.Reader, name string) ([]Span, error) {
	var out []Span
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		s, err := ParseLine(text)
		if err != nil {
			return out, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return out, nil
}

// ParseLine parses one SI (3 columns) or TC (4 columns) label line.
func ParseLine(line string) (Span, error) {
	f := strings.Split(line, "\t")
	var s Span
	switch {
	case len(f) == 3:
		s.Article = f[0]
	case len(f) >= 4:
		s.Article, s.Technique = f[0], f[1]
		f = f[len(f)-3:]
	default:
		return s, fmt.Errorf("want 3 or 4 tab-separated columns, got %d", len(f))
	}
	if s.Article == "" {
		return s, fmt.Errorf("empty article id")
	}
	var err error
	if s.Start, err = strconv.Atoi(strings.TrimSpace(f[1])); err != nil {
		return s, fmt.Errorf("bad start %q", f[1])
	}
	if s.End, err = strconv.Atoi(strings.TrimSpace(f[2])); err != nil {
		return s, fmt.Errorf("bad end %q", f[2])
	}
	if s.Start < 0 || s.End < s.Start {
		return s, fmt.Errorf("bad span [%d, %d)", s.Start, s.End)
	}
	return s, nil
}

// WriteSI writes spans as SI lines `id<TAB>start<TAB>end`.
func WriteSI(w io.Writer, spans []Span) error {
	bw := bufio.NewWriter(w)
	for _, s := range spans {
		fmt.Fprintf(bw, "%s\t%d\t%d\n", s.Article, s.Start, s.End)
	}
	return bw.Flush()
}

// WriteTC writes spans as TC lines `id<TAB>technique<TAB>start<TAB>end`.
func WriteTC(w io.Writer, spans []Span) error {
	bw := bufio.NewWriter(w)
	for _, s := range spans {
		fmt.Fprintf(bw, "%s\t%s\t%d\t%d\n", s.Article, s.Technique, s.Start, s.End)
	}
	return bw.Flush()
}

// SortSpans sorts spans by article, start, end, technique.
func SortSpans(spans []Span) {
	sort.SliceStable(spans, func(i, j int) bool {
		a, b := spans[i], spans[j]
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Technique < b.Technique
	})
}

// ByArticle groups spans by article id.
func ByArticle(spans []Span) map[string][]Span {
	m := map[string][]Span{}
	for _, s := range spans {
		m[s.Article] = append(m[s.Article], s)
	}
	return m
}
