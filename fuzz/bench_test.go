package fuzz

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/jarcoal/httpmock"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

const benchEndpoint = "https://cognito-idp.us-east-1.amazonaws.com"

// BenchmarkExecution measures one fuzz execution (draw, predict, send through the SDK or raw,
// check, DescribeUserPoolClient after a 200) against the emulator in-process, next to its
// baseline: the bare SDK round trip over httpmock against a canned answer. Compare the
// execution's ns/call (ns/op divided by the calls it makes) with the baseline's ns/op.
func BenchmarkExecution(b *testing.B) {
	b.Run("baseline=sdk+httpmock-canned", func(b *testing.B) {
		gen, h, states := benchHarness(b)
		_ = gen
		// The canned answer is the emulator's own answer to a small valid update.
		c := Case{ID: "ClientName/valid", Mode: Positive, Request: map[string]any{"UserPoolId": states[0].Pool.ID, "ClientId": states[0].Client.ID, "ClientName": "bench"}}
		c.Body = marshal(c.Request)
		res, err := h.Execute(context.Background(), c)
		if err != nil || res.Failed() {
			b.Fatalf("%v %v", err, res.Findings)
		}
		mt := httpmock.NewMockTransport()
		mt.RegisterResponder(http.MethodPost, benchEndpoint+"/", httpmock.NewBytesResponder(200, res.Exchange.Body).HeaderAdd(http.Header{
			"Content-Type": {"application/x-amz-json-1.1"}, "X-Amzn-Requestid": {"3c1e5b7a-7d0e-4c38-9d59-6f0c5b0f2b11"}}))
		client := cip.New(cip.Options{Region: "us-east-1", BaseEndpoint: aws.String(benchEndpoint), HTTPClient: &http.Client{Transport: mt},
			Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""), Retryer: aws.NopRetryer{}, RetryMaxAttempts: 1})
		in, _ := sdkInput(h.contract, c.Request, c.Body)
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := client.UpdateUserPoolClient(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/call")
	})
	b.Run("execution=emulator-in-process/same-request-as-baseline", func(b *testing.B) {
		_, h, states := benchHarness(b)
		c := Case{ID: "ClientName/valid", Mode: Positive, Request: map[string]any{"UserPoolId": states[0].Pool.ID, "ClientId": states[0].Client.ID, "ClientName": "bench"}}
		c.Body = marshal(c.Request)
		ctx := context.Background()
		calls := 0
		b.ReportAllocs()
		for b.Loop() {
			res, err := h.Execute(ctx, c)
			if err != nil || res.Failed() {
				b.Fatal(err, res.Findings)
			}
			calls += res.Calls
		}
		b.ReportMetric(float64(calls)/float64(b.N), "calls/op")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(calls), "ns/call")
	})
	// The oracle alone on the same request's recorded exchange: the contract's share of an
	// execution (Predict, CheckOutcome, CheckResponse), no I/O.
	b.Run("oracle-only/same-request-as-baseline", func(b *testing.B) {
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
	})
	for _, m := range []Mode{0, Positive, Negative, Raw} {
		name := "execution=emulator-in-process"
		if m != 0 {
			name += "/" + m.String()
		}
		b.Run(name, func(b *testing.B) {
			gen, h, _ := benchHarness(b)
			src := NewSource(1)
			ctx := context.Background()
			calls := 0
			b.ReportAllocs()
			for b.Loop() {
				res, err := h.Execute(ctx, gen.DrawMode(src, m))
				if err != nil {
					b.Fatal(err)
				}
				calls += res.Calls
			}
			b.ReportMetric(float64(calls)/float64(b.N), "calls/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(calls), "ns/call")
		})
	}
}

// benchHarness provisions on an in-process emulator; the harness's SDK client reaches the
// emulator over httpmock (Harness.SendDirect), as the baseline does.
func benchHarness(b *testing.B) (*Generator, *Harness, []contracts.State) {
	e := emulator.New(emulator.WithSeed(3))
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
	gen, err := NewGenerator(nil, states...)
	if err != nil {
		b.Fatal(err)
	}
	h := NewHarness(nil, t, states...)
	mt := httpmock.NewMockTransport()
	e.Register(mt, benchEndpoint)
	h.SendDirect(&http.Client{Transport: mt}, benchEndpoint)
	return gen, h, states
}
