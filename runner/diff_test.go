package runner

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// renaming answers every update as the emulator does, except that the client's name comes
// back as "renamed": the whole client differs, not the member a case is about.
func renaming(e *emulator.Emulator) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".UpdateUserPoolClient") {
			e.ServeHTTP(w, r)
			return
		}
		rec := &capture{header: http.Header{}}
		e.ServeHTTP(rec, r)
		body := rec.body
		if rec.status == 0 || rec.status == 200 {
			body = []byte(regexp.MustCompile(`"ClientName":"[^"]*"`).ReplaceAllString(string(body), `"ClientName":"renamed"`))
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		if rec.status != 0 {
			w.WriteHeader(rec.status)
		}
		_, _ = w.Write(body)
	})
}

type capture struct {
	header http.Header
	status int
	body   []byte
}

func (c *capture) Header() http.Header         { return c.header }
func (c *capture) WriteHeader(s int)           { c.status = s }
func (c *capture) Write(b []byte) (int, error) { c.body = append(c.body, b...); return len(b), nil }

// A case reported as different shows how the answers differ, not the same text twice: each
// side names the member that differs, and the violation carries the -A +B diff of status,
// code, message and client (audit of issue 6, item 5).
func TestDiffShowsWhereAnswersDiffer(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	a := target.NewInProcess(emulator.New(), target.Options{})
	b := target.NewInProcess(renaming(emulator.New()), target.Options{})
	r := Diff(context.Background(), DiffOptions{A: a, B: b, Run: regexp.MustCompile(`^(AccessTokenValidity/max|ClientName/too-long)$`)})
	g.Expect(r.Incomplete).To(BeFalse(), r.Error)
	byID := map[string]Case{}
	for _, c := range r.Cases {
		byID[c.ID] = c
	}
	g.Expect(byID["ClientName/too-long"].Status).To(Equal(StatusPass), "both refuse it alike")
	c := byID["AccessTokenValidity/max"]
	g.Expect(c.Status).To(Equal(StatusFail))
	g.Expect(c.Violations).To(HaveLen(1))
	v := c.Violations[0]
	g.Expect(v.Expected).NotTo(Equal(v.Actual))
	g.Expect(v.Expected).To(HavePrefix("mock: UserPoolClient.ClientName = "))
	g.Expect(v.Actual).To(Equal(`mock: UserPoolClient.ClientName = "renamed"`))
	g.Expect(v.Diff).To(MatchRegexp(`(?m)^-\s+"ClientName": +string\("{{ClientName}}"\)`))
	g.Expect(v.Diff).To(MatchRegexp(`(?m)^\+\s+"ClientName": +string\("renamed"\)`))
	g.Expect(v.Diff).NotTo(ContainSubstring("\u00a0"))
}
