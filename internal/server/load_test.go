package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/analyze"
)

// loadClients is the number of concurrent clients of the load benchmark.
const loadClients = 64

// BenchmarkServeAnalyzeLoad is a load generator: loadClients clients POST
// the bundled example article to /api/analyze on loopback, b.N requests in
// all, and it reports requests/s and latency percentiles. Any error or
// non-200 answer fails it. By default it serves the real analyzer from an
// in-process server; SIFT_LOAD_URL=http://127.0.0.1:PORT points it at a
// running `sift serve` instead (loopback addresses only). Bound the run
// with -benchtime Nx; the whole run also stops after 5 minutes.
func BenchmarkServeAnalyzeLoad(b *testing.B) {
	art, err := os.ReadFile("../../examples/jet-downed.txt")
	if err != nil {
		b.Fatal(err)
	}
	base := os.Getenv("SIFT_LOAD_URL")
	if base == "" {
		a, err := analyze.New(analyze.Options{})
		if err != nil {
			b.Fatal(err)
		}
		s, err := New(Config{Analyzer: a})
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(s) // listens on 127.0.0.1
		defer srv.Close()
		base = srv.URL
	} else if err := checkLoopback(base); err != nil {
		b.Fatal(err)
	}
	tr := &http.Transport{MaxIdleConns: loadClients, MaxIdleConnsPerHost: loadClients, MaxConnsPerHost: loadClients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	// One warm-up request checks the endpoint before timing.
	if err := postOnce(ctx, client, base, art); err != nil {
		b.Fatal(err)
	}
	lat := make([][]time.Duration, loadClients)
	var next, failures atomic.Int64
	var firstErr atomic.Value
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for c := range loadClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) && ctx.Err() == nil {
				t0 := time.Now()
				if err := postOnce(ctx, client, base, art); err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				lat[c] = append(lat[c], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failures.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed; first: %v", n, b.N, firstErr.Load())
	}
	all := slices.Concat(lat...)
	if len(all) != b.N {
		b.Fatalf("%d of %d requests done (time limit?)", len(all), b.N)
	}
	slices.Sort(all)
	pct := func(p float64) float64 {
		return float64(all[min(len(all)-1, int(p*float64(len(all))))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
	b.ReportMetric(float64(all[len(all)-1].Microseconds())/1000, "max_ms")
	b.ReportMetric(float64(len(art)), "body_bytes")
}

func postOnce(ctx context.Context, c *http.Client, base string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/api/analyze", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 || n == 0 {
		return fmt.Errorf("status %d, %d bytes", resp.StatusCode, n)
	}
	return nil
}

// checkLoopback refuses a load target that is not a loopback address.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("load target %q is not a loopback address", raw)
	}
	return nil
}

func TestCheckLoopback(t *testing.T) {
	for raw, ok := range map[string]bool{
		"http://127.0.0.1:8080": true, "http://localhost:1": true, "http://[::1]:80": true, "http://127.9.9.9": true,
		"http://10.0.0.1:80": false, "http://192.168.1.1": false, "http://example.org": false, "http://8.8.8.8": false,
	} {
		if err := checkLoopback(raw); (err == nil) != ok {
			t.Errorf("checkLoopback(%q) = %v", raw, err)
		}
	}
}
