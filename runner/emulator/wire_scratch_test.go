package emulator

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/membody"
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
	// ClientName omitted: kept from the stored client, as the update before read it back from its body.
	{"UpdateUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}","IdTokenValidity":2,"TokenValidityUnits":{"IdToken":"hours"}}`},
	{"DescribeUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}"}`},
	{"DescribeUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"nosuchclient0000000000000a"}`},
	{"DescribeUserPoolClient", `{ "ClientId" : "{client}", "UserPoolId" : "{pool}" }`},
	{"UpdateUserPoolClient", `{"UserPoolId":"{pool}","ClientId":"{client}","AnalyticsConfiguration":{"ExternalId":"` + strings.Repeat("\u00e9世", 60000) + `"}}`},
	{"UpdateUserPoolClient", ``},
	{"UpdateUserPoolClient", `["x"]`},
}

// How runScratchSequence hands the emulator its bodies.
const (
	readerBodies    = iota // a reader over the body, one byte per Read
	heldBodies             // membody.New, overwritten once answered
	immutableBodies        // membody.NewImmutable, never written
)

// runScratchSequence runs scratchSequence on a new emulator of a fixed seed and clock and
// returns every answer, the last describe's again at the end (read after every buffer was
// released). With readerBodies each body is read one byte per Read, as the hardest reader for
// a sized buffer; with heldBodies, each body is a membody.Body (read in place), whose memory is
// overwritten as soon as its answer is written, and which must then be read to its end; with
// immutableBodies, a membody.NewImmutable body, read in place and left as it is.
func runScratchSequence(t *testing.T, bodies int) []answer {
	t.Helper()
	g := NewWithT(t)
	now := func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }
	e := New(WithSeed(4), WithClock(now))
	ctx := context.Background()
	send := func(op, body string) answer {
		h := http.Header{"X-Amz-Target": {"AWSCognitoIdentityProviderService." + op},
			"Authorization": {"AWS4-HMAC-SHA256 Credential=AKID/20260501/us-east-1/cognito-idp/aws4_request"}}
		switch bodies {
		case readerBodies:
			return e.exchange(ctx, http.MethodPost, "/", h, iotest.OneByteReader(strings.NewReader(body)), int64(len(body)))
		case immutableBodies:
			r := membody.NewImmutable([]byte(body))
			a := e.exchange(ctx, http.MethodPost, "/", h, r, int64(len(body)))
			g.Expect(r.Len()).To(BeZero(), "the body is read to its end")
			return a
		}
		mem := []byte(body)
		r := membody.New(mem)
		a := e.exchange(ctx, http.MethodPost, "/", h, r, int64(len(body)))
		g.Expect(r.Len()).To(BeZero(), "the body is read to its end")
		for i := range mem {
			mem[i] = 0xff
		}
		return a
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
	want := runScratchSequence(t, readerBodies)
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
	got := runScratchSequence(t, readerBodies)
	expectSameAnswers(g, got, want)
}

// TestHeldBodiesAreNotKept: the answers and the stored client of an emulator that reads its
// requests' bodies in place (membody.Body, the fuzz harness's requests), each overwritten as
// soon as its answer is written, are those of one that reads them through a reader: no
// answer, message or stored value reads a body's memory after its request, unless the body
// said it is immutable (a body parsed through a view, contracts.ParseImmutable, fails this:
// the update that omits ClientName stores the overwritten bytes the one before read back).
// Immutable bodies, read in place and kept, are answered alike too.
func TestHeldBodiesAreNotKept(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	want := runScratchSequence(t, readerBodies)
	g.Expect(want[0].status).To(Equal(http.StatusOK), "%s", want[0].body)
	expectSameAnswers(g, runScratchSequence(t, heldBodies), want)
	expectSameAnswers(g, runScratchSequence(t, immutableBodies), want)
}

// expectSameAnswers expects got to be want, answer by answer: status, error code, body.
func expectSameAnswers(g *WithT, got, want []answer) {
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

// TestHeldBodyAsRead: a body read in place (membody.Body) gets the answer the same body read
// through a reader gets, whatever its size against the limit and its declared size, and is
// left where the reader is left (at most the limit and one byte read).
func TestHeldBodyAsRead(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	const limit = 64
	h := http.Header{"X-Amz-Target": {"AWSCognitoIdentityProviderService." + opUpdate},
		"Authorization": {"AWS4-HMAC-SHA256 Credential=AKID/20260501/us-east-1/cognito-idp/aws4_request"}}
	for _, body := range []string{"", "{}", `{"ClientName":"x"}`, "{" + strings.Repeat(" ", limit-2) + "}",
		"{" + strings.Repeat(" ", limit-1) + "}", strings.Repeat("z", 200)} {
		for _, declared := range []int64{-1, 0, 10, int64(len(body)), limit, limit + 1, 500} {
			answers := [2]answer{}
			left := [2]int{}
			for i, held := range []bool{false, true} {
				e := New(WithSeed(5), WithMaxBodyBytes(limit))
				r := membody.New([]byte(body))
				var in io.Reader = r
				if !held {
					in = struct{ io.Reader }{r} // the same memory, read through Read alone
				}
				answers[i] = e.exchange(context.Background(), http.MethodPost, "/", h, in, declared)
				left[i] = r.Len()
			}
			g.Expect(answers[1]).To(Equal(answers[0]), "body %d bytes, declared %d", len(body), declared)
			g.Expect(left[1]).To(Equal(left[0]), "body %d bytes, declared %d: left unread", len(body), declared)
		}
	}
}

// BenchmarkHeldBody is the exchanges of scratchSequence with each body read in place
// (membody.Body: held) and read through Read alone (read, into the scratch buffers), the two
// alternating in one loop on emulators in the same state: go test ./runner/emulator -run '^$'
// -bench HeldBody
func BenchmarkHeldBody(b *testing.B) {
	now := func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }
	h := http.Header{"Authorization": {"AWS4-HMAC-SHA256 Credential=AKID/20260501/us-east-1/cognito-idp/aws4_request"}}
	type request struct {
		h    http.Header
		body []byte
	}
	setup := func() (*Emulator, []request) {
		e := New(WithSeed(4), WithClock(now))
		send := func(op, body string) answer {
			hh := http.Header{"X-Amz-Target": {"AWSCognitoIdentityProviderService." + op}, "Authorization": h["Authorization"]}
			return e.exchange(context.Background(), http.MethodPost, "/", hh, strings.NewReader(body), int64(len(body)))
		}
		var created struct {
			UserPool       struct{ Id string }
			UserPoolClient struct{ ClientId string }
		}
		_ = json.Unmarshal(send("CreateUserPool", `{"PoolName":"p"}`).body, &created)
		pool := created.UserPool.Id
		_ = json.Unmarshal(send("CreateUserPoolClient", `{"UserPoolId":"`+pool+`","ClientName":"app"}`).body, &created)
		ids := strings.NewReplacer("{pool}", pool, "{client}", created.UserPoolClient.ClientId)
		var reqs []request
		for _, r := range scratchSequence {
			reqs = append(reqs, request{http.Header{"X-Amz-Target": {"AWSCognitoIdentityProviderService." + r.op},
				"Authorization": h["Authorization"]}, []byte(ids.Replace(r.body))})
		}
		return e, reqs
	}
	heldE, reqs := setup()
	readE, _ := setup()
	run := func(e *Emulator, held bool) time.Duration {
		start := time.Now()
		for _, r := range reqs {
			m := membody.New(r.body)
			var in io.Reader = m
			if !held {
				in = struct{ io.Reader }{m}
			}
			e.exchange(context.Background(), http.MethodPost, "/", r.h, in, int64(len(r.body)))
		}
		return time.Since(start)
	}
	var tHeld, tRead time.Duration
	first := true
	for b.Loop() {
		if first {
			tHeld += run(heldE, true)
			tRead += run(readE, false)
		} else {
			tRead += run(readE, false)
			tHeld += run(heldE, true)
		}
		first = !first
	}
	n := float64(b.N * len(reqs))
	b.ReportMetric(float64(tHeld.Nanoseconds())/n, "held-ns/req")
	b.ReportMetric(float64(tRead.Nanoseconds())/n, "read-ns/req")
	b.ReportMetric(float64(tHeld)/float64(tRead), "held/read")
}
