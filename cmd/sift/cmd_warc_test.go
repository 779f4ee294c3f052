package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/store"
	"github.com/sift-project/sift/internal/warc"
)

// writeTestWARC writes a .warc.gz of the news pages in
// internal/warc/testdata/pages with a gzip member cut in half among them.
func writeTestWARC(t *testing.T) (string, int) {
	t.Helper()
	pages, err := filepath.Glob("../../internal/warc/testdata/pages/*.html")
	if err != nil || len(pages) < 4 {
		t.Fatalf("test pages: %v", err)
	}
	var buf bytes.Buffer
	w := warc.NewWriter(&buf, true)
	w.Date = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // the same bytes every run
	w.Write("warcinfo", "", "application/warc-fields", []byte("software: test\r\n"))
	for i, p := range pages {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		url := "https://news.example/" + strings.TrimSuffix(filepath.Base(p), ".html")
		resp := warc.HTTPResponse(200, []string{"Content-Type: text/html"}, body)
		if i == 1 {
			cut := w.Member("response", url+"-cut", "application/http; msgtype=response", resp)
			buf.Write(cut[:len(cut)/2])
		}
		w.Write("response", url, "application/http; msgtype=response", resp)
	}
	path := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, len(pages)
}

func TestAnalyzeAndIngestWARC(t *testing.T) {
	path, n := writeTestWARC(t)
	var out, errb bytes.Buffer
	err := runAnalyze(context.Background(), analyzeOptions{format: "json", maxBytes: 64 << 20}, []string{path}, nil, &out, &errb)
	if !errors.Is(err, errSomeFailed) {
		t.Errorf("the cut record must fail the batch: %v", err)
	}
	got := 0
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var r struct {
			Source struct {
				URL    string `json:"url"`
				Record *int   `json:"record"`
			} `json:"source"`
			Title string `json:"title"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(r.Source.URL, "https://news.example/") || r.Source.Record == nil || r.Title == "" {
			t.Errorf("report source %+v title %q", r.Source, r.Title)
		}
		got++
	}
	if got != n {
		t.Errorf("%d reports, want %d; stderr:\n%s", got, n, errb.String())
	}
	if !strings.Contains(errb.String(), "record 2: WARC record 2 at byte") || strings.Count(errb.String(), "WARC record") != 1 {
		t.Errorf("the cut record is not named once: %s", errb.String())
	}

	db := filepath.Join(t.TempDir(), "corpus.db")
	out.Reset()
	err = runIngest(context.Background(), ingestOptions{db: db, batch: 2, maxBytes: 64 << 20, noCluster: true}, []string{path}, nil, &out, &errb)
	if !errors.Is(err, errSomeFailed) {
		t.Errorf("ingest: %v", err)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if c, err := st.Count(context.Background()); err != nil || c != n {
		t.Errorf("store holds %d reports (%v), want %d", c, err, n)
	}
}
