package emulator_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// answerCase is one request answered by the responder and by ServeHTTP.
type answerCase struct {
	op, body string
	status   int
	errType  string // x-amzn-ErrorType, "" on success
}

// TestResponderAndServeHTTPAnswerAlike pins the answer's wire form on both paths: the status
// line (the responder's http.Response whole: no other field set), exactly the headers Content-Type, x-amzn-RequestId, Content-Length (the body's length)
// and, on an error, x-amzn-ErrorType "<code>:" (OB-21); two emulators of one seed given the same
// requests answer byte for byte alike, request ids included.
func TestResponderAndServeHTTPAnswerAlike(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	// The same seed and the same clock: the two emulators write the same dates (CreationDate).
	now := func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }
	viaMock, viaHTTP := emulator.New(emulator.WithSeed(9), emulator.WithClock(now)), emulator.New(emulator.WithSeed(9), emulator.WithClock(now))
	respond := viaMock.Responder()
	cases := []answerCase{
		{"CreateUserPool", `{"PoolName":"p"}`, http.StatusOK, ""},
		{"DescribeUserPoolClient", `{"UserPoolId":"us-east-1_AAAAAAAAA","ClientId":"abc"}`, http.StatusBadRequest, "ResourceNotFoundException:"},
		{"UpdateUserPoolClient", `{"UserPoolId":"us-east-1_AAAAAAAAA","ClientId":"abc","ClientName":"` +
			strings.Repeat("<\u2028>", 100) + `"}`, http.StatusBadRequest, "InvalidParameterException:"},
		{"NoSuchOperation", `{}`, http.StatusBadRequest, "UnknownOperationException:"},
	}
	for _, tc := range cases {
		req := func() *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tc.body))
			r.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService."+tc.op)
			r.Header.Set("Authorization", sigv4)
			return r
		}
		sent := req()
		resp, err := respond(sent)
		g.Expect(err).NotTo(HaveOccurred())
		// The whole response, every field the responder leaves unset zero.
		g.Expect(*resp).To(Equal(http.Response{Status: strconv.Itoa(tc.status) + " " + http.StatusText(tc.status),
			StatusCode: tc.status, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: resp.Header, Body: resp.Body,
			ContentLength: resp.ContentLength, Request: sent}), tc.op)
		body, err := io.ReadAll(resp.Body)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(resp.Body.Close()).To(Succeed())
		g.Expect(resp.StatusCode).To(Equal(tc.status), tc.op)
		g.Expect(resp.Status).To(Equal(strconv.Itoa(tc.status) + " " + http.StatusText(tc.status)))
		g.Expect(resp.ContentLength).To(Equal(int64(len(body))))
		want := http.Header{"Content-Type": {"application/x-amz-json-1.1"},
			"X-Amzn-Requestid": resp.Header["X-Amzn-Requestid"], "Content-Length": {strconv.Itoa(len(body))}}
		if tc.errType != "" {
			want["X-Amzn-Errortype"] = []string{tc.errType}
		}
		g.Expect(resp.Header).To(Equal(want), tc.op)

		rec := httptest.NewRecorder()
		viaHTTP.ServeHTTP(rec, req())
		g.Expect(rec.Code).To(Equal(tc.status))
		g.Expect(rec.Header()).To(Equal(want), tc.op)
		g.Expect(rec.Body.Bytes()).To(Equal(body), tc.op)
	}
}

// TestDescribeAnswersAreIndependent: describes hand out one stored answer; reading one
// response's body, fully or in part, and writing it elsewhere changes no other response.
func TestDescribeAnswersAreIndependent(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := emulator.New(emulator.WithSeed(5))
	s := newSetup(t, sdkClient(e), "")
	respond := e.Responder()
	describe := func() *http.Response {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(
			`{"UserPoolId":"`+s.pool+`","ClientId":"`+s.client+`"}`))
		r.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.DescribeUserPoolClient")
		r.Header.Set("Authorization", sigv4)
		resp, err := respond(r)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(resp.StatusCode).To(Equal(http.StatusOK))
		return resp
	}
	a, b := describe(), describe()
	part := make([]byte, 5)
	_, err := io.ReadFull(a.Body, part)
	g.Expect(err).NotTo(HaveOccurred())
	var whole bytes.Buffer
	_, err = io.Copy(&whole, b.Body) // io.WriterTo, as io.NopCloser of a bytes.Reader offers
	g.Expect(err).NotTo(HaveOccurred())
	rest, err := io.ReadAll(a.Body)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(string(part) + string(rest)).To(Equal(whole.String()))
	g.Expect(whole.String()).To(HavePrefix(`{"UserPoolClient":{`))
	_, isWriterTo := describe().Body.(io.WriterTo)
	g.Expect(isWriterTo).To(BeTrue())
}
