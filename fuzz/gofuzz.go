package fuzz

// This is the only file outside the tests that imports gofuzz (STYLE.md): a move to
// sigs.k8s.io/randfill changes this file alone (and the tests' reference, newGofuzzSource).

import (
	"math/bits"

	gofuzz "github.com/google/gofuzz"
)

// Source is the randomness a Generator draws from: the randomness a gofuzz Fuzzer hands its
// custom fuzz function, which draws a whole case, member by member (see draw.go). A seeded
// Source (NewSource) is that of gofuzz.NewWithSeed, math/rand's seeded generator, held as a
// lagSource and handed over without the fuzzer; a Source from bytes (NewFromGoFuzz) is a gofuzz
// Fuzzer over them. Two Sources built from the same seed, or from the same bytes, draw the same
// requests.
type Source struct {
	f *gofuzz.Fuzzer // nil for a Source made seeded (NewSource); unused once reseeded
	// lag is the seeded source (nil for a Source from bytes): the draws read it in place
	// (lagSource.intn), without gofuzz (fill).
	lag *lagSource
	run fuzzRun  // the draw being run, handed to gofuzz (a field: no allocation per draw)
	cd  caseDraw // the case being drawn (a field: no allocation per case)
	// texts are what the draws of the case being drawn know of their values' JSON text (URL
	// lists written with it, long values made by repeating a block: drawnTexts), which its
	// body reads.
	texts drawnTexts
}

// NewSource returns a Source seeded with seed: it draws what a fuzzer from
// gofuzz.NewWithSeed(seed) hands its custom fuzz function, from the same generator (lagSource
// is rand.NewSource's), without the fuzzer, which a seeded Source does not call (fill).
func NewSource(seed int64) *Source {
	s := &Source{}
	s.Reseed(seed)
	return s
}

// Reseed makes s draw as NewSource(seed) does, reusing its generator state
// (no allocation of a new source: a benchmark or a replay that draws many seeded cases in a
// row pays only the reseeding). A Source from NewFromGoFuzz becomes a seeded one: fill then
// draws from lag and no longer calls its fuzzer.
func (s *Source) Reseed(seed int64) {
	if s.lag != nil {
		s.lag.Seed(seed)
		return
	}
	s.lag = newLagSource(seed)
}

// NewFromGoFuzz returns a Source that reads its randomness from data, the bytes a native
// `go test -fuzz` target receives; when data runs out it continues from a seed taken from
// data's first bytes.
func NewFromGoFuzz(data []byte) *Source { return newSource(gofuzz.NewFromGoFuzz(data)) }

// newSource sets the fuzzer up: no nil pointers. The custom fuzz function is fuzzRun's Fuzz
// method (gofuzz.Interface: gofuzz calls it directly, where a function registered with Funcs
// goes through reflect.Value.Call).
func newSource(f *gofuzz.Fuzzer) *Source { return &Source{f: f.NilChance(0)} }

// filler is a draw: fill draws its value with the randomness r.
type filler interface{ fill(r rnd) }

// fuzzRun is the custom fuzz function of a whole draw from a Source from bytes (Source.fill).
// The draws nested in a draw (strings, integers, enum values, mutations) call each other's fill
// methods directly with the same continuation: the same randomness in the same order as gofuzz
// would hand each of them (its dispatch draws nothing), without a reflect.Value and an
// allocation per drawn value.
type fuzzRun struct {
	d     filler
	texts *drawnTexts
}

func (f *fuzzRun) Fuzz(c gofuzz.Continue) { f.d.fill(continuation{c: c, texts: f.texts}) }

var _ gofuzz.Interface = (*fuzzRun)(nil)

// fill runs the draw d with s's randomness. A seeded Source hands d a continuation that draws
// from lag what gofuzz's would hand its custom fuzz function, without gofuzz's dispatch: a
// reflect.Value, a fuzzing context and a Continue boxed per draw. A Source from bytes goes
// through gofuzz, whose byte source only it holds.
func (s *Source) fill(d filler) {
	if s.lag != nil {
		d.fill(continuation{lag: s.lag, texts: &s.texts})
		return
	}
	s.run = fuzzRun{d: d, texts: &s.texts}
	s.f.Fuzz(&s.run)
	s.run.d = nil
}

// drawCase runs the case draw d in s's field (no allocation) and returns its case.
func (s *Source) drawCase(d caseDraw) Case {
	s.cd = d
	s.texts.reset()
	s.fill(&s.cd)
	c := s.cd.out
	c.rendered = c.Body // every case draw renders Body into new memory (marshal, mutation.render)
	s.cd = caseDraw{}   // no reference to the case is kept
	s.texts.reset()
	return c
}

// continuation is gofuzz.Continue as the draws use it (rnd): draws nested inside a draw go on
// with the same randomness. lag, when set, is the seeded source the draws read, and c is unset
// (a Source from bytes: gofuzz's Continue alone). texts, when set, records for the case's body
// what the draws know of their values' JSON text (the Source's drawnTexts).
type continuation struct {
	c     gofuzz.Continue
	lag   *lagSource
	texts *drawnTexts
}

// Intn returns what c's rand.Rand.Intn(n) returns, from the same draws: from a seeded Source,
// lagSource.intn's steps read the value in place; for the small n the draws use (alphabet
// sizes, choices), Int31n's rejection bound comes from a table instead of a division on every
// call, and the remainder from a multiplication (intnEntry.mod).
func (c continuation) Intn(n int) int {
	// From a seeded Source: lagSource.intn's body, its twin, written out (keep the two alike).
	// take inlines here, intn itself is over the inliner's budget, and the call costs: 33 Intn
	// of n from 3 to 99 took 136 ns written out against 180 ns through intn (best of 15 runs of
	// both in one test binary at ce0fdae, load average 5-6 on 2 CPUs).
	if c.lag != nil {
		if uint(n) < uint(len(intnTable)) {
			if v, ok := c.lag.take(&intnTable[n]); ok {
				return v
			}
		}
		return c.lag.intnSlow(n)
	}
	if uint(n-1) >= uint(len(intnTable)-1) {
		return c.c.Intn(n)
	}
	return intnTable[n].draw(c.c.Rand)
}

// intnEntry is what Intn needs for one n: Int31n's rejection bound max, the largest value v of
// Int31 for which v % n is still uniform, and n with its reciprocal for the remainder.
type intnEntry struct {
	max   int32
	n     uint32
	recip uint64 // ceil(2^64 / n)
}

// draw is Int31n(n)'s loop on src: it draws Int31 again while the value is outside the bound,
// then takes the remainder (mod).
func (t *intnEntry) draw(src interface{ Int31() int32 }) int {
	for {
		if v := src.Int31(); v <= t.max {
			return int(t.mod(uint32(v)))
		}
	}
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
	t[0].max = -1 // Intn(0) panics, in rand.Rand.Intn
	for n := 1; n < len(t); n++ {
		t[n] = intnEntry{max: int32((1 << 31) - 1 - (1<<31)%uint32(n)), n: uint32(n), recip: ^uint64(0)/uint64(n) + 1}
	}
	return t
}()

func (c continuation) Int63() int64 {
	if c.lag != nil {
		return c.lag.Int63()
	}
	return c.c.Int63()
}

// rnd is what a draw's fill method sees: random integers. It is the continuation itself, not
// an interface: the draws make a random integer per drawn rune, and a direct call inlines where
// a call through an interface cannot.
type rnd = continuation
