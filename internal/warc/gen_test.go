package warc

import (
	"bufio"
	"fmt"
	"html"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/ptc"
)

// TestGenerateLarge writes a large .warc.gz for memory and throughput
// measurements; it only runs when SIFT_WARC_OUT names the output file
// (SIFT_WARC_MB sets the size, default 1024 MB of uncompressed records).
// Pages are the PTC training articles (or the test pages) wrapped in the
// kind of markup real news sites serve: a long navigation, inline scripts
// and styles, related-story lists; each page gets a unique paragraph so
// that no two have the same text. Every tenth page is followed by an
// image record, and one page is over the 8 MiB body cap.
//
//	SIFT_WARC_OUT=/tmp/big.warc.gz go test -run TestGenerateLarge -timeout 30m ./internal/warc
func TestGenerateLarge(t *testing.T) {
	out := os.Getenv("SIFT_WARC_OUT")
	if out == "" {
		t.Skip("set SIFT_WARC_OUT to generate a large WARC")
	}
	mb, _ := strconv.Atoi(os.Getenv("SIFT_WARC_MB"))
	if mb <= 0 {
		mb = 1024
	}
	texts, err := ptc.TrainTexts(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) == 0 {
		t.Fatal("PTC training articles not found")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := NewWriter(bw, true)
	w.Date = time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)
	var nav strings.Builder
	for i := range 400 {
		fmt.Fprintf(&nav, `<li class="menu-item menu-item-%d"><a href="/section/%d/topic-%d">Section %d topic %d</a></li>`+"\n", i, i/20, i, i/20, i)
	}
	script := "<script>" + strings.Repeat("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)};gtag('js',new Date());", 300) + "</script>\n"
	style := "<style>" + strings.Repeat(".article-body p{margin:0 0 1em;line-height:1.6}.nav a{color:#333}\n", 300) + "</style>\n"
	image := make([]byte, 200<<10)
	for i := range image {
		image[i] = byte(i * 7)
	}
	var total int64
	limit := int64(mb) << 20
	w.Write("warcinfo", "", "application/warc-fields", []byte("software: sift test generator\r\n"))
	for n := 0; total < limit; n++ {
		text := texts[n%len(texts)]
		title, body, _ := strings.Cut(text, "\n")
		var p strings.Builder
		p.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html.EscapeString(title) + " | The Daily Example</title>\n")
		p.WriteString(style + script)
		p.WriteString("</head><body><header><nav class=\"nav\"><ul>\n" + nav.String() + "</ul></nav></header>\n<main><article><h1>" + html.EscapeString(title) + "</h1>\n")
		fmt.Fprintf(&p, "<p class=\"byline\">By Staff Reporter %d</p>\n", n%97)
		for _, para := range strings.Split(body, "\n") {
			if para = strings.TrimSpace(para); para != "" {
				p.WriteString("<p>" + html.EscapeString(para) + "</p>\n")
			}
		}
		fmt.Fprintf(&p, "<p>Update %d: this report was revised at %02d:%02d with new figures from the field.</p>\n", n, n%24, n%60)
		p.WriteString("</article></main><aside><h2>Most read</h2><ul>" + nav.String()[:4000] + "</ul></aside>" + script + "</body></html>\n")
		page := p.String()
		if n == 7 {
			page = strings.Replace(page, "</article>", strings.Repeat("<p>filler paragraph of an oversized page.</p>\n", 9<<20/45)+"</article>", 1)
		}
		url := fmt.Sprintf("https://daily.example/%d/%d/story-%d", 2017+n%4, 1+n%12, n)
		resp := HTTPResponse(200, []string{"Content-Type: text/html; charset=utf-8", "Cache-Control: max-age=60"}, []byte(page))
		w.Write("request", url, "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\nHost: daily.example\r\n\r\n"))
		if err := w.Write("response", url, "application/http; msgtype=response", resp); err != nil {
			t.Fatal(err)
		}
		total += int64(len(resp))
		if n%10 == 0 {
			w.Write("response", url+"/lead.jpg", "application/http; msgtype=response", HTTPResponse(200, []string{"Content-Type: image/jpeg"}, image))
			total += int64(len(image))
		}
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d MB of records", out, total>>20)
}
