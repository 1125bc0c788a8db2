package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// TestStateForIsTheClientAsItIs holds the client view stateFor hands the contract (the client's
// snapshot, made when its document changes) to the one it made per request before: the same
// id, secret flag and document after a create and after each update, and a view read before an
// update unchanged by it. A document changed without a snapshot is still seen as it is.
func TestStateForIsTheClientAsItIs(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := New(WithSeed(5))
	respond := e.Responder()
	call := func(op, body string) map[string]any {
		r, _ := http.NewRequest(http.MethodPost, "https://cognito-idp.us-east-1.amazonaws.com/", strings.NewReader(body))
		r.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService."+op)
		r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260501/us-east-1/cognito-idp/aws4_request")
		resp, err := respond(r)
		g.Expect(err).NotTo(HaveOccurred())
		b, err := io.ReadAll(resp.Body)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(resp.StatusCode).To(Equal(http.StatusOK), "%s: %s", op, b)
		var out map[string]any
		g.Expect(json.Unmarshal(b, &out)).To(Succeed())
		return out
	}
	pool := call("CreateUserPool", `{"PoolName":"p"}`)["UserPool"].(map[string]any)["Id"].(string)
	created := call("CreateUserPoolClient", `{"UserPoolId":"`+pool+`","ClientName":"app","GenerateSecret":true}`)
	id := created["UserPoolClient"].(map[string]any)["ClientId"].(string)
	view := func() *contracts.ClientState {
		e.mu.RLock()
		defer e.mu.RUnlock()
		p := e.pools[pool]
		st := p.stateFor(id)
		c := p.clients[id]
		g.Expect(*st.Client).To(Equal(contracts.ClientState{ID: c.id, HasSecret: c.hasSecret, Current: c.doc}))
		return st.Client
	}
	before := view()
	g.Expect(before.HasSecret).To(BeTrue())
	kept := string(before.Current)
	for _, name := range []string{"renamed", "app-2 @x.y", strings.Repeat("x", 50)} {
		call("UpdateUserPoolClient", `{"UserPoolId":"`+pool+`","ClientId":"`+id+`","ClientName":`+string(mustJSON(name))+`}`)
		after := view()
		g.Expect(string(after.Current)).To(ContainSubstring(string(mustJSON(name))))
		g.Expect(string(before.Current)).To(Equal(kept), "a view read before an update is the client as it was")
		before, kept = after, string(after.Current)
	}
	g.Expect(view()).To(BeIdenticalTo(view()), "requests between two updates share the snapshot")
	// A document changed without a snapshot (no operation does so) is seen as it is.
	e.mu.Lock()
	c := e.pools[pool].clients[id]
	c.doc = json.RawMessage(`{"ClientId":"` + id + `"}`)
	e.mu.Unlock()
	g.Expect(string(view().Current)).To(Equal(`{"ClientId":"` + id + `"}`))
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
