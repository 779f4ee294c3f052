package sourcing

import (
	"slices"

	"github.com/sift-project/sift/internal/nlp"
)

// citedPlural are vague nouns that are only a source when they are cited
// (subject of a reporting or accusing verb), unlike "sources" and
// "reports" which always are.
var citedPlural = map[string]bool{"activists": true, "witnesses": true, "residents": true, "observers": true,
	"experts": true, "critics": true, "analysts": true, "insiders": true, "eyewitnesses": true, "locals": true,
	"evacuees": true, "outlets": true}

// accuseWords also make a vague group a source ("residents accused ...").
var accuseWords = map[string]bool{"accused": true, "accuse": true, "accuses": true, "believe": true, "believes": true,
	"fear": true, "fears": true, "blamed": true, "blame": true, "insist": true, "suspect": true, "alleged": true}

// vagueSources returns the vague and anonymous source spans: unnamed
// groups cited as sources, anonymous attribution sources and agentless
// "it is reported" passives.
func (x *doc) vagueSources() []tspan {
	out := x.spanBuf[0][:0]
	for _, c := range x.vagueCand {
		i := int(c) // a word with fVaguePlural
		w := x.low[i]
		if x.isCueOfAttr(i) {
			continue
		}
		if x.has(i, fCitedPlural) && !x.cited(i) {
			continue
		}
		if w == "reports" && !x.reportsAsSource(i) {
			continue
		}
		out = append(out, x.vagueNP(i))
	}
	for _, a := range x.attrs {
		switch {
		case !a.passive.empty():
			out = append(out, a.passive)
		case a.typ == "vague" || a.typ == "anonymous":
			if !a.src.empty() && !(a.src.e-a.src.s == 1 && x.has(a.src.s, fPronoun)) && x.unnamed(a.src) {
				out = append(out, a.src)
			}
		}
	}
	// equal spans are the same span: any sort gives one order
	slices.SortFunc(out, func(a, b tspan) int {
		if a.s != b.s {
			return a.s - b.s
		}
		return b.e - a.e
	})
	// drop spans inside or overlapping an earlier kept one
	kept := x.spanBuf[1][:0]
	for _, s := range out {
		if len(kept) > 0 && s.s < kept[len(kept)-1].e {
			if s.e > kept[len(kept)-1].e {
				kept[len(kept)-1].e = s.e
			}
			continue
		}
		kept = append(kept, s)
	}
	x.spanBuf[0], x.spanBuf[1] = out, kept
	return kept
}

// unnamed reports a source phrase with no capitalised name in it (an
// unknown capitalised speaker is not a vague source).
func (x *doc) unnamed(s tspan) bool {
	for i := s.s; i < s.e; i++ {
		if x.has(i, fConnector) {
			break // "source at Damascus Police Command"
		}
		if x.up(i) && i > s.s && !x.has(i, fVaguePlural) && !x.has(i, fVagueSingle) {
			return false
		}
	}
	return true
}

func (x *doc) isCueOfAttr(i int) bool {
	for _, a := range x.attrs {
		if i >= a.cue.s && i < a.cue.e {
			return true
		}
	}
	return false
}

// cited reports whether the vague noun at i is the subject of a reporting
// or accusing verb (after an optional short phrase) or an attribution source.
func (x *doc) cited(i int) bool {
	for _, a := range x.attrs {
		if i >= a.src.s && i < a.src.e {
			return true
		}
	}
	_, hi := x.sentRange(i)
	for k := i + 1; k < hi && k <= i+7; k++ {
		if x.kind(k) == nlp.Punct && x.rawAt(k) != "-" {
			return false
		}
		if cl := x.cueClass(k); cl == "verb" || x.has(k, fAccuse) {
			return true
		}
	}
	return false
}

// reportsAsSource reports whether the noun "reports" at i stands for
// unnamed sources: "reports of/that/say", "media reports", "according to
// reports", or the source of an attribution.
func (x *doc) reportsAsSource(i int) bool {
	if x.cited(i) {
		return true
	}
	if i+1 < x.n {
		switch x.low[i+1] {
		case "of", "that", "suggest", "suggested", "indicate", "indicated", "say", "said", "claim", "claimed":
			return true
		}
	}
	if i > 0 {
		p := x.low[i-1]
		if x.has(i-1, fVagueMods) || p == "media" || p == "news" || p == "press" || p == "unconfirmed" || p == "to" || p == "with" || p == "few" {
			return true
		}
	}
	return false
}

// vagueNP extends a vague head noun at i over modifiers before it and a
// place phrase after it ("Syrian activists", "sources on the ground").
func (x *doc) vagueNP(i int) tspan {
	lo, hi := x.sentRange(i)
	s := i
	for s-1 >= lo {
		w := x.low[s-1]
		if x.has(s-1, fVagueMods) && x.kind(s-1) == nlp.Word || w == "pro-damascus" || len(w) > 4 && w[:4] == "pro-" {
			s--
			continue
		}
		if w == "of" && s-2 >= lo && (x.low[s-2] == "handful" || x.low[s-2] == "number") {
			s -= 2
			if s-1 >= lo && x.low[s-1] == "a" {
				s--
			}
			continue
		}
		break
	}
	e := i + 1
	if e < hi {
		switch x.low[e] {
		case "in", "on", "at", "inside", "within", "close", "of":
			m := e + 1
			if m < hi && x.low[m] == "to" {
				m++
			}
			if m < hi && x.low[m] == "the" {
				m++
			}
			if m < hi {
				switch {
				case x.has(m, fPlaceNoun):
					e = m + 1
				case x.up(m):
					k := m
					for k < hi && (x.up(k) || x.has(k, fConnector) && k+1 < hi && x.up(k+1)) {
						k++
					}
					e = k
				}
			}
		}
	}
	return tspan{s, e}
}

var placeNouns = map[string]bool{"ground": true, "area": true, "region": true, "city": true, "town": true,
	"field": true, "country": true, "province": true, "village": true, "neighbourhood": true, "neighborhood": true}

// hedges returns the hedge spans found with the hedge lexicon.
func (x *doc) hedges() []tspan {
	out := x.spanBuf[2][:0]
	next := 0 // the token after the last hedge
	for _, c := range x.hedgeCand {
		i := int(c) // a word with fHedgeFirst
		if i < next {
			continue
		}
		p, ok := x.matchHedge(i)
		if !ok {
			continue
		}
		e := i + len(p.toks)
		if x.isCueOfAttr(i) {
			continue
		}
		prev := ""
		if i > 0 {
			prev = x.low[i-1]
		}
		switch p.rule {
		case "modal":
			if prev == "you" {
				continue // permission: "you may opt out"
			}
			if x.low[i] == "could" && (prev == "nobody" || prev == "never" || prev == "one" && i > 1 && x.low[i-2] == "no") {
				continue // ability: "nobody could leave"
			}
			if x.rawAt(i) == "May" && (e < x.n && x.kind(e) == nlp.Number || monthPreps[prev]) {
				continue
			}
			if x.rawAt(i) == "May" && i > 0 && x.kind(i-1) == nlp.Number {
				continue
			}
		case "be":
			if i == 0 || !x.has(i-1, fBeForm) {
				continue
			}
		case "notsoon":
			if prev == "as" || prev == "it" && i > 1 && (x.low[i-2] == "make" || x.low[i-2] == "made" || x.low[i-2] == "makes") {
				continue
			}
		}
		out = append(out, tspan{i, e})
		next = e
	}
	x.spanBuf[2] = out
	return out
}

var monthPreps = map[string]bool{"in": true, "on": true, "since": true, "of": true, "by": true, "until": true,
	"early": true, "late": true, "mid": true, "last": true, "next": true, "this": true, "from": true,
	"during": true, "through": true, "between": true, "and": true, "to": true, "before": true, "after": true}

// matchHedge is x.lx.Hedges.match(i, x.n, x.lowAt) for a word i with
// fHedgeFirst, its phrase list found through its flags.
func (x *doc) matchHedge(i int) (phrase, bool) {
	return matchList(x.lx.hedgeLists[x.wf[i]>>hedgeShift&0xFF], i, x.n, x.lowAt)
}
