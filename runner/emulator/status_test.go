package emulator

import (
	"net/http"
	"testing"

	. "github.com/onsi/gomega"
)

// TestStatusTextIsStatusLine: the Status text the responder sets (statusText: from statusLines,
// or made) is net/http's "<code> <text>" for every status the emulator answers, and for statuses
// it does not (none, unknown, out of range); 200 and 400, nearly every answer's, are made once.
func TestStatusTextIsStatusLine(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	codes := []int{0, 99, http.StatusTeapot, 599, 1000, -1}
	for code := range statusLines {
		codes = append(codes, code)
	}
	for _, code := range codes {
		g.Expect(statusText(code)).To(Equal(statusLine(code)), "status %d", code)
	}
	g.Expect(statusLines).To(HaveKey(http.StatusOK))
	g.Expect(statusLines).To(HaveKey(http.StatusBadRequest))
}
