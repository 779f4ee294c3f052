package clean

import (
	_ "embed"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/publicsuffix"
)

//go:embed data/outlets.tsv
var outletsTSV string

// Outlet is a known news outlet.
type Outlet struct {
	Name   string
	Domain string
}

var (
	outletByAlias  = map[string]Outlet{}
	outletByDomain = map[string]Outlet{}
)

func init() {
	for _, line := range strings.Split(outletsTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "name\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			continue
		}
		o := Outlet{Name: f[0], Domain: f[1]}
		outletByDomain[o.Domain] = o
		outletByAlias[strings.ToLower(o.Name)] = o
		for _, a := range strings.Split(f[2], ",") {
			if a = strings.TrimSpace(a); a != "" {
				outletByAlias[a] = o
			}
		}
	}
}

// LookupOutlet finds a known outlet by name, alias, domain or URL.
func LookupOutlet(s string) (Outlet, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.TrimSuffix(strings.TrimPrefix(k, "the "), ".")
	if o, ok := outletByAlias[k]; ok {
		return o, true
	}
	if o, ok := outletByAlias["the "+k]; ok {
		return o, true
	}
	if d := Domain(s); d != "" {
		if o, ok := outletByDomain[d]; ok {
			return o, true
		}
	}
	return Outlet{}, false
}

// Domain returns the registrable domain of a URL or host name
// ("https://www.reuters.com/x" → "reuters.com"), or "" when s is neither.
func Domain(s string) string {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" || strings.ContainsAny(s, " \t") {
		return ""
	}
	host := s
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return ""
		}
		host = u.Hostname()
	} else {
		host, _, _ = strings.Cut(host, "/")
	}
	if !strings.Contains(host, ".") || strings.HasSuffix(host, ".") {
		return ""
	}
	for _, r := range host {
		if !(r == '.' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return ""
		}
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return ""
	}
	return d
}

var months = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		months[name] = m
		months[name[:3]] = m
	}
	months["sept"] = time.September
}

var (
	reISO    = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b`)
	reDMY    = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	reMDY    = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	reSlash  = regexp.MustCompile(`^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*$`)
	reDotted = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b`)
)

// ParseDate finds a calendar date in s and returns it as YYYY-MM-DD.
// It reads ISO dates, "3 November 2026", "Nov. 3, 2026", "Wed 05 Apr 2017",
// day.month.year, and month/day/year (US order, as in FA-KES; two-digit
// years are 20YY). It returns "" when no plausible date is found.
func ParseDate(s string) string {
	if m := reISO.FindStringSubmatch(s); m != nil {
		return ymd(m[1], monthNum(m[2]), m[3])
	}
	if m := reDMY.FindStringSubmatch(s); m != nil {
		return ymd(m[3], months[strings.ToLower(m[2])], m[1])
	}
	if m := reMDY.FindStringSubmatch(s); m != nil {
		return ymd(m[3], months[strings.ToLower(m[1])], m[2])
	}
	if m := reSlash.FindStringSubmatch(s); m != nil {
		y := m[3]
		if len(y) == 2 {
			y = "20" + y
		}
		return ymd(y, monthNum(m[1]), m[2])
	}
	if m := reDotted.FindStringSubmatch(s); m != nil {
		return ymd(m[3], monthNum(m[2]), m[1])
	}
	return ""
}

func monthNum(s string) time.Month {
	n, _ := strconv.Atoi(s)
	return time.Month(n)
}

func ymd(year string, m time.Month, day string) string {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100 {
		return ""
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "" // 31 February
	}
	return t.Format("2006-01-02")
}

var (
	// "By Jane Doe and John Roe", "Written by …", "Author: …".
	reByline = regexp.MustCompile(`(?i)^(?:by|written by|posted by|author|authors|reporting by|words by)\s*:?\s+(.{2,120}?)\s*(?:\|.*|\s[-–—]\s*\w.*|,\s*(?:staff|correspondent|reporter|editor|contributor|senior|chief|special).*)?$`)
	// "Source: X", "Via X", "Originally published by X".
	reSourceLine = regexp.MustCompile(`(?i)^(?:source|sources|via|originally (?:published|appeared) (?:at|by|on|in)|this article (?:was )?(?:originally )?(?:published|appeared) (?:at|by|on|in)|republished from|courtesy of|read (?:it|the original) (?:at|on))\s*:?\s+(.{2,150}?)\.?$`)
)

// parseByline returns the author names of a byline line, or nil.
func parseByline(line string) []string {
	m := reByline.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return nil
	}
	var names []string
	for _, part := range regexp.MustCompile(`\s*(?:,|&|\band\b)\s*`).Split(m[1], -1) {
		part = strings.TrimSpace(strings.TrimRight(part, "."))
		if part == "" {
			continue
		}
		if !looksLikeName(part) {
			return nil
		}
		names = append(names, part)
	}
	return names
}

// looksLikeName accepts 1–5 capitalised words (particles allowed).
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	caps := 0
	for _, w := range words {
		r := []rune(w)
		switch {
		case unicode.IsUpper(r[0]):
			caps++
		case isNameParticle(w):
		default:
			return false
		}
	}
	return caps > 0
}

func isNameParticle(w string) bool {
	switch strings.ToLower(w) {
	case "al", "al-", "el", "bin", "ibn", "abu", "de", "del", "der", "van", "von", "da", "di", "la", "le", "du", "ben":
		return true
	}
	return strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-")
}

// dateWords may stand beside a date on a dateline.
var dateWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`published posted updated last first date on at am pm a.m. p.m. gmt utc est edt cet eet msk
		mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday
		jan feb mar apr may jun jul aug sep sept oct nov dec of th st nd rd | - – — :`) {
		dateWords[w] = true
	}
	for m := range months {
		dateWords[m] = true
	}
}

// isDateLine reports a line that holds a date and nothing else but
// labels, weekdays and times ("Published: Friday, April 13, 2018 10:15 GMT").
func isDateLine(l string) bool {
	words := strings.Fields(l)
	if len(words) == 0 || len(words) > 12 || ParseDate(l) == "" {
		return false
	}
	for _, w := range words {
		w = strings.ToLower(strings.Trim(w, ",.:;()|"))
		if w == "" || dateWords[w] {
			continue
		}
		if strings.IndexFunc(w, func(r rune) bool { return !(unicode.IsDigit(r) || strings.ContainsRune("-/:.+tzh", r)) }) >= 0 {
			return false
		}
	}
	return true
}
