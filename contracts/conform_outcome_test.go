package contracts

import (
	"testing"

	. "github.com/onsi/gomega"
)

func errorExchange(status int, body string) Exchange {
	return Exchange{Status: status, Header: okHeader(), Body: []byte(body)}
}

func TestCheckOutcome(t *testing.T) {
	t.Parallel()
	// Real message with its entries in the service's order (aws-sdk-java-v2#5528).
	const twoEntries = `2 validation errors detected: Value '[]' at 'logoutURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024]; Value '[]' at 'callbackURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024]`
	const swapped = `2 validation errors detected: Value '[]' at 'callbackURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024]; Value '[]' at 'logoutURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024]`
	constraint := Prediction{Status: 400, Code: "InvalidParameterException", Message: twoEntries,
		Violations: []Violation{{Check: CheckShape, Rule: "member", Member: "LogoutURLs", Code: "InvalidParameterException", Source: "model: RedirectUrlType"}}}
	// R11 / OB-12: a rule with an observed message.
	rule := Prediction{Status: 400, Code: "InvalidOAuthFlowException",
		Message:    "CallbackUrls can not be empty when code flow or implicit flow is selected",
		Violations: []Violation{{Check: CheckRule, Rule: "R11", Member: "CallbackURLs", Code: "InvalidOAuthFlowException", Source: "R11: OB-12"}}}
	// R8: a rule whose text was never observed; two codes possible.
	unobserved := Prediction{Status: 400, Code: "InvalidOAuthFlowException", Alternatives: []string{"InvalidParameterException"},
		Violations: []Violation{{Check: CheckRule, Rule: "R8", Member: "AllowedOAuthFlows", Code: "InvalidOAuthFlowException"}}}
	cases := map[string]struct {
		p    Prediction
		ex   Exchange
		want []string // Check|Rule|Member|Actual
	}{
		"success/200": {Prediction{Status: 200}, errorExchange(200, `{"UserPoolClient":{}}`), nil},
		"success/got-error": {Prediction{Status: 200}, errorExchange(400, `{"__type":"InvalidParameterException","message":"bad"}`),
			[]string{`status|||400 InvalidParameterException: "bad"`}},
		"constraint/same": {constraint, errorExchange(400, `{"__type":"InvalidParameterException","message":"`+jsonEscape(twoEntries)+`"}`), nil},
		// Entries compared as a set (SameMessage).
		"constraint/entries-reordered": {constraint, errorExchange(400, `{"__type":"InvalidParameterException","message":"`+jsonEscape(swapped)+`"}`), nil},
		"constraint/other-message": {constraint, errorExchange(400, `{"__type":"InvalidParameterException","message":"nope"}`),
			[]string{`error-code||LogoutURLs|message "nope"`}},
		"constraint/wrong-code": {constraint, errorExchange(400, `{"__type":"ScopeDoesNotExistException","message":"x"}`),
			[]string{`error-code||LogoutURLs|400 ScopeDoesNotExistException: "x"`}},
		"constraint/accepted-200": {constraint, errorExchange(200, `{}`),
			[]string{"status||LogoutURLs|200"}},
		"rule/same": {rule, errorExchange(400, `{"__type":"InvalidOAuthFlowException","message":"CallbackUrls can not be empty when code flow or implicit flow is selected"}`), nil},
		"rule/wrong-code": {rule, errorExchange(400, `{"__type":"InvalidParameterException","message":"m"}`),
			[]string{`rule|R11|CallbackURLs|400 InvalidParameterException: "m"`}},
		"rule/wrong-status": {rule, errorExchange(403, `{"__type":"InvalidOAuthFlowException","message":"CallbackUrls can not be empty when code flow or implicit flow is selected"}`),
			[]string{`status|R11|CallbackURLs|403 InvalidOAuthFlowException: "CallbackUrls can not be empty when code flow or implicit flow is selected"`}},
		// Unobserved text: any message passes; an alternative code passes.
		"unobserved/any-text":    {unobserved, errorExchange(400, `{"__type":"InvalidOAuthFlowException","message":"whatever"}`), nil},
		"unobserved/alternative": {unobserved, errorExchange(400, `{"__type":"InvalidParameterException"}`), nil},
		// The code read from the header alone (OB-21).
		"unobserved/header-code": {unobserved, headerOnly(400, "InvalidOAuthFlowException:"), nil},
		"unobserved/header-wrong": {unobserved, headerOnly(400, "NotAuthorizedException:"),
			[]string{"rule|R8|AllowedOAuthFlows|400 NotAuthorizedException"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			g.Expect(findingKeys(UpdateUserPoolClient.CheckOutcome(tc.p, tc.ex))).To(ConsistOf(tc.want))
			// Check is CheckOutcome then CheckResponse, finding for finding.
			both := append(UpdateUserPoolClient.CheckOutcome(tc.p, tc.ex), UpdateUserPoolClient.CheckResponse(tc.ex)...)
			g.Expect(UpdateUserPoolClient.Check(tc.p, tc.ex)).To(Equal(both))
		})
	}
}

// TestCheckIsOutcomeThenResponse compares Check with CheckOutcome and CheckResponse on answers
// CheckResponse reads in each of its ways: success, other 2xx/3xx, error with a body, with a
// header only, with a body that is no object, a 5xx.
func TestCheckIsOutcomeThenResponse(t *testing.T) {
	t.Parallel()
	p := Prediction{Status: 400, Code: "InvalidParameterException", Message: "m"}
	for name, ex := range map[string]Exchange{
		"200 not an object":  errorExchange(200, `[]`),
		"302":                errorExchange(302, ``),
		"100":                errorExchange(100, `{"__type":"InvalidParameterException","message":"m"}`),
		"400 coded":          errorExchange(400, `{"__type":"InvalidParameterException","message":"m"}`),
		"400 unknown code":   errorExchange(400, `{"__type":"Nope","message":"m"}`),
		"400 not an object":  errorExchange(400, `<html>`),
		"400 invalid UTF-8":  errorExchange(400, "{\"__type\":\"InvalidParameterException\",\"message\":\"\xff\"}"),
		"400 header only":    headerOnly(400, "InvalidParameterException:"),
		"500 internal error": errorExchange(500, `{"__type":"InternalErrorException","message":"x"}`),
		"400 no headers":     {Status: 400, Body: []byte(`{"__type":"InvalidParameterException"}`)},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			want := append(UpdateUserPoolClient.CheckOutcome(p, ex), UpdateUserPoolClient.CheckResponse(ex)...)
			g.Expect(UpdateUserPoolClient.Check(p, ex)).To(Equal(want))
			g.Expect(UpdateUserPoolClient.Check(Prediction{Status: 200}, ex)).To(Equal(
				append(UpdateUserPoolClient.CheckOutcome(Prediction{Status: 200}, ex), UpdateUserPoolClient.CheckResponse(ex)...)))
		})
	}
}

func headerOnly(status int, errorType string) Exchange {
	ex := errorExchange(status, "")
	ex.Header.Set("X-Amzn-ErrorType", errorType)
	return ex
}

func jsonEscape(s string) string {
	out := ""
	for _, r := range s {
		if r == '\\' || r == '"' {
			out += `\`
		}
		out += string(r)
	}
	return out
}
