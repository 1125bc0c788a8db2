package target_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
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

// TestInProcessResponderIsServeHTTP: through an emulator's responder (NewInProcessResponder
// calls it directly) and through its ServeHTTP with a recorder (NewInProcess), the same calls
// get the same answers: status, every header, body. The calls reach a 200 of each operation a
// run makes, validation and rule errors, a not-found, a SerializationException, an unknown
// operation and a body of no JSON.
func TestInProcessResponderIsServeHTTP(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ctx := context.Background()
	viaResponder := target.NewInProcessResponder(fixedEmulator().Responder(), target.Options{})
	viaServeHTTP := target.NewInProcess(fixedEmulator(), target.Options{})
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

// inProcessPaths are the two ways an emulator is served in-process: its responder, called
// directly, and its ServeHTTP on a goroutine of its own with a recorder.
var inProcessPaths = map[string]func(*emulator.Emulator, target.Options) target.Target{
	"responder": func(e *emulator.Emulator, o target.Options) target.Target {
		return target.NewInProcessResponder(e.Responder(), o)
	},
	"servehttp": func(e *emulator.Emulator, o target.Options) target.Target { return target.NewInProcess(e, o) },
}

// TestInProcessResponderHonoursTheContext: an update the emulator holds past the target's
// per-attempt timeout is a target error with context.DeadlineExceeded, and one whose context
// is cancelled while it is held a target error with context.Canceled, through the responder
// as through ServeHTTP.
func TestInProcessResponderHonoursTheContext(t *testing.T) {
	t.Parallel()
	for path, open := range inProcessPaths {
		for name, cause := range map[string]error{"deadline": context.DeadlineExceeded, "cancel": context.Canceled} {
			t.Run(path+"/"+name, func(t *testing.T) {
				t.Parallel()
				g := NewWithT(t)
				e := fixedEmulator()
				o := target.Options{}
				if cause == context.DeadlineExceeded {
					o.Timeout = 50 * time.Millisecond
				}
				tg := open(e, o)
				env, err := target.Provision(context.Background(), tg, target.Setup{}, target.ProvisionOptions{})
				g.Expect(err).NotTo(HaveOccurred())
				_, release := e.HoldUpdates()
				defer release()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				if cause == context.Canceled {
					time.AfterFunc(50*time.Millisecond, cancel)
				}
				start := time.Now()
				_, err = tg.Call(ctx, "UpdateUserPoolClient", []byte(`{"UserPoolId":"`+env.UserPoolId+`","ClientId":"`+env.ClientId+`","ClientName":"held"}`))
				var te *target.Error
				g.Expect(errors.As(err, &te)).To(BeTrue(), "got %v", err)
				g.Expect(errors.Is(err, cause)).To(BeTrue(), "got %v", err)
				g.Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second))
			})
		}
	}
}

// TestInProcessResponderFailures: a responder that panics gives a target error, as a handler
// that panics does, and so does a target without a responder.
func TestInProcessResponderFailures(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		respond httpmock.Responder
		text    string
	}{
		"panic":         {respond: func(*http.Request) (*http.Response, error) { panic("boom") }, text: "panicked: boom"},
		"nil-responder": {respond: nil, text: "no responder"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			tg := target.NewInProcessResponder(tc.respond, target.Options{})
			_, err := tg.Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
			var te *target.Error
			g.Expect(errors.As(err, &te)).To(BeTrue(), "got %v", err)
			g.Expect(te.Target).To(Equal("mock"))
			g.Expect(err.Error()).To(ContainSubstring(tc.text))
		})
	}
}

// faultyEmulator is an emulator with a ServeHTTP of its own, as a user injecting faults writes
// it: it answers every request with a 503 of its own and counts them. It still has the
// emulator's Responder.
type faultyEmulator struct {
	*emulator.Emulator
	served atomic.Int64
}

func (f *faultyEmulator) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	f.served.Add(1)
	w.Header().Set("X-Amzn-ErrorType", "InjectedFault")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write([]byte(`{"__type":"InjectedFault"}`))
}

// TestInProcessServesAnEmbeddingHandler: a handler that embeds the emulator and has a
// ServeHTTP of its own is served by that ServeHTTP, not by the emulator's responder it also
// has.
func TestInProcessServesAnEmbeddingHandler(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	f := &faultyEmulator{Emulator: fixedEmulator()}
	tg := target.NewInProcess(f, target.Options{})
	resp, err := tg.Call(context.Background(), "ListUserPools", []byte(`{"MaxResults":10}`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(resp.Status).To(Equal(http.StatusServiceUnavailable))
	g.Expect(resp.Header.Get("X-Amzn-ErrorType")).To(Equal("InjectedFault"))
	g.Expect(string(resp.Body)).To(Equal(`{"__type":"InjectedFault"}`))
	g.Expect(f.served.Load()).To(Equal(int64(1)))
}

// BenchmarkInProcessEmulator is one update through the whole pipeline to an in-process
// emulator: its responder, called directly, and its ServeHTTP with a recorder.
func BenchmarkInProcessEmulator(b *testing.B) {
	ctx := context.Background()
	for name, open := range inProcessPaths {
		b.Run(name, func(b *testing.B) {
			tg := open(fixedEmulator(), target.Options{})
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
