package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	. "github.com/onsi/gomega"
)

// TestDescribeRecordsIntoItsRecorder: describe sends the ids it is given (its input, made in
// the recorder, names them) and the recorder holds the answer in its own memory (resp is
// &held); a recorder zeroed and used again for other ids sends and records those.
func TestDescribeRecordsIntoItsRecorder(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	hc := &bodyCatcher{}
	client := newDirectSDKClient("us-east-1", hc, benchEndpoint)
	var rctx recordCtx
	var rec recorder
	for _, ids := range [][2]string{{"us-east-1_abc", "client1"}, {"eu-west-1_xyz", "другой"}} {
		rec = recorder{}
		got, err := describe(rctx.reset(context.Background(), &rec), client, ids[0], ids[1])
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(got).To(BeIdenticalTo(&rec))
		var sent map[string]string
		g.Expect(json.Unmarshal(rec.body, &sent)).To(Succeed())
		g.Expect(sent).To(Equal(map[string]string{"UserPoolId": ids[0], "ClientId": ids[1]}))
		g.Expect(hc.req.Header.Get("X-Amz-Target")).To(HaveSuffix(".DescribeUserPoolClient"))
		g.Expect(rec.resp).To(BeIdenticalTo(&rec.held))
		g.Expect(rec.resp.Status).To(Equal(http.StatusOK))
		g.Expect(string(rec.resp.Body)).To(Equal(`{}`))
	}
}

// TestRecordedRequestsAreNeverWritten: the request bodies a harness records and hands on as
// Result.Exchange.Request (sent immutable to the in-process emulator, which parses them through
// a view: recordingDoer) are never written afterwards, by the harness, the SDK or the emulator:
// after a run of drawn cases of every mode, each is still the text it was when its execution
// returned. Most SDK requests are recorded as their case's own body (recorder.expect), the
// others as copies.
func TestRecordedRequestsAreNeverWritten(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, h, _ := benchHarness(t)
	src := NewSource(11)
	type sent struct{ mem, text []byte }
	var all []sent
	sdk, own := 0, 0
	for range 80 {
		c := gen.DrawMode(src, 0)
		res, err := h.Execute(context.Background(), c)
		g.Expect(err).NotTo(HaveOccurred())
		if res.ViaSDK {
			sdk++
			if req := res.Exchange.Request; len(req) > 0 && &req[0] == &c.Body[0] {
				own++
			}
		}
		all = append(all, sent{res.Exchange.Request, bytes.Clone(res.Exchange.Request)})
	}
	g.Expect(sdk).To(BeNumerically(">", 20), "SDK cases drawn")
	g.Expect(own).To(BeNumerically(">", sdk/2), "SDK requests recorded as their case's body")
	for i, s := range all {
		g.Expect(string(s.mem)).To(Equal(string(s.text)), "request %d written after its execution", i)
	}
}
