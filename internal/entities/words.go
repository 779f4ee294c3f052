package entities

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// Nearly everything Find reads about a token depends on its text alone:
// the text without dots and apostrophes, its lower case, its gazetteer
// parts and what the word lists say of it. A typeCache works this out
// once per distinct token text (a word type) and keeps it across
// documents; fill then writes each token's tokInfo (16 bytes) into a
// per-token array that the passes read in order. Two kinds of token skip
// the cache's hash table: punctuation, whose type is a few flags, and
// plain words (ASCII letters only) that no word list, gazetteer name,
// date or number word can hold, which a filter over those lists' keys
// tells apart (about half of all tokens; their types are the same few
// flags, and their gazetteer part is looked up only if a name's match
// reaches it). A cache is used by one goroutine at a time (the stage
// hands them out).

// tokInfo is what the passes read of a token's type: its flags, date
// fields and where its gazetteer parts are. It is four 32-bit fields, which
// the compiler passes and copies in registers (a larger struct is copied
// through memory, and the partial copies stall the loads that follow).
type tokInfo struct {
	flags typeFlag
	// part0 indexes typeCache.parts: the token's pieces between hyphens
	// are parts[part0:part0+nparts] (one for most tokens; none for
	// punctuation), unless tLazy is set.
	part0, nparts int32
	// meta packs the small fields, see the accessors.
	meta uint32
}

// The fields packed in tokInfo.meta: shift and width.
const (
	mDay    = 0  // 5 bits: the day of month a number token names ("16", "16th"), else 0
	mMonth  = 5  // 4 bits: the month a capitalised word names ("April", "Apr."), else 0
	mWd     = 9  // 3 bits: the weekday of a weekday word (tTrimmed)
	mKind   = 12 // 2 bits: the token's nlp.Kind
	mWflags = 14 // 4 bits: gazetteer.words[lower case, marks removed] for word and number tokens (with a gazetteer)
	mMod    = 18 // 5 bits: 1 + the index in modFirsts of the quantity modifier's first word the text is (strings.EqualFold), else 0
	mYear   = 23 // 8 bits: the year a number token names (1900-2099) less 1899, else 0
)

// The word-list flags fit their 4 bits (a compile-time check).
const _ uint = 1<<4 - uint(fSpeech)<<1

func (t *tokInfo) get(shift, bits uint) int { return int(t.meta >> shift & (1<<bits - 1)) }

func (t *tokInfo) set(shift, bits uint, v int) {
	t.meta = t.meta&^((1<<bits-1)<<shift) | uint32(v)&(1<<bits-1)<<shift
}

func (t *tokInfo) day() int              { return t.get(mDay, 5) }
func (t *tokInfo) month() time.Month     { return time.Month(t.get(mMonth, 4)) }
func (t *tokInfo) weekday() time.Weekday { return time.Weekday(t.get(mWd, 3)) }
func (t *tokInfo) kind() nlp.Kind        { return nlp.Kind(t.get(mKind, 2)) }
func (t *tokInfo) mod() int              { return t.get(mMod, 5) }

// year returns the year a number token names, or 0.
func (t *tokInfo) year() int {
	if y := t.get(mYear, 8); y != 0 {
		return y + 1899
	}
	return 0
}

// tpart is one piece of a token between hyphens: raw is it without dots
// and apostrophes, key that folded (foldKey), gaz its gazetteer entry;
// start and end are byte offsets in the token.
type tpart struct {
	raw, key   string
	gaz        *firstEntry
	start, end int
	// solo is the alias gazetteer.match finds at this part when the next
	// part continues no longer alias.
	solo *alias
	// num is ParseNumber's value of the token alone (tNumStart; in the
	// first part).
	num int
}

// barrier is the part of a punctuation token: an empty key, which no name
// crosses.
var barrier tpart

// typeFlag marks what a word type is or can start.
type typeFlag uint32

const (
	tWordNum    typeFlag = 1 << iota // a word or number token
	tLazy                            // a plain word whose one part is looked up when needed
	tCapital                         // a word starting with an upper-case letter
	tRawASCII                        // the text is ASCII
	tHyphen                          // the text has an ASCII hyphen
	tGazAny                          // some part has a gazetteer entry
	tDateStart                       // findDates can start a date at it
	tAbbr                            // a weekday abbreviation (dateWord.abbr)
	tWeekday                         // a weekday (dateWord.weekday)
	tTrimmed                         // a weekday, or one with a plural "s" (dateWord.trimmed)
	tISODate                         // a number token that is a valid YYYY-MM-DD date
	tComma                           // ","
	tDot                             // "."
	tJoiner                          // "-"
	tCapASCII                        // the text starts with an ASCII capital
	tYesterday                       // "yesterday" (marks removed, any case)
	tToday                           // "today" or "tonight"
	tLast                            // "last"
	tNight                           // "night"
	tDayPart                         // a word of dayParts
	tQuantStart                      // quantities can start a quantity or modifier at it
	tNumStart                        // ParseNumber reads a number from this word on its own
	tArticle                         // "a" or "an": a number only before a multiplier or "dozen"
	tMultiplier                      // a multiplier or "dozen"
	tOne                             // "one"
	tYearPrep                        // a word of yearPrepositions
	tConnector                       // a word joining the parts of a person's name ("bin", "al-")
	tGiven                           // a known given name
	tAcronym                         // more than one byte, all upper case
	tWord                            // a word token
	tSecond                          // some part's key is a second key of a longer alias (a firstEntry.multi key)
	tSolo                            // a one-part token whose part is a one-part alias (tpart.solo)
)

// is reports whether the token's type (lower case, marks removed) is on
// the word list of f.
func (t *tokInfo) is(f wordFlag) bool { return t.get(mWflags, 4)&int(f) != 0 }

// has reports whether the token's type has flag f.
func (t *tokInfo) has(f typeFlag) bool { return t.flags&f != 0 }

// newType works out the type of text, a token of kind k, appending its
// parts to c.parts. c.g may be nil (no gazetteer parts or word-list
// flags: dates only).
func (c *typeCache) newType(text string, k nlp.Kind) tokInfo {
	if k != nlp.Word && k != nlp.Number {
		return punctInfo(text, k)
	}
	// The type outlives the article: its parts must not keep slices of
	// the article's text (stripMarks and ToLower return their input when
	// they change nothing).
	text = strings.Clone(text)
	g := c.g
	t := tokInfo{part0: int32(len(c.parts)), flags: tWordNum}
	t.set(mKind, 2, int(k))
	if k == nlp.Word {
		t.flags |= tWord
	}
	if isASCII(text) {
		t.flags |= tRawASCII
	}
	lraw := strings.ToLower(text)
	if k == nlp.Word {
		if r, _ := utf8.DecodeRuneInString(text); unicode.IsUpper(r) {
			t.flags |= tCapital
		}
	}
	strip := stripMarks(text)
	low := lraw
	if len(strip) != len(text) {
		low = strings.ToLower(strip)
	}
	if g != nil {
		t.set(mWflags, 4, int(g.words[low]))
		if g.given[text] {
			t.flags |= tGiven
		}
	}
	for _, p := range cutParts(text, strip, low, g) {
		c.parts = append(c.parts, p)
		t.nparts++
		if p.key != "" && p.gaz != nil {
			t.flags |= tGazAny
		}
		if g != nil && g.second[p.key] {
			t.flags |= tSecond
		}
	}
	if t.nparts == 1 && c.parts[t.part0].solo != nil {
		t.flags |= tSolo
	}
	if text[0] >= 'A' && text[0] <= 'Z' {
		t.flags |= tCapASCII
	}
	if strings.Contains(text, "-") {
		t.flags |= tHyphen
	}
	if len(text) > 1 && isUpperCase(text) {
		t.flags |= tAcronym
	}
	t.dateFields(text, k, strip, low, lraw)
	t.numberFields(text, lraw)
	if t.has(tNumStart) {
		c.parts[t.part0].num, _, _ = ParseNumber([]string{text})
	}
	if k == nlp.Word {
		if nameConnectors[text] {
			t.flags |= tConnector
		}
		if strings.HasPrefix(text, "al-") || strings.HasPrefix(text, "el-") || strings.HasPrefix(text, "ad-") || strings.HasPrefix(text, "as-") {
			t.flags |= tConnector
		}
	}
	return t
}

// punctInfo is the type of a punctuation or quote token.
func punctInfo(text string, k nlp.Kind) tokInfo {
	t := tokInfo{part0: -1, meta: uint32(k) << mKind}
	if len(text) == 1 {
		t.flags = byteFlags[text[0]]
		return t
	}
	if isASCII(text) {
		t.flags |= tRawASCII
	}
	return t
}

// byteFlags holds the flags of the one-byte punctuation tokens.
var byteFlags = func() (f [256]typeFlag) {
	for b := range utf8.RuneSelf {
		f[b] = tRawASCII
	}
	f[','] |= tComma
	f['.'] |= tDot
	f['-'] |= tJoiner
	return f
}()

// plain returns the type of a word of ASCII letters only, text[start:end],
// that the filter says is on none of the lists (ok true): a lazy type,
// whose part is made when needed. Otherwise it returns the word's hash
// (textHash). It reads the word eight bytes at a time, without branches
// on its letters.
func (c *typeCache) plain(text string, start, end int) (t tokInfo, ok bool, h uint32) {
	var upper int
	var other uint64
	if n := end - start; n <= 8 && start+8 <= len(text) {
		// Most words: one load.
		pad := uint(64-8*n) & 63
		x := nlp.Load8(text[start:]) & (^uint64(0) >> pad)
		up := upperBytes(x) // the zero bytes past the word are no capitals
		x |= up >> 2
		upper = bits.OnesCount64(up)
		other = letterless(x) & (hi >> pad)
		h = hashEnd(hashStep(uint64(n), x))
	} else {
		hh := uint64(n)
		for i := start; i < end; i += 8 {
			x, valid := chunk(text, i, end)
			up := upperBytes(x) & valid
			x |= up >> 2
			upper += bits.OnesCount64(up)
			other |= letterless(x) & valid
			hh = hashStep(hh, x)
		}
		h = hashEnd(hh)
	}
	if other != 0 || c.filter == nil || c.filter.mayContain(h) {
		return t, false, h
	}
	t = tokInfo{part0: -1, nparts: 1, flags: tWordNum | tWord | tRawASCII | tLazy} // kind: nlp.Word (0)
	if upper > 0 && text[start] <= 'Z' {
		t.flags |= tCapital | tCapASCII
	}
	if n := end - start; n > 1 && upper == n {
		t.flags |= tAcronym
	}
	return t, true, 0
}

// letterless returns the high bit of every byte of x that is no
// lower-case ASCII letter.
func letterless(x uint64) uint64 {
	y := x & lo7 // no carries between bytes
	return (x | ^(y + 0x1f1f1f1f1f1f1f1f) | (y + 0x0505050505050505)) & hi
}

// Byte masks.
const (
	lo7 = 0x7f7f7f7f7f7f7f7f
	hi  = 0x8080808080808080
)

// chunk returns text[i:min(i+8, end)] (i < end) as a little-endian word,
// zero-padded, and a mask with the high bit of each of its bytes.
func chunk(text string, i, end int) (x, valid uint64) {
	pad := uint(8*(8-min(end-i, 8))) & 63 // bits past end
	if i+8 <= len(text) {
		return nlp.Load8(text[i:]) & (^uint64(0) >> pad), hi >> pad
	}
	for j := min(end, i+8) - 1; j >= i; j-- {
		x = x<<8 | uint64(text[j])
	}
	return x, hi >> pad
}

// upperBytes returns the high bit of every byte of x that is an ASCII
// capital.
func upperBytes(x uint64) uint64 {
	y := x & lo7 // no carries between bytes
	return (y + 0x3f3f3f3f3f3f3f3f) &^ (y + 0x2525252525252525) &^ x & hi
}

func hashStep(h, x uint64) uint64 { return bits.RotateLeft64(h^x, 29) * 0x9e3779b97f4a7c15 }

func hashEnd(h uint64) uint32 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return uint32(h)
}

// textHash is the hash of s with ASCII letters lower-cased, eight bytes at
// a time: the hash of the table, and for words of ASCII letters the
// filter's.
func textHash(s string) uint32 {
	h := uint64(len(s))
	for i := 0; i < len(s); i += 8 {
		x, valid := chunk(s, i, len(s))
		h = hashStep(h, x|(upperBytes(x)&valid)>>2)
	}
	return hashEnd(h)
}

// nameConnectors are the words that join the parts of a name ("Osama bin
// Laden", "Ursula von der Leyen"), in lower case.
var nameConnectors = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "abu": true, "de": true,
	"van": true, "von": true, "der": true, "bint": true}

// relativeDayWords are the words of dates relative to the publication
// ("yesterday", "last night"), with their flags.
var relativeDayWords = map[string]typeFlag{"yesterday": tYesterday, "today": tToday, "tonight": tToday,
	"last": tLast, "night": tNight}

// cutParts returns the parts of a word or number token: the text split at
// hyphens, as gazetteer names are matched. strip is stripMarks(text), low
// its lower case.
func cutParts(text, strip, low string, g *gazetteer) []tpart {
	mk := func(raw string, start, end int) tpart {
		p := tpart{raw: raw, start: start, end: end}
		if raw == strip && isASCII(raw) {
			p.key = low // foldKey(raw), the same string
		} else {
			p.key = foldKey(raw)
		}
		if g != nil {
			p.gaz = g.index[p.key]
			p.solo = g.soloMatch(&p)
		}
		return p
	}
	if indexHyphen(text) < 0 {
		return []tpart{mk(strip, 0, len(text))}
	}
	var out []tpart
	off := 0
	for off <= len(text) {
		j := indexHyphen(text[off:])
		end := len(text)
		if j >= 0 {
			end = off + j
		}
		if end > off {
			out = append(out, mk(stripMarks(text[off:end]), off, end))
		}
		if j < 0 {
			break
		}
		_, sz := utf8.DecodeRuneInString(text[end:])
		off = end + sz
	}
	return out
}

// dateFields fills what findDates reads of a word or number token.
func (t *tokInfo) dateFields(text string, k nlp.Kind, strip, low, lraw string) {
	switch k {
	case nlp.Number:
		lt := lraw
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			lt = strings.TrimSuffix(lt, suf)
		}
		if v, err := strconv.Atoi(lt); err == nil && v >= 1 && v <= 31 {
			t.set(mDay, 5, v)
		}
		if v, err := strconv.Atoi(text); err == nil && v >= 1900 && v <= 2099 {
			t.set(mYear, 8, v-1899)
		}
		if report.IsDate(text) {
			if _, err := time.Parse("2006-01-02", text); err == nil {
				t.flags |= tISODate
			}
		}
	case nlp.Word:
		dw := dateWords[low]
		if dw.abbr {
			t.flags |= tAbbr
		}
		if dw.weekday {
			t.flags |= tWeekday
		}
		if dw.trimmed {
			t.flags |= tTrimmed
			t.set(mWd, 3, int(dw.wd))
		}
		// Month names are capitalised; "may" and "march" are also words.
		if text[0] >= 'A' && text[0] <= 'Z' {
			var m time.Month
			if len(strip) == len(text) {
				m = months[low]
			} else {
				m, _ = lookupLower(months, strings.TrimSuffix(text, "."))
			}
			t.set(mMonth, 4, int(m))
		}
	}
	t.flags |= relativeDayWords[low]
	if dayParts[low] {
		t.flags |= tDayPart
	}
	if t.month() != 0 || t.day() != 0 || t.flags&(tAbbr|tWeekday|tTrimmed|tISODate|tYesterday|tToday|tLast) != 0 {
		t.flags |= tDateStart
	}
}

// numberFields fills what quantities reads of a word or number token.
func (t *tokInfo) numberFields(text, lraw string) {
	for k, w := range modFirsts {
		if strings.EqualFold(text, w) {
			t.set(mMod, 5, k+1)
			break
		}
	}
	if yearPrepositions[lraw] {
		t.flags |= tYearPrep
	}
	if lraw == "one" {
		t.flags |= tOne
	}
	_, mult := multipliers[lraw]
	if mult || lraw == "dozen" {
		t.flags |= tMultiplier
	}
	switch {
	case lraw == "a" || lraw == "an":
		t.flags |= tArticle
	case !mult:
		// ParseNumber's first word: a vague plural, or any NumberWord
		// but a multiplier.
		if _, _, ok := NumberWord(text); ok {
			t.flags |= tNumStart
		}
	}
	if t.mod() != 0 || t.flags&(tNumStart|tArticle) != 0 {
		t.flags |= tQuantStart
	}
}

// typeCache maps token texts to their types, and holds a document's
// scratch.
type typeCache struct {
	g      *gazetteer
	filter *keyFilter // g.filter
	// slots is an open-addressed hash table (linear probing) of the types
	// of texts of up to 255 bytes, two slots a cache line; long those of
	// longer ones. A text of more than slotKey bytes is kept in keys.
	slots  []slot
	used   int
	keys   []string
	long   map[string]tokInfo
	ntypes int
	parts  []tpart
	w      words
}

const (
	slotKey = 11
	// A table starts with minSlots slots and doubles, up to maxSlots,
	// when 5/8 full.
	minSlots = 1 << 10
	maxSlots = 1 << 16
)

// slot is one entry of typeCache.slots: n == 0 when empty, else the
// text's length. A text of up to slotKey bytes is in key, a longer one in
// typeCache.keys at the index in key's first four bytes.
type slot struct {
	h    uint32
	n    uint8
	key  [slotKey]byte
	info tokInfo
}

// maxCachedTypes bounds a cache: it is emptied before a document when it
// holds more types than this. (A variable for tests.)
var maxCachedTypes = maxSlots / 2

func newTypeCache(g *gazetteer) *typeCache {
	c := &typeCache{g: g, long: map[string]tokInfo{}}
	if g != nil {
		c.filter = g.filter
	}
	return c
}

// startDoc empties the cache when it is full (never during a document:
// the document's tokens refer to their parts by index).
func (c *typeCache) startDoc() {
	if c.ntypes > maxCachedTypes {
		c.slots, c.used, c.ntypes = nil, 0, 0
		clear(c.long)
		clear(c.keys)
		c.keys = c.keys[:0]
		clear(c.parts)
		c.parts = c.parts[:0]
	}
}

// typeOf returns the type of a token with text s and kind k from the
// table, adding it when new.
func (c *typeCache) typeOf(s string, k nlp.Kind) tokInfo {
	return c.typeOfHash(s, k, textHash(s))
}

// typeOfHash is typeOf for s with hash h (textHash).
func (c *typeCache) typeOfHash(s string, k nlp.Kind, h uint32) tokInfo {
	if len(s) > 255 {
		if t, ok := c.long[s]; ok && t.kind() == k {
			return t
		}
		t := c.newType(s, k)
		c.ntypes++
		if _, ok := c.long[s]; !ok {
			c.long[strings.Clone(s)] = t // s points into the article
		}
		return t
	}
	if c.slots == nil {
		c.slots = make([]slot, minSlots)
	}
	mask := uint32(len(c.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &c.slots[i]
		if sl.n == 0 {
			t := c.newType(s, k)
			c.ntypes++
			if c.used >= len(c.slots)/8*5 {
				if len(c.slots) >= maxSlots {
					return t // full until the next document
				}
				c.grow()
				sl = c.free(h)
			}
			c.put(sl, h, s, t)
			c.used++
			return t
		}
		if sl.h == h && int(sl.n) == len(s) && (len(s) <= slotKey && string(sl.key[:len(s)]) == s || len(s) > slotKey && c.longKey(sl) == s) {
			if sl.info.kind() == k {
				return sl.info
			}
			c.ntypes++
			return c.newType(s, k) // a token's kind follows from its text: not reached
		}
	}
}

// longKey returns the text of a slot of more than slotKey bytes.
func (c *typeCache) longKey(sl *slot) string {
	return c.keys[binary.LittleEndian.Uint32(sl.key[:4])]
}

// put fills the empty slot sl.
func (c *typeCache) put(sl *slot, h uint32, s string, t tokInfo) {
	sl.h, sl.n, sl.info = h, uint8(len(s)), t
	if len(s) <= slotKey {
		copy(sl.key[:], s)
		return
	}
	binary.LittleEndian.PutUint32(sl.key[:4], uint32(len(c.keys)))
	c.keys = append(c.keys, strings.Clone(s)) // s points into the article
}

// grow doubles the table.
func (c *typeCache) grow() {
	old := c.slots
	c.slots = make([]slot, 2*len(old))
	for i := range old {
		if sl := &old[i]; sl.n != 0 {
			*c.free(sl.h) = *sl
		}
	}
}

// free returns the empty slot where a text with hash h not in the table
// goes.
func (c *typeCache) free(h uint32) *slot {
	mask := uint32(len(c.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if sl := &c.slots[i]; sl.n == 0 {
			return sl
		}
	}
}

// words is a document's scratch: its tokens' types and what Find builds
// from them.
type words struct {
	// tok[i] is the type of token i.
	tok     []tokInfo
	covered []bool
	parts   []part
	dates   []dateMatch
	nums    []string
	out     []report.Entity
}

// fill looks up the type of every token of d.
func (c *typeCache) fill(d *nlp.Doc) {
	c.startDoc()
	w := &c.w
	if cap(w.tok) < len(d.Tokens) {
		w.tok = make([]tokInfo, len(d.Tokens))
	}
	w.tok = w.tok[:len(d.Tokens)]
	for i := range d.Tokens {
		t := &d.Tokens[i]
		switch t.Kind {
		case nlp.Word:
			ti, ok, h := c.plain(d.Text, t.Start, t.End)
			if !ok {
				ti = c.typeOfHash(d.Text[t.Start:t.End], t.Kind, h)
			}
			w.tok[i] = ti
		case nlp.Punct, nlp.Quote:
			if t.End-t.Start == 1 {
				// punctInfo of one byte, without slicing the text
				w.tok[i] = tokInfo{part0: -1, meta: uint32(t.Kind) << mKind, flags: byteFlags[d.Text[t.Start]]}
			} else {
				w.tok[i] = punctInfo(d.Text[t.Start:t.End], t.Kind)
			}
		default:
			w.tok[i] = c.typeOf(d.Text[t.Start:t.End], t.Kind)
		}
	}
}

// tp returns the piece of p. A lazy part's type is looked up in the table
// (and made, the first time) only here, when a match reads the part.
func (c *typeCache) tp(d *nlp.Doc, p part) *tpart {
	switch {
	case p.pi >= 0:
		return &c.parts[p.pi]
	case p.pi == lazyPart:
		t := c.typeOf(d.TokenText(p.tok), nlp.Word)
		return &c.parts[t.part0]
	}
	return &barrier
}

// equalFold is strings.EqualFold(d.TokenText(i), lw) for a lower-case
// ASCII word lw.
func (c *typeCache) equalFold(d *nlp.Doc, i int, lw string) bool {
	t := d.TokenText(i)
	if len(t) != len(lw) && c.w.tok[i].has(tRawASCII) {
		return false
	}
	return strings.EqualFold(t, lw)
}

// keyFilter is a Bloom filter over the hashes (textHash) of lower-case
// words: two probes, both in one 64-byte line of the bit array, so that a
// look-up reads one cache line.
type keyFilter struct {
	bits [1 << 10]uint64
}

// probes returns the two words of f.bits (in one line of eight) and the
// bits in them that hash h sets.
func (f *keyFilter) probes(h uint32) (w1, w2 uint32, b1, b2 uint64) {
	line := (h >> 12 & (1<<10/8 - 1)) * 8
	return line + h>>6&7, line + h>>9&7, 1 << (h & 63), 1 << (h >> 20 & 63)
}

func (f *keyFilter) add(w string) {
	w1, w2, b1, b2 := f.probes(textHash(w))
	f.bits[w1] |= b1
	f.bits[w2] |= b2
}

// mayContain reports whether a word with hash h may have been added.
func (f *keyFilter) mayContain(h uint32) bool {
	w1, w2, b1, b2 := f.probes(h)
	return f.bits[w1]&b1 != 0 && f.bits[w2]&b2 != 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lookupLower returns m[strings.ToLower(s)], without allocating for short
// ASCII s.
func lookupLower[V any](m map[string]V, s string) (V, bool) {
	var b [16]byte
	if len(s) > len(b) || !isASCII(s) {
		v, ok := m[strings.ToLower(s)]
		return v, ok
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	v, ok := m[string(b[:len(s)])]
	return v, ok
}
