package emulator

import (
	"fmt"
	mrand "math/rand/v2"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// TestRequestIDSameDraws: request ids are built without fmt but from the same draws as
// before (formerIDs' text and then uint64, the variant), so a seeded emulator hands out the
// same ids as earlier releases.
func TestRequestIDSameDraws(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	a, b := newFormerIDs(42), newSeededIDs(42)
	for range 50 {
		raw := []byte(a.text(32, hexDigits))
		raw[12] = '4'
		raw[16] = "89ab"[a.uint64()%4]
		want := fmt.Sprintf("%s-%s-%s-%s-%s", raw[0:8], raw[8:12], raw[12:16], raw[16:20], raw[20:32])
		g.Expect(requestID(b)).To(Equal(want))
	}
	g.Expect(requestID(newRandomIDs())).To(MatchRegexp(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`))
}

// requestID is the text requestIDInto writes.
func requestID(s *idSource) string {
	var out [uuidLen]byte
	s.requestIDInto(&out)
	return string(out[:])
}

// formerIDs is idSource as it was before requestIDInto drew under one lock from the PCG
// directly: a math/rand/v2 Rand over the same PCG, fill's modulo of the alphabet's length,
// the variant drawn by uint64 after fill.
type formerIDs struct {
	mu  sync.Mutex
	rng *mrand.Rand
}

func newFormerIDs(seed uint64) *formerIDs {
	return &formerIDs{rng: mrand.New(mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (s *formerIDs) uint64() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rng.Uint64()
}

func (s *formerIDs) fill(b []byte, alphabet string) {
	s.mu.Lock()
	for i := range b {
		b[i] = byte(s.rng.Uint64())
	}
	s.mu.Unlock()
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
}

func (s *formerIDs) text(n int, alphabet string) string {
	b := make([]byte, n)
	s.fill(b, alphabet)
	return string(b)
}

func (s *formerIDs) requestIDInto(out *[uuidLen]byte) {
	var b [32]byte
	s.fill(b[:], hexDigits)
	b[12] = '4'
	b[16] = "89ab"[s.uint64()%4]
	copy(out[0:8], b[0:8])
	copy(out[9:13], b[8:12])
	copy(out[14:18], b[12:16])
	copy(out[19:23], b[16:20])
	copy(out[24:36], b[20:32])
	out[8], out[13], out[18], out[23] = '-', '-', '-', '-'
}

// TestIDsAsFormer: a seeded idSource hands out the request ids, pool ids, client ids and
// secrets the former one (formerIDs) hands out, for several seeds and request ids drawn
// between the other identifiers in every order, so that the draws stay in step.
func TestIDsAsFormer(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{0, 3, 7, 11, 42, 1 << 63, ^uint64(0)} {
		a, b := newFormerIDs(seed), newSeededIDs(seed)
		order := mrand.New(mrand.NewPCG(seed, 1))
		for i := range 300 {
			var want, got string
			switch order.IntN(4) {
			case 0, 1:
				var w, g [uuidLen]byte
				a.requestIDInto(&w)
				b.requestIDInto(&g)
				want, got = string(w[:]), string(g[:])
			case 2:
				want, got = "us-east-1_"+a.text(9, mixedAlnum), b.poolID("us-east-1")
			default:
				want, got = a.text(26, lowerAlnum), b.clientID()
			}
			if got != want {
				t.Fatalf("seed %d, draw %d: %q, the former source drew %q", seed, i, got, want)
			}
		}
	}
}

// BenchmarkRequestID is requestIDInto against the former one (formerIDs), alternating in one
// loop: go test ./runner/emulator -run '^$' -bench RequestID
func BenchmarkRequestID(b *testing.B) {
	a, s := newFormerIDs(3), newSeededIDs(3)
	var out [uuidLen]byte
	var tFormer, tNew time.Duration
	for b.Loop() {
		t0 := time.Now()
		a.requestIDInto(&out)
		t1 := time.Now()
		s.requestIDInto(&out)
		tNew += time.Since(t1)
		tFormer += t1.Sub(t0)
	}
	b.ReportMetric(float64(tNew.Nanoseconds())/float64(b.N), "new-ns/op")
	b.ReportMetric(float64(tFormer.Nanoseconds())/float64(b.N), "former-ns/op")
	b.ReportMetric(float64(tNew)/float64(tFormer), "new/former")
}
