package fuzz

import (
	"math/rand"
	"testing"

	. "github.com/onsi/gomega"
)

// intnCases are the n a draw sequence asks for: every n of the table and around it, powers of
// two, and large ones that go to rand.Rand.Intn itself.
func intnCases() []int {
	var ns []int
	for n := 1; n <= len(int31nMax)+8; n++ {
		ns = append(ns, n)
	}
	for _, n := range []int{1 << 10, 1<<20 + 1, 1<<31 - 1, 1 << 31, 1<<40 + 3, 3, 7, 255, 256, 257, 1 << 20} {
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
