package contracts_test

import (
	"encoding/json"
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
