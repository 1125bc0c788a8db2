package fuzz

import (
	"math/bits"
	"math/rand"
)

// lagSource draws exactly what math/rand's seeded source (rand.NewSource) draws, with its
// state in reach of the draws: they take a random integer per drawn rune, and a call through
// rand.Rand's Source interface costs as much as the generator's step itself.
//
// rand.NewSource's values are fixed by the Go 1 compatibility promise (math/rand: "Programs that
// call Seed with a known value to get a specific sequence of results" keep getting it): an
// additive lagged Fibonacci generator, x[n] = x[n-607] + x[n-273] (mod 2^64), over a register of
// lagLen values that Seed fills from the seed (a Park-Miller generator) xored with a fixed table.
// That table is recovered once from a seeded rand.NewSource's first values (lagCooked), not
// copied; TestLagSourceAsMathRand compares the two sources value by value.
//
// The values are made lagBatch at a time into buf, where the draws' hot loops read them without
// a call (take); every other reader (Uint64, Int63: rand.Rand, gofuzz) reads the same buffer,
// so the order of the values is the generator's whatever reads them.
type lagSource struct {
	tap, feed int              // where the next step reads and writes, counting down
	vec       [lagLen]int64    // the register
	pos       int              // the values left in buf: the next is buf[pos-1]
	buf       [lagBatch]uint64 // the values, the first made last
}

// lagBatch is how many values lagSource makes at a time.
const lagBatch = 128

// The generator's length and tap, and the largest Int31 plus one (math/rand/rng.go).
const (
	lagLen   = 607
	lagTap   = 273
	int32max = (1 << 31) - 1
)

// newLagSource returns the source rand.NewSource(seed) is.
func newLagSource(seed int64) *lagSource {
	s := &lagSource{}
	s.Seed(seed)
	return s
}

// Seed fills the register as rand.NewSource's Seed does.
func (s *lagSource) Seed(seed int64) {
	s.tap, s.feed, s.pos = 0, lagLen-lagTap, 0
	seeding(seed, &s.vec)
	for i := range s.vec {
		s.vec[i] ^= lagCooked[i]
	}
}

// seeding writes into u the register's values drawn from the seed, before the fixed table is
// xored in: for each, three steps of the Park-Miller generator after 20 steps of warm-up, as
// math/rand's Seed draws them. The three values of a register entry are steps 3i+1, 3i+2 and
// 3i+3 after the warm-up; each of the three is advanced three steps at a time (seedMul3), so the
// three chains of multiplications run side by side instead of one after the other.
func seeding(seed int64, u *[lagLen]int64) {
	seed %= int32max
	if seed < 0 {
		seed += int32max
	}
	if seed == 0 {
		seed = 89482311
	}
	x := uint64(seed)
	for range 20 {
		x = seedrand(x)
	}
	a := seedrand(x)
	b := seedrand(a)
	c := seedrand(b)
	for i := range u {
		u[i] = int64(a)<<40 ^ int64(b)<<20 ^ int64(c)
		a, b, c = mulMod(a, seedMul3), mulMod(b, seedMul3), mulMod(c, seedMul3)
	}
}

// seedMul is the Park-Miller generator's multiplier (math/rand/rng.go's seedrand), seedMul3 its
// cube modulo 2^31-1: three steps at once.
const (
	seedMul  = 48271
	seedMul3 = seedMul * seedMul % int32max * seedMul % int32max
)

// seedrand is one step of the Park-Miller generator x[n+1] = 48271 * x[n] mod (2^31 - 1), for
// x in [0, 2^31-1): what math/rand's seedrand computes by Schrage's method.
func seedrand(x uint64) uint64 { return mulMod(x, seedMul) }

// mulMod returns x*a mod 2^31-1 for x and a below 2^31-1, without a division: 2^31 is 1 modulo
// 2^31-1, so the product's bits above the 31st add to its low 31 bits; the sum is below
// 2*(2^31-1), and one subtraction brings it below 2^31-1.
func mulMod(x, a uint64) uint64 {
	p := x * a
	v := p&int32max + p>>31
	if v >= int32max {
		v -= int32max
	}
	return v
}

// Uint64 returns the generator's next value.
func (s *lagSource) Uint64() uint64 {
	if s.pos <= 0 {
		s.refill()
	}
	s.pos--
	return s.buf[s.pos]
}

// refill steps the generator lagBatch times into buf, from its end down: in runs where
// neither position wraps around the register, without a test per step. A run's steps count
// their positions down, so the register's slices and buf's are indexed alike.
func (s *lagSource) refill() {
	tap, feed := s.tap, s.feed
	for left := lagBatch; left > 0; {
		if tap == 0 {
			tap = lagLen
		}
		if feed == 0 {
			feed = lagLen
		}
		run := min(tap, feed, left) // steps before a position reaches 0
		taps, feeds, out := s.vec[tap-run:tap], s.vec[feed-run:feed], s.buf[left-run:left]
		taps, out = taps[:len(feeds)], out[:len(feeds)]
		for k := len(feeds) - 1; k >= 0; k-- {
			x := feeds[k] + taps[k]
			feeds[k] = x
			out[k] = uint64(x)
		}
		tap, feed, left = tap-run, feed-run, left-run
	}
	s.tap, s.feed, s.pos = tap, feed, lagBatch
}

// appendBlock is drawBlock with s's randomness: the style drawn (intn) and the block's runes
// (appendRunes) read the values in place, without a call through the continuation per draw.
func (s *lagSource) appendBlock(dst []byte, n int, enc *alphabetUTF8, hi int) (head []byte, rest int) {
	sets := enc.blockSets(n, hi, s.intn(blockStyles))
	block, cut := blockRunes(n)
	buf := growBlock(dst, block)
	end, rest := s.appendRunes(buf, len(dst), sets, block, cut)
	return buf[:end], rest
}

// appendRunes is sets.appendWith with s's randomness: the same values drawn in the same
// order, each read from the buffer in place (take: intn's steps written out, for the first
// rune's draws too), the first rune and the one that starts rest peeled off the loops
// (appendRange).
func (s *lagSource) appendRunes(buf []byte, p int, sets *runeSets, block, cut int) (end, rest int) {
	start := p
	rs := sets.set
	if sets.mixed {
		c, ok := s.take(&intnTable[3])
		if !ok {
			c = s.intnSlow(3)
		}
		if c == 0 {
			rs = sets.multi
		}
	}
	if len(sets.ascii) > 0 {
		rs = sets.ascii
	}
	k, ok := 0, false // intn(len(rs)), its steps written out (take inlines, intn does not)
	if n := len(rs); n < len(intnTable) {
		k, ok = s.take(&intnTable[n])
	}
	if !ok {
		k = s.intnSlow(len(rs))
	}
	p = rs[k].appendTo(buf, p)
	if cut == 0 {
		return s.appendRange(buf, p, block-1, sets), 0
	}
	p = s.appendRange(buf, p, cut-1, sets)
	rest = p - start
	return s.appendRange(buf, p, block-cut, sets), rest
}

// appendRange draws n runes from the sets (none the first) into buf from position p and
// returns the end.
func (s *lagSource) appendRange(buf []byte, p, n int, sets *runeSets) int {
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
	// the two sets indexed by whether the Intn(3) draw was 0: chosen without a branch, which
	// the draw of 0 one time in three would mispredict
	type choice struct {
		rs []encodedRune
		t  *intnEntry
	}
	choices := [2]choice{{set, tSet}, {sets.multi, &intnTable[len(sets.multi)]}}
	t3 := &intnTable[3]
	for range n {
		c, ok := s.take(t3)
		if !ok {
			c = s.intnSlow(3)
		}
		var multi int
		if c == 0 {
			multi = 1
		}
		ch := &choices[multi]
		rs, t := ch.rs, ch.t
		k, ok := s.take(t)
		if !ok {
			k = s.intnSlow(len(rs))
		}
		p = rs[k].appendTo(buf, p)
	}
	return p
}

// take is Intn for the table's entry t when the next value is in the buffer and inside
// Int31n's bound: it is then drawn. Otherwise nothing is drawn and ok is false (intnSlow).
func (s *lagSource) take(t *intnEntry) (v int, ok bool) {
	p := uint(s.pos) - 1
	if p >= lagBatch { // none left
		return 0, false
	}
	x := int32(s.buf[p] << 1 >> 33) // rand.Rand.Int31: the top 31 bits of Int63
	if x > t.max {
		return 0, false
	}
	s.pos = int(p)
	hi, _ := bits.Mul64(t.recip*uint64(x), uint64(t.n))
	return int(hi), true
}

// intn is rand.Rand.Intn(n) on s. continuation.Intn, the draws' Intn, holds a copy of its
// body (its twin: keep the two alike), as intn is too large to be inlined there and the call
// cost a quarter of a small Intn (the measurement is at the copy); so does
// urlDraw.appendShortURL, three times, beside a copy of appendBlock's body (a3eb001), and
// appendRunes, for its first rune's two draws.
func (s *lagSource) intn(n int) int {
	if uint(n) < uint(len(intnTable)) {
		if v, ok := s.take(&intnTable[n]); ok {
			return v
		}
	}
	return s.intnSlow(n)
}

// intnSlow is rand.Rand.Intn(n) on s: Int31n's loop for an n of the table (it draws again
// while the value is outside the bound), rand.Rand itself for any other, and for n <= 0, for
// which it panics as rand.Rand.Intn does (intnTable[0]'s bound, -1, would loop forever).
func (s *lagSource) intnSlow(n int) int {
	if uint(n-1) >= uint(len(intnTable)-1) {
		return rand.New(s).Intn(n)
	}
	return intnTable[n].draw(s)
}

// Int63 is Uint64 without its top bit.
func (s *lagSource) Int63() int64 { return int64(s.Uint64() &^ (1 << 63)) }

// Int31 is rand.Rand.Int31 on this source: the top 31 bits of Int63.
func (s *lagSource) Int31() int32 { return int32(s.Int63() >> 32) }

var _ rand.Source64 = (*lagSource)(nil)

// lagCooked is the fixed table rand.NewSource xors into the seeded register. Step k of the
// generator writes position f(k) = (lagLen-lagTap-1-k) mod lagLen with the sum of what that
// position held and what position t(k) = (lagLen-1-k) mod lagLen holds, and returns it; so the
// first lagLen values o[0..lagLen-1] of a seeded source give back its register:
//   - positions t(k), k < lagTap: first written at step k+lagLen-lagTap, whose tap, position
//     t(k+lagLen-lagTap), was written at step k+lagLen-2*lagTap: reg[t(k)] = o[k+lagLen-lagTap] - o[k+lagLen-2*lagTap];
//   - positions f(k), k < lagLen-lagTap: o[k] = reg[f(k)] + (reg[t(k)] for k < lagTap, o[k-lagTap]
//     after: position t(k) = f(k-lagTap) was written at step k-lagTap).
//
// The register xor what the seed draws is the table.
var lagCooked = func() (cooked [lagLen]int64) {
	const seed = 1
	src := rand.NewSource(seed).(rand.Source64)
	var o, reg [lagLen]int64
	for k := range o {
		o[k] = int64(src.Uint64())
	}
	f := func(k int) int { return ((lagLen-lagTap-1-k)%lagLen + lagLen) % lagLen }
	t := func(k int) int { return ((lagLen-1-k)%lagLen + lagLen) % lagLen }
	for k := range lagTap {
		reg[t(k)] = o[k+lagLen-lagTap] - o[k+lagLen-2*lagTap]
	}
	for k := range lagLen - lagTap {
		tapped := reg[t(k)]
		if k >= lagTap {
			tapped = o[k-lagTap]
		}
		reg[f(k)] = o[k] - tapped
	}
	seeding(seed, &cooked)
	for i := range cooked {
		cooked[i] ^= reg[i]
	}
	return cooked
}()
