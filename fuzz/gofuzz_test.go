package fuzz

import (
	"math"
	"math/rand"
	"testing"
	"time"

	gofuzz "github.com/google/gofuzz"
	. "github.com/onsi/gomega"
)

// newGofuzzSource returns a Source that draws as NewSource(seed) does, through gofuzz's
// dispatch and math/rand alone (no lagSource): the reference the seeded Source's draws are
// tested against.
func newGofuzzSource(seed int64) *Source { return newSource(gofuzz.NewWithSeed(seed)) }

// drawFunc is a draw given as a function: f(r) runs with the source's randomness (the tests
// draw integers through it and compare them with math/rand's).
type drawFunc func(r rnd)

func (f drawFunc) fill(r rnd) { f(r) }

// intnCases are the n a draw sequence asks for: every n of the table and around it, powers of
// two, and large ones that go to rand.Rand.Intn itself; those beyond 32 bits are math.MaxInt
// where int has 32 (GOARCH=386).
func intnCases() []int {
	var ns []int
	for n := 1; n <= len(intnTable)+8; n++ {
		ns = append(ns, n)
	}
	for _, n := range []int{1 << 10, 1<<20 + 1, 1<<31 - 1, min(1<<31, math.MaxInt), min(1<<40+3, math.MaxInt), 3, 7, 255, 256, 257, 1 << 20} {
		ns = append(ns, n)
	}
	return ns
}

// continuation.Intn draws what rand.Rand.Intn draws from the same seed, call after call (a
// Source's fuzzer draws nothing before the custom fuzz function runs).
func TestIntnAsRandIntn(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for seed := range int64(4) {
		ref := rand.New(rand.NewSource(seed))
		calls := 0
		d := drawFunc(func(r rnd) {
			for rep := 0; rep < 20; rep++ {
				for _, n := range intnCases() {
					g.Expect(r.Intn(n)).To(Equal(ref.Intn(n)), "seed %d, call %d, n %d", seed, calls, n)
					calls++
				}
			}
		})
		NewSource(seed).fill(&d)
		g.Expect(calls).To(BeNumerically(">", 10000))
	}
}

// BenchmarkIntn draws small integers (the sizes of the draws' alphabets): continuation.Intn and
// rand.Rand.Intn, what it replaced, in the same run.
func BenchmarkIntn(b *testing.B) {
	b.Run("continuation", func(b *testing.B) {
		d := drawFunc(func(r rnd) {
			for b.Loop() {
				for n := 3; n < 100; n += 3 {
					_ = r.Intn(n)
				}
			}
		})
		NewSource(1).fill(&d)
	})
	b.Run("rand.Intn", func(b *testing.B) {
		r := rand.New(rand.NewSource(1))
		for b.Loop() {
			for n := 3; n < 100; n += 3 {
				_ = r.Intn(n)
			}
		}
	})
}

// intnModValues are remainders' edge inputs: 0, 1, around multiples of n and of powers of two,
// the rejection bound and the largest Int31.
func intnModValues(n uint32) []uint32 {
	vs := []uint32{0, 1, n - 1, n, n + 1, 2*n - 1, 1<<16 - 1, 1 << 16, 1<<31 - 1, 1 << 31, 1<<32 - 1}
	if t := intnTable[n]; t.max > 0 {
		vs = append(vs, uint32(t.max), uint32(t.max)+1, uint32(t.max)-n)
	}
	return vs
}

// intnEntry.mod is the remainder for every n of the table, at the edges and on a sample.
func TestIntnModIsRemainder(t *testing.T) {
	t.Parallel()
	ref := rand.New(rand.NewSource(1))
	for n := uint32(1); n < uint32(len(intnTable)); n++ {
		vs := intnModValues(n)
		for range 2000 {
			vs = append(vs, ref.Uint32())
		}
		for _, v := range vs {
			if got := intnTable[n].mod(v); got != v%n {
				t.Fatalf("%d %% %d: mod %d, want %d", v, n, got, v%n)
			}
		}
	}
}

func FuzzIntnMod(f *testing.F) {
	for _, n := range []uint32{3, 7, 255, 511} {
		for _, v := range intnModValues(n) {
			f.Add(v, uint16(n))
		}
	}
	f.Fuzz(func(t *testing.T, v uint32, n16 uint16) {
		n := uint32(n16) % uint32(len(intnTable))
		if n == 0 {
			return
		}
		if got := intnTable[n].mod(v); got != v%n {
			t.Fatalf("%d %% %d: mod %d, want %d", v, n, got, v%n)
		}
	})
}

// Intn(n) for n <= 0 panics as rand.Rand.Intn does, with its message, on a seeded Source (the
// continuation and lagSource.intn) and on one from bytes, instead of drawing forever: each call
// runs under a time limit, so that a regression fails instead of hanging.
func TestIntnNonPositivePanics(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, -1} {
		want := panicOf(func() { rand.New(rand.NewSource(1)).Intn(n) })
		if want == nil {
			t.Fatalf("rand.Rand.Intn(%d) does not panic", n)
		}
		calls := map[string]func(){
			"seeded": func() {
				NewSource(1).fill(drawFunc(func(r rnd) { r.Intn(n) }))
			},
			"seeded after draws": func() { // the lagSource's buffer part read
				NewSource(2).fill(drawFunc(func(r rnd) {
					for range 200 {
						r.Intn(7)
					}
					r.Intn(n)
				}))
			},
			"lagSource.intn": func() { newLagSource(1).intn(n) },
			"from bytes": func() {
				NewFromGoFuzz([]byte("some fuzzing input")).fill(drawFunc(func(r rnd) { r.Intn(n) }))
			},
		}
		for name, call := range calls {
			got := make(chan any, 1)
			go func() { got <- panicOf(call) }()
			select {
			case p := <-got:
				if p != want {
					t.Errorf("%s: Intn(%d) panics with %v, want %v", name, n, p, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%s: Intn(%d) still running after 10s", name, n)
			}
		}
	}
}

// panicOf runs f and returns what it panics with (nil if it returns).
func panicOf(f func()) (p any) {
	defer func() { p = recover() }()
	f()
	return nil
}
