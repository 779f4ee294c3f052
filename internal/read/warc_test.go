package read

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/warc"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	z := gzip.NewWriter(&buf)
	z.Write(b)
	z.Close()
	return buf.Bytes()
}

// latin1 encodes text whose runes are all below U+0100 as ISO-8859-1.
func latin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			panic(fmt.Sprintf("%q is not Latin-1", r))
		}
		out = append(out, byte(r))
	}
	return out
}

// buildWARC writes a crawl of the news pages in ../warc/testdata/pages:
// each page as request + response, a Latin-1 page declared by its meta
// tag, an image, a gzip member cut in half and a record with a bad
// Content-Length. It returns the file and the target URIs of the pages
// that must come through.
func buildWARC(t testing.TB, compress bool) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	name := "crawl.warc"
	if compress {
		name += ".gz"
	}
	var out bytes.Buffer
	w := warc.NewWriter(&out, compress)
	w.Date = time.Date(2017, 3, 1, 12, 0, 0, 0, time.UTC)
	plain := warc.NewWriter(io.Discard, false)
	plain.Date = w.Date
	w.Write("warcinfo", "", "application/warc-fields", []byte("software: test\r\n"))
	pages, err := filepath.Glob("../warc/testdata/pages/*.html")
	if err != nil || len(pages) < 4 {
		t.Fatalf("test pages: %v %d", err, len(pages))
	}
	var urls []string
	for i, p := range pages {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(body), "windows-1252") {
			continue // the warc package tests that encoding
		}
		url := "https://news.example/" + strings.TrimSuffix(filepath.Base(p), ".html")
		w.Write("request", url, "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\n\r\n"))
		w.Write("response", url, "application/http; msgtype=response", warc.HTTPResponse(200, []string{"Content-Type: text/html"}, body))
		urls = append(urls, url)
		if i == 0 {
			// A member cut in half.
			m := plain.Member("response", "https://news.example/cut", "application/http; msgtype=response", warc.HTTPResponse(200, []string{"Content-Type: text/html"}, body))
			if compress {
				m = gz(m)
			}
			out.Write(m[:len(m)/2])
		}
		if i == 1 {
			// A Content-Length 300 bytes too large.
			resp := warc.HTTPResponse(200, []string{"Content-Type: text/html"}, body)
			m := plain.Member("response", "https://news.example/bad-length", "application/http; msgtype=response", resp)
			m = bytes.Replace(m, fmt.Appendf(nil, "Content-Length: %d", len(resp)), fmt.Appendf(nil, "Content-Length: %d", len(resp)+300), 1)
			if compress {
				m = gz(m)
			}
			out.Write(m)
		}
	}
	latin := latin1(`<html><head><meta charset="iso-8859-1"><title>Frappes aériennes près de Deir ez-Zor</title></head>` +
		`<body><h1>Frappes aériennes près de Deir ez-Zor</h1><p>Des frappes aériennes ont touché mardi des positions à l'est de Deir ez-Zor, selon l'Observatoire syrien des droits de l'homme.</p></body></html>`)
	w.Write("response", "https://fr.example/deir-ez-zor", "application/http; msgtype=response", warc.HTTPResponse(200, []string{"Content-Type: text/html"}, latin))
	urls = append(urls, "https://fr.example/deir-ez-zor")
	// A page made big by its scripts passes; one big with text does not.
	scripted := "<html><head><script>" + strings.Repeat("var x=1;", 100_000) + "</script></head><body><p>Short report.</p></body></html>"
	w.Write("response", "https://news.example/scripted", "application/http; msgtype=response", warc.HTTPResponse(200, []string{"Content-Type: text/html"}, []byte(scripted)))
	urls = append(urls, "https://news.example/scripted")
	huge := "<html><body>" + strings.Repeat("<p>An endless live blog entry.</p>\n", 20_000) + "</body></html>"
	w.Write("response", "https://news.example/live-blog", "application/http; msgtype=response", warc.HTTPResponse(200, []string{"Content-Type: text/html"}, []byte(huge)))
	w.Write("response", "https://news.example/map.png", "application/http; msgtype=response", warc.HTTPResponse(200, []string{"Content-Type: image/png"}, []byte("\x89PNG\r\n\x1a\n....")))
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, urls
}

func TestReadWARC(t *testing.T) {
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", compress), func(t *testing.T) {
			path, urls := buildWARC(t, compress)
			var got []string
			var bad []string
			for it := range Items([]string{path}, Options{}) {
				if it.Err != nil {
					bad = append(bad, it.Name()+": "+it.Err.Error())
					if it.Source.Record == nil {
						t.Errorf("error item without a record number: %v", it.Err)
					}
					continue
				}
				if it.Kind != HTML || it.Source.Record == nil || it.Source.Path != path {
					t.Errorf("item %+v", it.Source)
				}
				if !strings.Contains(it.Body, "</p>") {
					t.Errorf("%s: body is not the page: %.80q", it.Source.URL, it.Body)
				}
				got = append(got, it.Source.URL)
				if strings.Contains(it.Source.URL, "deir-ez-zor") && !strings.Contains(it.Body, "Frappes aériennes près") {
					t.Errorf("Latin-1 page not decoded: %.200q", it.Body)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(urls) {
				t.Errorf("pages %v\nwant %v", got, urls)
			}
			if len(bad) != 3 || !strings.Contains(bad[2], "live-blog") || !strings.Contains(bad[2], "over the") {
				t.Errorf("want 2 damaged records and the oversized page reported, got %d: %v", len(bad), bad)
			}
		})
	}
}

func TestIsWARC(t *testing.T) {
	for name, want := range map[string]bool{"a.warc": true, "CC-NEWS-1.warc.gz": true, "a.gz": false, "warc.txt": false} {
		if isWARC(name) != want {
			t.Errorf("isWARC(%q) = %v", name, !want)
		}
	}
}

func TestStripScripts(t *testing.T) {
	in := `<html><head><STYLE type="text/css">p{color:red}</STYLE><script>var a="</p>";</script>` +
		`<script type="application/ld+json">{"datePublished":"2017-05-05"}</script><!-- ad slot --></head>` +
		`<body><svg viewBox="0 0 9 9"><path d="M0 0h9"/></svg><p>Air strikes hit a hospital.</p><scripted>kept</scripted><script src="x.js"></script></body></html>`
	want := `<html><head><script type="application/ld+json">{"datePublished":"2017-05-05"}</script></head>` +
		`<body><p>Air strikes hit a hospital.</p><scripted>kept</scripted></body></html>`
	if got := string(StripScripts([]byte(in))); got != want {
		t.Errorf("StripScripts:\n got %s\nwant %s", got, want)
	}
	plain := []byte("<p>nothing to strip</p>")
	if got := StripScripts(plain); &got[0] != &plain[0] {
		t.Error("a page with nothing to strip is copied")
	}
	if got := string(StripScripts([]byte("<p>a</p><script>never closed"))); got != "<p>a</p>" {
		t.Errorf("unclosed script: %q", got)
	}
}

func FuzzStripScripts(f *testing.F) {
	f.Add([]byte(`<script>x</script><style>y</style><!-- z --><p>t</p>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		out := StripScripts(b)
		if len(out) > len(b) {
			t.Fatalf("grew from %d to %d bytes", len(b), len(out))
		}
	})
}
