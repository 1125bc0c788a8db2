package emulator

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// TestHeldBytesAreTheBody: an answer's HeldBytes are the bytes a read of its body gives, from
// its start and after part of it was read, for a success and an error.
func TestHeldBytesAreTheBody(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	respond := New(WithSeed(2)).Responder()
	for _, tc := range []struct{ op, body string }{
		{"CreateUserPool", `{"PoolName":"p"}`},
		{"UpdateUserPoolClient", `{"ClientName":"` + strings.Repeat("é<", 300) + `"}`},
		{"NoSuchOperation", `{}`},
	} {
		for _, skip := range []int{0, 1, 10} {
			r, _ := http.NewRequest(http.MethodPost, "https://cognito-idp.us-east-1.amazonaws.com/", strings.NewReader(tc.body))
			r.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService."+tc.op)
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260501/us-east-1/cognito-idp/aws4_request")
			resp, err := respond(r)
			g.Expect(err).NotTo(HaveOccurred())
			_, err = io.CopyN(io.Discard, resp.Body, int64(skip))
			g.Expect(err).NotTo(HaveOccurred())
			held := resp.Body.(interface{ HeldBytes() []byte }).HeldBytes()
			kept := bytes.Clone(held)
			rest, err := io.ReadAll(resp.Body)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(string(held)).To(Equal(string(rest)), "%s after %d bytes", tc.op, skip)
			g.Expect(int64(len(held) + skip)).To(Equal(resp.ContentLength))
			g.Expect(held).To(Equal(kept)) // reading the body does not change them
		}
	}
}
