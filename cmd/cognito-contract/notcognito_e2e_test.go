package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/runner"
)

// TestPlainWebServerIsATargetError: an endpoint that answers but does not speak cognito-idp
// (python3 -m http.server answers POST with 501; most servers 404 with an HTML page) is a
// target error, exit 3, never "not applicable" and exit 0 (issue 6: "a target that is down is
// a target error").
func TestPlainWebServerIsATargetError(t *testing.T) {
	t.Parallel()
	for name, reply := range map[string]struct {
		status int
		body   string
	}{
		"501 like python3 -m http.server": {http.StatusNotImplemented, "<html><body><h1>Error response</h1><p>Error code: 501</p><p>Message: Unsupported method ('POST').</p></body></html>"},
		"404 HTML page":                   {http.StatusNotFound, "<!doctype html><html><body>404 page not found</body></html>"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(reply.status)
				_, _ = w.Write([]byte(reply.body))
			}))
			t.Cleanup(srv.Close)
			js := filepath.Join(t.TempDir(), "run.json")
			res := cli(t, nil, "run", "--target", srv.URL, "--json", js)
			g.Expect(res.code).To(Equal(exitHarness), res.stdout+res.stderr)
			g.Expect(res.stdout).To(ContainSubstring("does not speak cognito-idp"))
			r := readReport(t, js)
			g.Expect(r.Incomplete).To(BeTrue())
			g.Expect(r.Error).To(ContainSubstring("does not speak cognito-idp"))
			g.Expect(r.Error).To(ContainSubstring("CreateUserPool"))
			g.Expect(r.Summary.NotApplicable).To(BeZero())
			for _, c := range r.Cases {
				g.Expect(c.Status).To(Equal(runner.StatusError), "case %s", c.ID)
			}
		})
	}
}
