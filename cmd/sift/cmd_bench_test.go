package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunBench(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt"} {
		os.WriteFile(filepath.Join(dir, name), []byte("Air strikes hit Idlib\n\nAir strikes hit a hospital in Idlib, a medical charity said.\n"), 0o644)
	}
	var out bytes.Buffer
	if err := runBench(context.Background(), benchOptions{corpus: []string{dir}, rounds: 1, cpuprofile: filepath.Join(dir, "cpu.prof")}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "ratio: analysis takes") || !strings.Contains(out.String(), "(2 articles") {
		t.Errorf("output:\n%s", out.String())
	}
	if st, err := os.Stat(filepath.Join(dir, "cpu.prof")); err != nil || st.Size() == 0 {
		t.Errorf("no CPU profile written: %v", err)
	}
	if err := runBench(context.Background(), benchOptions{corpus: []string{dir}, rounds: 0}, &out); err == nil {
		t.Error("--rounds 0 must be a usage error")
	}
}
