// Package report defines sift's report contract: the JSON document that
// `sift analyze --format json` prints, the store keeps and the web page
// shows. The contract is stable: fields are only ever added.
//
// Every span anywhere in a report is {start, end, text}: start and end are
// Unicode code-point offsets into Report.Text, end exclusive, and text is
// exactly that slice. A section a stage has not computed is absent (nil);
// a section computed with nothing found is an empty list.
package report

import (
	"crypto/sha256"
	"encoding/hex"
)

// Span is a stretch of the report's text in code points, end exclusive.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Len returns the span's length in code points.
func (s Span) Len() int { return s.End - s.Start }

// Source says where an article came from.
type Source struct {
	// Path is the file the article was read from ("-" for stdin).
	Path string `json:"path,omitempty"`
	// Record is the 0-based data row (CSV) or line (JSONL) inside Path;
	// nil for one-article files.
	Record *int `json:"record,omitempty"`
	// ID is the input's own identifier (a CSV id column, a PTC article id).
	ID string `json:"id,omitempty"`
	// URL of the page, when known.
	URL string `json:"url,omitempty"`
	// Outlet is the publication's name as found ("Reuters", "SANA").
	Outlet string `json:"outlet,omitempty"`
	// Domain is the outlet's registrable domain ("reuters.com"), when known.
	Domain string `json:"domain,omitempty"`
}

// Removed is a piece of the input that the cleaner took out of the text.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Report is the analysis of one article.
type Report struct {
	// ID is the hex SHA-256 of Text.
	ID     string `json:"id"`
	Source Source `json:"source"`
	Title  string `json:"title"`
	// Byline lists the authors named by the article.
	Byline []string `json:"byline"`
	// Published is the publication date, YYYY-MM-DD, when stated.
	Published string `json:"published,omitempty"`
	// Text is the cleaned article as analysed: the title on the first line,
	// a blank line, then the body paragraphs (the PTC layout).
	Text    string    `json:"text"`
	Removed []Removed `json:"removed"`
	// Sentences are the sentence spans of Text, in order.
	Sentences []Span `json:"sentences"`

	// Techniques are propaganda-technique spans (see techniques.go).
	Techniques []Technique `json:"techniques,omitzero"`

	// Sourcing sections (see sourcing.go).
	Attributions []Attribution    `json:"attributions,omitzero"`
	VagueSources []VagueSource    `json:"vague_sources,omitzero"`
	Hedges       []Hedge          `json:"hedges,omitzero"`
	Claims       []Claim          `json:"claims,omitzero"`
	Sourcing     *SourcingSummary `json:"sourcing,omitempty"`

	// Entities and events (see events.go).
	Entities  []Entity `json:"entities,omitzero"`
	Events    []Event  `json:"events,omitzero"`
	MainEvent *int     `json:"main_event,omitempty"`

	// Scores with their reasons (see scores.go).
	Scores *Scores `json:"scores,omitempty"`
}

// HashText returns the report ID of a text: its hex SHA-256.
func HashText(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// IsDate reports whether s is a date in the YYYY-MM-DD form of
// Report.Published (also the form of date filters on a corpus).
func IsDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}
