package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/store"
)

// TestMain lets the test binary stand in for sift: with SIFT_TEST_MAIN=1
// it runs the command line in its arguments and exits, so that a test can
// run a real sift process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("SIFT_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:]))
	}
	os.Exit(m.Run())
}

func siftProcess(t *testing.T, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "SIFT_TEST_MAIN=1")
	return cmd
}

// writeArticles writes n distinct articles as JSON Lines, plus a repeat of
// the first ones (which must not be stored twice).
func writeArticles(t *testing.T, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for i := 0; i < n+20; i++ {
		k := i % n
		body := fmt.Sprintf("Report number %d from the front. Shelling hit district %d on day %d and killed %d people, officials said. %s",
			k, k%97, k%31, k%13, strings.Repeat(fmt.Sprintf("Witnesses in sector %d described the damage. ", k), 8))
		rec := map[string]string{"id": fmt.Sprint(k), "title": fmt.Sprintf("Shelling report %d", k), "text": body,
			"outlet": []string{"reuters", "sana", "tass"}[k%3], "published": fmt.Sprintf("2016-%02d-%02d", 1+k%12, 1+k%28)}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
}

func countArticles(t *testing.T, db string) int {
	conn, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)&mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(`SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0 // not created yet
	}
	return n
}

func TestIngestSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("runs sift processes")
	}
	dir := t.TempDir()
	input := filepath.Join(dir, "articles.jsonl")
	db := filepath.Join(dir, "corpus", "sift.db")
	const n = 800
	writeArticles(t, input, n)

	// Start an ingest, wait until some batches are committed, SIGKILL it.
	var killedAt int
	for attempt := 0; attempt < 3 && killedAt == 0; attempt++ {
		cmd := siftProcess(t, "ingest", "--db", db, "--workers", "1", "--batch", "4", "--no-stories", input)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if c := countArticles(t, db); c >= 8 {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		c := countArticles(t, db)
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Logf("attempt %d: ingest ended before the kill (%v) with %d articles; retrying on a fresh store", attempt, err, c)
			os.RemoveAll(filepath.Dir(db))
			continue
		}
		killedAt = c
	}
	if killedAt == 0 || killedAt >= n {
		t.Fatalf("could not kill ingest mid-run (stored %d of %d)", killedAt, n)
	}
	t.Logf("killed with %d of %d articles committed", killedAt, n)

	// Rerun to the end: everything stored once.
	out, err := siftProcess(t, "ingest", "--db", db, "--workers", "2", input).CombinedOutput()
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), fmt.Sprintf("added %d,", n-killedAt)) {
		t.Errorf("rerun output %q, want added %d", out, n-killedAt)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var articles, distinct, fts, orphans int
	st.DB().QueryRow(`SELECT count(*), count(DISTINCT id) FROM articles`).Scan(&articles, &distinct)
	st.DB().QueryRow(`SELECT count(*) FROM fts`).Scan(&fts)
	st.DB().QueryRow(`SELECT count(*) FROM fts WHERE rowid NOT IN (SELECT rowid FROM articles)`).Scan(&orphans)
	if articles != n || distinct != n || fts != n || orphans != 0 {
		t.Fatalf("after kill and rerun: %d articles (%d distinct), %d indexed, %d orphans; want %d each and no orphans", articles, distinct, fts, orphans, n)
	}
	hits, err := st.Search(ctx, store.Query{Text: `"report number 799"`})
	if err != nil || len(hits) != 1 {
		t.Fatalf("last article not searchable: %v %v", hits, err)
	}
	// A third run adds nothing.
	out, err = siftProcess(t, "ingest", "--db", db, input).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "added 0,") {
		t.Fatalf("re-ingest: %v\n%s", err, out)
	}
}

func TestIngestInterruptCommitsAndResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs sift processes")
	}
	dir := t.TempDir()
	input := filepath.Join(dir, "articles.jsonl")
	db := filepath.Join(dir, "sift.db")
	const n = 800
	writeArticles(t, input, n)
	cmd := siftProcess(t, "ingest", "--db", db, "--workers", "1", "--batch", "4", "--no-stories", input)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) && countArticles(t, db) < 8 {
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	stored := countArticles(t, db)
	if stored >= n {
		t.Skipf("ingest finished before the interrupt (%d stored)", stored)
	}
	// Ctrl-C commits what was analysed and says so; the count it reports
	// is what the store holds.
	if !strings.Contains(out.String(), "interrupted:") || !strings.Contains(out.String(), fmt.Sprintf("added %d,", stored)) {
		t.Fatalf("interrupted run said %q; store holds %d", out.String(), stored)
	}
	res, err := siftProcess(t, "ingest", "--db", db, input).CombinedOutput()
	if err != nil || !strings.Contains(string(res), fmt.Sprintf("added %d,", n-stored)) {
		t.Fatalf("resume: %v\n%s", err, res)
	}
	if c := countArticles(t, db); c != n {
		t.Fatalf("after resume %d stored, want %d", c, n)
	}
}
