package fuzz

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/smithy-go"
	"github.com/jarcoal/httpmock"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

const benchEndpoint = "https://cognito-idp.us-east-1.amazonaws.com"

// benchCases is the number of seeded cases a mode's benchmark cycles through; benchBlock the
// cases of one block of executions, followed by the same cases' baseline block.
const (
	benchCases = 256
	benchBlock = 8
)

// BenchmarkExecution is issue 5's cost target: one fuzz execution against the emulator
// in-process (draw from a Source seeded once per cycle of cases, predict, send through the SDK
// or raw, check, DescribeUserPoolClient after a 200), next to its baseline, the bare round trips
// of THE SAME requests: the AWS SDK client over httpmock answered with the emulator's recorded
// answer to that request (canned), the DescribeUserPoolClient follow-up likewise, and a raw
// body (one the SDK cannot express) posted SigV4-signed through the same http.Client and
// httpmock transport the harness uses. Executions and baseline run in alternating blocks of benchBlock cases
// inside one benchmark, so machine load falls on both alike.
//
// A third side replays the same calls, unchecked, against an emulator of the same seed
// (sut: the SDK or raw round trip to the emulator, no draw, no oracle): the part of an
// execution that is the system under test's.
//
// Metrics: exec-ns/call is the executions' time divided by the calls they made, base-ns/call
// the baseline's time divided by its calls, ratio their quotient (issue 5's target: at most
// 1.5); sut-ns/call and sut-ratio (sut/base) the emulator round trips'; harness-calls the
// harness's own share, (exec - sut)/base, in baseline calls (draw, oracle and checks; the
// issue's "at most half a call"); draw-ns/exec the draw alone; calls/exec, exec-allocs/call
// and base-allocs/call; exec-B/call and base-B/call, the bytes allocated per call.
// Sub-benchmarks: mixed (the campaign's mode mix, raw included), positive, negative, raw; and
// mixed/no-memo, the mixed executions with the contract's parse memo off
// (contracts.(*Contract).WithoutParseMemo) in the emulator and the oracle alike: each parses and
// validates every request itself, as when the target is not in-process.
//
//	go test ./fuzz -run '^$' -bench '^BenchmarkExecution$' -benchtime 400x
func BenchmarkExecution(b *testing.B) {
	for _, m := range []Mode{0, Positive, Negative, Raw} {
		name := "mixed"
		if m != 0 {
			name = m.String()
		}
		b.Run(name, func(b *testing.B) { benchVsBaseline(b, m, nil) })
	}
	b.Run("mixed/no-memo", func(b *testing.B) { benchVsBaseline(b, 0, contracts.UpdateUserPoolClient.WithoutParseMemo()) })
}

// benchCall is one request of a recorded execution, replayed by the baseline.
type benchCall struct {
	update   *cip.UpdateUserPoolClientInput   // an update through the SDK
	describe *cip.DescribeUserPoolClientInput // the follow-up through the SDK
	raw      []byte                           // a raw body
	answer   cannedAnswer
}

type cannedAnswer struct {
	status int
	header http.Header
	body   []byte
}

// benchVsBaseline measures mode m's executions against their baseline; c is the contract of
// the emulators and the harness (nil: the default).
func benchVsBaseline(b *testing.B, m Mode, c *contracts.Contract) {
	const seed = 7
	// The cases are drawn as a campaign draws them (Campaign.Run): one after the other from one
	// Source, seeded once per cycle. Case i is the i-th draw after the seeding, so the Source is
	// reseeded in place (Source.Reseed, timed with the draw) only when a cycle restarts at case
	// 0; the recording pass and every timed cycle draw cases 0..benchCases-1 in order, hence the
	// same cases (checked below against the recorded ids and bodies).
	src := NewSource(seed)
	draw := func(gen *Generator, i int) Case {
		if i == 0 {
			src.Reseed(seed)
		}
		return gen.DrawMode(src, m)
	}
	// The recording pass: the same cases against an emulator of the same seed, each call's
	// answer kept for the baseline.
	rec := &recordingTransport{}
	var sutMT *httpmock.MockTransport
	gen, h, _ := benchHarnessWith(b, c, func(mt *httpmock.MockTransport) http.RoundTripper { rec.rt, sutMT = mt, mt; return rec })
	calls := make([][]benchCall, benchCases)
	drawn := make([]Case, benchCases) // the recorded cases, for the timed cycles' check
	for i := range calls {
		rec.answers = rec.answers[:0]
		c := draw(gen, i)
		drawn[i] = Case{ID: c.ID, Body: c.Body}
		res, err := h.Execute(context.Background(), c)
		if err != nil || res.Failed() {
			b.Fatalf("case %d %s: %v %v", i, c.ID, err, res.Findings)
		}
		if len(rec.answers) != res.Calls {
			b.Fatalf("case %d: %d answers recorded for %d calls", i, len(rec.answers), res.Calls)
		}
		first := benchCall{raw: c.Body, answer: rec.answers[0]}
		if res.ViaSDK {
			first.update, _ = sdkInput(h.contract, c.Request, c.Body)
			first.raw = nil
		}
		calls[i] = append(calls[i], first)
		if res.Calls == 2 {
			st := h.states[c.State]
			calls[i] = append(calls[i], benchCall{answer: rec.answers[1],
				describe: &cip.DescribeUserPoolClientInput{UserPoolId: aws.String(st.Pool.ID), ClientId: aws.String(st.Client.ID)}})
		}
	}
	// The baseline: an SDK client and a raw sender over an httpmock transport that answers
	// the next canned answer.
	var next *cannedAnswer
	mt := httpmock.NewMockTransport()
	canned := func(r *http.Request) (*http.Response, error) {
		return &http.Response{Status: http.StatusText(next.status), StatusCode: next.status, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: next.header, Body: io.NopCloser(bytes.NewReader(next.body)), ContentLength: int64(len(next.body)), Request: r}, nil
	}
	mt.RegisterResponder(http.MethodPost, benchEndpoint, canned) // the raw sender's URL
	mt.RegisterResponder(http.MethodPost, benchEndpoint+"/", canned)
	baseline := replayer(&http.Client{Transport: mt}, func(bc *benchCall) { next = &bc.answer })
	sut := replayer(&http.Client{Transport: sutMT}, func(*benchCall) {})

	gen, h, _ = benchHarnessWith(b, c, func(mt *httpmock.MockTransport) http.RoundTripper { return mt })
	ctx := context.Background()
	var tExec, tBase, tSUT, tDraw time.Duration
	var nExec, callsExec, callsBase int
	var allocExec, allocBase, bytesExec, bytesBase uint64
	var ms runtime.MemStats
	replay := func(f func(context.Context, *benchCall) error, i int) int {
		n := 0
		for k := range benchBlock {
			for j := range calls[(i+k)%benchCases] {
				if err := f(ctx, &calls[(i+k)%benchCases][j]); err != nil {
					b.Fatal(err)
				}
				n++
			}
		}
		return n
	}
	i := 0
	var block [benchBlock]Case // the block's cases, checked after its timing
	b.ReportAllocs()
	for b.Loop() {
		runtime.ReadMemStats(&ms)
		a0 := ms.Mallocs
		t0 := ms.TotalAlloc
		start := time.Now()
		for k := range benchBlock {
			d := time.Now()
			c := draw(gen, (i+k)%benchCases)
			tDraw += time.Since(d)
			res, err := h.Execute(ctx, c)
			if err != nil || res.Failed() {
				b.Fatalf("%v %v", err, res.Findings)
			}
			callsExec += res.Calls
			block[k] = c
		}
		tExec += time.Since(start)
		for k, c := range block {
			if want := drawn[(i+k)%benchCases]; c.ID != want.ID || !bytes.Equal(c.Body, want.Body) {
				b.Fatalf("case %d: drew %s, the recording pass drew %s", (i+k)%benchCases, c.ID, want.ID)
			}
		}
		runtime.ReadMemStats(&ms)
		a1 := ms.Mallocs
		t1 := ms.TotalAlloc
		start = time.Now()
		callsBase += replay(baseline, i)
		tBase += time.Since(start)
		runtime.ReadMemStats(&ms)
		allocExec += a1 - a0
		allocBase += ms.Mallocs - a1
		bytesExec += t1 - t0
		bytesBase += ms.TotalAlloc - t1
		start = time.Now()
		replay(sut, i)
		tSUT += time.Since(start)
		nExec += benchBlock
		i = (i + benchBlock) % benchCases
	}
	execPerCall := float64(tExec.Nanoseconds()) / float64(callsExec)
	basePerCall := float64(tBase.Nanoseconds()) / float64(callsBase)
	sutPerCall := float64(tSUT.Nanoseconds()) / float64(callsBase)
	b.ReportMetric(execPerCall, "exec-ns/call")
	b.ReportMetric(basePerCall, "base-ns/call")
	b.ReportMetric(execPerCall/basePerCall, "ratio")
	b.ReportMetric(sutPerCall, "sut-ns/call")
	b.ReportMetric(sutPerCall/basePerCall, "sut-ratio")
	b.ReportMetric((execPerCall-sutPerCall)/basePerCall, "harness-calls")
	b.ReportMetric(float64(tDraw.Nanoseconds())/float64(nExec), "draw-ns/exec")
	b.ReportMetric(float64(callsExec)/float64(nExec), "calls/exec")
	b.ReportMetric(float64(allocExec)/float64(callsExec), "exec-allocs/call")
	b.ReportMetric(float64(allocBase)/float64(callsBase), "base-allocs/call")
	b.ReportMetric(float64(bytesExec)/float64(callsExec), "exec-B/call")
	b.ReportMetric(float64(bytesBase)/float64(callsBase), "base-B/call")
}

// replayer sends recorded calls through hc, the way the harness sends them (the SDK client or
// the raw sender), without checking the answers; before is called ahead of each call.
func replayer(hc *http.Client, before func(*benchCall)) func(context.Context, *benchCall) error {
	sdk := newDirectSDKClient("us-east-1", hc, benchEndpoint)
	raw := newDirectRaw("us-east-1", hc, benchEndpoint)
	return func(ctx context.Context, bc *benchCall) error {
		before(bc)
		var err error
		switch {
		case bc.update != nil:
			_, err = sdk.UpdateUserPoolClient(ctx, bc.update)
		case bc.describe != nil:
			_, err = sdk.DescribeUserPoolClient(ctx, bc.describe)
		default:
			_, err = raw.send(ctx, bc.raw)
		}
		var apiErr smithy.APIError
		if err != nil && !errors.As(err, &apiErr) {
			return err
		}
		return nil // an error answer is the SDK's typed error: the round trip was made
	}
}

// recordingTransport keeps the answers that pass through it.
type recordingTransport struct {
	rt      http.RoundTripper
	answers []cannedAnswer
}

func (t *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.rt.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	t.answers = append(t.answers, cannedAnswer{status: resp.StatusCode, header: resp.Header.Clone(), body: body})
	return resp, nil
}

// BenchmarkOracle is the oracle alone on one small update's recorded exchange: the contract's
// share of an execution (Predict, CheckOutcome, CheckResponse), no I/O.
func BenchmarkOracle(b *testing.B) {
	_, h, states := benchHarness(b)
	c := Case{ID: "ClientName/valid", Mode: Positive, Request: map[string]any{"UserPoolId": states[0].Pool.ID, "ClientId": states[0].Client.ID, "ClientName": "bench"}}
	c.Body = marshal(c.Request)
	res, err := h.Execute(context.Background(), c)
	if err != nil || res.Failed() {
		b.Fatal(err, res.Findings)
	}
	ex, st := res.Exchange, h.states[0]
	b.ReportAllocs()
	for b.Loop() {
		p := h.contract.Predict(ex.Request, st)
		if fs := append(h.contract.CheckOutcome(p, ex), h.contract.CheckResponse(ex)...); len(fs) > 0 {
			b.Fatal(fs)
		}
	}
}

// benchHarness provisions on an in-process emulator; the harness sends over httpmock
// (Harness.SendDirect), as the baseline does.
func benchHarness(b testing.TB) (*Generator, *Harness, []contracts.State) {
	return benchHarnessOn(b, func(mt *httpmock.MockTransport) http.RoundTripper { return mt })
}

// benchHarnessOn is benchHarness with the harness's transport wrapped by wrap.
func benchHarnessOn(b testing.TB, wrap func(*httpmock.MockTransport) http.RoundTripper) (*Generator, *Harness, []contracts.State) {
	return benchHarnessWith(b, nil, wrap)
}

// benchHarnessWith is benchHarnessOn with the contract c (nil: the default) in the emulator,
// the generator and the harness.
func benchHarnessWith(b testing.TB, c *contracts.Contract, wrap func(*httpmock.MockTransport) http.RoundTripper) (*Generator, *Harness, []contracts.State) {
	opts := []emulator.Option{emulator.WithSeed(3)}
	if c != nil {
		opts = append(opts, emulator.WithContract(c))
	}
	e := emulator.New(opts...)
	t := target.NewInProcess(e, target.Options{})
	envs, states, err := provision(context.Background(), t, target.ProvisionOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		for _, e := range envs {
			_ = e.Cleanup(context.Background())
		}
	})
	gen, err := NewGenerator(c, states...)
	if err != nil {
		b.Fatal(err)
	}
	h := NewHarness(c, t, states...)
	mt := httpmock.NewMockTransport()
	e.Register(mt, benchEndpoint)
	if wrap != nil {
		h.SendDirect(&http.Client{Transport: wrap(mt)}, benchEndpoint)
	}
	return gen, h, states
}

// BenchmarkDraw is the draw alone, the campaign's mode mix: campaign draws one case after the
// other from one Source seeded once (as Campaign.Run and BenchmarkExecution draw); reseed draws
// each case from a Source reseeded in place with the case's own seed (Source.Reseed), and
// fresh-source the same cases from a new Source each (NewSource), for comparison.
func BenchmarkDraw(b *testing.B) {
	gen, _, _ := benchHarness(b)
	b.Run("campaign", func(b *testing.B) {
		src := NewSource(7)
		b.ReportAllocs()
		for b.Loop() {
			_ = gen.DrawMode(src, 0)
		}
	})
	b.Run("reseed", func(b *testing.B) {
		src, i := NewSource(7), 0
		b.ReportAllocs()
		for b.Loop() {
			src.Reseed(7 + int64(i%benchCases))
			_ = gen.DrawMode(src, 0)
			i++
		}
	})
	b.Run("fresh-source", func(b *testing.B) {
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			_ = gen.DrawMode(NewSource(7+int64(i%benchCases)), 0)
			i++
		}
	})
}
