package watch

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
)

// Feed is one feed to poll.
type Feed struct {
	URL   string
	Title string // from the OPML outline, when given
}

// LoadFeeds reads a feed list: an OPML file (every outline with an xmlUrl)
// or a text file with one feed URL per line (blank lines and lines
// starting with # are ignored). Errors name the file and line.
func LoadFeeds(path string) ([]Feed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) > 16<<20 {
		return nil, fmt.Errorf("%s: feed list over 16 MiB", path)
	}
	return ParseFeeds(path, data)
}

// ParseFeeds parses a feed list's bytes (see LoadFeeds); name is used in
// errors.
func ParseFeeds(name string, data []byte) ([]Feed, error) {
	head := bytes.TrimLeft(data[:min(len(data), 1024)], " \t\r\n\ufeff")
	lower := bytes.ToLower(head)
	if bytes.HasPrefix(lower, []byte("<?xml")) || bytes.HasPrefix(lower, []byte("<opml")) {
		return parseOPML(name, data)
	}
	var feeds []Feed
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		u, err := checkURL(s)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		if !seen[u] {
			seen[u] = true
			feeds = append(feeds, Feed{URL: u})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(feeds) == 0 {
		return nil, fmt.Errorf("%s: no feed URLs", name)
	}
	return feeds, nil
}

func checkURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("bad URL %q: %v", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", fmt.Errorf("not an http(s) URL: %q", s)
	}
	return u.String(), nil
}

func parseOPML(name string, data []byte) ([]Feed, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var feeds []Feed
	seen := map[string]bool{}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return nil, fmt.Errorf("%s:%d: OPML: %v", name, line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || !strings.EqualFold(se.Name.Local, "outline") {
			continue
		}
		var f Feed
		for _, a := range se.Attr {
			switch strings.ToLower(a.Name.Local) {
			case "xmlurl":
				f.URL = strings.TrimSpace(a.Value)
			case "title":
				f.Title = a.Value
			case "text":
				if f.Title == "" {
					f.Title = a.Value
				}
			}
		}
		if f.URL == "" {
			continue // a folder
		}
		u, err := checkURL(f.URL)
		if err != nil {
			line, _ := dec.InputPos()
			return nil, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		f.URL = u
		if !seen[u] {
			seen[u] = true
			feeds = append(feeds, f)
		}
	}
	if len(feeds) == 0 {
		return nil, fmt.Errorf("%s: no outline with an xmlUrl", name)
	}
	return feeds, nil
}
