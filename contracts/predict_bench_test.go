package contracts_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/jarcoal/httpmock"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// typicalBody is a full request as an app with managed login sends it.
var typicalBody = []byte(`{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","ClientName":"web app",
"RefreshTokenValidity":30,"AccessTokenValidity":60,"IdTokenValidity":60,
"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"days"},
"ReadAttributes":["email","email_verified","name","custom:tenant"],"WriteAttributes":["email","name"],
"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"SupportedIdentityProviders":["COGNITO","MySAML"],
"CallbackURLs":["https://example.com/cb","http://localhost:3000/cb"],"LogoutURLs":["https://example.com/"],
"DefaultRedirectURI":"https://example.com/cb","AllowedOAuthFlows":["code"],
"AllowedOAuthScopes":["openid","email","https://api.example.com/read"],"AllowedOAuthFlowsUserPoolClient":true,
"PreventUserExistenceErrors":"ENABLED","EnableTokenRevocation":true,"AuthSessionValidity":3}`)

func TestTypicalBodyIsAccepted(t *testing.T) {
	t.Parallel()
	if p := contracts.UpdateUserPoolClient.Predict(typicalBody, stateWith(nil)); !p.OK() {
		t.Fatalf("typical body rejected: %+v", p)
	}
}

func BenchmarkValidate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if vs := contracts.UpdateUserPoolClient.Validate(typicalBody); len(vs) != 0 {
			b.Fatal(vs)
		}
	}
}

func BenchmarkPredict(b *testing.B) {
	st := stateWith(nil)
	b.ReportAllocs()
	for b.Loop() {
		if p := contracts.UpdateUserPoolClient.Predict(typicalBody, st); !p.OK() {
			b.Fatal(p)
		}
	}
}

// BenchmarkSDKCallHTTPMock is the baseline: one UpdateUserPoolClient call through the
// aws-sdk-go-v2 client (retries off, static fake credentials, us-east-1) answered by httpmock
// with a canned 200 body — what a test double costs per call before any contract work.
func BenchmarkSDKCallHTTPMock(b *testing.B) {
	mock := httpmock.NewMockTransport()
	canned := `{"UserPoolClient":{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","ClientName":"web app",
"RefreshTokenValidity":30,"AccessTokenValidity":60,"IdTokenValidity":60,"CallbackURLs":["https://example.com/cb"],
"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid"],"AllowedOAuthFlowsUserPoolClient":true,
"LastModifiedDate":1.7e9,"CreationDate":1.7e9}}`
	mock.RegisterResponder(http.MethodPost, "https://cognito-idp.us-east-1.amazonaws.com/", func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(http.StatusOK, canned)
		r.Header.Set("Content-Type", "application/x-amz-json-1.1")
		return r, nil
	})
	client := cip.New(cip.Options{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "fake-secret", ""),
		RetryMaxAttempts: 1,
		HTTPClient:       &http.Client{Transport: mock},
	})
	in := &cip.UpdateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_AbCdEf123"), ClientId: aws.String("abc123"), ClientName: aws.String("web app"),
		RefreshTokenValidity: 30, AccessTokenValidity: aws.Int32(60), IdTokenValidity: aws.Int32(60),
		TokenValidityUnits: &types.TokenValidityUnitsType{AccessToken: types.TimeUnitsTypeMinutes, IdToken: types.TimeUnitsTypeMinutes, RefreshToken: types.TimeUnitsTypeDays},
		CallbackURLs:       []string{"https://example.com/cb"}, AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeCode},
		AllowedOAuthScopes: []string{"openid"}, AllowedOAuthFlowsUserPoolClient: true,
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		out, err := client.UpdateUserPoolClient(ctx, in)
		if err != nil || aws.ToString(out.UserPoolClient.ClientId) != "abc123" {
			b.Fatal(err)
		}
	}
}
