package fuzz

// This is the only file that imports gofuzz (STYLE.md): a move to sigs.k8s.io/randfill
// changes this file alone.

import (
	"math/rand"

	gofuzz "github.com/google/gofuzz"
)

// Source is the randomness a Generator draws from: a gofuzz Fuzzer whose custom fuzz
// functions fill one draw per member kind (see draw.go). Two Sources built from the same
// seed, or from the same bytes, draw the same requests.
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

// newSource sets the fuzzer up: no nil pointers. The draws' custom fuzz functions are their
// Fuzz methods below (gofuzz.Interface: gofuzz calls them directly, where a function
// registered with Funcs goes through reflect.Value.Call on every nested draw).
func newSource(f *gofuzz.Fuzzer) *Source { return &Source{f: f.NilChance(0)} }

// The custom fuzz functions, one per draw kind.
func (d *caseDraw) Fuzz(c gofuzz.Continue)     { d.fill(continuation{c}) }
func (d *stringDraw) Fuzz(c gofuzz.Continue)   { d.fill(continuation{c}) }
func (d *intDraw) Fuzz(c gofuzz.Continue)      { d.fill(continuation{c}) }
func (d *enumDraw) Fuzz(c gofuzz.Continue)     { d.fill(continuation{c}) }
func (d *mutationDraw) Fuzz(c gofuzz.Continue) { d.fill(continuation{c}) }

var (
	_ gofuzz.Interface = (*caseDraw)(nil)
	_ gofuzz.Interface = (*stringDraw)(nil)
	_ gofuzz.Interface = (*intDraw)(nil)
	_ gofuzz.Interface = (*enumDraw)(nil)
	_ gofuzz.Interface = (*mutationDraw)(nil)
)

// fill runs the custom fuzz function of d's type.
func (s *Source) fill(d any) { s.f.Fuzz(d) }

// continuation is gofuzz.Continue as the draws use it (rnd): draws nested inside a draw go on
// with the same randomness.
type continuation struct{ c gofuzz.Continue }

func (c continuation) Intn(n int) int { return c.c.Intn(n) }
func (c continuation) Int63() int64   { return c.c.Int63() }
func (c continuation) Fill(d any)     { c.c.Fuzz(d) }

// rnd is what a draw's fill method sees: random integers and nested draws. It is the
// continuation itself, not an interface: the draws make a random integer per drawn rune, and
// a direct call inlines where a call through an interface cannot.
type rnd = continuation
