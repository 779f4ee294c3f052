package sourcing

import (
	"strings"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// collectNames records the full personal names the article mentions
// (runs of two to four capitalised words that are neither titles, roles nor
// known institutions), so that a later surname alone ("Shehabi wrote")
// resolves to the full name ("Fares Shehabi"). Person entities from an
// earlier entities stage are used too.
func (x *doc) collectNames() {
	for _, e := range x.entities {
		if e.Type == "person" {
			full := e.Name
			if full == "" {
				full = e.Text
			}
			if f := strings.Fields(full); len(f) >= 2 {
				x.names[f[len(f)-1]] = full
			}
		}
	}
	i := 0
	for _, c := range x.nameCand {
		if int(c) < i {
			continue
		}
		i = int(c) // a name word
		j := i
		for j < x.n && j-i < 5 && (x.nameWord(j) || x.has(j, fNameJoin) && j+1 < x.n && x.nameWord(j+1)) &&
			(j == i || !x.d.Tokens[j].NewlineBefore) {
			j++
		}
		if j-i >= 2 && j-i <= 4 {
			x.names[x.rawAt(j-1)] = x.text(tspan{i, j})
		}
		i = j
	}
}

var nameJoin = map[string]bool{"al": true, "bin": true, "ibn": true, "abu": true, "de": true, "van": true, "von": true, "abdel": true, "el": true}

// nameWord reports a capitalised word that can be part of a personal
// name, or an Arabic particle after a capitalised word (newDoc sets
// fNameTok).
func (x *doc) nameWord(i int) bool { return x.wf[i]&fNameTok != 0 }

func isAcronym(s string) bool {
	up := 0
	for i := 0; i < len(s); i++ {
		// Bytes of multi-byte characters are never A-Z.
		if c := s[i]; c >= 'A' && c <= 'Z' {
			up++
		}
	}
	return up >= 2 && up*2 >= len(s)
}

func (x *doc) text(s tspan) string {
	if s.empty() {
		return ""
	}
	return x.d.Text[x.d.Tokens[s.s].Start:x.d.Tokens[s.e-1].End]
}

// genericOrg are source words that stand for the institution last named.
var genericOrg = map[string]bool{"group": true, "monitor": true, "agency": true, "organization": true,
	"organisation": true, "watchdog": true, "ministry": true, "observatory": true, "statement": true}

// typeSource fills the attribution's normalised name and source type,
// resolving pronouns to the last speaker and surnames to full names.
func (x *doc) typeSource(a *attr) {
	if a.src.empty() {
		if a.typ == "" {
			a.typ = "vague"
		}
		return
	}
	s := a.src
	if s.e-s.s == 1 && x.has(s.s, fPronoun) {
		switch x.low[s.s] {
		case "he", "she", "i":
			a.name, a.typ = x.lastPerson.name, x.lastPerson.typ
			if a.typ == "" {
				a.typ = "person"
			}
		default:
			a.name, a.typ = x.lastOrg.name, x.lastOrg.typ
			if a.typ == "" {
				a.typ = "organization"
			}
		}
		return
	}
	// head: the last word before a connector ("source at X", "director of X")
	head := s.e - 1
	for i := s.s + 1; i < s.e; i++ {
		if x.has(i, fConnector) && x.low[i] != "and" {
			head = i - 1
			break
		}
	}
	if x.has(head, fVagueMods) {
		head = s.e - 1 // "handful of outlets", "number of sources"
	}
	hw := x.low[head]
	if x.has(head, fVagueSingle) {
		a.typ, a.name = "anonymous", strings.ToLower(x.text(s))
		x.remember(a)
		return
	}
	if x.has(head, fVaguePlural) || hw == "media" && s.e-s.s <= 3 && !x.anyNamed(s) && x.vagueMedia(s) {
		a.typ, a.name = "vague", strings.ToLower(x.text(s))
		return
	}
	var named, generic phrase
	var roleTypes []string
	namedAt := map[int]bool{}
	for i := s.s; i < s.e; i++ {
		if p, ok := x.match(x.lx.Sources, i, s.e, x.rawAt); ok {
			if len(p.toks) >= len(named.toks) {
				named = p
			}
			for k := i; k < i+len(p.toks); k++ {
				namedAt[k] = true
			}
		}
		if p, ok := x.match(x.lx.SourcesFold, i, s.e, x.lowAt); ok {
			generic = p
		}
		if p, ok := x.match(x.lx.Roles, i, s.e, x.rawAt); ok {
			roleTypes = append(roleTypes, p.value)
			for k := i; k < i+len(p.toks); k++ {
				namedAt[k] = true
			}
		}
	}
	// personal name: the trailing run of capitalised non-title words
	ps := s.e
	for ps > s.s && (x.up(ps-1) || isArabicParticle(x.low[ps-1]) && ps-1 > s.s) && !namedAt[ps-1] && !isAcronym(x.rawAt(ps-1)) && !x.has(ps-1, fCapStop) ||
		ps-1 > s.s && x.has(ps-1, fNameJoin) {
		ps--
	}
	if ps < s.e {
		name := x.text(tspan{ps, s.e})
		if ps == s.e-1 {
			if full, ok := x.names[name]; ok {
				name = full
			}
		}
		// a named institution in the phrase gives the type ("Russian
		// Defence Ministry spokesman X"), else a role ("Foreign Minister X")
		typ := "person"
		for _, t := range roleTypes {
			if t == "government" || t == "military" || t == "organization" {
				typ = t
			}
		}
		if named.value != "" {
			typ = named.value
		}
		if typ == "person" {
			if t, ok := x.personType[name]; ok {
				typ = t
			} else if e, ok := x.entityAt(s.e - 1); ok && len(roleTypes) == 0 {
				// an unknown name: the entities stage may know it
				typ = e.Type
				if typ != "person" {
					a.name, a.typ = entityName(e), typ
					x.remember(a)
					return
				}
			}
		}
		a.name, a.typ = name, typ
		x.personType[name] = typ
		x.lastPerson.name, x.lastPerson.typ = name, typ
		return
	}
	switch {
	case named.value != "":
		a.typ, a.name = named.value, named.canon
	case len(roleTypes) > 0 && roleTypes[len(roleTypes)-1] == "document":
		a.typ, a.name = "document", strings.ToLower(x.text(s))
	case len(roleTypes) > 0 && roleTypes[len(roleTypes)-1] != "title":
		a.typ, a.name = roleTypes[len(roleTypes)-1], x.text(s)
	case generic.value != "":
		a.typ, a.name = generic.value, x.text(s)
		if s.e-s.s == 1 && genericOrg[hw] && x.lastOrg.name != "" {
			a.name, a.typ = x.lastOrg.name, x.lastOrg.typ
		}
	case x.up(head):
		a.typ, a.name = "organization", x.text(s)
		if e, ok := x.entityAt(head); ok {
			a.typ, a.name = e.Type, entityName(e)
		}
	case s.s > 0 && (x.low[s.s-1] == "a" || x.low[s.s-1] == "an" || x.low[s.s-1] == "another"):
		// "a congresswoman said": one unnamed person
		a.typ, a.name = "anonymous", strings.ToLower(x.text(s))
	case s.s > 0 && x.has(s.s-1, fPossessive) || s.e-s.s == 1 && !strings.HasSuffix(hw, "s"):
		// "the cardinal said", "his lawyer said": someone the article
		// has introduced
		a.typ, a.name = "person", x.text(s)
	default:
		a.typ, a.name = "vague", strings.ToLower(x.text(s))
	}
	x.remember(a)
}

// entityAt returns an entity of a source type (from an earlier entities
// stage) covering token i. Entities only decide what the lexicons do not.
func (x *doc) entityAt(i int) (report.Entity, bool) {
	st, en := x.d.Tokens[i].RStart, x.d.Tokens[i].REnd
	for _, e := range x.entities {
		if e.Start < en && e.End > st && sourceTypes[e.Type] && e.Type != "vague" && e.Type != "anonymous" {
			return e, true
		}
	}
	return report.Entity{}, false
}

func entityName(e report.Entity) string {
	if e.Name != "" {
		return e.Name
	}
	return e.Text
}

// anyNamed reports a named (gazetteer) source inside s.
func (x *doc) anyNamed(s tspan) bool {
	for i := s.s; i < s.e; i++ {
		if p, ok := x.match(x.lx.Sources, i, s.e, x.rawAt); ok && p.value != "" {
			return true
		}
	}
	return false
}

// vagueMedia reports "local media", "pro-Damascus media": media not named.
func (x *doc) vagueMedia(s tspan) bool {
	for i := s.s; i < s.e-1; i++ {
		w := x.low[i]
		if w == "state" || w == "state-run" || w == "official" {
			return false
		}
	}
	return true
}

func (x *doc) remember(a *attr) {
	switch a.typ {
	case "person":
		// only a personal name (set in typeSource) or an anonymous single
		// source becomes the antecedent of he/she, not "lawyers"
	case "anonymous":
		x.lastPerson.name, x.lastPerson.typ = a.name, a.typ
	case "vague", "document", "":
	default:
		x.lastOrg.name, x.lastOrg.typ = a.name, a.typ
	}
}

var _ = nlp.Word
