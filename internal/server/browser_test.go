package server

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/sift-project/sift/internal/analyze"
	"github.com/sift-project/sift/internal/report"
)

// These tests drive Debian's chromium headless through chromedp. They skip
// when chromium is absent, unless SIFT_REQUIRE_BROWSER=1 (CI sets it).
// Screenshots go to $SIFT_ARTIFACTS when set, else to the test's temp dir.

func chromiumPath() string {
	if p := os.Getenv("SIFT_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// browser starts a headless chromium for one test and returns its context.
func browser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() && os.Getenv("SIFT_REQUIRE_BROWSER") != "1" {
		t.Skip("browser test in -short mode")
	}
	path := chromiumPath()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("SIFT_REQUIRE_BROWSER") == "1" {
			t.Fatalf("SIFT_REQUIRE_BROWSER=1 but no chromium at %s: %v", path, err)
		}
		t.Skipf("no chromium at %s (install Debian's chromium, or set SIFT_CHROMIUM)", path)
	}
	// The profile is removed by hand, after chromium is gone: its helper
	// processes may still write there for a moment, which t.TempDir's
	// strict cleanup reports as a failure.
	profile, err := os.MkdirTemp("", "sift-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 1500),
		chromedp.UserDataDir(profile),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelT()
		cancelC()
		cancelA()
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// dialogs records every JavaScript dialog (alert, confirm) a page opens,
// dismissing it so that the page goes on.
func dialogs(ctx context.Context) func() []string {
	var mu sync.Mutex
	var seen []string
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			seen = append(seen, e.Message)
			mu.Unlock()
			go func() { _ = chromedp.Run(ctx, page.HandleJavaScriptDialog(false)) }()
		}
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

func artefactDir(t *testing.T) string {
	if d := os.Getenv("SIFT_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	p := filepath.Join(artefactDir(t), name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	if len(png) < 8 || string(png[1:4]) != "PNG" {
		t.Errorf("screenshot %s is not a PNG", p)
	}
	t.Logf("screenshot: %s (%d bytes)", p, len(png))
}

func TestBrowserPasteHighlightsAndSpeakers(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(newTestServer(t, Config{}))
	defer srv.Close()
	art := readTestdata(t, "article.txt")

	var (
		highlights, legendItems, multi int
		firstTitle, bgT0, bgT1         string
		chips                          int
		swapped                        bool
	)
	// An empty paste shows the error in place (htmx swaps 4xx answers too).
	var alert string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible("#text", chromedp.ByID),
		chromedp.Click("#analyze", chromedp.ByID),
		chromedp.WaitVisible("#result [role=alert]", chromedp.ByQuery),
		chromedp.Text("#result [role=alert]", &alert, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(alert, "empty article") {
		t.Errorf("error shown: %q", alert)
	}
	err = chromedp.Run(ctx,
		chromedp.SetValue("#text", art, chromedp.ByID),
		chromedp.SetValue("#outlet", "SANA", chromedp.ByID),
		chromedp.Click("#analyze", chromedp.ByID),
		chromedp.WaitVisible("#manuscript .hl", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('#manuscript .hl').length`, &highlights),
		chromedp.Evaluate(`document.querySelectorAll('#legend .swatch').length`, &legendItems),
		chromedp.Evaluate(`document.querySelectorAll('#manuscript .hl.multi').length`, &multi),
		chromedp.Evaluate(`document.querySelector('#manuscript .hl').title`, &firstTitle),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('#manuscript .hl.t0')).backgroundColor`, &bgT0),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('#manuscript .hl.t1')).backgroundColor`, &bgT1),
		chromedp.Evaluate(`document.querySelectorAll('#speakers .chip').length`, &chips),
		chromedp.Evaluate(`document.querySelector('#analyze-form') !== null && document.querySelector('#result #manuscript') !== null`, &swapped),
	)
	if err != nil {
		t.Fatal(err)
	}
	// article.txt: 2× "barbaric terrorists" (Loaded Language) holding
	// "terrorists" (Name Calling), one fear appeal, one slogan.
	if legendItems != 4 {
		t.Errorf("legend has %d techniques, want 4", legendItems)
	}
	if highlights < 6 || multi != 2 {
		t.Errorf("%d highlighted pieces (%d overlapping), want >= 6 with 2 overlaps", highlights, multi)
	}
	if !strings.Contains(firstTitle, "(0.") {
		t.Errorf("hover title %q lacks technique and score", firstTitle)
	}
	if bgT0 == bgT1 || bgT0 == "" || strings.Contains(bgT0, "rgba(0, 0, 0, 0)") {
		t.Errorf("technique colours not applied: t0 %q, t1 %q", bgT0, bgT1)
	}
	if !swapped {
		t.Error("the report should be swapped into the page by htmx, below the form")
	}
	if chips != 4 {
		t.Errorf("%d speaker chips, want 4 (ministry, Some sources, Fares Shehabi, Activists)", chips)
	}

	// Click Fares Shehabi's chip: his panel opens and his words are marked.
	var (
		panelText, pressed string
		active             []string
		panelHidden        bool
	)
	err = chromedp.Run(ctx,
		chromedp.Click(`//button[contains(@class,"chip")][contains(., "Fares Shehabi")]`, chromedp.BySearch),
		chromedp.WaitVisible(`.speaker-panel:not([hidden])`, chromedp.ByQuery),
		chromedp.Text(`.speaker-panel:not([hidden])`, &panelText, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('#manuscript .active')].map(e => e.textContent)`, &active),
		chromedp.Evaluate(`document.querySelector('.chip[aria-pressed=true]').textContent`, &pressed),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(panelText, "Fares Shehabi") || !strings.Contains(panelText, "would never surrender") {
		t.Errorf("speaker panel: %q", panelText)
	}
	if joined := strings.Join(active, ""); !strings.Contains(joined, "Fares Shehabi") || !strings.Contains(joined, "never surrender") || strings.Contains(joined, "bakery") {
		t.Errorf("marked text for Fares Shehabi: %q", joined)
	}
	if !strings.Contains(pressed, "Fares Shehabi") {
		t.Errorf("pressed chip %q", pressed)
	}
	screenshot(t, ctx, "sift-article.png")

	// Clicking the chip again clears the selection.
	err = chromedp.Run(ctx,
		chromedp.Click(`//button[contains(@class,"chip")][contains(., "Fares Shehabi")]`, chromedp.BySearch),
		chromedp.Evaluate(`document.querySelectorAll('.speaker-panel:not([hidden])').length === 0 && document.querySelectorAll('#manuscript .active').length === 0`, &panelHidden),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !panelHidden {
		t.Error("second click did not clear the speaker selection")
	}

	// "show in text" on the sourcing reason lights up its evidence, the
	// two vague sources, and nothing else.
	err = chromedp.Run(ctx,
		chromedp.Click(`button[data-ref="r1"]`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('#manuscript .active')].map(e => e.textContent)`, &active),
	)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(active, "|") != "Some sources|Activists" {
		t.Errorf("reason evidence lit: %q", active)
	}
}

// TestBrowserXSS pastes and uploads hostile articles and opens corpus
// pages with hostile metadata, with the page's CSP bypassed so that
// escaping alone must keep every payload inert.
func TestBrowserXSS(t *testing.T) {
	ctx := browser(t)
	seen := dialogs(ctx)
	rep := fullReport(t)
	real, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(newTestServer(t, Config{Corpus: testCorpus(rep)}))
	defer srv.Close()
	realSrv := httptest.NewServer(newTestServer(t, Config{Analyzer: real}))
	defer realSrv.Close()
	xss := readTestdata(t, "xss.txt")
	upload := filepath.Join(t.TempDir(), "hostile.html")
	if err := os.WriteFile(upload, []byte(`<html><head><title>x</title><script>window.__xss='upload-head'</script></head><body><h1>Hostile <img src=x onerror="window.__xss='upload-img'"></h1><p>`+xss+`</p></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}

	// inert checks that no payload ran and no payload became markup.
	inert := func(where string, shown string) {
		t.Helper()
		var res struct {
			XSS      any    `json:"xss"`
			Imgs     int    `json:"imgs"`
			Handlers int    `json:"handlers"`
			JSLinks  int    `json:"jslinks"`
			Scripts  int    `json:"scripts"`
			Text     string `json:"text"`
		}
		err := chromedp.Run(ctx, chromedp.Evaluate(`({
			xss: window.__xss === undefined ? null : String(window.__xss),
			imgs: document.querySelectorAll('main img, main iframe, main object, main embed, main svg:not(.chart)').length,
			handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
			jslinks: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length,
			scripts: [...document.scripts].filter(s => !s.src.startsWith(location.origin + '/static/')).length,
			text: document.querySelector('main').textContent,
		})`, &res))
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if res.XSS != nil || res.Imgs != 0 || res.Handlers != 0 || res.JSLinks != 0 || res.Scripts != 0 {
			t.Errorf("%s: payload live: __xss=%v imgs=%d handlers=%d javascript-links=%d scripts=%d", where, res.XSS, res.Imgs, res.Handlers, res.JSLinks, res.Scripts)
		}
		if d := seen(); len(d) > 0 {
			t.Errorf("%s: dialogs opened: %q", where, d)
		}
		if !strings.Contains(res.Text, shown) {
			t.Errorf("%s: payload %q should be shown as text", where, shown)
		}
	}

	// 1. Paste, with hostile title, outlet and a javascript: URL.
	err = chromedp.Run(ctx,
		page.SetBypassCSP(true),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible("#text", chromedp.ByID),
		chromedp.SetValue("#text", xss, chromedp.ByID),
		chromedp.SetValue("#title", `<script>window.__xss='title'</script><img src=x onerror="window.__xss='title-img'">`, chromedp.ByID),
		chromedp.SetValue("#outlet", `"><svg onload="window.__xss='outlet'">`, chromedp.ByID),
		chromedp.SetValue("#url", `javascript:window.__xss='url'`, chromedp.ByID),
		chromedp.Click("#analyze", chromedp.ByID),
		chromedp.WaitVisible("#manuscript", chromedp.ByID),
		chromedp.Sleep(200*time.Millisecond),
	)
	if err != nil {
		t.Fatal(err)
	}
	inert("pasted article", "<script>window.__xss")
	// Hover and click what there is to click: highlights, chips, links.
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelectorAll('#manuscript span').forEach(e => { e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); e.click(); }); document.querySelectorAll('.chip').forEach(c => c.click()); true`, nil),
		chromedp.Sleep(200*time.Millisecond),
	)
	if err != nil {
		t.Fatal(err)
	}
	inert("pasted article after clicks", `<img src=x onerror="window.__xss='body-img'">`)
	screenshot(t, ctx, "sift-xss.png")

	// 2. Upload a hostile HTML page to the real analyzer.
	err = chromedp.Run(ctx,
		chromedp.Navigate(realSrv.URL+"/"),
		chromedp.WaitVisible("#file", chromedp.ByID),
		chromedp.SetUploadFiles("#file", []string{upload}, chromedp.ByID),
		chromedp.Click("#analyze", chromedp.ByID),
		chromedp.WaitVisible("#manuscript", chromedp.ByID),
		chromedp.Sleep(200*time.Millisecond),
	)
	if err != nil {
		t.Fatal(err)
	}
	inert("uploaded HTML", "Hostile")

	// 3. Corpus pages whose stored metadata carry payloads.
	for p, shown := range map[string]string{"/outlets/sana.sy": "SANA <script>", "/stories/s1": "<b>Aleppo</b>", "/search?q=aleppo": "Militants"} {
		if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady("main", chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		inert(p, shown)
	}
}

// TestBrowserRealPipeline pastes the bundled example into a server running
// the real analyzer and checks the page shows what the API reports for the
// same text: every technique in the legend, one chip per speaker, one row
// per event, the scores. It holds whichever stages have landed.
func TestBrowserRealPipeline(t *testing.T) {
	ctx := browser(t)
	a, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(newTestServer(t, Config{Analyzer: a}))
	defer srv.Close()
	art, err := os.ReadFile("../../examples/jet-downed.txt")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Text(string(art), report.Source{}, "")
	if err != nil {
		t.Fatal(err)
	}
	techs := map[string]bool{}
	for _, tc := range rep.Techniques {
		techs[tc.Technique] = true
	}
	speakers := map[string]bool{}
	for _, at := range rep.Attributions {
		name := at.SourceName
		if name == "" && at.Source != nil {
			name = at.Source.Text
		}
		if name == "" {
			name = "(unnamed: " + at.SourceType + ")"
		}
		speakers[name] = true
	}
	var got struct {
		Legend, Chips, Events, Highlights, Meters int
		Title, Text                               string
	}
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible("#text", chromedp.ByID),
		chromedp.SetValue("#text", string(art), chromedp.ByID),
		chromedp.Click("#analyze", chromedp.ByID),
		chromedp.WaitVisible("#manuscript", chromedp.ByID),
		chromedp.Evaluate(`({
			legend: document.querySelectorAll('#legend .swatch').length,
			chips: document.querySelectorAll('#speakers .chip').length,
			events: document.querySelectorAll('#events tbody tr').length,
			highlights: document.querySelectorAll('#manuscript .hl').length,
			meters: document.querySelectorAll('#scores meter').length,
			title: document.querySelector('.article-title').textContent,
			text: document.querySelector('#manuscript').textContent,
		})`, &got),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != rep.Title || got.Text != rep.Text {
		t.Errorf("page shows title %q and %d chars of text; report has %q and %d", got.Title, len(got.Text), rep.Title, len(rep.Text))
	}
	if got.Legend != len(techs) || (len(techs) > 0) != (got.Highlights > 0) {
		t.Errorf("legend %d, highlights %d; report has %d techniques", got.Legend, got.Highlights, len(techs))
	}
	if got.Chips != len(speakers) {
		t.Errorf("%d chips for %d speakers", got.Chips, len(speakers))
	}
	if got.Events != len(rep.Events) {
		t.Errorf("%d event rows for %d events", got.Events, len(rep.Events))
	}
	if (rep.Scores != nil) != (got.Meters == 3) {
		t.Errorf("%d score meters, scores present: %v", got.Meters, rep.Scores != nil)
	}
	t.Logf("real pipeline: %d techniques, %d speakers, %d events", len(techs), len(speakers), len(rep.Events))
	screenshot(t, ctx, "sift-real.png")
}
