package sourcing

import (
	"bufio"
	"embed"
	"fmt"
	"sort"
	"strings"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/offsets"
)

//go:embed lexicon/*.txt
var lexiconFS embed.FS

// phrase is a lexicon entry as a token sequence.
type phrase struct {
	toks  []string // token texts (lower case for case-insensitive lexicons)
	value string   // type or class
	canon string   // canonical name, when the lexicon gives one
	rule  string
}

// phraseSet finds lexicon phrases at a token position. Phrases are indexed
// by their first token; longer phrases are tried first.
type phraseSet struct {
	byFirst map[string][]phrase
	fold    bool  // match case-insensitively
	first   wflag // the Lexicon.words flag of the phrases' first tokens
}

func newPhraseSet(fold bool) *phraseSet {
	return &phraseSet{byFirst: map[string][]phrase{}, fold: fold}
}

func (s *phraseSet) add(text string, p phrase) {
	if s.fold {
		text = strings.ToLower(text)
	}
	ix := offsets.New(text)
	for _, t := range nlp.Tokenize(text, ix) {
		p.toks = append(p.toks, text[t.Start:t.End])
	}
	if len(p.toks) == 0 {
		return
	}
	l := s.byFirst[p.toks[0]]
	l = append(l, p)
	sort.SliceStable(l, func(i, j int) bool { return len(l[i].toks) > len(l[j].toks) })
	s.byFirst[p.toks[0]] = l
}

// match returns the longest phrase starting at token i (tokens given by
// get), or ok false.
func (s *phraseSet) match(i, n int, get func(int) string) (phrase, bool) {
	if i >= n {
		return phrase{}, false
	}
	return matchList(s.byFirst[get(i)], i, n, get)
}

// matchList returns the first phrase of l (phrases starting with token
// i's word, longest first) whose other words follow token i, or ok false.
func matchList(l []phrase, i, n int, get func(int) string) (phrase, bool) {
	for _, p := range l {
		if i+len(p.toks) > n {
			continue
		}
		ok := true
		for k := 1; k < len(p.toks); k++ {
			if get(i+k) != p.toks[k] {
				ok = false
				break
			}
		}
		if ok {
			return p, true
		}
	}
	return phrase{}, false
}

// Lexicon holds the word lists the sourcing stage uses. The default one is
// built from the documented data files in lexicon/.
type Lexicon struct {
	// Cues maps a lower-case reporting word to its class: verb, part or doc.
	Cues map[string]string
	// Hedges are hedge phrases (lower case) with their rules.
	Hedges *phraseSet
	// VaguePlural and VagueSingle are head nouns of vague and anonymous
	// sources; VagueMods modifiers kept in front of them; Passives the
	// verbs of agentless "it is VERB" attributions.
	VaguePlural, VagueSingle, VagueMods, Passives map[string]bool
	// Sources are named sources (case-sensitive) with type and canonical name.
	Sources *phraseSet
	// SourcesFold are the lower-case generic sources ("ministry", "group").
	SourcesFold *phraseSet
	// Roles maps role and title words (as written) to a type, "title" or
	// "document".
	Roles *phraseSet
	// roleWords holds every single token of a role phrase, lower case.
	roleWords map[string]bool
	// foldWords holds the one-word lower-case generic sources ("coroner").
	foldWords map[string]bool
	// Numbers and Events are the claim lexicon: number words and event verbs.
	Numbers, Events map[string]bool
	// words indexes every list above (and the stage's own word lists) by
	// lower-case token: built once the lexicon is complete.
	words map[string]wflag
	// table is words as a compact hash table (what newDoc reads).
	table *wordTable
	// hedgeLists are the lists of Hedges.byFirst, numbered for the
	// flags of their first words (hedgeShift).
	hedgeLists [][]phrase
}

// DefaultLexicon returns the lexicon built from the embedded data files.
func DefaultLexicon() (*Lexicon, error) {
	lx := &Lexicon{
		Cues:        map[string]string{},
		Hedges:      newPhraseSet(true),
		VaguePlural: map[string]bool{}, VagueSingle: map[string]bool{}, VagueMods: map[string]bool{}, Passives: map[string]bool{},
		Sources:     newPhraseSet(false),
		SourcesFold: newPhraseSet(true),
		Roles:       newPhraseSet(false),
		roleWords:   map[string]bool{},
		Numbers:     map[string]bool{}, Events: map[string]bool{}, foldWords: map[string]bool{},
	}
	err := readLexicon("cues.txt", 2, func(f []string) error {
		switch f[1] {
		case "verb", "part", "doc":
			lx.Cues[strings.ToLower(f[0])] = f[1]
			return nil
		}
		return fmt.Errorf("unknown cue class %q", f[1])
	})
	if err == nil {
		err = readLexicon("hedges.txt", 1, func(f []string) error {
			p := phrase{}
			if len(f) > 1 {
				p.rule = f[1]
				switch p.rule {
				case "modal", "be", "notsoon":
				default:
					return fmt.Errorf("unknown hedge rule %q", p.rule)
				}
			}
			lx.Hedges.add(f[0], p)
			return nil
		})
	}
	if err == nil {
		err = readLexicon("vague.txt", 2, func(f []string) error {
			w := strings.ToLower(f[1])
			switch f[0] {
			case "plural":
				lx.VaguePlural[w] = true
			case "single":
				lx.VagueSingle[w] = true
			case "mod":
				lx.VagueMods[w] = true
			case "passive":
				lx.Passives[w] = true
			default:
				return fmt.Errorf("unknown vague class %q", f[0])
			}
			return nil
		})
	}
	if err == nil {
		err = readLexicon("sources.txt", 2, func(f []string) error {
			if !sourceTypes[f[0]] {
				return fmt.Errorf("unknown source type %q", f[0])
			}
			p := phrase{value: f[0], canon: f[1]}
			if len(f) > 2 {
				p.canon = f[2]
			}
			if strings.ToLower(f[1]) == f[1] {
				lx.SourcesFold.add(f[1], p)
				if !strings.Contains(f[1], " ") {
					lx.foldWords[f[1]] = true
				}
			} else {
				lx.Sources.add(f[1], p)
			}
			return nil
		})
	}
	if err == nil {
		err = readLexicon("roles.txt", 2, func(f []string) error {
			if !sourceTypes[f[0]] && f[0] != "title" {
				return fmt.Errorf("unknown role type %q", f[0])
			}
			lx.Roles.add(f[1], phrase{value: f[0]})
			for _, w := range strings.Fields(f[1]) {
				lx.roleWords[strings.ToLower(w)] = true
			}
			return nil
		})
	}
	if err == nil {
		err = readLexicon("claims.txt", 2, func(f []string) error {
			switch f[0] {
			case "number":
				lx.Numbers[f[1]] = true
			case "event":
				lx.Events[f[1]] = true
			default:
				return fmt.Errorf("unknown claim class %q", f[0])
			}
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	if err := lx.buildIndex(); err != nil {
		return nil, fmt.Errorf("word index: %w", err)
	}
	return lx, nil
}

// sourceTypes are the attribution source types.
var sourceTypes = map[string]bool{
	"person": true, "organization": true, "government": true, "military": true, "media": true,
	"armed_group": true, "document": true, "social_media": true, "vague": true, "anonymous": true,
}

// readLexicon reads an embedded "a | b | c" file, calling fn with at least
// min fields per line; errors name the file and line.
func readLexicon(name string, min int, fn func([]string) error) error {
	f, err := lexiconFS.Open("lexicon/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "|")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if len(fields) < min || fields[0] == "" {
			return fmt.Errorf("lexicon/%s:%d: want %d fields separated by |", name, n, min)
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("lexicon/%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}
