package entities

// The reference entities finder: the stage as it was before the word-type
// cache (commit 9f07f92), one look-up per token into the maps the word
// lists and gazetteer index are built from. TestFindAgreesWithReference
// checks that Find returns exactly its entities.

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/report"
)

type refStage struct{ g *gazetteer }

// wordInfo is what the reference knows of a lower-case word.
type wordInfo struct {
	gaz   *firstEntry // index[word]
	date  dateWord    // dateWords[word]
	month time.Month  // months[word]
	flags wordFlag
}

// Flags beyond the gazetteer's word lists.
const (
	fModFirst    wordFlag = 1 << 6 // the first words of quantityModifiers
	fNumberFirst wordFlag = 1 << 7 // refNumberFirst
)

// refInfo looks up what the gazetteer and the word lists say of word.
func refInfo(g *gazetteer, word string) wordInfo {
	x := wordInfo{gaz: g.index[word], date: dateWords[word], month: months[word], flags: g.words[word]}
	if slices.Contains(modFirsts, word) {
		x.flags |= fModFirst
	}
	if refNumberFirst[word] {
		x.flags |= fNumberFirst
	}
	return x
}

// refWords holds what Find needs of every token, computed once per document:
// the token with dots and apostrophes removed (stripMarks), that lower
// cased, the token itself lower cased (nlp.Doc.Lower, which most tokens,
// having no marks, share) and what the word lists say of it.
type refWords struct {
	// strip[i] is stripMarks(token i) for word and number tokens.
	strip []string
	// low[i] is strings.ToLower(strip[i]) for word and number tokens, ""
	// for the others.
	low []string
	// lraw is d.Lower(): strings.ToLower(token i).
	lraw []string
	// ascii[i] reports that strip[i] is ASCII (foldKey(strip[i]) == low[i]).
	ascii []bool
	// rawASCII[i] reports that token i is ASCII.
	rawASCII []bool
	// capital[i] reports a word token starting with an upper-case letter.
	capital []bool
	// info[i] is gazetteer.words[low[i]] for word and number tokens, and
	// rawFlags[i] the flags of gazetteer.words[lraw[i]], when hasInfo.
	info     []wordInfo
	rawFlags []wordFlag
	hasInfo  bool
	parts    []refPart // scratch for Find
}

// fill computes w for d (w.info and w.rawFlags only when g is given).
func (w *refWords) fill(d *nlp.Doc, g *gazetteer) {
	n := len(d.Tokens)
	w.strip = nlp.Zeroed(w.strip, n)
	w.low = nlp.Zeroed(w.low, n)
	w.ascii = nlp.Zeroed(w.ascii, n)
	w.rawASCII = nlp.Zeroed(w.rawASCII, n)
	w.capital = nlp.Zeroed(w.capital, n)
	w.info = nlp.Zeroed(w.info, n)
	w.rawFlags = nlp.Zeroed(w.rawFlags, n)
	w.lraw = d.Lower()
	for i, t := range d.Tokens {
		if t.Kind != nlp.Word && t.Kind != nlp.Number {
			continue
		}
		tok := d.Text[t.Start:t.End]
		if t.Kind == nlp.Word {
			r, _ := utf8.DecodeRuneInString(tok)
			w.capital[i] = unicode.IsUpper(r)
		}
		s := stripMarks(tok)
		w.strip[i] = s
		w.ascii[i] = isASCII(s)
		if len(s) == len(tok) {
			// No marks (stripMarks only removes): s is tok.
			w.low[i] = w.lraw[i]
			w.rawASCII[i] = w.ascii[i]
		} else {
			w.low[i] = strings.ToLower(s)
			w.rawASCII[i] = isASCII(tok)
		}
	}
	w.hasInfo = g != nil
	if g == nil {
		return
	}
	for i, t := range d.Tokens {
		if t.Kind != nlp.Word && t.Kind != nlp.Number {
			continue
		}
		w.info[i] = refInfo(g, w.low[i])
		w.rawFlags[i] = refInfo(g, w.lraw[i]).flags
	}
}

// is reports whether word token i (lower case, marks removed) has flag f.
func (w *refWords) is(i int, f wordFlag) bool { return w.info[i].flags&f != 0 }

// rawIs reports whether word or number token i in lower case (marks
// kept: lraw) has flag f.
func (w *refWords) rawIs(i int, f wordFlag) bool { return w.rawFlags[i]&f != 0 }

// equalFold is strings.EqualFold(d.TokenText(i), lw) for a lower-case
// ASCII word lw: for an ASCII token, its lower case equals lw.
func (w *refWords) equalFold(d *nlp.Doc, i int, lw string) bool {
	if w.rawASCII[i] {
		return w.lraw[i] == lw
	}
	return strings.EqualFold(d.TokenText(i), lw)
}

// refPart is a piece of a token split at hyphens: the unit gazetteer names
// are matched on. A part with an empty key is a barrier (punctuation, a
// sentence end) that no name crosses.
type refPart struct {
	raw, key   string
	tok        int
	start, end int // bytes
	// gaz is g.index[key] when known is set (looked up with the token).
	gaz   *firstEntry
	known bool
}

func refBuildParts(d *nlp.Doc, w *refWords, s nlp.Sentence, out []refPart) []refPart {
	for i := s.First; i < s.Last; i++ {
		t := d.Tokens[i]
		switch t.Kind {
		case nlp.Word, nlp.Number:
			text := d.Text[t.Start:t.End]
			if indexHyphen(text) < 0 {
				// One part: the token (its key computed once per document).
				if w.ascii[i] {
					out = append(out, refPart{raw: w.strip[i], key: w.low[i], tok: i, start: t.Start, end: t.End, gaz: w.info[i].gaz, known: true})
				} else {
					out = append(out, refPart{raw: w.strip[i], key: foldKey(w.strip[i]), tok: i, start: t.Start, end: t.End})
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
					out = append(out, refPart{raw: raw, key: foldKey(raw), tok: i, start: t.Start + off, end: t.Start + end})
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
			out = append(out, refPart{tok: i, start: t.Start, end: t.End})
		}
	}
	return append(out, refPart{tok: s.Last, start: s.End, end: s.End})
}

// Find returns the entities of d. published (YYYY-MM-DD or empty) anchors
// relative dates.
func (s *refStage) Find(d *nlp.Doc, published string) []report.Entity {
	out := []report.Entity{}
	covered := make([]bool, len(d.Tokens)+1)
	w := new(refWords)
	w.fill(d, s.g)
	dates := refFindDates(d, w)
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
		parts = refBuildParts(d, w, sent, parts[:0])
		for p := 0; p < len(parts); {
			if parts[p].key == "" || covered[parts[p].tok] {
				p++
				continue
			}
			a := refMatch(s.g, parts, p)
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
func refMatch(g *gazetteer, parts []refPart, p int) *alias {
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
			if a := refFirstMatch(e.multi[next], parts, p); a != nil {
				return a
			}
		}
		return refFirstMatch(e.single, parts, p)
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
func refFirstMatch(aliases []*alias, parts []refPart, p int) *alias {
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

// refNumberFirst holds the lower-case words ParseNumber can start with
// besides digits and hyphenated words ("twenty-five").
var refNumberFirst = func() map[string]bool {
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
func (w *refWords) mayStartNumber(i int) bool {
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

func (s *refStage) quantities(d *nlp.Doc, wd *refWords, sent nlp.Sentence, covered []bool, out []report.Entity) []report.Entity {
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

// persons finds people (and organisations with an organisation word such
// as "Ministry") among capitalised word sequences that no gazetteer named.
func (s *refStage) persons(d *nlp.Doc, wd *refWords, sent nlp.Sentence, covered []bool, out []report.Entity) []report.Entity {
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
func (s *refStage) classifySequence(d *nlp.Doc, wd *refWords, sent nlp.Sentence, i, j int, headline bool, covered []bool, out *[]report.Entity) {
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

func (s *refStage) classifyRun(d *nlp.Doc, wd *refWords, sent nlp.Sentence, i, j int, titled, headline bool, covered []bool, out *[]report.Entity) {
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

// nameSpan is the span of tokens [i, j) without a possessive ending
// ("Paddock’s" → "Paddock").
func (s *refStage) nameSpan(d *nlp.Doc, i, j int) report.Span {
	a, b := d.Tokens[i].Start, d.Tokens[j-1].End
	for _, suf := range []string{"'s", "\u2019s"} {
		if strings.HasSuffix(d.Text[a:b], suf) && b-len(suf) > a {
			b -= len(suf)
			break
		}
	}
	return d.SpanBytes(a, b)
}

// findDates returns the date expressions of d in order, from the words of
// d (w.info is used when w.hasInfo).
func refFindDates(d *nlp.Doc, w *refWords) []dateMatch {
	var out []dateMatch
	n := len(d.Tokens)
	low := w.low
	lower := func(i int) string { return low[i] }
	var none dateWord
	info := func(i int) dateWord {
		if d.Tokens[i].Kind != nlp.Word {
			return none
		}
		if !w.hasInfo {
			return dateWords[low[i]]
		}
		return w.info[i].date
	}
	isComma := func(i int) bool { return i < n && d.TokenText(i) == "," }
	dayNum := func(i int) (int, bool) {
		if i >= n || d.Tokens[i].Kind != nlp.Number {
			return 0, false
		}
		t := strings.ToLower(d.TokenText(i))
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			t = strings.TrimSuffix(t, suf)
		}
		v, err := strconv.Atoi(t)
		return v, err == nil && v >= 1 && v <= 31
	}
	yearNum := func(i int) (int, bool) {
		if i >= n || d.Tokens[i].Kind != nlp.Number {
			return 0, false
		}
		v, err := strconv.Atoi(d.TokenText(i))
		return v, err == nil && v >= 1900 && v <= 2099
	}
	month := func(i int) (time.Month, bool) {
		if i >= n || d.Tokens[i].Kind != nlp.Word {
			return 0, false
		}
		t := d.TokenText(i)
		// Month names are capitalised; "may" and "march" are also words.
		if t[0] < 'A' || t[0] > 'Z' {
			return 0, false
		}
		if w.hasInfo && len(w.strip[i]) == len(t) {
			// No dots or apostrophes: low[i] is t in lower case.
			m := w.info[i].month
			return m, m != 0
		}
		return lookupLower(months, strings.TrimSuffix(t, "."))
	}
	for i := 0; i < n; i++ {
		start := i
		j := i
		wi := info(i)
		if wi.abbr && j+1 < n {
			j++
			if j < n && d.TokenText(j) == "." {
				j++
			}
		} else if wi.weekday && j+1 < n {
			if _, dok := dayNum(j + 1 + b2i(isComma(j+1))); dok {
				j += 1 + b2i(isComma(j+1))
			}
		}
		// Day Month [Year]
		if dd, ok := dayNum(j); ok {
			if m, mok := month(j + 1); mok {
				k := j + 2
				k += b2i(isComma(k))
				if y, yok := yearNum(k); yok {
					out = append(out, dateMatch{first: start, last: k + 1, abs: time.Date(y, m, dd, 0, 0, 0, 0, time.UTC), hasAbs: true})
					i = k
					continue
				}
				out = append(out, dateMatch{first: start, last: j + 2, dayMonth: true, day: dd, month: int(m)})
				i = j + 1
				continue
			}
		}
		// Month Day [Year] | Month Year
		if m, ok := month(j); ok {
			if dd, dok := dayNum(j + 1); dok {
				k := j + 2
				k += b2i(isComma(k))
				if y, yok := yearNum(k); yok {
					out = append(out, dateMatch{first: start, last: k + 1, abs: time.Date(y, m, dd, 0, 0, 0, 0, time.UTC), hasAbs: true})
					i = k
					continue
				}
				if _, isYear := yearNum(j + 1); !isYear {
					out = append(out, dateMatch{first: start, last: j + 2, dayMonth: true, day: dd, month: int(m)})
					i = j + 1
					continue
				}
			}
			if y, yok := yearNum(j + 1); yok {
				out = append(out, dateMatch{first: start, last: j + 2, abs: time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), hasAbs: true, monthOnly: true})
				i = j + 1
				continue
			}
		}
		// ISO 2017-04-16
		if d.Tokens[i].Kind == nlp.Number && report.IsDate(d.TokenText(i)) {
			if t, err := time.Parse("2006-01-02", d.TokenText(i)); err == nil {
				out = append(out, dateMatch{first: i, last: i + 1, abs: t, hasAbs: true})
				continue
			}
		}
		w := lower(i)
		if wi.trimmed {
			wd := wi.wd
			t := d.TokenText(i)
			if t[0] >= 'A' && t[0] <= 'Z' {
				last := i + 1
				if last < n && dayParts[lower(last)] {
					last++
				}
				out = append(out, dateMatch{first: i, last: last, rel: int(wd), weekday: true})
				i = last - 1
				continue
			}
		}
		switch w {
		case "yesterday":
			out = append(out, dateMatch{first: i, last: i + 1, rel: relYesterday})
		case "today", "tonight":
			out = append(out, dateMatch{first: i, last: i + 1, rel: relToday})
		case "last":
			if i+1 < n && lower(i+1) == "night" {
				out = append(out, dateMatch{first: i, last: i + 2, rel: relYesterday})
				i++
			}
		}
	}
	return out
}

// trickyTexts stress the word-type cache: case, marks, hyphens, non-ASCII
// letters, invalid bytes, numbers and dates in many forms.
var trickyTexts = []string{
	"",
	"x",
	"Sun 16 Apr 2017, on Monday night, Tuesdays and TUESDAY; yesterday, Tonight, last night. 12 February 2015 and Feb. 3, 2016; March 2013; 2017-04-16, 2017-02-30, 16th April.",
	"A hundred, a dozen, an estimated two thousand five hundred and twelve people; at least 70, More Than 1,000, about 2.5 million, dozens, Hundreds of; one of them; in 2016, 0914 GMT; ONE hundred; Twenty-five, twenty five.",
	"President Bashar al-Assad met Abu Mohammad al-Julani and Osama bin Laden. Later Osama Said told Reuters. Peter Salama Executive Director; J. R. Smith said. The General Assembly; NATO ISIS Isis isis.",
	"Syrian Arab Army Captures Key Town Near Aleppo As Rebels Retreat From Idlib Province\n\nThe Ministry of Defence said.",
	"\u0130stanbul ISTANBUL istanbul \u00c9cole Ak\u00e7akale AK\u00c7AKALE \u212aelvin \u017feven Deir\u2010ez\u2010Zor U.S.\u2011backed \u2019s Assad\u2019s Paddock\u2019s caf\xe9 na\xefve \ufffd",
	"\u017fome 20 people, ABOUT 30 men, At Least 4, at\u00a0least 5, AT MOST six, An Estimated 70, a Hundred, twenty-\u017feven.",
	"They killed 100 and five people. About 1,000 and one. Two hundred and twelve and a dozen.",
	"al- al -al el-Bab as-Safira ad-Dana Al-Nusra AL-NUSRA U.S.-led US-led -- - \u2014 ... Daesh's Daeshs Aleppos Idlebs.",
}

func TestFindAgreesWithReference(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	ref := &refStage{g: s.g}
	texts := append(append([]string{}, trickyTexts...), indexTexts(t)[:3]...)
	more, err := ptc.TrainTexts(0)
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, more...)
	// Words longer than a slot's length byte, twice.
	long := "Z" + strings.Repeat("9a", 150)
	texts = append(texts, long+" said. The "+long+" and "+strings.Repeat("12", 200)+" people.")
	// More distinct words than the type table holds.
	var many strings.Builder
	for i := range 3 * maxSlots / 4 {
		fmt.Fprintf(&many, "Said%d met x%d-Aleppo in %d. ", i, i, i%40)
	}
	texts = append(texts, many.String())
	if golden, err := filepath.Glob("testdata/*.txt"); err == nil {
		for _, f := range golden {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, strings.TrimRight(string(b), "\n"))
		}
	}
	defer func(n int) { maxCachedTypes = n }(maxCachedTypes)
	checked := 0
	for round, limit := range []int{1 << 16, 50} {
		// The second round empties the caches often.
		maxCachedTypes = limit
		for k, text := range texts {
			published := ""
			if k%3 == 1 {
				published = "2017-04-19"
			}
			d := nlp.NewDoc(text)
			got, want := s.Find(d, published), ref.Find(d, published)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, text %d: Find differs from the reference\n got  %v\n want %v", round, k, got, want)
			}
			checked += len(got)
		}
	}
	t.Logf("%d texts, %d entities compared", len(texts), checked)
	if checked < 1000 {
		t.Errorf("only %d entities compared", checked)
	}
}
