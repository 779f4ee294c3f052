// Package events is the annotation stage that turns an article's
// sentences into conflict event records: who did what to whom, where,
// when, with what, and how many were killed or injured, each with the
// sentence that says so as evidence. It reads the entities stage's
// output (places, parties, weapons, dates, quantities) and uses rules
// only (trigger words, the position of a party against the trigger, the
// noun a number counts); docs/events.md documents them and the mapping to
// the FA-KES categories.
package events

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/sift-project/sift/internal/entities"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// Stage is the events pipeline stage.
type Stage struct{}

// New returns the events stage.
func New() *Stage { return &Stage{} }

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "events" }

// leadSentences is how many sentences from the top (the title first) the
// main event is looked for in: news puts its event in the headline and
// the lead.
const leadSentences = 4

// ent is an entity with its token range and gazetteer information.
type ent struct {
	report.Entity
	first, last int // tokens [first, last)
	// info is the gazetteer's record (shared, read only), noInfo when
	// there is none or when the rules read none for the type (only
	// parties', places' and weapons' are read).
	info *entities.Info
	kind entKind
}

// known reports whether the gazetteer's record of e was read.
func (e *ent) known() bool { return e.info != &noInfo }

// entKind is an entity type as the rules tell them apart.
type entKind uint8

const (
	kindOther entKind = iota
	kindParty         // armed_group, military, government
	kindOrganization
	kindWeapon
	kindQuantity
	kindPlace
	kindDate
	kindMedia
)

func kindOf(typ string) entKind {
	switch typ {
	case "armed_group", "military", "government":
		return kindParty
	case "organization":
		return kindOrganization
	case "weapon":
		return kindWeapon
	case "quantity":
		return kindQuantity
	case "place":
		return kindPlace
	case "date":
		return kindDate
	case "media":
		return kindMedia
	}
	return kindOther
}

// noInfo is the info of an entity the gazetteer does not know.
var noInfo entities.Info

// vague reports a party whose name says no side ("terrorists",
// "militants").
func (e *ent) vague() bool { return e.isParty() && (!e.known() || e.info.Category == "") }

func (e *ent) isParty() bool { return e.kind == kindParty }

// mention is a casualty figure: a number, the victims it counts and
// whether they were killed or injured.
type mention struct {
	n         int
	vague     bool // "dozens", "hundreds"
	class     int
	injured   bool
	inclusive bool
}

// sentEvent is an event found in one sentence, before it becomes a
// report.Event.
type sentEvent struct {
	sent     int
	typ      string
	actor    *ent
	target   *ent
	place    *ent
	date     *ent
	weapon   *ent
	mentions []mention
	killed   int
	precise  bool // the deaths are counted with an exact figure
}

// Annotate fills r.Events and r.MainEvent from r.Entities.
func (s *Stage) Annotate(r *report.Report, nd *nlp.Doc) error {
	d := newDoc(nd)
	defer d.release()
	sc := d.sc
	sc.ents = resolve(sc.ents[:0], nd, r.Entities)
	ents := sc.ents
	// The entities of each sentence, in their order: sc.sentEnts[
	// sc.sentStart[si]:sc.sentStart[si+1]].
	ns := len(d.Sentences)
	sc.sentStart = nlp.Zeroed(sc.sentStart, ns+1)
	sc.entSent = nlp.Grow(sc.entSent, len(ents))
	si := 0
	for i := range ents {
		first := ents[i].first
		if si >= ns || first < d.Sentences[si].First || first >= d.Sentences[si].Last {
			si = d.SentenceOf(first)
		}
		sc.entSent[i] = int32(si)
		if si >= 0 {
			sc.sentStart[si+1]++
		} else {
			si = 0
		}
	}
	for k := 1; k <= ns; k++ {
		sc.sentStart[k] += sc.sentStart[k-1]
	}
	sc.sentEnts = nlp.Grow(sc.sentEnts, int(sc.sentStart[ns]))
	sc.fill = append(sc.fill[:0], sc.sentStart[:ns]...)
	for i := range ents {
		if k := sc.entSent[i]; k >= 0 {
			sc.sentEnts[sc.fill[k]] = &ents[i]
			sc.fill[k]++
		}
	}
	d.codes = nlp.Grow(sc.codes, len(d.Tokens))
	sc.codes = d.codes
	var found []sentEvent
	for si := range d.Sentences {
		es := sc.sentEnts[sc.sentStart[si]:sc.sentStart[si+1]]
		if !mayHoldEvent(d, si, es) {
			continue
		}
		if ev, ok := sentenceEvent(d, si, es); ok {
			found = append(found, ev)
		}
	}
	r.Events = make([]report.Event, 0, len(found))
	for _, ev := range found {
		r.Events = append(r.Events, toReport(r, d, ev))
	}
	if m := mainEvent(found); m >= 0 {
		enrichMain(r, d, found, m, ents)
		r.MainEvent = &m
	}
	return nil
}

// grow returns s resized to n, its contents undefined.

// code returns the full code of token k (in the sentence mayHoldEvent
// has coded), looked up the first time it is asked for.
func (d *doc) code(k int) uint16 {
	c := d.codes[k]
	if c&cDone == 0 {
		c = fullCodes.code(d.low[k]) | cDone
		d.codes[k] = c
	}
	return c
}

// mayHoldEvent fills d.codes for sentence si (the quickMask bits) and reports whether the
// sentence can hold an event: only a trigger word, a weapon, a quantity
// or "a", "an", "one" before a victim noun (a casualty figure of one) can
// make one.
func mayHoldEvent(d *doc, si int, es []*ent) bool {
	s := d.Sentences[si]
	var any uint16
	low, codes := d.low[s.First:s.Last], d.codes[s.First:s.Last]
	codes = codes[:len(low)]
	for k, w := range low {
		// quickCodes.code, its first probe inline: most words find an
		// empty slot.
		var c uint16
		if len(w) > 0 {
			if h := codeHash(w); quickCodes.lens[h] != 0 {
				c = quickCodes.from(h, w)
			}
		}
		codes[k] = c
		any |= c
	}
	if any&(cTrigType|cBigram) != 0 {
		return true
	}
	if any&cArticle != 0 {
		// "a child", "one soldier"
		for i := s.First; i+1 < s.Last; i++ {
			if d.codes[i]&cArticle != 0 && d.codes[i+1]>>cVictimShift&7 != 0 {
				return true
			}
		}
	}
	for _, e := range es {
		if e.kind == kindWeapon || e.kind == kindQuantity {
			return true
		}
	}
	return false
}

// resolve maps entities to tokens and gazetteer information, appending
// them to out.
func resolve(out []ent, d *nlp.Doc, es []report.Entity) []ent {
	n := len(d.Tokens)
	// first is the first token ending after the entity's start, last the
	// first token starting at or after its end. Entities come in text
	// order: each search goes on from the previous entity's first token
	// (binary search for one out of order).
	prevStart, prevFirst := -1, 0
	for _, e := range es {
		var first int
		if e.Start >= prevStart {
			first = prevFirst
			for first < n && d.Tokens[first].REnd <= e.Start {
				first++
			}
		} else {
			first = sort.Search(n, func(i int) bool { return d.Tokens[i].REnd > e.Start })
		}
		prevStart, prevFirst = e.Start, first
		// Tokens before first start before the entity's end (when it
		// does not end before it starts).
		last := first
		if e.End < e.Start {
			last = sort.Search(n, func(i int) bool { return d.Tokens[i].RStart >= e.End })
		}
		for last < n && d.Tokens[last].RStart < e.End {
			last++
		}
		if first >= last {
			continue
		}
		x := ent{Entity: e, first: first, last: last, info: &noInfo, kind: kindOf(e.Type)}
		switch x.kind {
		case kindParty, kindPlace, kindWeapon:
			if in := entities.LookupRef(e.Type, e.Name); in != nil {
				x.info = in
			}
		}
		out = append(out, x)
	}
	return out
}

// entIndex maps the tokens of one sentence's entities to the entity (the
// last listed one where they overlap); other tokens map to nil.
type entIndex struct {
	at []*ent // the doc's scratch, indexed by token
	es []*ent
}

func newEntIndex(d *doc, es []*ent) entIndex {
	x := entIndex{es: es}
	if len(es) == 0 {
		return x
	}
	if d.entAt == nil {
		// A slice left by an earlier document, all nil.
		if cap(d.sc.entAt) < len(d.Tokens)+1 {
			d.sc.entAt = make([]*ent, len(d.Tokens)+1)
		}
		d.entAt = d.sc.entAt[:len(d.Tokens)+1]
	}
	x.at = d.entAt
	for _, e := range es {
		for k := e.first; k < e.last; k++ {
			if k >= 0 && k < len(x.at) {
				x.at[k] = e
			}
		}
	}
	return x
}

// get returns the entity at token k, or nil.
func (x entIndex) get(k int) *ent {
	if k < 0 || k >= len(x.at) {
		return nil
	}
	return x.at[k]
}

// release clears the tokens x set in the doc's scratch.
func (x entIndex) release() {
	for _, e := range x.es {
		for k := e.first; k < e.last; k++ {
			if k >= 0 && k < len(x.at) {
				x.at[k] = nil
			}
		}
	}
}

// scratch is one document's working memory, reused by the next one
// (scratchPool).
type scratch struct {
	ents []ent
	// entAt is entIndex's: one slot per token, all nil between
	// sentences.
	entAt []*ent
	// The entities by sentence (Annotate).
	sentEnts                 []*ent
	sentStart, entSent, fill []int32
	codes                    []uint16
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release returns d's scratch to its pool, holding no document's text.
func (d *doc) release() {
	sc := d.sc
	if d.entAt != nil {
		clear(d.entAt)
	}
	clear(sc.ents)
	clear(sc.sentEnts)
	d.sc, d.entAt = nil, nil
	scratchPool.Put(sc)
}

// doc is the tokenized text with its tokens in lower case, computed once.
type doc struct {
	*nlp.Doc
	low []string // d.Lower(): shared, read only
	// codes are the tokens' word codes (codeTable.code, doc.code), filled for a sentence
	// by mayHoldEvent.
	codes []uint16
	// entAt is entIndex's scratch (sc.entAt), nil until a sentence with
	// entities needs it.
	entAt []*ent
	sc    *scratch
}

func newDoc(d *nlp.Doc) *doc {
	return &doc{Doc: d, low: d.Lower(), sc: scratchPool.Get().(*scratch)}
}

// lower returns token i in lower case, "" out of range.
func (d *doc) lower(i int) string {
	if i < 0 || i >= len(d.low) {
		return ""
	}
	return d.low[i]
}

// sentenceEvent reads the event sentence si states, if any.
func sentenceEvent(d *doc, si int, es []*ent) (sentEvent, bool) {
	s := d.Sentences[si]
	ev := sentEvent{sent: si}
	entAt := newEntIndex(d, es)
	defer entAt.release()
	// Triggers: the first of the specific types wins; otherwise the first
	// trigger in the sentence.
	firstTrig, firstTok := "", -1
	words := false // a trigger word, not only a weapon's name
	// The first token of each of the specific types (typeOrder[:3]).
	specific := [3]int{-1, -1, -1}
	for i := s.First; i < s.Last; i++ {
		typ := ""
		c := d.codes[i]
		e := entAt.get(i)
		if e != nil && e.kind == kindWeapon {
			if i != e.first || !e.known() || e.info.EventType == "" {
				continue
			}
			typ = e.info.EventType
		} else if c&(cTrigType|cBigram) == 0 || e != nil && e.kind != kindParty && e.kind != kindOrganization {
			continue
		} else {
			if i+1 < s.Last && c&cBigram != 0 {
				if t, ok := triggers[d.low[i]+" "+d.low[i+1]]; ok {
					typ = t
				}
			}
			if typ == "" {
				typ = typeOrder1[c&cTrigType]
			}
			if typ == "" {
				continue
			}
			words = true
		}
		for k, t := range typeOrder[:3] {
			if typ == t && specific[k] < 0 {
				specific[k] = i
			}
		}
		if firstTok < 0 {
			firstTrig, firstTok = typ, i
		}
	}
	for k, i := range specific {
		if i >= 0 {
			firstTrig, firstTok = typeOrder[k], i
			break
		}
	}
	ev.mentions = casualties(d, s, entAt)
	// Past the lead, a weapon named with no action and no casualties
	// ("rebels have TOW missiles") is no event; in a headline ("Barrel
	// bombs on Aleppo") it is.
	if (firstTok < 0 || !words && si >= leadSentences) && len(ev.mentions) == 0 {
		return ev, false
	}
	ev.typ = firstTrig
	if ev.typ == "" {
		ev.typ = "other"
	}
	anchor := firstTok
	for i := s.First; anchor < 0 && i < s.Last; i++ {
		if d.code(i)&cKill != 0 {
			anchor = i
		}
	}
	if anchor < 0 {
		anchor = s.First
	}
	combatantVictims := false
	for _, m := range ev.mentions {
		if m.class == classCombatants && !m.injured {
			combatantVictims = true
		}
	}
	ev.actor, ev.target = parties(d, s, es, entAt, anchor, combatantVictims, ev.typ == "shootdown")
	for _, e := range es {
		switch e.Type {
		case "place":
			if ev.place == nil && e.known() && e.info.Governorate != "" {
				ev.place = e
			}
		case "date":
			// The event's own date rather than the dateline opening the
			// sentence, the nearest to the trigger.
			dateline := e.first <= s.First+1
			switch {
			case ev.date == nil:
				ev.date = e
			case ev.date.first <= s.First+1 && !dateline:
				ev.date = e
			case !dateline && abs(e.first-anchor) < abs(ev.date.first-anchor):
				ev.date = e
			}
		case "weapon":
			if ev.weapon == nil {
				ev.weapon = e
			}
		}
	}
	// "al-Midan in Aleppo city": a place inside a named city or
	// governorate is where that says.
	if p := ev.place; p != nil {
		for _, e := range es {
			if e.kind != kindPlace || !e.known() || e.first < p.last || e.first > p.last+3 || e.info.Governorate == "" ||
				e.info.Governorate == p.info.Governorate || e.info.PlaceKind != "city" && e.info.PlaceKind != "governorate" {
				continue
			}
			if w := d.lower(p.last); w == "in" || w == "of" {
				ev.place = e
			}
			break
		}
	}
	if ev.place == nil {
		for _, e := range es {
			if e.kind == kindPlace && e.known() && e.info.PlaceKind != "" {
				ev.place = e
				break
			}
		}
	}
	ev.killed = totals(ev.mentions).killed
	for _, m := range ev.mentions {
		if !m.injured && !m.vague {
			ev.precise = true
		}
	}
	return ev, true
}

// targetCues before a party make it the target: "strikes on IS", "a
// village held by IS", "clashes with the army".
var targetCues = map[string]bool{"on": true, "against": true, "targeting": true, "targeted": true, "with": true,
	"at": true, "of": true, "between": true, "hit": true, "into": true}

var aircraftWords = map[string]bool{"jet": true, "jets": true, "plane": true, "planes": true, "warplane": true,
	"helicopter": true, "helicopters": true, "aircraft": true, "drone": true, "chopper": true, "fighter": true,
	"bomber": true, "mig": true, "su": true}

var agentAfterCues = map[string]bool{"killed": true, "kill": true, "kills": true, "killing": true, "shelled": true,
	"bombed": true, "struck": true, "hit": true, "targeted": true, "executed": true, "launched": true,
	"carried": true, "dropped": true, "fired": true, "attacked": true, "pounded": true, "raided": true,
	"claimed": true, "shot": true, "stormed": true, "massacred": true, "committed": true, "used": true,
	"beheaded": true, "detonated": true, "opened": true, "have": true, "has": true, "had": true}

// parties picks the actor and the target among the sentence's parties.
func parties(d *doc, s nlp.Sentence, es []*ent, entAt entIndex, trig int, victims, shootdown bool) (actor, target *ent) {
	var weak, with *ent
	for _, e := range es {
		if !e.isParty() {
			continue
		}
		prev, prev2 := d.lower(e.first-1), d.lower(e.first-2)
		if e.first-1 < s.First {
			prev, prev2 = "", ""
		} else if e.first-2 < s.First {
			prev2 = ""
		}
		if prev == "the" {
			prev, prev2 = prev2, d.lower(e.first-3)
		}
		next := d.lower(e.last)
		if e.last >= s.Last {
			next = ""
		}
		held := prev2 == "held" || prev2 == "controlled" || prev2 == "backed" || prev2 == "led" || prev2 == "supported" || prev2 == "besieged"
		tokText := d.lower(e.last - 1)
		heldSuffix := strings.HasSuffix(tokText, "-held") || strings.HasSuffix(tokText, "-controlled") ||
			strings.HasSuffix(tokText, "-besieged") || strings.HasSuffix(tokText, "-run") ||
			next == "-" && (d.lower(e.last+1) == "held" || d.lower(e.last+1) == "controlled")
		if next == "denied" || next == "denies" || next == "deny" || next == "rejected" {
			continue // "Nusra denied it was behind the blast"
		}
		if strings.HasSuffix(tokText, "-supplied") || strings.HasSuffix(tokText, "-made") || strings.HasSuffix(tokText, "-backed") || strings.HasSuffix(tokText, "-allied") || strings.HasSuffix(tokText, "-linked") || strings.HasSuffix(tokText, "-affiliated") {
			continue
		}
		// A number before a party counts its dead ("29 Syrian rebels"),
		// unless it is a date's ("Sun 16 Apr 2017 Russian air strikes").
		victim := prev != "" && (d.Tokens[e.first-1].Kind == nlp.Number || isNumberWord(prev))
		if q := entAt.get(e.first - 1); victim && q != nil && q.kind == kindDate {
			victim = false
		}
		// "a Syrian Air Force jet was shot down": the aircraft's side is
		// the target of a shootdown.
		aircraft := false
		if e.last < s.Last && aircraftWords[d.lower(e.last)] {
			aircraft = true
		}
		switch {
		case shootdown && aircraft && prev != "by":
			if target == nil {
				target = e
			}
		case (prev == "by" || prev == "accused" || prev == "blamed") && !held:
			if actor == nil {
				actor = e
			}
		case heldSuffix || held || victim || targetCues[prev]:
			if target == nil {
				target = e
			}
			if victim {
				victims = true
			} else if (prev == "with" || prev == "against") && with == nil {
				with = e
			}
		case agentAfterCues[next] || next == "-" || strings.Contains(strings.ToLower(e.Text), "strike") ||
			strings.Contains(strings.ToLower(e.Text), "warplane") || strings.Contains(strings.ToLower(e.Text), "jets") ||
			strings.Contains(strings.ToLower(e.Text), "aircraft") || strings.Contains(strings.ToLower(e.Text), "raids"):
			if actor == nil {
				actor = e
			}
		case e.first <= trig && weak == nil:
			weak = e
		}
	}
	if actor == nil && weak != nil && weak != target {
		actor = weak
	}
	// "ISIL terrorists", "terrorists from Jaish al-Fateh": a vague name
	// takes the side of a named party right beside it.
	if actor != nil && actor.vague() {
		for _, e := range es {
			if e != actor && e != target && e.isParty() && !e.vague() && (abs(e.first-actor.last) <= 3 || abs(actor.first-e.last) <= 3) {
				actor = e
				break
			}
		}
	}
	// "10 soldiers killed in clashes with IS": the other side of a clash
	// that killed a party's members is the actor.
	if actor == nil && victims && with != nil {
		actor = with
	}
	return actor, target
}

func isNumberWord(w string) bool {
	_, _, ok := entities.NumberWord(w)
	return ok
}

// maxEventDeaths is the largest figure read as one event's casualties:
// larger ones are the war's tolls ("the war has killed more than 280000
// people"); the deadliest single attacks of the war killed under 2000.
const maxEventDeaths = 5000

// casualties reads the casualty figures of sentence s.
func casualties(d *doc, s nlp.Sentence, entAt entIndex) []mention {
	var out []mention
	for i := s.First; i < s.Last; i++ {
		n, end := 0, i
		e := entAt.get(i)
		if e == nil && d.codes[i]&cArticle == 0 {
			continue
		}
		if e != nil && e.kind == kindQuantity && e.first == i {
			v, err := strconv.Atoi(e.Name)
			if err != nil || v > maxEventDeaths {
				continue
			}
			n, end = v, e.last
		} else if e == nil && i+1 < s.Last {
			c := d.codes[i+1] >> cVictimShift & 7
			if c == 0 || strings.HasSuffix(d.lower(i+1), "s") && d.lower(i+1) != "bus" {
				continue
			}
			n, end = 1, i+1
		} else {
			continue
		}
		if m, ok := readMention(d, s, i, end, n, entAt); ok {
			m.vague = e != nil && hasVagueNumber(e.Text)
			out = append(out, m)
		}
		i = end - 1
	}
	return out
}

// hasVagueNumber reports whether a word of text, in lower case, is in
// entities.VagueNumbers. (It runs only for the figures kept: a few per
// article.)
func hasVagueNumber(text string) bool {
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if _, ok := entities.VagueNumbers[w]; ok {
			return true
		}
	}
	return false
}

var skippable = map[string]bool{"more": true, "other": true, "innocent": true, "people": false, "of": true,
	"pro": true, "government": true, "opposition": true, "kurdish": true, "syrian": true, "russian": true,
	"iranian": true, "lebanese": true, "iraqi": true, "afghan": true, "turkish": true, "american": true,
	"armed": true, "local": true, "foreign": true, "regime": true, "army": true, "islamist": true,
	"shiite": true, "sunni": true, "alawite": true, "christian": true, "kurds": false, "isis": true, "is": true,
	"daesh": true, "nusra": true, "the": true, "were": false, "young": true, "elderly": true, "unarmed": true,
	"displaced": true, "civilian": false, "-": true, "allied": true, "loyalist": true, "security": true,
	"military": true, "state": true, "islamic": true, "rebel": false, "jihadist": false, "those": true,
	"them": false, "its": true, "their": true, "same": true, "family": true, "and": true,
	"senior": true, "top": true, "prominent": true, "key": true,
}

// readMention classifies the number n at tokens [i, end).
func readMention(d *doc, s nlp.Sentence, i, end, n int, entAt entIndex) (mention, bool) {
	m := mention{n: n}
	k := end
	for skips := 0; k < s.Last && skips <= 3; k++ {
		c := d.code(k)
		if vc := int(c >> cVictimShift & 7); vc != 0 {
			if vc == classCombatants && d.low[k] == "members" && d.lower(k+1) == "of" {
				m.class = classCivilians
				if e := entAt.get(k + 2); e != nil && e.isParty() {
					m.class = classCombatants
				}
				if e := entAt.get(k + 3); e != nil && e.isParty() {
					m.class = classCombatants
				}
			} else {
				m.class = vc
			}
			k++
			break
		}
		e := entAt.get(k)
		if e != nil && e.isParty() {
			m.class = classCombatants
			k = e.last
			break
		}
		if c&(cKill|cInjury|cStop) != 0 || d.Tokens[k].Kind == nlp.Punct || skips > 0 && d.low[k] == "and" {
			m.class = classPeople
			break
		}
		if e != nil && (e.kind == kindOrganization || e.kind == kindMedia || e.kind == kindDate) {
			// "toll at least 126 Observatory says": the count ends here.
			m.class = classPeople
			break
		}
		if c&cSkip != 0 || e != nil && e.kind == kindPlace {
			skips++
			continue
		}
		// "kills six Syrian state TV says": the verb before the number
		// makes it a count of people whatever follows.
		if pv := d.lower(i - 1); i > s.First && (pv == "kills" || pv == "killed" || pv == "killing" || pv == "kill" || pv == "to") {
			m.class = classPeople
			k = end
			break
		}
		return m, false
	}
	if k >= s.Last && m.class == 0 {
		m.class = classPeople
	}
	if m.class == 0 {
		return m, false
	}
	// The nearest casualty cue, after the noun or before the number.
	after, before := -1, -1
	lim := k + 7
	for j := k; j < s.Last && j < lim; j++ {
		if d.code(j)&(cKill|cInjury|cOther) != 0 {
			after = j
			break
		}
		if e := entAt.get(j); e != nil && e.kind == kindQuantity {
			switch pc := d.code(j - 1); {
			case d.low[j-1] == "among":
				m.inclusive = true // "six civilians were among 22 people killed"
				lim = e.last + 3
			case pc&cIncl != 0 || d.low[j-1] == "and":
				lim = e.last + 4 // "58 people including 11 children and 15 women were killed"
			default:
				lim = j
			}
		}
	}
	for j := i - 1; j >= s.First && j >= i-7; j-- {
		if d.code(j)&(cKill|cInjury|cOther) != 0 {
			before = j
			break
		}
	}
	cue := -1
	switch {
	case after >= 0 && before >= 0:
		if after-k+1 < i-before || after-k+1 == i-before && d.code(before)&cOther == 0 {
			cue = after
		} else {
			cue = before
		}
	case after >= 0:
		cue = after
	case before >= 0:
		cue = before
	default:
		m.inclusive = inclusiveBefore(d, s, i)
		if !m.inclusive {
			return m, false
		}
		// "including a child": a part of a total inherits its cue.
		for j := s.First; j < s.Last && cue < 0; j++ {
			if d.code(j)&cKill != 0 {
				cue = j
			}
		}
		if cue < 0 {
			return m, false
		}
	}
	cc := d.code(cue)
	if cc&cOther != 0 {
		return m, false
	}
	if cw := d.low[cue]; cw == "claimed" && d.lower(cue+1) == "responsibility" || cw == "lost" && d.lower(cue+1) != "their" {
		return m, false
	}
	m.injured = cc&cInjury != 0
	if inclusiveBefore(d, s, i) {
		m.inclusive = true
	}
	if d.lower(k) == "among" || d.lower(k+1) == "among" {
		m.inclusive = true
	}
	return m, true
}

// inclusiveBefore reports an inclusive cue ("including", "among them")
// among the three tokens before token i.
// A list continues the inclusion: "including 11 children and 15 women".
func inclusiveBefore(d *doc, s nlp.Sentence, i int) bool {
	for j := i - 1; j >= s.First && j >= i-8; j-- {
		c := d.code(j)
		if c&cIncl != 0 {
			return true
		}
		if w := d.low[j]; j < i-2 && w != "and" && w != "," && c>>cVictimShift&7 == 0 && d.Tokens[j].Kind != nlp.Number && !isNumberWord(w) {
			return false
		}
	}
	return false
}

type counts struct {
	killed, civilians, children, women, combatants, injured int
	any                                                     bool
}

// totals sums a sentence's casualty mentions up. Repeated figures of one
// class count once (the largest); children and women are civilians too,
// and count into the civilians when no civilian total is given.
func totals(ms []mention) counts {
	var c counts
	people, civ, chTop, wTop := 0, 0, 0, 0
	combIncl := 0
	for _, m := range ms {
		c.any = true
		if m.injured {
			c.injured = max(c.injured, m.n)
			continue
		}
		switch m.class {
		case classPeople:
			people = max(people, m.n)
		case classCivilians:
			civ = max(civ, m.n)
		case classChildren:
			c.children = max(c.children, m.n)
			if !m.inclusive {
				chTop = max(chTop, m.n)
			}
		case classWomen:
			c.women = max(c.women, m.n)
			if !m.inclusive {
				wTop = max(wTop, m.n)
			}
		case classCombatants:
			c.combatants = max(c.combatants, m.n)
			if m.inclusive {
				combIncl = max(combIncl, m.n)
			}
		}
	}
	switch {
	case civ > 0:
		c.civilians = civ
	case people > 0 && c.combatants > 0:
		if combIncl > 0 && people > combIncl {
			c.civilians = people - combIncl
		}
	case people > 0:
		c.civilians = people
	}
	if c.civilians < chTop+wTop {
		c.civilians = chTop + wTop
	}
	c.killed = max(people, c.civilians+c.combatants-combIncl)
	return c
}

func ptr(n int) *int { return &n }

func copyPtr(p *int) *int {
	if p == nil {
		return nil
	}
	return ptr(*p)
}

// explicit reports deaths counted as civilians or combatants, not only as
// "people" or a bare number.
func explicit(ms []mention) bool {
	for _, m := range ms {
		if !m.injured && (m.class == classCivilians || m.class == classCombatants) {
			return true
		}
	}
	return false
}

func toReport(r *report.Report, d *doc, ev sentEvent) report.Event {
	s := d.Sentences[ev.sent]
	out := report.Event{Type: ev.typ, Cause: causeOf[ev.typ], Evidence: report.Span{Start: s.RStart, End: s.REnd, Text: d.Text[s.Start:s.End]}}
	if out.Cause == "" {
		out.Cause = Unknown
	}
	if ev.actor != nil {
		out.Actor = party(ev.actor)
	}
	if ev.target != nil {
		out.Target = party(ev.target)
	}
	if ev.place != nil {
		out.Location = &report.Location{Name: ev.place.Name, Governorate: fakesGovernorate(ev.place.info.Governorate), Country: ev.place.info.Country}
	}
	if ev.date != nil && len(ev.date.Name) >= 7 && ev.date.Name[0] >= '0' && ev.date.Name[0] <= '9' {
		out.Date = ev.date.Name
	}
	if ev.weapon != nil {
		out.Weapon = ev.weapon.Name
	}
	if c := totals(ev.mentions); c.any {
		cs := &report.Casualties{}
		set := func(p **int, n int) {
			if n > 0 {
				*p = ptr(n)
			}
		}
		set(&cs.Killed, c.killed)
		set(&cs.Civilians, c.civilians)
		set(&cs.Children, c.children)
		set(&cs.Women, c.women)
		set(&cs.Combatants, c.combatants)
		set(&cs.Injured, c.injured)
		out.Casualties = cs
	}
	if r.Attributions != nil {
		for i, a := range r.Attributions {
			if a.Content.Start < out.Evidence.End && out.Evidence.Start < a.Content.End {
				out.Attribution = ptr(i)
				break
			}
		}
	}
	return out
}

func party(e *ent) *report.Party {
	cat := ""
	if e.known() {
		cat = e.info.Category
	}
	return &report.Party{Name: e.Name, Category: Categories[cat]}
}

// mainEvent picks the article's principal event: the first event of the
// lead (title and first sentences) that reports deaths, else the first
// event of the lead, else the first event with deaths anywhere, else the
// first event. -1 when there are none.
func mainEvent(found []sentEvent) int {
	if len(found) == 0 {
		return -1
	}
	for i, ev := range found {
		if ev.sent < leadSentences && ev.killed > 0 && ev.precise {
			return i
		}
	}
	for i, ev := range found {
		if ev.sent < leadSentences && ev.killed > 0 {
			return i
		}
	}
	for i, ev := range found {
		if ev.sent < leadSentences && ev.typ != "other" {
			return i
		}
	}
	for i, ev := range found {
		if ev.killed > 0 {
			return i
		}
	}
	return 0
}

// enrichMain fills what the main event's own sentence leaves open from
// the sentences around it: the place, the actor, the weapon, the date and
// a typed cause, taken from the nearest lead event that states them, or
// for the place from the article's first Syrian place.
func enrichMain(r *report.Report, d *doc, found []sentEvent, m int, ents []ent) {
	ev := &r.Events[m]
	near := make([]int, 0, len(found))
	for i := range found {
		if i != m && (found[i].sent < leadSentences || abs(found[i].sent-found[m].sent) <= 1) {
			near = append(near, i)
		}
	}
	sort.SliceStable(near, func(a, b int) bool { return abs(near[a]-m) < abs(near[b]-m) })
	if ev.Location == nil || ev.Location.Governorate == "" {
		for _, i := range near {
			if found[i].place != nil && found[i].place.info.Governorate != "" {
				p := found[i].place
				ev.Location = &report.Location{Name: p.Name, Governorate: fakesGovernorate(p.info.Governorate), Country: p.info.Country}
				break
			}
		}
	}
	if ev.Location == nil || ev.Location.Governorate == "" {
		for i := range ents {
			e := &ents[i]
			if e.kind == kindPlace && e.known() && e.info.Country == "Syria" && e.info.Governorate != "" {
				ev.Location = &report.Location{Name: e.Name, Governorate: fakesGovernorate(e.info.Governorate), Country: e.info.Country}
				break
			}
		}
	}
	if ev.Actor == nil || ev.Actor.Category == Categories[""] {
		for _, i := range near {
			if a := found[i].actor; a != nil && ev.Actor != nil && a.vague() {
				continue
			}
			if a := found[i].actor; a != nil && (found[i].typ == ev.Type || found[i].typ == "other" || ev.Type == "other") && (ev.Target == nil || ev.Target.Name != a.Name) {
				ev.Actor = party(found[i].actor)
				break
			}
		}
	}
	// Whoever claimed the attack or is said to be behind it, anywhere in
	// the article.
	if ev.Actor == nil {
		for i := range ents {
			e := &ents[i]
			if !e.isParty() {
				continue
			}
			for k := e.last; k < e.last+4 && k+1 < len(d.Tokens); k++ {
				w := d.lower(k)
				if w == "not" || w == "denied" || w == "deny" || w == "denies" || d.Tokens[k].Kind == nlp.Punct {
					break
				}
				// "IS claimed responsibility", "HTS were behind the
				// attack", "forces were responsible for".
				if (w == "claimed" || w == "claims") && d.lower(k+1) == "responsibility" || w == "behind" || w == "responsible" {
					ev.Actor = party(e)
					break
				}
			}
			if ev.Actor != nil {
				break
			}
		}
	}
	// No side named anywhere near: a chemical attack is the government
	// side's, an execution the Islamic State's (what the documented record
	// of the war attributes most of them to; docs/events.md).
	if ev.Actor == nil {
		switch ev.Type {
		case "chemical_attack":
			ev.Actor = &report.Party{Name: "Syrian government", Category: Categories["gov"]}
		case "execution":
			ev.Actor = &report.Party{Name: "Islamic State", Category: Categories["isis"]}
		}
	}
	if ev.Type == "other" || ev.Type == "clash" {
		for _, i := range near {
			if t := found[i].typ; t != "other" && t != "clash" && t != "seizure" {
				ev.Type, ev.Cause = t, causeOf[t]
				break
			}
		}
	}
	// The same toll told again in more detail ("kill 12" in the title,
	// "12 civilians including three children" in the lead): take the
	// details the main sentence leaves out.
	if c := ev.Casualties; c != nil && c.Killed != nil {
		for _, i := range near {
			o := r.Events[i].Casualties
			if o == nil || o.Killed == nil || *o.Killed != *c.Killed || found[i].typ != found[m].typ {
				continue
			}
			// "kills 18" then "killed 17 militants and a child": who the
			// dead were comes from the sentence that says it.
			if !explicit(found[m].mentions) && explicit(found[i].mentions) {
				c.Civilians, c.Combatants = copyPtr(o.Civilians), copyPtr(o.Combatants)
			}
			for _, f := range []struct{ dst, src **int }{{&c.Civilians, &o.Civilians}, {&c.Children, &o.Children}, {&c.Women, &o.Women}, {&c.Combatants, &o.Combatants}, {&c.Injured, &o.Injured}} {
				if *f.dst == nil && *f.src != nil {
					*f.dst = ptr(**f.src)
				}
			}
		}
	}
	if ev.Weapon == "" {
		for _, i := range near {
			if found[i].weapon != nil {
				ev.Weapon = found[i].weapon.Name
				break
			}
		}
	}
	if ev.Date == "" {
		for _, i := range near {
			if e := found[i].date; e != nil && len(e.Name) >= 10 && e.Name[0] >= '0' && e.Name[0] <= '9' {
				ev.Date = e.Name
				break
			}
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
