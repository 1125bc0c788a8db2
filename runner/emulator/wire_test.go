package emulator_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

const sigv4 = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260501/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"

// rawCall sends what an SDK cannot: any method, headers and body.
func rawCall(t testing.TB, url, method, op, auth string, body io.Reader) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url+"/", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	if op != "" {
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService."+op)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// chunked hides the length of a body, so the limit is enforced while reading.
type chunked struct{ io.Reader }

func TestWireThroughRawHTTP(t *testing.T) {
	t.Parallel()
	e := emulator.New(emulator.WithSeed(3))
	srv := httptest.NewServer(e) // 127.0.0.1
	t.Cleanup(srv.Close)
	pool, client := rawSetup(t, srv.URL)

	cases := map[string]struct {
		method, op string
		auth       string
		body       io.Reader
		status     int
		code       string
		message    string // "" when not asserted
	}{
		// awsJson front end: a body that does not parse
		"wire/malformed-json": {method: "POST", op: "UpdateUserPoolClient", auth: sigv4, body: strings.NewReader(`{"UserPoolId": `),
			status: 400, code: "SerializationException"},
		// awsJson front end: the input must be a structure
		"wire/top-level-array": {method: "POST", op: "UpdateUserPoolClient", auth: sigv4, body: strings.NewReader(`[1,2]`),
			status: 400, code: "SerializationException"},
		// model: ClientNameType is a string; the contract predicts SerializationException
		"wire/wrong-json-type": {method: "POST", op: "UpdateUserPoolClient", auth: sigv4,
			body: strings.NewReader(`{"UserPoolId":"` + pool + `","ClientId":"` + client + `","ClientName":5}`), status: 400, code: "SerializationException"},
		// setup operations decode into typed structures
		"wire/wrong-json-type-create": {method: "POST", op: "CreateUserPool", auth: sigv4, body: strings.NewReader(`{"PoolName":["x"]}`),
			status: 400, code: "SerializationException"},
		// S5: the operation is X-Amz-Target; aws/aws-sdk-net#1536 shows the answer
		"wire/unknown-operation": {method: "POST", op: "AdminDeleteEverything", auth: sigv4, body: strings.NewReader(`{}`),
			status: 400, code: "UnknownOperationException"},
		"wire/no-target": {method: "POST", auth: sigv4, body: strings.NewReader(`{}`), status: 400, code: "UnknownOperationException"},
		// awsJson binds every operation to POST /
		"wire/non-post": {method: "GET", op: "UpdateUserPoolClient", auth: sigv4, status: 400, code: "UnknownOperationException"},
		// aws-sdk-ios-samples#108: cognito-idp without credentials
		"wire/no-authorization": {method: "POST", op: "UpdateUserPoolClient", body: strings.NewReader(`{}`),
			status: 400, code: "MissingAuthenticationTokenException", message: "Missing Authentication Token"},
		"wire/not-sigv4": {method: "POST", op: "UpdateUserPoolClient", auth: "Bearer abc", body: strings.NewReader(`{}`),
			status: 400, code: "IncompleteSignatureException"},
		// size limit, with and without Content-Length
		"wire/huge-body": {method: "POST", op: "UpdateUserPoolClient", auth: sigv4,
			body: bytes.NewReader(bytes.Repeat([]byte(" "), emulator.DefaultMaxBodyBytes+1)), status: 413, code: "RequestEntityTooLargeException"},
		"wire/huge-body-chunked": {method: "POST", op: "UpdateUserPoolClient", auth: sigv4,
			body: chunked{bytes.NewReader(bytes.Repeat([]byte(" "), 2*emulator.DefaultMaxBodyBytes))}, status: 413, code: "RequestEntityTooLargeException"},
		// R2 + PX-01 (amazon-cognito-auth-js#65): "Value null" without quotes; the SDK refuses this client-side
		"ClientId/missing": {method: "POST", op: "UpdateUserPoolClient", auth: sigv4, body: strings.NewReader(`{"UserPoolId":"` + pool + `"}`),
			status: 400, code: "InvalidParameterException",
			message: "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			var body io.Reader = http.NoBody
			if tc.body != nil {
				body = tc.body
			}
			resp, b := rawCall(t, srv.URL, tc.method, tc.op, tc.auth, body)
			g.Expect(resp.StatusCode).To(Equal(tc.status))
			g.Expect(resp.Header.Get("Content-Type")).To(Equal("application/x-amz-json-1.1"))
			g.Expect(resp.Header.Get("x-amzn-RequestId")).To(MatchRegexp(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`))
			code, msg := contracts.ErrorCode(resp.Header, b)
			g.Expect(code).To(Equal(tc.code))
			var doc map[string]any
			g.Expect(json.Unmarshal(b, &doc)).To(Succeed())
			g.Expect(doc).To(HaveKeyWithValue("__type", tc.code))
			if tc.message != "" {
				g.Expect(msg).To(Equal(tc.message))
			}
		})
	}
}

// R14 (S1 doc): RefreshTokenValidity 0 is stored as the default of 30 days. The Go SDK never
// sends 0 (contract-facts §8), so only raw HTTP can check it.
func TestRefreshTokenValidityZeroThroughRawHTTP(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	srv := httptest.NewServer(emulator.New(emulator.WithSeed(4)))
	defer srv.Close()
	pool, client := rawSetup(t, srv.URL)
	resp, b := rawCall(t, srv.URL, "POST", "UpdateUserPoolClient", sigv4,
		strings.NewReader(`{"UserPoolId":"`+pool+`","ClientId":"`+client+`","RefreshTokenValidity":0}`))
	g.Expect(resp.StatusCode).To(Equal(200), string(b))
	var out struct {
		UserPoolClient struct {
			RefreshTokenValidity int
			TokenValidityUnits   struct{ RefreshToken string }
		}
	}
	g.Expect(json.Unmarshal(b, &out)).To(Succeed())
	g.Expect(out.UserPoolClient.RefreshTokenValidity).To(Equal(30))
	g.Expect(out.UserPoolClient.TokenValidityUnits.RefreshToken).To(Equal("days"))
}

// Any body, however broken, gets a well-formed answer and never a panic or a 5xx.
func TestAnyBodyGetsAnAnswer(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := emulator.New(emulator.WithSeed(5))
	srv := httptest.NewServer(e)
	pool, client := rawSetup(t, srv.URL)
	srv.Close()
	seed := `{"UserPoolId":"` + pool + `","ClientId":"` + client + `","ClientName":"n","CallbackURLs":["https://a.example.com"],` +
		`"AllowedOAuthFlows":["code"],"AllowedOAuthFlowsUserPoolClient":true,"TokenValidityUnits":{"AccessToken":"minutes"},"AccessTokenValidity":5}`
	rng := rand.New(rand.NewPCG(7, 7))
	junk := []string{"", "null", "{", "}", "[", "\"", "\\u0000", "1e999", "-0", "true", "{}", "[]", "\xff\xfe", "あ", strings.Repeat("[", 2000)}
	for i := 0; i < 1500; i++ {
		b := []byte(seed)
		for n := rng.IntN(4); n >= 0; n-- {
			p := rng.IntN(len(b) + 1)
			switch rng.IntN(3) {
			case 0: // insert junk
				b = append(b[:p:p], append([]byte(junk[rng.IntN(len(junk))]), b[p:]...)...)
			case 1: // delete a span
				q := min(len(b), p+rng.IntN(8))
				b = append(b[:p:p], b[q:]...)
			default: // flip a byte
				if p < len(b) {
					b[p] ^= byte(1 << rng.IntN(8))
				}
			}
		}
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/", bytes.NewReader(b))
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.UpdateUserPoolClient")
		req.Header.Set("Authorization", sigv4)
		e.ServeHTTP(rec, req)
		g.Expect(rec.Code).To(BeElementOf(200, 400), "body %q: %s", b, rec.Body.String())
		var doc map[string]any
		g.Expect(json.Unmarshal(rec.Body.Bytes(), &doc)).To(Succeed(), "body %q", b)
		if rec.Code == 400 {
			g.Expect(doc).To(HaveKey("__type"), "body %q", b)
			g.Expect(doc).To(HaveKey("message"), "body %q", b)
		}
	}
}

// rawSetup creates a pool and a client without a secret over raw HTTP.
func rawSetup(t testing.TB, url string) (pool, client string) {
	t.Helper()
	resp, b := rawCall(t, url, "POST", "CreateUserPool", sigv4, strings.NewReader(`{"PoolName":"p"}`))
	if resp.StatusCode != 200 {
		t.Fatalf("CreateUserPool: %d %s", resp.StatusCode, b)
	}
	var p struct{ UserPool struct{ Id string } }
	_ = json.Unmarshal(b, &p)
	resp, b = rawCall(t, url, "POST", "CreateUserPoolClient", sigv4, strings.NewReader(`{"UserPoolId":"`+p.UserPool.Id+`","ClientName":"c"}`))
	if resp.StatusCode != 200 {
		t.Fatalf("CreateUserPoolClient: %d %s", resp.StatusCode, b)
	}
	var c struct{ UserPoolClient struct{ ClientId string } }
	_ = json.Unmarshal(b, &c)
	return p.UserPool.Id, c.UserPoolClient.ClientId
}

// The setup operations are validated against their own input shapes, read from the model.
func TestSetupOperationsValidateTheirInput(t *testing.T) {
	t.Parallel()
	e := emulator.New(emulator.WithSeed(6))
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	pool, _ := rawSetup(t, srv.URL)
	cases := map[string]struct {
		op, body string
		code     string
		contains string
		absent   string
	}{
		// model: UserPoolTierType enum
		"UserPoolTier/unknown": {"CreateUserPool", `{"PoolName":"p","UserPoolTier":"GOLD"}`, "InvalidParameterException", "at 'userPoolTier'", ""},
		// model: CreateUserPoolClientRequest.ClientName is required; "Value null" (PX-01, amazon-cognito-auth-js#65)
		"ClientName/missing": {"CreateUserPoolClient", `{"UserPoolId":"` + pool + `"}`, "InvalidParameterException",
			"Value null at 'clientName' failed to satisfy constraint: Member must not be null", ""},
		// model: ClientSecretType length; the secret is never echoed
		"ClientSecret/too-short": {"CreateUserPoolClient", `{"UserPoolId":"` + pool + `","ClientName":"c","ClientSecret":"tooShortSecret"}`,
			"InvalidParameterException", "clientSecret", "tooShortSecret"},
		// model: PoolQueryLimitType range
		"MaxResults/too-large": {"ListUserPools", `{"MaxResults":1000}`, "InvalidParameterException", "at 'maxResults'", ""},
		// R3 for the setup operations (OB-14 text)
		"UserPoolId/unknown": {"DescribeUserPool", `{"UserPoolId":"us-east-1_AAAAAAAAA"}`, "ResourceNotFoundException",
			"User pool us-east-1_AAAAAAAAA does not exist.", ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			resp, b := rawCall(t, srv.URL, "POST", tc.op, sigv4, strings.NewReader(tc.body))
			g.Expect(resp.StatusCode).To(Equal(400))
			code, msg := contracts.ErrorCode(resp.Header, b)
			g.Expect(code).To(Equal(tc.code))
			g.Expect(msg).To(ContainSubstring(tc.contains))
			if tc.absent != "" {
				g.Expect(string(b)).NotTo(ContainSubstring(tc.absent))
			}
		})
	}
}
