package fuzz

import (
	"runtime"
	"testing"
	"time"
)

// alternatePasses runs both passes once per op of b's loop, alternating which goes first, so
// that machine load falls on both alike, and returns the fastest run of each, and the bytes and
// allocations each allocated per run on average (read from runtime.MemStats outside the timed
// runs). The A/B benchmarks of the harness's fast paths report their figures from it.
func alternatePasses(b *testing.B, passes [2]func()) (best [2]time.Duration, bytes, allocs [2]float64) {
	best = [2]time.Duration{time.Hour, time.Hour}
	var ms runtime.MemStats
	var b0, a0 [2]uint64
	runs := 0
	for i := 0; b.Loop(); i++ {
		for k := range passes {
			j := (k + i) % 2
			runtime.ReadMemStats(&ms)
			tb, ta := ms.TotalAlloc, ms.Mallocs
			start := time.Now()
			passes[j]()
			best[j] = min(best[j], time.Since(start))
			runtime.ReadMemStats(&ms)
			b0[j], a0[j] = b0[j]+ms.TotalAlloc-tb, a0[j]+ms.Mallocs-ta
		}
		runs++
	}
	for j := range passes {
		bytes[j], allocs[j] = float64(b0[j])/float64(max(runs, 1)), float64(a0[j])/float64(max(runs, 1))
	}
	return best, bytes, allocs
}
