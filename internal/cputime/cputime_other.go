//go:build !unix

// Package cputime reads the CPU time the process has used, so that
// benchmarks can report work per CPU second: on a shared, loaded machine
// that is steadier than work per wall-clock second.
package cputime

import "time"

// Process returns 0: this system's CPU time is not read.
func Process() time.Duration { return 0 }
