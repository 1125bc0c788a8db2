package contracts_test

import (
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

func TestSameMessage(t *testing.T) {
	t.Parallel()
	const (
		e1   = `Value '[]' at 'callbackURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 1]`
		e2   = `Value '[]' at 'logoutURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 1]`
		enA  = `Value '[token]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [code, implicit, client_credentials]]`
		enB  = `Value '[token]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [implicit, client_credentials, code]]`
		enC  = `Value '[token]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [implicit, code]]`
		semi = `Value 'a; Value b' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w\s+=,.@-]+`
	)
	cases := map[string]struct {
		want, got string
		same      bool
	}{
		"equal/plain":                      {"User pool client x does not exist.", "User pool client x does not exist.", true},
		"differ/plain":                     {"User pool client x does not exist.", "User pool client y does not exist.", false},
		"entries/any-order":                {"2 validation errors detected: " + e1 + "; " + e2, "2 validation errors detected: " + e2 + "; " + e1, true},
		"entries/enum-order":               {"1 validation error detected: " + enA, "1 validation error detected: " + enB, true},
		"entries/enum-values-differ":       {"1 validation error detected: " + enA, "1 validation error detected: " + enC, false},
		"entries/count-differs":            {"2 validation errors detected: " + e1 + "; " + e2, "3 validation errors detected: " + e1 + "; " + e2, false},
		"entries/missing-entry":            {"2 validation errors detected: " + e1 + "; " + e2, "2 validation errors detected: " + e1, false},
		"entries/duplicate-vs-two":         {"2 validation errors detected: " + e1 + "; " + e1, "2 validation errors detected: " + e1 + "; " + e2, false},
		"entries/one-vs-plain":             {"1 validation error detected: " + e1, e1, false},
		"entries/semicolon-inside":         {"2 validation errors detected: " + semi + "; " + e1, "2 validation errors detected: " + e1 + "; " + semi, true},
		"entries/semicolon-inside-differs": {"2 validation errors detected: " + semi + "; " + e1, "2 validation errors detected: " + e1 + "; " + semi + "x", false},
		"entries/case-of-value":            {"1 validation error detected: " + e1, "1 validation error detected: " + e1 + "x", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			g.Expect(contracts.SameMessage(tc.want, tc.got)).To(Equal(tc.same))
			g.Expect(contracts.SameMessage(tc.got, tc.want)).To(Equal(tc.same), "symmetric")
		})
	}
}

func TestValidationMessage(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	one := []contracts.Violation{{Message: "Value null at 'clientId' failed to satisfy constraint: Member must not be null"}}
	g.Expect(contracts.ValidationMessage(one)).To(Equal("1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null"))
	two := append(one, contracts.Violation{Message: "Value '0' at 'authSessionValidity' failed to satisfy constraint: Member must have value greater than or equal to 3"})
	g.Expect(contracts.ValidationMessage(two)).To(Equal("2 validation errors detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null; Value '0' at 'authSessionValidity' failed to satisfy constraint: Member must have value greater than or equal to 3"))
}
