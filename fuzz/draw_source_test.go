package fuzz

import (
	"math"
	"math/rand"
	"testing"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// lagSourceSeeds are seeds at the edges of Seed's reduction modulo 2^31-1 (0, its multiples,
// negative ones, the replacement of 0) and ordinary ones.
var lagSourceSeeds = []int64{0, 1, 2, 7, 11, -1, -7, int32max - 1, int32max, int32max + 1, 2 * int32max, -int32max,
	89482311, 1 << 40, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}

// lagSource draws what rand.NewSource draws, value after value, from every seed; Seed restarts
// it as a new source.
func TestLagSourceAsMathRand(t *testing.T) {
	t.Parallel()
	for _, seed := range lagSourceSeeds {
		ref := rand.NewSource(seed).(rand.Source64)
		got := newLagSource(seed)
		for i := range 5 * lagLen {
			if g, w := got.Uint64(), ref.Uint64(); g != w {
				t.Fatalf("seed %d, value %d: %#x, math/rand %#x", seed, i, g, w)
			}
			if g, w := got.Int63(), ref.Int63(); g != w {
				t.Fatalf("seed %d, Int63 %d: %#x, math/rand %#x", seed, i, g, w)
			}
		}
		got.Seed(seed + 1)
		ref.Seed(seed + 1)
		for i := range 2 * lagLen {
			if g, w := got.Int31(), rand.New(ref).Int31(); g != w {
				t.Fatalf("reseeded %d, Int31 %d: %d, math/rand %d", seed+1, i, g, w)
			}
		}
	}
}

func FuzzLagSourceAsMathRand(f *testing.F) {
	for _, seed := range lagSourceSeeds {
		f.Add(seed, uint16(100))
	}
	f.Fuzz(func(t *testing.T, seed int64, n uint16) {
		ref, got := rand.NewSource(seed).(rand.Source64), newLagSource(seed)
		for i := range int(n) + lagLen {
			if g, w := got.Uint64(), ref.Uint64(); g != w {
				t.Fatalf("seed %d, value %d: %#x, math/rand %#x", seed, i, g, w)
			}
		}
	})
}

// lagSource.appendRunes draws the runes runeSets.appendWith draws through gofuzz and math/rand
// alone (newGofuzzSource), byte for byte, and leaves the source where appendWith leaves it: every alphabet of the model, both multibyte sets, every style, blocks
// and cuts at their edges, seeds whose buffer runs out inside the block.
func TestAppendRunesAsReference(t *testing.T) {
	t.Parallel()
	gen, _, _ := benchHarnessOn(t, nil)
	var encs []*alphabetUTF8
	seen := map[string]bool{} // each alphabet once: the model's patterns share a few
	for _, as := range []map[*contracts.Shape]alphabet{gen.alpha, gen.urlAlpha} {
		for _, a := range as {
			runes := string(a.ascii) + "|" + string(a.multibyte)
			if a.free() && !seen[runes] {
				seen[runes] = true
				encs = append(encs, a.utf8)
			}
		}
	}
	for _, a := range []alphabet{alphabetOf(nil), {ascii: []rune{'a'}}, {multibyte: []rune{'é', '𝒜'}, bmp: []rune{'é'}}} {
		encs = append(encs, a.withUTF8().utf8)
	}
	draw := func(s *Source, sets *runeSets, block, cut, skip int) (text []byte, rest int, next int64) {
		s.fill(drawFunc(func(r rnd) {
			for range skip {
				r.Int63()
			}
			buf := make([]byte, (block+1)*4+3)
			var end int
			if r.lag != nil {
				end, rest = r.lag.appendRunes(buf, 3, sets, block, cut)
			} else {
				end, rest = sets.appendWith(r, buf, 3, block, cut)
			}
			text, next = buf[3:end], r.Int63()
		}))
		return text, rest, next
	}
	fast := NewSource(0)
	var seeded [4]lagSource
	for seed := range seeded {
		seeded[seed] = *newLagSource(int64(seed))
	}
	cases := 0
	for _, enc := range encs {
		for astral := range enc.styles {
			for style := range enc.styles[astral] {
				sets := &enc.styles[astral][style]
				if len(sets.set) == 0 {
					continue
				}
				for _, block := range []int{1, 2, 7, 256} {
					for _, cut := range []int{0, 1, block / 2, block - 1} {
						if cut >= block { // cut is n % block
							continue
						}
						for seed, skip := range []int{0, lagBatch - 1, lagBatch - 2*block, 3*lagBatch - 5} {
							*fast.lag = seeded[seed]
							ref := newGofuzzSource(int64(seed))
							text, rest, next := draw(fast, sets, block, cut, max(skip, 0))
							wantText, wantRest, wantNext := draw(ref, sets, block, cut, max(skip, 0))
							if string(text) != string(wantText) || rest != wantRest || next != wantNext {
								t.Fatalf("style %d/%d, block %d, cut %d, skip %d: %q %d %d, reference %q %d %d",
									astral, style, block, cut, skip, text, rest, next, wantText, wantRest, wantNext)
							}
							cases++
						}
					}
				}
			}
		}
	}
	if cases < 1000 {
		t.Fatalf("only %d cases", cases)
	}
}

func FuzzAppendRunesAsReference(f *testing.F) {
	f.Add(int64(1), uint8(1), uint16(7), uint16(3), uint16(lagBatch-1))
	f.Add(int64(-3), uint8(4), uint16(256), uint16(255), uint16(0))
	encs := []*alphabetUTF8{alphabetOf(nil).utf8, alphabetOf(nil).narrow(unreserved).utf8}
	f.Fuzz(func(t *testing.T, seed int64, style uint8, block, cut, skip uint16) {
		enc := encs[int(style)/8%len(encs)]
		sets := &enc.styles[style/4%2][style%4]
		n := int(block)%repeatBlock + 1
		c := int(cut) % n
		var got, want string
		var gotRest, wantRest int
		for _, s := range []*Source{NewSource(seed), newGofuzzSource(seed)} {
			s.fill(drawFunc(func(r rnd) {
				for range int(skip) % (3 * lagBatch) {
					r.Int63()
				}
				buf := make([]byte, (n+1)*4)
				if r.lag != nil {
					end, rest := r.lag.appendRunes(buf, 0, sets, n, c)
					got, gotRest = string(buf[:end])+string(rune(r.Intn(1000))), rest
				} else {
					end, rest := sets.appendWith(r, buf, 0, n, c)
					want, wantRest = string(buf[:end])+string(rune(r.Intn(1000))), rest
				}
			}))
		}
		if got != want || gotRest != wantRest {
			t.Fatalf("seed %d, style %d, %d runes, cut %d: %q %d, reference %q %d", seed, style, n, c, got, gotRest, want, wantRest)
		}
	})
}

// schrageSeedrand is math/rand's seedrand (rng.go): Schrage's method, the reference of seedrand
// and mulMod.
func schrageSeedrand(x int32) int32 {
	const a, q, r = 48271, 44488, 3399
	hi, lo := x/q, x%q
	x = a*lo - r*hi
	if x < 0 {
		x += int32max
	}
	return x
}

// seedingReference is math/rand's Seed loop step after step with schrageSeedrand: the
// reference of seeding's three chains.
func seedingReference(seed int64) (u [lagLen]int64) {
	seed %= int32max
	if seed < 0 {
		seed += int32max
	}
	if seed == 0 {
		seed = 89482311
	}
	x := int32(seed)
	for i := -20; i < lagLen; i++ {
		x = schrageSeedrand(x)
		if i >= 0 {
			v := int64(x) << 40
			x = schrageSeedrand(x)
			v ^= int64(x) << 20
			x = schrageSeedrand(x)
			u[i] = v ^ int64(x)
		}
	}
	return u
}

// seedrand is Schrage's step for every x math/rand's Seed can hand it (0 and 1 to 2^31-2):
// the edges of the reduction (multiples of Schrage's q and around them, products just below
// and above multiples of 2^31-1) and a walk of the generator itself.
func TestSeedrandAsSchrage(t *testing.T) {
	t.Parallel()
	xs := []int32{0, 1, 2, 3399, 44487, 44488, 44489, 2 * 44488, int32max / 48271, int32max/48271 + 1,
		int32max - 2, int32max - 1, 1 << 30, 1<<30 + 1, 89482311}
	x := int32(1)
	for range 10000 {
		x = schrageSeedrand(x)
		xs = append(xs, x, x-1)
	}
	for _, x := range xs {
		if x < 0 {
			continue
		}
		if got, want := seedrand(uint64(x)), schrageSeedrand(x); got != uint64(want) {
			t.Fatalf("seedrand(%d) = %d, Schrage %d", x, got, want)
		}
		three := schrageSeedrand(schrageSeedrand(schrageSeedrand(x)))
		if got := mulMod(uint64(x), seedMul3); got != uint64(three) {
			t.Fatalf("mulMod(%d, seedMul3) = %d, three steps %d", x, got, three)
		}
	}
}

// seeding writes what math/rand's Seed loop draws from every seed of lagSourceSeeds.
func TestSeedingAsReference(t *testing.T) {
	t.Parallel()
	for _, seed := range append(lagSourceSeeds, -89482311, 3*int32max+5, 1<<31) {
		var got [lagLen]int64
		seeding(seed, &got)
		if want := seedingReference(seed); got != want {
			t.Fatalf("seed %d: seeding differs from math/rand's loop", seed)
		}
	}
}

func FuzzSeedingAsReference(f *testing.F) {
	for _, seed := range lagSourceSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		var got [lagLen]int64
		seeding(seed, &got)
		if want := seedingReference(seed); got != want {
			t.Fatalf("seed %d: seeding differs from math/rand's loop", seed)
		}
	})
}

// BenchmarkSeed is Seed against math/rand's Seed in the same run (the reference: its Schrage
// steps one after the other, as lagSource's Seed made them before seeding's chains).
func BenchmarkSeed(b *testing.B) {
	s, ref := newLagSource(1), rand.NewSource(1)
	b.Run("lag", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			s.Seed(int64(i))
		}
	})
	b.Run("math-rand", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			ref.Seed(int64(i))
		}
	})
}

// formerAppendRange is appendRange as it was: each draw through take, which reads and writes
// the source's position in memory (the reference of BenchmarkAppendRange).
func (s *lagSource) formerAppendRange(buf []byte, p, n int, sets *runeSets) int {
	set, tSet := sets.set, &intnTable[len(sets.set)]
	if !sets.mixed {
		for range n {
			k, ok := s.take(tSet)
			if !ok {
				k = s.intnSlow(len(set))
			}
			p = set[k].appendTo(buf, p)
		}
		return p
	}
	multi, tMulti, t3 := sets.multi, &intnTable[len(sets.multi)], &intnTable[3]
	for range n {
		rs, t := set, tSet
		c, ok := s.take(t3)
		if !ok {
			c = s.intnSlow(3)
		}
		if c == 0 {
			rs, t = multi, tMulti
		}
		k, ok := s.take(t)
		if !ok {
			k = s.intnSlow(len(rs))
		}
		p = rs[k].appendTo(buf, p)
	}
	return p
}

// BenchmarkAppendRange draws blocks of 255 runes of the URL alphabet (ASCII, mixed) with
// appendRange and formerAppendRange from the same source states, alternating which goes first:
// new-ns and former-ns, the fastest block of each, per rune, and ratio.
func BenchmarkAppendRange(b *testing.B) {
	enc := alphabetOf(nil).narrow(unreserved).utf8
	for _, style := range []int{2, 1} {
		name := map[int]string{1: "mixed", 2: "ascii"}[style]
		b.Run(name, func(b *testing.B) {
			sets := &enc.styles[1][style]
			buf := make([]byte, 256*4+4)
			var best [2]time.Duration
			src := newLagSource(1)
			for i := 0; b.Loop(); i++ {
				src.Seed(int64(i % 64))
				for range i % 7 { // positions inside the buffer, refills inside the block
					src.Uint64()
				}
				snap := *src
				for k := range 2 {
					v := (k + i) % 2
					*src = snap
					start := time.Now()
					if v == 0 {
						src.appendRange(buf, 0, 255, sets)
					} else {
						src.formerAppendRange(buf, 0, 255, sets)
					}
					if d := time.Since(start); best[v] == 0 || d < best[v] {
						best[v] = d
					}
				}
			}
			b.ReportMetric(float64(best[0].Nanoseconds())/255, "new-ns/rune")
			b.ReportMetric(float64(best[1].Nanoseconds())/255, "former-ns/rune")
			b.ReportMetric(float64(best[0])/float64(best[1]), "ratio")
		})
	}
}
