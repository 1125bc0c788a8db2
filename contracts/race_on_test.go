//go:build race

package contracts

// raceEnabled tells the tests that count allocations that the race detector runs: sync.Pool
// then drops a quarter of what is put back, so pooled scratch is allocated again at random.
const raceEnabled = true
