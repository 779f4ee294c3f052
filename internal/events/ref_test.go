// This file keeps the stage as it was before its speed work (commit
// 81cf5ef), names prefixed with ref, as the reference the faster code is
// compared against on real articles (TestMatchesReference).

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

// refStage is the events pipeline stage.
type refStage struct{}

// refNew returns the events stage.
func refNew() *refStage { return &refStage{} }

// refEnt is an entity with its token range and gazetteer information.
type refEnt struct {
	report.Entity
	first, last int // tokens [first, last)
	info        entities.Info
	known       bool
}

// refVague reports a party whose name says no side ("terrorists",
// "militants").
func (e *refEnt) refVague() bool { return e.refIsParty() && (!e.known || e.info.Category == "") }

func (e *refEnt) refIsParty() bool {
	switch e.Type {
	case "armed_group", "military", "government":
		return true
	}
	return false
}

// refMention is a casualty figure: a number, the victims it counts and
// whether they were killed or injured.
type refMention struct {
	n         int
	refVague  bool // "dozens", "hundreds"
	class     int
	injured   bool
	inclusive bool
}

// refSentEvent is an event found in one sentence, before it becomes a
// report.Event.
type refSentEvent struct {
	sent     int
	typ      string
	actor    *refEnt
	target   *refEnt
	place    *refEnt
	date     *refEnt
	weapon   *refEnt
	mentions []refMention
	killed   int
	precise  bool // the deaths are counted with an exact figure
}

// Annotate fills r.Events and r.MainEvent from r.Entities.
func (s *refStage) Annotate(r *report.Report, nd *nlp.Doc) error {
	d := refNewDoc(nd)
	defer d.refRelease()
	ents := refResolve(nd, r.Entities)
	var found []refSentEvent
	bySent := make([][]*refEnt, len(d.Sentences))
	for i := range ents {
		e := &ents[i]
		si := d.SentenceOf(e.first)
		if si >= 0 {
			bySent[si] = append(bySent[si], e)
		}
	}
	for si := range d.Sentences {
		if ev, ok := refSentenceEvent(d, si, bySent[si]); ok {
			found = append(found, ev)
		}
	}
	r.Events = make([]report.Event, 0, len(found))
	for _, ev := range found {
		r.Events = append(r.Events, refToReport(r, d, ev))
	}
	if m := refMainEvent(found); m >= 0 {
		refEnrichMain(r, d, found, m, ents)
		r.MainEvent = &m
	}
	return nil
}

// refResolve maps entities to tokens and gazetteer information.
func refResolve(d *nlp.Doc, es []report.Entity) []refEnt {
	out := make([]refEnt, 0, len(es))
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
		x := refEnt{Entity: e, first: first, last: last}
		x.info, x.known = entities.Lookup(e.Type, e.Name)
		out = append(out, x)
	}
	return out
}

// refEntIndex maps the tokens of one sentence's entities to the entity (the
// last listed one where they overlap); other tokens map to nil.
type refEntIndex struct {
	at []*refEnt // the refDoc's scratch, indexed by token
	es []*refEnt
}

func refNewEntIndex(d *refDoc, es []*refEnt) refEntIndex {
	x := refEntIndex{es: es}
	if len(es) == 0 {
		return x
	}
	if d.entAt == nil {
		// A slice left by an earlier document, all nil.
		p := refEntAtPool.Get().(*[]*refEnt)
		if cap(*p) < len(d.Tokens)+1 {
			*p = make([]*refEnt, len(d.Tokens)+1)
		}
		d.entAt = (*p)[:len(d.Tokens)+1]
		d.entAtBuf = p
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

// refGet returns the entity at token k, or nil.
func (x refEntIndex) refGet(k int) *refEnt {
	if k < 0 || k >= len(x.at) {
		return nil
	}
	return x.at[k]
}

// refRelease clears the tokens x set in the doc's scratch.
func (x refEntIndex) refRelease() {
	for _, e := range x.es {
		for k := e.first; k < e.last; k++ {
			if k >= 0 && k < len(x.at) {
				x.at[k] = nil
			}
		}
	}
}

var refEntAtPool = sync.Pool{New: func() any { return new([]*refEnt) }}

// refRelease returns d's scratch to its pool.
func (d *refDoc) refRelease() {
	if d.entAtBuf != nil {
		clear(d.entAt)
		refEntAtPool.Put(d.entAtBuf)
		d.entAt, d.entAtBuf = nil, nil
	}
}

// refDoc is the tokenized text with its tokens in lower case, computed once.
type refDoc struct {
	*nlp.Doc
	low []string // d.Lower(): shared, read only
	// entAt is refEntIndex's scratch: one slot per token, nil between
	// sentences; from refEntAtPool (entAtBuf), returned by refRelease.
	entAt    []*refEnt
	entAtBuf *[]*refEnt
}

func refNewDoc(d *nlp.Doc) *refDoc {
	return &refDoc{Doc: d, low: d.Lower()}
}

// refLower returns token i in lower case, "" out of range.
func (d *refDoc) refLower(i int) string {
	if i < 0 || i >= len(d.low) {
		return ""
	}
	return d.low[i]
}

// refSentenceEvent reads the event sentence si states, if any.
func refSentenceEvent(d *refDoc, si int, es []*refEnt) (refSentEvent, bool) {
	s := d.Sentences[si]
	ev := refSentEvent{sent: si}
	entAt := refNewEntIndex(d, es)
	defer entAt.refRelease()
	// Triggers: the first of the specific types wins; otherwise the first
	// trigger in the sentence.
	firstTrig, firstTok := "", -1
	words := false // a trigger word, not only a weapon's name
	specific := map[string]int{}
	for i := s.First; i < s.Last; i++ {
		typ := ""
		if e := entAt.refGet(i); e != nil && e.Type == "weapon" {
			if i == e.first && e.known {
				typ = e.info.EventType
			}
		} else if e == nil || e.refIsParty() || e.Type == "organization" {
			w := d.refLower(i)
			tw := triggerWords[w]
			if i+1 < s.Last && tw.bigram {
				if t, ok := triggers[w+" "+d.refLower(i+1)]; ok {
					typ = t
				}
			}
			if typ == "" {
				typ = tw.typ
			}
		}
		if typ == "" {
			continue
		}
		switch typ {
		case "chemical_attack", "shootdown", "execution":
			if _, ok := specific[typ]; !ok {
				specific[typ] = i
			}
		}
		if firstTok < 0 {
			firstTrig, firstTok = typ, i
		}
		if entAt.refGet(i) == nil || entAt.refGet(i).Type != "weapon" {
			words = true
		}
	}
	for _, t := range typeOrder[:3] {
		if i, ok := specific[t]; ok {
			firstTrig, firstTok = t, i
			break
		}
	}
	ev.mentions = refCasualties(d, s, entAt)
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
		if killCues[d.refLower(i)] {
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
	ev.actor, ev.target = refParties(d, s, es, entAt, anchor, combatantVictims, ev.typ == "shootdown")
	for _, e := range es {
		switch e.Type {
		case "place":
			if ev.place == nil && e.known && e.info.Governorate != "" {
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
			case !dateline && refAbs(e.first-anchor) < refAbs(ev.date.first-anchor):
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
			if e.Type != "place" || !e.known || e.first < p.last || e.first > p.last+3 || e.info.Governorate == "" ||
				e.info.Governorate == p.info.Governorate || e.info.PlaceKind != "city" && e.info.PlaceKind != "governorate" {
				continue
			}
			if w := d.refLower(p.last); w == "in" || w == "of" {
				ev.place = e
			}
			break
		}
	}
	if ev.place == nil {
		for _, e := range es {
			if e.Type == "place" && e.known && e.info.PlaceKind != "" {
				ev.place = e
				break
			}
		}
	}
	ev.killed = refTotals(ev.mentions).killed
	for _, m := range ev.mentions {
		if !m.injured && !m.refVague {
			ev.precise = true
		}
	}
	return ev, true
}

// refTargetCues before a party make it the target: "strikes on IS", "a
// village held by IS", "clashes with the army".
var refTargetCues = map[string]bool{"on": true, "against": true, "targeting": true, "targeted": true, "with": true,
	"at": true, "of": true, "between": true, "hit": true, "into": true}

var refAircraftWords = map[string]bool{"jet": true, "jets": true, "plane": true, "planes": true, "warplane": true,
	"helicopter": true, "helicopters": true, "aircraft": true, "drone": true, "chopper": true, "fighter": true,
	"bomber": true, "mig": true, "su": true}

var refAgentAfterCues = map[string]bool{"killed": true, "kill": true, "kills": true, "killing": true, "shelled": true,
	"bombed": true, "struck": true, "hit": true, "targeted": true, "executed": true, "launched": true,
	"carried": true, "dropped": true, "fired": true, "attacked": true, "pounded": true, "raided": true,
	"claimed": true, "shot": true, "stormed": true, "massacred": true, "committed": true, "used": true,
	"beheaded": true, "detonated": true, "opened": true, "have": true, "has": true, "had": true}

// refParties picks the actor and the target among the sentence's parties.
func refParties(d *refDoc, s nlp.Sentence, es []*refEnt, entAt refEntIndex, trig int, victims, shootdown bool) (actor, target *refEnt) {
	var weak, with *refEnt
	for _, e := range es {
		if !e.refIsParty() {
			continue
		}
		prev, prev2 := d.refLower(e.first-1), d.refLower(e.first-2)
		if e.first-1 < s.First {
			prev, prev2 = "", ""
		} else if e.first-2 < s.First {
			prev2 = ""
		}
		if prev == "the" {
			prev, prev2 = prev2, d.refLower(e.first-3)
		}
		next := d.refLower(e.last)
		if e.last >= s.Last {
			next = ""
		}
		held := prev2 == "held" || prev2 == "controlled" || prev2 == "backed" || prev2 == "led" || prev2 == "supported" || prev2 == "besieged"
		tokText := d.refLower(e.last - 1)
		heldSuffix := strings.HasSuffix(tokText, "-held") || strings.HasSuffix(tokText, "-controlled") ||
			strings.HasSuffix(tokText, "-besieged") || strings.HasSuffix(tokText, "-run") ||
			next == "-" && (d.refLower(e.last+1) == "held" || d.refLower(e.last+1) == "controlled")
		if next == "denied" || next == "denies" || next == "deny" || next == "rejected" {
			continue // "Nusra denied it was behind the blast"
		}
		if strings.HasSuffix(tokText, "-supplied") || strings.HasSuffix(tokText, "-made") || strings.HasSuffix(tokText, "-backed") || strings.HasSuffix(tokText, "-allied") || strings.HasSuffix(tokText, "-linked") || strings.HasSuffix(tokText, "-affiliated") {
			continue
		}
		// A number before a party counts its dead ("29 Syrian rebels"),
		// unless it is a date's ("Sun 16 Apr 2017 Russian air strikes").
		victim := prev != "" && (d.Tokens[e.first-1].Kind == nlp.Number || refIsNumberWord(prev))
		if q := entAt.refGet(e.first - 1); victim && q != nil && q.Type == "date" {
			victim = false
		}
		// "a Syrian Air Force jet was shot down": the aircraft's side is
		// the target of a shootdown.
		aircraft := false
		if e.last < s.Last && refAircraftWords[d.refLower(e.last)] {
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
		case heldSuffix || held || victim || refTargetCues[prev]:
			if target == nil {
				target = e
			}
			if victim {
				victims = true
			} else if (prev == "with" || prev == "against") && with == nil {
				with = e
			}
		case refAgentAfterCues[next] || next == "-" || strings.Contains(strings.ToLower(e.Text), "strike") ||
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
	if actor != nil && actor.refVague() {
		for _, e := range es {
			if e != actor && e != target && e.refIsParty() && !e.refVague() && (refAbs(e.first-actor.last) <= 3 || refAbs(actor.first-e.last) <= 3) {
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

func refIsNumberWord(w string) bool {
	_, _, ok := entities.NumberWord(w)
	return ok
}

// refMaxEventDeaths is the largest figure read as one event's casualties:
// larger ones are the war's tolls ("the war has killed more than 280000
// people"); the deadliest single attacks of the war killed under 2000.
const refMaxEventDeaths = 5000

// refCasualties reads the casualty figures of sentence s.
func refCasualties(d *refDoc, s nlp.Sentence, entAt refEntIndex) []refMention {
	var out []refMention
	for i := s.First; i < s.Last; i++ {
		n, end := 0, i
		if e := entAt.refGet(i); e != nil && e.Type == "quantity" && e.first == i {
			v, err := strconv.Atoi(e.Name)
			if err != nil || v > refMaxEventDeaths {
				continue
			}
			n, end = v, e.last
		} else if w := d.refLower(i); (w == "a" || w == "an" || w == "one") && entAt.refGet(i) == nil && i+1 < s.Last {
			c := victimNouns[d.refLower(i+1)]
			if c == 0 || strings.HasSuffix(d.refLower(i+1), "s") && d.refLower(i+1) != "bus" {
				continue
			}
			n, end = 1, i+1
		} else {
			continue
		}
		m, ok := refReadMention(d, s, i, end, n, entAt)
		if e := entAt.refGet(i); e != nil {
			for _, w := range strings.Fields(strings.ToLower(e.Text)) {
				if _, v := entities.VagueNumbers[w]; v {
					m.refVague = true
				}
			}
		}
		if ok {
			out = append(out, m)
		}
		i = end - 1
	}
	return out
}

var refSkippable = map[string]bool{"more": true, "other": true, "innocent": true, "people": false, "of": true,
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

// refReadMention classifies the number n at tokens [i, end).
func refReadMention(d *refDoc, s nlp.Sentence, i, end, n int, entAt refEntIndex) (refMention, bool) {
	m := refMention{n: n}
	k := end
	for skips := 0; k < s.Last && skips <= 3; k++ {
		w := d.refLower(k)
		if c, ok := victimNouns[w]; ok && w != "and" {
			if w == "members" && d.refLower(k+1) == "of" {
				m.class = classCivilians
				if e := entAt.refGet(k + 2); e != nil && e.refIsParty() {
					m.class = classCombatants
				}
				if e := entAt.refGet(k + 3); e != nil && e.refIsParty() {
					m.class = classCombatants
				}
			} else {
				m.class = c
			}
			k++
			break
		}
		if e := entAt.refGet(k); e != nil && e.refIsParty() {
			m.class = classCombatants
			k = e.last
			break
		}
		if killCues[w] || injuryCues[w] || d.Tokens[k].Kind == nlp.Punct || w == "in" || w == "on" || w == "at" ||
			w == "were" || w == "was" || w == "have" || w == "had" || w == "has" || w == "and" && skips > 0 || w == "after" ||
			w == "when" || w == "as" || w == "during" || w == "since" || w == "including" || w == "while" || w == "to" {
			m.class = classPeople
			break
		}
		if e := entAt.refGet(k); e != nil && (e.Type == "organization" || e.Type == "media" || e.Type == "date") {
			// "toll at least 126 Observatory says": the count ends here.
			m.class = classPeople
			break
		}
		if refSkippable[w] || entAt.refGet(k) != nil && (entAt.refGet(k).Type == "place") {
			skips++
			continue
		}
		// "kills six Syrian state TV says": the verb before the number
		// makes it a count of people whatever follows.
		if pv := d.refLower(i - 1); i > s.First && (pv == "kills" || pv == "killed" || pv == "killing" || pv == "kill" || pv == "to") {
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
		w := d.refLower(j)
		if killCues[w] || injuryCues[w] || otherCues[w] {
			after = j
			break
		}
		if e := entAt.refGet(j); e != nil && e.Type == "quantity" {
			switch pw := d.refLower(j - 1); {
			case pw == "among":
				m.inclusive = true // "six civilians were among 22 people killed"
				lim = e.last + 3
			case inclusiveCues[pw] || pw == "and":
				lim = e.last + 4 // "58 people including 11 children and 15 women were killed"
			default:
				lim = j
			}
		}
	}
	for j := i - 1; j >= s.First && j >= i-7; j-- {
		w := d.refLower(j)
		if killCues[w] || injuryCues[w] || otherCues[w] {
			before = j
			break
		}
	}
	cue := -1
	switch {
	case after >= 0 && before >= 0:
		if after-k+1 < i-before || after-k+1 == i-before && !otherCues[d.refLower(before)] {
			cue = after
		} else {
			cue = before
		}
	case after >= 0:
		cue = after
	case before >= 0:
		cue = before
	default:
		m.inclusive = refInclusiveBefore(d, s, i)
		if !m.inclusive {
			return m, false
		}
		// "including a child": a part of a total inherits its cue.
		for j := s.First; j < s.Last && cue < 0; j++ {
			if killCues[d.refLower(j)] {
				cue = j
			}
		}
		if cue < 0 {
			return m, false
		}
	}
	cw := d.refLower(cue)
	if otherCues[cw] {
		return m, false
	}
	if cw == "claimed" && d.refLower(cue+1) == "responsibility" || cw == "lost" && d.refLower(cue+1) != "their" {
		return m, false
	}
	m.injured = injuryCues[cw]
	if refInclusiveBefore(d, s, i) {
		m.inclusive = true
	}
	if d.refLower(k) == "among" || d.refLower(k+1) == "among" {
		m.inclusive = true
	}
	return m, true
}

// refInclusiveBefore reports an inclusive cue ("including", "among them")
// among the three tokens before token i.
// A list continues the inclusion: "including 11 children and 15 women".
func refInclusiveBefore(d *refDoc, s nlp.Sentence, i int) bool {
	for j := i - 1; j >= s.First && j >= i-8; j-- {
		w := d.refLower(j)
		if inclusiveCues[w] {
			return true
		}
		if j < i-2 && w != "and" && w != "," && victimNouns[w] == 0 && d.Tokens[j].Kind != nlp.Number && !refIsNumberWord(w) {
			return false
		}
	}
	return false
}

type refCounts struct {
	killed, civilians, children, women, combatants, injured int
	any                                                     bool
}

// refTotals sums a sentence's casualty mentions up. Repeated figures of one
// class count once (the largest); children and women are civilians too,
// and count into the civilians when no civilian total is given.
func refTotals(ms []refMention) refCounts {
	var c refCounts
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

func refPtr(n int) *int { return &n }

func refCopyPtr(p *int) *int {
	if p == nil {
		return nil
	}
	return refPtr(*p)
}

// refExplicit reports deaths counted as civilians or combatants, not only as
// "people" or a bare number.
func refExplicit(ms []refMention) bool {
	for _, m := range ms {
		if !m.injured && (m.class == classCivilians || m.class == classCombatants) {
			return true
		}
	}
	return false
}

func refToReport(r *report.Report, d *refDoc, ev refSentEvent) report.Event {
	s := d.Sentences[ev.sent]
	out := report.Event{Type: ev.typ, Cause: causeOf[ev.typ], Evidence: report.Span{Start: s.RStart, End: s.REnd, Text: d.Text[s.Start:s.End]}}
	if out.Cause == "" {
		out.Cause = Unknown
	}
	if ev.actor != nil {
		out.Actor = refParty(ev.actor)
	}
	if ev.target != nil {
		out.Target = refParty(ev.target)
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
	if c := refTotals(ev.mentions); c.any {
		cs := &report.Casualties{}
		set := func(p **int, n int) {
			if n > 0 {
				*p = refPtr(n)
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
				out.Attribution = refPtr(i)
				break
			}
		}
	}
	return out
}

func refParty(e *refEnt) *report.Party {
	cat := ""
	if e.known {
		cat = e.info.Category
	}
	return &report.Party{Name: e.Name, Category: Categories[cat]}
}

// refMainEvent picks the article's principal event: the first event of the
// lead (title and first sentences) that reports deaths, else the first
// event of the lead, else the first event with deaths anywhere, else the
// first event. -1 when there are none.
func refMainEvent(found []refSentEvent) int {
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

// refEnrichMain fills what the main event's own sentence leaves open from
// the sentences around it: the place, the actor, the weapon, the date and
// a typed cause, taken from the nearest lead event that states them, or
// for the place from the article's first Syrian place.
func refEnrichMain(r *report.Report, d *refDoc, found []refSentEvent, m int, ents []refEnt) {
	ev := &r.Events[m]
	near := make([]int, 0, len(found))
	for i := range found {
		if i != m && (found[i].sent < leadSentences || refAbs(found[i].sent-found[m].sent) <= 1) {
			near = append(near, i)
		}
	}
	sort.SliceStable(near, func(a, b int) bool { return refAbs(near[a]-m) < refAbs(near[b]-m) })
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
			if e.Type == "place" && e.known && e.info.Country == "Syria" && e.info.Governorate != "" {
				ev.Location = &report.Location{Name: e.Name, Governorate: fakesGovernorate(e.info.Governorate), Country: e.info.Country}
				break
			}
		}
	}
	if ev.Actor == nil || ev.Actor.Category == Categories[""] {
		for _, i := range near {
			if a := found[i].actor; a != nil && ev.Actor != nil && a.refVague() {
				continue
			}
			if a := found[i].actor; a != nil && (found[i].typ == ev.Type || found[i].typ == "other" || ev.Type == "other") && (ev.Target == nil || ev.Target.Name != a.Name) {
				ev.Actor = refParty(found[i].actor)
				break
			}
		}
	}
	// Whoever claimed the attack or is said to be behind it, anywhere in
	// the article.
	if ev.Actor == nil {
		for i := range ents {
			e := &ents[i]
			if !e.refIsParty() {
				continue
			}
			for k := e.last; k < e.last+4 && k+1 < len(d.Tokens); k++ {
				w := d.refLower(k)
				if w == "not" || w == "denied" || w == "deny" || w == "denies" || d.Tokens[k].Kind == nlp.Punct {
					break
				}
				// "IS claimed responsibility", "HTS were behind the
				// attack", "forces were responsible for".
				if (w == "claimed" || w == "claims") && d.refLower(k+1) == "responsibility" || w == "behind" || w == "responsible" {
					ev.Actor = refParty(e)
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
			if !refExplicit(found[m].mentions) && refExplicit(found[i].mentions) {
				c.Civilians, c.Combatants = refCopyPtr(o.Civilians), refCopyPtr(o.Combatants)
			}
			for _, f := range []struct{ dst, src **int }{{&c.Civilians, &o.Civilians}, {&c.Children, &o.Children}, {&c.Women, &o.Women}, {&c.Combatants, &o.Combatants}, {&c.Injured, &o.Injured}} {
				if *f.dst == nil && *f.src != nil {
					*f.dst = refPtr(**f.src)
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

func refAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
