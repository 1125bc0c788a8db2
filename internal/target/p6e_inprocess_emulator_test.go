package target_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// fixedEmulator is an emulator of a fixed seed and clock: two of them answer the same calls
// alike, request ids included.
func fixedEmulator() *emulator.Emulator {
	now := func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }
	return emulator.New(emulator.WithSeed(9), emulator.WithClock(now))
}

// TestInProcessResponderIsServeHTTP: through an emulator's responder (the in-process target
// calls it directly) and through ServeHTTP with a recorder (a handler that hides the
// responder), the same calls get the same answers: status, every header, body. The calls
// reach a 200 of each operation a run makes, validation and rule errors, a not-found, a
// SerializationException, an unknown operation and a body of no JSON.
func TestInProcessResponderIsServeHTTP(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ctx := context.Background()
	viaResponder := target.NewInProcess(fixedEmulator(), target.Options{})
	e := fixedEmulator()
	viaServeHTTP := target.NewInProcess(http.HandlerFunc(e.ServeHTTP), target.Options{})
	type call struct{ op, body string }
	calls := []call{
		{"CreateUserPool", `{"PoolName":"p"}`},
		{"ListUserPools", `{"MaxResults":10}`},
	}
	run := func(tg target.Target, calls []call) []*target.Response {
		var out []*target.Response
		for _, c := range calls {
			resp, err := tg.Call(ctx, c.op, []byte(c.body))
			g.Expect(err).NotTo(HaveOccurred(), "%s %s", c.op, c.body)
			resp.Duration = 0 // measured: compared apart
			out = append(out, resp)
		}
		return out
	}
	first := run(viaResponder, calls)
	g.Expect(run(viaServeHTTP, calls)).To(Equal(first))
	pool := strings.Split(strings.Split(string(first[0].Body), `"Id":"`)[1], `"`)[0]
	created := run(viaResponder, []call{{"CreateUserPoolClient", `{"UserPoolId":"` + pool + `","ClientName":"app","GenerateSecret":true}`}})
	g.Expect(run(viaServeHTTP, []call{{"CreateUserPoolClient", `{"UserPoolId":"` + pool + `","ClientName":"app","GenerateSecret":true}`}})).To(Equal(created))
	client := strings.Split(strings.Split(string(created[0].Body), `"ClientId":"`)[1], `"`)[0]
	ids := `"UserPoolId":"` + pool + `","ClientId":"` + client + `"`
	calls = []call{
		{"UpdateUserPoolClient", `{` + ids + `,"ClientName":"renamed","CallbackURLs":["https://a.example.com/cb"],"AllowedOAuthFlows":["code"],"AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthScopes":["openid"],"SupportedIdentityProviders":["COGNITO"]}`},
		{"DescribeUserPoolClient", `{` + ids + `}`},
		{"UpdateUserPoolClient", `{` + ids + `,"ClientName":"` + strings.Repeat("é<", 100) + `"}`},
		{"UpdateUserPoolClient", `{` + ids + `,"AllowedOAuthFlows":["implicit"]}`},
		{"UpdateUserPoolClient", `{` + ids + `,"ClientName":1}`},
		{"UpdateUserPoolClient", `{"UserPoolId":"` + pool + `","ClientId":"nosuchclient0000000000000a"}`},
		{"DescribeUserPoolClient", `{"UserPoolId":"us-east-1_NoSuchPool","ClientId":"abc"}`},
		{"UpdateUserPoolClient", `not json`},
		{"NoSuchOperation", `{}`},
		{"DeleteUserPoolClient", `{` + ids + `}`},
	}
	g.Expect(run(viaServeHTTP, calls)).To(Equal(run(viaResponder, calls)))
}

// TestInProcessResponderHonoursTheDeadline: an update the emulator holds past the target's
// per-attempt timeout is a target error with context.DeadlineExceeded, as through a handler on
// a goroutine of its own.
func TestInProcessResponderHonoursTheDeadline(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := fixedEmulator()
	ctx := context.Background()
	tg := target.NewInProcess(e, target.Options{Timeout: 50 * time.Millisecond})
	env, err := target.Provision(ctx, tg, target.Setup{}, target.ProvisionOptions{})
	g.Expect(err).NotTo(HaveOccurred())
	_, release := e.HoldUpdates()
	defer release()
	start := time.Now()
	_, err = tg.Call(ctx, "UpdateUserPoolClient", []byte(`{"UserPoolId":"`+env.UserPoolId+`","ClientId":"`+env.ClientId+`","ClientName":"held"}`))
	var te *target.Error
	g.Expect(errors.As(err, &te)).To(BeTrue(), "got %v", err)
	g.Expect(errors.Is(err, context.DeadlineExceeded)).To(BeTrue(), "got %v", err)
	g.Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second))
}

// panickingResponder is a handler whose responder panics.
type panickingResponder struct{ http.Handler }

func (panickingResponder) Responder() httpmock.Responder {
	return func(*http.Request) (*http.Response, error) { panic("boom") }
}

// TestInProcessResponderPanicIsATargetError: a responder that panics gives a target error, as
// a handler that panics does.
func TestInProcessResponderPanicIsATargetError(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	tg := target.NewInProcess(panickingResponder{http.NotFoundHandler()}, target.Options{})
	_, err := tg.Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
	var te *target.Error
	g.Expect(errors.As(err, &te)).To(BeTrue(), "got %v", err)
	g.Expect(err.Error()).To(ContainSubstring("panicked: boom"))
}

// BenchmarkInProcessEmulator is one update through the whole pipeline to an in-process
// emulator (its responder, called directly).
func BenchmarkInProcessEmulator(b *testing.B) {
	ctx := context.Background()
	for name, h := range map[string]func(*emulator.Emulator) http.Handler{
		"responder": func(e *emulator.Emulator) http.Handler { return e },
		"servehttp": func(e *emulator.Emulator) http.Handler { return http.HandlerFunc(e.ServeHTTP) },
	} {
		b.Run(name, func(b *testing.B) {
			e := fixedEmulator()
			tg := target.NewInProcess(h(e), target.Options{})
			env, err := target.Provision(ctx, tg, target.Setup{}, target.ProvisionOptions{})
			if err != nil {
				b.Fatal(err)
			}
			body := []byte(`{"UserPoolId":"` + env.UserPoolId + `","ClientId":"` + env.ClientId + `","ClientName":"bench"}`)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tg.Call(ctx, "UpdateUserPoolClient", body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
