package fuzz

// This is the only file that imports gofuzz (STYLE.md): a move to sigs.k8s.io/randfill
// changes this file alone.

import (
	"math/bits"
	"math/rand"

	gofuzz "github.com/google/gofuzz"
)

// Source is the randomness a Generator draws from: a gofuzz Fuzzer whose custom fuzz function
// draws a whole case, member by member (see draw.go). Two Sources built from the same seed, or
// from the same bytes, draw the same requests.
type Source struct {
	f   *gofuzz.Fuzzer
	src rand.Source // the source Reseed seeds in place (made by its first call)
}

// NewSource returns a Source seeded with seed.
func NewSource(seed int64) *Source { return newSource(gofuzz.NewWithSeed(seed)) }

// Reseed makes s draw as NewSource(seed) does, reusing its fuzzer and its generator state
// (no allocation of a new source: a benchmark or a replay that draws many seeded cases in a
// row pays only the reseeding). A Source from NewFromGoFuzz becomes a seeded one.
func (s *Source) Reseed(seed int64) {
	if s.src == nil {
		s.src = rand.NewSource(seed)
	} else {
		s.src.Seed(seed)
	}
	s.f.RandSource(s.src)
}

// NewFromGoFuzz returns a Source that reads its randomness from data, the bytes a native
// `go test -fuzz` target receives; when data runs out it continues from a seed taken from
// data's first bytes.
func NewFromGoFuzz(data []byte) *Source { return newSource(gofuzz.NewFromGoFuzz(data)) }

// newSource sets the fuzzer up: no nil pointers. The custom fuzz functions are Fuzz methods
// below (gofuzz.Interface: gofuzz calls them directly, where a function registered with Funcs
// goes through reflect.Value.Call).
func newSource(f *gofuzz.Fuzzer) *Source { return &Source{f: f.NilChance(0)} }

// The custom fuzz function of a whole case. The draws nested in it (strings, integers, enum
// values, mutations) call each other's fill methods directly with the same continuation: the
// same randomness in the same order as gofuzz would hand each of them (its dispatch draws
// nothing), without a reflect.Value and an allocation per drawn value.
func (d *caseDraw) Fuzz(c gofuzz.Continue) { d.fill(continuation{c}) }

// drawFunc is a draw given as a function: f(r) runs with the source's randomness (the tests
// draw integers through it and compare them with math/rand's).
type drawFunc func(r rnd)

func (f drawFunc) Fuzz(c gofuzz.Continue) { f(continuation{c}) }

var (
	_ gofuzz.Interface = drawFunc(nil)
	_ gofuzz.Interface = (*caseDraw)(nil)
)

// fill runs the custom fuzz function of d's type.
func (s *Source) fill(d any) { s.f.Fuzz(d) }

// continuation is gofuzz.Continue as the draws use it (rnd): draws nested inside a draw go on
// with the same randomness.
type continuation struct{ c gofuzz.Continue }

// Intn returns what c's rand.Rand.Intn(n) returns, from the same draws: for the small n the
// draws use (alphabet sizes, choices), Int31n's rejection bound comes from a table instead of
// a division on every call, and the remainder from a multiplication (intnEntry.mod). The
// usual case, a first draw inside the bound, is small enough to be inlined into the draws'
// loops; a power of two needs no case of its own (its bound is the largest Int31, and v % n
// is Int31n's v & (n-1)).
func (c continuation) Intn(n int) int {
	if uint(n-1) < uint(len(intnTable)-1) {
		t := &intnTable[n]
		if v := c.c.Int31(); v <= t.max {
			return int(t.mod(uint32(v)))
		}
	}
	return c.intnSlow(n)
}

// intnSlow is Intn past a rejected first draw (Int31n draws again until one is inside the
// bound), or for an n outside the table: rand.Rand.Intn itself.
func (c continuation) intnSlow(n int) int {
	if uint(n-1) >= uint(len(intnTable)-1) {
		return c.c.Intn(n)
	}
	t := &intnTable[n]
	for {
		if v := c.c.Int31(); v <= t.max {
			return int(t.mod(uint32(v)))
		}
	}
}

// intnEntry is what Intn needs for one n: Int31n's rejection bound max, the largest value v of
// Int31 for which v % n is still uniform, and n with its reciprocal for the remainder.
type intnEntry struct {
	max   int32
	n     uint32
	recip uint64 // ceil(2^64 / n)
}

// mod returns v % n without a division (Lemire, Kaser and Kurz, "Faster remainder by direct
// computation", 2019: exact for every 32-bit v and n): the fraction v/n in 64-bit fixed point
// is recip*v (mod 2^64), and its integer part after multiplying by n is the remainder.
func (t *intnEntry) mod(v uint32) uint32 {
	hi, _ := bits.Mul64(t.recip*uint64(v), uint64(t.n))
	return uint32(hi)
}

// intnTable holds Intn's entry for every n below its length.
var intnTable = func() (t [512]intnEntry) {
	for n := 1; n < len(t); n++ {
		t[n] = intnEntry{max: int32((1 << 31) - 1 - (1<<31)%uint32(n)), n: uint32(n), recip: ^uint64(0)/uint64(n) + 1}
	}
	return t
}()

func (c continuation) Int63() int64 { return c.c.Int63() }

// rnd is what a draw's fill method sees: random integers. It is the continuation itself, not
// an interface: the draws make a random integer per drawn rune, and a direct call inlines where
// a call through an interface cannot.
type rnd = continuation
