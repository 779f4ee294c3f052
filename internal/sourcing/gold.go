package sourcing

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/offsets"
	"github.com/sift-project/sift/internal/report"
)

// GoldArticle is one hand-annotated article of the sourcing gold set.
type GoldArticle struct {
	// Corpus is "fakes" or "ptc"; ID the data row (fakes) or article id (ptc).
	Corpus, ID string
	// Split is "dev", "test" or "holdout".
	Split string
	// File and Line locate the article's header in the annotation file.
	File string
	Line int
	// Text is the article as analysed.
	Text         string
	Attributions []report.Attribution
	VagueSources []report.Span
	Hedges       []report.Span
}

// typeCodes maps the short type codes of the annotation files to source types.
var typeCodes = map[string]string{
	"per": "person", "org": "organization", "gov": "government", "mil": "military",
	"med": "media", "arm": "armed_group", "doc": "document", "soc": "social_media",
	"vag": "vague", "ano": "anonymous",
}

// LoadGold reads the gold set in dir (*.ann files, see
// docs/sourcing-annotation.md). FA-KES texts come from dir/fakes-texts.jsonl;
// PTC texts from dataDir/ptc/train. Anchor strings are resolved to code-point
// spans; an anchor that cannot be found is an error naming file and line.
func LoadGold(dir, dataDir string) ([]GoldArticle, error) {
	fakes, err := loadFakesTexts(filepath.Join(dir, "fakes-texts.jsonl"))
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .ann gold files", dir)
	}
	sort.Strings(files)
	var out []GoldArticle
	for _, f := range files {
		arts, err := parseAnn(f, func(corpus, id string) (string, error) {
			switch corpus {
			case "fakes":
				t, ok := fakes[id]
				if !ok {
					return "", fmt.Errorf("no text for FA-KES record %s in fakes-texts.jsonl", id)
				}
				return t, nil
			case "ptc":
				b, err := os.ReadFile(filepath.Join(dataDir, "ptc", "train", "article"+id+".txt"))
				if err != nil {
					return "", err
				}
				return strings.ToValidUTF8(string(b), "\uFFFD"), nil
			}
			return "", fmt.Errorf("unknown corpus %q", corpus)
		})
		if err != nil {
			return nil, err
		}
		out = append(out, arts...)
	}
	return out, nil
}

func loadFakesTexts(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		var rec struct {
			Record int    `json:"record"`
			Text   string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out[strconv.Itoa(rec.Record)] = rec.Text
	}
	return out, sc.Err()
}

// parseAnn parses one annotation file; text fetches an article's text.
func parseAnn(path string, text func(corpus, id string) (string, error)) ([]GoldArticle, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []GoldArticle
	var cur *GoldArticle
	var res *resolver
	for n, line := range strings.Split(string(data), "\n") {
		n++
		line = strings.TrimRight(line, " \t\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, args...))
		}
		kind, rest, _ := strings.Cut(line, " ")
		switch kind {
		case "@":
			f := strings.Fields(rest)
			if len(f) != 3 || (f[2] != "dev" && f[2] != "test" && f[2] != "holdout") {
				return nil, fail("want \"@ corpus id dev|test|holdout\"")
			}
			t, err := text(f[0], f[1])
			if err != nil {
				return nil, fail("%v", err)
			}
			out = append(out, GoldArticle{Corpus: f[0], ID: f[1], Split: f[2], File: path, Line: n, Text: t,
				Attributions: []report.Attribution{}, VagueSources: []report.Span{}, Hedges: []report.Span{}})
			cur = &out[len(out)-1]
			res = newResolver(t)
		case "A", "V", "H":
			if cur == nil {
				return nil, fail("annotation before the first @ line")
			}
			if kind != "A" {
				s, err := res.next(kind, rest)
				if err != nil {
					return nil, fail("%v", err)
				}
				if kind == "V" {
					cur.VagueSources = append(cur.VagueSources, s)
				} else {
					cur.Hedges = append(cur.Hedges, s)
				}
				continue
			}
			f := strings.Split(rest, " | ")
			if len(f) != 5 {
				return nil, fail("want \"A source | cue | content | type | name\", got %d fields", len(f))
			}
			for i := range f {
				f[i] = strings.TrimSpace(f[i])
				if f[i] == "" {
					return nil, fail("field %d is empty", i+1)
				}
			}
			typ, ok := typeCodes[f[3]]
			if !ok {
				return nil, fail("unknown type code %q", f[3])
			}
			a, err := res.attribution(f[0], f[1], f[2])
			if err != nil {
				return nil, fail("%v", err)
			}
			a.SourceType = typ
			if f[4] != "-" {
				a.SourceName = f[4]
			}
			cur.Attributions = append(cur.Attributions, a)
		default:
			return nil, fail("unknown line kind %q", kind)
		}
	}
	return out, nil
}

// resolver turns anchor strings into spans over one text, scanning forward
// in document order.
type resolver struct {
	text   string
	ix     *offsets.Index
	cursor map[string]int // per line kind: byte offset to search from
}

func newResolver(text string) *resolver {
	return &resolver{text: text, ix: offsets.New(text), cursor: map[string]int{}}
}

func (r *resolver) span(a, b int) report.Span {
	return report.Span{Start: r.ix.Rune(a), End: r.ix.Rune(b), Text: r.text[a:b]}
}

// wordAt reports whether s occurs at byte i as a whole word (boundaries are
// checked only where s begins or ends with a letter or digit).
func (r *resolver) wordAt(i int, s string) bool {
	if !strings.HasPrefix(r.text[i:], s) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if isAlnum(first) && i > 0 {
		p, _ := utf8.DecodeLastRuneInString(r.text[:i])
		if isAlnum(p) {
			return false
		}
	}
	if isAlnum(last) && i+len(s) < len(r.text) {
		q, _ := utf8.DecodeRuneInString(r.text[i+len(s):])
		if isAlnum(q) {
			return false
		}
	}
	return true
}

func isAlnum(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

// occurrences returns the byte offsets of whole-word occurrences of s.
func (r *resolver) occurrences(s string) []int {
	var out []int
	if s == "" {
		return nil
	}
	for i := 0; ; {
		j := strings.Index(r.text[i:], s)
		if j < 0 {
			return out
		}
		if r.wordAt(i+j, s) {
			out = append(out, i+j)
		}
		i += j + 1
	}
}

// find returns the nth (1-based) whole-word occurrence of s at or after from.
func (r *resolver) find(s string, from, nth int) (int, bool) {
	for _, o := range r.occurrences(s) {
		if o >= from {
			if nth--; nth == 0 {
				return o, true
			}
		}
	}
	return 0, false
}

// next resolves a V or H line: the next occurrence after the previous one.
func (r *resolver) next(kind, s string) (report.Span, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return report.Span{}, fmt.Errorf("empty %s annotation", kind)
	}
	o, ok := r.find(s, r.cursor[kind], 1)
	if !ok {
		return report.Span{}, fmt.Errorf("%q not found after offset %d", s, r.cursor[kind])
	}
	r.cursor[kind] = o + len(s)
	return r.span(o, o+len(s)), nil
}

// attribution resolves an A line: content first (at or after the previous
// content's start; "a ... b" spans from a to the end of the next b; a "#N "
// prefix takes the Nth occurrence), then the cue occurrence nearest the
// content outside it (a "> " prefix: the first one after the content), then the source occurrence nearest the cue outside
// both.
func (r *resolver) attribution(source, cue, content string) (report.Attribution, error) {
	var a report.Attribution
	nth := 1
	if strings.HasPrefix(content, "#") {
		// "#2 text": the second occurrence; "#hashtag" is text
		num, rest, _ := strings.Cut(content[1:], " ")
		if n, err := strconv.Atoi(num); err == nil {
			if n < 1 {
				return a, fmt.Errorf("bad occurrence prefix in %q", content)
			}
			nth, content = n, rest
		}
	}
	from, to, hasEnd := strings.Cut(content, " ... ")
	if from == "" || hasEnd && to == "" || strings.TrimPrefix(cue, "> ") == "" {
		return a, fmt.Errorf("empty anchor in %q / %q", cue, content)
	}
	cs, ok := r.find(from, r.cursor["A"], nth)
	if !ok {
		return a, fmt.Errorf("content %q not found", from)
	}
	ce := cs + len(from)
	if hasEnd {
		i := strings.Index(r.text[ce:], to)
		if i < 0 {
			return a, fmt.Errorf("content end %q not found after %q", to, from)
		}
		ce += i + len(to)
	}
	r.cursor["A"] = cs
	a.Content = r.span(cs, ce)
	a.Direct = r.quoted(cs, ce)
	after := strings.HasPrefix(cue, "> ")
	cue = strings.TrimPrefix(cue, "> ")
	cueAt, ok := r.nearest(cue, cs, ce, nil)
	if after {
		cueAt, ok = r.find(cue, ce, 1)
	}
	if !ok {
		return a, fmt.Errorf("cue %q not found", cue)
	}
	a.Cue = r.span(cueAt, cueAt+len(cue))
	if source != "-" {
		srcAt, ok := r.nearest(source, cueAt, cueAt+len(cue), &a.Content)
		if !ok {
			return a, fmt.Errorf("source %q not found", source)
		}
		s := r.span(srcAt, srcAt+len(source))
		a.Source = &s
	}
	return a, nil
}

// nearest returns the occurrence of s closest to the byte span [a,b) that
// does not overlap it (nor the rune span avoid, when given).
func (r *resolver) nearest(s string, a, b int, avoid *report.Span) (int, bool) {
	best, bestD := -1, 1<<60
	for _, o := range r.occurrences(s) {
		e := o + len(s)
		if o < b && e > a {
			continue
		}
		if avoid != nil {
			ro, re := r.ix.Rune(o), r.ix.Rune(e)
			if ro < avoid.End && re > avoid.Start {
				continue
			}
		}
		d := a - e
		if o >= b {
			d = o - b
		}
		if d < bestD {
			best, bestD = o, d
		}
	}
	return best, best >= 0
}

// quoted reports whether [a,b) is enclosed in quotation marks: a quote mark
// just before a (spaces allowed) and one just after b (spaces and closing
// punctuation allowed).
func (r *resolver) quoted(a, b int) bool {
	return quoteBefore(r.text, a) && quoteAfter(r.text, b)
}

func quoteBefore(text string, a int) bool {
	for a > 0 {
		c, size := utf8.DecodeLastRuneInString(text[:a])
		switch {
		case c == ' ' || c == '\t':
			a -= size
		default:
			return isQuoteMark(c)
		}
	}
	return false
}

func quoteAfter(text string, b int) bool {
	for b < len(text) {
		c, size := utf8.DecodeRuneInString(text[b:])
		switch {
		case c == ' ' || c == '\t' || c == ',' || c == '.' || c == '?' || c == '!' || c == ';' || c == ':':
			b += size
		default:
			return isQuoteMark(c)
		}
	}
	return false
}

func isQuoteMark(c rune) bool {
	switch c {
	case '"', '\u201c', '\u201d', '\u00ab', '\u00bb', '\u201e':
		return true
	}
	return false
}
