// Package watch polls news feeds (RSS, Atom, JSON Feed), fetches the pages
// of new items and hands them on for ingestion.
//
// It is a polite, robust poller: conditional GET (ETag, Last-Modified, 304),
// one request at a time per host with a minimum delay between requests,
// bounded body sizes and timeouts everywhere, and a feed that times out,
// fails or returns garbage is logged and retried at the next poll without
// stopping the others. Items already ingested are remembered by GUID and
// URL in a State.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/warc"
)

// Sink receives the pages of new feed items. Ingest is called from one
// goroutine at a time.
type Sink interface {
	Ingest(ctx context.Context, items []read.Item) error
}

// Options tune the watcher; zero values take the defaults.
type Options struct {
	// HostDelay is the least time between two requests to one host
	// (default 1s).
	HostDelay time.Duration
	// Timeout bounds each request, body included (default 20s).
	Timeout time.Duration
	// MaxFeedBytes bounds a feed document (default 10 MiB).
	MaxFeedBytes int64
	// MaxPageBytes bounds an article page (default 8 MiB).
	MaxPageBytes int64
	// Parallel is how many feeds are polled at once (default 8); requests
	// to one host are still made one at a time.
	Parallel int
	// BatchSize is the number of items per Sink.Ingest call (default 32).
	BatchSize int
	// UserAgent is sent with every request.
	UserAgent string
	// Client makes the requests (default: a client with Timeout).
	Client *http.Client
	// Log receives one line per failed feed or page (default: discarded).
	Log *slog.Logger
}

func (o *Options) defaults() {
	if o.HostDelay == 0 {
		o.HostDelay = time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 20 * time.Second
	}
	if o.MaxFeedBytes <= 0 {
		o.MaxFeedBytes = 10 << 20
	}
	if o.MaxPageBytes <= 0 {
		o.MaxPageBytes = 8 << 20
	}
	if o.Parallel <= 0 {
		o.Parallel = 8
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 32
	}
	if o.UserAgent == "" {
		o.UserAgent = "sift-watch/1 (+offline news analysis)"
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: o.Timeout}
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
}

// Stats count one poll.
type Stats struct {
	Feeds       int `json:"feeds"`        // feeds polled
	NotModified int `json:"not_modified"` // feeds that answered 304
	FeedErrors  int `json:"feed_errors"`  // feeds that failed (timeout, HTTP error, garbage)
	NewItems    int `json:"new_items"`    // items not seen before
	Ingested    int `json:"ingested"`     // pages handed to the sink
	PageErrors  int `json:"page_errors"`  // item pages that could not be fetched
}

// Watcher polls a fixed list of feeds.
type Watcher struct {
	feeds []Feed
	sink  Sink
	state *State
	opts  Options
	gate  *hostGate
}

// New returns a watcher of feeds that hands new pages to sink and keeps
// its memory in state.
func New(feeds []Feed, sink Sink, state *State, opts Options) *Watcher {
	opts.defaults()
	if state == nil {
		state = NewState()
	}
	return &Watcher{feeds: feeds, sink: sink, state: state, opts: opts, gate: newHostGate(opts.HostDelay)}
}

// State returns the watcher's memory (to save it).
func (w *Watcher) State() *State { return w.state }

// errPermanent marks a page failure not worth retrying (a 4xx, not HTML).
var errPermanent = errors.New("permanent")

type found struct {
	item read.Item
	keys []string
}

// Poll polls every feed once, fetches the pages of new items and ingests
// them. Failed feeds and pages are counted and logged; the error is only
// for a failing sink or a cancelled context.
func (w *Watcher) Poll(ctx context.Context) (Stats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var st Stats
	var mu sync.Mutex // guards st
	count := func(f func(*Stats)) { mu.Lock(); f(&st); mu.Unlock() }
	// claimed holds the keys of items taken by a feed in this poll, so an
	// article in two feeds is fetched once.
	claimed := map[string]bool{}
	claim := func(keys []string) bool {
		mu.Lock()
		defer mu.Unlock()
		for _, k := range keys {
			if claimed[k] {
				return false
			}
		}
		for _, k := range keys {
			claimed[k] = true
		}
		return true
	}

	out := make(chan found)
	feeds := make(chan Feed)
	var wg sync.WaitGroup
	for range min(w.opts.Parallel, len(w.feeds)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range feeds {
				w.pollFeed(ctx, f, out, count, claim)
			}
		}()
	}
	go func() {
		defer close(out)
		defer wg.Wait()
		defer close(feeds)
		for _, f := range w.feeds {
			select {
			case feeds <- f:
			case <-ctx.Done():
				return
			}
		}
	}()

	// One collector batches items for the sink.
	var batch []found
	var sinkErr error
	flush := func() {
		if len(batch) == 0 || sinkErr != nil {
			batch = batch[:0]
			return
		}
		items := make([]read.Item, len(batch))
		for i, f := range batch {
			items[i] = f.item
		}
		if err := w.sink.Ingest(ctx, items); err != nil {
			sinkErr = fmt.Errorf("ingest: %w", err)
			cancel()
		} else {
			now := time.Now()
			for _, f := range batch {
				w.state.markSeen(now, f.keys...)
			}
			count(func(s *Stats) { s.Ingested += len(items) })
		}
		batch = batch[:0]
	}
	for f := range out {
		batch = append(batch, f)
		if len(batch) >= w.opts.BatchSize {
			flush()
		}
	}
	flush()
	if sinkErr != nil {
		return st, sinkErr
	}
	return st, ctx.Err()
}

// Run polls every `every` until ctx is done, calling after (when not nil)
// with each poll's stats. It returns the sink's error, or nil when ctx is
// cancelled.
func (w *Watcher) Run(ctx context.Context, every time.Duration, after func(Stats)) error {
	for {
		st, err := w.Poll(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if after != nil {
			after(st)
		}
		if err != nil {
			return err
		}
		t := time.NewTimer(every)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return strings.ToLower(p.Host)
}

// get makes one polite, bounded GET: it returns the response with its
// body read (at most max bytes; more is an error).
func (w *Watcher) get(ctx context.Context, u string, hdr http.Header, max int64) (*http.Response, []byte, error) {
	var resp *http.Response
	var body []byte
	err := w.gate.do(ctx, hostOf(u), func() error {
		ctx, cancel := context.WithTimeout(ctx, w.opts.Timeout)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return fmt.Errorf("%w: %v", errPermanent, err)
		}
		for k, v := range hdr {
			req.Header[k] = v
		}
		req.Header.Set("User-Agent", w.opts.UserAgent)
		resp, err = w.opts.Client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err = io.ReadAll(io.LimitReader(resp.Body, max+1))
		if err != nil {
			return fmt.Errorf("read body: %w", err)
		}
		if int64(len(body)) > max {
			return fmt.Errorf("%w: body over the %d-byte limit", errPermanent, max)
		}
		return nil
	})
	return resp, body, err
}

func (w *Watcher) pollFeed(ctx context.Context, f Feed, out chan<- found, count func(func(*Stats)), claim func([]string) bool) {
	count(func(s *Stats) { s.Feeds++ })
	fs := w.state.feed(f.URL)
	fail := func(err error) {
		count(func(s *Stats) { s.FeedErrors++ })
		fs.LastError = err.Error()
		w.opts.Log.Warn("feed failed", "feed", f.URL, "err", err)
	}
	hdr := http.Header{}
	if fs.ETag != "" {
		hdr.Set("If-None-Match", fs.ETag)
	}
	if fs.LastModified != "" {
		hdr.Set("If-Modified-Since", fs.LastModified)
	}
	hdr.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8")
	resp, body, err := w.get(ctx, f.URL, hdr, w.opts.MaxFeedBytes)
	fs.LastPoll = time.Now().UTC()
	if err != nil {
		if ctx.Err() == nil {
			fail(err)
		}
		return
	}
	if resp.StatusCode == http.StatusNotModified {
		count(func(s *Stats) { s.NotModified++ })
		fs.LastError = ""
		return
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		fail(fmt.Errorf("HTTP %s", resp.Status))
		return
	}
	feed, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		fail(fmt.Errorf("parse: %w", err))
		return
	}
	fs.LastError = ""
	fs.ETag = resp.Header.Get("ETag")
	fs.LastModified = resp.Header.Get("Last-Modified")
	base, _ := url.Parse(f.URL)
	outlet := f.Title
	if outlet == "" {
		outlet = strings.TrimSpace(feed.Title)
	}
	retry := false // a page failed for now: fetch the whole feed next time
	defer func() {
		if retry {
			fs.ETag, fs.LastModified = "", ""
		}
	}()
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		link := strings.TrimSpace(it.Link)
		if link != "" && base != nil {
			if u, err := base.Parse(link); err == nil {
				link = u.String()
			}
		}
		guid := strings.TrimSpace(it.GUID)
		keys := []string{}
		if guid != "" {
			keys = append(keys, "guid:"+guid)
		}
		if link != "" {
			keys = append(keys, link)
		}
		if len(keys) == 0 || w.state.seen(keys...) || !claim(keys) {
			continue
		}
		count(func(s *Stats) { s.NewItems++ })
		ri, err := w.page(ctx, link, it, outlet)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			count(func(s *Stats) { s.PageErrors++ })
			w.opts.Log.Warn("page failed", "feed", f.URL, "url", link, "err", err)
			if errors.Is(err, errPermanent) {
				w.state.markSeen(time.Now(), keys...)
			} else {
				retry = true
			}
			continue
		}
		select {
		case out <- found{item: ri, keys: keys}:
		case <-ctx.Done():
			return
		}
	}
}

// page fetches an item's page; when that fails, an item whose feed entry
// carries the full article (content:encoded, Atom content) is used as it.
func (w *Watcher) page(ctx context.Context, link string, it *gofeed.Item, outlet string) (read.Item, error) {
	ri := read.Item{
		Kind:      read.HTML,
		Title:     strings.TrimSpace(it.Title),
		Published: it.Published,
		Source:    report.Source{Path: link, URL: link, Outlet: outlet},
	}
	for _, a := range it.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			ri.Byline = append(ri.Byline, strings.TrimSpace(a.Name))
		}
	}
	if it.PublishedParsed != nil {
		ri.Published = it.PublishedParsed.UTC().Format("2006-01-02")
	}
	var err error
	if link == "" {
		err = fmt.Errorf("%w: item has no link", errPermanent)
	} else {
		var body []byte
		var resp *http.Response
		resp, body, err = w.get(ctx, link, http.Header{"Accept": {"text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}}, w.opts.MaxPageBytes)
		if err == nil {
			err = checkPage(resp, body)
		}
		if err == nil {
			ri.Source.URL = resp.Request.URL.String()
			mt, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
			_ = mt
			cs := params["charset"]
			if cs == "" {
				cs = warc.MetaCharset(body)
			}
			ri.Body = read.Decode(body, cs)
			return ri, nil
		}
	}
	if len(it.Content) >= 500 {
		ri.Body = it.Content
		return ri, nil
	}
	return ri, err
}

func checkPage(resp *http.Response, body []byte) error {
	switch c := resp.StatusCode; {
	case c >= 200 && c <= 299:
	case c == http.StatusRequestTimeout || c == http.StatusTooEarly || c == http.StatusTooManyRequests:
		return fmt.Errorf("HTTP %s", resp.Status) // try again at the next poll
	case c >= 400 && c <= 499:
		return fmt.Errorf("%w: HTTP %s", errPermanent, resp.Status)
	default:
		return fmt.Errorf("HTTP %s", resp.Status)
	}
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	if ct != "" && !strings.Contains(ct, "html") {
		return fmt.Errorf("%w: not an HTML page (%s)", errPermanent, ct)
	}
	if read.IsBinary(body) {
		return fmt.Errorf("%w: binary data, not a page", errPermanent)
	}
	return nil
}
