//go:build unix

// Package cputime reads the CPU time the process has used, so that
// benchmarks can report work per CPU second: on a shared, loaded machine
// that is steadier than work per wall-clock second.
package cputime

import (
	"syscall"
	"time"
)

// Process returns the user + system CPU time of the process (0 when the
// system does not say).
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
