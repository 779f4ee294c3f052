package main

import (
	"fmt"
	"os"
	"runtime/debug"
)

// corpusMemoryLimit is the Go heap's soft limit for the long-running
// corpus commands (ingest, watch): the garbage collector works harder as
// the heap nears it instead of letting it grow to twice the live data, so
// a crawl's memory stays bounded. GOMEMLIMIT overrides it.
const corpusMemoryLimit = 200 << 20

// analysisMemoryLimit is the soft limit of the commands that analyse
// without storing (analyze, bench, serve).
const analysisMemoryLimit = 400 << 20

// gcPercent is the collector's GOGC unless the environment sets GOGC.
// Analysis allocates about 200 KB per article over a live heap of about
// 60 MB (the technique model, gazetteers, compiled regexps) that every
// collection marks again; with Go's default of 100 the collector ran
// every few hundred articles and took about 5% of analysis CPU. Letting
// the heap grow to 5× its live data between collections cuts that to
// about 1%; the soft memory limit still bounds the heap.
const gcPercent = 400

// memoryHelp is the help paragraph of a command whose soft memory
// limit is limit bytes.
func memoryHelp(limit int64) string {
	return fmt.Sprintf(`Memory: the Go heap is held to a soft limit of %d MiB (the collector runs
more often near it; it is not a hard cap) and may grow by %d%% over its live
data between collections. Set GOMEMLIMIT (e.g. GOMEMLIMIT=1GiB) and GOGC to
change them.

`, limit>>20, gcPercent)
}

// setMemoryPolicy sets the collector's GOGC to gcPercent unless the
// environment sets GOGC, and the runtime's soft memory limit to limit
// bytes unless it sets GOMEMLIMIT. It returns the limit in force.
func setMemoryPolicy(limit int64) int64 {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	debug.SetMemoryLimit(limit)
	return limit
}
