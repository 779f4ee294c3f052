package events

import (
	"strings"

	"github.com/sift-project/sift/internal/nlp"
)

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

// triggerFilter lets most words skip the triggerWords look-up.
var triggerFilter = func() *nlp.WordFilter {
	f := nlp.NewWordFilter()
	for k := range triggerWords {
		f.Add(k)
	}
	return f
}()

// Word codes: what a lower-case word is to the rules that read every
// token (wordCode).
const (
	// cTrigType is the mask of the word's one-word trigger type: its
	// index in typeOrder1.
	cTrigType = 15
	cBigram   = 1 << 4 // a two-word trigger starts with the word
	cArticle  = 1 << 5 // "a", "an", "one"
	cKill     = 1 << 6 // a kill cue
)

// typeOrder1 is typeOrder with "" first: cTrigType's values.
var typeOrder1 = append([]string{""}, typeOrder...)

// wordCodes holds the words with a code.
var wordCodes = func() map[string]uint8 {
	m := map[string]uint8{"a": cArticle, "an": cArticle, "one": cArticle}
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
			c |= uint8(k + 1)
		}
		m[w] = c
	}
	for w := range killCues {
		m[w] |= cKill
	}
	return m
}()

// codeFilter has the bit codeKey(w) set for every word in wordCodes: a
// word whose bit is clear has no code. Its key is the word's length and
// first and last bytes, read without a loop over the word.
var codeFilter = func() *[256]uint64 {
	f := new([256]uint64)
	for w := range wordCodes {
		k := codeKey(w)
		f[k>>6] |= 1 << (k & 63)
	}
	return f
}()

func codeKey(w string) uint {
	return uint(len(w))&15<<10 | uint(w[0]&31)<<5 | uint(w[len(w)-1]&31)
}

// wordCode returns the code of lower-case word w, 0 for none.
func wordCode(w string) uint8 {
	if len(w) == 0 {
		return 0
	}
	if k := codeKey(w); codeFilter[k>>6]&(1<<(k&63)) == 0 {
		return 0
	}
	return wordCodes[w]
}
