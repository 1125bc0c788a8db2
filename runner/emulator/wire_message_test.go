package emulator

import (
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// TestErrorBodyDenseGrowsOnce: a huge message of dense escapes (each of its bytes written as
// several) is written in at most three allocations, the buffer errorBody makes and the growths
// to the rate the first piece shows, instead of a growth by a quarter at a time.
func TestErrorBodyDenseGrowsOnce(t *testing.T) {
	g := NewWithT(t)
	for _, msg := range []string{strings.Repeat("<\u2028>&\"", 60000), strings.Repeat("a\u00e9<\u2028>&\"z\u4e16 ", 30000)} {
		err := &apiError{Code: "InvalidParameterException", Message: msg}
		g.Expect(testing.AllocsPerRun(5, func() { _ = errorBody(err) })).To(BeNumerically("<=", 3), "%.40q", msg)
	}
}
