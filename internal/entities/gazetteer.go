package entities

import (
	"bufio"
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Info is what the gazetteers know about a canonical name.
type Info struct {
	// Name is the canonical name.
	Name string
	// Type is the entity type: place, person, media, weapon, armed_group,
	// military, government or organization.
	Type string
	// Category is the FA-KES actor category key of a party or person
	// (gov, isis, coalition, opposition, sdf, nusra), empty when none.
	Category string
	// PlaceKind is country, governorate, city, town, district, region or
	// site, for places.
	PlaceKind string
	// Governorate is the Syrian governorate of a place (lower case), empty
	// outside Syria.
	Governorate string
	// Country of a place.
	Country string
	// EventType and Cause are what a weapon implies (airstrike, shelling
	// ...; the FA-KES cause of death).
	EventType, Cause string
}

// caseMode says how an alias's letter case must match the text.
type caseMode uint8

const (
	caseAny   caseMode = iota // lower-case alias: any case
	caseUpper                 // capitalised alias parts need capitalised text parts
	caseExact                 // all-capitals alias (ISIS, SDF): exact letters
)

type alias struct {
	keys  []string // normalised parts
	raw   []string // parts as written, dots and apostrophes removed
	mode  caseMode
	art   []bool // art[i]: keys[i] is an Arabic article (articles)
	info  int    // index into gazetteer.infos
	order int    // file priority, lower wins ties
}

// nameKey is a canonical name within its type group (typeGroup).
type nameKey struct{ group, name string }

// gazetteer holds every alias of every data file.
type gazetteer struct {
	infos   []Info
	byName  map[nameKey]int // type group and name → info
	byFirst map[string][]*alias
	// index is byFirst for matching: one lookup per text part finds the
	// aliases starting with its key and those starting with its key less
	// a plural "s".
	index map[string]*firstEntry
	given map[string]bool
	// words holds the stage's word lists: the flags of a lower-case
	// word (dots and apostrophes removed).
	words map[string]wordFlag
	// maxKeys is the most parts an alias has.
	maxKeys int
	// second holds the keys of every firstEntry.multi.
	second map[string]bool
	// filter holds every lower-case word a plain word's type depends on
	// (see typeCache.plain and buildFilter).
	filter *keyFilter
}

// wordFlag marks the word lists a lower-case word is on.
type wordFlag uint8

const (
	fTitle   wordFlag = 1 << iota // titleWords
	fOrg                          // orgWords
	fNotName                      // notNameWords
	fSpeech                       // speechVerbs
)

// buildWords fills g.words from the package's word lists.
func (g *gazetteer) buildWords() {
	w := map[string]wordFlag{}
	for _, l := range []struct {
		m map[string]bool
		f wordFlag
	}{{titleWords, fTitle}, {orgWords, fOrg}, {notNameWords, fNotName}, {speechVerbs, fSpeech}} {
		for k, v := range l.m {
			if v {
				w[k] |= l.f
			}
		}
	}
	g.words = w
}

// buildFilter fills g.filter with the lower-case words that give a word
// of ASCII letters a type other than a bare word's (see newType): the
// gazetteer's alias parts (with a plural or possessive "s"), given names,
// the word lists, date and number words, modifiers and name connectors.
func (g *gazetteer) buildFilter() {
	f := new(keyFilter)
	for k := range g.index {
		f.add(k)
	}
	for _, as := range g.byFirst {
		for _, a := range as {
			for _, k := range a.keys {
				f.add(k)
				f.add(k + "s")
			}
		}
	}
	for k := range g.given {
		f.add(strings.ToLower(k))
	}
	for k := range g.words {
		f.add(k)
	}
	for k := range dateWords {
		f.add(k)
	}
	for k := range months {
		f.add(k)
	}
	for k := range dayParts {
		f.add(k)
	}
	for _, k := range modFirsts {
		f.add(k)
	}
	for k := range yearPrepositions {
		f.add(k)
	}
	for k := range smallNumbers {
		f.add(k)
	}
	for k := range VagueNumbers {
		f.add(k)
	}
	for k := range multipliers {
		f.add(k)
	}
	for k := range relativeDayWords {
		f.add(k)
	}
	for k := range nameConnectors {
		f.add(k)
	}
	for _, k := range []string{"one", "a", "an", "dozen"} { // tNumStart, tArticle, tMultiplier
		f.add(k)
	}
	g.filter = f
}

// firstEntry holds the aliases whose first key is one word, in byFirst
// order, split so that a text part only tries the aliases its next part
// can continue.
type firstEntry struct {
	// multi maps a second text part's key to the aliases of two or more
	// parts whose second part can match it (its key, or its key plus a
	// possessive "s" when it is the last part).
	multi map[string][]*alias
	// single holds the one-part aliases; they follow every longer alias
	// in byFirst order.
	single []*alias
	// plural is the entry of this key less a final "s", if any.
	plural *firstEntry
}

var (
	gazOnce sync.Once
	gaz     *gazetteer
	gazErr  error
)

func loadGazetteer() (*gazetteer, error) {
	gazOnce.Do(func() { gaz, gazErr = buildGazetteer() })
	return gaz, gazErr
}

// Lookup returns what the gazetteers know about the canonical name of an
// entity of the given type ("place", "person", "media", "weapon", or a
// party type such as "armed_group").
func Lookup(typ, name string) (Info, bool) {
	if p := LookupRef(typ, name); p != nil {
		return *p, true
	}
	return Info{}, false
}

// LookupRef is Lookup without the copy of the record: a pointer to the
// gazetteer's Info (shared by all callers, read only), nil when the name
// is unknown.
func LookupRef(typ, name string) *Info {
	g, err := loadGazetteer()
	if err != nil {
		return nil
	}
	i, ok := g.byName[nameKey{typeGroup(typ), name}]
	if !ok {
		return nil
	}
	return &g.infos[i]
}

func typeGroup(typ string) string {
	switch typ {
	case "armed_group", "military", "government", "organization":
		return "party"
	}
	return typ
}

// fields reads a data file's rows: comment lines (#) and blank lines are
// skipped; every row must have n tab-separated fields.
func fields(file string, n int) ([][]string, error) {
	f, err := dataFS.Open("data/" + file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		fs := strings.Split(t, "\t")
		if len(fs) != n {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", file, line, len(fs), n)
		}
		rows = append(rows, fs)
	}
	return rows, sc.Err()
}

func splitAliases(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func buildGazetteer() (*gazetteer, error) {
	g := &gazetteer{byName: map[nameKey]int{}, byFirst: map[string][]*alias{}, given: map[string]bool{}}
	add := func(info Info, names []string, order int) {
		idx := len(g.infos)
		g.infos = append(g.infos, info)
		g.byName[nameKey{typeGroup(info.Type), info.Name}] = idx
		for _, n := range names {
			a := newAlias(n, idx, order)
			if a == nil {
				continue
			}
			g.byFirst[a.keys[0]] = append(g.byFirst[a.keys[0]], a)
		}
	}
	rows, err := fields("actors.tsv", 4)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		add(Info{Name: r[0], Type: r[1], Category: r[2]}, append([]string{r[0]}, splitAliases(r[3])...), 0)
	}
	if rows, err = fields("media.tsv", 2); err != nil {
		return nil, err
	}
	for _, r := range rows {
		add(Info{Name: r[0], Type: "media"}, append([]string{r[0]}, splitAliases(r[1])...), 1)
	}
	if rows, err = fields("persons.tsv", 3); err != nil {
		return nil, err
	}
	for _, r := range rows {
		add(Info{Name: r[0], Type: "person", Category: r[1]}, append([]string{r[0]}, splitAliases(r[2])...), 2)
	}
	if rows, err = fields("places.tsv", 5); err != nil {
		return nil, err
	}
	for _, r := range rows {
		add(Info{Name: r[0], Type: "place", PlaceKind: r[1], Governorate: r[2], Country: r[3]}, append([]string{r[0]}, splitAliases(r[4])...), 3)
	}
	if rows, err = fields("weapons.tsv", 4); err != nil {
		return nil, err
	}
	for _, r := range rows {
		add(Info{Name: r[0], Type: "weapon", EventType: r[1], Cause: r[2]}, append([]string{r[0]}, splitAliases(r[3])...), 4)
	}
	if rows, err = fields("given-names.tsv", 1); err != nil {
		return nil, err
	}
	for _, r := range rows {
		g.given[r[0]] = true
	}
	for k, as := range g.byFirst {
		sort.SliceStable(as, func(i, j int) bool {
			if len(as[i].keys) != len(as[j].keys) {
				return len(as[i].keys) > len(as[j].keys)
			}
			return as[i].order < as[j].order
		})
		g.byFirst[k] = as
	}
	g.index = map[string]*firstEntry{}
	entry := func(k string) *firstEntry {
		e := g.index[k]
		if e == nil {
			e = &firstEntry{multi: map[string][]*alias{}}
			g.index[k] = e
		}
		return e
	}
	for k, as := range g.byFirst {
		e := entry(k)
		for _, a := range as {
			if len(a.keys) == 1 {
				e.single = append(e.single, a)
				continue
			}
			k1 := a.keys[1]
			e.multi[k1] = append(e.multi[k1], a)
			if len(a.keys) == 2 && len(k1) >= 3 {
				e.multi[k1+"s"] = append(e.multi[k1+"s"], a)
			}
		}
	}
	for k := range g.byFirst {
		entry(k + "s").plural = g.index[k]
	}
	g.maxKeys = 2
	for _, as := range g.byFirst {
		for _, a := range as {
			g.maxKeys = max(g.maxKeys, len(a.keys))
		}
	}
	g.second = map[string]bool{}
	for _, e := range g.index {
		for k := range e.multi {
			g.second[k] = true
		}
	}
	g.buildWords()
	g.buildFilter()
	return g, nil
}

func newAlias(s string, info, order int) *alias {
	parts := splitParts(s)
	if len(parts) == 0 {
		return nil
	}
	a := &alias{info: info, order: order}
	letters, upper, anyUpper := 0, 0, false
	for _, p := range parts {
		raw := stripMarks(p)
		a.raw = append(a.raw, raw)
		a.keys = append(a.keys, foldKey(raw))
		a.art = append(a.art, articles[foldKey(raw)])
		for _, r := range raw {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
					anyUpper = true
				}
			}
		}
	}
	switch {
	case letters >= 2 && upper == letters:
		a.mode = caseExact
	case anyUpper:
		a.mode = caseUpper
	}
	return a
}

// splitParts splits a name at spaces and hyphens.
func splitParts(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '\u2010' || r == '\u2011' })
}

// stripMarks removes dots and apostrophes: "U.S." → "US", "Assad's" →
// "Assads".
func stripMarks(s string) string {
	marked := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' || c == '\'' || c == '`' || c == 0xE2 {
			marked = true
			break
		}
	}
	if !marked {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '.', '\'', '\u2019', '`':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldKey lower-cases s and removes diacritics ("Akçakale" → "akcakale").
func foldKey(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ı':
			r = 'i'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// articles are the Arabic article's transliterations, written in either
// case inside names.
var articles = map[string]bool{"al": true, "el": true, "ad": true, "ar": true, "as": true, "ash": true, "az": true, "an": true, "at": true}

// matches reports whether alias part i matches a text part (raw and key),
// the last part allowing a possessive "s" whose apostrophe was stripped
// ("Aleppos", "Daeshs").
func (a *alias) matches(i int, raw, key string) bool {
	k := a.keys[i]
	if key != k {
		if i != len(a.keys)-1 || len(k) < 3 || key != k+"s" || !strings.HasSuffix(raw, "s") {
			return false
		}
		raw = raw[:len(raw)-1]
	}
	switch a.mode {
	case caseExact:
		return raw == a.raw[i]
	case caseUpper:
		if a.art[i] {
			return true // "al-Asharah", "Al-Asharah": the article's case varies
		}
		ar, _ := utf8.DecodeRuneInString(a.raw[i])
		tr, _ := utf8.DecodeRuneInString(raw)
		if unicode.IsUpper(ar) && !unicode.IsUpper(tr) {
			return false
		}
	}
	return true
}
