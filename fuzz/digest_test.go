package fuzz

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	. "github.com/onsi/gomega"
)

// drawDigest hashes what n draws of mode m produce (ID, mode, state, body): per-case seeds as
// BenchmarkExecution draws them (a new Source per case, or one Source reseeded per case), then
// one long-lived Source as a campaign draws them, then every break once.
func drawDigest(gen *Generator, m Mode, n int, reseed bool) string {
	h := sha256.New()
	add := func(c Case) { fmt.Fprintf(h, "%s\x00%d\x00%d\x00%q\x00", c.ID, c.Mode, c.State, c.Body) }
	reused := NewFromGoFuzz([]byte("reseeded before use"))
	for i := range n {
		if reseed {
			reused.Reseed(7 + int64(i))
			add(gen.DrawMode(reused, m))
			continue
		}
		add(gen.DrawMode(NewSource(7+int64(i)), m))
	}
	src := NewSource(11)
	for range n {
		add(gen.DrawMode(src, m))
	}
	for i := range gen.Breaks() {
		add(gen.DrawBreak(src, i))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Performance work on the draw must not change what is drawn: the digests of each mode's draws
// are pinned (they change only with a deliberate change of the generators, which updates them).
func TestDrawDigestsArePinned(t *testing.T) {
	t.Parallel()
	gen, err := NewGenerator(nil, testStates()...)
	NewWithT(t).Expect(err).NotTo(HaveOccurred())
	for name, tc := range map[string]struct {
		mode Mode
		want string
	}{
		"mixed":    {0, "b840d32f90a1f4ef1b20832fce81c6783c71b61fc855beb732389356cdeffe82"},
		"positive": {Positive, "09527e087c0a197ed08165747dc3036ccb58f798a216007c34566bbad89f7237"},
		"negative": {Negative, "b032818733c7fc4ccba19272c1397391b1f37f1373e5e4c351c58a9e9e982cd6"},
		"raw":      {Raw, "7f74224154a4ca885a13d21dc61290d90b1224ba502dae886bbdaf568d1e30a2"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			g.Expect(drawDigest(gen, tc.mode, 300, false)).To(Equal(tc.want))
			g.Expect(drawDigest(gen, tc.mode, 300, true)).To(Equal(tc.want), "Reseed draws as NewSource does")
		})
	}
}
