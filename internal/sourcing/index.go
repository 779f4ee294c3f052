package sourcing

import (
	"fmt"
	"sort"
)

// wflag marks what a lower-case token is in the lexicons and word lists:
// the stage looks each token up once (newDoc) instead of once per list
// and rule.
type wflag uint64

const (
	// fWordNum is set by newDoc on a word or a number (the tokens
	// checkWorthy counts); bit 0, so that it counts as a number.
	fWordNum wflag = 1 << iota
	fNumber        // Lexicon.Numbers
	fEvent         // Lexicon.Events
	fVaguePlural
	fVagueSingle
	fVagueMods
	fPassive
	fRoleWord
	fFoldWord
	fCapStop
	fNameJoin
	fConnector
	fDeterminer
	fPronoun
	fPossessive
	fCitedPlural
	fTimeWord
	fNpExtra
	fNpAux
	fBeForm
	// A phrase of the set starts with this token: the phrase's first
	// token, and its lower case (sets matched on the raw tokens).
	fHedgeFirst
	fSourcesFirst
	fSourcesFoldFirst
	fRolesFirst
	// The cue class (Lexicon.Cues).
	fCueVerb
	fCuePart
	fCueDoc

	// "according", and "citing" or "quoting" (cueClassOf).
	fAccording
	fCiting
	// The word lists of the rules run inside loops.
	fCoord
	fTitleAbbrev
	fPreposition
	fStatementNoun
	fPlaceNoun
	fAccuse

	// Token flags, set by newDoc, not in lx.words: a capitalised word
	// (the first letter upper case); the token can be part of a personal
	// name (doc.nameWord).
	fUpper
	fNameTok
	// A signal of a claim (checkWorthy): a number, a number word or an
	// event verb.
	fSignal
)

const fCue = fCueVerb | fCuePart | fCueDoc

// A word that starts hedge phrases carries the number of their list
// (Lexicon.hedgeLists) in the 8 bits from hedgeShift.
const hedgeShift = 48

// The flags stay below the hedge list number, which stays below the cue
// class (a constant overflow otherwise).
const (
	_ = uint64(1<<hedgeShift) - uint64(fSignal)*2
	_ = uint64(1<<kindShift) - uint64(1<<(hedgeShift+8))
	_ = uint64(1<<clsShift) - uint64(1<<(kindShift+2))
)

// buildIndex fills lx.words from the lexicon's lists and the package's
// word lists. It runs once the lexicon is complete; the lists must not
// change afterwards.
func (lx *Lexicon) buildIndex() error {
	w := map[string]wflag{}
	set := func(m map[string]bool, f wflag) {
		for k, v := range m {
			if v {
				w[k] |= f
			}
		}
	}
	set(lx.Numbers, fNumber)
	set(lx.Events, fEvent)
	set(lx.VaguePlural, fVaguePlural)
	set(lx.VagueSingle, fVagueSingle)
	set(lx.VagueMods, fVagueMods)
	set(lx.Passives, fPassive)
	set(lx.roleWords, fRoleWord)
	set(lx.foldWords, fFoldWord)
	set(capStop, fCapStop)
	set(nameJoin, fNameJoin)
	set(connectors, fConnector)
	set(determiners, fDeterminer)
	set(pronouns, fPronoun)
	set(possessives, fPossessive)
	set(citedPlural, fCitedPlural)
	set(timeWords, fTimeWord)
	set(npExtra, fNpExtra)
	set(npAux, fNpAux)
	set(beForms, fBeForm)
	set(coord, fCoord)
	set(titleAbbrev, fTitleAbbrev)
	set(prepositions, fPreposition)
	set(statementNouns, fStatementNoun)
	set(placeNouns, fPlaceNoun)
	set(accuseWords, fAccuse)
	first := func(s *phraseSet, f wflag) {
		s.first = f
		for k := range s.byFirst {
			w[k] |= f
			w[lower(k)] |= f
		}
	}
	first(lx.Hedges, fHedgeFirst)
	hedgeFirst := make([]string, 0, len(lx.Hedges.byFirst))
	for k := range lx.Hedges.byFirst {
		hedgeFirst = append(hedgeFirst, k)
	}
	sort.Strings(hedgeFirst)
	if len(hedgeFirst) > 255 {
		return fmt.Errorf("%d first words of hedges, at most 255", len(hedgeFirst))
	}
	lx.hedgeLists = make([][]phrase, len(hedgeFirst)+1)
	for id, k := range hedgeFirst {
		lx.hedgeLists[id+1] = lx.Hedges.byFirst[k]
		w[k] |= wflag(id+1) << hedgeShift
	}
	first(lx.Sources, fSourcesFirst)
	first(lx.SourcesFold, fSourcesFoldFirst)
	first(lx.Roles, fRolesFirst)
	for k, c := range lx.Cues {
		switch c {
		case "verb":
			w[k] |= fCueVerb
		case "part":
			w[k] |= fCuePart
		case "doc":
			w[k] |= fCueDoc
		}
	}
	w["according"] |= fAccording
	w["citing"] |= fCiting
	w["quoting"] |= fCiting
	lx.words = w
	var err error
	lx.table, err = newWordTable(w)
	return err
}

// has reports whether token i's lower case carries flag f.
func (x *doc) has(i int, f wflag) bool { return x.wf[i]&f != 0 }

// cue is lx.Cues[x.low[i]].
func (x *doc) cue(i int) string {
	switch x.wf[i] & fCue {
	case fCueVerb:
		return "verb"
	case fCuePart:
		return "part"
	case fCueDoc:
		return "doc"
	}
	return ""
}

// match is s.match(i, n, get) for get x.rawAt or x.lowAt, skipping the
// lookup when no phrase of s starts with token i.
func (x *doc) match(s *phraseSet, i, n int, get func(int) string) (phrase, bool) {
	if s.first != 0 && i < n && i < x.n && x.wf[i]&s.first == 0 {
		return phrase{}, false
	}
	return s.match(i, n, get)
}
