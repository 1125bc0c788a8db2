package contracts_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// benchRequest is a typical update: a name, OAuth settings, token validities with units.
const benchRequest = `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"web",
	"AccessTokenValidity":60,"IdTokenValidity":60,"RefreshTokenValidity":30,
	"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"days"},
	"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"SupportedIdentityProviders":["COGNITO"],
	"CallbackURLs":["https://app.example.com/callback"],"LogoutURLs":["https://app.example.com/logout"],
	"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid","email"],"AllowedOAuthFlowsUserPoolClient":true,
	"PreventUserExistenceErrors":"ENABLED","EnableTokenRevocation":true,"AuthSessionValidity":3}`

const benchBefore = `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"old",
	"CreationDate":1600000000,"LastModifiedDate":1650000000}`

var benchNow = time.Unix(1700000000, 0)

// benchExchange is a conforming 200 for benchRequest, built by the contract's Apply.
func benchExchange(b *testing.B) (contracts.Exchange, string) {
	client, err := contracts.UpdateUserPoolClient.Apply(json.RawMessage(benchBefore), []byte(benchRequest), benchNow)
	if err != nil {
		b.Fatal(err)
	}
	body := `{"UserPoolClient":` + string(client) + `}`
	return contracts.Exchange{Request: json.RawMessage(benchRequest), Before: json.RawMessage(benchBefore),
		Status: 200, Header: awsJSONHeader(), Body: []byte(body)}, body
}

// BenchmarkCheckResponse checks a typical 200: protocol headers, output shape, echo,
// reset-to-default, durations and invariants.
func BenchmarkCheckResponse(b *testing.B) {
	ex, _ := benchExchange(b)
	if fs := contracts.UpdateUserPoolClient.CheckResponse(ex); len(fs) != 0 {
		b.Fatalf("the benchmark exchange does not conform: %v", fs)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		contracts.UpdateUserPoolClient.CheckResponse(ex)
	}
}

// BenchmarkConformSDKCallHTTPMock is the baseline: one real SDK call answered by httpmock with
// the same canned 200 (signing, serialising, deserialising; no network).
func BenchmarkConformSDKCallHTTPMock(b *testing.B) {
	_, body := benchExchange(b)
	client := newSDKClient(200, awsJSONHeader(), body)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := call(b, client); err != nil {
			b.Fatal(err)
		}
	}
}

// largeAlphabet are the characters of the fuzz campaign's costliest negative case (a
// multibyte AnalyticsConfiguration.ExternalId with U+2028, which encoding/json escapes).
var largeAlphabet = []rune("T©\u3000\u200b½٣¿한ß\u2028«Ж\u0301éあ中—∑€ a<&")

// largeErrorExchange is the InvalidParameterException the service sends for an
// AnalyticsConfiguration.ExternalId past its @length (read from the model): the message, built
// by Predict from the model's constraint texts, quotes the whole ~320 KB multibyte value.
func largeErrorExchange(b *testing.B) (contracts.Prediction, contracts.Exchange) {
	ac, _ := contracts.DefaultModel().Shape("AnalyticsConfigurationType")
	ext, ok := ac.MemberNamed("ExternalId")
	max, bounded := ext.Effective().Length.MaxInt()
	if !ok || !bounded {
		b.Fatal("AnalyticsConfigurationType.ExternalId has no maximum length in the model")
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 320<<10 || int64(i) <= max; i++ {
		sb.WriteRune(largeAlphabet[(i*7+i/13)%len(largeAlphabet)])
	}
	req, _ := json.Marshal(map[string]any{"UserPoolId": "us-east-1_EXAMPLE", "ClientId": "1example23456789",
		"AnalyticsConfiguration": map[string]any{"ApplicationId": "0123456789abcdef0123456789abcdef", "ExternalId": sb.String()}})
	p := contracts.UpdateUserPoolClient.Predict(req, contracts.State{})
	if p.Code != "InvalidParameterException" || p.Message == "" {
		b.Fatalf("predicted %s %.200q", p.Code, p.Message)
	}
	body, _ := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}{p.Code, p.Message})
	return p, contracts.Exchange{Request: req, Status: 400, Header: awsJSONHeader(), Body: body}
}

// largeListsExchange is a conforming 200 whose lists (URLs, scopes, attributes, providers) hold
// as many entries as the model allows.
func largeListsExchange(b *testing.B) contracts.Exchange {
	in, _ := contracts.DefaultModel().Shape("UpdateUserPoolClientRequest")
	req := map[string]any{}
	_ = json.Unmarshal([]byte(benchRequest), &req)
	entry := map[string]func(i int) string{
		"CallbackURLs":       func(i int) string { return fmt.Sprintf("https://app%d.example.com/callback?x=1&y=%d", i, i) },
		"LogoutURLs":         func(i int) string { return fmt.Sprintf("https://app%d.example.com/logout", i) },
		"AllowedOAuthScopes": func(i int) string { return fmt.Sprintf("api.example.com/scope.%d", i) },
		"ReadAttributes":     func(i int) string { return fmt.Sprintf("custom:attribute%d", i) },
		"WriteAttributes":    func(i int) string { return fmt.Sprintf("custom:attribute%d", i) },
	}
	for name, f := range entry {
		mem, _ := in.MemberNamed(name)
		n, ok := mem.Effective().Length.MaxInt()
		if !ok {
			n = 100 // unbounded in the model: as many as the bounded URL lists
		}
		list := make([]string, n)
		for i := range list {
			list[i] = f(i)
		}
		req[name] = list
	}
	body, _ := json.Marshal(req)
	client, err := contracts.UpdateUserPoolClient.Apply(json.RawMessage(benchBefore), body, benchNow)
	if err != nil {
		b.Fatal(err)
	}
	ex := contracts.Exchange{Request: body, Before: json.RawMessage(benchBefore), Status: 200, Header: awsJSONHeader(),
		Body: []byte(`{"UserPoolClient":` + string(client) + `}`)}
	if fs := contracts.UpdateUserPoolClient.CheckResponse(ex); len(fs) != 0 {
		b.Fatalf("the large 200 does not conform: %v", fs)
	}
	return ex
}

// BenchmarkCheckResponseLarge checks the huge answers next to their baselines, in the same run:
// json.Valid over the same bytes and the SDK's own call answered with them (httpmock).
//
//	error/*: the ~330 KB InvalidParameterException quoting a multibyte value (CheckParsed
//	         with the prediction: error code, message, protocol, status);
//	lists/*: a 200 whose lists are at their maximum (shape walk, echo, resets, invariants);
//	         lists/checkParsed as the fuzz harness checks it, the request parsed already.
func BenchmarkCheckResponseLarge(b *testing.B) {
	c := contracts.UpdateUserPoolClient
	p, errEx := largeErrorExchange(b)
	listsEx := largeListsExchange(b)
	listsReq := c.Parse(listsEx.Request)
	for _, tc := range []struct {
		name  string
		ex    contracts.Exchange
		check func(ex contracts.Exchange) []contracts.Finding
	}{
		{"error", errEx, func(ex contracts.Exchange) []contracts.Finding { return c.Check(p, ex) }},
		{"lists", listsEx, c.CheckResponse},
		{"lists/checkParsed", listsEx, func(ex contracts.Exchange) []contracts.Finding {
			return c.CheckParsed(contracts.Prediction{Status: 200}, ex, listsReq)
		}},
	} {
		if fs := tc.check(tc.ex); len(fs) != 0 {
			b.Fatalf("%s: %v", tc.name, fs)
		}
		b.Run(tc.name+"/check", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tc.ex.Body)))
			for b.Loop() {
				tc.check(tc.ex)
			}
		})
		b.Run(tc.name+"/json.Valid", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tc.ex.Body)))
			for b.Loop() {
				if !json.Valid(tc.ex.Body) {
					b.Fatal("invalid")
				}
			}
		})
		b.Run(tc.name+"/sdk", func(b *testing.B) {
			client := newSDKClient(tc.ex.Status, tc.ex.Header, string(tc.ex.Body))
			b.ReportAllocs()
			b.SetBytes(int64(len(tc.ex.Body)))
			for b.Loop() {
				_, err := call(b, client)
				if (err == nil) != (tc.ex.Status == 200) {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheckErrorAnswer checks a typical error answer (a name past its @length, read from
// the model) against its prediction: code, message, protocol headers, status.
func BenchmarkCheckErrorAnswer(b *testing.B) {
	c := contracts.UpdateUserPoolClient
	in, _ := contracts.DefaultModel().Shape("UpdateUserPoolClientRequest")
	name, _ := in.MemberNamed("ClientName")
	max, _ := name.Effective().Length.MaxInt()
	req, _ := json.Marshal(map[string]any{"UserPoolId": "us-east-1_EXAMPLE", "ClientId": "1example23456789",
		"ClientName": strings.Repeat("n", int(max)+1), "CallbackURLs": []string{"https://a.example.com/<cb>"}})
	p := c.Predict(req, contracts.State{})
	body, _ := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}{p.Code, p.Message})
	ex := contracts.Exchange{Request: req, Status: 400, Header: awsJSONHeader(), Body: body}
	if fs := c.Check(p, ex); len(fs) != 0 || p.Message == "" {
		b.Fatal(p, fs)
	}
	b.ReportAllocs()
	for b.Loop() {
		c.Check(p, ex)
	}
}
