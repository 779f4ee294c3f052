package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/report"
)

// synthWords is a vocabulary for the synthetic corpus; word i is drawn
// with Zipf-like frequency, so that some query terms match most articles
// and others few.
func synthVocab(n int) []string {
	base := []string{"aleppo", "idlib", "douma", "raqqa", "homs", "hama", "damascus", "shelling", "airstrike", "chemical",
		"attack", "civilians", "killed", "rebels", "army", "regime", "militants", "ceasefire", "hospital", "market",
		"children", "observatory", "ministry", "spokesman", "convoy", "barrel", "bombs", "sarin", "helmets", "coalition"}
	// The named words sit at ranks from 10 (in most articles, like
	// "syria" in a war corpus) to 5,000 (in a few hundred).
	v := make([]string, n)
	for i := range v {
		v[i] = fmt.Sprintf("w%x", i*2654435761%1000003)
	}
	for k, w := range base {
		v[int(10*math.Pow(1.25, float64(k)))] = w
	}
	return v
}

// corpusVersion changes when the synthetic corpus does.
const corpusVersion = 2

// synthCorpus returns a store with n synthetic articles, built once and
// kept in the temporary directory for later runs.
func synthCorpus(b *testing.B, n int) *Store {
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("sift-bench-%d-s%d-c%d.db", n, SchemaVersion, corpusVersion))
	if _, err := os.Stat(path); err == nil {
		s, err := Open(ctx, path)
		if err == nil {
			if c, _ := s.Count(ctx); c == n {
				return s
			}
			s.Close()
		}
		os.Remove(path)
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	rng := rand.New(rand.NewPCG(42, 42))
	vocab := synthVocab(20000)
	zipf := rand.NewZipf(rand.New(rand.NewPCG(1, 1)), 1.1, 2, uint64(len(vocab)-1))
	outletNames := []string{"reuters", "sana", "tass", "sputnik", "alaraby", "ahram", "trt", "manar", "dailysabah", "etilaf"}
	techs := []string{"Loaded_Language", "Name_Calling,Labeling", "Doubt", "Exaggeration,Minimisation", "Appeal_to_fear-prejudice"}
	batch := make([]*report.Report, 0, 1000)
	for i := 0; i < n; i++ {
		words := make([]string, 200+rng.IntN(200))
		for j := range words {
			words[j] = vocab[zipf.Uint64()]
		}
		title := strings.Join(words[:8], " ")
		text := fmt.Sprintf("%s %d\n\n%s", title, i, strings.Join(words[8:], " "))
		r := &report.Report{ID: report.HashText(text), Title: title, Text: text,
			Published: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(1000)).Format("2006-01-02"),
			Source:    report.Source{Outlet: outletNames[rng.IntN(len(outletNames))]}}
		for k := rng.IntN(4); k > 0; k-- {
			r.Techniques = append(r.Techniques, report.Technique{Technique: techs[rng.IntN(len(techs))]})
		}
		batch = append(batch, r)
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := s.Put(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	for _, q := range []string{`INSERT INTO fts(fts) VALUES('optimize')`, `PRAGMA wal_checkpoint(TRUNCATE)`} {
		if _, err := s.db.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC() // do not let the build's garbage land on the queries
	b.Logf("built %d-article corpus in %s at %s", n, time.Since(start).Round(time.Second), path)
	return s
}

// BenchmarkSearch100k measures search latency on a 100,000-article
// synthetic corpus over a mix of queries (frequent and rare terms,
// phrases, prefixes, filters) and reports the 95th percentile. Run with
// go test -run '^$' -bench Search100k ./internal/store/ (the corpus is
// built once, a few minutes, and kept in the temporary directory).
func BenchmarkSearch100k(b *testing.B) {
	s := synthCorpus(b, 100_000)
	defer s.Close()
	ctx := context.Background()
	queries := []Query{
		{Text: "chemical attack"},
		{Text: "aleppo"},
		{Text: "shelling civilians killed"},
		{Text: "sarin"},
		{Text: `"barrel bombs"`},
		{Text: "white helmets"},
		{Text: "hospital", Outlet: "sana"},
		{Text: "ceasefire", From: "2016-01-01", To: "2016-06-30"},
		{Text: "convoy", Technique: "Loaded_Language"},
		{Text: "obs*"},
		{Text: "regime OR coalition"},
		{Outlet: "reuters", From: "2017-01-01"},
		{Text: "spokesman ministry", Limit: 20, Offset: 20},
	}
	// Wall time depends on what else the machine runs; the CPU time of
	// the querying thread (SQLite runs in it: modernc is pure Go) does not,
	// so both are reported.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var lat, cpu []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		c0 := threadCPU()
		t0 := time.Now()
		if _, err := s.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		cpu = append(cpu, threadCPU()-c0)
	}
	b.StopTimer()
	pct := func(d []time.Duration, q float64) float64 {
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		return float64(d[min(len(d)-1, int(q*float64(len(d))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(lat, 0.5), "p50_ms")
	b.ReportMetric(pct(lat, 0.95), "p95_ms")
	b.ReportMetric(pct(cpu, 0.95), "p95_cpu_ms")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkPut measures storing reports in batches of 100, in articles/s.
func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "put.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	vocab := synthVocab(20000)
	rng := rand.New(rand.NewPCG(9, 9))
	batch := make([]*report.Report, 0, 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		words := make([]string, 300)
		for j := range words {
			words[j] = vocab[rng.IntN(len(vocab))]
		}
		text := fmt.Sprintf("Title %d\n\n%s", i, strings.Join(words, " "))
		batch = append(batch, &report.Report{ID: report.HashText(text), Title: fmt.Sprintf("Title %d", i), Text: text})
		if len(batch) == cap(batch) || i == b.N-1 {
			if _, err := s.Put(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
