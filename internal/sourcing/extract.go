package sourcing

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// tspan is a token range [s, e).
type tspan struct{ s, e int }

func (t tspan) empty() bool { return t.e <= t.s }

// attr is an attribution under construction, in tokens.
type attr struct {
	src     tspan // empty for agentless passives
	cue     tspan
	content tspan
	direct  bool
	name    string
	typ     string
	// passive is the "it was reported" span of an agentless attribution.
	passive tspan
}

// doc is one article being annotated. Docs and their per-token slices
// are reused across documents (docPool).
type doc struct {
	lx  *Lexicon
	d   *nlp.Doc
	r   *report.Report
	n   int
	low []string // d.Lower(): shared, read only
	// wf[i] are the lexicon flags of low[i] (lx.words), the token flags
	// (fUpper, fNameTok) and the cue class (above clsShift).
	wf   []wflag
	sent []int
	// used marks tokens taken as a cue or a source.
	used []bool
	// cand are the tokens a rule of indirect may start at (a cue class
	// or a passive verb); marks the quotation marks and the tokens after
	// a blank line (what quotes reads); hedgeCand the words that start a
	// hedge phrase, vagueCand the vague plural nouns, nameCand the name
	// words: all in order, made by newDoc.
	cand, marks, hedgeCand, vagueCand, nameCand []int32
	// sentWords counts the words and numbers of each sentence;
	// sentSignal marks the sentences with a number or an event verb.
	sentWords  []int32
	sentSignal []bool
	// quoted marks tokens inside an attributed direct quote.
	quoted []bool
	attrs  []attr
	// names maps a surname to the full name last seen; lastPerson and
	// lastOrg are the most recent person and institution sources.
	names               map[string]string
	personType          map[string]string
	lastPerson, lastOrg struct{ name, typ string }
	entities            []report.Entity
	// summarize's scratch: named attributions and their groups; quotes'
	// result
	named    []int
	groups   []sourceGroup
	quoteBuf []quoteSpan
	// the spans of vagueSources (candidates, kept) and hedges, read
	// before the next call
	spanBuf [3][]tspan
	// claims' scratch: each sentence's first attribution and first named
	// one, plus 1 (0: none)
	firstAny, firstNamed []int
}

// sourceGroup is the attributions of one source (name and type): the
// first of them and how many.
type sourceGroup struct{ first, count int }

var docPool = sync.Pool{New: func() any {
	return &doc{names: map[string]string{}, personType: map[string]string{}}
}}

// clsShift is where a token's cue class sits in its flags, kindShift
// its kind (2 bits).
const (
	clsShift  = 61
	kindShift = 56
)

// newDoc prepares d for extraction; release returns x for reuse.
func newDoc(lx *Lexicon, d *nlp.Doc, r *report.Report) *doc {
	n := len(d.Tokens)
	x := docPool.Get().(*doc)
	x.lx, x.d, x.r, x.n, x.low, x.entities = lx, d, r, n, d.Lower(), r.Entities
	// wf is written for every token below
	x.wf, x.sent = nlp.Grow(x.wf, n), nlp.Zeroed(x.sent, n)
	x.used, x.quoted = nlp.Zeroed(x.used, n), nlp.Zeroed(x.quoted, n)
	x.sentWords, x.sentSignal = nlp.Zeroed(x.sentWords, len(d.Sentences)), nlp.Zeroed(x.sentSignal, len(d.Sentences))
	x.attrs = x.attrs[:0]
	x.cand, x.marks, x.hedgeCand, x.vagueCand, x.nameCand = x.cand[:0], x.marks[:0], x.hedgeCand[:0], x.vagueCand[:0], x.nameCand[:0]
	tab, wf, text := lx.table, x.wf[:n], d.Text
	prevUpper := false
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != nlp.Word {
			var f wflag
			if t.Kind == nlp.Number {
				f = x.number(i)
			} else if tab.anyKind {
				f = x.otherToken(i)
			}
			if t.Kind == nlp.Quote || t.ParaBefore {
				x.marks = append(x.marks, int32(i))
			}
			wf[i], prevUpper = f|wflag(t.Kind)<<kindShift, false
			continue
		}
		var f wflag
		up := false // (not read from f: the loop need not wait for the table)
		if n := t.End - t.Start; n <= 16 && t.Start+16 <= len(text) {
			// the word's bytes, packed as pack does and lower-cased
			// eight at a time
			b := text[t.Start : t.Start+16]
			lo, hi := nlp.Load8(b)&loMask[n], nlp.Load8(b[8:])&hiMask[n]
			if (lo|hi)&highBits == 0 {
				ulo, uhi := upperBytes(lo), upperBytes(hi)
				lo, hi := lo|ulo>>2, hi|uhi>>2
				if hi == 0 {
					// tab.getPacked(lo, 0), inlined
					i, j := shortSlots(lo)
					sa, sb := &tab.short[i], &tab.short[j]
					f = sa.f&eqMask(sa.lo^lo) | sb.f&eqMask(sb.lo^lo) | fWordNum
				} else {
					f = tab.getPacked(lo, hi) | fWordNum
				}
				if up = ulo&0x80 != 0; up {
					f = x.upperWord(i, f, bits.OnesCount64(ulo)+bits.OnesCount64(uhi))
				}
				if prevUpper && n > 3 && isParticle(lo) {
					f |= fNameTok
				}
			} else {
				f = x.slowWord(i, prevUpper)
				up = f&fUpper != 0
			}
		} else {
			f = x.slowWord(i, prevUpper)
			up = f&fUpper != 0
		}
		if f&(fCue|fAccording|fCiting|fPassive|fNumber|fEvent|fHedgeFirst|fVaguePlural) != 0 {
			f = x.listWord(i, f)
		}
		if f&fNameTok != 0 {
			x.nameCand = append(x.nameCand, int32(i))
		}
		if t.ParaBefore {
			x.marks = append(x.marks, int32(i))
		}
		wf[i], prevUpper = f, up
	}
	// a token's sentence (0 outside every sentence: x.sent starts zeroed)
	// and the sentences' words and signals (checkWorthy)
	for si, s := range d.Sentences {
		words, signal := int32(0), wflag(0)
		for i := s.First; i < s.Last; i++ {
			x.sent[i] = si
			f := wf[i]
			words += int32(f & fWordNum)
			signal |= f
		}
		x.sentWords[si], x.sentSignal[si] = words, signal&fSignal != 0
	}
	return x
}

// isUpperRune reports a word starting with an upper-case letter.
func isUpperRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// slowWord returns the flags of word i, from its lower case; prevUpper
// tells a capitalised word before it.
func (x *doc) slowWord(i int, prevUpper bool) wflag {
	s := x.rawAt(i)
	f := fWordNum | x.lx.table.get(x.low[i])
	if c := s[0]; 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf && isUpperRune(s) {
		n := 0
		for k := 0; k < len(s); k++ {
			// bytes of multi-byte characters are never A-Z
			if c := s[k]; 'A' <= c && c <= 'Z' {
				n++
			}
		}
		f = x.upperWord(i, f, n)
	}
	if prevUpper {
		// the lower case of three ASCII bytes is theirs, lower-cased,
		// and the word is longer than 3 bytes exactly when s is
		if len(s) >= 3 && s[0] < utf8.RuneSelf && s[1] < utf8.RuneSelf && s[2] < utf8.RuneSelf {
			if len(s) > 3 && isParticle(uint64(asciiLower(s[0]))|uint64(asciiLower(s[1]))<<8|uint64(s[2])<<16) {
				f |= fNameTok
			}
		} else if isArabicParticle(x.low[i]) {
			f |= fNameTok
		}
	}
	return f
}

// asciiLower lower-cases an ASCII letter.
func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// number returns the flags of number token i and lists it in cand when
// it belongs there.
func (x *doc) number(i int) wflag {
	f := x.lx.table.get(x.low[i]) | fWordNum | fSignal
	if f&fPassive != 0 {
		x.cand = append(x.cand, int32(i))
	}
	return f
}

// isParticle is isArabicParticle of a word longer than 3 bytes whose
// first 8 bytes are v, packed.
func isParticle(v uint64) bool {
	switch v & 0xFFFFFF {
	case 'a' | 'l'<<8 | '-'<<16, 'e' | 'l'<<8 | '-'<<16, 'a' | 'd'<<8 | '-'<<16, 'a' | 's'<<8 | '-'<<16:
		return true
	}
	return false
}

// upperWord returns the flags f of capitalised word i, which has nup
// letters A-Z, with fUpper and, for a possible part of a personal name,
// fNameTok.
func (x *doc) upperWord(i int, f wflag, nup int) wflag {
	f |= fUpper
	if f&(fCapStop|fRoleWord|fCue) == 0 {
		acronym := nup >= 2 && nup*2 >= x.d.Tokens[i].End-x.d.Tokens[i].Start // isAcronym
		if !acronym && !(f&fSourcesFirst != 0 && x.lx.oneWordSource(x.rawAt(i))) {
			f |= fNameTok
		}
	}
	return f
}

// listWord returns the flags f of word i with its cue class and
// fSignal, and puts it in the candidate lists it belongs to.
func (x *doc) listWord(i int, f wflag) wflag {
	if f&(fNumber|fEvent) != 0 {
		f |= fSignal
	}
	cl := x.cueClassOf(i, f, f&fUpper != 0)
	f |= wflag(cl) << clsShift
	if cl != cueNone || f&fPassive != 0 {
		x.cand = append(x.cand, int32(i))
	}
	if f&fHedgeFirst != 0 {
		x.hedgeCand = append(x.hedgeCand, int32(i))
	}
	if f&fVaguePlural != 0 {
		x.vagueCand = append(x.vagueCand, int32(i))
	}
	return f
}

// otherToken returns the flags of token i, a punctuation mark or quote
// when the table has such keys, and lists it in cand when it belongs
// there. (A token that is not a word is never a name word: an
// Arabic particle starts with a letter; and a punctuation token has no
// flags unless lx.table.anyKind.)
func (x *doc) otherToken(i int) wflag {
	f := x.lx.table.get(x.low[i])
	if f&fPassive != 0 {
		x.cand = append(x.cand, int32(i))
	}
	return f
}

// cueClassOf is the cue class of word token i with lexicon flags f,
// capitalised or not: the class cueClass returns.
func (x *doc) cueClassOf(i int, f wflag, upper bool) cueCode {
	if f&fAccording != 0 {
		if i+1 < x.n && x.low[i+1] == "to" {
			return cueAccording
		}
		return cueNone
	}
	if upper {
		return cueNone
	}
	if f&fCiting != 0 {
		return cueCiting
	}
	switch f & fCue {
	case fCueVerb:
		return cueVerb
	case fCuePart:
		return cuePart
	case fCueDoc:
		return cueDoc
	}
	return cueNone
}

// oneWordSource reports a one-token named source (Lexicon.Sources) equal
// to s.
func (lx *Lexicon) oneWordSource(s string) bool {
	for _, p := range lx.Sources.byFirst[s] {
		if len(p.toks) == 1 {
			return true
		}
	}
	return false
}

// grow returns s with length n, reusing its memory when its capacity
// allows; the elements are not cleared.

// release returns x for reuse; x is unusable afterwards.
func (x *doc) release() {
	clear(x.attrs) // names point into the article
	// clearing a map costs its capacity: a map grown large is dropped
	if len(x.names) > 32 {
		x.names = map[string]string{}
	} else {
		clear(x.names)
	}
	if len(x.personType) > 32 {
		x.personType = map[string]string{}
	} else {
		clear(x.personType)
	}
	x.lx, x.d, x.r, x.low, x.entities = nil, nil, nil, nil, nil
	x.lastPerson.name, x.lastPerson.typ, x.lastOrg.name, x.lastOrg.typ = "", "", "", ""
	docPool.Put(x)
}

// lower lower-cases s without allocating when it is already lower case ASCII.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func (x *doc) lowAt(i int) string { return x.low[i] }
func (x *doc) rawAt(i int) string {
	t := &x.d.Tokens[i]
	return x.d.Text[t.Start:t.End]
}

// kind is token i's kind (x.d.Tokens[i].Kind, from its flags).
func (x *doc) kind(i int) nlp.Kind { return nlp.Kind(x.wf[i] >> kindShift & 3) }

// up reports a capitalised word.
func (x *doc) up(i int) bool { return x.wf[i]&fUpper != 0 }

// clsAt is token i's cue class.
func (x *doc) clsAt(i int) cueCode { return cueCode(x.wf[i] >> clsShift) }

func (x *doc) isWord(i int) bool { return i >= 0 && i < x.n && x.kind(i) == nlp.Word }

func (x *doc) isPunct(i int, set string) bool {
	return i >= 0 && i < x.n && x.kind(i) == nlp.Punct && strings.Contains(set, x.rawAt(i))
}

// sentRange returns the token range of the sentence holding token i.
func (x *doc) sentRange(i int) (int, int) {
	s := x.d.Sentences[x.sent[i]]
	return s.First, s.Last
}

// cueClass returns the class of a cue at token i: verb, part, doc,
// according, citing or "" (computed once per token in newDoc).
func (x *doc) cueClass(i int) string {
	if i < 0 || i >= x.n {
		return ""
	}
	return cueNames[x.clsAt(i)]
}

// cueCode is a cue class as a small number (in doc.wf from clsShift, read by clsAt): cueNames[code] is
// the class.
type cueCode uint8

const (
	cueNone cueCode = iota
	cueVerb
	cuePart
	cueDoc
	cueAccording
	cueCiting
)

var cueNames = [...]string{cueNone: "", cueVerb: "verb", cuePart: "part", cueDoc: "doc", cueAccording: "according", cueCiting: "citing"}

var (
	pronouns   = map[string]bool{"he": true, "she": true, "it": true, "they": true, "we": true, "i": true}
	connectors = map[string]bool{"of": true, "for": true, "and": true, "al": true, "de": true, "at": true, "from": true, "bin": true, "ibn": true, "abu": true, "van": true, "von": true, "du": true, "la": true, "el": true, "on": true, "in": true, "by": true}
	// innerConnectors may join two name words only ("Rights", "Command").
	npAux = map[string]bool{"has": true, "have": true, "had": true, "also": true, "later": true, "previously": true,
		"earlier": true, "further": true, "again": true, "then": true, "once": true, "would": true, "will": true,
		"did": true, "does": true, "do": true, "repeatedly": true, "recently": true, "finally": true, "initially": true,
		"separately": true, "officially": true, "publicly": true, "just": true, "already": true, "first": true,
		"all": true, "both": true, "specifically": true, "explicitly": true, "previous": true, "allegedly": true}
	determiners = map[string]bool{"the": true, "a": true, "an": true}
	beForms     = map[string]bool{"is": true, "are": true, "was": true, "were": true, "been": true, "being": true, "be": true, "'s": true}
	// npExtra are lower-case words that may sit inside a source phrase.
	npExtra = map[string]bool{"state": true, "state-run": true, "official": true, "news": true, "agency": true, "television": true,
		"media": true, "group": true, "monitor": true, "monitoring": true, "rights": true, "human": true, "rescue": true,
		"workers": true, "health": true, "defence": true, "defense": true, "foreign": true, "interior": true, "ministry": true,
		"affairs": true, "press": true, "freedom": true, "watchdog": true, "international": true, "national": true,
		"local": true, "military": true, "security": true, "medical": true, "civil": true, "opposition": true, "regime": true,
		"army": true, "forces": true, "police": true, "authorities": true, "informed": true, "government": true,
		"regional": true, "provincial": true, "district": true, "council": true, "committee": true, "office": true,
		"department": true, "service": true, "services": true, "command": true, "centre": true, "center": true,
		"network": true, "observatory": true, "tv": true, "channel": true, "newspaper": true, "daily": true,
		"website": true, "outlet": true, "outlets": true, "agencies": true, "ngo": true, "charity": true,
		"organization": true, "organisation": true, "coalition": true, "legal": true, "criminal": true, "public": true,
		"psychiatric": true, "second": true, "latest": true, "new": true, "senior": true, "top": true, "former": true,
		"deputy": true, "acting": true, "assistant": true, "audio": true, "video": true, "autopsy": true,
		"attorney's": true, "prime": true, "general": true, "western": true, "rebel": true, "field": true,
		"intelligence": true, "party": true, "campaign": true, "union": true, "board": true, "panel": true,
		"analysis": true, "major": true, "commission": true, "major-general": true, "jihadist": true, "militant": true,
		"terrorist": true, "syrian": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	}
)

// npWord reports whether token i can be part of a source phrase.
func (x *doc) npWord(i int) bool {
	if i < 0 || i >= x.n {
		return false
	}
	if x.kind(i) != nlp.Word {
		return false
	}
	w := x.low[i]
	if x.up(i) {
		if x.has(i, fCapStop) && !isAcronym(x.rawAt(i)) {
			return false
		}
		return x.cue(i) == "" || x.has(i, fVaguePlural)
	}
	if isArabicParticle(w) {
		return true
	}
	if x.has(i, fNpExtra|fRoleWord|fVaguePlural|fVagueSingle|fVagueMods) {
		return true
	}
	if strings.HasSuffix(w, "-based") || strings.HasSuffix(w, "-run") || strings.HasSuffix(w, "-aligned") ||
		strings.HasSuffix(w, "-backed") || strings.HasSuffix(w, "-led") || strings.HasPrefix(w, "pro-") ||
		strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "\u2019s") {
		return true
	}
	return false
}

// isArabicParticle reports a lower-case name part such as "al-Assad".
func isArabicParticle(w string) bool {
	return len(w) > 3 && (strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-") || strings.HasPrefix(w, "ad-") || strings.HasPrefix(w, "as-"))
}

// capStop are capitalised function words that never start or join a name.
var capStop = map[string]bool{"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "but": true,
	"and": true, "however": true, "meanwhile": true, "after": true, "before": true, "when": true, "while": true,
	"this": true, "that": true, "these": true, "those": true, "there": true, "it": true, "he": true, "she": true,
	"they": true, "we": true, "i": true, "his": true, "her": true, "their": true, "its": true, "our": true,
	"as": true, "if": true, "since": true, "during": true, "also": true, "elsewhere": true, "earlier": true,
	"later": true, "today": true, "yesterday": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true, "january": true, "february": true,
	"march": true, "april": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true, "according": true, "so": true, "for": true,
	"of": true, "to": true, "with": true, "by": true, "from": true, "not": true, "no": true, "what": true,
	"who": true, "why": true, "how": true, "where": true, "which": true, "under": true,
	"outside": true, "inside": true, "near": true, "last": true, "next": true, "despite": true, "although": true,
	"though": true, "because": true, "until": true, "tags": true, "read": true, "published": true, "date": true,
	"sun": true, "mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "note": true,
	"once": true, "now": true, "here": true, "then": true, "thus": true, "yet": true, "still": true,
}

// leftNP returns the source phrase ending just before token c (adverbs and
// auxiliaries between them skipped), without a leading article.
func (x *doc) leftNP(c int) tspan {
	lo, _ := x.sentRange(c)
	j := c - 1
	for j >= lo && (x.has(j, fNpAux) || isAdverb(x.low[j]) && x.isWord(j)) && !x.d.Tokens[j+1].NewlineBefore {
		j--
	}
	if j < lo || x.d.Tokens[j+1].NewlineBefore {
		return tspan{}
	}
	if x.has(j, fPronoun) && x.isWord(j) {
		return tspan{j, j + 1}
	}
	if (x.low[j] == "which" || x.low[j] == "who") && j-1 >= lo {
		// "CRIF, which said", "his profile, which says": the antecedent
		k := j
		if x.isPunct(k-1, ",") {
			k--
		}
		if np := x.leftNP(k); !np.empty() {
			return np
		}
		if h := k - 1; h >= lo && x.isWord(h) && !x.up(h) && !x.has(h, fPronoun) {
			np := x.leftNP(h)
			if np.empty() || np.e != h {
				np = tspan{h, h + 1}
			}
			return tspan{np.s, h + 1}
		}
		return tspan{}
	}
	end := j + 1
	if j-3 >= lo && x.has(j, fPlaceNoun) && x.low[j-1] == "the" && (x.low[j-2] == "in" || x.low[j-2] == "on" || x.low[j-2] == "at") &&
		(x.has(j-3, fVaguePlural) || x.has(j-3, fVagueSingle)) {
		j -= 4 // "activists in the area said"
	} else if j >= lo && !x.npWord(j) && (x.pluralHead(j) || x.has(j, fFoldWord)) {
		j-- // "advocates say", "the coroner claims"
	} else if j-1 >= lo && x.isWord(j) && !x.npWord(j) && !x.up(j) && x.has(j-1, fPossessive) && x.cue(j) == "" {
		return tspan{j, j + 1} // "the cardinal said", "his lawyer said"
	}
	for j >= lo && j >= end-14 {
		if j+1 < x.n && j+1 < end && x.d.Tokens[j+1].NewlineBefore {
			break
		}
		switch {
		case x.used[j]:
		case x.isPunct(j, ".") && j-1 >= lo && x.has(j-1, fTitleAbbrev):
			j -= 2
			continue
		case x.npWord(j):
			j--
			continue
		case x.isPunct(j, "(") || x.isPunct(j, ")"):
			// (ICE) inside a name
			if x.isPunct(j, ")") && j-2 >= lo && x.isPunct(j-2, "(") && x.up(j-1) {
				j -= 3
				continue
			}
		case x.has(j, fConnector) && j > lo && x.npWord(j-1) && j+1 < end:
			j--
			continue
		case x.has(j, fDeterminer) && j > lo && x.has(j-1, fConnector) && j-1 > lo && x.npWord(j-2) && j+1 < end:
			j -= 2
			continue
		}
		break
	}
	s := j + 1
	for s < end && (x.has(s, fConnector) || x.has(s, fDeterminer)) {
		s++
	}
	if s >= end {
		return tspan{}
	}
	if s > lo && x.has(s-1, fPreposition) && end-s >= 3 {
		// "the towns of Jibrin and Al-Humeiri state television said": the
		// place belongs to the preposition, the source starts at the
		// first source word after a capitalised one
		for p := s + 1; p < end-1; p++ {
			if x.up(p-1) && !x.up(p) && x.isWord(p) && !x.has(p, fConnector) && !isArabicParticle(x.low[p]) {
				return tspan{p, end}
			}
		}
	}
	return tspan{s, end}
}

// possessives and articles that mark the word after them as a noun.
var possessives = map[string]bool{"the": true, "a": true, "an": true, "his": true, "her": true, "their": true,
	"its": true, "our": true, "my": true, "this": true, "another": true}

// titleAbbrev are titles written with a dot ("Dr.", "Gen.").
var titleAbbrev = map[string]bool{"dr": true, "mr": true, "mrs": true, "ms": true, "gen": true, "lt": true, "col": true,
	"sen": true, "rep": true, "prof": true, "maj": true, "brig": true, "sgt": true, "capt": true, "gov": true, "st": true, "rev": true}

// isAdverb reports an -ly adverb ("definitively said").
func isAdverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly") && w != "only" && w != "family" && w != "italy" && w != "july"
}

// pluralHead reports a lower-case plural noun that can head a source
// phrase right before a cue ("advocates say").
func (x *doc) pluralHead(j int) bool {
	w := x.low[j]
	if !x.isWord(j) || x.up(j) || len(w) <= 4 || x.cue(j) != "" || x.has(j, fTimeWord) {
		return false
	}
	for _, suf := range []string{"ers", "ists", "ians", "ans", "ents", "ors", "ates", "ives", "ees"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// rightNP returns the source phrase starting at token k (a leading article
// skipped).
func (x *doc) rightNP(k int) tspan {
	if k >= x.n {
		return tspan{}
	}
	_, hi := x.sentRange(k)
	if k < hi && x.has(k, fDeterminer) {
		k++
	}
	if k >= hi {
		return tspan{}
	}
	if x.has(k, fPronoun) && x.isWord(k) {
		return tspan{k, k + 1}
	}
	j := k
	for j < hi && j < k+14 {
		if j > k && x.d.Tokens[j].NewlineBefore {
			break
		}
		switch {
		case x.used[j]:
		case x.has(j, fTitleAbbrev) && x.isPunct(j+1, "."):
			j += 2
			continue
		case x.cueClass(j) != "" && !x.up(j) && !x.has(j, fVaguePlural) && !x.has(j, fRoleWord):
		case x.npWord(j):
			j++
			continue
		case x.isPunct(j, "(") && j+2 < hi && x.up(j+1) && x.isPunct(j+2, ")") && j > k:
			j += 3
			continue
		case x.has(j, fConnector) && j > k && x.npWord(j+1):
			j++
			continue
		case x.has(j, fConnector) && j > k && j+2 < hi && x.has(j+1, fDeterminer) && x.npWord(j+2):
			j += 2
			continue
		case x.has(j, fFoldWord) && x.isWord(j):
			j++ // a generic head ends the phrase: "the coroner"
		}
		break
	}
	for j > k && (x.has(j-1, fConnector) || x.has(j-1, fDeterminer)) {
		j--
	}
	return tspan{k, j}
}

// trim drops leading "that"/punctuation/quotes and trailing punctuation
// and quotes from a content range.
func (x *doc) trim(s tspan) tspan {
	for s.s < s.e {
		if k := x.kind(s.s); k == nlp.Punct || k == nlp.Quote || x.low[s.s] == "that" {
			s.s++
			continue
		}
		break
	}
	for s.e > s.s {
		if k := x.kind(s.e - 1); k == nlp.Punct && x.rawAt(s.e-1) != ")" || k == nlp.Quote && !x.innerQuote(s, s.e-1) {
			s.e--
			continue
		}
		break
	}
	return s
}

// innerQuote reports whether the quote token q closes a quote opened
// inside s (a partial quotation kept in the content).
func (x *doc) innerQuote(s tspan, q int) bool {
	c, _ := utf8.DecodeRuneInString(x.rawAt(q))
	if c == '\u201d' {
		for i := s.s; i < q; i++ {
			if x.rawAt(i) == "\u201c" {
				return true
			}
		}
		return false
	}
	if c == '"' {
		k := 0
		for i := s.s; i < q; i++ {
			if x.rawAt(i) == "\"" {
				k++
			}
		}
		return k%2 == 1
	}
	return false
}

func (x *doc) words(s tspan) int {
	k := 0
	for i := s.s; i < s.e; i++ {
		if t := x.kind(i); t == nlp.Word || t == nlp.Number {
			k++
		}
	}
	return k
}

// timeWords may follow a cue before its content ("said on Sunday that").
var timeWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "today": true, "yesterday": true, "earlier": true, "later": true, "tonight": true,
	"morning": true, "evening": true, "night": true, "afternoon": true, "overnight": true, "recently": true,
	"previously": true, "also": true, "again": true, "further": true, "repeatedly": true, "week": true, "month": true,
	"year": true, "late": true, "early": true, "last": true, "this": true, "on": true, "in": true, "at": true,
	"sarcastically": true, "publicly": true, "privately": true, "separately": true, "then": true, "now": true,
	"following": true, "however": true, "reporters": true, "journalists": true, "afterwards": true, "previous": true,
	"january": true, "february": true, "march": true, "april": true, "may": false, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true, "the": true,
}

// statementNouns follow "in a" after a cue ("said in a statement").
var statementNouns = map[string]bool{"statement": true, "interview": true, "letter": true, "press": true,
	"conference": true, "briefing": true, "speech": true, "tweet": true, "post": true, "video": true,
	"report": true, "message": true, "communique": true, "televised": true, "written": true, "news": true,
	"parliament": true, "court": true, "twitter": true, "facebook": true, "hearing": true, "release": true}

// skipAfterCue skips time phrases, "in a statement", a told-object and
// "that" after a cue at token c; it returns the first content token.
func (x *doc) skipAfterCue(c int, hi int) int {
	k := c + 1
	if x.low[c] == "told" || x.low[c] == "tell" || x.low[c] == "tells" || x.low[c] == "informed" || x.low[c] == "telling" || x.low[c] == "asked" || x.low[c] == "asks" {
		// the hearer: a short phrase before "that" or the content
		if np := x.rightNP(k); !np.empty() && np.e-np.s <= 6 {
			k = np.e
		} else if k < hi && (x.low[k] == "reporters" || x.low[k] == "journalists" || x.low[k] == "police") {
			k++
		}
	}
	for k < hi {
		w := x.low[k]
		switch {
		case x.kind(k) == nlp.Punct && (w == "," || w == ":" || w == "\u2014" || w == "-" || w == "--"):
			k++
		case x.has(k, fTimeWord) && !(w == "the" || w == "this" || w == "last" || w == "on" || w == "in" || w == "at") && x.kind(k) == nlp.Word:
			k++
		case (w == "on" || w == "last" || w == "this" || w == "late" || w == "early") && k+1 < hi && x.has(k+1, fTimeWord) && x.low[k+1] != "the":
			k += 2
		case (w == "in" || w == "at" || w == "on") && k+2 < hi && (x.low[k+1] == "a" || x.low[k+1] == "an" || x.low[k+1] == "the" || x.low[k+1] == "his" || x.low[k+1] == "her" || x.low[k+1] == "its") && x.has(k+2, fStatementNoun):
			k += 3
			for k < hi && x.has(k, fStatementNoun) {
				k++
			}
		case (w == "in" || w == "on") && k+1 < hi && x.has(k+1, fStatementNoun):
			k += 2
		case (w == "in" || w == "on" || w == "since") && k+1 < hi && x.kind(k+1) == nlp.Number:
			k += 2
		case x.kind(k) == nlp.Number && k > c+1 && x.has(k-1, fTimeWord):
			k++
		default:
			if w == "that" {
				k++
			}
			return k
		}
	}
	return k
}

// contentAfter is the content after a cue: from k to the sentence end, cut
// before a following participle cue or "according to".
func (x *doc) contentAfter(k, hi int) tspan {
	e := k
	for e < hi {
		cl := x.cueClass(e)
		if cl == "part" || cl == "according" || cl == "citing" {
			break
		}
		if x.has(e, fCoord) && e+1 < hi && x.cueClass(e+1) == "verb" {
			break
		}
		if x.has(e, fCoord) && e+2 < hi && x.has(e+1, fNpAux) && x.cueClass(e+2) == "verb" {
			break
		}
		e++
	}
	return x.trim(tspan{k, e})
}

// contentBefore is the content before a source phrase starting at s in its
// sentence, after any earlier attribution parts.
func (x *doc) contentBefore(s int) tspan {
	lo, _ := x.sentRange(s)
	for _, a := range x.attrs {
		for _, p := range []tspan{a.cue, a.src} {
			if !p.empty() && p.e <= s && p.e > lo && x.sent[p.s] == x.sent[s] {
				lo = p.e
			}
		}
	}
	e := s
	for e > lo && x.has(e-1, fDeterminer) {
		e--
	}
	return x.trim(tspan{lo, e})
}

// quotes finds the double-quoted stretches: token index of the opening and
// closing mark (close may be a virtual index at a paragraph end).
type quoteSpan struct{ open, close int }

func (x *doc) quotes() []quoteSpan {
	out := x.quoteBuf[:0]
	defer func() { x.quoteBuf = out[:0] }()
	open := -1
	for _, m := range x.marks {
		i := int(m)
		t := x.d.Tokens[i]
		if t.ParaBefore && open >= 0 {
			if t.Kind == nlp.Quote && isOpenMark(x.d.Text, t) {
				// quote continued into the next paragraph
				continue
			}
			out = append(out, quoteSpan{open, i})
			open = -1
		}
		if t.Kind != nlp.Quote {
			continue
		}
		c, _ := utf8.DecodeRuneInString(x.rawAt(i))
		switch c {
		case '\u201c', '\u201e', '\u00ab':
			open = i
		case '\u201d', '\u00bb':
			if open >= 0 {
				out = append(out, quoteSpan{open, i})
				open = -1
			}
		case '"':
			if open < 0 {
				if isOpenMark(x.d.Text, t) || !isCloseMark(x.d.Text, t) {
					open = i
				}
			} else {
				out = append(out, quoteSpan{open, i})
				open = -1
			}
		}
	}
	if open >= 0 {
		out = append(out, quoteSpan{open, x.n})
	}
	return out
}

func isOpenMark(text string, t nlp.Token) bool {
	c, _ := utf8.DecodeRuneInString(text[t.Start:])
	if c == '\u201c' || c == '\u201e' || c == '\u00ab' {
		return true
	}
	if c != '"' {
		return false
	}
	before := t.Start == 0 || isSpaceOrOpen(lastRune(text[:t.Start]))
	after := t.End < len(text) && !unicode.IsSpace(firstRune(text[t.End:]))
	return before && after
}

func isCloseMark(text string, t nlp.Token) bool {
	return t.Start > 0 && !unicode.IsSpace(lastRune(text[:t.Start]))
}

func isSpaceOrOpen(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '[' || r == '\u2014' }

func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }
func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// extract runs the attribution rules over the document.
func (x *doc) extract() {
	x.collectNames()
	x.directQuotes()
	x.indirect()
	slices.SortStableFunc(x.attrs, func(a, b attr) int { return a.cue.s - b.cue.s })
	// resolve names in reading order, so pronouns see the speakers before them
	for i := range x.attrs {
		x.typeSource(&x.attrs[i])
	}
}

// directQuotes attributes quotations to the speaker beside them, or to the
// previous speaker when a quote continues theirs.
func (x *doc) directQuotes() {
	var prev *attr
	prevEnd := -1
	for _, q := range x.quotes() {
		content := x.trim(tspan{q.open + 1, min(q.close, x.n)})
		if x.words(content) < 3 {
			continue
		}
		a, ok := x.speakerAfter(q)
		if !ok {
			a, ok = x.speakerBefore(q)
		}
		if !ok && prev != nil && q.open < x.n {
			lo, _ := x.sentRange(q.open)
			if lo == q.open && x.sent[q.open]-x.sent[min(prevEnd, x.n-1)] <= 1 {
				a, ok = attr{src: prev.src, cue: prev.cue}, true
			}
		}
		if !ok {
			continue
		}
		a.content, a.direct = content, true
		for i := q.open; i < min(q.close+1, x.n); i++ {
			x.quoted[i] = true
		}
		x.markUsed(a)
		x.attrs = append(x.attrs, a)
		prev = &x.attrs[len(x.attrs)-1]
		prevEnd = max(q.close, a.cue.e, a.src.e) - 1
		if prevEnd >= x.n {
			prevEnd = x.n - 1
		}
	}
}

func (x *doc) markUsed(a attr) {
	for i := a.cue.s; i < a.cue.e; i++ {
		x.used[i] = true
	}
	for i := a.src.s; i < a.src.e; i++ {
		x.used[i] = true
	}
}

// speakerAfter finds `"..." X said`, `"...," said X` after a closing quote.
func (x *doc) speakerAfter(q quoteSpan) (attr, bool) {
	k := q.close + 1
	for k < x.n && x.isPunct(k, ",") {
		k++
	}
	if k >= x.n || x.d.Tokens[k].NewlineBefore {
		return attr{}, false
	}
	if cl := x.cueClass(k); (cl == "verb" || cl == "part") && !x.used[k] {
		if np := x.rightNP(k + 1); !np.empty() {
			return attr{src: np, cue: tspan{k, k + 1}}, true
		}
		return attr{}, false
	}
	if cl := x.cueClass(k); cl == "according" {
		if np := x.rightNP(k + 2); !np.empty() {
			return attr{src: np, cue: tspan{k, k + 2}}, true
		}
	}
	np := x.rightNP(k)
	if np.empty() {
		return attr{}, false
	}
	e := np.e
	// `"...," Fares Shehabi, a member of parliament, wrote`: skip an
	// apposition set off by commas in the same sentence.
	if e < x.n && x.isPunct(e, ",") {
		for j := e + 1; j < x.n && j <= e+15 && x.sent[j] == x.sent[e]; j++ {
			if x.isPunct(j, ",") {
				e = j + 1
				break
			}
			if x.isPunct(j, ".!?") || x.kind(j) == nlp.Quote {
				break
			}
		}
	}
	for e < x.n && x.has(e, fNpAux) {
		e++
	}
	if cl := x.cueClass(e); cl == "verb" && !x.used[e] {
		return attr{src: np, cue: tspan{e, e + 1}}, true
	}
	return attr{}, false
}

// speakerBefore finds `X said: "..."` before an opening quote.
func (x *doc) speakerBefore(q quoteSpan) (attr, bool) {
	k := q.open - 1
	for k >= 0 && (x.isPunct(k, ",") || x.isPunct(k, ":")) {
		k--
	}
	if k < 0 {
		return attr{}, false
	}
	c := k
	if x.cueClass(c) != "verb" {
		// "told reporters:", "wrote on Twitter:"
		for j := k - 1; j >= 0 && j > k-5 && x.sent[j] == x.sent[k]; j-- {
			if x.cueClass(j) == "verb" && !x.used[j] {
				c = j
				break
			}
			if x.kind(j) != nlp.Word {
				break
			}
		}
		if c == k {
			return attr{}, false
		}
	}
	if x.used[c] || x.sent[c] != x.sent[q.open] || x.isPunct(k, ".!?") {
		return attr{}, false
	}
	np := x.leftNP(c)
	if np.empty() {
		return attr{}, false
	}
	return attr{src: np, cue: tspan{c, c + 1}}, true
}

// weakCue are reporting verbs that more often report no speech ("clashes
// continued", "declared a ceasefire"): they need "that", a quote or a
// sentence-final position.
var weakCue = map[string]bool{"continued": true, "declared": true, "responded": true, "replied": true,
	"pointed": true, "determined": true, "ruled": true, "recalled": true, "predicted": true, "boasted": true,
	"blasted": true, "maintained": true, "indicated": true, "estimated": true, "declares": true, "maintains": true,
	"indicates": true, "estimates": true}

// ambiguousCue are cue forms that are often nouns ("media reports").
var ambiguousCue = map[string]bool{"reports": true, "claims": true, "claim": true, "states": true, "notes": true,
	"estimates": true, "posted": true, "show": true, "say": true, "tell": true, "found": true, "continued": true,
	"determined": true, "ruled": true, "pointed": true, "asked": true, "quoted": true, "cited": true, "informed": true}

// indirect finds reported speech: "X said (that) ...", "... X said",
// "according to X", "citing Y", "adding that", "it was reported that".
func (x *doc) indirect() {
	cand := x.cand
	for _, s := range x.d.Sentences {
		// the sentence's candidates: a token that is in no candidate
		// list starts no rule
		for len(cand) > 0 && int(cand[0]) < s.First {
			cand = cand[1:]
		}
		k := 0
		for k < len(cand) && int(cand[k]) < s.Last {
			k++
		}
		sc := cand[:k]
		cand = cand[k:]
		if len(sc) == 0 {
			continue
		}
		// "according to" first: its phrase may hold "reports"
		for _, c := range sc {
			if i := int(c); !x.quoted[i] && !x.used[i] && x.clsAt(i) == cueAccording {
				x.according(i, s.First, s.Last)
			}
		}
		for _, c := range sc {
			i := int(c)
			if x.quoted[i] || x.used[i] {
				continue
			}
			switch x.clsAt(i) {
			case cueVerb, cueDoc:
				x.verbCue(i, s.First, s.Last)
			case cueNone:
				if x.has(i, fPassive) && i > s.First && x.has(i-1, fBeForm) {
					x.verbCue(i, s.First, s.Last)
				}
			}
		}
		for _, c := range sc {
			i := int(c)
			if x.quoted[i] || x.used[i] {
				continue
			}
			switch x.clsAt(i) {
			case cuePart:
				x.participle(i, s.First, s.Last)
			case cueCiting:
				x.citing(i, s.First, s.Last)
			}
		}
	}
}

func (x *doc) add(a attr) {
	x.markUsed(a)
	x.attrs = append(x.attrs, a)
}

func (x *doc) according(i, lo, hi int) {
	np := x.rightNP(i + 2)
	if np.empty() {
		return
	}
	a := attr{src: np, cue: tspan{i, i + 2}}
	before := x.trim(tspan{x.contentBefore(i).s, i})
	if before.s < lo {
		before.s = lo
	}
	if x.words(before) >= 3 {
		a.content = before
	} else if prev := x.lastInSentence(i); prev != nil && x.words(x.contentAfter(np.e, hi)) < 2 {
		a.content = prev.content // `"...," X said, according to Y`
	} else {
		a.content = x.contentAfter(np.e, hi)
		if x.words(a.content) < 2 {
			return
		}
	}
	x.add(a)
}

func (x *doc) verbCue(i, lo, hi int) {
	w := x.low[i]
	cl := x.cueClass(i)
	// agentless passive: "it was reported that"
	if i-1 >= lo && x.has(i-1, fBeForm) || i-2 >= lo && x.low[i-1] == "been" {
		if x.has(i, fPassive) {
			j := i - 1
			for j > lo && (x.has(j, fBeForm) || x.low[j] == "has" || x.low[j] == "had" || x.low[j] == "have" || x.low[j] == "also" || x.low[j] == "widely" || x.low[j] == "not") {
				j--
			}
			if x.low[j] == "it" && x.isWord(j) {
				k := i + 1
				if k < hi && x.low[k] == "that" {
					k++
				}
				c := x.contentAfter(k, hi)
				if x.words(c) >= 2 && !(k < hi && x.low[k] == "to") {
					x.add(attr{cue: tspan{i, i + 1}, content: c, passive: tspan{j, i + 1}, typ: "vague"})
				}
			}
		}
		return
	}
	if i+1 < hi && x.low[i+1] == "to" && (w == "said" || w == "claimed" || w == "believed" || w == "reported") {
		return // "said to be": a hedge, not an attribution
	}
	if i+1 < hi && x.low[i+1] == "by" && strings.HasSuffix(w, "ed") {
		return // "an attack claimed by IS": a passive participle
	}
	src := x.leftNP(i)
	if !src.empty() && ambiguousCue[w] {
		// "media reports of", "his claims": a noun, not a verb
		if i+1 < hi && (x.low[i+1] == "of" || x.low[i+1] == "from" || x.low[i+1] == "by" || x.low[i+1] == "about" || x.cueClass(i+1) == "verb") {
			return
		}
		if w == "reports" && x.allMods(src) {
			return
		}
		if nounForm[w] && src.s > lo && x.has(src.s-1, fDeterminer) && !x.anyUpper(src) &&
			!(i+1 < hi && (x.low[i+1] == "that" || x.has(i+1, fPronoun) || x.kind(i+1) == nlp.Quote)) {
			return // "the autopsy reports late Wednesday": a noun phrase
		}
	}
	if cl == "doc" {
		if src.empty() || !x.isDocument(src) {
			return
		}
	}
	if src.empty() && i-1 > lo && x.isPunct(i-1, ",") {
		// "Sputnik, citing a military source, said", "Marx, one of the
		// pope's advisors, said": the phrase before the parenthesis
		for j := i - 2; j > lo && j > i-18; j-- {
			if x.isPunct(j, ",") {
				src = x.leftNP(j)
				break
			}
			if x.kind(j) == nlp.Quote || x.cueClass(j) == "verb" {
				break
			}
		}
	}
	if src.empty() && i-1 >= lo && (x.has(i-1, fCoord) || x.has(i-1, fNpAux) && i-2 >= lo && x.has(i-2, fCoord)) {
		// "X said ... and said ...", "... but says": the same speaker
		if prev := x.lastInSentence(i); prev != nil {
			src = prev.src
		} else if np := x.rightNP(lo); !np.empty() && np.e < i {
			src = np // the sentence's subject: "He called it ... and said"
		}
	}
	if !src.empty() {
		if w == "pointed" {
			if i+1 >= hi || x.low[i+1] != "out" {
				return // "pointed the finger at"
			}
		}
		k := x.skipAfterCue(i, hi)
		if w == "pointed" && k == i+1 {
			k = x.skipAfterCue(i+1, hi)
		}
		if x.notClauseStart(k) {
			// "said at a committee hearing on Tuesday that ...": the clause
			// after a nearby "that"
			for j := k; j < hi && j < k+14; j++ {
				if x.low[j] == "that" && x.isWord(j) {
					k = j + 1
					break
				}
				if x.kind(j) == nlp.Quote || x.cueClass(j) != "" || x.isPunct(j, ".;:") {
					break
				}
			}
		}
		if k < hi && x.low[k] == "to" && w != "claimed" && w != "claims" {
			return // "continued to push", "told to leave"
		}
		c := x.contentAfter(k, hi)
		if weakCue[w] && x.words(c) >= 2 && !(k-1 > i && x.low[k-1] == "that" || k < hi && (x.kind(k) == nlp.Quote || x.low[k] == "out")) {
			// "clashes continued between ...", "declared a ceasefire"
			c = tspan{}
		}
		if x.words(c) >= 2 && !(k < hi && x.low[k] == "to" && w != "claimed") && !x.notClauseStart(k) {
			x.add(attr{src: src, cue: tspan{i, i + 1}, content: c})
			return
		}
		// sentence-final: "... the Observatory said (on Sunday)."
		if k >= hi-1 || x.words(c) == 0 || x.notClauseStart(k) {
			b := x.contentBefore(src.s)
			if x.words(b) >= 3 {
				x.add(attr{src: src, cue: tspan{i, i + 1}, content: b})
			}
		}
		return
	}
	// inverted: "... said a military source."
	np := x.rightNP(i + 1)
	if np.empty() {
		return
	}
	k := np.e
	for k < hi && (x.kind(k) == nlp.Punct || x.has(k, fTimeWord)) {
		k++
	}
	if k >= hi {
		b := x.contentBefore(i)
		if x.words(b) >= 3 {
			x.add(attr{src: np, cue: tspan{i, i + 1}, content: b})
		}
	}
}

// nounForm are cue forms that are also plural nouns.
var nounForm = map[string]bool{"reports": true, "claims": true, "estimates": true, "notes": true, "states": true}

// anyUpper reports a capitalised word in s.
func (x *doc) anyUpper(s tspan) bool {
	for i := s.s; i < s.e; i++ {
		if x.up(i) {
			return true
		}
	}
	return false
}

// coord join a second verb to the same subject.
var coord = map[string]bool{"and": true, "but": true}

// notClauseStart reports content that cannot be what was said: it starts
// with a preposition or an -ing word ("said at a news conference in ...",
// "has determined, contradicting ...").
func (x *doc) notClauseStart(k int) bool {
	if k >= x.n || !x.isWord(k) || x.up(k) || k > 0 && x.low[k-1] == "that" {
		return false
	}
	w := x.low[k]
	if w == "at" && k+1 < x.n && (x.low[k+1] == "least" || x.low[k+1] == "most") {
		return false // "said at least 15 people ..."
	}
	return x.has(k, fPreposition) || len(w) > 5 && strings.HasSuffix(w, "ing")
}

var prepositions = map[string]bool{"in": true, "at": true, "on": true, "during": true, "after": true, "before": true,
	"with": true, "for": true, "from": true, "by": true, "to": true, "of": true, "without": true, "amid": true,
	"following": true, "as": true, "while": true, "when": true, "outside": true, "inside": true}

// allMods reports a phrase made only of vague-source modifiers and media
// words ("western media"): before "reports" it makes a noun phrase.
func (x *doc) allMods(s tspan) bool {
	for i := s.s; i < s.e; i++ {
		w := x.low[i]
		if !x.has(i, fVagueMods) && w != "media" && w != "news" && w != "press" && !strings.HasPrefix(w, "pro-") {
			return false
		}
	}
	return true
}

// isDocument reports whether a source phrase names a document or an outlet.
func (x *doc) isDocument(s tspan) bool {
	for i := s.s; i < s.e; i++ {
		if p, ok := x.match(x.lx.Roles, i, s.e, x.rawAt); ok && p.value == "document" {
			return true
		}
		if p, ok := x.match(x.lx.Sources, i, s.e, x.rawAt); ok && p.value == "media" {
			return true
		}
	}
	return false
}

// lastInSentence returns the last attribution with a cue before token i in
// the same sentence (or ending the previous one), or nil.
func (x *doc) lastInSentence(i int) *attr {
	var best *attr
	for k := range x.attrs {
		a := &x.attrs[k]
		if a.cue.s < i && x.sent[a.cue.s] == x.sent[i] && (best == nil || a.cue.s > best.cue.s) {
			best = a
		}
	}
	return best
}

// nearestInSentence returns the attribution whose cue is nearest token i
// in the same sentence, or nil.
func (x *doc) nearestInSentence(i int) *attr {
	var best *attr
	bd := 1 << 30
	for k := range x.attrs {
		a := &x.attrs[k]
		if x.sent[a.cue.s] != x.sent[i] || a.cue.s == i {
			continue
		}
		d := a.cue.s - i
		if d < 0 {
			d = -d
		}
		if d < bd {
			best, bd = a, d
		}
	}
	return best
}

func (x *doc) participle(i, lo, hi int) {
	if !clauseParticiple[x.low[i]] {
		// "claiming the lives of", "warning against": need a clause
		if i+1 >= hi || !(x.low[i+1] == "that" || x.isPunct(i+1, ":") || x.kind(i+1) == nlp.Quote) {
			return
		}
	}
	prev := x.lastInSentence(i)
	src := x.leftNP(i)
	if src.empty() {
		if prev == nil {
			return
		}
		src = prev.src
	} else {
		prev = nil
	}
	k := x.skipAfterCue(i, hi)
	c := x.contentAfter(k, hi)
	if x.words(c) < 2 {
		return
	}
	a := attr{src: src, cue: tspan{i, i + 1}, content: c}
	if prev != nil {
		a.passive = prev.passive
		if src.empty() {
			a.typ = prev.typ
		}
	}
	for j := i; j < i+1; j++ {
		x.used[j] = true
	}
	x.attrs = append(x.attrs, a)
}

// clauseParticiple are participles that take what was said directly.
var clauseParticiple = map[string]bool{"saying": true, "adding": true, "noting": true, "stating": true,
	"explaining": true, "telling": true, "stressing": true, "insisting": true, "arguing": true}

func (x *doc) citing(i, lo, hi int) {
	np := x.rightNP(i + 1)
	if np.empty() {
		return
	}
	a := attr{src: np, cue: tspan{i, i + 1}}
	if prev := x.nearestInSentence(i); prev != nil {
		a.content = prev.content
	} else {
		a.content = x.contentBefore(i)
		if x.words(a.content) < 3 {
			a.content = x.contentAfter(x.skipAfterCue(np.e-1, hi), hi)
		}
	}
	if x.words(a.content) < 2 {
		return
	}
	x.add(a)
}
