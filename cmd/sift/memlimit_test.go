package main

import (
	"runtime/debug"
	"testing"
)

func TestCorpusMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })

	t.Setenv("GOMEMLIMIT", "")
	if got := setCorpusMemoryLimit(123 << 20); got != 123<<20 || debug.SetMemoryLimit(-1) != 123<<20 {
		t.Fatalf("limit %d, runtime %d; want %d", got, debug.SetMemoryLimit(-1), 123<<20)
	}
	// A user's GOMEMLIMIT wins: the runtime's limit is left as it is.
	debug.SetMemoryLimit(77 << 20)
	t.Setenv("GOMEMLIMIT", "77MiB")
	if got := setCorpusMemoryLimit(123 << 20); got != 77<<20 || debug.SetMemoryLimit(-1) != 77<<20 {
		t.Fatalf("with GOMEMLIMIT set: limit %d, runtime %d; want %d", got, debug.SetMemoryLimit(-1), 77<<20)
	}
}
