package clean

import (
	"regexp"
	"strings"
	"unicode"
)

// Cleaned is an article after boilerplate removal and metadata finding.
type Cleaned struct {
	Title      string
	Byline     []string
	Outlet     string // as found in a "Source:" line or credit
	Published  string // YYYY-MM-DD
	Paragraphs []string
	Removed    []Removal
}

// Removal is a piece of input taken out of the article, with its reason.
type Removal struct {
	Text   string
	Reason string
}

// Hints are metadata known before cleaning (from a record's own fields or
// the HTML page); cleaning does not overwrite them.
type Hints struct {
	Title     string
	Published string
}

// zone sizes: metadata lines (byline, date) are looked for just after the
// title; source lines anywhere.
const headerZone = 6

var reCredit = regexp.MustCompile(`(?i)\s*(?:[-–—]{1,2}|\()\s*(reuters|afp|ap|sana|tass|sputnik|rt|anadolu|xinhua|dpa|ria novosti|efe|ansa)\s*\)?\.?\s*$`)

// Text cleans scraped text: the title is the first non-boilerplate line
// unless hints give one; boilerplate lines and blocks are removed and
// listed; byline, source and date lines become metadata.
func Text(raw string, h Hints) Cleaned {
	var c Cleaned
	lines := splitLines(raw)
	c.Title = strings.TrimSpace(h.Title)
	c.Published = h.Published
	i := 0
	if c.Title == "" {
		for ; i < len(lines); i++ {
			l := lines[i]
			if l == "" {
				continue
			}
			if r := classify(l); r != nil && !isProse(l) {
				c.Removed = append(c.Removed, Removal{l, r.reason})
				continue
			}
			c.Title = l
			i++
			break
		}
	}
	body := lines[i:]
	total := 0
	for _, l := range body {
		total += len(l)
	}
	seen := 0
	var block *lineRule
	header := 0 // non-empty lines seen since the title
	for k := 0; k < len(body); k++ {
		l := body[k]
		if l == "" {
			continue
		}
		seen += len(l)
		header++
		if header <= headerZone && !isProse(l) {
			if names := parseByline(l); names != nil {
				c.Byline = append(c.Byline, names...)
				c.Removed = append(c.Removed, Removal{l, ReasonByline})
				continue
			}
			if isDateLine(l) {
				if c.Published == "" {
					c.Published = ParseDate(l)
				}
				c.Removed = append(c.Removed, Removal{l, ReasonDateline})
				continue
			}
			if l == c.Title {
				c.Removed = append(c.Removed, Removal{l, ReasonTitle})
				continue
			}
		}
		if m := reSourceLine.FindStringSubmatch(l); m != nil && wordCount(l) <= 14 && !isProse(l) {
			if c.Outlet == "" {
				c.Outlet = strings.TrimSpace(m[1])
			}
			c.Removed = append(c.Removed, Removal{l, ReasonSource})
			continue
		}
		if r := classify(l); r != nil {
			c.Removed = append(c.Removed, Removal{l, r.reason})
			if r.footer && seen-len(l) > (total-seen) {
				// A comment section at the end: everything after it goes.
				for _, rest := range body[k+1:] {
					if rest != "" {
						c.Removed = append(c.Removed, Removal{rest, r.reason})
					}
				}
				break
			}
			if r.block {
				block = r
			}
			continue
		}
		if block != nil {
			if !isProse(l) {
				c.Removed = append(c.Removed, Removal{l, block.reason})
				continue
			}
			block = nil
		}
		c.Paragraphs = append(c.Paragraphs, l)
	}
	c.stripLead()
	c.stripCredit()
	c.wireDateline()
	return c
}

// reWire matches a wire-service dateline opening the body:
// "AMMAN, Jan 9, 2018 (Reuters) - ", "DAMASCUS, March 3 (SANA) –".
var reWire = regexp.MustCompile(`^([A-Z][A-Za-z .'-]{1,30}),\s+([A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*\(([A-Za-z][\w .-]{1,30})\)\s*[-–—]`)

// wireDateline reads the date and agency of a wire dateline; the dateline
// stays in the text (it is part of the story as published).
func (c *Cleaned) wireDateline() {
	if len(c.Paragraphs) == 0 {
		return
	}
	m := reWire.FindStringSubmatch(c.Paragraphs[0])
	if m == nil {
		return
	}
	if c.Published == "" && m[2] != "" {
		c.Published = ParseDate(m[2])
	}
	if c.Outlet == "" {
		c.Outlet = m[3]
	}
}

// stripLead removes a dateline and a repeated title that open the first
// paragraph ("Wed 05 Apr 2017 Syria attack … WHO. Victims of …"), as in
// dumps that flatten the page header into the body.
func (c *Cleaned) stripLead() {
	if len(c.Paragraphs) == 0 {
		return
	}
	p := c.Paragraphs[0]
	loc := reLeadDate.FindStringIndex(p)
	if loc != nil {
		if d := ParseDate(p[:loc[1]]); d != "" {
			if c.Published == "" {
				c.Published = d
			}
			c.Removed = append(c.Removed, Removal{strings.TrimSpace(p[:loc[1]]), ReasonDateline})
			p = strings.TrimLeftFunc(p[loc[1]:], unicode.IsSpace)
		}
	}
	if t := strings.TrimSpace(c.Title); len(t) > 10 && strings.HasPrefix(strings.ToLower(p), strings.ToLower(t)) {
		rest := strings.TrimLeft(p[len(t):], " .:-–—")
		if len(rest) > 0 {
			c.Removed = append(c.Removed, Removal{strings.TrimSpace(p[:len(p)-len(rest)]), ReasonTitle})
			p = rest
		}
	}
	if strings.TrimSpace(p) == "" {
		c.Paragraphs = c.Paragraphs[1:]
		return
	}
	c.Paragraphs[0] = p
}

// reLeadDate matches a dateline opening a paragraph: "Wed 05 Apr 2017",
// "Fri 07 Apr 2017 at 0914", "12 February 2015", "Nov 3, 2026 -".
var reLeadDate = regexp.MustCompile(`(?i)^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:,?\s*(?:at\s+)?\d{1,2}[:.]?\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc))?)?\s*(?:[-–—|:]\s*)?`)

// stripCredit removes a wire-agency credit closing the last paragraph
// ("… in the WHO statement. - REUTERS").
func (c *Cleaned) stripCredit() {
	n := len(c.Paragraphs)
	if n == 0 {
		return
	}
	p := c.Paragraphs[n-1]
	loc := reCredit.FindStringSubmatchIndex(p)
	if loc == nil || loc[0] == 0 {
		return
	}
	c.Removed = append(c.Removed, Removal{strings.TrimSpace(p[loc[0]:]), ReasonSource})
	if c.Outlet == "" {
		c.Outlet = p[loc[2]:loc[3]]
	}
	c.Paragraphs[n-1] = strings.TrimRightFunc(p[:loc[0]], unicode.IsSpace)
}

// splitLines splits text into trimmed lines, with runs of inner spaces
// and tabs folded to one space and control characters dropped.
func splitLines(s string) []string {
	raw := strings.Split(s, "\n")
	out := make([]string, 0, len(raw))
	for _, l := range raw {
		out = append(out, normSpace(l))
	}
	return out
}

func normSpace(l string) string {
	clean := true
	prevSpace := true
	for _, r := range l {
		sp := unicode.IsSpace(r)
		if sp && (r != ' ' || prevSpace) || unicode.IsControl(r) && !sp || r == '\u200b' || r == '\ufeff' || r == '\u00ad' {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !strings.HasSuffix(l, " ") {
		return l
	}
	var b strings.Builder
	space := false
	for _, r := range l {
		switch {
		case r == '\u200b' || r == '\ufeff' || r == '\u00ad':
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
