package emulator_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/jarcoal/httpmock"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// The answer benchmarks isolate the emulator's cost on the answers a fuzz execution meets most
// and on its biggest ones: a DescribeUserPoolClient of a small client, an update with every
// URL list at its maximum (entries and characters read from the model) and the describe that
// follows it, and a validation error quoting a value of 300k characters. Each sub-benchmark
// replays the SDK's signed request straight to the responder (no SDK: the emulator alone), and
// BenchmarkBigAnswerVsCanned runs the big update and describe through the SDK next to the same
// calls answered canned, in alternating blocks:
//
//	go test ./runner/emulator -run '^$' -bench 'ResponderAnswer|BigAnswerVsCanned' -benchmem -count 3

// capturedCall is one request as the SDK sent it (signed headers included) and the emulator's
// answer to it.
type capturedCall struct {
	req    *http.Request
	body   []byte
	status int
	answer []byte
}

// callRecorder answers through an emulator and keeps every exchange.
type callRecorder struct {
	e     *emulator.Emulator
	calls []capturedCall
}

func (r *callRecorder) respond(req *http.Request) (*http.Response, error) {
	body, _ := io.ReadAll(req.Body)
	keep := req.Clone(context.Background())
	req.Body = io.NopCloser(bytes.NewReader(body))
	resp, err := r.e.Responder()(req)
	if err != nil {
		return nil, err
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(answer))
	r.calls = append(r.calls, capturedCall{req: keep, body: body, status: resp.StatusCode, answer: answer})
	return resp, nil
}

// recordedClient is an SDK client on an emulator whose exchanges are kept.
func recordedClient(e *emulator.Emulator) (*cip.Client, *callRecorder) {
	rec := &callRecorder{e: e}
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, endpoint+"/", rec.respond)
	return newSDK(&http.Client{Transport: mt}, endpoint, "AKIDEXAMPLE"), rec
}

// maxURLs is a URL list at its maximum: as many entries as the model's list allows, each as
// long as the model's member allows.
func maxURLs(tb testing.TB, member, prefix string) []string {
	tb.Helper()
	op, err := contracts.DefaultModel().Operation("UpdateUserPoolClient")
	if err != nil {
		tb.Fatal(err)
	}
	m, ok := op.Input.MemberNamed(member)
	if !ok {
		tb.Fatalf("no member %s", member)
	}
	n, _ := m.Effective().Length.MaxInt()
	size, _ := m.Target.Member.Effective().Length.MaxInt()
	urls := make([]string, n)
	for i := range urls {
		head := "https://app" + strconv.Itoa(i) + ".example.com/" + prefix + "/"
		urls[i] = head + strings.Repeat("p", int(size)-len(head))
	}
	return urls
}

// hugeValue is a 300k-character ClientName mixing multibyte characters, characters
// encoding/json escapes (<, >, &, U+2028) and quotes: far above ClientNameType's length.
func hugeValue() string {
	return strings.Repeat("a\u00e9<\u2028>&\"z\u4e16 ", 300000/10)
}

// answerCalls records the calls the answer benchmarks replay, by name.
func answerCalls(tb testing.TB) map[string]capturedCall {
	tb.Helper()
	ctx := context.Background()
	c, rec := recordedClient(emulator.New(emulator.WithSeed(11)))
	s := newSetup(tb, c, "")
	calls := map[string]capturedCall{}
	last := func(name string, status int) {
		got := rec.calls[len(rec.calls)-1]
		if got.status != status {
			tb.Fatalf("%s: status %d, want %d: %s", name, got.status, status, got.answer)
		}
		calls[name] = got
	}
	describe := &cip.DescribeUserPoolClientInput{UserPoolId: aws.String(s.pool), ClientId: aws.String(s.client)}
	_, _ = c.DescribeUserPoolClient(ctx, describe)
	last("describe", http.StatusOK)
	_, _ = c.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{UserPoolId: aws.String(s.pool),
		ClientId: aws.String(s.client), ClientName: aws.String(hugeValue())})
	last("error-huge", http.StatusBadRequest)
	_, _ = c.UpdateUserPoolClient(ctx, bigUpdate(tb, s))
	last("update-big", http.StatusOK)
	_, _ = c.DescribeUserPoolClient(ctx, describe)
	last("describe-big", http.StatusOK)
	return calls
}

// bigUpdate has both URL lists at their maximum.
func bigUpdate(tb testing.TB, s setup) *cip.UpdateUserPoolClientInput {
	return &cip.UpdateUserPoolClientInput{UserPoolId: aws.String(s.pool), ClientId: aws.String(s.client),
		ClientName: aws.String("big"), CallbackURLs: maxURLs(tb, "CallbackURLs", "cb"), LogoutURLs: maxURLs(tb, "LogoutURLs", "out"),
		AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeCode},
		AllowedOAuthScopes: []string{"openid", "email"}, SupportedIdentityProviders: []string{"COGNITO"}}
}

// BenchmarkResponderAnswer is the emulator's own cost per answer (see the comment above): the
// recorded request answered by the responder of an emulator in the recorded state.
func BenchmarkResponderAnswer(b *testing.B) {
	calls := answerCalls(b)
	for _, name := range []string{"describe", "error-huge", "update-big", "describe-big"} {
		b.Run(name, func(b *testing.B) {
			// A fresh emulator of the same seed in the same state: the same requests again.
			e := emulator.New(emulator.WithSeed(11))
			c := sdkClient(e)
			s := newSetup(b, c, "")
			if strings.HasSuffix(name, "-big") {
				if _, err := c.UpdateUserPoolClient(context.Background(), bigUpdate(b, s)); err != nil {
					b.Fatal(err)
				}
			}
			call := calls[name]
			respond := e.Responder()
			b.SetBytes(int64(len(call.body) + len(call.answer)))
			b.ReportAllocs()
			for b.Loop() {
				call.req.Body = io.NopCloser(bytes.NewReader(call.body))
				resp, err := respond(call.req)
				if err != nil || resp.StatusCode != call.status {
					b.Fatal(err, resp.StatusCode)
				}
			}
		})
	}
}

// BenchmarkBigAnswerVsCanned is the big update and the describe after it through the SDK, on
// the emulator and on a responder answering the emulator's recorded answers (the baseline), in
// alternating blocks; it reports each side's ns per call and their ratio.
func BenchmarkBigAnswerVsCanned(b *testing.B) {
	calls := answerCalls(b)
	ctx := context.Background()
	e := emulator.New(emulator.WithSeed(11))
	emu := sdkClient(e)
	s := newSetup(b, emu, "")
	update := bigUpdate(b, s)
	describe := &cip.DescribeUserPoolClientInput{UserPoolId: aws.String(s.pool), ClientId: aws.String(s.client)}

	var next []byte
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, endpoint+"/", func(r *http.Request) (*http.Response, error) {
		_, _ = io.Copy(io.Discard, r.Body)
		return cannedResponder(next)(r)
	})
	canned := newSDK(&http.Client{Transport: mt}, endpoint, "AKIDEXAMPLE")
	run := func(c *cip.Client) time.Duration {
		start := time.Now()
		for range benchBlock / 2 {
			next = calls["update-big"].answer
			if _, err := c.UpdateUserPoolClient(ctx, update); err != nil {
				b.Fatal(err)
			}
			next = calls["describe-big"].answer
			if _, err := c.DescribeUserPoolClient(ctx, describe); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(start)
	}
	var tCanned, tEmu time.Duration
	n := 0
	first := true
	b.ReportAllocs()
	for b.Loop() {
		if first {
			tCanned += run(canned)
			tEmu += run(emu)
		} else {
			tEmu += run(emu)
			tCanned += run(canned)
		}
		first = !first
		n += benchBlock
	}
	b.ReportMetric(float64(tCanned.Nanoseconds())/float64(n), "canned-ns/call")
	b.ReportMetric(float64(tEmu.Nanoseconds())/float64(n), "inprocess-ns/call")
	b.ReportMetric(float64(tEmu)/float64(tCanned), "ratio")
}
