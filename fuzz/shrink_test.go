package fuzz

import (
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// Shrinking never shortens the pool and client ids: a shorter id names another resource, and
// a piece of a random id would reach the finding unscrubbed.
func TestShrinkKeepsIdentifiers(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	st := testStates()[0]
	c := Case{ID: "ClientName/too-long", Member: "ClientName", Request: map[string]any{
		"UserPoolId": st.Pool.ID, "ClientId": st.Client.ID, "ClientName": "abcdefgh", "CallbackURLs": []any{"https://a.example.com/", "https://b.example.com/"},
	}}
	cands := candidates(contracts.UpdateUserPoolClient.Operation.Input, c)
	g.Expect(len(cands)).To(BeNumerically(">=", 5), "ClientName and CallbackURLs are shrunk")
	for _, cand := range cands {
		g.Expect(cand.Request).To(HaveKeyWithValue("UserPoolId", st.Pool.ID), "%s", cand.Body)
		g.Expect(cand.Request).To(HaveKeyWithValue("ClientId", st.Client.ID), "%s", cand.Body)
	}
}
