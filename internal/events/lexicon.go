package events

import "strings"

// Event types, most specific first: when a sentence has triggers of
// several types, the first in this order wins.
var typeOrder = []string{"chemical_attack", "shootdown", "execution", "explosion", "airstrike", "shelling", "shooting", "clash", "seizure", "other"}

// triggers maps a lower-case word (or two words joined by a space) to the
// event type it signals.
var triggers = map[string]string{
	// chemical attacks
	"chemical": "chemical_attack", "sarin": "chemical_attack", "chlorine": "chemical_attack",
	"toxic": "chemical_attack", "poison": "chemical_attack", "nerve": "chemical_attack",
	"gas attack": "chemical_attack", "suffocation": "chemical_attack", "poisonous": "chemical_attack",
	// shootdowns
	"shot down": "shootdown", "downed": "shootdown", "downs": "shootdown", "downing": "shootdown", "shoot down": "shootdown",
	"brought down": "shootdown", "shooting down": "shootdown",
	// executions
	"executed": "execution", "execution": "execution", "executions": "execution", "beheaded": "execution",
	"beheading": "execution", "beheadings": "execution", "crucified": "execution", "summarily": "execution",
	"executing": "execution", "execute": "execution", "mass grave": "execution",
	// explosions
	"explosion": "explosion", "explosions": "explosion", "blast": "explosion", "blasts": "explosion",
	"exploded": "explosion", "detonated": "explosion", "suicide": "explosion", "bomber": "explosion",
	"bombers": "explosion", "car bomb": "explosion", "blew": "explosion", "explosive": "explosion",
	"explosives": "explosion", "landmine": "explosion", "booby": "explosion", "bomb attack": "explosion",
	"bomb blast": "explosion", "bombing attack": "explosion", "twin bombings": "explosion",
	// airstrikes
	"airstrike": "airstrike", "airstrikes": "airstrike", "air strike": "airstrike", "air strikes": "airstrike",
	"air raid": "airstrike", "air raids": "airstrike", "raids": "airstrike", "raid": "airstrike",
	"warplanes": "airstrike", "warplane": "airstrike", "jets": "airstrike", "aircraft": "airstrike",
	"helicopter": "airstrike", "helicopters": "airstrike", "barrel": "airstrike", "bombing": "explosion",
	"bombings": "explosion", "bombed": "airstrike", "bombarded": "airstrike", "strikes": "airstrike",
	"strike": "airstrike", "sorties": "airstrike", "air attack": "airstrike", "aerial": "airstrike",
	"drone": "airstrike", "bombs": "airstrike",
	// shelling
	"shelling": "shelling", "shelled": "shelling", "shells": "shelling", "shell": "shelling",
	"mortar": "shelling", "mortars": "shelling", "rocket": "shelling", "rockets": "shelling",
	"artillery": "shelling", "bombardment": "shelling", "missile": "shelling", "missiles": "shelling",
	"projectiles": "shelling", "shellings": "shelling",
	// shootings
	"shot": "shooting", "shooting": "shooting", "sniper": "shooting", "snipers": "shooting",
	"gunfire": "shooting", "gunmen": "shooting", "opened fire": "shooting", "bullets": "shooting",
	"gunshot": "shooting", "gunshots": "shooting", "shootings": "shooting",
	// clashes
	"clashes": "clash", "clash": "clash", "clashed": "clash", "fighting": "clash", "battle": "clash",
	"battles": "clash", "fought": "clash", "ambush": "clash", "offensive": "clash", "assault": "clash",
	"firefight": "clash",
	// seizures
	"captured": "seizure", "seized": "seizure", "recaptured": "seizure", "retook": "seizure",
	"liberated": "seizure", "overran": "seizure", "took control": "seizure", "regained control": "seizure",
	"retaken": "seizure", "seize": "seizure", "capture": "seizure",
}

// causeOf maps an event type to the FA-KES cause of death.
var causeOf = map[string]string{
	"airstrike":       "shelling",
	"shelling":        "shelling",
	"explosion":       "explosion",
	"chemical_attack": "chemical and toxic gases",
	"shooting":        "shooting",
	"execution":       "execution",
	"shootdown":       "shooting",
	"clash":           "unknown",
	"seizure":         "unknown",
	"other":           "unknown",
}

// Categories maps the gazetteer's actor category keys to the FA-KES actor
// categories.
var Categories = map[string]string{
	"gov":        "syrian government or russian troops",
	"isis":       "the organization of the islamic state in iraq and the levant - isis",
	"coalition":  "international coalition forces",
	"opposition": "armed opposition groups",
	"sdf":        "self administration forces",
	"nusra":      "al-nusra front",
	"":           "unknown",
}

// Unknown is the FA-KES "unknown" actor and cause.
const Unknown = "unknown"

// Governorates are the 12 FA-KES governorate names; gazetteer
// governorates not among them map as fakesGovernorate says.
var Governorates = []string{"aleppo", "damascus", "idlib", "deir ezzor", "raqqa", "homs", "hasakeh", "hama", "daraa", "lattakia", "quneitra", "tartous"}

// fakesGovernorate maps a gazetteer governorate to its FA-KES name: Rif
// Dimashq (Damascus countryside) is counted with Damascus as FA-KES does;
// Suwayda, absent from FA-KES, stays itself.
func fakesGovernorate(g string) string {
	if g == "rif dimashq" {
		return "damascus"
	}
	return g
}

var killCues = map[string]bool{
	"killed": true, "killing": true, "kills": true, "kill": true, "dead": true, "died": true, "die": true,
	"deaths": true, "death": true, "toll": true, "lives": true, "martyred": true, "massacred": true,
	"bodies": true, "perished": true, "slain": true, "martyrs": true, "killings": true, "claimed": true,
	"lost": true, "executed": true, "beheaded": true, "fatalities": true, "casualties": true,
}

var injuryCues = map[string]bool{
	"injured": true, "wounded": true, "injuring": true, "wounding": true, "hurt": true, "injuries": true,
	"injures": true, "wounds": true, "suffocation": true,
	"cases": true, "treated": true,
}

// otherCues are what else can happen to people counted: the nearest cue
// being one of these, the number is not a casualty figure.
var otherCues = map[string]bool{"kidnapped": true, "abducted": true, "detained": true, "arrested": true,
	"displaced": true, "evacuated": true, "fled": true, "rescued": true, "released": true, "freed": true,
	"captured": true, "surrendered": true, "defected": true, "trapped": true, "besieged": true, "hostage": true,
	"hostages": true, "prisoners": true, "missing": true}

// Victim classes.
const (
	classPeople = iota + 1
	classCivilians
	classChildren
	classWomen
	classCombatants
)

var victimNouns = map[string]int{
	"people": classPeople, "persons": classPeople, "person": classPeople, "others": classPeople,
	"victims": classPeople, "bodies": classPeople, "individuals": classPeople, "lives": classPeople,
	"civilians": classCivilians, "civilian": classCivilians, "residents": classCivilians,
	"villagers": classCivilians, "worshippers": classCivilians, "students": classCivilians,
	"patients": classCivilians, "passengers": classCivilians, "refugees": classCivilians,
	"citizens": classCivilians, "inhabitants": classCivilians, "men": classCivilians, "man": classCivilians,
	"family": classCivilians, "members of": classCivilians, "workers": classCivilians,
	"syrians": classCivilians, "iraqis": classCivilians, "palestinians": classCivilians, "kurds": classCivilians,
	"shiites": classCivilians, "sunnis": classCivilians, "alawites": classCivilians, "christians": classCivilians,
	"yazidis": classCivilians, "afghans": classCivilians, "volunteers": classCivilians,
	"journalists": classCivilians, "doctors": classCivilians, "medics": classCivilians,
	"children": classChildren, "child": classChildren, "kids": classChildren, "boys": classChildren,
	"girls": classChildren, "infants": classChildren, "babies": classChildren, "minors": classChildren,
	"schoolchildren": classChildren, "toddlers": classChildren, "boy": classChildren, "girl": classChildren,
	"baby": classChildren, "pupils": classChildren,
	"women": classWomen, "woman": classWomen, "mothers": classWomen,
	"fighters": classCombatants, "fighter": classCombatants, "soldiers": classCombatants, "soldier": classCombatants,
	"troops": classCombatants, "militants": classCombatants, "militant": classCombatants, "rebels": classCombatants,
	"rebel": classCombatants, "terrorists": classCombatants, "terrorist": classCombatants,
	"jihadists": classCombatants, "jihadist": classCombatants, "members": classCombatants,
	"insurgents": classCombatants, "personnel": classCombatants, "servicemen": classCombatants,
	"officers": classCombatants, "officer": classCombatants, "pilots": classCombatants, "pilot": classCombatants,
	"guards": classCombatants, "policemen": classCombatants, "police": classCombatants,
	"combatants": classCombatants, "militiamen": classCombatants, "conscripts": classCombatants,
	"recruits": classCombatants, "commanders": classCombatants, "commander": classCombatants, "leaders": classCombatants, "leader": classCombatants,
	"mercenaries": classCombatants, "gunmen": classCombatants, "elements": classCombatants,
	"loyalists": classCombatants, "army": classCombatants, "regime": classCombatants,
	"snipers": classCombatants, "attackers": classCombatants, "bombers": classCombatants,
}

// inclusiveCues before a number make it part of a total said elsewhere:
// "including five children", "among them two women".
var inclusiveCues = map[string]bool{"including": true, "included": true, "among": true, "them": true, "whom": true, "mostly": true, "mainly": true, "incl": true}

// triggerWord is what one word is in triggers: its event type as a
// one-word trigger, and whether a two-word trigger starts with it (only
// then the two-word look-up is needed).
type triggerWord struct {
	typ    string
	bigram bool
}

// triggerWords indexes triggers by word.
var triggerWords = func() map[string]triggerWord {
	m := map[string]triggerWord{}
	for k, t := range triggers {
		if i := strings.IndexByte(k, ' '); i >= 0 {
			e := m[k[:i]]
			e.bigram = true
			m[k[:i]] = e
		} else {
			e := m[k]
			e.typ = t
			m[k] = e
		}
	}
	return m
}()

// Word codes: what a lower-case word is to the rules, one look-up per
// token (codeTable.code) instead of one per rule.
const (
	// cTrigType is the mask of the word's one-word trigger type: its
	// index in typeOrder1.
	cTrigType = 15
	cBigram   = 1 << 4  // a two-word trigger starts with the word
	cArticle  = 1 << 5  // "a", "an", "one"
	cKill     = 1 << 6  // killCues
	cInjury   = 1 << 7  // injuryCues
	cOther    = 1 << 8  // otherCues
	cIncl     = 1 << 9  // inclusiveCues
	cSkip     = 1 << 10 // skippable (true)
	cStop     = 1 << 11 // ends a casualty figure's noun phrase (stopWords)
	// cVictimShift is where the word's victimNouns class sits (3 bits).
	cVictimShift = 12
)

// stopWords end the words after a number that can name its victims
// ("12 in Aleppo", "12 were killed"): readMention.
var stopWords = []string{"in", "on", "at", "were", "was", "have", "had", "has", "after", "when", "as", "during",
	"since", "including", "while", "to"}

// typeOrder1 is typeOrder with "" first: cTrigType's values.
var typeOrder1 = append([]string{""}, typeOrder...)

// wordCodes holds the words with a code.
var wordCodes = func() map[string]uint16 {
	m := map[string]uint16{"a": cArticle, "an": cArticle, "one": cArticle}
	for w, tw := range triggerWords {
		c := m[w]
		if tw.bigram {
			c |= cBigram
		}
		if tw.typ != "" {
			k := 0
			for k < len(typeOrder) && typeOrder[k] != tw.typ {
				k++
			}
			if k == len(typeOrder) {
				panic("events: trigger type " + tw.typ + " not in typeOrder")
			}
			c |= uint16(k + 1)
		}
		m[w] = c
	}
	for _, l := range []struct {
		words map[string]bool
		code  uint16
	}{{killCues, cKill}, {injuryCues, cInjury}, {otherCues, cOther}, {inclusiveCues, cIncl}, {skippable, cSkip}} {
		for w, ok := range l.words {
			if ok {
				m[w] |= l.code
			}
		}
	}
	for _, w := range stopWords {
		m[w] |= cStop
	}
	for w, c := range victimNouns {
		if c <= 0 || c > 7 {
			panic("events: victim class out of range")
		}
		if !strings.Contains(w, " ") {
			m[w] |= uint16(c) << cVictimShift
		}
	}
	return m
}()

// quickMask are the code bits mayHoldEvent reads for every token: rare
// words. The others (common words among them: "the", "of", "in") are
// looked up only for the tokens the rules read them of (doc.code).
const quickMask = cTrigType | cBigram | cArticle | 7<<cVictimShift

// cDone marks a token's code as the full one (doc.code).
const cDone = 1 << 15

// codeTable is a set of words with their codes as an open-addressing
// hash table on a hash of the word's length and first, middle and last
// bytes (no loop over the word): slot h holds a word whose length is
// lens[h] (0 for an empty slot), the first slot with lens 0 ends a
// search.
type codeTable struct {
	lens  [codeSlots]uint8
	codes [codeSlots]uint16
	words [codeSlots]string
}

// codeSlots is a power of two, codeHash's range; the tables are at most
// about 1/8 full.
const codeSlots = 4096

// quickCodes has the words with quickMask bits (only those bits), fullCodes
// all of wordCodes.
var quickCodes, fullCodes = newCodeTable(quickMask), newCodeTable(^uint16(0))

func newCodeTable(mask uint16) *codeTable {
	t := new(codeTable)
	for w, c := range wordCodes {
		if c&mask == 0 {
			continue
		}
		if len(w) == 0 || len(w) > 255 {
			panic("events: a lexicon word of length 0 or over 255")
		}
		h := codeHash(w)
		for t.lens[h] != 0 {
			h = (h + 1) & (codeSlots - 1)
		}
		t.lens[h], t.codes[h], t.words[h] = uint8(len(w)), c&mask, w
	}
	return t
}

func codeHash(w string) uint32 {
	n := uint32(len(w))
	h := n*0x9e3779b1 ^ uint32(w[0])*0x85ebca77 ^ uint32(w[n>>1])*0xc2b2ae3d ^ uint32(w[n-1])*0x27d4eb2f
	return h >> (32 - 12) & (codeSlots - 1)
}

// code returns the code of lower-case word w in t, 0 for none.
func (t *codeTable) code(w string) uint16 {
	if len(w) == 0 {
		return 0
	}
	return t.from(codeHash(w), w)
}

// from returns the code of w searched from slot h, codeHash(w).
func (t *codeTable) from(h uint32, w string) uint16 {
	for {
		l := t.lens[h]
		if l == 0 {
			return 0
		}
		if int(l) == len(w) && t.words[h] == w {
			return t.codes[h]
		}
		h = (h + 1) & (codeSlots - 1)
	}
}
