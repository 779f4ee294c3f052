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
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// Stage is the entities pipeline stage.
type Stage struct {
	g *gazetteer
	// caches holds the word-type caches not in use.
	caches chan *typeCache
}

// New loads the gazetteers and returns the stage.
func New() (*Stage, error) {
	g, err := loadGazetteer()
	if err != nil {
		return nil, err
	}
	// One cache per goroutine that may run the stage at once (ingest runs
	// a worker per CPU): a document without a cache to reuse makes a new
	// one, slower than the code before the caches.
	return &Stage{g: g, caches: make(chan *typeCache, max(8, runtime.GOMAXPROCS(0)))}, nil
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "entities" }

// Annotate fills r.Entities (a non-nil list, in text order).
func (s *Stage) Annotate(r *report.Report, d *nlp.Doc) error {
	r.Entities = s.Find(d, r.Published)
	return nil
}

// getCache returns a type cache for the caller's sole use until it is
// given back with putCache.
func (s *Stage) getCache() *typeCache {
	select {
	case c := <-s.caches:
		return c
	default:
		return newTypeCache(s.g)
	}
}

func (s *Stage) putCache(c *typeCache) {
	select {
	case s.caches <- c:
	default:
	}
}

// part is a piece of a token split at hyphens: the unit gazetteer names
// are matched on. pi indexes typeCache.parts, or is barrierPart (a
// punctuation token or a sentence end, which no name crosses) or
// lazyPart (the one part of a lazy type, see typeCache.tp).
type part struct {
	pi  int32
	tok int
}

const (
	barrierPart = -1
	lazyPart    = -2
)

// span returns the byte offsets of part p in d.
func (c *typeCache) span(d *nlp.Doc, p part) (start, end int) {
	t := c.tp(d, p)
	off := d.Tokens[p.tok].Start
	return off + t.start, off + t.end
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

// window appends to out the parts from token i on within sentence s, as
// many as a match starting at one of token i's parts can read: token i's
// parts and at least g.maxKeys more, or all up to the sentence's end and
// its barrier.
func window(d *nlp.Doc, c *typeCache, s nlp.Sentence, i, maxKeys int, out []part) []part {
	toks := c.w.tok
	want := int(toks[i].nparts) + maxKeys
	for ; i < s.Last && len(out) < want; i++ {
		ti := &toks[i]
		if ti.has(tLazy) {
			out = append(out, part{pi: lazyPart, tok: i})
			continue
		}
		if ti.has(tWordNum) {
			for k := ti.part0; k < ti.part0+ti.nparts; k++ {
				out = append(out, part{pi: k, tok: i})
			}
			continue
		}
		if ti.has(tJoiner) && i > s.First && i+1 < s.Last && d.Tokens[i-1].End == d.Tokens[i].Start && d.Tokens[i+1].Start == d.Tokens[i].End {
			continue // a joiner: "U.S.-led"
		}
		out = append(out, part{pi: barrierPart, tok: i})
	}
	if i == s.Last && len(out) < want {
		out = append(out, part{pi: barrierPart, tok: s.Last})
	}
	return out
}

// Find returns the entities of d. published (YYYY-MM-DD or empty) anchors
// relative dates.
func (s *Stage) Find(d *nlp.Doc, published string) []report.Entity {
	c := s.getCache()
	defer s.putCache(c)
	c.fill(d)
	w := &c.w
	out := w.out[:0]
	covered := nlp.Zeroed(w.covered, len(d.Tokens)+1)
	w.covered = covered
	dates := findDates(d, w.tok, w.dates[:0])
	w.dates = dates
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
	for _, sent := range d.Sentences {
		// What the sentence's tokens can be, and its words and capitalised
		// words (for persons).
		var any typeFlag
		words, caps := 0, 0
		for _, t := range w.tok[sent.First:sent.Last] {
			any |= t.flags
			words += bit(t.flags, tWord)
			caps += bit(t.flags, tCapital) // only words are capitalised
		}
		if any&tGazAny != 0 {
			out = s.gazetteerNames(d, c, sent, covered, out)
		}
		if any&tQuantStart != 0 {
			out = s.quantities(d, c, sent, covered, out)
		}
		if any&tCapital != 0 {
			out = s.persons(d, c, sent, words >= 6 && caps*10 >= words*7, covered, out)
		}
	}
	slices.SortStableFunc(out, func(a, b report.Entity) int { return cmp.Compare(a.Start, b.Start) })
	res := make([]report.Entity, len(out))
	copy(res, out)
	clear(out) // the strings point into d
	w.out = out
	clear(w.nums[:cap(w.nums)])
	return res
}

// gazetteerNames finds the gazetteer's names in sentence sent: the longest
// alias starting at each part of a token not yet covered, in text order.
func (s *Stage) gazetteerNames(d *nlp.Doc, c *typeCache, sent nlp.Sentence, covered []bool, out []report.Entity) []report.Entity {
	toks := c.w.tok
	for i := sent.First; i < sent.Last; i++ {
		// Only a part with a gazetteer entry starts a name.
		ti := &toks[i]
		if !ti.has(tGazAny) || covered[i] {
			continue
		}
		if ti.nparts == 1 && !nextSecond(d, toks, sent, i) {
			// No longer alias can start here: match finds the part's solo
			// alias.
			if !ti.has(tSolo) {
				continue
			}
			a := c.parts[ti.part0].solo
			info := s.g.infos[a.info]
			start, end := c.span(d, part{pi: ti.part0, tok: i})
			span := d.SpanBytes(start, end)
			out = append(out, report.Entity{Start: span.Start, End: span.End, Text: span.Text, Type: info.Type, Name: info.Name})
			covered[i] = true
			continue
		}
		win := window(d, c, sent, i, s.g.maxKeys, c.w.parts[:0])
		c.w.parts = win
		for q := 0; q < int(ti.nparts); q++ {
			a := s.g.match(d, c, win, q)
			if a == nil {
				continue
			}
			n := len(a.keys)
			info := s.g.infos[a.info]
			start, _ := c.span(d, win[q])
			_, end := c.span(d, win[q+n-1])
			span := d.SpanBytes(start, end)
			out = append(out, report.Entity{Start: span.Start, End: span.End, Text: span.Text, Type: info.Type, Name: info.Name})
			for k := q; k < q+n; k++ {
				covered[win[k].tok] = true
			}
			// The rest of the last token's parts are covered.
			i = win[q+n-1].tok
			break
		}
	}
	return out
}

// bit is 1 when f has flag (a single bit), else 0.
func bit(f, flag typeFlag) int { return int(f / flag & 1) }

// nextSecond reports whether the part after one-part token i in sentence
// s (as window lists them) may be the second part of a longer alias: a
// token with tSecond.
func nextSecond(d *nlp.Doc, toks []tokInfo, s nlp.Sentence, i int) bool {
	j := i + 1
	if j < s.Last && toks[j].has(tJoiner) && j+1 < s.Last && d.Tokens[i].End == d.Tokens[j].Start && d.Tokens[j+1].Start == d.Tokens[j].End {
		j++ // a joiner: "U.S.-led"
	}
	return j < s.Last && toks[j].has(tSecond)
}

// soloMatch is match at a part p when the next part continues no longer
// alias: the first one-part alias of p's entry that matches, else that of
// the entry of p's key less a plural "s".
func (g *gazetteer) soloMatch(p *tpart) *alias {
	if p.gaz == nil || p.key == "" {
		return nil
	}
	first := func(e *firstEntry) *alias {
		if e == nil {
			return nil
		}
		for _, a := range e.single {
			if a.matches(0, p.raw, p.key) {
				return a
			}
		}
		return nil
	}
	a := first(p.gaz)
	if a == nil && strings.HasSuffix(p.key, "s") && len(p.key) > 3 {
		a = first(p.gaz.plural)
	}
	return a
}

// match returns the longest alias starting at parts[p], or nil.
func (g *gazetteer) match(d *nlp.Doc, c *typeCache, parts []part, p int) *alias {
	tp := c.tp(d, parts[p])
	e := tp.gaz
	if e == nil || tp.key == "" {
		return nil
	}
	key := tp.key
	// A longer alias needs a next part it can continue with; the
	// one-part aliases come after every longer one. Only a part whose key
	// is some firstEntry.multi key can continue one (tSecond; a lazy
	// type's key is on no list).
	next := ""
	if p+1 < len(parts) {
		if q := parts[p+1]; q.pi >= 0 && c.w.tok[q.tok].has(tSecond) {
			next = c.parts[q.pi].key
		}
	}
	try := func(e *firstEntry) *alias {
		if e == nil {
			return nil
		}
		if next != "" {
			if a := firstMatch(d, c, e.multi[next], parts, p); a != nil {
				return a
			}
		}
		return firstMatch(d, c, e.single, parts, p)
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
func firstMatch(d *nlp.Doc, c *typeCache, aliases []*alias, parts []part, p int) *alias {
	for _, a := range aliases {
		n := len(a.keys)
		if p+n > len(parts) {
			continue
		}
		ok := true
		for k := 0; k < n && ok; k++ {
			q := c.tp(d, parts[p+k])
			ok = q.key != "" && a.matches(k, q.raw, q.key)
			// Parts of one name follow each other in one token or
			// across plain spaces and joiners.
			if ok && k > 0 {
				prev, tok := parts[p+k-1].tok, parts[p+k].tok
				ok = prev == tok || tok == prev+1 || tok == prev+2
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

// modFirsts holds the first words of quantityModifiers, modsOf[k] the
// indices (in order) of the modifiers starting with modFirsts[k].
var modFirsts, modsOf = func() ([]string, [][]int) {
	var firsts []string
	var of [][]int
	for i, mod := range quantityModifiers {
		k := slices.Index(firsts, mod[0])
		if k < 0 {
			k = len(firsts)
			firsts = append(firsts, mod[0])
			of = append(of, nil)
		}
		of[k] = append(of[k], i)
	}
	return firsts, of
}()

// tNumCont marks the words that may continue a number after a number
// word: number words, multipliers and "dozen", and "and" ("one thousand
// and five"), which is among the yearPrepositions.
const tNumCont = tNumStart | tMultiplier | tYearPrep

var yearPrepositions = map[string]bool{"in": true, "since": true, "of": true, "until": true, "by": true, "from": true,
	"to": true, "year": true, "summer": true, "spring": true, "autumn": true, "winter": true, "early": true,
	"late": true, "mid": true, "and": true, "between": true, "during": true, "after": true, "before": true}

// startsNumber reports whether ParseNumber reads a number from the words
// quantities gives it from token i on.
func startsNumber(toks []tokInfo, i int, sent nlp.Sentence, covered []bool) bool {
	t := toks[i]
	if t.has(tNumStart) {
		return true
	}
	// "a hundred", "a dozen": the next word must be there and be one
	// (tMultiplier is only set on words).
	k := i + 1
	return t.has(tArticle) && k < sent.Last && !covered[k] && toks[k].has(tMultiplier)
}

func (s *Stage) quantities(d *nlp.Doc, c *typeCache, sent nlp.Sentence, covered []bool, out []report.Entity) []report.Entity {
	words := c.w.nums[:0]
	defer func() { c.w.nums = words }()
	toks := c.w.tok
	for i := sent.First; i < sent.Last; i++ {
		if covered[i] || !toks[i].has(tQuantStart) {
			// Not a word or number, or no modifier nor number starts
			// here.
			continue
		}
		// Modifiers ("at least") join the quantity that follows: the
		// first one, in quantityModifiers order, whose words are the
		// text's (strings.EqualFold); the type knows those whose first
		// word it is.
		first := i
		if m := toks[i].mod(); m != 0 {
			for _, mi := range modsOf[m-1] {
				mod := quantityModifiers[mi]
				if i+len(mod) >= sent.Last {
					continue
				}
				ok := true
				for k := 1; k < len(mod); k++ {
					if !c.equalFold(d, i+k, mod[k]) || covered[i+k] {
						ok = false
						break
					}
				}
				if ok {
					i += len(mod)
					break
				}
			}
		}
		if i >= sent.Last || covered[i] || !toks[i].has(tWordNum) || !startsNumber(toks, i, sent, covered) {
			// ParseNumber would use no word.
			i = first
			continue
		}
		var v, used int
		if k := i + 1; toks[i].has(tNumStart) && (k == sent.Last || covered[k] || !toks[k].has(tWordNum) || toks[k].flags&tNumCont == 0) {
			// ParseNumber reads no more than this word: the next is no
			// word or number, or one that cannot continue a number.
			v, used = c.parts[toks[i].part0].num, 1
		} else {
			words = words[:0]
			for k := i; k < sent.Last && k < i+6 && !covered[k]; k++ {
				if !toks[k].has(tWordNum) {
					break
				}
				words = append(words, d.TokenText(k))
			}
			v, used, _ = ParseNumber(words)
		}
		if used == 0 {
			i = first
			continue
		}
		if used == 1 && toks[i].has(tOne) && i+1 < sent.Last && c.equalFold(d, i+1, "of") {
			i = first
			continue
		}
		if txt := d.TokenText(i); isDigits(txt) {
			if len(txt) == 4 && txt[0] == '0' { // a time: 0914
				i = first + used - 1 + (i - first)
				continue
			}
			if used == 1 && v >= 1900 && v <= 2099 && len(txt) == 4 {
				prep := first > sent.First && toks[first-1].has(tYearPrep)
				if prep || first == i && (i+1 >= sent.Last || d.Tokens[i+1].Kind != nlp.Word) {
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
//
// A headline in title case capitalises every word: there only a known
// given name starts a name.
func (s *Stage) persons(d *nlp.Doc, c *typeCache, sent nlp.Sentence, headline bool, covered []bool, out []report.Entity) []report.Entity {
	toks := c.w.tok
	isCap := func(i int) bool { return !covered[i] && toks[i].has(tCapital) }
	isConnector := func(i int) bool { return !covered[i] && toks[i].has(tConnector) }
	for i := sent.First; i < sent.Last; i++ {
		if !isCap(i) {
			continue
		}
		j := i
		for j < sent.Last && (isCap(j) || isConnector(j) && j+1 <= sent.Last) {
			j++
		}
		for j > i && isConnector(j-1) && !toks[j-1].has(tHyphen) {
			j--
		}
		s.classifySequence(d, toks, sent, i, j, headline, covered, &out)
		i = j
	}
	return out
}

// classifySequence decides whether capitalised tokens [i, j) name a person
// or an organisation, splitting the run at title words ("Peter Salama
// Executive Director").
func (s *Stage) classifySequence(d *nlp.Doc, toks []tokInfo, sent nlp.Sentence, i, j int, headline bool, covered []bool, out *[]report.Entity) {
	// Only word tokens are on the word lists: a punctuation type has no
	// flags.
	titled := i > sent.First && toks[i-1].is(fTitle)
	start := i
	for k := i; k <= j; k++ {
		if k < j && !toks[k].is(fTitle) {
			continue
		}
		if k > start {
			s.classifyRun(d, toks, sent, start, k, titled, headline, covered, out)
		}
		titled = k < j
		start = k + 1
	}
}

func (s *Stage) classifyRun(d *nlp.Doc, toks []tokInfo, sent nlp.Sentence, i, j int, titled, headline bool, covered []bool, out *[]report.Entity) {
	n := j - i
	if n <= 0 {
		return
	}
	if i == sent.First && n >= 2 && !titled && !toks[i].has(tGiven) && !toks[i+1].is(fOrg) {
		// A capitalised sentence start ("Later Osama Said told") is no
		// part of the name.
		i++
		n--
	}
	if n == 1 && !titled {
		return // one word names someone only after a title (and is no organisation)
	}
	for k := i; k < j; k++ {
		if t := d.Tokens[k]; t.REnd-t.RStart < 2 { // code points
			return // initials: "J", "George W" are parts of names we cannot close
		}
	}
	if headline {
		if n == 2 && toks[i].has(tGiven) && !toks[i+1].is(fOrg) {
			span := s.nameSpan(d, i, j)
			*out = append(*out, report.Entity{Start: span.Start, End: span.End, Text: span.Text, Type: "person", Name: span.Text})
			markCovered(covered, i, j)
		}
		return
	}
	if n == 1 && toks[i].is(fOrg) {
		return // "General Assembly", "Attorney General" are no people
	}
	for k := i; k < j; k++ {
		if toks[k].is(fOrg) && n >= 2 {
			span := s.nameSpan(d, i, j)
			*out = append(*out, report.Entity{Start: span.Start, End: span.End, Text: span.Text, Type: "organization", Name: span.Text})
			markCovered(covered, i, j)
			return
		}
	}
	for k := i; k < j; k++ {
		if toks[k].is(fNotName) || toks[k].has(tAcronym) {
			return // not a name, or an acronym
		}
	}
	person := false
	switch {
	case titled && n <= 4:
		person = true
	case n >= 2 && n <= 4 && toks[i].has(tGiven):
		person = true
	case n >= 2 && n <= 3 && j < sent.Last && toks[j].is(fSpeech):
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
