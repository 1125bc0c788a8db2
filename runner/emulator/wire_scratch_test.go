package emulator

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	. "github.com/onsi/gomega"
)

// scratchRequest is one request of the scratch tests: an operation and its body, in which
// {pool} and {client} stand for the identifiers of the pool and client the sequence created.
type scratchRequest struct{ op, body string }

// scratchSequence creates a pool and a client, then updates and describes it with bodies that
// reach every answer of an update (success, constraint and rule errors quoting values, a
// SerializationException, an unknown client) and of a describe.
var scratchSequence = []scratchRequest{
	{"UpdateUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}","ClientName":"renamed","CallbackURLs":["https://a.example.com/cb","myapp://cb/\u00e9\u4e16"],"AllowedOAuthFlows":["code"],"AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthScopes":["openid"],"SupportedIdentityProviders":["COGNITO"]}`},
	{"DescribeUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}"}`},
	{"UpdateUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}","ClientName":"` + strings.Repeat("\u00e9<\u2028\u4e16", 100) + `"}`},
	{"UpdateUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}","ClientName":"a\ud800b","AnalyticsConfiguration":{"ExternalId":"` + strings.Repeat("\u3000x", 2000) + `"}}`},
	{"UpdateUserPoolClient", "{\"UserPoolId\":\"{pool}\",\"ClientId\":\"{client}\",\"ClientName\":\"\xff\"}"},
	{"UpdateUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}","ClientName":1}`},
	{"UpdateUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"nosuchclient0000000000000a","ClientName":"x"}`},
	{"UpdateUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}","ClientName":"again","RefreshTokenValidity":30,"TokenValidityUnits":{"RefreshToken":"days"}}`},
	{"DescribeUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}"}`},
	{"DescribeUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"nosuchclient0000000000000a"}`},
	{"DescribeUserPoolClient", `{ "ClientId" : "{client}", "UserPoolId" : "{pool}" }`},
	{"UpdateUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}","AnalyticsConfiguration":{"ExternalId":"` + strings.Repeat("\u00e9世", 60000) + `"}}`},
	{"UpdateUserPoolClient", ``},
	{"UpdateUserPoolClient", `["x"]`},
}

// runScratchSequence runs scratchSequence on a new emulator of a fixed seed and clock and
// returns every answer, the last describe's again at the end (read after every buffer was
// released). Each body is read one byte per Read, as the hardest reader for a sized buffer.
func runScratchSequence(t *testing.T) []answer {
	t.Helper()
	g := NewWithT(t)
	now := func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }
	e := New(WithSeed(4), WithClock(now))
	ctx := context.Background()
	send := func(op, body string) answer {
		h := http.Header{"X-Amz-Target": {"AWSCognitoIdentityProviderService." + op},
			"Authorization": {"AWS4-HMAC-SHA256 Credential=AKID/20260501/us-east-1/cognito-idp/aws4_request"}}
		return e.exchange(ctx, http.MethodPost, "/", h, iotest.OneByteReader(strings.NewReader(body)), int64(len(body)))
	}
	var created struct {
		UserPool       struct{ Id string }
		UserPoolClient struct{ ClientId string }
	}
	g.Expect(json.Unmarshal(send("CreateUserPool", `{"PoolName":"p"}`).body, &created)).To(Succeed())
	pool := created.UserPool.Id
	g.Expect(json.Unmarshal(send("CreateUserPoolClient", `{"UserPoolId":"`+pool+`","ClientName":"app"}`).body, &created)).To(Succeed())
	ids := strings.NewReplacer("{pool}", pool, "{client}", created.UserPoolClient.ClientId)
	var out []answer
	for _, r := range scratchSequence {
		a := send(r.op, ids.Replace(r.body))
		a.reqID = [uuidLen]byte{} // drawn: compared apart
		out = append(out, a)
	}
	last := send("DescribeUserPoolClient", ids.Replace(scratchSequence[1].body))
	last.reqID = [uuidLen]byte{}
	return append(out, last)
}

// TestScratchBodiesAreNotKept: the answers and the stored client of an emulator whose reused
// body buffers are overwritten as soon as they are released are those of one whose buffers
// are left alone: no answer, message or stored value reads a body's buffer after its request.
// Not parallel: it swaps releaseScratch while no other test of the package runs.
func TestScratchBodiesAreNotKept(t *testing.T) {
	g := NewWithT(t)
	want := runScratchSequence(t)
	g.Expect(want[0].status).To(Equal(http.StatusOK), "%s", want[0].body)
	g.Expect(want[len(want)-1].status).To(Equal(http.StatusOK))
	release := releaseScratch
	defer func() { releaseScratch = release }()
	releaseScratch = func(b *[]byte) {
		full := (*b)[:cap(*b)]
		for i := range full {
			full[i] = 0xff
		}
		release(b)
	}
	got := runScratchSequence(t)
	g.Expect(got).To(HaveLen(len(want)))
	for i := range want {
		g.Expect(got[i].status).To(Equal(want[i].status), "answer %d", i)
		g.Expect(got[i].errCode).To(Equal(want[i].errCode), "answer %d", i)
		g.Expect(string(got[i].body)).To(Equal(string(want[i].body)), "answer %d", i)
	}
}

// TestReadBodyIntoScratch: read into a reused buffer, whatever its room and its old content,
// the body is what a read into memory of its own gives, and a buffer too small is replaced by
// one that fits for the next request.
func TestReadBodyIntoScratch(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := New(WithMaxBodyBytes(64))
	for _, body := range []string{"", "x", strings.Repeat("y", 40), strings.Repeat("z", 64), strings.Repeat("w", 100)} {
		for _, declared := range []int64{-1, 0, 10, int64(len(body)), 50, 100} {
			want, err := e.readBody(declared, strings.NewReader(body), nil)
			g.Expect(err).NotTo(HaveOccurred())
			for _, old := range []int{0, 5, 41, 200} {
				scratch := []byte(strings.Repeat("\xff", old))
				got, err := e.readBody(declared, iotest.OneByteReader(strings.NewReader(body)), &scratch)
				g.Expect(err).NotTo(HaveOccurred())
				g.Expect(string(got)).To(Equal(string(want)), "body %d declared %d room %d", len(body), declared, old)
				if declared >= 0 && declared <= 64 {
					g.Expect(int64(cap(scratch))).To(BeNumerically(">", declared))
				}
			}
		}
	}
}
