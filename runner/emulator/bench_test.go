package emulator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/jarcoal/httpmock"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// The three benchmarks send the same UpdateUserPoolClient through the real SDK client; run
// them in one invocation to compare (go test -run '^$' -bench Update -benchmem ./runner/emulator):
//
//   - BenchmarkUpdateCannedHTTPMock: the baseline, an httpmock responder that returns a canned
//     200 (the SDK's own cost: serialise, sign, deserialise);
//   - BenchmarkUpdateInProcess: the emulator's responder on the same httpmock transport;
//   - BenchmarkUpdateLoopbackHTTP: the emulator behind an httptest server on 127.0.0.1;
//   - BenchmarkUpdateContractShare: contracts.Predict + contracts.Apply alone, the part of the
//     emulator's time that is the contract's.

func benchInput(s setup) *cip.UpdateUserPoolClientInput {
	return &cip.UpdateUserPoolClientInput{
		UserPoolId: aws.String(s.pool), ClientId: aws.String(s.secretClient), ClientName: aws.String("bench"),
		AccessTokenValidity: aws.Int32(30), IdTokenValidity: aws.Int32(30), RefreshTokenValidity: 7,
		TokenValidityUnits: &types.TokenValidityUnitsType{AccessToken: types.TimeUnitsTypeMinutes,
			IdToken: types.TimeUnitsTypeMinutes, RefreshToken: types.TimeUnitsTypeDays},
		AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows:               []types.OAuthFlowType{types.OAuthFlowTypeCode},
		AllowedOAuthScopes:              []string{"openid", "email", "https://api.example.com/read"},
		CallbackURLs:                    []string{"https://app.example.com/callback"},
		LogoutURLs:                      []string{"https://app.example.com/logout"},
		SupportedIdentityProviders:      []string{"COGNITO", "Corp"},
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth,
			types.ExplicitAuthFlowsTypeAllowUserSrpAuth},
		EnableTokenRevocation: aws.Bool(true),
	}
}

func runUpdates(b *testing.B, c *cip.Client, in *cip.UpdateUserPoolClientInput) {
	b.Helper()
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.UpdateUserPoolClient(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// captured is one UpdateUserPoolClient exchange with the emulator, as the SDK sent and got it.
type captured struct {
	in            *cip.UpdateUserPoolClientInput
	request, body []byte
}

func captureUpdate(b *testing.B) captured {
	e := emulator.New(emulator.WithSeed(11))
	var got captured
	capture := httpmock.NewMockTransport()
	capture.RegisterResponder(http.MethodPost, endpoint+"/", func(r *http.Request) (*http.Response, error) {
		req, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(req))
		resp, err := e.Responder()(r)
		if err == nil && r.Header.Get("X-Amz-Target") == "AWSCognitoIdentityProviderService.UpdateUserPoolClient" {
			got.request = req
			got.body, _ = io.ReadAll(resp.Body)
			resp.Body = io.NopCloser(bytes.NewReader(got.body))
		}
		return resp, err
	})
	c := newSDK(&http.Client{Transport: capture}, endpoint, "AKIDEXAMPLE")
	got.in = benchInput(newSetup(b, c, ""))
	if _, err := c.UpdateUserPoolClient(context.Background(), got.in); err != nil {
		b.Fatal(err)
	}
	return got
}

func BenchmarkUpdateCannedHTTPMock(b *testing.B) {
	// The canned body is the emulator's own answer, captured once, so both sides deserialise
	// the same bytes.
	cap := captureUpdate(b)
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, endpoint+"/", httpmock.NewBytesResponder(200, cap.body).HeaderAdd(http.Header{
		"Content-Type":     {"application/x-amz-json-1.1"},
		"X-Amzn-Requestid": {"3c1e5b7a-7d0e-4c38-9d59-6f0c5b0f2b11"},
	}))
	runUpdates(b, newSDK(&http.Client{Transport: mt}, endpoint, "AKIDEXAMPLE"), cap.in)
}

// BenchmarkUpdateContractShare is the part of the emulator's time that the contract takes:
// contracts.Predict and contracts.Apply on the same request and a state like the setup's.
func BenchmarkUpdateContractShare(b *testing.B) {
	cap := captureUpdate(b)
	var out struct{ UserPoolClient json.RawMessage }
	if err := json.Unmarshal(cap.body, &out); err != nil {
		b.Fatal(err)
	}
	var ids struct{ UserPoolId, ClientId string }
	_ = json.Unmarshal(cap.request, &ids)
	st := contracts.State{
		Pool: &contracts.PoolState{ID: ids.UserPoolId, Tier: "ESSENTIALS",
			ResourceServers:   []contracts.ResourceServer{{Identifier: "https://api.example.com", Scopes: []string{"read"}}},
			IdentityProviders: []string{"Corp"}, Attributes: []string{"sub", "email", "custom:tenant"}},
		Client: &contracts.ClientState{ID: ids.ClientId, HasSecret: true, Current: out.UserPoolClient},
	}
	c := contracts.UpdateUserPoolClient
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if p := c.Predict(cap.request, st); !p.OK() {
			b.Fatalf("%+v", p)
		}
		if _, err := c.Apply(out.UserPoolClient, cap.request, now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

func BenchmarkUpdateInProcess(b *testing.B) {
	e := emulator.New(emulator.WithSeed(11))
	c := sdkClient(e)
	s := newSetup(b, c, "")
	runUpdates(b, c, benchInput(s))
}

func BenchmarkUpdateLoopbackHTTP(b *testing.B) {
	e := emulator.New(emulator.WithSeed(11))
	srv := httptest.NewServer(e)
	defer srv.Close()
	c := newSDK(srv.Client(), srv.URL, "AKIDEXAMPLE")
	s := newSetup(b, c, "")
	runUpdates(b, c, benchInput(s))
}

// BenchmarkUpdateInProcessVsCanned runs the in-process emulator and the canned baseline in
// alternating blocks of calls within one benchmark, so that drifting machine load (shared CI
// runners) falls on both alike; it reports each side's ns per call and their ratio
// (inprocess/canned; the target is at most 1.5).
func BenchmarkUpdateInProcessVsCanned(b *testing.B) {
	cap := captureUpdate(b)
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, endpoint+"/", httpmock.NewBytesResponder(200, cap.body).HeaderAdd(http.Header{
		"Content-Type":     {"application/x-amz-json-1.1"},
		"X-Amzn-Requestid": {"3c1e5b7a-7d0e-4c38-9d59-6f0c5b0f2b11"},
	}))
	canned := newSDK(&http.Client{Transport: mt}, endpoint, "AKIDEXAMPLE")
	e := emulator.New(emulator.WithSeed(11))
	emu := sdkClient(e)
	in := benchInput(newSetup(b, emu, ""))
	ctx := context.Background()
	const block = 64
	var tCanned, tEmu time.Duration
	var n int
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		for range block {
			if _, err := canned.UpdateUserPoolClient(ctx, cap.in); err != nil {
				b.Fatal(err)
			}
		}
		mid := time.Now()
		for range block {
			if _, err := emu.UpdateUserPoolClient(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
		tCanned += mid.Sub(start)
		tEmu += time.Since(mid)
		n += block
	}
	b.ReportMetric(float64(tCanned.Nanoseconds())/float64(n), "canned-ns/call")
	b.ReportMetric(float64(tEmu.Nanoseconds())/float64(n), "inprocess-ns/call")
	b.ReportMetric(float64(tEmu)/float64(tCanned), "ratio")
}

// BenchmarkUpdateResponderOnly is the emulator's own cost per update, without the SDK: the
// captured request (signed headers included) answered by the responder directly.
func BenchmarkUpdateResponderOnly(b *testing.B) {
	e := emulator.New(emulator.WithSeed(11))
	c := sdkClient(e)
	s := newSetup(b, c, "")
	var req *http.Request
	var body []byte
	capture := httpmock.NewMockTransport()
	capture.RegisterResponder(http.MethodPost, endpoint+"/", func(r *http.Request) (*http.Response, error) {
		body, _ = io.ReadAll(r.Body)
		req = r.Clone(context.Background())
		return httpmock.NewBytesResponse(200, []byte(`{}`)), nil
	})
	_, _ = newSDK(&http.Client{Transport: capture}, endpoint, "AKIDEXAMPLE").UpdateUserPoolClient(context.Background(), benchInput(s))
	respond := e.Responder()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req.Body = io.NopCloser(bytes.NewReader(body))
		resp, err := respond(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatal(err, resp.StatusCode)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
