package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func newTestServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg.Analyzer == nil {
		cfg.Analyzer = &ruleAnalyzer{}
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func do(t testing.TB, h http.Handler, method, target, ctype string, body io.Reader, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestSegmentsOverlapAndCover(t *testing.T) {
	text := "Алеппо — «barbaric terrorists» said"
	runes := []rune(text)
	find := func(sub string) (int, int) {
		i := strings.Index(text, sub)
		s := len([]rune(text[:i]))
		return s, s + len([]rune(sub))
	}
	a0, a1 := find("barbaric terrorists")
	b0, b1 := find("terrorists")
	h0, h1 := find("terrorists» said")
	marks := []mark{
		{start: a0, end: a1, kind: markTech, tech: "Loaded_Language", score: 0.9},
		{start: b0, end: b1, kind: markTech, tech: "Name_Calling,Labeling", score: 0.8},
		{start: h0, end: h1, kind: markHedge},
		{start: -3, end: 2, kind: markTech, tech: "Doubt"},             // out of range: skipped
		{start: 5, end: 5, kind: markTech, tech: "Doubt"},              // empty: skipped
		{start: 2, end: len(runes) + 9, kind: markTech, tech: "Doubt"}, // past the end: skipped
	}
	segs := segments(text, marks)
	var joined strings.Builder
	for _, s := range segs {
		joined.WriteString(s.Text)
	}
	if joined.String() != text {
		t.Fatalf("segments do not cover the text: %q", joined.String())
	}
	byText := map[string]segment{}
	for _, s := range segs {
		byText[s.Text] = s
	}
	if s := byText["barbaric "]; s.Class != "hl t0" || s.Title != "Loaded Language (0.90)" {
		t.Errorf("outer-only piece: %+v", s)
	}
	// The overlap is coloured by the inner (shorter) span and flagged multi.
	if s := byText["terrorists"]; s.Class != "hl t1 hedge multi" || !strings.Contains(s.Title, "Loaded Language (0.90)") || !strings.Contains(s.Title, "Name Calling, Labeling (0.80)") || !strings.Contains(s.Title, "hedge") {
		t.Errorf("overlap piece: %+v", s)
	}
	if s := byText["» said"]; s.Class != "hedge" {
		t.Errorf("hedge-only piece: %+v", s)
	}
	if s := byText["Алеппо — «"]; s.Class != "" {
		t.Errorf("plain piece: %+v", s)
	}
	if segments("", marks) != nil {
		t.Error("empty text should give no segments")
	}
}

func FuzzSegments(f *testing.F) {
	f.Add("Алеппо barbaric terrorists", 0, 5, 3, 9, 7, 30)
	f.Add("", 0, 0, 0, 0, 0, 0)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2, s3, e3 int) {
		marks := []mark{
			{start: s1, end: e1, kind: markTech, tech: "Doubt"},
			{start: s2, end: e2, kind: markContent, ref: "s1", name: "x"},
			{start: s3, end: e3, kind: markVague},
		}
		var joined strings.Builder
		for _, s := range segments(text, marks) {
			joined.WriteString(s.Text)
		}
		if joined.String() != string([]rune(text)) {
			t.Fatalf("segments lose text: %q vs %q", joined.String(), text)
		}
	})
}

// fullReport builds a report by hand with every section filled.
func fullReport(t testing.TB) *report.Report {
	t.Helper()
	r, err := (&ruleAnalyzer{}).Text(readTestdata(t, "article.txt"), report.Source{Outlet: "SANA", Domain: "sana.sy", URL: "https://sana.sy/en/?p=1"}, "")
	if err != nil {
		t.Fatal(err)
	}
	five := 5
	r.Entities = []report.Entity{{Start: 0, End: 9, Text: "Militants", Type: "armed_group"}, {Start: 16, End: 22, Text: "Aleppo", Type: "place", Name: "Aleppo"}}
	r.Claims = []report.Claim{{Start: 0, End: 10, Text: r.Text[:10], Support: "unsupported"}}
	r.Sourcing = &report.SourcingSummary{ByType: map[string]int{"vague": 2}, Claims: 1, Unsupported: 1}
	r.MainEvent = &five
	return r
}

func TestArticlePageShowsEverySection(t *testing.T) {
	rep := fullReport(t)
	if len(rep.Techniques) < 4 || len(rep.Attributions) < 3 || len(rep.Events) < 2 || len(rep.Hedges) < 2 {
		t.Fatalf("test report is thin: %d techniques, %d attributions, %d events, %d hedges", len(rep.Techniques), len(rep.Attributions), len(rep.Events), len(rep.Hedges))
	}
	s := newTestServer(t, Config{Analyzer: fixedAnalyzer{rep}})
	w := do(t, s, "POST", "/analyze", "application/x-www-form-urlencoded", strings.NewReader("text=anything"))
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	page := w.Body.String()
	for _, want := range []string{
		`id="legend"`, `class="swatch t0"`, `Loaded Language`, `Name Calling, Labeling`,
		`class="hl t1 multi"`, `title="Loaded Language (0.91); Name Calling, Labeling (0.84)"`,
		`data-ref="s0"`, `id="panel-s0"`, `data-ref="r1"`, `data-ref="c0"`, `data-ref="e0"`, `Fares Shehabi`, `class="hedge"`, `class="vague src"`,
		`id="events"`, `airstrike`, `12 killed, 4 children`, `id="scores"`, `technique spans found in the text`,
		`id="entities"`, `armed_group`, `id="claims"`, `unsupported`, `href="https://sana.sy/en/?p=1"`, `href="/outlets/sana.sy"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// The manuscript holds the whole text, in order, once the tags are gone.
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	ms := findID(doc, "manuscript")
	if ms == nil {
		t.Fatal("no manuscript")
	}
	if got := textOf(ms); got != rep.Text {
		t.Errorf("manuscript text differs from the report:\n%q\n%q", got, rep.Text)
	}
	// Every piece of the reason's evidence (the vague sources) carries r1;
	// nothing else does.
	var lit []string
	eachNode(ms, func(n *html.Node) {
		if n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "data-refs")), "r1") {
			lit = append(lit, textOf(n))
		}
	})
	if !slices.Equal(lit, []string{"Some sources", "Activists"}) {
		t.Errorf("pieces carrying r1: %q", lit)
	}
	// The propaganda reason has no spans: no button for it.
	if strings.Contains(page, `data-ref="r0"`) {
		t.Error("a reason without evidence spans has a show button")
	}
	// The page is complete HTML with the layout; an htmx request gets the
	// fragment only.
	if !strings.Contains(page, "<!doctype html>") {
		t.Error("full page lacks doctype")
	}
	frag := do(t, s, "POST", "/analyze", "application/x-www-form-urlencoded", strings.NewReader("text=anything"), "HX-Request", "true").Body.String()
	if strings.Contains(frag, "<!doctype") || !strings.Contains(frag, `id="manuscript"`) {
		t.Error("htmx request should get the report fragment only")
	}
	restore := do(t, s, "GET", "/search", "", nil, "HX-Request", "true", "HX-History-Restore-Request", "true").Body.String()
	if !strings.Contains(restore, "<!doctype html>") {
		t.Error("an htmx history restore needs the whole page")
	}
}

func TestArticlePageOmitsAbsentSections(t *testing.T) {
	rep := fullReport(t)
	rep.Attributions, rep.Hedges, rep.VagueSources, rep.Events, rep.Scores, rep.Entities, rep.Claims, rep.Sourcing = nil, nil, nil, nil, nil, nil, nil, nil
	s := newTestServer(t, Config{Analyzer: fixedAnalyzer{rep}})
	page := do(t, s, "POST", "/api/analyze", "text/plain", strings.NewReader("x")).Body.String()
	if strings.Contains(page, "attributions") || strings.Contains(page, "events") {
		t.Errorf("API report has absent sections: %s", page[:200])
	}
	page = do(t, s, "POST", "/analyze", "text/plain", strings.NewReader("x")).Body.String()
	for _, absent := range []string{`id="speakers"`, `id="events"`, `id="scores"`, `id="hedges"`, `id="entities"`, `id="claims"`} {
		if strings.Contains(page, absent) {
			t.Errorf("page shows absent section %s", absent)
		}
	}
	if !strings.Contains(page, `id="legend"`) || !strings.Contains(page, `class="hl t0"`) {
		t.Error("page lost the techniques it has")
	}
	// Computed but empty: the section shows, saying nothing was found.
	rep.Techniques = []report.Technique{}
	rep.Events = []report.Event{}
	s = newTestServer(t, Config{Analyzer: fixedAnalyzer{rep}})
	page = do(t, s, "POST", "/analyze", "text/plain", strings.NewReader("x")).Body.String()
	if !strings.Contains(page, "No propaganda techniques found.") || !strings.Contains(page, "No conflict events found.") {
		t.Error("empty sections should say nothing was found")
	}
}

// xssReport is a report whose every string field carries a payload.
func xssReport(t testing.TB) *report.Report {
	t.Helper()
	r, err := (&ruleAnalyzer{}).Text(readTestdata(t, "xss.txt"), report.Source{
		Outlet: `<script>window.__xss='outlet'</script>`, URL: `javascript:window.__xss='url'`, Domain: `"><img src=x onerror=alert(1)>`,
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	p := `<img src=x onerror="window.__xss='field'">`
	r.Byline = []string{p}
	r.Published = p
	r.Techniques = append(r.Techniques, report.Technique{Technique: `"><script>window.__xss='tech'</script>`, Start: 0, End: 5, Text: r.Text[:5], Score: 0.5})
	r.Attributions = append(r.Attributions, report.Attribution{SourceName: p, SourceType: `" onclick="window.__xss='type'`, Cue: report.Span{Text: p}, Content: report.Span{Start: 1, End: 4, Text: p}})
	r.Entities = []report.Entity{{Text: p, Type: p}}
	r.Claims = []report.Claim{{Text: p, Support: `x" onmouseover="window.__xss='claim'`}}
	r.Events = append(r.Events, report.Event{Type: p, Cause: p, Weapon: p, Date: p, Actor: &report.Party{Name: p}, Location: &report.Location{Name: p}, Evidence: report.Span{Text: p}})
	r.Scores.Reasons = append(r.Scores.Reasons, report.Reason{Score: p, Text: p, Outlet: `javascript:alert(1)`, Story: `../../x" onclick="y`, Spans: []report.Span{{Text: p}}})
	return r
}

// checkNoActiveContent fails when the page has a script other than our
// own static files, an event-handler attribute, or a javascript: URL.
func checkNoActiveContent(t *testing.T, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				if src := attr(n, "src"); !strings.HasPrefix(src, "/static/") {
					t.Errorf("foreign script element: src=%q", src)
				}
			case "img", "iframe", "object", "embed":
				t.Errorf("injected <%s> element", n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("event handler attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					t.Errorf("javascript: URL in %s on <%s>", a.Key, n.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func TestXSSPayloadsAreEscaped(t *testing.T) {
	rep := xssReport(t)
	s := newTestServer(t, Config{Analyzer: fixedAnalyzer{rep}, Corpus: testCorpus(rep)})
	page := do(t, s, "POST", "/analyze", "text/plain", strings.NewReader("x")).Body.String()
	checkNoActiveContent(t, page)
	if !strings.Contains(page, "&lt;script&gt;window.__xss") {
		t.Error("payload text should be shown, escaped")
	}
	// The rule analyzer on the raw payload text, through every input form.
	s2 := newTestServer(t, Config{})
	xss := readTestdata(t, "xss.txt")
	form := url.Values{"text": {xss}, "title": {`<script>window.__xss='t'</script>`}, "outlet": {`<img src=x onerror=alert(1)>`}, "url": {`javascript:alert(1)`}}
	page = do(t, s2, "POST", "/analyze", "application/x-www-form-urlencoded", strings.NewReader(form.Encode())).Body.String()
	checkNoActiveContent(t, page)
	for _, p := range []string{"/articles/" + rep.ID, "/outlets/sana.sy", "/stories/s1", "/stories", "/search?q=minister"} {
		w := do(t, s, "GET", p, "", nil)
		if w.Code != 200 {
			t.Errorf("%s: status %d", p, w.Code)
		}
		checkNoActiveContent(t, w.Body.String())
	}
	// Error pages echo nothing executable either.
	w := do(t, s, "GET", "/search?from=<script>alert(1)</script>", "", nil)
	if w.Code != 400 {
		t.Errorf("bad date: status %d", w.Code)
	}
	checkNoActiveContent(t, w.Body.String())
	// JSON escapes markup too, and says it is JSON.
	w = do(t, s, "POST", "/api/analyze", "text/plain", strings.NewReader("x"))
	if strings.Contains(w.Body.String(), "<script>") || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Error("API response carries raw markup or a wrong content type")
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t, Config{})
	w := do(t, s, "GET", "/", "", nil)
	csp := w.Header().Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "default-src 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %s", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP allows inline script: %q", csp)
	}
	if w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	// No inline script or style anywhere in our own markup.
	page := w.Body.String()
	if strings.Contains(page, "<script>") || strings.Contains(page, "style=") {
		t.Error("inline script or style in the home page")
	}
	for _, p := range []string{"/static/htmx.min.js", "/static/app.js", "/static/app.css"} {
		if w := do(t, s, "GET", p, "", nil); w.Code != 200 || w.Body.Len() < 100 {
			t.Errorf("%s: status %d, %d bytes", p, w.Code, w.Body.Len())
		}
	}
}

func multipartBody(t testing.TB, fields map[string]string, fileName, fileBody string) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(fw, fileBody)
	}
	_ = mw.Close()
	return mw.FormDataContentType(), &buf
}

func decodeReport(t *testing.T, w *httptest.ResponseRecorder) *report.Report {
	t.Helper()
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var r report.Report
	if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func TestAPIAnalyzeInputs(t *testing.T) {
	s := newTestServer(t, Config{MaxBody: 64 << 10})
	art := readTestdata(t, "article.txt")

	js, _ := json.Marshal(AnalyzeRequest{Text: art, URL: "https://www.Example.org/a?b=1", Outlet: "Example"})
	r := decodeReport(t, do(t, s, "POST", "/api/analyze", "application/json", bytes.NewReader(js)))
	if r.Title != `Militants shell Aleppo suburb as ministry blames "barbaric terrorists"` || r.Source.Domain != "example.org" || r.Source.Outlet != "Example" {
		t.Errorf("JSON: title %q, source %+v", r.Title, r.Source)
	}
	if len(r.Techniques) == 0 || len(r.Attributions) == 0 {
		t.Error("JSON: analysis sections missing")
	}

	r = decodeReport(t, do(t, s, "POST", "/api/analyze?title=Given+title&outlet=SANA", "text/plain; charset=utf-8", strings.NewReader(art)))
	if r.Title != "Given title" || r.Source.Outlet != "SANA" {
		t.Errorf("text/plain: title %q outlet %q", r.Title, r.Source.Outlet)
	}

	// A declared charset is honoured: these bytes are "Алеппо" in
	// Windows-1251 and "Àëåïïî" when guessed as Windows-1252.
	cyr := "\xc0\xeb\xe5\xef\xef\xee\n\nShells struck."
	r = decodeReport(t, do(t, s, "POST", "/api/analyze", "text/plain; charset=windows-1251", strings.NewReader(cyr)))
	if r.Title != "Алеппо" {
		t.Errorf("windows-1251 body: title %q", r.Title)
	}
	r = decodeReport(t, do(t, s, "POST", "/api/analyze", "text/plain", strings.NewReader(cyr)))
	if r.Title != "Àëåïïî" {
		t.Errorf("undeclared body: title %q", r.Title)
	}

	ct, body := multipartBody(t, map[string]string{"outlet": "SANA"}, "aleppo.txt", art)
	r = decodeReport(t, do(t, s, "POST", "/api/analyze", ct, body))
	if r.Source.Path != "aleppo.txt" || r.Source.Outlet != "SANA" || !strings.HasPrefix(r.Text, "Militants shell") {
		t.Errorf("multipart file: %+v %q", r.Source, r.Text[:20])
	}
	ct, body = multipartBody(t, map[string]string{"text": art}, "", "")
	if r = decodeReport(t, do(t, s, "POST", "/api/analyze", ct, body)); r.ID != report.HashText(r.Text) {
		t.Error("multipart text field: bad report")
	}

	for _, tc := range []struct {
		name, ctype, body string
		status            int
	}{
		{"empty JSON text", "application/json", `{"text":"  "}`, 400},
		{"bad JSON", "application/json", `{"text":`, 400},
		{"empty text/plain", "text/plain", "\n\n", 400},
		{"unsupported type", "application/xml", "<a/>", 415},
		{"bad content type", "text/plain; ===", "x", 415},
		{"binary", "text/plain", "\x00\x01\x02\x03binary", 415},
		{"too large", "text/plain", strings.Repeat("war ", 20<<10), 413},
		{"too large JSON", "application/json", `{"text":"` + strings.Repeat("war ", 20<<10) + `"}`, 413},
	} {
		w := do(t, s, "POST", "/api/analyze", tc.ctype, strings.NewReader(tc.body))
		if w.Code != tc.status {
			t.Errorf("%s: status %d, want %d (%s)", tc.name, w.Code, tc.status, w.Body)
		}
		var e apiError
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
			t.Errorf("%s: error body %q", tc.name, w.Body)
		}
	}
	ct, body = multipartBody(t, nil, "big.txt", strings.Repeat("war ", 20<<10))
	if w := do(t, s, "POST", "/api/analyze", ct, body); w.Code != 413 {
		t.Errorf("large upload: status %d", w.Code)
	}
	if w := do(t, s, "GET", "/api/analyze", "", nil); w.Code != 405 {
		t.Errorf("GET /api/analyze: status %d", w.Code)
	}
	// The page form reports errors as a page.
	w := do(t, s, "POST", "/analyze", "text/plain", strings.NewReader(" "))
	if w.Code != 400 || !strings.Contains(w.Body.String(), "empty article") {
		t.Errorf("empty paste: %d %s", w.Code, w.Body)
	}
}

// htmlAnalyzer records the items it is given.
type htmlAnalyzer struct {
	ruleAnalyzer
	got []string
}

func (a *htmlAnalyzer) Item(it read.Item) (*report.Report, error) {
	a.got = append(a.got, it.Kind.String())
	return a.ruleAnalyzer.Text("Page title\n\n"+it.Body, it.Source, "")
}

func TestUploadHTMLGoesToTheCleaner(t *testing.T) {
	a := &htmlAnalyzer{}
	s := newTestServer(t, Config{Analyzer: a})
	ct, body := multipartBody(t, nil, "page.html", "<html><body><p>Shells struck Aleppo.</p></body></html>")
	decodeReport(t, do(t, s, "POST", "/api/analyze", ct, body))
	ct, body = multipartBody(t, nil, "notes.txt", "Title\n\nShells struck Aleppo.")
	decodeReport(t, do(t, s, "POST", "/api/analyze", ct, body))
	ct, body = multipartBody(t, nil, "noext", "<!DOCTYPE html><html><p>x</p></html>")
	decodeReport(t, do(t, s, "POST", "/api/analyze", ct, body))
	if !slices.Equal(a.got, []string{"html", "text", "html"}) {
		t.Errorf("kinds given to the analyzer: %v", a.got)
	}
}

func TestCorpusEndpoints(t *testing.T) {
	rep := fullReport(t)
	s := newTestServer(t, Config{Corpus: testCorpus(rep)})
	r := decodeReport(t, do(t, s, "GET", "/api/articles/"+rep.ID, "", nil))
	if r.ID != rep.ID || len(r.Techniques) != len(rep.Techniques) {
		t.Error("article round trip")
	}
	var hits []SearchHit
	w := do(t, s, "GET", "/api/search?q=aleppo&limit=5", "", nil)
	if err := json.Unmarshal(w.Body.Bytes(), &hits); err != nil || len(hits) != 1 || hits[0].ID != rep.ID {
		t.Errorf("search: %d %s", w.Code, w.Body)
	}
	w = do(t, s, "GET", "/api/search?q=nothing-like-this", "", nil)
	if strings.TrimSpace(w.Body.String()) != "[]" {
		t.Errorf("empty search should be [], got %s", w.Body)
	}
	var o OutletProfile
	w = do(t, s, "GET", "/api/outlets/sana.sy", "", nil)
	if err := json.Unmarshal(w.Body.Bytes(), &o); err != nil || o.Articles != 42 || len(o.Density) != 4 {
		t.Errorf("outlet: %s", w.Body)
	}
	var st Story
	w = do(t, s, "GET", "/api/stories/s1", "", nil)
	if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil || len(st.Facts) != 3 {
		t.Fatalf("story: %s", w.Body)
	}
	if got := []string{st.Facts[0].Status, st.Facts[1].Status, st.Facts[2].Status}; !slices.Equal(got, []string{"conflict", "agree", "single"}) {
		t.Errorf("fact statuses %v", got)
	}
	var sts []Story
	if w = do(t, s, "GET", "/api/stories?limit=3", "", nil); json.Unmarshal(w.Body.Bytes(), &sts) != nil || len(sts) != 1 {
		t.Errorf("stories: %s", w.Body)
	}
	for _, p := range []string{"/api/articles/nope", "/api/outlets/nope.example", "/api/stories/nope", "/articles/nope", "/outlets/nope", "/stories/nope"} {
		if w := do(t, s, "GET", p, "", nil); w.Code != 404 {
			t.Errorf("%s: status %d, want 404", p, w.Code)
		}
	}
	for _, p := range []string{"/api/search?limit=0", "/api/search?limit=x", "/api/search?from=2020-1-1", "/api/stories?limit=-1"} {
		if w := do(t, s, "GET", p, "", nil); w.Code != 400 {
			t.Errorf("%s: status %d, want 400", p, w.Code)
		}
	}
}

func TestNoCorpusAnswers503(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, p := range []string{"/api/articles/x", "/api/search?q=a", "/api/outlets/sana.sy", "/api/stories", "/api/stories/s1"} {
		w := do(t, s, "GET", p, "", nil)
		var e apiError
		if w.Code != 503 || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Error != "no corpus" {
			t.Errorf("%s: %d %s", p, w.Code, w.Body)
		}
	}
	for _, p := range []string{"/articles/x", "/search?q=a", "/outlets/sana.sy", "/stories", "/stories/s1"} {
		if w := do(t, s, "GET", p, "", nil); w.Code != 503 || !strings.Contains(w.Body.String(), "no corpus") {
			t.Errorf("%s: %d", p, w.Code)
		}
	}
	// Analysis still works without a corpus.
	if w := do(t, s, "POST", "/api/analyze", "text/plain", strings.NewReader("T\n\nShells struck.")); w.Code != 200 {
		t.Errorf("analyze without corpus: %d", w.Code)
	}
	var h map[string]any
	if w := do(t, s, "GET", "/api/health", "", nil); json.Unmarshal(w.Body.Bytes(), &h) != nil || h["corpus"] != false {
		t.Errorf("health: %s", w.Body)
	}
}

func TestOutletAndStoryPages(t *testing.T) {
	rep := fullReport(t)
	s := newTestServer(t, Config{Corpus: testCorpus(rep)})
	page := do(t, s, "GET", "/outlets/sana.sy", "", nil).Body.String()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	density := findID(doc, "technique-density")
	if density == nil || density.Data != "svg" {
		t.Fatal("no density SVG")
	}
	var poly *html.Node
	var circles int
	eachNode(density, func(n *html.Node) {
		if n.Data == "polyline" {
			poly = n
		}
		if n.Data == "circle" {
			circles++
		}
	})
	if poly == nil || len(strings.Fields(attr(poly, "points"))) != 4 || circles != 4 {
		t.Errorf("density chart: polyline %v, %d dots", poly != nil, circles)
	}
	// The highest density point is the highest on the chart (smallest y).
	pts := strings.Fields(attr(poly, "points"))
	ys := make([]float64, len(pts))
	for i, p := range pts {
		_, y, _ := strings.Cut(p, ",")
		ys[i], _ = strconv.ParseFloat(y, 64)
	}
	if !(ys[3] < ys[1] && ys[1] < ys[0] && ys[0] < ys[2]) {
		t.Errorf("density y order wrong for 4.2, 5.9, 3.1, 6.6: %v", ys)
	}
	profile := findID(doc, "technique-profile")
	var bars []string
	eachNode(profile, func(n *html.Node) {
		if n.Data == "rect" {
			bars = append(bars, attr(n, "width")+" "+attr(n, "class"))
		}
	})
	if len(bars) != 3 || bars[0] != "330 bar t0" {
		t.Errorf("technique bars %v", bars)
	}
	for _, want := range []string{"OpenSources", "Lin et al. 2023", "0.31", "42 articles"} {
		if !strings.Contains(page, want) {
			t.Errorf("outlet page lacks %q", want)
		}
	}
	page = do(t, s, "GET", "/stories/s1", "", nil).Body.String()
	for _, want := range []string{`class="fact-conflict"`, `class="fact-agree"`, "1 facts agree · 1 conflict", "Reuters", `id="story-columns"`} {
		if !strings.Contains(page, want) {
			t.Errorf("story page lacks %q", want)
		}
	}
	page = do(t, s, "GET", "/articles/"+rep.ID, "", nil).Body.String()
	if !strings.Contains(page, `<a href="/stories/s1">The same story in 1 other outlet</a>: 1 of its facts confirmed, 1 contradicted`) {
		t.Error("stored article page lacks its story coverage")
	}
	page = do(t, s, "GET", "/stories", "", nil).Body.String()
	if !strings.Contains(page, `href="/stories/s1"`) || !strings.Contains(page, "1 conflicting facts") {
		t.Error("stories page lacks the story or its conflict count")
	}
	page = do(t, s, "GET", "/search?q=aleppo", "", nil).Body.String()
	if !strings.Contains(page, `href="/articles/`+rep.ID+`"`) || !strings.Contains(page, `<mark class="match">Aleppo</mark>`) {
		t.Error("search page lacks the hit or its highlight")
	}
	// Paging: a full page links the next; the next page links back.
	page = do(t, s, "GET", "/search?q=aleppo&limit=1&technique=%3Cx%3E", "", nil).Body.String()
	if !strings.Contains(page, `href="/search?limit=1&amp;offset=1&amp;q=aleppo&amp;technique=%3Cx%3E" rel="next"`) {
		t.Errorf("no next link in %s", page[strings.Index(page, "<main"):])
	}
	page = do(t, s, "GET", "/search?q=aleppo&limit=1&offset=1", "", nil).Body.String()
	if !strings.Contains(page, `href="/search?limit=1&amp;offset=0&amp;q=aleppo" rel="prev"`) || strings.Contains(page, `rel="next"`) {
		t.Error("second page should link back and not forward")
	}
}

func TestDensityChartScale(t *testing.T) {
	c := densityChart([]DensityPoint{{"a", 1, 2}, {"b", 1, 8}, {"c", 1, 0}})
	// The axis tops out at 10 (8 rounded up), so 8 sits at 80% height.
	if len(c.Dots) != 3 || math.Abs(c.Dots[1].Y-(float64(c.PlotBottom)-0.8*float64(c.PlotBottom-c.Top))) > 0.06 || c.Dots[2].Y != float64(c.PlotBottom) {
		t.Errorf("dots %+v (top %d, bottom %d)", c.Dots, c.Top, c.PlotBottom)
	}
	if c.Dots[0].X != float64(c.Left) || c.Dots[2].X != float64(c.PlotRight) {
		t.Errorf("x range %+v", c.Dots)
	}
	// Months are placed in proportion to time: a gap of ten months is ten
	// times wider than a gap of one.
	c = densityChart([]DensityPoint{{"2016-01", 1, 1}, {"2016-02", 1, 1}, {"2016-12", 1, 1}})
	d1, d2 := c.Dots[1].X-c.Dots[0].X, c.Dots[2].X-c.Dots[1].X
	if r := d2 / d1; r < 9 || r > 11.5 {
		t.Errorf("month gaps %v and %v: ratio %v, want about 10", d1, d2, r)
	}
	if a := c.XLabels[len(c.XLabels)-1]; a.Anchor != "end" || a.Text != "2016-12" {
		t.Errorf("last x label %+v", a)
	}
	// Labels never crowd: 24 months give labels at least 70 px apart.
	var many []DensityPoint
	for m := range 24 {
		many = append(many, DensityPoint{Period: fmt.Sprintf("%d-%02d", 2015+m/12, m%12+1), Articles: 1, PerKWords: float64(m)})
	}
	c = densityChart(many)
	if len(c.XLabels) < 4 || c.XLabels[0].Text != "2015-01" || c.XLabels[len(c.XLabels)-1].Text != "2016-12" {
		t.Errorf("labels %+v", c.XLabels)
	}
	for i := 1; i < len(c.XLabels); i++ {
		if c.XLabels[i].X-c.XLabels[i-1].X < 70 {
			t.Errorf("labels %q and %q crowd", c.XLabels[i-1].Text, c.XLabels[i].Text)
		}
	}
	// Periods that are not dates, or out of order, are spaced evenly.
	c = densityChart([]DensityPoint{{"Q1", 1, 1}, {"Q2", 1, 1}, {"Q4", 1, 1}})
	if c.Dots[1].X-c.Dots[0].X != c.Dots[2].X-c.Dots[1].X {
		t.Errorf("non-date periods should be even: %+v", c.Dots)
	}
	if densityChart(nil) != nil || techniqueBars(nil) != nil {
		t.Error("empty data should give no chart")
	}
	for _, tc := range []struct{ in, want float64 }{{0, 1}, {0.7, 1}, {3, 5}, {8, 10}, {12, 20}, {50, 50}} {
		if got := niceCeil(tc.in); got != tc.want {
			t.Errorf("niceCeil(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestOpenAPIMatchesRoutes checks that every API route is documented with
// its method and that the document names no route the server lacks.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s := newTestServer(t, Config{})
	data, err := assets.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	registered := map[string]bool{}
	for _, r := range s.routes {
		key := r.Method + " " + r.Pattern
		if strings.HasPrefix(r.Pattern, "/api/") != r.API {
			t.Errorf("route %s: API flag does not match its path", key)
		}
		if !r.API {
			continue
		}
		registered[key] = true
		if !documented[key] {
			t.Errorf("route %s is not in openapi.json", key)
		}
	}
	for k := range documented {
		if !registered[k] {
			t.Errorf("openapi.json documents %s, which the server lacks", k)
		}
	}
	// And the served document is the embedded one.
	if w := do(t, s, "GET", "/api/openapi.json", "", nil); !bytes.Equal(w.Body.Bytes(), data) {
		t.Error("served OpenAPI differs")
	}
}

func TestGracefulShutdown(t *testing.T) {
	a := &ruleAnalyzer{delay: 300 * time.Millisecond}
	s := newTestServer(t, Config{Analyzer: a})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	got := make(chan int, 1)
	go func() {
		resp, err := http.Post(base+"/api/analyze", "text/plain", strings.NewReader("Title\n\nShells struck Aleppo."))
		if err != nil {
			got <- -1
			return
		}
		resp.Body.Close()
		got <- resp.StatusCode
	}()
	// Cancel while the request is in flight: it must still complete.
	deadline := time.Now().Add(5 * time.Second)
	for {
		a.mu.Lock()
		n := a.calls
		a.mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if code := <-got; code != 200 {
		t.Errorf("in-flight request: status %d", code)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after shutdown")
	}
	if _, err := http.Get(base + "/api/health"); err == nil {
		t.Error("server still answers after shutdown")
	}
	hs := s.HTTPServer()
	if hs.ReadTimeout == 0 || hs.WriteTimeout == 0 || hs.IdleTimeout == 0 || hs.ReadHeaderTimeout == 0 {
		t.Error("timeouts not set")
	}
}

func TestSafeURLAndDomain(t *testing.T) {
	for in, want := range map[string]string{
		"https://sana.sy/a": "https://sana.sy/a", "javascript:alert(1)": "", " JavaScript:alert(1)": "",
		"data:text/html,x": "", "//evil.example/x": "", "http://": "", "ftp://x.org/": "",
	} {
		if got := safeURL(in); got != want {
			t.Errorf("safeURL(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"https://WWW.Reuters.com/x": "reuters.com", "javascript:x": "", "sana.sy": ""} {
		if got := domainOf(in); got != want {
			t.Errorf("domainOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func findID(n *html.Node, id string) *html.Node {
	var found *html.Node
	eachNode(n, func(c *html.Node) {
		if found == nil && c.Type == html.ElementNode && attr(c, "id") == id {
			found = c
		}
	})
	return found
}

func eachNode(n *html.Node, f func(*html.Node)) {
	if n == nil {
		return
	}
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		eachNode(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	eachNode(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// FuzzAnalyzeRequest posts arbitrary bodies under each accepted content
// type: the API must answer 200 with a report or a 4xx JSON error, never
// a 5xx, and the page must never carry live markup from the body.
func FuzzAnalyzeRequest(f *testing.F) {
	f.Add(uint8(0), []byte(`{"text":"T\n\nShells struck Aleppo."}`))
	f.Add(uint8(1), []byte("T\n\n<script>alert(1)</script> said the ministry."))
	f.Add(uint8(2), []byte("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.html\"\r\n\r\n<html><p>x</p></html>\r\n--x--\r\n"))
	f.Add(uint8(3), []byte("text=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E"))
	f.Add(uint8(0), []byte(`{"text":"\ud800"}`))
	s := newTestServer(f, Config{MaxBody: 1 << 16})
	types := []string{"application/json", "text/plain; charset=utf-8", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"}
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		ct := types[int(kind)%len(types)]
		w := do(t, s, "POST", "/api/analyze", ct, bytes.NewReader(body))
		if w.Code >= 500 {
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("non-JSON answer %q", w.Body)
		}
		if w.Code == 200 {
			var r report.Report
			if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil || r.ID != report.HashText(r.Text) {
				t.Fatalf("bad report: %v", err)
			}
		}
		w = do(t, s, "POST", "/analyze", ct, bytes.NewReader(body))
		if w.Code >= 500 {
			t.Fatalf("page status %d", w.Code)
		}
		if strings.Contains(w.Body.String(), "<script>alert") || strings.Contains(w.Body.String(), "<img src=x") {
			t.Fatalf("live payload in page")
		}
	})
}

// TestNeverFetchesGivenURL gives the address of a live server as the
// article's URL, through every input form, and checks nothing called it.
func TestNeverFetchesGivenURL(t *testing.T) {
	var hits atomic.Int64
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer target.Close()
	s := newTestServer(t, Config{})
	u := target.URL + "/article"
	js, _ := json.Marshal(AnalyzeRequest{Text: "T\n\nShells struck Aleppo.", URL: u})
	decodeReport(t, do(t, s, "POST", "/api/analyze", "application/json", bytes.NewReader(js)))
	decodeReport(t, do(t, s, "POST", "/api/analyze?url="+url.QueryEscape(u), "text/plain", strings.NewReader("T\n\nShells struck Aleppo.")))
	ct, body := multipartBody(t, map[string]string{"url": u, "text": "T\n\nx"}, "", "")
	r := decodeReport(t, do(t, s, "POST", "/api/analyze", ct, body))
	if r.Source.URL != u {
		t.Errorf("URL not recorded: %q", r.Source.URL)
	}
	page := do(t, s, "POST", "/analyze", "application/x-www-form-urlencoded", strings.NewReader(url.Values{"text": {"T\n\nx"}, "url": {u}}.Encode()))
	if page.Code != 200 || !strings.Contains(page.Body.String(), `href="`+u+`"`) {
		t.Errorf("page should link the given URL: %d", page.Code)
	}
	time.Sleep(50 * time.Millisecond)
	if n := hits.Load(); n != 0 {
		t.Errorf("the server fetched the given URL %d times", n)
	}
}

// TestBusyAnswers503 fills the only analysis slot and checks a second
// request waits QueueWait and is then told the server is busy.
func TestBusyAnswers503(t *testing.T) {
	a := &ruleAnalyzer{delay: 400 * time.Millisecond}
	s := newTestServer(t, Config{Analyzer: a, MaxInFlight: 1, QueueWait: 50 * time.Millisecond})
	first := make(chan int, 1)
	go func() {
		first <- do(t, s, "POST", "/api/analyze", "text/plain", strings.NewReader("T\n\nx")).Code
	}()
	for {
		a.mu.Lock()
		n := a.calls
		a.mu.Unlock()
		if n > 0 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	start := time.Now()
	w := do(t, s, "POST", "/api/analyze", "text/plain", strings.NewReader("T\n\ny"))
	if w.Code != 503 || !strings.Contains(w.Body.String(), "server busy") {
		t.Errorf("second request: %d %s", w.Code, w.Body)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("second request answered after %v, before the 50ms queue wait", d)
	}
	if code := <-first; code != 200 {
		t.Errorf("first request: %d", code)
	}
}

// TestResponsesMatchOpenAPI calls every documented API operation on a
// server with a corpus and checks each 200 answer carries the required
// fields of its documented schema (and is an array where one is
// documented).
func TestResponsesMatchOpenAPI(t *testing.T) {
	rep := fullReport(t)
	s := newTestServer(t, Config{Corpus: testCorpus(rep)})
	data, err := assets.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	type schema struct {
		Ref      string   `json:"$ref"`
		Type     string   `json:"type"`
		Required []string `json:"required"`
		Items    *schema  `json:"items"`
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Responses map[string]struct {
				Content map[string]struct {
					Schema schema `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
		Components struct {
			Schemas map[string]schema `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	resolve := func(sc schema) schema {
		if sc.Ref != "" {
			name := strings.TrimPrefix(sc.Ref, "#/components/schemas/")
			got, ok := doc.Components.Schemas[name]
			if !ok {
				t.Fatalf("dangling $ref %s", sc.Ref)
			}
			return got
		}
		return sc
	}
	concrete := map[string]string{"{id}": rep.ID, "{domain}": "sana.sy"}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			target := path
			for k, v := range concrete {
				target = strings.ReplaceAll(target, k, v)
			}
			if path == "/api/stories/{id}" {
				target = "/api/stories/s1"
			}
			var w *httptest.ResponseRecorder
			if method == "post" {
				w = do(t, s, "POST", target, "text/plain", strings.NewReader(readTestdata(t, "article.txt")))
			} else {
				w = do(t, s, strings.ToUpper(method), target+"?q=aleppo", "", nil)
			}
			if w.Code != 200 {
				t.Errorf("%s %s: status %d", method, target, w.Code)
				continue
			}
			ok, documented := op.Responses["200"]
			if !documented {
				t.Errorf("%s %s: no 200 response documented", method, path)
				continue
			}
			sc := resolve(ok.Content["application/json"].Schema)
			var body any
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Errorf("%s %s: not JSON", method, path)
				continue
			}
			objs := []any{body}
			if sc.Type == "array" {
				arr, isArr := body.([]any)
				if !isArr || len(arr) == 0 {
					t.Errorf("%s %s: want a non-empty array, got %T", method, path, body)
					continue
				}
				objs, sc = arr, resolve(*sc.Items)
			}
			for _, o := range objs {
				m, isObj := o.(map[string]any)
				if !isObj {
					t.Errorf("%s %s: want an object, got %T", method, path, o)
					continue
				}
				for _, req := range sc.Required {
					if _, has := m[req]; !has {
						t.Errorf("%s %s: answer lacks required field %q", method, path, req)
					}
				}
			}
		}
	}
}
