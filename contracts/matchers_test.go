package contracts_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/jarcoal/httpmock"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// endpoint is loopback: the mock transport answers, nothing leaves the process.
const endpoint = "http://127.0.0.1:9229"

// newSDKClient is the real SDK client behind an httpmock transport answering every request
// with status, headers and body.
func newSDKClient(status int, header http.Header, body string) *cognitoidentityprovider.Client {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, endpoint+"/", cannedResponder(status, header, body))
	return cognitoidentityprovider.New(cognitoidentityprovider.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(endpoint),
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "not-a-secret", ""),
		HTTPClient:       &http.Client{Transport: mt},
		RetryMaxAttempts: 1,
	})
}

func cannedResponder(status int, header http.Header, body string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(status, body)
		for k, v := range header {
			r.Header[k] = v
		}
		return r, nil
	}
}

func awsJSONHeader(kv ...string) http.Header {
	h := http.Header{"Content-Type": {contracts.ContentType}, "X-Amzn-Requestid": {"7c0e2b55-3c9b-4b5e-9a43-2f5f5d0e1a11"}}
	for i := 0; i < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

var input = &cognitoidentityprovider.UpdateUserPoolClientInput{
	UserPoolId: aws.String("us-east-1_EXAMPLE"), ClientId: aws.String("1example23456789"), ClientName: aws.String("web"),
}

// appliedBody is the canned 200: what the contract's Apply stores for input.
func appliedBody(t testing.TB, edit func(m map[string]any)) string {
	req := `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"web"}`
	cur := `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","CreationDate":1600000000}`
	client, err := contracts.UpdateUserPoolClient.Apply(json.RawMessage(cur), []byte(req), time.Unix(1700000000, 0))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(client, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, _ := json.Marshal(map[string]any{"UserPoolClient": m})
	return string(b)
}

func call(t testing.TB, client *cognitoidentityprovider.Client) (*cognitoidentityprovider.UpdateUserPoolClientOutput, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return client.UpdateUserPoolClient(ctx, input)
}

func TestConformToSDKOutput(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		edit    func(m map[string]any)
		ok      bool
		message []string // lines the failure message must hold
	}{
		"conforming":       {func(map[string]any) {}, true, nil},
		"optional-absent":  {func(m map[string]any) { delete(m, "TokenValidityUnits"); delete(m, "AuthSessionValidity") }, true, nil},
		"fractional-dates": {func(m map[string]any) { m["LastModifiedDate"] = 1700000000.125 }, true, nil},
		"bad-enum": {func(m map[string]any) { m["PreventUserExistenceErrors"] = "MAYBE" }, false,
			[]string{`shape UserPoolClient.PreventUserExistenceErrors: expected one of [LEGACY, ENABLED], got "MAYBE"  [model: PreventUserExistenceErrorTypes]`}},
		"too-long-and-out-of-range": {func(m map[string]any) { m["ClientName"] = strings.Repeat("n", 129); m["AuthSessionValidity"] = 16 }, false,
			[]string{`shape UserPoolClient.ClientName: expected length 1..128 characters, got 129 characters  [model: ClientNameType]`,
				`shape UserPoolClient.AuthSessionValidity: expected range 3..15, got 16  [model: AuthSessionValidityType]`}},
		"bad-time-unit": {func(m map[string]any) { m["TokenValidityUnits"] = map[string]any{"IdToken": "weeks"} }, false,
			[]string{`shape UserPoolClient.TokenValidityUnits.IdToken: expected one of [seconds, minutes, hours, days], got "weeks"`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			out, err := call(t, newSDKClient(200, awsJSONHeader(), appliedBody(t, tc.edit)))
			g.Expect(err).NotTo(HaveOccurred())
			m := contracts.ConformTo(contracts.UpdateUserPoolClient)
			ok, err := m.Match(out)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(ok).To(Equal(tc.ok))
			if tc.ok {
				g.Expect(m.NegatedFailureMessage(out)).To(Equal("expected the UpdateUserPoolClient output not to conform to UpdateUserPoolClient, but it does"))
				g.Expect(out.UserPoolClient).To(contracts.ConformTo(contracts.UpdateUserPoolClient))
				return
			}
			msg := m.FailureMessage(out)
			g.Expect(msg).To(HavePrefix("expected the UpdateUserPoolClient output to conform to UpdateUserPoolClient;"))
			for _, line := range tc.message {
				g.Expect(msg).To(ContainSubstring("\n    " + line))
			}
		})
	}
}

func TestConformToHTTPResponse(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		status  int
		header  http.Header
		body    string
		ok      bool
		message string
	}{
		"200":             {200, awsJSONHeader(), "", true, ""},
		"client-error":    {400, awsJSONHeader(), `{"__type":"ResourceNotFoundException","message":"User pool client x does not exist."}`, true, ""},
		"header-only":     {400, awsJSONHeader("X-Amzn-ErrorType", "TooManyRequestsException:"), `{}`, true, ""},
		"httpError-404":   {404, awsJSONHeader(), `{"__type":"ResourceNotFoundException","message":"m"}`, false, "status ResourceNotFoundException: expected 400 for ResourceNotFoundException, got 404"},
		"unknown-code":    {400, awsJSONHeader(), `{"__type":"ValidationException"}`, false, `error-code: expected one of AccessDeniedException,`},
		"no-content-type": {400, http.Header{"X-Amzn-Requestid": {"r"}}, `{"__type":"InvalidParameterException"}`, false, "protocol: expected Content-Type application/x-amz-json-1.1, got none"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			body := tc.body
			if body == "" {
				body = appliedBody(t, func(map[string]any) {})
			}
			mt := httpmock.NewMockTransport()
			mt.RegisterResponder(http.MethodPost, endpoint+"/", cannedResponder(tc.status, tc.header, body))
			resp, err := (&http.Client{Transport: mt}).Post(endpoint+"/", contracts.ContentType, strings.NewReader(`{}`))
			g.Expect(err).NotTo(HaveOccurred())
			m := contracts.ConformTo(contracts.UpdateUserPoolClient)
			ok, err := m.Match(resp)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(ok).To(Equal(tc.ok))
			if !tc.ok {
				g.Expect(m.FailureMessage(resp)).To(ContainSubstring(tc.message))
			}
			// The body is restored for the test's own reads.
			rest, err := io.ReadAll(resp.Body)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(string(rest)).To(Equal(body))
		})
	}
}

func TestConformToExchange(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	// A merge instead of a replace: the old callback URL survives an update that omits it (R1).
	ex := contracts.Exchange{Request: json.RawMessage(`{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"c"}`), Status: 200,
		Header: awsJSONHeader(), Body: []byte(`{"UserPoolClient":{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"c","CallbackURLs":["https://a.example/cb"]}}`)}
	m := contracts.ConformTo(contracts.UpdateUserPoolClient)
	ok, err := m.Match(ex)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(ok).To(BeFalse())
	g.Expect(m.FailureMessage(ex)).To(Equal("expected the exchange (200) to conform to UpdateUserPoolClient; 1 finding(s):\n" +
		`    reset-to-default CallbackURLs: expected absent (omitted), got ["https://a.example/cb"]  [R1: no documented default]`))
}

func TestMatchersMisuse(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	_, err := contracts.ConformTo(contracts.UpdateUserPoolClient).Match("a string")
	g.Expect(err).To(MatchError("ConformTo expects an *UpdateUserPoolClientOutput, a *types.UserPoolClientType, an *http.Response or a contracts.Exchange, got string"))
	_, err = contracts.ConformTo(nil).Match(&cognitoidentityprovider.UpdateUserPoolClientOutput{})
	g.Expect(err).To(MatchError(ContainSubstring("the contract is nil")))
	_, err = contracts.ConformTo(contracts.UpdateUserPoolClient).Match((*http.Response)(nil))
	g.Expect(err).To(MatchError("ConformTo: actual is a nil *http.Response"))
	_, err = contracts.HaveErrorCode("ResourceNotFoundException").Match(42)
	g.Expect(err).To(MatchError("HaveErrorCode expects an error or an *http.Response, got int"))
	_, err = contracts.BeRejectedFor("ClientName").Match(struct{}{})
	g.Expect(err).To(MatchError("BeRejectedFor expects an error or an *http.Response, got struct {}"))
}
