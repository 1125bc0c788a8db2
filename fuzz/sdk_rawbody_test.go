package fuzz

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/membody"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// rawBodyCases are raw request bodies of every kind a raw sender posts: empty, plain, invalid
// UTF-8, a lone surrogate escape, control characters, multibyte text and a body over the
// emulator's limit.
var rawBodyCases = map[string]string{
	"empty":      ``,
	"object":     `{"UserPoolId":"us-east-1_x","ClientId":"c"}`,
	"invalid":    "{\"ClientName\":\"bad\xff\xfe\"}",
	"surrogate":  `{"ClientName":"\ud800 \u2028"}`,
	"control":    "{\"ClientName\":\"a\x01\x1f\"}",
	"multibyte":  `{"ClientName":"` + strings.Repeat("é中\u2028", 50) + `"}`,
	"not-json":   `{"ClientName":`,
	"over-limit": `{"ClientName":"` + strings.Repeat("a", emulator.DefaultMaxBodyBytes) + `"}`,
}

// TestRawRequestBodyAsNewRequest: rawRequestBody makes the request http.NewRequest makes of a
// bytes.Reader (Content-Length, NoBody when empty, a GetBody reading the same bytes), read by
// a membody.Body that reads the caller's bytes in place, immutable only when told so.
func TestRawRequestBodyAsNewRequest(t *testing.T) {
	t.Parallel()
	for name, body := range rawBodyCases {
		for _, immutable := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/immutable=%v", name, immutable), func(t *testing.T) {
				testRawRequestBody(t, body, immutable)
			})
		}
	}
}

func testRawRequestBody(t *testing.T, body string, immutable bool) {
	g := NewWithT(t)
	want, err := http.NewRequest(http.MethodPost, benchEndpoint, bytes.NewReader([]byte(body)))
	g.Expect(err).NotTo(HaveOccurred())
	b := []byte(body)
	got, err := http.NewRequest(http.MethodPost, benchEndpoint, nil)
	g.Expect(err).NotTo(HaveOccurred())
	rawRequestBody(got, b, immutable)
	g.Expect(got.ContentLength).To(Equal(want.ContentLength))
	g.Expect(got.Body == http.NoBody).To(Equal(want.Body == http.NoBody))
	if len(b) > 0 {
		mb, ok := got.Body.(*membody.Body)
		g.Expect(ok).To(BeTrue())
		g.Expect(&mb.Unread()[0] == &b[0]).To(BeTrue(), "read in place")
		g.Expect(mb.Immutable()).To(Equal(immutable), "the caller's bytes are immutable only when it says so")
	}
	for range 2 { // the body, then GetBody's fresh reader, each read whole
		gb, err := io.ReadAll(got.Body)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(string(gb)).To(Equal(body))
		got.Body, err = got.GetBody()
		g.Expect(err).NotTo(HaveOccurred())
	}
}

// inPlaceHidden hands the emulator a copy of each request body behind an io.Reader that is not
// a membody.Body, so that it reads the body into memory of its own (readBody) as it did before
// raw bodies were read in place.
type inPlaceHidden struct{ rt http.RoundTripper }

func (t inPlaceHidden) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil && r.Body != http.NoBody {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
	}
	return t.rt.RoundTrip(r)
}

// TestDirectRawReadInPlace: raw bodies the in-process emulator reads in place are answered as
// the same bodies read into a copy (status, error type, body), and the emulator keeps nothing
// of them: overwriting a body after its answer changes neither that answer nor the client a
// describe then reads.
func TestDirectRawReadInPlace(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ctx := context.Background()
	mt := fixedClockEmulator()
	other := fixedClockEmulator() // the same seed and clock: the same ids and answers
	hc := &http.Client{Transport: mt}
	sdk := newDirectSDKClient("us-east-1", hc, benchEndpoint)
	sdkOther := newDirectSDKClient("us-east-1", &http.Client{Transport: other}, benchEndpoint)
	var ids string
	for _, c := range []*cip.Client{sdk, sdkOther} {
		p, err := c.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("p")})
		g.Expect(err).NotTo(HaveOccurred())
		cl, err := c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: p.UserPool.Id, ClientName: aws.String("app")})
		g.Expect(err).NotTo(HaveOccurred())
		ids = `"UserPoolId":"` + *p.UserPool.Id + `","ClientId":"` + *cl.UserPoolClient.ClientId + `"`
	}
	inPlace := newDirectRaw("us-east-1", hc, benchEndpoint)
	copied := newDirectRaw("us-east-1", &http.Client{Transport: inPlaceHidden{other}}, benchEndpoint)
	bodies := []string{
		`{` + ids + `,"ClientName":"renamed","CallbackURLs":["https://a.example.com/cb"]}`, // 200
		`{` + ids + `,"ClientName":"` + strings.Repeat("é<\u2028", 100) + `"}`,             // 400, echoed
		`{` + ids + `,"ClientName":"\ud800"}`,                                              // lone surrogate escape
	}
	for _, b := range rawBodyCases {
		bodies = append(bodies, b)
	}
	for _, body := range bodies {
		b := []byte(body)
		got, err := inPlace.send(ctx, b)
		g.Expect(err).NotTo(HaveOccurred())
		want, err := copied.send(ctx, []byte(body))
		g.Expect(err).NotTo(HaveOccurred())
		answer := string(got.Body)
		g.Expect(got.Status).To(Equal(want.Status), body)
		g.Expect(answer).To(Equal(string(want.Body)), body)
		g.Expect(got.Header.Get("X-Amzn-Errortype")).To(Equal(want.Header.Get("X-Amzn-Errortype")), body)
		for i := range b { // nothing of the body may be kept: scribble over it
			b[i] = 'x'
		}
		g.Expect(string(got.Body)).To(Equal(answer), "the answer read the body after it was answered")
	}
	got, err := inPlace.send(ctx, []byte(`{`+ids+`}`))
	g.Expect(err).NotTo(HaveOccurred())
	want, err := copied.send(ctx, []byte(`{`+ids+`}`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(got.Status).To(Equal(http.StatusOK))
	g.Expect(string(got.Body)).To(Equal(string(want.Body)), "the stored client read a body after it was answered")
}

// TestDirectRawOverHTTP: over a real HTTP connection a raw body arrives whole with its
// Content-Length, as a bytes.Reader's did.
func TestDirectRawOverHTTP(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	type seen struct {
		length int64
		body   string
	}
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- seen{r.ContentLength, string(b)}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	d := newDirectRaw("us-east-1", srv.Client(), srv.URL)
	for _, name := range []string{"empty", "multibyte", "invalid"} {
		body := rawBodyCases[name]
		resp, err := d.send(context.Background(), []byte(body))
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(resp.Status).To(Equal(http.StatusOK))
		g.Expect(<-got).To(Equal(seen{int64(len(body)), body}), name)
	}
}

// bodyCatcher is an HTTP client that keeps the request it is given and answers 200 {}.
type bodyCatcher struct{ req *http.Request }

func (c *bodyCatcher) Do(req *http.Request) (*http.Response, error) {
	c.req = req
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: newMemBody([]byte(`{}`)),
		ContentLength: 2, Request: req}, nil
}

// TestRecordedBodiesAreImmutable: recordingDoer sends the request body it recorded as an
// immutable body over the very memory it recorded (rec.body), read in place, for every kind of
// body; without a recorder the request goes on as the SDK made it.
func TestRecordedBodiesAreImmutable(t *testing.T) {
	t.Parallel()
	for name, body := range rawBodyCases {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			hc := &bodyCatcher{}
			rec := &recorder{}
			var rctx recordCtx
			req, err := http.NewRequestWithContext(rctx.reset(context.Background(), rec), http.MethodPost, benchEndpoint,
				strings.NewReader(body))
			g.Expect(err).NotTo(HaveOccurred())
			_, err = recordingDoer{hc}.Do(req)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(string(rec.body)).To(Equal(body))
			mb, ok := hc.req.Body.(*membody.Body)
			g.Expect(ok).To(BeTrue())
			g.Expect(mb.Immutable()).To(BeTrue())
			if len(body) > 0 {
				g.Expect(&mb.Unread()[0] == &rec.body[0]).To(BeTrue(), "the recorded memory")
			}
			plain, err := http.NewRequest(http.MethodPost, benchEndpoint, strings.NewReader(body))
			g.Expect(err).NotTo(HaveOccurred())
			sent := plain.Body
			_, err = recordingDoer{hc}.Do(plain)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(hc.req.Body).To(BeIdenticalTo(sent), "no recorder: the SDK's body as it is")
		})
	}
}
