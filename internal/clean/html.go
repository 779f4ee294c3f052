package clean

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// Page is what HTML extraction finds in a web page.
type Page struct {
	Title     string
	Author    string
	SiteName  string
	URL       string
	Published string
	// Text is the main content, one paragraph per line.
	Text string
	// Extractor names the extractor that produced Text.
	Extractor string
	// Removed lists the page's text blocks left out of Text.
	Removed []Removal
}

// ErrNoContent is returned when a page has no main content.
var ErrNoContent = errors.New("no main content found in the HTML")

// maxHTML bounds the HTML handed to the extractors.
const maxHTML = 16 << 20

// ExtractHTML finds the main content of a web page with go-trafilatura,
// falling back to go-readability when trafilatura fails or finds little.
func ExtractHTML(page, pageURL string) (Page, error) {
	if len(page) > maxHTML {
		return Page{}, fmt.Errorf("HTML is %d bytes, over the %d-byte limit", len(page), maxHTML)
	}
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return Page{}, fmt.Errorf("parse HTML: %w", err)
	}
	var p Page
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		OriginalURL:     u,
		ExcludeComments: true,
		ExcludeTables:   false,
		Deduplicate:     true,
		HtmlDateMode:    trafilatura.Fast,
	})
	if err == nil && res != nil {
		p = Page{
			Title: res.Metadata.Title, Author: res.Metadata.Author, SiteName: res.Metadata.Sitename,
			URL: res.Metadata.URL, Extractor: "trafilatura",
		}
		if res.ContentNode != nil {
			p.Text = strings.Join(nodeLines(res.ContentNode), "\n")
		}
		if !res.Metadata.Date.IsZero() {
			p.Published = res.Metadata.Date.Format("2006-01-02")
		}
	}
	if len(strings.Fields(p.Text)) < 40 {
		art, rerr := readability.FromReader(strings.NewReader(page), u)
		if rerr == nil && art.Node != nil {
			if text := strings.Join(nodeLines(art.Node), "\n"); len(strings.Fields(text)) > len(strings.Fields(p.Text)) {
				p.Text, p.Extractor = text, "readability"
				if p.Title == "" {
					p.Title = art.Title()
				}
				if p.Author == "" {
					p.Author = art.Byline()
				}
				if p.SiteName == "" {
					p.SiteName = art.SiteName()
				}
				if t, err := art.PublishedTime(); err == nil && p.Published == "" {
					p.Published = t.Format("2006-01-02")
				}
			}
		}
	}
	if strings.TrimSpace(p.Text) == "" {
		return p, ErrNoContent
	}
	if p.URL == "" {
		p.URL = pageURL
	}
	p.Removed = pageRemovals(doc, strings.Split(p.Text, "\n"), 500)
	return p, nil
}
