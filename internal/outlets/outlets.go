// Package outlets holds public reliability ratings of news outlets, embedded
// in the binary (OpenSources tags, Lin et al. 2023 domain quality), and maps
// outlet names as they appear in data sets ("sana", "Reuters") to domains.
package outlets

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/opensources/sources.json
var openSourcesJSON []byte

//go:embed data/lin2023/pc1.csv
var linCSV []byte

// Rating is what the public lists say about one domain.
type Rating struct {
	Domain string `json:"domain"`
	// Quality is Lin et al. 2023's ensemble rating pc1 in [0,1] (1 = higher
	// quality); nil when the domain is not rated.
	Quality *float64 `json:"quality,omitempty"`
	// Tags are OpenSources' tags (fake, bias, conspiracy, reliable, state, …).
	Tags []string `json:"tags,omitempty"`
	// Notes are OpenSources' notes on the domain.
	Notes string `json:"notes,omitempty"`
}

// Rated reports whether any list rates the domain.
func (r Rating) Rated() bool { return r.Quality != nil || len(r.Tags) > 0 }

// Attribution names the lists behind ratings, for display.
const Attribution = "ratings: Lin et al. 2023 (PNAS Nexus, domain quality pc1); OpenSources.co (Zimdars, LGPL-3.0)"

var (
	loadOnce sync.Once
	quality  map[string]float64
	osTags   map[string]osEntry
)

type osEntry struct {
	tags  []string
	notes string
}

func load() {
	quality = make(map[string]float64, 12000)
	cr := csv.NewReader(bytes.NewReader(linCSV))
	recs, _ := cr.ReadAll()
	for i, rec := range recs {
		if i == 0 || len(rec) < 2 {
			continue
		}
		if v, err := strconv.ParseFloat(rec[1], 64); err == nil {
			quality[strings.ToLower(rec[0])] = v
		}
	}
	var raw map[string]map[string]string
	_ = json.Unmarshal(openSourcesJSON, &raw)
	osTags = make(map[string]osEntry, len(raw))
	for d, m := range raw {
		var e osEntry
		for _, k := range []string{"type", "2nd type", "3rd type"} {
			t := normTag(m[k])
			if t != "" && !contains(e.tags, t) {
				e.tags = append(e.tags, t)
			}
		}
		e.notes = strings.TrimSpace(m["Source Notes (things to know?)"])
		osTags[strings.ToLower(strings.TrimSpace(d))] = e
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// normTag folds OpenSources' spelling variants.
func normTag(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	switch t {
	case "fake news":
		return "fake"
	case "satirical":
		return "satire"
	case "unrealiable":
		return "unreliable"
	}
	return t
}

// names maps outlet names as found in data sets (FA-KES source column,
// bylines, CSV source columns) to registrable domains.
var names = map[string]string{
	"ahram": "ahram.org.eg", "ahram online": "ahram.org.eg", "al-ahram": "ahram.org.eg",
	"manar": "almanar.com.lb", "al-manar": "almanar.com.lb", "almanar": "almanar.com.lb",
	"alalam": "alalam.ir", "al-alam": "alalam.ir",
	"alaraby": "alaraby.co.uk", "al-araby": "alaraby.co.uk", "the new arab": "alaraby.co.uk",
	"dailysabah": "dailysabah.com", "daily sabah": "dailysabah.com",
	"sana":    "sana.sy",
	"sputnik": "sputniknews.com", "sputnik news": "sputniknews.com",
	"etilaf": "etilaf.org", "syrian national coalition": "etilaf.org",
	"trt": "trtworld.com", "trt world": "trtworld.com",
	"jordantimes": "jordantimes.com", "jordan times": "jordantimes.com", "the jordan times": "jordantimes.com",
	"reuters": "reuters.com",
	"arabiya": "alarabiya.net", "al arabiya": "alarabiya.net", "alarabiya": "alarabiya.net", "al-arabiya": "alarabiya.net",
	"nna": "nna-leb.gov.lb", "national news agency": "nna-leb.gov.lb",
	"asharqalawsat": "aawsat.com", "asharq al-awsat": "aawsat.com", "asharq alawsat": "aawsat.com",
	"tass": "tass.com",
	"rt":   "rt.com", "russia today": "rt.com",
	"al jazeera": "aljazeera.com", "aljazeera": "aljazeera.com",
	"bbc": "bbc.co.uk", "bbc news": "bbc.co.uk",
	"associated press": "apnews.com", "ap": "apnews.com",
	"afp": "afp.com", "agence france-presse": "afp.com",
	"press tv": "presstv.com", "presstv": "presstv.com",
	"the guardian": "theguardian.com", "guardian": "theguardian.com",
	"cnn": "cnn.com", "fox news": "foxnews.com",
	"the new york times": "nytimes.com", "new york times": "nytimes.com",
	"the washington post": "washingtonpost.com", "washington post": "washingtonpost.com",
	"anadolu": "aa.com.tr", "anadolu agency": "aa.com.tr",
	"syrian observatory for human rights": "syriahr.com", "sohr": "syriahr.com",
}

// Domain returns the registrable domain for an outlet name, a domain or a
// URL ("sana" → "sana.sy", "https://www.reuters.com/x" → "reuters.com");
// "" when it cannot tell.
func Domain(nameOrDomain string) string {
	s := strings.ToLower(strings.TrimSpace(nameOrDomain))
	if s == "" {
		return ""
	}
	if d, ok := names[s]; ok {
		return d
	}
	if strings.Contains(s, "://") {
		if u, err := url.Parse(s); err == nil {
			s = u.Hostname()
		}
	}
	s = strings.TrimSuffix(strings.SplitN(s, "/", 2)[0], ".")
	if !strings.Contains(s, ".") || strings.ContainsAny(s, " \t") {
		return ""
	}
	s = strings.TrimPrefix(s, "www.")
	return s
}

// Lookup returns the ratings of a domain, an outlet name or a URL. A
// subdomain without its own rating inherits its parent's
// ("english.ahram.org.eg" → "ahram.org.eg").
func Lookup(nameOrDomain string) Rating {
	loadOnce.Do(load)
	d := Domain(nameOrDomain)
	r := Rating{Domain: d}
	if d == "" {
		return r
	}
	for cand := d; strings.Contains(cand, "."); {
		if r.Quality == nil {
			if q, ok := quality[cand]; ok {
				r.Quality = &q
			}
		}
		if r.Tags == nil {
			if e, ok := osTags[cand]; ok {
				r.Tags, r.Notes = e.tags, e.notes
			}
		}
		i := strings.IndexByte(cand, '.')
		cand = cand[i+1:]
	}
	return r
}

// Names lists the outlet names Domain knows, sorted.
func Names() []string {
	out := make([]string, 0, len(names))
	for n := range names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
