package emulator

import (
	"fmt"
	"testing"

	. "github.com/onsi/gomega"
)

// TestRequestIDSameDraws: request ids are built without fmt but from the same draws as
// before, so a seeded emulator hands out the same ids as earlier releases.
func TestRequestIDSameDraws(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	a, b := newSeededIDs(42), newSeededIDs(42)
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
