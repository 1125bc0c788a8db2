package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

func inProcess(h http.Handler) target.Target { return target.NewInProcess(h, target.Options{}) }

func TestRunAgainstTheEmulatorConforms(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	r := Run(context.Background(), Options{Target: inProcess(emulator.New()), Seed: 1, Suites: []string{SuiteContract, SuiteStateful}})
	g.Expect(r.ExitCode()).To(Equal(0), "%+v", r.Summary)
	g.Expect(r.Summary.Total).To(Equal(len(Generate(contracts.UpdateUserPoolClient)) + len(statefulCases)))
	g.Expect(r.Stats.Requests).To(BeNumerically(">", r.Summary.Total))
}

// acceptsLongNames is a deliberately deviating emulator: it answers a too-long ClientName with
// the client unchanged and a 200, as a lax mock would.
func acceptsLongNames(e *emulator.Emulator) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req map[string]any
		if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".UpdateUserPoolClient") && json.Unmarshal(body, &req) == nil {
			if name, ok := req["ClientName"].(string); ok && len([]rune(name)) > 128 {
				req["ClientName"] = "accepted"
				body, _ = json.Marshal(req)
			}
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		e.ServeHTTP(w, r)
	})
}

func TestRunFindsADeviation(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	r := Run(context.Background(), Options{Target: inProcess(acceptsLongNames(emulator.New())), Seed: 1,
		Run: regexp.MustCompile(`^ClientName/`)})
	g.Expect(r.ExitCode()).To(Equal(1))
	var failed []string
	for _, c := range r.Cases {
		g.Expect(c.ID).To(HavePrefix("ClientName/"), "--run selects")
		if c.Status == StatusFail {
			failed = append(failed, c.ID)
			g.Expect(c.Violations[0].Check).To(Equal(CheckOutcome))
			g.Expect(c.Expected).To(HavePrefix("400 InvalidParameterException"))
			g.Expect(c.Actual).To(Equal(`200, UserPoolClient.ClientName = "accepted"`))
			g.Expect(c.Rerun).To(Equal("cognito-contract run --target mock --run '" + c.ID + "'"))
		}
	}
	g.Expect(failed).To(ConsistOf("ClientName/too-long"))
}

// lacking is a target that lacks the operation op (answers UnknownOperationException to it),
// as cognito-local 5.3.0 lacks CreateResourceServer and CreateIdentityProvider.
func lacking(op string, e *emulator.Emulator) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.Header.Get("X-Amz-Target"), "."+op) {
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"__type":"UnknownOperationException","message":"not implemented"}`))
			return
		}
		e.ServeHTTP(w, r)
	})
}

func TestSetupTheTargetLacksIsNotApplicable(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	r := Run(context.Background(), Options{Target: inProcess(lacking("CreateIdentityProvider", emulator.New())), Seed: 1,
		Run: regexp.MustCompile(`^SupportedIdentityProviders/`)})
	g.Expect(r.ExitCode()).To(Equal(0), "not applicable is not a failure")
	var na []Case
	for _, c := range r.Cases {
		if c.Status == StatusNotApplicable {
			na = append(na, c)
		}
	}
	g.Expect(na).To(HaveLen(1))
	g.Expect(na[0].ID).To(Equal("SupportedIdentityProviders/configured-provider"))
	g.Expect(na[0].Reason).To(ContainSubstring("CreateIdentityProvider"))
	g.Expect(r.Summary.Pass).To(BeNumerically(">", 10))
}

func TestSameSeedSameReportInProcess(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	run := func() string {
		e := emulator.New(emulator.WithSeed(5))
		r := Run(context.Background(), Options{Target: inProcess(e), Seed: 5, Fuzz: 40,
			Run: regexp.MustCompile(`^(ClientName|AllowedOAuthFlows|Stateful|fuzz)/`)})
		r.Timing = nil
		var b bytes.Buffer
		g.Expect(WriteJSON(&b, r)).To(Succeed())
		return b.String()
	}
	first := run()
	g.Expect(first).To(ContainSubstring(`"id": "fuzz/campaign"`))
	g.Expect(first).To(ContainSubstring("{{ClientId}}"), "ids are written as placeholders")
	g.Expect(run()).To(Equal(first))
}

func TestDiffOfTwoEmulatorsAndOfADeviation(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	run := regexp.MustCompile(`^ClientName/`)
	same := Diff(context.Background(), DiffOptions{A: inProcess(emulator.New()), B: inProcess(emulator.New()), Run: run})
	g.Expect(same.ExitCode()).To(Equal(0), "%+v", same.Cases)
	g.Expect(same.Target).To(Equal("mock vs mock"))
	differ := Diff(context.Background(), DiffOptions{A: inProcess(emulator.New()), B: inProcess(acceptsLongNames(emulator.New())), Run: run})
	g.Expect(differ.ExitCode()).To(Equal(1))
	for _, c := range differ.Cases {
		if c.Status == StatusFail {
			g.Expect(c.ID).To(HavePrefix("ClientName/too-long"))
			g.Expect(c.Violations[0].Expected).To(HavePrefix("mock: 400 InvalidParameterException"))
			g.Expect(c.Violations[0].Actual).To(HavePrefix("mock: 200"))
		}
	}
}
