package contracts_test

import (
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

func TestPredict(t *testing.T) {
	t.Parallel()
	const ids = `"UserPoolId":"` + poolID + `","ClientId":"abc123"`
	noPool := func(st *contracts.State) { st.Pool = nil }
	noClient := func(st *contracts.State) { st.Client = nil }
	cases := map[string]struct {
		body    string
		state   func(*contracts.State)
		status  int
		code    string
		message string   // exact; "" = not asserted
		rules   []string // Violations[].Rule
		alts    []string
	}{
		"ok/minimal": {body: `{` + ids + `}`, status: 200},
		"ok/full-oauth": {body: `{` + ids + `,"AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid","https://api.example.com/read"],
			"CallbackURLs":["https://example.com/cb","http://localhost:3000/cb"],"DefaultRedirectURI":"https://example.com/cb","SupportedIdentityProviders":["COGNITO","MySAML"],
			"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"AccessTokenValidity":60,"TokenValidityUnits":{"AccessToken":"minutes"}}`, status: 200},
		// (a) serialization beats constraints: only the type violation is reported.
		"precedence/serialization-beats-constraint": {body: `{` + ids + `,"ClientName":"","AccessTokenValidity":"60"}`, state: noPool,
			status: 400, code: "SerializationException", rules: []string{"type"}},
		"serialization/malformed": {body: `{`, status: 400, code: "SerializationException", rules: []string{"type"}},
		// (b) constraints beat lookup (R3).
		"precedence/constraint-beats-lookup": {body: `{` + ids + `,"ClientName":"` + strings.Repeat("x", 129) + `"}`, state: noPool,
			status: 400, code: "InvalidParameterException", rules: []string{"length"},
			message: "1 validation error detected: Value '" + strings.Repeat("x", 129) + "' at 'clientName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		"constraint/two-entries": {body: `{"UserPoolId":"` + poolID + `","AuthSessionValidity":16}`,
			status: 400, code: "InvalidParameterException", rules: []string{"required", "range"},
			message: "2 validation errors detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null; Value '16' at 'authSessionValidity' failed to satisfy constraint: Member must have value less than or equal to 15"},
		// (c) lookup (R3, OB-14 / OB-13) beats the rules.
		"precedence/lookup-beats-rules": {body: `{` + ids + `,"AllowedOAuthFlows":["client_credentials","code"]}`, state: noPool,
			status: 400, code: "ResourceNotFoundException", message: "User pool " + poolID + " does not exist.", rules: []string{"R3"}},
		"lookup/no-client": {body: `{` + ids + `}`, state: noClient,
			status: 400, code: "ResourceNotFoundException", message: "User pool client abc123 does not exist.", rules: []string{"R3"}},
		// (d) rules: the first broken one decides; others with other codes are alternatives.
		"rules/one": {body: `{` + ids + `,"AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthFlows":["implicit"]}`,
			status: 400, code: "InvalidOAuthFlowException", message: "CallbackUrls can not be empty when code flow or implicit flow is selected", rules: []string{"R11"}},
		"rules/alternatives": {body: `{` + ids + `,"AllowedOAuthFlows":["implicit"]}`,
			status: 400, code: "InvalidParameterException", rules: []string{"R7", "R11"}, alts: []string{"InvalidOAuthFlowException"}},
		"rules/same-code-other-text": {body: `{` + ids + `,"AccessTokenValidity":25,"SupportedIdentityProviders":["Nope"]}`,
			status: 400, code: "InvalidParameterException", message: "", rules: []string{"R13", "R24"}},
		// R20 (OB-15, 2020) is listed but not enforced: ALLOW_ flows without ALLOW_REFRESH_TOKEN_AUTH
		// are predicted to succeed.
		"rules/r20-not-enforced": {body: `{` + ids + `,"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH"]}`, status: 200},
		"rules/same-code-same-text": {body: `{` + ids + `,"AccessTokenValidity":25,"IdTokenValidity":25}`,
			status: 400, code: "InvalidParameterException", message: "Invalid range for token validity.", rules: []string{"R13"}},
		"rules/three-codes": {body: `{` + ids + `,"AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthFlows":["client_credentials","code"],"AllowedOAuthScopes":["nope"],"CallbackURLs":["http://example.com/"]}`,
			status: 400, code: "InvalidParameterException", message: "http://example.com/ cannot use the HTTP protocol.", rules: []string{"R5", "R8", "R12"},
			alts: []string{"InvalidOAuthFlowException", "ScopeDoesNotExistException"}},
		"rules/tier": {body: `{` + ids + `,"ExplicitAuthFlows":["ALLOW_USER_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}`, state: lite,
			status: 400, code: "FeatureUnavailableInTierException", rules: []string{"R19"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			p := contracts.UpdateUserPoolClient.Predict([]byte(tc.body), stateWith(tc.state))
			g.Expect(p.Status).To(Equal(tc.status))
			g.Expect(p.Code).To(Equal(tc.code))
			g.Expect(p.OK()).To(Equal(tc.code == ""))
			g.Expect(p.Message).To(Equal(tc.message))
			var rules []string
			for _, v := range p.Violations {
				g.Expect(v.Code).NotTo(BeEmpty())
				rules = append(rules, v.Rule)
			}
			g.Expect(rules).To(Equal(tc.rules))
			g.Expect(p.Alternatives).To(Equal(tc.alts))
			for _, a := range tc.alts {
				g.Expect(p.Accepts(a)).To(BeTrue())
			}
		})
	}
}

// An empty body is the empty input "{}" (RequestBody, S5): the two required members are
// reported missing, in the service's null format, exactly as for "{}".
func TestPredictEmptyBodyIsEmptyInput(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	want := contracts.UpdateUserPoolClient.Predict([]byte("{}"), contracts.State{})
	g.Expect(want.Code).To(Equal("InvalidParameterException"))
	g.Expect(want.Message).To(ContainSubstring("Value null at 'userPoolId' failed to satisfy constraint: Member must not be null"))
	for _, body := range []string{"", "  \n\t"} {
		got := contracts.UpdateUserPoolClient.Predict([]byte(body), contracts.State{})
		g.Expect(got.Status).To(Equal(want.Status), "body %q", body)
		g.Expect(got.Code).To(Equal(want.Code), "body %q", body)
		g.Expect(got.Message).To(Equal(want.Message), "body %q", body)
	}
}

// Only JSON's own whitespace surrounds a value (RFC 8259 §2): a trailing form feed makes the
// body invalid JSON (a SerializationException), and a form-feed-only body is not the empty
// input. Found by FuzzRawBody: the emulator trimmed with bytes.TrimSpace and answered 400
// InvalidParameterException where the contract predicts SerializationException.
func TestPredictOnlyJSONWhitespaceIsTrimmed(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, body := range []string{"{\"\":\"-1_LTxuUE6O3st\"}\f", "\f", "\v{}", "{}\u00a0"} {
		p := contracts.UpdateUserPoolClient.Predict([]byte(body), contracts.State{})
		g.Expect(p.Code).To(Equal("SerializationException"), "body %q", body)
	}
	g.Expect(string(contracts.TrimJSONSpace([]byte(" \t\r\n{}\n ")))).To(Equal("{}"))
}
