package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/store"
)

func TestRunWatchOnce(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/rss":
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>Levant Monitor</title>
<item><title>Shelling kills 12 in Aleppo</title><link>%[1]s/a/1</link><guid>g1</guid></item>
<item><title>Talks stall in Geneva</title><link>%[1]s/a/2</link><guid>g2</guid></item></channel></rss>`, srv.URL)
		case strings.HasPrefix(r.URL.Path, "/a/"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><title>Story %s</title></head><body><article><h1>Story %s</h1>
<p>At least 12 civilians were killed on Tuesday when shells struck a market, according to the Syrian Observatory for Human Rights.</p>
<p>The figures could not be independently verified, the monitor said in a statement.</p></article></body></html>`, r.URL.Path, r.URL.Path)
		default:
			http.Error(w, "boom", 500)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	list := filepath.Join(dir, "feeds.txt")
	os.WriteFile(list, []byte("# test feeds\n"+srv.URL+"/rss\n"+srv.URL+"/broken\n"), 0o644)
	opts := watchOptions{once: true, print: true, state: filepath.Join(dir, "state.json"), delay: time.Millisecond, timeout: 2 * time.Second, format: "json"}
	var out, errb bytes.Buffer
	err := runWatch(context.Background(), opts, list, nil, &out, &errb)
	if !errors.Is(err, errSomeFailed) {
		t.Errorf("a failed feed must give errSomeFailed, got %v", err)
	}
	var urls []string
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			Source struct{ URL string } `json:"source"`
			Text   string               `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bad JSON line: %v", err)
		}
		if !strings.Contains(r.Text, "Syrian Observatory") {
			t.Errorf("report text %q", r.Text)
		}
		urls = append(urls, r.Source.URL)
	}
	if len(urls) != 2 {
		t.Errorf("reports for %v, want 2; stderr:\n%s", urls, errb.String())
	}
	if !strings.Contains(errb.String(), "feed failed") || !strings.Contains(errb.String(), "poll done") {
		t.Errorf("stderr:\n%s", errb.String())
	}
	// The state remembers the items: a second run prints nothing.
	out.Reset()
	runWatch(context.Background(), opts, list, nil, &out, &errb)
	if out.Len() != 0 {
		t.Errorf("items analysed twice:\n%s", out.String())
	}
	if err := runWatch(context.Background(), opts, filepath.Join(dir, "missing.txt"), nil, &out, &errb); !errors.As(err, new(usageError)) {
		t.Errorf("missing feed list: %v", err)
	}

	// Into the store: both articles are stored, the state sits next to
	// the database, and a second poll adds nothing.
	db := filepath.Join(dir, "corpus.db")
	sopts := watchOptions{once: true, db: db, delay: time.Millisecond, timeout: 2 * time.Second}
	out.Reset()
	if err := runWatch(context.Background(), sopts, list, nil, &out, &errb); !errors.Is(err, errSomeFailed) {
		t.Errorf("store run: %v", err)
	}
	if _, err := os.Stat(db + ".watch.json"); err != nil {
		t.Errorf("state not next to the database: %v", err)
	}
	runWatch(context.Background(), sopts, list, nil, &out, &errb)
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.Count(context.Background()); err != nil || n != 2 {
		t.Errorf("store holds %d reports (%v), want 2; stderr:\n%s", n, err, errb.String())
	}
}
