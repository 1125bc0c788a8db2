package fuzz

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"unsafe"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// TestDrawnCasesAreRendered: every case a draw returns, seeded or from bytes, in every mode and
// by break, and every shrink candidate owns its body (Case.ownBody: its Body is the new memory
// it was rendered into); a Case built as a literal does not, nor a drawn one given other memory.
func TestDrawnCasesAreRendered(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, _, _ := benchHarness(t)
	var drawn []Case
	src := NewSource(5)
	for _, m := range []Mode{0, Positive, Negative, Raw} {
		for range 40 {
			drawn = append(drawn, gen.DrawMode(src, m))
		}
	}
	for i := range 40 {
		drawn = append(drawn, gen.Draw(NewFromGoFuzz([]byte{byte(i), 7, 3, byte(i * 5), 1, 2, 3, 4})))
	}
	drawn = append(drawn, gen.DrawBreak(src, 0))
	for i, c := range drawn {
		g.Expect(c.ownBody() || len(c.Body) == 0).To(BeTrue(), "case %d %s", i, c.ID)
	}
	shrunk := 0
	for _, c := range drawn[:60] {
		for _, n := range candidates(gen.input, c) {
			g.Expect(n.ownBody() || len(n.Body) == 0).To(BeTrue(), "candidate of %s", c.ID)
			shrunk++
		}
	}
	g.Expect(shrunk).To(BeNumerically(">", 0))
	lit := Case{Mode: Raw, Body: []byte(`{}`)}
	g.Expect(lit.ownBody()).To(BeFalse())
	v := drawn[0]
	v.Body = bytes.Clone(v.Body) // a drawn case given other memory
	g.Expect(v.ownBody()).To(BeFalse())
}

// TestDrawnRawBodiesAreParsedInPlace: the in-process emulator parses a drawn raw body through
// a view of the case's own bytes (the parse the contract's memo then holds reads them), where
// the body of a literal raw case is parsed from a copy. Not parallel: it reads the default
// contract's memo, which other tests' parses would turn over.
func TestDrawnRawBodiesAreParsedInPlace(t *testing.T) {
	g := NewWithT(t)
	gen, h, _ := benchHarness(t)
	c := contracts.UpdateUserPoolClient
	within := func(s string, b []byte) bool {
		p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(&b[0]))
		return p >= lo && p < lo+uintptr(len(b))
	}
	src := NewSource(9)
	seen := 0
	for range 200 {
		dc := gen.DrawMode(src, Raw)
		res, err := h.Execute(context.Background(), dc)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(res.Failed()).To(BeFalse(), "%s: %v", dc.ID, res.Findings)
		id, ok := c.Parse(dc.Body).StringMember("UserPoolId") // the memo's parse of the body
		if !ok || id == "" {
			continue
		}
		seen++
		g.Expect(within(id, dc.Body)).To(BeTrue(), "%s: a view of the drawn body", dc.ID)

		// The same text in memory of its own, once the memo no longer holds it (other bodies
		// parsed since): the emulator parses it again.
		for i := range 8 {
			c.Parse([]byte(fmt.Sprintf(`{"Other":%d}`, i)))
		}
		lit := Case{ID: dc.ID, Mode: Raw, Member: dc.Member, Request: dc.Request, Body: bytes.Clone(dc.Body), State: dc.State}
		_, err = h.Execute(context.Background(), lit)
		g.Expect(err).NotTo(HaveOccurred())
		id, ok = c.Parse(lit.Body).StringMember("UserPoolId")
		g.Expect(ok).To(BeTrue())
		g.Expect(within(id, lit.Body)).To(BeFalse(), "%s: a literal's body is copied", dc.ID)
		if seen >= 10 {
			break
		}
	}
	g.Expect(seen).To(BeNumerically(">=", 10), "drawn raw cases whose body names a pool")
}

// TestLiteralRawBodyWrittenAfterwards: a caller may write a literal raw case's body after its
// execution (the go test -fuzz engine reuses its input buffer), and so the body of a drawn case
// it gave a buffer of its own: the next execution of the same memory, now other bytes of the
// same length, is answered and predicted for those bytes. Not parallel: a parse aliasing the
// body would be found only while the memo still holds it.
func TestLiteralRawBodyWrittenAfterwards(t *testing.T) {
	gen, h, states := benchHarness(t)
	st := states[0]
	t.Run("literal", func(t *testing.T) {
		body := []byte(`{"UserPoolId":"` + st.Pool.ID + `","ClientId":"` + st.Client.ID + `","ClientName":"abc"}`)
		writtenAfterwards(t, h, Case{ID: "body/native", Mode: Raw, Body: body})
	})
	t.Run("drawn-given-a-buffer", func(t *testing.T) {
		c := gen.DrawMode(NewSource(3), Raw)
		c.Body = []byte(`{"UserPoolId":"` + st.Pool.ID + `","ClientId":"` + st.Client.ID + `","ClientName":"abd"}`)
		c.State, c.Request = 0, nil // sent raw, as the buffer it is
		writtenAfterwards(t, h, c)
	})
}

// writtenAfterwards executes c, whose Body is a valid update, writes its last byte in place
// and executes it again.
func writtenAfterwards(t *testing.T, h *Harness, c Case) {
	g := NewWithT(t)
	body := c.Body
	lit := c
	res, err := h.Execute(context.Background(), lit)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(res.Failed()).To(BeFalse(), "%v", res.Findings)
	g.Expect(res.Exchange.Status).To(Equal(200))

	body[len(body)-1] = ']' // the same memory, now not JSON
	res, err = h.Execute(context.Background(), lit)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(res.Failed()).To(BeFalse(), "%v", res.Findings)
	g.Expect(res.Exchange.Status).To(Equal(400), "answered for the bytes sent, not the memo's")
	g.Expect(res.Prediction.OK()).To(BeFalse())
}
