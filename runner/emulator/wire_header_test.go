package emulator

import (
	"net/http"
	"net/textproto"
	"reflect"
	"strconv"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// TestWriteHeaderValues: the headers written from one string are the values written one by
// one (the id, strconv.Itoa of the length, the code and a colon), whatever the sizes, and an
// append to one value reaches no other.
func TestWriteHeaderValues(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ids := newSeededIDs(1)
	for _, code := range []string{"", "InvalidParameterException", strings.Repeat("LongCode", 20)} {
		for _, n := range []int{0, 9, 99, 100, 12345, 1 << 20} {
			a := answer{status: http.StatusOK, errCode: code, body: make([]byte, n)}
			ids.requestIDInto(&a.reqID)
			h := http.Header{}
			var vals [4]string
			a.writeHeader(h, &vals)
			want := http.Header{"Content-Type": {contentType}, "X-Amzn-Requestid": {string(a.reqID[:])},
				"Content-Length": {strconv.Itoa(n)}}
			if code != "" {
				want["X-Amzn-Errortype"] = []string{code + ":"}
			}
			g.Expect(h).To(Equal(want), "code %q length %d", code, n)
			h["Content-Type"] = append(h["Content-Type"], "x")
			h["X-Amzn-Requestid"][0] = "changed"
			g.Expect(h["Content-Length"]).To(Equal([]string{strconv.Itoa(n)}))
		}
	}
}

// TestResponderHeadersStay: the header values of an answer handed out are unchanged by every
// later answer, of other lengths, codes and ids.
func TestResponderHeadersStay(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	respond := New(WithSeed(2)).Responder()
	var kept []http.Header
	var want []http.Header
	for i := range 20 {
		body := `{}`
		if i%2 == 1 {
			body = `{"UserPoolId":"us-east-1_AbCdEfGhI","ClientId":"` + strings.Repeat("a", i) + `"}`
		}
		r, err := http.NewRequest(http.MethodPost, "https://cognito-idp.us-east-1.amazonaws.com/", strings.NewReader(body))
		g.Expect(err).NotTo(HaveOccurred())
		r.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.DescribeUserPoolClient")
		r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cognito-idp/aws4_request")
		resp, err := respond(r)
		g.Expect(err).NotTo(HaveOccurred())
		kept, want = append(kept, resp.Header), append(want, resp.Header.Clone())
		for k := range kept {
			g.Expect(kept[k]).To(Equal(want[k]), "answer %d after answer %d", k, i)
		}
	}
	g.Expect(want[0]["X-Amzn-Requestid"]).NotTo(Equal(want[1]["X-Amzn-Requestid"]))
	g.Expect(want[0]["X-Amzn-Errortype"]).NotTo(Equal(want[1]["X-Amzn-Errortype"]))
}

// TestHeaderValueIsGet: the keys process reads are canonical, and headerValue reads what
// http.Header.Get reads for headers set in any spelling, with several values, empty or none.
func TestHeaderValueIsGet(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	keys := []string{"Content-Length", "X-Amz-Target", "Authorization"}
	for _, k := range keys {
		g.Expect(textproto.CanonicalMIMEHeaderKey(k)).To(Equal(k))
	}
	headers := map[string]http.Header{"none": {}, "nil": nil}
	for _, k := range keys {
		set := http.Header{}
		set.Set(strings.ToLower(k), "set")
		added := http.Header{}
		added.Add(k, "first")
		added.Add(strings.ToUpper(k), "second")
		headers[k+"/set"], headers[k+"/added"] = set, added
		headers[k+"/lower only"] = http.Header{strings.ToLower(k): {"lower"}}
		headers[k+"/upper only"] = http.Header{strings.ToUpper(k): {"upper"}}
		headers[k+"/empty list"] = http.Header{k: {}}
		headers[k+"/empty value"] = http.Header{k: {""}}
		headers[k+"/two spellings"] = http.Header{k: {"canonical"}, strings.ToLower(k): {"lower"}}
	}
	for name, h := range headers {
		for _, k := range keys {
			g.Expect(headerValue(h, k)).To(Equal(h.Get(k)), "%s: %s", name, k)
		}
	}
}

// TestOperationIsTheParts: operation resolves every X-Amz-Target as the service and
// operation parts do (strings.Cut, the service's name, the handlers), the hot operations
// included, and near misses of them.
func TestOperationIsTheParts(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := New(WithSeed(1))
	svc := e.contract.Model.Service
	targets := []string{"", ".", svc, svc + ".", "." + opUpdate, opUpdate, svc + "." + opUpdate + ".",
		svc + "." + opUpdate + " ", " " + svc + "." + opUpdate, strings.ToLower(svc + "." + opUpdate),
		svc + "." + opUpdate[:len(opUpdate)-1], svc + "x." + opDescribe, svc + ".." + opDescribe,
		"Other." + opUpdate, svc + ".Unknown"}
	for op := range e.handlers {
		targets = append(targets, svc+"."+op)
	}
	for _, target := range targets {
		want, wantOK := boundOp{}, false
		if s, name, ok := strings.Cut(target, "."); ok && s == svc {
			fn, found := e.handlers[name]
			want, wantOK = boundOp{name: name, fn: fn}, found
		}
		got, ok := e.operation(target)
		g.Expect(ok).To(Equal(wantOK), "%q", target)
		g.Expect(got.name).To(Equal(want.name), "%q", target)
		g.Expect(got.fn == nil).To(Equal(want.fn == nil), "%q", target)
	}
	for _, name := range hotTargets {
		got, ok := e.operation(svc + "." + name)
		g.Expect(ok).To(BeTrue())
		g.Expect(reflect.ValueOf(got.fn).Pointer()).To(Equal(reflect.ValueOf(e.handlers[name]).Pointer()), name)
	}
}
