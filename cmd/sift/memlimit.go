package main

import (
	"os"
	"runtime/debug"
)

// corpusMemoryLimit is the Go heap's soft limit for the long-running
// corpus commands (ingest, watch): the garbage collector works harder as
// the heap nears it instead of letting it grow to twice the live data, so
// a crawl's memory stays bounded. GOMEMLIMIT overrides it.
const corpusMemoryLimit = 200 << 20

const memoryLimitHelp = `Memory: the Go heap is held to a soft limit of 200 MiB (the collector runs
more often near it; it is not a hard cap). Set GOMEMLIMIT to change it,
e.g. GOMEMLIMIT=1GiB.

`

// setCorpusMemoryLimit sets the runtime's soft memory limit to limit
// bytes unless the environment sets GOMEMLIMIT, and returns the limit in
// force.
func setCorpusMemoryLimit(limit int64) int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	debug.SetMemoryLimit(limit)
	return limit
}
