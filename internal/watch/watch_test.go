package watch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/read"
)

// site is a loopback news site with feeds and pages, recording requests.
type site struct {
	srv *httptest.Server
	mu  sync.Mutex
	// reqs logs every request: path and its start and end times.
	reqs     []request
	active   int
	overlap  bool
	rssItems []string // slugs in the RSS feed
	etag     string
}

type request struct {
	path       string
	start, end time.Time
	status     int
}

func page(title, para string) string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>` + title + `</h1><p>` + para + `</p>
<p>Officials said the figures could not be independently verified.</p></article><footer>© Test News</footer></body></html>`
}

func newSite(t *testing.T) *site {
	s := &site{rssItems: []string{"a1", "a2", "a3"}, etag: `"v1"`}
	mux := http.NewServeMux()
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		items, etag := slices.Clone(s.rssItems), s.etag
		s.mu.Unlock()
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Levant Monitor</title><link>`+s.srv.URL+`/</link>`)
		for i, slug := range items {
			link := s.srv.URL + "/news/" + slug
			if i == 1 {
				link = "/news/" + slug // relative link
			}
			fmt.Fprintf(w, `<item><title>Story %s</title><link>%s</link><guid>urn:levant:%s</guid><pubDate>Tue, 27 Sep 2016 08:14:00 GMT</pubDate><author>desk@levant.example (Rana Haddad)</author></item>`, slug, link, slug)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/atom.xml", func(w http.ResponseWriter, r *http.Request) {
		const lm = "Mon, 06 Mar 2017 10:00:00 GMT"
		if r.Header.Get("If-Modified-Since") == lm {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", lm)
		fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Frontline Daily</title>
<entry><title>Air strikes hit hospital</title><link href="`+s.srv.URL+`/news/idlib"/><id>tag:frontline,2017:idlib</id><updated>2017-05-05T10:00:00Z</updated><author><name>Staff</name></author></entry>
<entry><title>Also in RSS</title><link href="`+s.srv.URL+`/news/a1"/><id>tag:frontline,2017:dup</id><updated>2017-05-05T10:00:00Z</updated></entry>
<entry><title>Gone</title><link href="`+s.srv.URL+`/news/gone"/><id>tag:frontline,2017:gone</id><updated>2017-05-05T10:00:00Z</updated></entry>
<entry><title>Busy</title><link href="`+s.srv.URL+`/news/busy"/><id>tag:frontline,2017:busy</id><updated>2017-05-05T10:00:00Z</updated></entry>
<entry><title>Huge</title><link href="`+s.srv.URL+`/news/huge"/><id>tag:frontline,2017:huge</id><updated>2017-05-05T10:00:00Z</updated></entry>
</feed>`)
	})
	mux.HandleFunc("/feed.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/feed+json")
		fmt.Fprint(w, `{"version":"https://jsonfeed.org/version/1.1","title":"Kyiv Wire","items":[{"id":"kw-1","url":"`+s.srv.URL+`/news/donetsk","title":"Ceasefire violations near Donetsk","date_published":"2017-01-29T09:00:00Z"}]}`)
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal error", http.StatusInternalServerError)
	})
	mux.HandleFunc("/garbage.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "\x00\x01<html>this is not a feed at all</html>")
	})
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	mux.HandleFunc("/news/", func(w http.ResponseWriter, r *http.Request) {
		slug := strings.TrimPrefix(r.URL.Path, "/news/")
		switch slug {
		case "gone":
			http.NotFound(w, r)
		case "busy":
			http.Error(w, "slow down", http.StatusTooManyRequests)
		case "huge":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body><p>"+strings.Repeat("long ", 30_000)+"</p></body></html>")
		case "idlib":
			// Windows-1252, declared in the header: ’ is 0x92.
			w.Header().Set("Content-Type", "text/html; charset=windows-1252")
			fmt.Fprint(w, page("Air strikes hit hospital in Idlib", "The building\x92s ground floor was destroyed."))
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page("Story "+slug, "Report number "+slug+" from the front line."))
		}
	})
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.active++
		if s.active > 1 {
			s.overlap = true
		}
		i := len(s.reqs)
		s.reqs = append(s.reqs, request{path: r.URL.Path, start: time.Now()})
		s.mu.Unlock()
		rec := &statusWriter{ResponseWriter: w, status: 200}
		mux.ServeHTTP(rec, r)
		s.mu.Lock()
		s.active--
		s.reqs[i].end, s.reqs[i].status = time.Now(), rec.status
		s.mu.Unlock()
	}))
	t.Cleanup(s.srv.Close)
	return s
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(c int) { w.status = c; w.ResponseWriter.WriteHeader(c) }

func (s *site) requests(prefix string) []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []request
	for _, r := range s.reqs {
		if strings.HasPrefix(r.path, prefix) {
			out = append(out, r)
		}
	}
	return out
}

func (s *site) feeds(names ...string) []Feed {
	var fs []Feed
	for _, n := range names {
		fs = append(fs, Feed{URL: s.srv.URL + "/" + n})
	}
	return fs
}

type fakeSink struct {
	mu    sync.Mutex
	items []read.Item
	calls int
	fail  error
}

func (f *fakeSink) Ingest(ctx context.Context, items []read.Item) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.fail != nil {
		return f.fail
	}
	f.items = append(f.items, items...)
	return nil
}

func (f *fakeSink) urls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, it := range f.items {
		out = append(out, it.Source.URL)
	}
	slices.Sort(out)
	return out
}

func testOptions() Options {
	return Options{HostDelay: 15 * time.Millisecond, Timeout: 400 * time.Millisecond, MaxPageBytes: 100_000, BatchSize: 2}
}

func TestPollIngestsNewPages(t *testing.T) {
	s := newSite(t)
	sink := &fakeSink{}
	w := New(s.feeds("rss.xml", "atom.xml", "feed.json", "broken.xml", "garbage.xml", "slow.xml"), sink, NewState(), testOptions())
	st, err := w.Poll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	u := s.srv.URL + "/news/"
	want := []string{u + "a1", u + "a2", u + "a3", u + "donetsk", u + "idlib"}
	if got := sink.urls(); !slices.Equal(got, want) {
		t.Errorf("ingested %v\nwant %v", got, want)
	}
	// a1 appears in two feeds: fetched and ingested once.
	wantSt := Stats{Feeds: 6, FeedErrors: 3, NewItems: 7, Ingested: 5, PageErrors: 3}
	if st.Feeds != wantSt.Feeds || st.FeedErrors != wantSt.FeedErrors || st.Ingested != wantSt.Ingested || st.PageErrors != wantSt.PageErrors {
		t.Errorf("stats %+v, want %+v", st, wantSt)
	}
	for _, it := range sink.items {
		if it.Kind != read.HTML || !strings.Contains(it.Body, "</article>") {
			t.Errorf("%s: not the page: %.80q", it.Source.URL, it.Body)
		}
		switch it.Source.URL {
		case u + "idlib":
			if !strings.Contains(it.Body, "building’s ground floor") {
				t.Errorf("windows-1252 page not decoded: %q", it.Body)
			}
			if it.Source.Outlet != "Frontline Daily" || it.Published != "2017-05-05" {
				t.Errorf("idlib metadata: %+v %q", it.Source, it.Published)
			}
		case u + "a3":
			if it.Title != "Story a3" || it.Published != "2016-09-27" || len(it.Byline) != 1 || it.Byline[0] != "Rana Haddad" {
				t.Errorf("a3 metadata: title %q published %q byline %q", it.Title, it.Published, it.Byline)
			}
		}
	}
	if s.overlap {
		t.Error("two requests to one host ran at once")
	}
	reqs := s.requests("/")
	slices.SortFunc(reqs, func(a, b request) int { return a.start.Compare(b.start) })
	for i := 1; i < len(reqs); i++ {
		// Start to start: the client's delay runs from when it finished
		// reading, which the server only sees approximately.
		if gap := reqs[i].start.Sub(reqs[i-1].start); gap < 15*time.Millisecond {
			t.Errorf("only %v between %s and %s", gap, reqs[i-1].path, reqs[i].path)
		}
	}
	if fs := w.State().Feeds[s.srv.URL+"/slow.xml"]; fs == nil || fs.LastError == "" {
		t.Errorf("slow feed's error not recorded: %+v", fs)
	}
}

func TestConditionalGetAndSeen(t *testing.T) {
	s := newSite(t)
	sink := &fakeSink{}
	path := filepath.Join(t.TempDir(), "watch.json")
	w := New(s.feeds("rss.xml", "atom.xml"), sink, NewState(), testOptions())
	if _, err := w.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := w.State().Save(path); err != nil {
		t.Fatal(err)
	}
	first := len(sink.items)
	pagesBefore := len(s.requests("/news/"))

	// A new watcher from the saved state: the RSS feed answers 304; the
	// Atom feed is fetched whole again because one of its pages (429)
	// is to be retried, and only that page is fetched.
	state, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	w = New(s.feeds("rss.xml", "atom.xml"), sink, state, testOptions())
	st, err := w.Poll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.NotModified != 1 || st.NewItems != 1 || st.PageErrors != 1 || len(sink.items) != first {
		t.Errorf("second poll: %+v, %d items (had %d)", st, len(sink.items), first)
	}
	pagesBefore++ // the 429 page
	if n := len(s.requests("/news/")); n != pagesBefore {
		t.Errorf("pages fetched again: %d requests, had %d: %v", n, pagesBefore, s.requests("/news/"))
	}
	// The feed changes: only the new item is fetched.
	s.mu.Lock()
	s.rssItems = append(s.rssItems, "a4")
	s.etag = `"v2"`
	s.mu.Unlock()
	st, err = w.Poll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Ingested != 1 || sink.items[len(sink.items)-1].Source.URL != s.srv.URL+"/news/a4" {
		t.Errorf("third poll: %+v", st)
	}
	if n := len(s.requests("/news/")); n != pagesBefore+2 { // a4, and the 429 again
		t.Errorf("%d page requests, want %d", n, pagesBefore+2)
	}
	// The 404 page is remembered as seen, not retried; the 429 is retried.
	if !w.State().seen(s.srv.URL + "/news/gone") {
		t.Error("a 404 item is retried")
	}
	if w.State().seen(s.srv.URL + "/news/busy") {
		t.Error("a 429 item is not retried")
	}
}

func TestSinkFailureKeepsItemsUnseen(t *testing.T) {
	s := newSite(t)
	sink := &fakeSink{fail: errors.New("disk full")}
	w := New(s.feeds("rss.xml"), sink, NewState(), testOptions())
	if _, err := w.Poll(context.Background()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("want the sink's error, got %v", err)
	}
	if w.State().seen(s.srv.URL + "/news/a1") {
		t.Error("an item the sink refused is marked seen")
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	s := newSite(t)
	sink := &fakeSink{}
	w := New(s.feeds("feed.json"), sink, NewState(), testOptions())
	ctx, cancel := context.WithCancel(context.Background())
	polls := 0
	done := make(chan error)
	go func() {
		done <- w.Run(ctx, 20*time.Millisecond, func(Stats) {
			polls++
			if polls == 3 {
				cancel()
			}
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop")
	}
	if polls != 3 || len(sink.items) != 1 {
		t.Errorf("%d polls, %d items", polls, len(sink.items))
	}
}

func TestParseFeeds(t *testing.T) {
	opml := `<?xml version="1.0"?><opml version="2.0"><head><title>War desks</title></head><body>
<outline text="Syria"><outline text="Levant Monitor" type="rss" xmlUrl="https://levant.example/rss.xml"/>
<outline title="Frontline" xmlUrl="http://frontline.example/atom.xml"/></outline>
<outline text="dup" xmlUrl="https://levant.example/rss.xml"/></body></opml>`
	fs, err := ParseFeeds("feeds.opml", []byte(opml))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].URL != "https://levant.example/rss.xml" || fs[0].Title != "Levant Monitor" || fs[1].Title != "Frontline" {
		t.Errorf("OPML feeds %+v", fs)
	}
	fs, err = ParseFeeds("urls.txt", []byte("# war desks\nhttps://a.example/feed\n\n  http://b.example/rss  \n"))
	if err != nil || len(fs) != 2 || fs[1].URL != "http://b.example/rss" {
		t.Errorf("text feeds %+v %v", fs, err)
	}
	if _, err := ParseFeeds("urls.txt", []byte("https://a.example/feed\nftp://x/y\n")); err == nil || !strings.Contains(err.Error(), "urls.txt:2") {
		t.Errorf("bad line not named: %v", err)
	}
	if _, err := ParseFeeds("bad.opml", []byte("<opml><body><outline xmlUrl='not a url'/></body></opml>")); err == nil {
		t.Error("bad OPML URL accepted")
	}
	if _, err := ParseFeeds("empty.txt", []byte("# nothing\n")); err == nil {
		t.Error("empty list accepted")
	}
}

func FuzzParseFeeds(f *testing.F) {
	f.Add([]byte(`<opml><body><outline xmlUrl="https://a.example/f"/></body></opml>`))
	f.Add([]byte("https://a.example/feed\n# c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := ParseFeeds("f", data)
		if err == nil && len(fs) == 0 {
			t.Fatal("no feeds and no error")
		}
	})
}
