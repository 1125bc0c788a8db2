package contracts_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

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
	c := contracts.UpdateUserPoolClient.WithoutParseMemo() // every Predict parses and validates
	b.ReportAllocs()
	for b.Loop() {
		if p := c.Predict(typicalBody, st); !p.OK() {
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

// largeBodies are the costly request bodies the fuzzer draws, built from the model's limits:
// one AnalyticsConfiguration.ExternalId far over its maximum length (multibyte characters and
// \u2028 escapes, about 340 KB: a negative case), and one with CallbackURLs, LogoutURLs and
// AllowedOAuthScopes at their maximum entry counts (about 6 KB: a positive case).
func largeBodies(tb testing.TB) map[string][]byte {
	in := contracts.UpdateUserPoolClient.Operation.Input
	member := func(s *contracts.Shape, name string) *contracts.Member {
		m, ok := s.MemberNamed(name)
		if !ok {
			tb.Fatalf("the model has no member %s.%s", s.Name, name)
		}
		return m
	}
	maxOf := func(m *contracts.Member) int {
		n, ok := m.Effective().Length.MaxInt()
		if !ok {
			tb.Fatalf("member %s has no @length max", m.Name)
		}
		return int(n)
	}
	ext := maxOf(member(member(in, "AnalyticsConfiguration").Target, "ExternalId"))
	unit := strings.Repeat("abcdefghij", 6) + `あ\u2028` // 62 characters, 69 bytes
	var sb strings.Builder
	for chars := 0; chars < ext*12/5; chars += 62 {
		sb.WriteString(unit)
	}
	huge := `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AnalyticsConfiguration":{"ApplicationId":"0123abcd",` +
		`"ExternalId":"` + sb.String() + `"}}`

	list := func(n int, entry func(i int) string) string {
		quoted := make([]string, n)
		for i := range quoted {
			quoted[i] = strconv.Quote(entry(i))
		}
		return "[" + strings.Join(quoted, ",") + "]"
	}
	scopes := []string{"openid", "email", "profile", "https://api.example.com/read"}
	urls := `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AllowedOAuthFlowsUserPoolClient":true,` +
		`"AllowedOAuthFlows":["code"],` +
		`"CallbackURLs":` + list(maxOf(member(in, "CallbackURLs")), func(i int) string { return "https://example.com/cb/" + strconv.Itoa(i) }) + `,` +
		`"LogoutURLs":` + list(maxOf(member(in, "LogoutURLs")), func(i int) string { return "https://example.com/bye/" + strconv.Itoa(i) }) + `,` +
		`"AllowedOAuthScopes":` + list(maxOf(member(in, "AllowedOAuthScopes")), func(i int) string { return scopes[i%len(scopes)] }) + `}`
	// A RoleArn that matches ArnType's pattern, about 100 times its maximum length (the
	// fuzzer stretches a valid example this way): the pattern runs over all of it.
	arnMax := maxOf(member(member(in, "AnalyticsConfiguration").Target, "RoleArn"))
	arn := `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AnalyticsConfiguration":{"ApplicationId":"0123abcd",` +
		`"RoleArn":"arn:aws:iam::123456789012:role/` + strings.Repeat("r", 100*arnMax) + `"}}`
	// One level beyond encoding/json's nesting limit, as the fuzzer's raw mode draws it.
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	return map[string][]byte{"external-id-too-long": []byte(huge), "url-lists-at-max": []byte(urls), "typical": typicalBody,
		"deep-nesting": []byte(deep), "role-arn-too-long": []byte(arn)}
}

// BenchmarkPredictLarge times Predict on the large bodies next to json.Valid over the same
// bytes, alternating in one loop, and reports both and their ratio (predict/valid).
func BenchmarkPredictLarge(b *testing.B) {
	st := stateWith(nil)
	c := contracts.UpdateUserPoolClient.WithoutParseMemo() // every Predict parses and validates
	bodies := largeBodies(b)
	for _, name := range []string{"external-id-too-long", "role-arn-too-long", "url-lists-at-max", "typical", "deep-nesting"} {
		body := bodies[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			var predict, valid time.Duration
			for b.Loop() {
				t0 := time.Now()
				p := c.Predict(body, st)
				t1 := time.Now()
				ok := json.Valid(body)
				valid += time.Since(t1)
				predict += t1.Sub(t0)
				if ok != (name != "deep-nesting") || p.OK() != (name == "url-lists-at-max" || name == "typical") {
					b.Fatalf("%s: valid %v, prediction %+v", name, ok, p.Code)
				}
			}
			b.ReportMetric(float64(predict.Nanoseconds())/float64(b.N), "predict-ns/op")
			b.ReportMetric(float64(valid.Nanoseconds())/float64(b.N), "valid-ns/op")
			b.ReportMetric(float64(predict)/float64(valid), "predict/valid")
		})
	}
}
