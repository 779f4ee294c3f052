package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// page is one test page and how it is served in the WARC.
type page struct {
	name, url string
	body      []byte   // bytes as served (after content decoding)
	headers   []string // HTTP headers
	encode    func([]byte) []byte
	wantCS    string
}

// cp1252 encodes UTF-8 text as Windows-1252 (the few characters the test
// pages use outside Latin-1).
func cp1252(b []byte) []byte {
	var out []byte
	for _, r := range string(b) {
		switch r {
		case '’':
			out = append(out, 0x92)
		case '“':
			out = append(out, 0x93)
		case '”':
			out = append(out, 0x94)
		case '–':
			out = append(out, 0x96)
		case '—':
			out = append(out, 0x97)
		case '·':
			out = append(out, 0xb7)
		default:
			if r > 0xff {
				panic(fmt.Sprintf("rune %q not in the test table", r))
			}
			out = append(out, byte(r))
		}
	}
	return out
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	z := gzip.NewWriter(&buf)
	z.Write(b)
	z.Close()
	return buf.Bytes()
}

func chunk(b []byte, size int) []byte {
	var out bytes.Buffer
	for len(b) > 0 {
		n := min(size, len(b))
		fmt.Fprintf(&out, "%x\r\n", n)
		out.Write(b[:n])
		out.WriteString("\r\n")
		b = b[n:]
	}
	out.WriteString("0\r\n\r\n")
	return out.Bytes()
}

func readPage(t testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testPages returns the pages served by a test WARC: the four news pages,
// served plain, chunked, gzip-encoded and in Windows-1252.
func testPages(t testing.TB) []page {
	aleppo := readPage(t, "aleppo-shelling.html")
	idlib := cp1252(readPage(t, "idlib-airstrike.html"))
	mosul := readPage(t, "mosul-offensive.html")
	donetsk := readPage(t, "donetsk-ceasefire.html")
	return []page{
		{name: "aleppo", url: "https://levantmonitor.example/2016/09/27/aleppo-shelling", body: aleppo,
			headers: []string{"Content-Type: text/html; charset=utf-8", "Server: nginx"}, wantCS: "utf-8"},
		{name: "idlib", url: "http://frontline-daily.example/syria/idlib-hospital.html", body: idlib,
			headers: []string{"Content-Type: text/html; charset=windows-1252"}, wantCS: "windows-1252"},
		{name: "mosul", url: "https://news.example/world/mosul-offensive", body: mosul,
			headers: []string{"Content-Type: text/html", "Transfer-Encoding: chunked"},
			encode:  func(b []byte) []byte { return chunk(b, 300) }, wantCS: "utf-8"},
		{name: "donetsk", url: "https://kyiv-wire.example/donetsk-ceasefire", body: donetsk,
			headers: []string{"Content-Type: text/html", "Content-Encoding: gzip", "Vary: Accept-Encoding"},
			encode:  gzipBytes, wantCS: ""},
	}
}

// corpusMembers returns the records of a realistic crawl, each as written
// (one gzip member each when compress): warcinfo, and for every page a
// request, a response and a metadata record; plus an image, a 404, a
// revisit and a resource page. It also returns the pages expected out.
func corpusMembers(t testing.TB, compress bool) ([][]byte, []page) {
	w := NewWriter(io.Discard, compress)
	w.Date = time.Date(2017, 5, 5, 10, 0, 0, 0, time.UTC)
	var ms [][]byte
	add := func(typ, uri, ct string, block []byte) { ms = append(ms, w.Member(typ, uri, ct, block)) }
	add("warcinfo", "", "application/warc-fields", []byte("software: test-crawler/1.0\r\nformat: WARC File Format 1.1\r\n"))
	pages := testPages(t)
	for _, p := range pages {
		add("request", p.url, "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\nHost: example\r\n\r\n"))
		body := p.body
		if p.encode != nil {
			body = p.encode(body)
		}
		add("response", p.url, "application/http; msgtype=response", HTTPResponse(200, p.headers, body))
		add("metadata", p.url, "application/warc-fields", []byte("fetchTimeMs: 120\r\n"))
	}
	add("response", "https://news.example/logo.jpg", "application/http; msgtype=response",
		HTTPResponse(200, []string{"Content-Type: image/jpeg"}, []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00binary")))
	add("response", "https://news.example/missing", "application/http; msgtype=response",
		HTTPResponse(404, []string{"Content-Type: text/html"}, []byte("<html><body>Not found</body></html>")))
	add("revisit", "https://news.example/world/mosul-offensive", "application/http; msgtype=response",
		[]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"))
	resource := []byte("<html><head><title>Archived bulletin</title></head><body><p>Archived bulletin text.</p></body></html>")
	add("resource", "file:///archive/bulletin.html", "text/html; charset=iso-8859-1", resource)
	pages = append(pages, page{name: "resource", url: "file:///archive/bulletin.html", body: resource, wantCS: "iso-8859-1"})
	return ms, pages
}

type result struct {
	recs []*Record
	errs []*RecordError
	st   Stats
}

func readAll(t testing.TB, r io.Reader, opts Options) result {
	t.Helper()
	wr := NewReader(r, opts)
	var res result
	for i := 0; ; i++ {
		if i > 10000 {
			t.Fatal("reader does not end")
		}
		rec, err := wr.Next()
		if err == io.EOF {
			break
		}
		var re *RecordError
		if errors.As(err, &re) {
			res.errs = append(res.errs, re)
			continue
		}
		if err != nil {
			t.Fatalf("fatal error: %v", err)
		}
		res.recs = append(res.recs, rec)
	}
	res.st = wr.Stats()
	return res
}

func checkPages(t *testing.T, got []*Record, want []page) {
	t.Helper()
	if len(got) != len(want) {
		var urls []string
		for _, r := range got {
			urls = append(urls, r.TargetURI)
		}
		t.Fatalf("got %d pages %v, want %d", len(got), urls, len(want))
	}
	for i, p := range want {
		r := got[i]
		if r.TargetURI != p.url {
			t.Errorf("page %d: URL %q, want %q", i, r.TargetURI, p.url)
		}
		if !bytes.Equal(r.Body, p.body) {
			t.Errorf("%s: body differs (%d bytes, want %d)", p.name, len(r.Body), len(p.body))
		}
		if r.Charset != p.wantCS {
			t.Errorf("%s: charset %q, want %q", p.name, r.Charset, p.wantCS)
		}
		if r.ContentType != "text/html" {
			t.Errorf("%s: content type %q", p.name, r.ContentType)
		}
	}
}

func TestReadCorpus(t *testing.T) {
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", compress), func(t *testing.T) {
			ms, pages := corpusMembers(t, compress)
			res := readAll(t, bytes.NewReader(bytes.Join(ms, nil)), Options{})
			checkPages(t, res.recs, pages)
			if len(res.errs) != 0 {
				t.Errorf("errors on a good file: %v", res.errs)
			}
			// 1 warcinfo + 4×3 + image + 404 + revisit + resource.
			want := Stats{Records: 17, Pages: 5, Skipped: 12}
			if res.st != want {
				t.Errorf("stats %+v, want %+v", res.st, want)
			}
			if res.recs[0].Number != 2 || res.recs[0].Status != 200 || res.recs[0].Type != "response" {
				t.Errorf("first page: %+v", res.recs[0])
			}
			if !strings.HasPrefix(res.recs[0].Date, "2017-05-05") {
				t.Errorf("date %q", res.recs[0].Date)
			}
		})
	}
}

func TestReuseBody(t *testing.T) {
	ms, pages := corpusMembers(t, true)
	wr := NewReader(bytes.NewReader(bytes.Join(ms, nil)), Options{ReuseBody: true})
	for i := 0; ; i++ {
		rec, err := wr.Next()
		if err == io.EOF {
			if i != len(pages) {
				t.Errorf("%d pages, want %d", i, len(pages))
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rec.Body, pages[i].body) {
			t.Errorf("%s: body differs", pages[i].name)
		}
	}
}

func TestOneBigMember(t *testing.T) {
	ms, pages := corpusMembers(t, false)
	res := readAll(t, bytes.NewReader(gzipBytes(bytes.Join(ms, nil))), Options{})
	checkPages(t, res.recs, pages)
	if res.st.Corrupt != 0 {
		t.Errorf("corrupt: %v", res.errs)
	}
}

// damaged builds a WARC whose records include a gzip member cut in half,
// a record whose Content-Length is too large and one whose Content-Length
// is too small, and garbage between records; the good pages must all come
// through and the three bad records be reported.
func damaged(t *testing.T, compress bool) ([]byte, []page, []int) {
	ms, pages := corpusMembers(t, compress)
	w := NewWriter(io.Discard, false)
	mk := func(url string, block []byte) []byte {
		return w.Member("response", url, "application/http; msgtype=response", block)
	}
	body := readPage(t, "aleppo-shelling.html")
	resp := HTTPResponse(200, []string{"Content-Type: text/html"}, body)
	// Too large: claims 500 more bytes than it has.
	long := bytes.Replace(mk("https://bad.example/long", resp), []byte(fmt.Sprintf("Content-Length: %d", len(resp))), []byte(fmt.Sprintf("Content-Length: %d", len(resp)+500)), 1)
	// Too small: claims 700 bytes fewer.
	short := bytes.Replace(mk("https://bad.example/short", resp), []byte(fmt.Sprintf("Content-Length: %d", len(resp))), []byte(fmt.Sprintf("Content-Length: %d", len(resp)-700)), 1)
	cut := mk("https://bad.example/cut", resp)
	if compress {
		long, short, cut = gzipBytes(long), gzipBytes(short), gzipBytes(cut)
	}
	cut = cut[:len(cut)/2]
	var out [][]byte
	// Layout: warcinfo, aleppo(req,resp,meta), CUT, idlib(...), LONG, mosul(...), SHORT, donetsk(...), garbage, rest.
	out = append(out, ms[0], ms[1], ms[2], ms[3], cut)
	out = append(out, ms[4:7]...)
	out = append(out, long)
	out = append(out, ms[7:10]...)
	out = append(out, short)
	out = append(out, ms[10:13]...)
	out = append(out, []byte("this is not a WARC record\r\nnor is this\r\n"))
	out = append(out, ms[13:]...)
	// Numbers of the bad records: 4 (cut), 8 (long), 12 (short), 16 (garbage).
	return bytes.Join(out, nil), pages, []int{4, 8, 12, 16}
}

func TestDamagedRecordsSkipped(t *testing.T) {
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", compress), func(t *testing.T) {
			data, pages, bad := damaged(t, compress)
			res := readAll(t, bytes.NewReader(data), Options{})
			checkPages(t, res.recs, pages)
			var nums []int
			for _, e := range res.errs {
				nums = append(nums, e.Number)
				if e.Offset <= 0 {
					t.Errorf("error without offset: %v", e)
				}
			}
			if fmt.Sprint(nums) != fmt.Sprint(bad) {
				t.Errorf("bad records %v, want %v; errors: %v", nums, bad, res.errs)
			}
			if res.st.Corrupt != len(bad) || res.st.Pages != len(pages) {
				t.Errorf("stats %+v", res.st)
			}
		})
	}
}

// A gzip file read through a pipe cannot seek back: the member after a
// cut one may be lost, but reading must go on and end.
func TestDamagedNoSeek(t *testing.T) {
	data, pages, _ := damaged(t, true)
	res := readAll(t, io.MultiReader(bytes.NewReader(data)), Options{})
	if len(res.recs) < len(pages)-1 || res.st.Corrupt < 3 {
		t.Errorf("pages %d (want ≥ %d), stats %+v", len(res.recs), len(pages)-1, res.st)
	}
}

func TestTruncatedFile(t *testing.T) {
	for _, compress := range []bool{false, true} {
		ms, pages := corpusMembers(t, compress)
		// Keep warcinfo and aleppo, then cut idlib's response in half.
		data := bytes.Join(ms[:5], nil)
		data = append(data, ms[5][:len(ms[5])/2]...)
		res := readAll(t, bytes.NewReader(data), Options{})
		checkPages(t, res.recs, pages[:1])
		if len(res.errs) != 1 || res.errs[0].Number != 5 {
			t.Errorf("gzip=%v: errors %v", compress, res.errs)
		}
	}
}

func TestBodyCap(t *testing.T) {
	ms, _ := corpusMembers(t, true)
	res := readAll(t, bytes.NewReader(bytes.Join(ms, nil)), Options{MaxBody: 1000})
	if len(res.recs) != 5 {
		t.Fatalf("%d pages", len(res.recs))
	}
	for _, r := range res.recs {
		if len(r.Body) > 1000 {
			t.Errorf("%s: body %d bytes over the cap", r.TargetURI, len(r.Body))
		}
		if want := len(r.Body) == 1000; r.Truncated != want {
			t.Errorf("%s: truncated=%v with %d bytes", r.TargetURI, r.Truncated, len(r.Body))
		}
	}
}

func TestHeaderCutShort(t *testing.T) {
	ms, pages := corpusMembers(t, false)
	// A header cut short right before the first page's record.
	head := bytes.Join(ms[:2], nil)
	data := append(append(head, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://cut.example/\r\n"...), bytes.Join(ms[2:], nil)...)
	res := readAll(t, bytes.NewReader(data), Options{})
	checkPages(t, res.recs, pages)
	if len(res.errs) != 1 || res.errs[0].Number != 2 || res.errs[0].Offset != int64(len(head)) {
		t.Errorf("errors %v", res.errs)
	}
}

func TestUndeclaredGzip(t *testing.T) {
	w := NewWriter(io.Discard, false)
	page := []byte("<html><body><p>Shelling in Aleppo.</p></body></html>")
	m := w.Member("response", "https://a.example/1", "application/http; msgtype=response",
		HTTPResponse(200, []string{"Content-Type: text/html"}, gzipBytes(page)))
	res := readAll(t, bytes.NewReader(m), Options{})
	if len(res.recs) != 1 || !bytes.Equal(res.recs[0].Body, page) {
		t.Errorf("undeclared gzip body not decoded: %+v", res)
	}
}

func TestMetaCharset(t *testing.T) {
	for in, want := range map[string]string{
		`<html><head><meta charset="ISO-8859-1"></head>`:                             "iso-8859-1",
		`<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`: "windows-1256",
		`<meta name="viewport" content="width=device-width"><meta charset=utf-8>`:    "utf-8",
		`<meta name="description" content="charset"><p>charset=koi8-r</p>`:           "",
		`<html><body>no meta</body></html>`:                                          "",
	} {
		if got := MetaCharset([]byte(in)); got != want {
			t.Errorf("MetaCharset(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDechunkBroken(t *testing.T) {
	full := chunk([]byte("<html><body>hello world</body></html>"), 7)
	if got := string(dechunk(full)); got != "<html><body>hello world</body></html>" {
		t.Errorf("dechunk = %q", got)
	}
	if got := string(dechunk(full[:20])); !strings.HasPrefix("<html><body>hello world", got) || got == "" {
		t.Errorf("cut dechunk = %q", got)
	}
	if got := string(dechunk([]byte("<html>not chunked</html>"))); got != "<html>not chunked</html>" {
		t.Errorf("non-chunked = %q", got)
	}
}

func FuzzReader(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input, which is slow
	// on large ones.
	for _, compress := range []bool{false, true} {
		w := NewWriter(io.Discard, compress)
		page := HTTPResponse(200, []string{"Content-Type: text/html; charset=utf-8"}, []byte("<html><p>Shelling in Aleppo.</p></html>"))
		a := w.Member("response", "https://a.example/1", "application/http; msgtype=response", page)
		b := w.Member("request", "https://a.example/1", "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\n\r\n"))
		f.Add(append(append([]byte{}, b...), a...))
		f.Add(append(append([]byte{}, a[:len(a)/2]...), a...))
	}
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<html\r\n\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		wr := NewReader(bytes.NewReader(data), Options{MaxBody: 1 << 16})
		for i := 0; ; i++ {
			if i > 2*len(data)+10 {
				t.Fatal("reader does not end")
			}
			rec, err := wr.Next()
			if err == io.EOF {
				break
			}
			var re *RecordError
			if err != nil && !errors.As(err, &re) {
				break
			}
			if rec != nil && len(rec.Body) > 1<<16 {
				t.Fatalf("body over the cap: %d", len(rec.Body))
			}
		}
		st := wr.Stats()
		if st.Pages+st.Skipped+st.Corrupt > st.Records+st.Corrupt {
			t.Fatalf("inconsistent stats %+v", st)
		}
	})
}

func BenchmarkReader(b *testing.B) {
	for _, compress := range []bool{false, true} {
		b.Run(fmt.Sprintf("gzip=%v", compress), func(b *testing.B) {
			ms, pages := corpusMembers(b, compress)
			var data []byte
			for range 50 {
				data = append(data, bytes.Join(ms, nil)...)
			}
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				res := readAll(b, bytes.NewReader(data), Options{})
				if len(res.recs) != 50*len(pages) {
					b.Fatalf("%d pages", len(res.recs))
				}
			}
			b.ReportMetric(float64(50*len(pages)*b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// A gzip member cut in half and followed by the next member: the deflate
// decoder runs on into the next member's bytes, and how far it gets
// before failing depends on the bytes (the WARC-Date among them). Whatever
// it decodes, only the cut record may be lost. The dates listed first made
// the reader lose the following record too: a peek that met the gzip error
// left the garbage decoded before it in the buffer, to be read after the
// error, glued to the next record's version line.
func TestCutMemberAnyDate(t *testing.T) {
	files, err := filepath.Glob("testdata/pages/*.html")
	if err != nil || len(files) < 3 {
		t.Fatalf("test pages: %v", err)
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ks := []int{446, 1567, 1626}
	for k := 0; k < 300; k++ {
		ks = append(ks, k)
	}
	for _, k := range ks {
		var buf bytes.Buffer
		w := NewWriter(&buf, true)
		w.Date = base.Add(time.Duration(k) * time.Second)
		w.Write("warcinfo", "", "application/warc-fields", []byte("software: test\r\n"))
		var want []string
		for i, f := range files {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			url := "https://news.example/" + strings.TrimSuffix(filepath.Base(f), ".html")
			resp := HTTPResponse(200, []string{"Content-Type: text/html"}, body)
			if i == 1 {
				cut := w.Member("response", url+"-cut", "application/http; msgtype=response", resp)
				buf.Write(cut[:len(cut)/2])
			}
			w.Write("response", url, "application/http; msgtype=response", resp)
			want = append(want, url)
		}
		res := readAll(t, bytes.NewReader(buf.Bytes()), Options{})
		var got []string
		for _, r := range res.recs {
			got = append(got, r.TargetURI)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) || len(res.errs) != 1 {
			t.Errorf("date %s: pages %v, want %v; errors %v", w.Date.Format(time.RFC3339), got, want, res.errs)
		}
	}
}

// scripted is a reader that returns its parts one per Read, an error part
// as the error.
type scripted struct{ parts []any }

func (s *scripted) Read(p []byte) (int, error) {
	if len(s.parts) == 0 {
		return 0, io.EOF
	}
	switch v := s.parts[0].(type) {
	case error:
		s.parts = s.parts[1:]
		return 0, v
	case string:
		n := copy(p, v)
		if n == len(v) {
			s.parts = s.parts[1:]
		} else {
			s.parts[0] = v[n:]
		}
		return n, nil
	}
	panic("bad part")
}

// An error met by peek is delivered after the bytes before it and before
// the bytes after it.
func TestStreamErrorInOrder(t *testing.T) {
	bad := &gzipError{member: 7, err: errors.New("flate: corrupt input")}
	s := &stream{br: bufio.NewReaderSize(&scripted{parts: []any{"ab", bad, "WARC/1.1\r\n"}}, 64)}
	if p := s.peek(7); string(p) != "ab" {
		t.Fatalf("peek %q, want %q", p, "ab")
	}
	var got []string
	for {
		c, err := s.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !isCorrupt(err) {
				t.Fatalf("error %v", err)
			}
			got = append(got, "<err>")
			continue
		}
		got = append(got, string(c))
	}
	if g := strings.Join(got, ""); g != "ab<err>WARC/1.1\r\n" {
		t.Fatalf("read %q", g)
	}
	// skipToRecord finds the record after the error even though the
	// bytes before it do not end a line.
	s = &stream{br: bufio.NewReaderSize(&scripted{parts: []any{"ab", bad, "WARC/1.1\r\n"}}, 64)}
	s.peek(7)
	if err := s.skipToRecord(); err != nil {
		t.Fatal(err)
	}
	if p := s.peek(8); string(p) != "WARC/1.1" {
		t.Fatalf("skipToRecord stopped at %q", p)
	}
}
