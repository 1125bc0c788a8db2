package fuzz

import (
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
