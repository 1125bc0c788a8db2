package emulator_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// Minor wire details: awsJson1_1 serves every operation at POST / only (S5); the httpmock
// responder's Status reads as net/http's ("400 Bad Request"); a malformed Authorization
// header is never echoed into the answer.
func TestWirePathStatusAndNoEcho(t *testing.T) {
	t.Parallel()
	e := emulator.New(emulator.WithSeed(5))
	srv := httptest.NewServer(e) // 127.0.0.1
	t.Cleanup(srv.Close)
	const secret = "Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.signature"
	cases := map[string]struct {
		path, auth string
		code       string
	}{
		// S5: POST / is the only place an operation is named; another path is like an unknown operation.
		"other-path":        {path: "/v1/UpdateUserPoolClient", auth: sigv4, code: "UnknownOperationException"},
		"path-below-root":   {path: "/x/", auth: sigv4, code: "UnknownOperationException"},
		"root":              {path: "/", auth: sigv4, code: "InvalidParameterException"}, // reaches validation: {} lacks the ids
		"malformed-auth":    {path: "/", auth: secret, code: "IncompleteSignatureException"},
		"malformed-auth-32": {path: "/", auth: "Basic " + strings.Repeat("s", 40), code: "IncompleteSignatureException"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			for via, respond := range map[string]func(*http.Request) (*http.Response, error){
				"http":     http.DefaultClient.Do,
				"httpmock": e.Responder(),
			} {
				req, err := http.NewRequest(http.MethodPost, srv.URL+tc.path, strings.NewReader(`{}`))
				g.Expect(err).NotTo(HaveOccurred())
				req.Header.Set("Content-Type", "application/x-amz-json-1.1")
				req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.UpdateUserPoolClient")
				req.Header.Set("Authorization", tc.auth)
				resp, err := respond(req)
				g.Expect(err).NotTo(HaveOccurred(), via)
				body, err := io.ReadAll(resp.Body)
				g.Expect(err).NotTo(HaveOccurred())
				_ = resp.Body.Close()
				g.Expect(resp.StatusCode).To(Equal(http.StatusBadRequest), via)
				g.Expect(resp.Status).To(Equal("400 Bad Request"), via)
				code, _ := contracts.ErrorCode(resp.Header, body)
				g.Expect(code).To(Equal(tc.code), via)
				g.Expect(string(body)).NotTo(ContainSubstring("Bearer"), via)
				g.Expect(string(body)).NotTo(ContainSubstring("eyJ"), via)
				g.Expect(string(body)).NotTo(ContainSubstring("Basic"), via)
				g.Expect(string(body)).NotTo(ContainSubstring("ssss"), via)
			}
		})
	}
}
