package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

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

// formerInvalidMessage is the message answerPrediction wrote before invalidMessage, the
// reference it is held to.
func formerInvalidMessage(p contracts.Prediction) string {
	var parts []string
	for _, v := range p.Violations {
		if v.Code == p.Code {
			parts = append(parts, strings.TrimSpace(v.Rule+" "+v.Member))
		}
	}
	msg := "Invalid request"
	if len(parts) > 0 {
		msg += " (" + strings.Join(parts, ", ") + ")"
	}
	return msg + "."
}

// invalidMessageCases are predictions without a message: no violation, violations of another
// code, empty rules and members, spaces (ASCII, U+00A0, U+2028, tabs, all spaces), multibyte,
// invalid UTF-8, control characters, a \u escape as written, and a member longer than the stack
// buffer.
var invalidMessageCases = map[string]contracts.Prediction{
	"none":         {Code: "InvalidParameterException"},
	"other code":   {Code: "InvalidParameterException", Violations: []contracts.Violation{{Rule: "R5", Member: "CallbackURLs", Code: "ScopeDoesNotExistException"}}},
	"one":          {Code: "InvalidParameterException", Violations: []contracts.Violation{{Rule: "R5", Member: "CallbackURLs", Code: "InvalidParameterException"}}},
	"mixed":        {Code: "X", Violations: []contracts.Violation{{Rule: "R1", Member: "A", Code: "X"}, {Rule: "R2", Member: "B", Code: "Y"}, {Rule: "R3", Member: "C", Code: "X"}}},
	"empty rule":   {Code: "X", Violations: []contracts.Violation{{Member: "ClientName", Code: "X"}, {Rule: "", Member: "", Code: "X"}}},
	"empty member": {Code: "X", Violations: []contracts.Violation{{Rule: "R8", Code: "X"}}},
	"spaces":       {Code: "X", Violations: []contracts.Violation{{Rule: " \t", Member: "  ", Code: "X"}, {Rule: "\u00a0R1", Member: "M\u2028", Code: "X"}, {Rule: "R 2 ", Member: " N ", Code: "X"}}},
	"multibyte":    {Code: "X", Violations: []contracts.Violation{{Rule: "R中", Member: "é\xff\x01", Code: "X"}, {Rule: `\u0041`, Member: "\xed\xa0\x80", Code: "X"}}},
	"huge":         {Code: "X", Violations: []contracts.Violation{{Rule: "R5", Member: strings.Repeat("é", 300) + " ", Code: "X"}, {Rule: "R6", Member: "x", Code: "X"}}},
	"empty code":   {Violations: []contracts.Violation{{Rule: "R1", Member: "A"}}},
}

// TestInvalidMessageIsFormer holds invalidMessage to the message answerPrediction wrote before.
func TestInvalidMessageIsFormer(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for name, p := range invalidMessageCases {
		g.Expect(invalidMessage(p)).To(Equal(formerInvalidMessage(p)), name)
	}
}

// FuzzInvalidMessage: go test -run '^$' -fuzz FuzzInvalidMessage ./runner/emulator
func FuzzInvalidMessage(f *testing.F) {
	f.Add("R5", "CallbackURLs", "R8", " é\u2028", true)
	f.Add("", "", " ", "\xff", false)
	f.Fuzz(func(t *testing.T, r1, m1, r2, m2 string, same bool) {
		code2 := "X"
		if !same {
			code2 = "Y"
		}
		p := contracts.Prediction{Code: "X", Violations: []contracts.Violation{{Rule: r1, Member: m1, Code: "X"}, {Rule: r2, Member: m2, Code: code2}}}
		if got, want := invalidMessage(p), formerInvalidMessage(p); got != want {
			t.Fatalf("invalidMessage %q, former %q", got, want)
		}
	})
}

// BenchmarkInvalidMessage times invalidMessage next to the former message (formerInvalidMessage),
// alternating in one loop, on a prediction with one violation of its code and one with three,
// and reports both and their ratio: go test ./runner/emulator -run '^$' -bench InvalidMessage -benchmem
func BenchmarkInvalidMessage(b *testing.B) {
	for _, name := range []string{"one", "mixed"} {
		p := invalidMessageCases[name]
		b.Run(name, func(b *testing.B) {
			const reps = 16 // rounds between two clock readings
			var fast, ref time.Duration
			b.ReportAllocs()
			for b.Loop() {
				t0 := time.Now()
				for range reps {
					_ = invalidMessage(p)
				}
				t1 := time.Now()
				for range reps {
					_ = formerInvalidMessage(p)
				}
				ref += time.Since(t1)
				fast += t1.Sub(t0)
			}
			b.ReportMetric(float64(fast.Nanoseconds())/float64(b.N*reps), "new-ns/op")
			b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N*reps), "former-ns/op")
			b.ReportMetric(float64(fast)/float64(ref), "new/former")
		})
	}
}
