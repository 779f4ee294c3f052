package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sift-project/sift/internal/report"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeAnalyzesAndStopsOnSIGTERM runs `sift serve` on a loopback port,
// analyses the bundled example through the API, then sends the process
// SIGTERM and checks the server shuts down cleanly.
func TestServeAnalyzesAndStopsOnSIGTERM(t *testing.T) {
	ctx, stop := signalContext(context.Background())
	defer stop()
	var logs syncBuffer
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, serveOptions{addr: "127.0.0.1:0", maxBody: 1 << 20, db: filepath.Join(t.TempDir(), "sift.db")}, &logs, func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatalf("serve ended early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	base := "http://" + addr
	art, err := os.ReadFile("../../examples/jet-downed.txt")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(base+"/api/analyze", "text/plain", bytes.NewReader(art))
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	err = json.NewDecoder(resp.Body).Decode(&r)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || r.ID == "" || r.ID != report.HashText(r.Text) || len(r.Sentences) == 0 {
		t.Fatalf("analyze: status %d, err %v, id %q", resp.StatusCode, err, r.ID)
	}
	// Bodies over --max-body are refused.
	resp, err = http.Post(base+"/api/analyze", "text/plain", strings.NewReader(strings.Repeat("x ", 1<<20)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: status %d", resp.StatusCode)
	}
	// The store is attached (empty): corpus endpoints answer, not 503.
	resp, err = http.Get(base + "/api/outlets/nowhere.example")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown outlet with a store: status %d, want 404", resp.StatusCode)
	}
	resp, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("home page: status %d", resp.StatusCode)
	}

	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
	if !strings.Contains(logs.String(), "shutting down") || !strings.Contains(logs.String(), "path=/api/analyze status=200") {
		t.Errorf("logs lack shutdown or request lines:\n%s", logs.String())
	}
}

func TestServeBadFlags(t *testing.T) {
	if code := run([]string{"serve", "--addr"}); code != exitUsage {
		t.Errorf("missing --addr value: exit %d", code)
	}
	if code := run([]string{"serve", "extra-arg"}); code != exitUsage {
		t.Errorf("extra argument: exit %d", code)
	}
	if code := run([]string{"serve", "--addr", "256.0.0.1:bad"}); code != exitFatal {
		t.Errorf("bad address: exit %d", code)
	}
}
