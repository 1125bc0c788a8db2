package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// TestStoredSlotIsReadClient: the client an update stores for the next one, written over the
// one before in the client's slot (contracts.ApplyStoredOutputIn), reads as the contract reads
// the stored document afresh (ReadClient): after each of a chain of updates, a further update
// applied to either stores the same document. Answers handed out before stay as they were.
func TestStoredSlotIsReadClient(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := New(WithSeed(9))
	respond := e.Responder()
	call := func(op, body string) []byte {
		r, _ := http.NewRequest(http.MethodPost, "https://cognito-idp.us-east-1.amazonaws.com/", strings.NewReader(body))
		r.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService."+op)
		r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260501/us-east-1/cognito-idp/aws4_request")
		resp, err := respond(r)
		g.Expect(err).NotTo(HaveOccurred())
		b := resp.Body.(*answerBody).HeldBytes()
		g.Expect(resp.StatusCode).To(Equal(http.StatusOK), "%s: %s", op, b)
		return b
	}
	var created struct{ UserPool struct{ Id string } }
	g.Expect(json.Unmarshal(call("CreateUserPool", `{"PoolName":"p"}`), &created)).To(Succeed())
	pool := created.UserPool.Id
	var client struct{ UserPoolClient struct{ ClientId string } }
	g.Expect(json.Unmarshal(call("CreateUserPoolClient", `{"UserPoolId":"`+pool+`","ClientName":"app","GenerateSecret":true}`), &client)).To(Succeed())
	id := client.UserPoolClient.ClientId
	ids := `"UserPoolId":"` + pool + `","ClientId":"` + id + `"`
	next := e.contract.Parse([]byte(`{` + ids + `,"ClientName":"next","RefreshTokenValidity":0}`))
	var held [][]byte // the answers as handed out
	var kept []string // and copies of them
	for i, body := range []string{`{` + ids + `}`, `{` + ids + `,"ClientName":"a","AuthSessionValidity":10}`,
		`{` + ids + `,"ClientName":"a\u0020b","AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/x"}}`,
		`{` + ids + `}`} {
		out := call("UpdateUserPoolClient", body)
		held, kept = append(held, out), append(kept, string(out))
		e.mu.Lock()
		c := e.pools[pool].clients[id]
		g.Expect(sameBytes(c.stored.Doc, c.doc)).To(BeTrue(), "update %d", i)
		fresh, err := e.contract.ReadClient(c.doc)
		g.Expect(err).NotTo(HaveOccurred())
		now := time.Unix(1e9, 0)
		want, _, werr := e.contract.ApplyStoredOutput(fresh, next, now)
		got, _, err := e.contract.ApplyStoredOutput(c.stored, next, now)
		e.mu.Unlock()
		g.Expect(werr).NotTo(HaveOccurred())
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(string(got.Doc)).To(Equal(string(want.Doc)), "update %d", i)
	}
	for i := range held {
		g.Expect(string(held[i])).To(Equal(kept[i]), "answer %d after the updates", i)
	}
}
