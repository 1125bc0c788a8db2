package contracts

// providerCognito is always a valid SupportedIdentityProviders entry (S1 doc).
const providerCognito = "COGNITO"

// ruleR23AttributesExist (R23; S1 ReadAttributes/WriteAttributes docs) checks that read and
// write attributes are attributes of the pool (standard names, "custom:x" for custom ones).
// Write: exact text "Invalid write attributes specified while updating a client" (OB-16).
// Read on update was never observed (OB-18 is CreateUserPoolClient): text not asserted.
// A State with nil Pool.Attributes does not know the schema: the rule is not evaluated.
func ruleR23AttributesExist(r *Request, st State) *Violation {
	if st.Pool == nil || st.Pool.Attributes == nil {
		return nil
	}
	for _, a := range r.ReadAttributes {
		if !contains(st.Pool.Attributes, a) {
			return ruleViolation("R23", "ReadAttributes", codeInvalidParameter, "", "read attribute "+a+" is not in the pool schema")
		}
	}
	for _, a := range r.WriteAttributes {
		if !contains(st.Pool.Attributes, a) {
			return ruleViolation("R23", "WriteAttributes", codeInvalidParameter,
				"Invalid write attributes specified while updating a client", "write attribute "+a+" is not in the pool schema")
		}
	}
	return nil
}

// ruleR24ProvidersExist (R24; S1 SupportedIdentityProviders doc): COGNITO, or a provider
// configured in the pool (Facebook, Google, SignInWithApple, LoginWithAmazon only once
// configured, like SAML and OIDC ones). Exact text in the format of OB-19 for the first
// unknown provider: "The provider <name> does not exist for User Pool <poolId>".
func ruleR24ProvidersExist(r *Request, st State) *Violation {
	if st.Pool == nil {
		return nil
	}
	for _, p := range r.SupportedIdentityProviders {
		if p != providerCognito && !contains(st.Pool.IdentityProviders, p) {
			return ruleViolation("R24", "SupportedIdentityProviders", codeInvalidParameter,
				"The provider "+p+" does not exist for User Pool "+r.UserPoolId, "provider "+p+" is not configured in the pool")
		}
	}
	return nil
}
