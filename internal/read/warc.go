package read

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/warc"
)

// isWARC reports a WARC file name: .warc or .warc.gz.
func isWARC(path string) bool {
	lower := strings.ToLower(path)
	return strings.HasSuffix(lower, ".warc") || strings.HasSuffix(lower, ".warc.gz")
}

// maxWARCPage bounds a WARC page's HTML once scripts and styles are taken
// out. Main-content extraction needs memory and time that grow faster
// than the page (a 1 MiB page of paragraphs takes 400 MB and 12 s), and a
// crawl holds the odd giant page; a page over the limit is reported as a
// failed item so that memory stays bounded whatever the crawl holds.
const maxWARCPage = 512 << 10

// readWARC streams the HTML pages of a WARC file (plain or gzip), one
// item per page, Source.Record being the record's number in the file and
// Source.URL its target URI. Scripts (other than JSON-LD metadata), styles,
// inline SVG and comments are removed from the page. A damaged record, or a page
// over maxWARCPage, is yielded as an item with Err set (naming the record
// and its offset) and reading goes on. Memory stays bounded by the record
// body cap (8 MiB) whatever the file's size.
func readWARC(r io.Reader, path string, opts Options, yield func(Item) bool) bool {
	wr := warc.NewReader(r, warc.Options{MaxBody: min(opts.maxRecord(), 8<<20)})
	for {
		rec, err := wr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			var re *warc.RecordError
			if errors.As(err, &re) {
				n := re.Number
				if !yield(Item{Source: report.Source{Path: path, Record: &n}, Err: err}) {
					return false
				}
				continue
			}
			return yield(Item{Source: report.Source{Path: path}, Err: err})
		}
		n := rec.Number
		src := report.Source{Path: path, Record: &n, URL: rec.TargetURI}
		page := StripScripts(rec.Body)
		if len(page) > maxWARCPage {
			err := fmt.Errorf("page %s is %d bytes without scripts and styles, over the %d-byte limit", rec.TargetURI, len(page), maxWARCPage)
			if !yield(Item{Source: src, Err: err}) {
				return false
			}
			continue
		}
		it := Item{Source: src, Kind: HTML, Body: Decode(page, rec.Charset)}
		if !yield(it) {
			return false
		}
	}
}

// StripScripts removes <script> elements (except JSON-LD metadata),
// <style> and inline <svg> elements and comments from an HTML page: they
// carry no article text and are often most of a page's bytes. It returns html itself when
// there is nothing to remove.
func StripScripts(html []byte) []byte {
	lower := asciiLower(html)
	var out []byte
	last := 0 // html[last:] not yet copied
	for i := 0; i < len(lower); {
		j := bytes.IndexByte(lower[i:], '<')
		if j < 0 {
			break
		}
		i += j
		end := -1
		switch {
		case bytes.HasPrefix(lower[i:], []byte("<!--")):
			if k := bytes.Index(lower[i+4:], []byte("-->")); k >= 0 {
				end = i + 4 + k + 3
			} else {
				end = len(lower)
			}
		case bytes.HasPrefix(lower[i:], []byte("<script")) && isTagEnd(lower, i+7):
			tagEnd := bytes.IndexByte(lower[i:], '>')
			if tagEnd >= 0 && bytes.Contains(lower[i:i+tagEnd], []byte("ld+json")) {
				i += tagEnd + 1
				continue
			}
			end = closeTag(lower, i, "</script")
		case bytes.HasPrefix(lower[i:], []byte("<style")) && isTagEnd(lower, i+6):
			end = closeTag(lower, i, "</style")
		case bytes.HasPrefix(lower[i:], []byte("<svg")) && isTagEnd(lower, i+4):
			end = closeTag(lower, i, "</svg")
		}
		if end < 0 {
			i++
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(html))
		}
		out = append(out, html[last:i]...)
		last, i = end, end
	}
	if out == nil {
		return html
	}
	return append(out, html[last:]...)
}

func isTagEnd(b []byte, i int) bool {
	return i >= len(b) || b[i] == '>' || b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' || b[i] == '/'
}

// closeTag returns the offset after the closing tag that ends the element
// opened at i, or the end of b when it is never closed.
func closeTag(b []byte, i int, closing string) int {
	k := bytes.Index(b[i:], []byte(closing))
	if k < 0 {
		return len(b)
	}
	k += i
	if gt := bytes.IndexByte(b[k:], '>'); gt >= 0 {
		return k + gt + 1
	}
	return len(b)
}

func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
