package contracts_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/jarcoal/httpmock"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

func TestHaveErrorCodeSDKErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		header http.Header
		body   string
		code   string
	}{
		// Every encoding a client must accept (S5, OB-21), read by the real SDK.
		"plain":            {awsJSONHeader(), `{"__type":"ResourceNotFoundException","message":"User pool client x does not exist."}`, "ResourceNotFoundException"},
		"namespace-prefix": {awsJSONHeader(), `{"__type":"com.amazonaws.cognitoidentityprovider#ScopeDoesNotExistException","message":"m"}`, "ScopeDoesNotExistException"},
		"colon-suffix":     {awsJSONHeader(), `{"__type":"InvalidOAuthFlowException:http://internal.amazon.com/coral/","message":"m"}`, "InvalidOAuthFlowException"},
		"header-only":      {awsJSONHeader("X-Amzn-ErrorType", "NotAuthorizedException:"), `{}`, "NotAuthorizedException"},
		"Message":          {awsJSONHeader(), `{"__type":"ConcurrentModificationException","Message":"Only one request to update user pool client can be processed at a time."}`, "ConcurrentModificationException"},
		// Not modelled: the SDK returns a GenericAPIError (contract-facts §5).
		"unmodelled": {awsJSONHeader(), `{"__type":"AccessDeniedException","message":"User: x is not authorized"}`, "AccessDeniedException"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			_, err := call(t, newSDKClient(400, tc.header, tc.body))
			g.Expect(err).To(HaveOccurred())
			g.Expect(err).To(contracts.HaveErrorCode(tc.code)) // through the *smithy.OperationError wrapper
			g.Expect(err).NotTo(contracts.HaveErrorCode("InternalErrorException"))

			m := contracts.HaveErrorCode("InternalErrorException")
			ok, merr := m.Match(err)
			g.Expect(merr).NotTo(HaveOccurred())
			g.Expect(ok).To(BeFalse())
			g.Expect(m.FailureMessage(err)).To(HavePrefix("expected: an error with code InternalErrorException\nactual:   " + tc.code + ": "))
		})
	}
}

func TestHaveErrorCodeMisses(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	m := contracts.HaveErrorCode("ResourceNotFoundException")
	ok, err := m.Match(nil)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(ok).To(BeFalse())
	g.Expect(m.FailureMessage(nil)).To(Equal("expected: an error with code ResourceNotFoundException\nactual:   no error"))

	// A transport failure is not a service error: the matcher fails and says so.
	client := newSDKClient(200, nil, "")
	noResponder := cognitoidentityprovider.New(client.Options(), func(o *cognitoidentityprovider.Options) {
		o.HTTPClient = &http.Client{Transport: httpmock.NewMockTransport()}
	})
	_, callErr := call(t, noResponder)
	g.Expect(callErr).To(HaveOccurred())
	ok, err = m.Match(callErr)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(ok).To(BeFalse())
	g.Expect(m.FailureMessage(callErr)).To(ContainSubstring("actual:   an error that is not a service error: "))

	resp := httpmock.NewStringResponse(400, `{"__type":"ResourceNotFoundException","message":"User pool us-east-1_AAAAAAAAA does not exist."}`)
	g.Expect(resp).To(contracts.HaveErrorCode("ResourceNotFoundException"))
	ok, _ = m.Match(httpmock.NewStringResponse(200, `{}`))
	g.Expect(ok).To(BeFalse())
	g.Expect(m.FailureMessage(nil)).To(HaveSuffix("actual:   200, no error"))
}

func TestBeRejectedFor(t *testing.T) {
	t.Parallel()
	const clientName = `1 validation error detected: Value 'a/b' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+`
	const unit = `1 validation error detected: Value 'weeks' at 'tokenValidityUnits.accessToken' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]`
	// PX-01 (amazon-archives/amazon-cognito-auth-js#65): Value null, no quotes.
	const null = `1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null`
	cases := map[string]struct {
		body, member string
		ok           bool
	}{
		"ClientName":                     {`{"__type":"InvalidParameterException","message":"` + clientName + `"}`, "ClientName", true},
		"ClientName/other-member":        {`{"__type":"InvalidParameterException","message":"` + clientName + `"}`, "UserPoolId", false},
		"TokenValidityUnits.AccessToken": {`{"__type":"InvalidParameterException","message":"` + unit + `"}`, "TokenValidityUnits.AccessToken", true},
		"TokenValidityUnits/parent-only": {`{"__type":"InvalidParameterException","message":"` + unit + `"}`, "TokenValidityUnits", false},
		"ClientId/null":                  {`{"__type":"InvalidParameterException","message":"` + null + `"}`, "ClientId", true},
		// R13 (OB-08): a rule message names no member.
		"rule-message": {`{"__type":"InvalidParameterException","message":"Invalid range for token validity."}`, "AccessTokenValidity", false},
		"other-code":   {`{"__type":"ResourceNotFoundException","message":"at 'clientName'"}`, "ClientName", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			_, err := call(t, newSDKClient(400, awsJSONHeader(), tc.body))
			m := contracts.BeRejectedFor(tc.member)
			ok, merr := m.Match(err)
			g.Expect(merr).NotTo(HaveOccurred())
			g.Expect(ok).To(Equal(tc.ok))
			wire := strings.ToLower(tc.member[:1]) + tc.member[1:]
			if i := strings.Index(wire, "."); i >= 0 {
				wire = wire[:i+1] + strings.ToLower(wire[i+1:i+2]) + wire[i+2:]
			}
			if !tc.ok {
				g.Expect(m.FailureMessage(err)).To(HavePrefix("expected: InvalidParameterException naming '" + wire + "' (member " + tc.member + ")\nactual:   "))
			} else {
				g.Expect(m.NegatedFailureMessage(err)).To(HavePrefix("expected: no InvalidParameterException naming '" + wire + "'"))
			}
		})
	}
}

func TestBeRejectedForHTTPResponse(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	resp := httpmock.NewStringResponse(400, `{"__type":"InvalidParameterException","message":"2 validation errors detected: Value '[]' at 'logoutURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 1]; Value '[]' at 'callbackURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 1]"}`)
	g.Expect(resp).To(contracts.BeRejectedFor("CallbackURLs"))
	g.Expect(resp).To(contracts.BeRejectedFor("LogoutURLs"))
	g.Expect(resp).NotTo(contracts.BeRejectedFor("AllowedOAuthScopes"))
}

// A misused matcher is an error, not a silent miss: NotTo(...) with a typo must not pass.
func TestMatcherMisuse(t *testing.T) {
	t.Parallel()
	resp := func() *http.Response {
		return httpmock.NewStringResponse(400, `{"__type":"InvalidParameterException","message":"1 validation error detected: Value 'a/b' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"}`)
	}
	cases := map[string]struct {
		matcher interface {
			Match(any) (bool, error)
		}
		want []string // substrings of the error
	}{
		"BeRejectedFor/typo":           {contracts.BeRejectedFor("ClientNme"), []string{`BeRejectedFor: member path "ClientNme"`, `has no member "ClientNme"`, "want one of UserPoolId, ClientId, ClientName,"}},
		"BeRejectedFor/empty":          {contracts.BeRejectedFor(""), []string{"BeRejectedFor: the member path is empty; want one of UserPoolId, ClientId,"}},
		"BeRejectedFor/wire-spelling":  {contracts.BeRejectedFor("clientName"), []string{`did you mean "ClientName"?`}},
		"BeRejectedFor/nested-typo":    {contracts.BeRejectedFor("TokenValidityUnits.AccessTokn"), []string{`TokenValidityUnits (TokenValidityUnitsType) has no member "AccessTokn"`, "want one of AccessToken, IdToken, RefreshToken"}},
		"BeRejectedFor/nested-case":    {contracts.BeRejectedFor("TokenValidityUnits.accessToken"), []string{`did you mean "AccessToken"?`}},
		"BeRejectedFor/under-a-scalar": {contracts.BeRejectedFor("ClientName.Length"), []string{`ClientName is not a structure, it has no member "Length"`}},
		"HaveErrorCode/unknown":        {contracts.HaveErrorCode("InvalidParameter"), []string{`HaveErrorCode: unknown error code "InvalidParameter"; want one of `, "InvalidParameterException", "AccessDeniedException", "SerializationException"}},
		"HaveErrorCode/wrong-case":     {contracts.HaveErrorCode("invalidParameterException"), []string{`did you mean "InvalidParameterException"?`}},
		"HaveErrorCode/empty":          {contracts.HaveErrorCode(""), []string{`unknown error code ""`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			ok, err := tc.matcher.Match(resp())
			g.Expect(ok).To(BeFalse())
			g.Expect(err).To(HaveOccurred())
			for _, w := range tc.want {
				g.Expect(err.Error()).To(ContainSubstring(w))
			}
		})
	}
	// Valid names still match: nested paths and protocol-level codes the contract knows.
	g := NewWithT(t)
	for _, member := range []string{"ClientName", "TokenValidityUnits.AccessToken", "RefreshTokenRotation.Feature", "CallbackURLs"} {
		_, err := contracts.BeRejectedFor(member).Match(resp())
		g.Expect(err).NotTo(HaveOccurred(), member)
	}
	for _, code := range contracts.UpdateUserPoolClient.ErrorCodes() {
		_, err := contracts.HaveErrorCode(code).Match(resp())
		g.Expect(err).NotTo(HaveOccurred(), code)
	}
	g.Expect(contracts.UpdateUserPoolClient.ErrorCodes()).To(ContainElements("InvalidParameterException", "TooManyRequestsException", "AccessDeniedException", "UnknownOperationException"))
}
