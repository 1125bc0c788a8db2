package emulator

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// TestWriteHeaderValues: the headers written from one string are the values written one by
// one (the id, strconv.Itoa of the length, the code and a colon), whatever the sizes, and an
// append to one value reaches no other.
func TestWriteHeaderValues(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ids := newSeededIDs(1)
	for _, code := range []string{"", "InvalidParameterException", strings.Repeat("LongCode", 20)} {
		for _, n := range []int{0, 9, 99, 100, 12345, 1 << 20} {
			a := answer{status: http.StatusOK, errCode: code, body: make([]byte, n)}
			ids.requestIDInto(&a.reqID)
			h := http.Header{}
			var vals [4]string
			a.writeHeader(h, &vals)
			want := http.Header{"Content-Type": {contentType}, "X-Amzn-Requestid": {string(a.reqID[:])},
				"Content-Length": {strconv.Itoa(n)}}
			if code != "" {
				want["X-Amzn-Errortype"] = []string{code + ":"}
			}
			g.Expect(h).To(Equal(want), "code %q length %d", code, n)
			h["Content-Type"] = append(h["Content-Type"], "x")
			h["X-Amzn-Requestid"][0] = "changed"
			g.Expect(h["Content-Length"]).To(Equal([]string{strconv.Itoa(n)}))
		}
	}
}
