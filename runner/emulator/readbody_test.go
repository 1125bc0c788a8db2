package emulator

import (
	"strings"
	"testing"
	"testing/iotest"

	. "github.com/onsi/gomega"
)

// TestReadBody: the sized read gives what io.ReadAll of the limited body gives, whatever the
// declared Content-Length says.
func TestReadBody(t *testing.T) {
	t.Parallel()
	e := New(WithMaxBodyBytes(64))
	body := strings.Repeat("x", 40)
	cases := map[string]struct {
		declared int64 // -1: unknown
		body     string
		want     string
	}{
		"exact":               {40, body, body},
		"none declared":       {-1, body, body},
		"declared shorter":    {10, body, body},
		"declared longer":     {50, body, body},
		"empty":               {0, "", ""},
		"over the limit":      {-1, strings.Repeat("y", 100), strings.Repeat("y", 65)}, // limit+1: process refuses it
		"declared over limit": {100, strings.Repeat("y", 100), strings.Repeat("y", 65)},
		"exactly the limit":   {64, strings.Repeat("z", 64), strings.Repeat("z", 64)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			// One byte per Read, the hardest reader for a sized buffer.
			got, err := e.readBody(tc.declared, iotest.OneByteReader(strings.NewReader(tc.body)), nil)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(string(got)).To(Equal(tc.want))
		})
	}
}
