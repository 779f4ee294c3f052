package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestMemoryPolicy(t *testing.T) {
	oldLimit := debug.SetMemoryLimit(-1)
	oldGC := debug.SetGCPercent(100)
	t.Cleanup(func() {
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldGC)
	})

	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	if got := setMemoryPolicy(123 << 20); got != 123<<20 || debug.SetMemoryLimit(-1) != 123<<20 {
		t.Fatalf("limit %d, runtime %d; want %d", got, debug.SetMemoryLimit(-1), 123<<20)
	}
	if gc := debug.SetGCPercent(gcPercent); gc != gcPercent {
		t.Fatalf("GOGC %d, want %d", gc, gcPercent)
	}
	// A user's GOMEMLIMIT and GOGC win: the runtime's settings are left
	// as they are.
	debug.SetMemoryLimit(77 << 20)
	debug.SetGCPercent(50)
	t.Setenv("GOMEMLIMIT", "77MiB")
	t.Setenv("GOGC", "50")
	if got := setMemoryPolicy(123 << 20); got != 77<<20 || debug.SetMemoryLimit(-1) != 77<<20 {
		t.Fatalf("with GOMEMLIMIT set: limit %d, runtime %d; want %d", got, debug.SetMemoryLimit(-1), 77<<20)
	}
	if gc := debug.SetGCPercent(50); gc != 50 {
		t.Fatalf("with GOGC set: GOGC %d, want 50", gc)
	}
}

func TestMemoryHelp(t *testing.T) {
	h := memoryHelp(200 << 20)
	if !strings.Contains(h, "200 MiB") || !strings.Contains(h, "400%") {
		t.Fatalf("help %q does not give the limit and GOGC", h)
	}
}
