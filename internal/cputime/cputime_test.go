//go:build unix

package cputime

import (
	"testing"
	"time"
)

func TestProcessAdvancesWithWork(t *testing.T) {
	c0 := Process()
	if c0 <= 0 {
		t.Fatalf("Process() = %v before any work, want > 0 (the test binary has started)", c0)
	}
	x := uint64(1)
	deadline := time.Now().Add(50 * time.Millisecond)
	for time.Now().Before(deadline) {
		for i := 0; i < 1000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	if c1 := Process(); c1 <= c0 {
		t.Errorf("Process() did not advance over 50 ms of work: %v then %v (x=%d)", c0, c1, x)
	}
}
