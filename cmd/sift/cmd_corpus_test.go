package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCorpusCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	input := filepath.Join(dir, "a.jsonl")
	db := filepath.Join(dir, "sift.db")
	writeArticles(t, input, 30)
	var out, errb bytes.Buffer
	if err := runIngest(ctx, ingestOptions{db: db, workers: 2, batch: 8}, []string{input}, nil, &out, &errb); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), "added 30,") || !strings.Contains(out.String(), "skipped 20") {
		t.Fatalf("ingest output %q", out.String())
	}

	out.Reset()
	if err := runSearch(ctx, searchOptions{db: db, format: "text"}, &out); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	opts := searchOptions{db: db, format: "text"}
	opts.q.Text, opts.q.Outlet = "sector 7", "sana"
	if err := runSearch(ctx, opts, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Shelling report 7") || !strings.Contains(out.String(), "[sector]") {
		t.Fatalf("search output %q", out.String())
	}
	opts.q.From = "2016-13-99x"
	if err := runSearch(ctx, opts, &out); err == nil {
		t.Fatal("bad date accepted")
	}

	out.Reset()
	if err := runExport(ctx, exportOptions{db: db, format: "jsonl"}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 30 {
		t.Fatalf("export wrote %d lines, want 30", len(lines))
	}
	// Every report is scored; those of rated outlets (reuters, tass; sana
	// is not rated) carry a reason pointing at the outlet.
	rated := 0
	for _, line := range lines {
		var rep struct {
			Source struct{ Outlet string }
			Scores *struct {
				Reasons []struct{ Outlet string }
			}
		}
		if err := json.Unmarshal([]byte(line), &rep); err != nil || rep.Scores == nil {
			t.Fatalf("export line: %v %s", err, line[:min(200, len(line))])
		}
		for _, r := range rep.Scores.Reasons {
			if r.Outlet != "" {
				rated++
				if rep.Source.Outlet == "sana" {
					t.Errorf("unrated outlet sana has an outlet reason")
				}
				break
			}
		}
	}
	if rated != 20 {
		t.Errorf("%d exported reports have an outlet reason, want 20 (reuters and tass)", rated)
	}
	out.Reset()
	if err := runExport(ctx, exportOptions{db: db, format: "csv"}, &out); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(out.String(), "\n"); rows != 31 || !strings.HasPrefix(out.String(), "id,source_id,outlet") {
		t.Fatalf("csv export: %d lines", rows)
	}

	out.Reset()
	if err := runOutlet(ctx, outletOptions{db: db, format: "text"}, "reuters", &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "reuters.com") || !strings.Contains(out.String(), "articles:              10") {
		t.Fatalf("outlet output %q", out.String())
	}
	out.Reset()
	if err := runStories(ctx, storiesOptions{db: db, format: "json", limit: 5}, nil, &out); err != nil {
		t.Fatal(err)
	}

	// JSON Lines: one search hit per line; one outlet profile.
	out.Reset()
	opts = searchOptions{db: db, format: "json"}
	opts.q.Text, opts.q.Outlet = "sector 7", "sana"
	if err := runSearch(ctx, opts, &out); err != nil {
		t.Fatal(err)
	}
	hits := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, line := range hits {
		var h struct{ ID, Title, Domain string }
		if err := json.Unmarshal([]byte(line), &h); err != nil || h.ID == "" || h.Domain != "sana.sy" {
			t.Fatalf("search JSON line %q: %v", line, err)
		}
	}
	if !strings.Contains(out.String(), `"title":"Shelling report 7"`) {
		t.Fatalf("search JSON lacks the matching article: %s", out.String())
	}
	out.Reset()
	if err := runOutlet(ctx, outletOptions{db: db, format: "json"}, "reuters", &out); err != nil {
		t.Fatal(err)
	}
	var prof struct {
		Domain   string
		Articles int
	}
	if strings.Count(out.String(), "\n") != 1 || json.Unmarshal(out.Bytes(), &prof) != nil || prof.Domain != "reuters.com" || prof.Articles != 10 {
		t.Fatalf("outlet JSON %q", out.String())
	}
}

func TestStoriesCommandShowsConflicts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	input := filepath.Join(dir, "story.jsonl")
	db := filepath.Join(dir, "sift.db")
	// One event told by three outlets, one of which gives another toll.
	lines := []string{
		`{"title":"Air strike on Idlib market kills 23","text":"An air strike on a crowded market in Maarat al-Numan in Idlib province killed 23 civilians on Monday, the Syrian Observatory for Human Rights said. Rescue workers pulled bodies from the rubble.","outlet":"reuters","published":"2016-06-13"}`,
		`{"title":"23 killed as jets strike Idlib market","text":"Warplanes struck a crowded market in Maarat al-Numan in Idlib province on Monday, killing 23 civilians, the Syrian Observatory for Human Rights said. Rescue workers searched the rubble.","outlet":"alaraby","published":"2016-06-13"}`,
		`{"title":"Army strikes terrorist positions in Idlib","text":"Army units struck terrorist positions near the market of Maarat al-Numan in Idlib province on Monday, killing 60 terrorists, a military source said. Rescue claims about civilians were fabricated.","outlet":"sana","published":"2016-06-13"}`,
	}
	if err := os.WriteFile(input, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := runIngest(ctx, ingestOptions{db: db, workers: 1}, []string{input}, nil, &out, &errb); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb.String())
	}
	out.Reset()
	if err := runStories(ctx, storiesOptions{db: db, format: "text", limit: 5}, nil, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "reports from") || !strings.Contains(text, "reuters.com") || !strings.Contains(text, "alaraby.co.uk") {
		t.Fatalf("stories output does not group the reports:\n%s", text)
	}
	t.Logf("\n%s", text)
}

func TestPrintableStripsEscapes(t *testing.T) {
	if got := printable("Title\x1b[2J\x07 ok\tend"); got != "Title\uFFFD[2J\uFFFD ok end" {
		t.Fatalf("printable = %q", got)
	}
}
