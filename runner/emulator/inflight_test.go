package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// TestInjectedFollowsTheFaults: injected is set by every kind of fault and by a denied key, and
// cleared by ResetFaults; updateWaits is true exactly while an update would wait (a Latency of
// UpdateUserPoolClient or of AllOperations, a HoldUpdates), whatever else is injected.
func TestInjectedFollowsTheFaults(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := New()
	state := func() (injected, waits bool) {
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.injected.Load(), e.updateWaits()
	}
	type want struct{ injected, waits bool }
	steps := []struct {
		name   string
		inject func()
		want   want
	}{
		{"none", func() {}, want{false, false}},
		{"FailNext", func() { g.Expect(e.FailNext(opUpdate, 1, "InternalErrorException")).To(Succeed()) }, want{true, false}},
		{"Throttle", func() { g.Expect(e.Throttle(opDescribe, 5)).To(Succeed()) }, want{true, false}},
		{"Throttle off", func() { g.Expect(e.Throttle(opDescribe, 0)).To(Succeed()) }, want{true, false}},
		{"DenyAccessKey", func() { g.Expect(e.DenyAccessKey("AKIDDENIED")).To(Succeed()) }, want{true, false}},
		{"Latency of another operation", func() { g.Expect(e.Latency(opDescribe, time.Second)).To(Succeed()) }, want{true, false}},
		{"Latency of the update", func() { g.Expect(e.Latency(opUpdate, time.Second)).To(Succeed()) }, want{true, true}},
		{"Latency of every operation", func() { g.Expect(e.Latency(AllOperations, time.Second)).To(Succeed()) }, want{true, true}},
		{"Latency of every operation 0", func() { g.Expect(e.Latency(AllOperations, 0)).To(Succeed()) }, want{true, true}},
		{"all latencies 0", func() { g.Expect(e.Latency(opUpdate, 0)).To(Succeed()) }, want{true, false}},
	}
	for _, s := range steps {
		s.inject()
		injected, waits := state()
		g.Expect(want{injected, waits}).To(Equal(s.want), s.name)
	}
	e.ResetFaults()
	injected, waits := state()
	g.Expect(want{injected, waits}).To(Equal(want{false, false}), "after ResetFaults")
	_, release := e.HoldUpdates()
	injected, waits = state()
	g.Expect(want{injected, waits}).To(Equal(want{false, true}), "HoldUpdates")
	release()
	_, waits = state()
	g.Expect(waits).To(BeFalse(), "released")

	e.ResetFaults()
	g.Expect(e.DenyAccessKey("AKIDDENIED")).To(Succeed())
	g.Expect(e.frontDoorFaults(opUpdate, "AKIDDENIED")).NotTo(BeNil(), "a denied key is refused once injected")
	e.ResetFaults()
	g.Expect(e.frontDoorFaults(opUpdate, "AKIDDENIED")).To(BeNil(), "and answered again after ResetFaults")
}

// TestLatencyHoldsTheClient: an update delayed by a Latency of UpdateUserPoolClient holds its
// client (the in-flight mark) for the whole delay, so a second update of the client meanwhile
// is refused with ConcurrentModificationException (R29, OB-20); once it is applied the mark is
// gone. An update that does not wait leaves no mark behind either.
func TestLatencyHoldsTheClient(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := New(WithSeed(5))
	respond := e.Responder()
	call := func(op, body string) (int, map[string]any) {
		r, _ := http.NewRequest(http.MethodPost, "https://cognito-idp.us-east-1.amazonaws.com/", strings.NewReader(body))
		r.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService."+op)
		r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260501/us-east-1/cognito-idp/aws4_request")
		resp, err := respond(r)
		g.Expect(err).NotTo(HaveOccurred())
		b, err := io.ReadAll(resp.Body)
		g.Expect(err).NotTo(HaveOccurred())
		var out map[string]any
		g.Expect(json.Unmarshal(b, &out)).To(Succeed())
		return resp.StatusCode, out
	}
	_, created := call("CreateUserPool", `{"PoolName":"p"}`)
	pool := created["UserPool"].(map[string]any)["Id"].(string)
	_, created = call("CreateUserPoolClient", `{"UserPoolId":"`+pool+`","ClientName":"app"}`)
	id := created["UserPoolClient"].(map[string]any)["ClientId"].(string)
	update := `{"UserPoolId":"` + pool + `","ClientId":"` + id + `","ClientName":"renamed"}`
	marks := func() int {
		e.mu.Lock()
		defer e.mu.Unlock()
		return len(e.inflight)
	}

	status, _ := call(opUpdate, update)
	g.Expect(status).To(Equal(http.StatusOK))
	g.Expect(marks()).To(BeZero(), "an update that does not wait leaves no mark")

	g.Expect(e.Latency(opUpdate, 500*time.Millisecond)).To(Succeed())
	done := make(chan int, 1)
	go func() { s, _ := call(opUpdate, update); done <- s }()
	g.Eventually(marks, 5*time.Second, time.Millisecond).Should(Equal(1), "the delayed update holds its client")
	status, out := call(opUpdate, update)
	g.Expect(status).To(Equal(http.StatusBadRequest))
	g.Expect(out["__type"]).To(Equal("ConcurrentModificationException"))
	g.Expect(<-done).To(Equal(http.StatusOK))
	g.Expect(marks()).To(BeZero(), "the mark goes once the delayed update is answered")
}
