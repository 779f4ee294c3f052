package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/server"
	"github.com/sift-project/sift/internal/store"
)

// storyReport builds a report by hand: an airstrike in Aleppo as one
// outlet tells it.
func storyReport(outlet, domain, published, title, body string, killed int, techs ...string) *report.Report {
	text := title + "\n\n" + body
	r := &report.Report{
		Source: report.Source{Outlet: outlet, Domain: domain, URL: "https://" + domain + "/a"},
		Title:  title, Published: published, Text: text, Byline: []string{}, Removed: []report.Removed{},
		Sentences: []report.Span{{Start: 0, End: len([]rune(title)), Text: title}, {Start: len([]rune(title)) + 2, End: len([]rune(text)), Text: body}},
	}
	r.ID = report.HashText(text)
	r.Techniques = []report.Technique{}
	for _, tname := range techs {
		r.Techniques = append(r.Techniques, report.Technique{Technique: tname, Start: 0, End: 5, Text: text[:5], Score: 0.8})
	}
	k := killed
	r.Events = []report.Event{{Type: "airstrike", Cause: "Shooting", Location: &report.Location{Name: "Aleppo", Governorate: "Aleppo"},
		Casualties: &report.Casualties{Killed: &k}, Date: published, Evidence: report.Span{Start: 0, End: 5, Text: text[:5]}}}
	r.Scores = &report.Scores{Propaganda: 0.2 * float64(len(techs)), Sourcing: 0.5, Credibility: 1 - 0.2*float64(len(techs)), Reasons: []report.Reason{}}
	return r
}

// TestStoreCorpus serves a real store through the adapter: outlet profile
// with density over time, stories with agree/conflict, search, articles.
func TestStoreCorpus(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "sift.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	body := "Warplanes struck a market in eastern Aleppo on Tuesday, killing civilians in the crowded district, residents and rescue workers said."
	reps := []*report.Report{
		storyReport("SANA", "sana.sy", "2017-03-07", "Terrorists shell Aleppo market", body+" The army denied any role.", 12, "Loaded_Language", "Name_Calling,Labeling"),
		storyReport("Reuters", "reuters.com", "2017-03-07", "Air strike hits Aleppo market", body+" Monitors gave the toll.", 30),
		storyReport("SANA", "sana.sy", "2017-04-02", "Army restores calm in Hama", "The army restored calm in the countryside of Hama after terrorists fled, a military source said on Sunday morning.", 0, "Loaded_Language"),
	}
	if _, err := st.Put(ctx, reps); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Cluster(ctx, store.ClusterOptions{}); err != nil {
		t.Fatal(err)
	}
	c := storeCorpus{st}

	o, err := c.Outlet(ctx, "sana.sy")
	if err != nil {
		t.Fatal(err)
	}
	if o.Articles != 2 || len(o.Density) != 2 || o.Density[0].Period != "2017-03" || o.Density[1].Period != "2017-04" {
		t.Fatalf("outlet profile: %+v", o)
	}
	// March: 2 spans over its words; April: 1 span.
	if !(o.Density[0].PerKWords > o.Density[1].PerKWords && o.Density[1].PerKWords > 0) {
		t.Errorf("density %+v", o.Density)
	}
	if len(o.Techniques) != 2 || o.Techniques[0].Technique != "Loaded_Language" || o.Techniques[0].PerArticle != 1 {
		t.Errorf("techniques %+v", o.Techniques)
	}
	if o.Propaganda == nil || *o.Propaganda < 0.29 || *o.Propaganda > 0.31 {
		t.Errorf("mean propaganda %v", o.Propaganda)
	}
	if _, err := c.Outlet(ctx, "nowhere.example"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("unknown outlet: %v", err)
	}

	sts, err := c.Stories(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var story *server.Story
	for i := range sts {
		if len(sts[i].Articles) == 2 {
			story = &sts[i]
		}
	}
	if story == nil {
		t.Fatalf("the two Aleppo reports were not clustered: %+v", sts)
	}
	full, err := c.Story(ctx, story.ID)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, f := range full.Facts {
		status[f.Field] = f.Status
		if len(f.Values) != 2 {
			t.Errorf("fact %s has %d values for 2 articles", f.Field, len(f.Values))
		}
	}
	if status["killed"] != "conflict" || status["place"] != "agree" {
		t.Errorf("fact statuses %v", status)
	}
	for _, a := range full.Articles {
		if !strings.HasPrefix(a.Lead, "Warplanes struck") || a.Propaganda == nil {
			t.Errorf("story column %s: lead %q, propaganda %v", a.Outlet, a.Lead, a.Propaganda)
		}
	}

	// Through the server: pages and API answer from the store.
	s, err := server.New(server.Config{Analyzer: fixedTextAnalyzer{}, Corpus: c})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	get := func(p string) (int, string) {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		buf := make([]byte, 32<<10)
		for {
			n, err := resp.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return resp.StatusCode, b.String()
	}
	code, page := get("/outlets/sana.sy")
	if code != 200 || !strings.Contains(page, `id="technique-density"`) || !strings.Contains(page, "2017-04") {
		t.Errorf("outlet page: %d", code)
	}
	code, page = get("/stories/" + story.ID)
	if code != 200 || !strings.Contains(page, `class="fact-conflict"`) || !strings.Contains(page, "Reuters") {
		t.Errorf("story page: %d", code)
	}
	code, page = get("/api/search?q=market")
	var hits []server.SearchHit
	if code != 200 || json.Unmarshal([]byte(page), &hits) != nil || len(hits) != 2 || len(hits[0].Highlights) == 0 {
		t.Errorf("search: %d %s", code, page)
	}
	code, page = get("/search?q=market")
	if code != 200 || !strings.Contains(page, `<mark class="match">market</mark>`) {
		t.Errorf("search page: %d", code)
	}
	if code, _ = get("/api/articles/" + reps[0].ID); code != 200 {
		t.Errorf("article: %d", code)
	}
	if code, page = get("/articles/" + reps[1].ID); code != 200 || !strings.Contains(page, `<a href="/stories/`+story.ID+`">The same story in 1 other outlet</a>`) {
		t.Errorf("article page: %d, story link missing", code)
	}
	if code, _ = get("/api/articles/" + strings.Repeat("0", 64)); code != 404 {
		t.Errorf("missing article: %d", code)
	}
	if code, _ = get("/api/stories/nope"); code != 404 {
		t.Errorf("missing story: %d", code)
	}
}

type fixedTextAnalyzer struct{}

func (fixedTextAnalyzer) Text(text string, src report.Source, title string) (*report.Report, error) {
	return &report.Report{ID: report.HashText(text), Text: text, Title: title, Source: src}, nil
}
