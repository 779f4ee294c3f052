package techniques

import (
	"bufio"
	"embed"
	"runtime"
	"strings"
)

//go:embed lexicon/*.txt
var lexiconFS embed.FS

// LexClasses names the lexicon classes, one per file in lexicon/.
var LexClasses = []string{"loaded", "intensifiers", "slogans", "flag", "fear", "nazi", "doubt", "causal", "authority", "blackwhite", "whatabout", "cliches"}

// Lexicon holds the technique word and phrase lists: each entry belongs
// to one or more classes (bit i = LexClasses[i]).
type Lexicon struct {
	// words maps a one-word entry to its class bits.
	words map[string]uint16
	// phrases maps the first word of a multi-word entry to the entries.
	phrases map[string][]phrase
	// caches holds word caches (see wordCache) between documents.
	caches chan *wordCache
	// span is the span table whose rows the word caches keep (set by the
	// model that owns the lexicon).
	span *spanTable
	// clusters gives each word type its word clusters (set by the model
	// that owns the lexicon; nil: none).
	clusters *Clusters
}

type phrase struct {
	words []string
	class uint16
}

// DefaultLexicon returns the lexicons embedded in the package.
func DefaultLexicon() *Lexicon {
	lx := &Lexicon{words: map[string]uint16{}, phrases: map[string][]phrase{}, caches: make(chan *wordCache, max(8, runtime.GOMAXPROCS(0)))} // a cache per goroutine tagging at once
	for i, c := range LexClasses {
		data, err := lexiconFS.ReadFile("lexicon/" + c + ".txt")
		if err != nil {
			panic(err) // embedded: cannot happen
		}
		lx.add(string(data), uint16(1)<<i)
	}
	return lx
}

func (lx *Lexicon) add(data string, bit uint16) {
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "#"); i == 0 {
			continue
		}
		ws := strings.Fields(strings.ToLower(line))
		switch len(ws) {
		case 0:
		case 1:
			lx.words[ws[0]] |= bit
		default:
			ps := lx.phrases[ws[0]]
			found := false
			for i := range ps {
				if strings.Join(ps[i].words, " ") == strings.Join(ws, " ") {
					ps[i].class |= bit
					found = true
				}
			}
			if !found {
				ps = append(ps, phrase{words: ws, class: bit})
			}
			lx.phrases[ws[0]] = ps
		}
	}
}

// markPhrases sets the class bits of each phrase of phrases (entries
// starting with the word lower(toks[i])) on the tokens it covers when it
// occurs at token i.
func markPhrases[T any](out []uint16, toks []T, lower func(T) string, i int, phrases []phrase) {
	for _, p := range phrases {
		if i+len(p.words) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(p.words); k++ {
			if lower(toks[i+k]) != p.words[k] {
				ok = false
				break
			}
		}
		if ok {
			for k := range p.words {
				out[i+k] |= p.class
			}
		}
	}
}

func lowerOf(lt *lowType) string { return lt.lower }

// Mark returns the class bits of each token of lower (lower-cased token
// texts): a token gets the bits of a word entry equal to it and of every
// phrase entry covering it.
func (lx *Lexicon) Mark(lower []string) []uint16 {
	out := make([]uint16, len(lower))
	for i, w := range lower {
		out[i] |= lx.words[w]
		markPhrases(out, lower, func(s string) string { return s }, i, lx.phrases[w])
	}
	return out
}
