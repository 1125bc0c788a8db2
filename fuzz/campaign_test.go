package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/fixtures"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// clientNameMax is ClientNameType's maximum length, read from the model.
func clientNameMax(t *testing.T) int {
	s, ok := contracts.DefaultModel().Shape("ClientNameType")
	if !ok {
		t.Fatal("model has no ClientNameType")
	}
	n, ok := s.Length.MaxInt()
	if !ok {
		t.Fatal("ClientNameType has no maximum length")
	}
	return int(n)
}

// acceptLongNames wraps a handler with a deliberate deviation: an UpdateUserPoolClient whose
// ClientName is longer than the model's maximum is accepted (the name is cut for the inner
// handler, and the full name is put back into the answer).
func acceptLongNames(h http.Handler, max int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".UpdateUserPoolClient") {
			h.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		var req map[string]any
		name, _ := func() (string, bool) {
			if json.Unmarshal(body, &req) != nil {
				return "", false
			}
			s, ok := req["ClientName"].(string)
			return s, ok
		}()
		if utf8.RuneCountInString(name) <= max {
			r.Body = io.NopCloser(bytes.NewReader(body))
			h.ServeHTTP(w, r)
			return
		}
		req["ClientName"] = string([]rune(name)[:max])
		cut, _ := json.Marshal(req)
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(cut)), int64(len(cut))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		out := rec.Body.Bytes()
		if rec.Code == http.StatusOK {
			var resp map[string]map[string]any
			if json.Unmarshal(out, &resp) == nil && resp["UserPoolClient"] != nil {
				resp["UserPoolClient"]["ClientName"] = name
				out, _ = json.Marshal(resp)
			}
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(out)
	})
}

func TestCampaignFindsAndShrinksDeviation(t *testing.T) {
	t.Parallel()
	max := clientNameMax(t)
	for name, tc := range map[string]struct {
		handler func() http.Handler
		finds   bool
	}{
		"plain emulator":                {func() http.Handler { return emulator.New() }, false},
		"emulator accepting long names": {func() http.Handler { return acceptLongNames(emulator.New(), max) }, true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			c := Campaign{Target: target.NewInProcess(tc.handler(), target.Options{}), Seed: 7, N: 400}
			rep, err := c.Run(context.Background())
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(rep.Executions).To(Equal(400))
			g.Expect(rep.ByMode).To(HaveKey(Positive))
			g.Expect(rep.ByMode).To(HaveKey(Negative))
			g.Expect(rep.ByMode).To(HaveKey(Raw))
			if !tc.finds {
				for _, f := range rep.Findings {
					t.Errorf("unexpected finding:\n%s\nbody %s", f, f.Case.Body)
				}
				return
			}
			var found *Finding
			for i, f := range rep.Findings {
				if f.Member == "ClientName" {
					found = &rep.Findings[i]
				}
			}
			g.Expect(found).NotTo(BeNil(), "no ClientName finding in %v", rep.Findings)
			// Shrunk: the required ids and a ClientName one character over the maximum.
			g.Expect(found.Case.Request).To(HaveLen(3), "shrunk request %s", found.Case.Body)
			g.Expect(found.Case.Request).To(HaveKey("ClientName"))
			g.Expect(utf8.RuneCountInString(found.Case.Request["ClientName"].(string))).To(Equal(max + 1))
			fx, err := fixtures.Parse("finding.json", found.Fixture())
			g.Expect(err).NotTo(HaveOccurred(), "%s", found.Fixture())
			g.Expect(fx.Response.Status).To(Equal(400))
			g.Expect(string(fx.Request.Body)).To(ContainSubstring(fixtures.UserPoolIDPlaceholder))
			g.Expect(found.CLICommand()).To(HavePrefix("aws cognito-idp update-user-pool-client --cli-input-json '"))
			paths, err := rep.WriteFixtures(t.TempDir())
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(paths).To(HaveLen(len(rep.Findings)))
			written, err := fixtures.LoadFile(paths[0])
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(written.Name).To(Equal(rep.Findings[0].Name()))
			// The fixture replays: it fails again on the deviating target, passes on the plain one.
			ctx := context.Background()
			bad := fixtures.Replay(ctx, target.NewInProcess(tc.handler(), target.Options{}), fx, nil)
			g.Expect(bad.OK()).To(BeFalse(), "%s", bad)
			good := fixtures.Replay(ctx, target.NewInProcess(emulator.New(), target.Options{}), fx, nil)
			g.Expect(good.OK()).To(BeTrue(), "%s", good)
		})
	}
}
