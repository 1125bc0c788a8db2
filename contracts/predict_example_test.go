package contracts_test

import (
	"fmt"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// Predict tells what the service answers to a raw request in a given state: here a
// client_credentials client asking for the openid scope (R10, observed text OB-11).
func ExampleContract_Predict() {
	st := contracts.State{
		Pool:   &contracts.PoolState{ID: "us-east-1_AbCdEf123"},
		Client: &contracts.ClientState{ID: "abc123", HasSecret: true},
	}
	body := []byte(`{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123",
		"AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthFlows":["client_credentials"],"AllowedOAuthScopes":["openid"]}`)
	p := contracts.UpdateUserPoolClient.Predict(body, st)
	fmt.Println(p.Status, p.Code)
	fmt.Println(p.Message)
	// Output:
	// 400 InvalidOAuthFlowException
	// openid is not supported with client_credentials flow
}

// Validate lists every model constraint a body breaks, each with the service's message entry.
func ExampleContract_Validate() {
	body := []byte(`{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AuthSessionValidity":2,"CallbackURLs":[""]}`)
	for _, v := range contracts.UpdateUserPoolClient.Validate(body) {
		fmt.Println(v.Member, v.Rule, v.Code)
		fmt.Println(v.Message)
	}
	// Output:
	// CallbackURLs member InvalidParameterException
	// Value '[]' at 'callbackURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+]
	// AuthSessionValidity range InvalidParameterException
	// Value '2' at 'authSessionValidity' failed to satisfy constraint: Member must have value greater than or equal to 3
}

// SameMessage compares service messages the way the service varies them: validation entries
// and enum values in any order.
func ExampleSameMessage() {
	ours := "1 validation error detected: Value '[token]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [code, implicit, client_credentials]]"
	aws := "1 validation error detected: Value '[token]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [implicit, client_credentials, code]]"
	fmt.Println(contracts.SameMessage(ours, aws))
	// Output: true
}
