package fuzz

// This is the only file that imports gofuzz (STYLE.md): a move to sigs.k8s.io/randfill
// changes this file alone.

import gofuzz "github.com/google/gofuzz"

// Source is the randomness a Generator draws from: a gofuzz Fuzzer whose custom fuzz
// functions fill one draw per member kind (see draw.go). Two Sources built from the same
// seed, or from the same bytes, draw the same requests.
type Source struct {
	f *gofuzz.Fuzzer
}

// NewSource returns a Source seeded with seed.
func NewSource(seed int64) *Source { return newSource(gofuzz.NewWithSeed(seed)) }

// NewFromGoFuzz returns a Source that reads its randomness from data, the bytes a native
// `go test -fuzz` target receives; when data runs out it continues from a seed taken from
// data's first bytes.
func NewFromGoFuzz(data []byte) *Source { return newSource(gofuzz.NewFromGoFuzz(data)) }

func newSource(f *gofuzz.Fuzzer) *Source {
	f.NilChance(0).Funcs(
		func(d *caseDraw, c gofuzz.Continue) { d.fill(continuation{c}) },
		func(d *stringDraw, c gofuzz.Continue) { d.fill(continuation{c}) },
		func(d *intDraw, c gofuzz.Continue) { d.fill(continuation{c}) },
		func(d *enumDraw, c gofuzz.Continue) { d.fill(continuation{c}) },
		func(d *mutationDraw, c gofuzz.Continue) { d.fill(continuation{c}) },
	)
	return &Source{f: f}
}

// fill runs the custom fuzz function of d's type.
func (s *Source) fill(d any) { s.f.Fuzz(d) }

// continuation adapts gofuzz.Continue to rnd: draws nested inside a draw go on with the same
// randomness.
type continuation struct{ c gofuzz.Continue }

func (c continuation) Intn(n int) int { return c.c.Intn(n) }
func (c continuation) Int63() int64   { return c.c.Int63() }
func (c continuation) Fill(d any)     { c.c.Fuzz(d) }

// rnd is what a draw's fill method sees: random integers and nested draws.
type rnd interface {
	Intn(n int) int
	Int63() int64
	Fill(d any)
}

var _ rnd = continuation{}
