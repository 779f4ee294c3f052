// Package clean turns a raw item into the article sift analyses: main
// content extracted from HTML, scraped boilerplate removed (and kept aside
// with a reason), metadata found (title, byline, outlet, date), and the
// text laid out as title, blank line, body paragraphs separated by blank
// lines (the PTC layout).
package clean

import (
	"errors"
	"strings"

	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

// ErrEmpty is returned for an article with no body text after cleaning.
var ErrEmpty = errors.New("no article text after cleaning")

// Article cleans one raw item into a report with metadata and text set.
// PTC articles are kept exactly as they are, so that code-point offsets
// into the original file stay valid.
func Article(it read.Item) (*report.Report, error) {
	r := &report.Report{Source: it.Source, Byline: []string{}, Removed: []report.Removed{}}
	if it.Kind == read.PTC {
		r.Text = it.Body
		title, _, _ := strings.Cut(it.Body, "\n")
		r.Title = strings.TrimSpace(title)
		return r, nil
	}
	body := it.Body
	hints := Hints{Title: it.Title, Published: normDate(it.Published)}
	byline := it.Byline
	outlet := ""
	var pageRemoved []Removal
	if it.Kind == read.HTML {
		page, err := ExtractHTML(it.Body, it.Source.URL)
		if err != nil {
			return nil, err
		}
		body = page.Text
		if hints.Title == "" {
			hints.Title = page.Title
		}
		if hints.Published == "" {
			hints.Published = page.Published
		}
		if len(byline) == 0 && page.Author != "" {
			byline = splitNames(page.Author)
		}
		if r.Source.URL == "" {
			r.Source.URL = page.URL
		}
		outlet = page.SiteName
		pageRemoved = page.Removed
	}
	c := Text(body, hints)
	if it.Kind == read.HTML {
		for i := range pageRemoved {
			if strings.EqualFold(pageRemoved[i].Text, c.Title) {
				pageRemoved[i].Reason = ReasonTitle
			}
		}
		c.Removed = append(pageRemoved, c.Removed...)
	}
	if len(c.Paragraphs) == 0 {
		return nil, ErrEmpty
	}
	r.Title = c.Title
	r.Published = c.Published
	r.Byline = append(r.Byline, byline...)
	for _, b := range c.Byline {
		if !contains(r.Byline, b) {
			r.Byline = append(r.Byline, b)
		}
	}
	for _, rm := range c.Removed {
		r.Removed = append(r.Removed, report.Removed{Text: rm.Text, Reason: rm.Reason})
	}
	r.Text = r.Title + "\n\n" + strings.Join(c.Paragraphs, "\n\n")
	fillOutlet(r, outlet, c.Outlet)
	return r, nil
}

// fillOutlet sets the outlet name and domain from, in order: the item's
// own outlet field, the URL, the page's site name, a "Source:" line.
func fillOutlet(r *report.Report, siteName, sourceLine string) {
	src := &r.Source
	if src.Domain == "" && src.URL != "" {
		src.Domain = Domain(src.URL)
	}
	for _, cand := range []string{src.Outlet, src.Domain, siteName, sourceLine} {
		if cand == "" {
			continue
		}
		if o, ok := LookupOutlet(cand); ok {
			src.Outlet = o.Name
			if src.Domain == "" {
				src.Domain = o.Domain
			}
			return
		}
	}
	if src.Outlet == "" {
		for _, cand := range []string{siteName, sourceLine, src.Domain} {
			if cand != "" {
				src.Outlet = cand
				break
			}
		}
	}
	if src.Domain == "" {
		src.Domain = Domain(src.Outlet)
	}
}

func normDate(s string) string {
	if s == "" {
		return ""
	}
	return ParseDate(s)
}

func splitNames(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '|' }) {
		for _, q := range strings.Split(p, " and ") {
			if q = strings.TrimSpace(q); q != "" && !contains(out, q) {
				out = append(out, q)
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
