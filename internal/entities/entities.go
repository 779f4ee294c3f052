// Package entities is the first annotation stage: it finds the people,
// armed groups, state forces, governments, organisations, news outlets,
// places, weapons, dates and quantities an article names, each with a
// canonical name ("Daesh" and "ISIL" are both "Islamic State", "Idleb" is
// "Idlib").
//
// Names come from gazetteers shipped as data files (data/*.tsv, each with
// its source in a header comment); people not in the gazetteer are found
// by a capitalised-sequence heuristic (a title word before the name, a
// known given name, or a speech verb after it); dates and quantities are
// read from the tokens. Everything is a longest-match pass over the
// tokens: no model, a few microseconds per sentence.
package entities

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// Stage is the entities pipeline stage.
type Stage struct {
	g *gazetteer
}

// New loads the gazetteers and returns the stage.
func New() (*Stage, error) {
	g, err := loadGazetteer()
	if err != nil {
		return nil, err
	}
	return &Stage{g: g}, nil
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "entities" }

// Annotate fills r.Entities (a non-nil list, in text order).
func (s *Stage) Annotate(r *report.Report, d *nlp.Doc) error {
	r.Entities = s.Find(d, r.Published)
	return nil
}

// part is a piece of a token split at hyphens: the unit gazetteer names
// are matched on. A part with an empty key is a barrier (punctuation, a
// sentence end) that no name crosses.
type part struct {
	raw, key   string
	tok        int
	start, end int // bytes
	// gaz is g.index[key] when known is set (looked up with the token).
	gaz   *firstEntry
	known bool
}

// indexHyphen is strings.IndexAny(s, "-\u2010\u2011").
func indexHyphen(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-':
			return i
		case 0xE2:
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x90 || s[i+2] == 0x91) {
				return i
			}
		}
	}
	return -1
}

func buildParts(d *nlp.Doc, w *words, s nlp.Sentence, out []part) []part {
	for i := s.First; i < s.Last; i++ {
		t := d.Tokens[i]
		switch t.Kind {
		case nlp.Word, nlp.Number:
			text := d.Text[t.Start:t.End]
			if indexHyphen(text) < 0 {
				// One part: the token (its key computed once per document).
				if w.ascii[i] {
					out = append(out, part{raw: w.strip[i], key: w.low[i], tok: i, start: t.Start, end: t.End, gaz: w.info[i].gaz, known: true})
				} else {
					out = append(out, part{raw: w.strip[i], key: foldKey(w.strip[i]), tok: i, start: t.Start, end: t.End})
				}
				continue
			}
			off := 0
			for off <= len(text) {
				j := indexHyphen(text[off:])
				end := len(text)
				if j >= 0 {
					end = off + j
				}
				if end > off {
					raw := stripMarks(text[off:end])
					out = append(out, part{raw: raw, key: foldKey(raw), tok: i, start: t.Start + off, end: t.Start + end})
				}
				if j < 0 {
					break
				}
				_, sz := utf8.DecodeRuneInString(text[end:])
				off = end + sz
			}
		default:
			txt := d.Text[t.Start:t.End]
			if txt == "-" && i > s.First && i+1 < s.Last && d.Tokens[i-1].End == t.Start && d.Tokens[i+1].Start == t.End {
				continue // a joiner: "U.S.-led"
			}
			out = append(out, part{tok: i, start: t.Start, end: t.End})
		}
	}
	return append(out, part{tok: s.Last, start: s.End, end: s.End})
}

// Find returns the entities of d. published (YYYY-MM-DD or empty) anchors
// relative dates.
func (s *Stage) Find(d *nlp.Doc, published string) []report.Entity {
	out := []report.Entity{}
	covered := make([]bool, len(d.Tokens)+1)
	w := wordsPool.Get().(*words)
	defer w.release()
	w.fill(d, s.g)
	dates := findDates(d, w)
	ref := referenceDate(published, dates)
	for _, m := range dates {
		span := d.SpanTokens(m.first, m.last)
		name := m.resolve(ref)
		if name == "" {
			name = strings.ToLower(span.Text)
		}
		out = append(out, report.Entity{Start: span.Start, End: span.End, Text: span.Text, Type: "date", Name: name})
		for i := m.first; i < m.last; i++ {
			covered[i] = true
		}
	}
	parts := w.parts[:0]
	defer func() { w.parts = parts }()
	for _, sent := range d.Sentences {
		parts = buildParts(d, w, sent, parts[:0])
		for p := 0; p < len(parts); {
			if parts[p].key == "" || covered[parts[p].tok] {
				p++
				continue
			}
			a := s.g.match(parts, p)
			if a == nil {
				p++
				continue
			}
			n := len(a.keys)
			info := s.g.infos[a.info]
			span := d.SpanBytes(parts[p].start, parts[p+n-1].end)
			out = append(out, report.Entity{Start: span.Start, End: span.End, Text: span.Text, Type: info.Type, Name: info.Name})
			for k := p; k < p+n; k++ {
				covered[parts[k].tok] = true
			}
			p += n
		}
		out = s.quantities(d, w, sent, covered, out)
		out = s.persons(d, w, sent, covered, out)
	}
	slices.SortStableFunc(out, func(a, b report.Entity) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// match returns the longest alias starting at parts[p], or nil.
func (g *gazetteer) match(parts []part, p int) *alias {
	key := parts[p].key
	e := parts[p].gaz
	if !parts[p].known {
		e = g.index[key]
	}
	if e == nil {
		return nil
	}
	// A longer alias needs a next part it can continue with; the
	// one-part aliases come after every longer one.
	next := ""
	if p+1 < len(parts) {
		next = parts[p+1].key
	}
	try := func(e *firstEntry) *alias {
		if e == nil {
			return nil
		}
		if next != "" {
			if a := firstMatch(e.multi[next], parts, p); a != nil {
				return a
			}
		}
		return firstMatch(e.single, parts, p)
	}
	a := try(e)
	if strings.HasSuffix(key, "s") && len(key) > 3 {
		if b := try(e.plural); b != nil && (a == nil || len(b.keys) > len(a.keys)) {
			a = b
		}
	}
	return a
}

// firstMatch returns the first of aliases that matches parts from p, or
// nil.
func firstMatch(aliases []*alias, parts []part, p int) *alias {
	for _, a := range aliases {
		n := len(a.keys)
		if p+n > len(parts) {
			continue
		}
		ok := true
		for k := 0; k < n && ok; k++ {
			q := parts[p+k]
			ok = q.key != "" && a.matches(k, q.raw, q.key)
			// Parts of one name follow each other in one token or
			// across plain spaces and joiners.
			if ok && k > 0 && parts[p+k-1].tok != q.tok && q.tok != parts[p+k-1].tok+1 && q.tok != parts[p+k-1].tok+2 {
				ok = false
			}
		}
		if ok {
			return a
		}
	}
	return nil
}

var quantityModifiers = [][]string{
	{"at", "least"}, {"more", "than"}, {"less", "than"}, {"fewer", "than"}, {"as", "many", "as"},
	{"up", "to"}, {"at", "most"}, {"over"}, {"nearly"}, {"about"}, {"around"}, {"some"},
	{"almost"}, {"approximately"}, {"roughly"}, {"an", "estimated"}, {"only"},
}

// modifierFirst holds the first words of quantityModifiers.
var modifierFirst = func() map[string]bool {
	m := map[string]bool{}
	for _, mod := range quantityModifiers {
		m[mod[0]] = true
	}
	return m
}()

// numberFirst holds the lower-case words ParseNumber can start with
// besides digits and hyphenated words ("twenty-five").
var numberFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range VagueNumbers {
		m[k] = true
	}
	for k := range smallNumbers {
		m[k] = true
	}
	return m
}()

// mayStartNumber reports whether ParseNumber can use words starting with
// token i: false means it returns used == 0.
func (w *words) mayStartNumber(i int) bool {
	lw := w.lraw[i]
	if lw == "" {
		return false
	}
	if lw[0] >= '0' && lw[0] <= '9' || w.rawIs(i, fNumberFirst) {
		return true
	}
	if i := strings.IndexByte(lw, '-'); i > 0 {
		_, ok := smallNumbers[lw[:i]]
		return ok
	}
	return false
}

var yearPrepositions = map[string]bool{"in": true, "since": true, "of": true, "until": true, "by": true, "from": true,
	"to": true, "year": true, "summer": true, "spring": true, "autumn": true, "winter": true, "early": true,
	"late": true, "mid": true, "and": true, "between": true, "during": true, "after": true, "before": true}

func (s *Stage) quantities(d *nlp.Doc, wd *words, sent nlp.Sentence, covered []bool, out []report.Entity) []report.Entity {
	words := make([]string, 0, 8)
	for i := sent.First; i < sent.Last; i++ {
		if covered[i] {
			continue
		}
		t := d.Tokens[i]
		if t.Kind != nlp.Word && t.Kind != nlp.Number {
			continue
		}
		// Modifiers ("at least") join the quantity that follows.
		first := i
		// An ASCII token matches a modifier's first word (strings.EqualFold)
		// only when its lower case is that word.
		for _, mod := range quantityModifiers {
			if wd.rawASCII[i] && !wd.rawIs(i, fModFirst) {
				break
			}
			if i+len(mod) >= sent.Last {
				continue
			}
			ok := true
			for k, w := range mod {
				if !wd.equalFold(d, i+k, w) || covered[i+k] {
					ok = false
					break
				}
			}
			if ok {
				i += len(mod)
				break
			}
		}
		if i >= sent.Last || covered[i] || d.Tokens[i].Kind != nlp.Word && d.Tokens[i].Kind != nlp.Number || !wd.mayStartNumber(i) {
			// ParseNumber would use no word.
			i = first
			continue
		}
		words = words[:0]
		for k := i; k < sent.Last && k < i+6 && !covered[k]; k++ {
			if d.Tokens[k].Kind != nlp.Word && d.Tokens[k].Kind != nlp.Number {
				break
			}
			words = append(words, d.TokenText(k))
		}
		v, used, _ := ParseNumber(words)
		if used == 0 {
			i = first
			continue
		}
		if w := strings.ToLower(words[0]); used == 1 && (w == "one" && i+1 < sent.Last && strings.EqualFold(d.TokenText(i+1), "of")) {
			i = first
			continue
		}
		if isDigits(words[0]) {
			txt := words[0]
			if len(txt) == 4 && txt[0] == '0' { // a time: 0914
				i = first + used - 1 + (i - first)
				continue
			}
			if used == 1 && v >= 1900 && v <= 2099 && len(txt) == 4 {
				prev := ""
				if first > sent.First {
					prev = strings.ToLower(d.TokenText(first - 1))
				}
				if yearPrepositions[prev] || first == i && (i+1 >= sent.Last || d.Tokens[i+1].Kind != nlp.Word) {
					continue
				}
			}
		}
		span := d.SpanTokens(first, i+used)
		out = append(out, report.Entity{Start: span.Start, End: span.End, Text: span.Text, Type: "quantity", Name: strconv.Itoa(v)})
		for k := first; k < i+used; k++ {
			covered[k] = true
		}
		i += used - 1
	}
	return out
}

var titleWords = map[string]bool{}

var orgWords = map[string]bool{}

var notNameWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`president minister spokesman spokeswoman spokesperson general gen colonel col lt
		lieutenant major maj brigadier commander governor director secretary envoy sheikh dr mr mrs ms ambassador
		king emir senator sen leader chief head activist correspondent doctor official mufti imam captain capt
		sergeant sgt journalist reporter photographer analyst researcher professor prof mayor deputy chairman
		chairwoman representative coordinator founder cleric pope prince queen fm premier chancellor executive
		ayatollah attorney commissioner staff
		patriarch bishop judge prosecutor surgeon nurse resident`) {
		titleWords[w] = true
	}
	for _, w := range strings.Fields(`ministry council committee agency office party union organization organisation
		organisations organizations institute university hospital authority authorities commission department
		network foundation association center centre bank company corporation court parliament assembly
		command brigade brigades battalion division regiment corps army front movement forces group
		programme program tribunal assembly branch protection services service`) {
		orgWords[w] = true
	}
	for _, w := range strings.Fields(`the a an this that these those it its he she they we i you his her their our my
		in on at of for with by from to and but or as if when while after before since during
		syrian syria syrians kurdish russian russia turkish american arab arabic islamic islamist shiite sunni
		alawite christian druze western eastern northern southern central north south east west
		january february march april may june july august september october november december
		monday tuesday wednesday thursday friday saturday sunday god allah read also tags related
		comment share follow subscribe photo video image images source sources date published update
		news breaking world middle editing reporting writing additional new old more most many some
		activists rebels regime government civilians people residents witnesses`) {
		notNameWords[w] = true
	}
}

// persons finds people (and organisations with an organisation word such
// as "Ministry") among capitalised word sequences that no gazetteer named.
func (s *Stage) persons(d *nlp.Doc, wd *words, sent nlp.Sentence, covered []bool, out []report.Entity) []report.Entity {
	isCap := func(i int) bool { return !covered[i] && wd.capital[i] }
	isConnector := func(i int) bool {
		if covered[i] || d.Tokens[i].Kind != nlp.Word {
			return false
		}
		w := d.TokenText(i)
		switch w {
		case "al", "el", "bin", "ibn", "abu", "de", "van", "von", "der", "bint":
			return true
		}
		return strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-") || strings.HasPrefix(w, "ad-") || strings.HasPrefix(w, "as-")
	}
	// A headline in title case capitalises every word: there only a known
	// given name starts a name.
	words, caps := 0, 0
	for i := sent.First; i < sent.Last; i++ {
		if d.Tokens[i].Kind == nlp.Word {
			words++
			if wd.capital[i] {
				caps++
			}
		}
	}
	headline := words >= 6 && caps*10 >= words*7
	for i := sent.First; i < sent.Last; i++ {
		if !isCap(i) {
			continue
		}
		j := i
		for j < sent.Last && (isCap(j) || isConnector(j) && j+1 <= sent.Last) {
			j++
		}
		for j > i && isConnector(j-1) && !strings.Contains(d.TokenText(j-1), "-") {
			j--
		}
		s.classifySequence(d, wd, sent, i, j, headline, covered, &out)
		i = j
	}
	return out
}

// classifySequence decides whether capitalised tokens [i, j) name a person
// or an organisation, splitting the run at title words ("Peter Salama
// Executive Director").
func (s *Stage) classifySequence(d *nlp.Doc, wd *words, sent nlp.Sentence, i, j int, headline bool, covered []bool, out *[]report.Entity) {
	// Only word tokens are on the word lists: wd.info is zero for
	// punctuation.
	titled := i > sent.First && wd.is(i-1, fTitle)
	start := i
	for k := i; k <= j; k++ {
		if k < j && !wd.is(k, fTitle) {
			continue
		}
		if k > start {
			s.classifyRun(d, wd, sent, start, k, titled, headline, covered, out)
		}
		titled = k < j
		start = k + 1
	}
}

func (s *Stage) classifyRun(d *nlp.Doc, wd *words, sent nlp.Sentence, i, j int, titled, headline bool, covered []bool, out *[]report.Entity) {
	n := j - i
	if n <= 0 {
		return
	}
	if i == sent.First && n >= 2 && !titled && !s.g.given[d.TokenText(i)] && !wd.is(i+1, fOrg) {
		// A capitalised sentence start ("Later Osama Said told") is no
		// part of the name.
		i++
		n--
	}
	for k := i; k < j; k++ {
		if t := d.Tokens[k]; t.REnd-t.RStart < 2 { // code points
			return // initials: "J", "George W" are parts of names we cannot close
		}
	}
	if headline {
		if n == 2 && s.g.given[d.TokenText(i)] && !wd.is(i+1, fOrg) {
			span := s.nameSpan(d, i, j)
			*out = append(*out, report.Entity{Start: span.Start, End: span.End, Text: span.Text, Type: "person", Name: span.Text})
			markCovered(covered, i, j)
		}
		return
	}
	if n == 1 && wd.is(i, fOrg) {
		return // "General Assembly", "Attorney General" are no people
	}
	for k := i; k < j; k++ {
		if wd.is(k, fOrg) && n >= 2 {
			span := s.nameSpan(d, i, j)
			*out = append(*out, report.Entity{Start: span.Start, End: span.End, Text: span.Text, Type: "organization", Name: span.Text})
			markCovered(covered, i, j)
			return
		}
	}
	for k := i; k < j; k++ {
		if wd.is(k, fNotName) {
			return
		}
		t := d.TokenText(k)
		if len(t) > 1 && isUpperCase(t) {
			return // an acronym
		}
	}
	person := false
	switch {
	case titled && n <= 4:
		person = true
	case n >= 2 && n <= 4 && s.g.given[d.TokenText(i)]:
		person = true
	case n >= 2 && n <= 3 && j < sent.Last && wd.is(j, fSpeech):
		person = true
	}
	if !person {
		return
	}
	span := s.nameSpan(d, i, j)
	*out = append(*out, report.Entity{Start: span.Start, End: span.End, Text: span.Text, Type: "person", Name: span.Text})
	markCovered(covered, i, j)
}

// isUpperCase reports strings.ToUpper(t) == t, without allocating for
// ASCII t.
func isUpperCase(t string) bool {
	if !isASCII(t) {
		return strings.ToUpper(t) == t
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

// nameSpan is the span of tokens [i, j) without a possessive ending
// ("Paddock’s" → "Paddock").
func (s *Stage) nameSpan(d *nlp.Doc, i, j int) report.Span {
	a, b := d.Tokens[i].Start, d.Tokens[j-1].End
	for _, suf := range []string{"'s", "\u2019s"} {
		if strings.HasSuffix(d.Text[a:b], suf) && b-len(suf) > a {
			b -= len(suf)
			break
		}
	}
	return d.SpanBytes(a, b)
}

var speechVerbs = map[string]bool{"said": true, "says": true, "told": true, "added": true, "stated": true, "explained": true, "noted": true, "wrote": true, "tweeted": true}

func markCovered(c []bool, i, j int) {
	for k := i; k < j; k++ {
		c[k] = true
	}
}
