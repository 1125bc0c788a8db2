package emulator

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/jarcoal/httpmock"

	"github.com/cognito-contract/cognito-contract/internal/membody"
)

// ServeHTTP answers one awsJson1_1 request, so an Emulator can be mounted on any server,
// httptest.NewServer included.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := e.exchange(r.Context(), r.Method, r.URL.Path, r.Header, r.Body, r.ContentLength)
	a.writeHeader(w.Header(), new([4]string))
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

// response is one answer of the responder with what it points to, allocated together: the
// http.Response, its body reader and its header values.
type response struct {
	http.Response
	body answerBody
	vals [4]string
}

// answerBody is the body of an answer: a membody.Body (a bytes.Reader whose Close does
// nothing) over the answer's bytes, which it also hands out (HeldBytes).
type answerBody struct{ membody.Body }

// HeldBytes returns the part of the answer not read yet, without a copy. The emulator never
// writes an answer's bytes again once it is handed out (an answer is written whole before it
// is sent; a describe hands out the answer its client was stored with, which a later update
// replaces and does not change), so a caller may keep them as the body it read: the fuzz
// harness's recorder does, instead of reading a copy of every answer.
func (b *answerBody) HeldBytes() []byte { return b.Unread() }

// statusLines are the Status texts of the statuses the emulator answers, made once.
var statusLines = func() map[int]string {
	m := map[int]string{}
	for _, code := range []int{http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge,
		http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusServiceUnavailable} {
		m[code] = statusLine(code)
	}
	return m
}()

// statusText is the Status text of an answer's status code: statusLines' text, or one made for
// a status it lacks.
func statusText(code int) string {
	if s, ok := statusLines[code]; ok {
		return s
	}
	return statusLine(code)
}

// statusLine is "400 Bad Request", as net/http sets Status.
func statusLine(code int) string { return strconv.Itoa(code) + " " + http.StatusText(code) }

// Responder returns an httpmock responder that answers in-process, without a socket.
// Register it on an httpmock.MockTransport for POST on the endpoint the SDK is given, or use
// Register.
func (e *Emulator) Responder() httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		var body io.Reader = http.NoBody
		if r.Body != nil {
			body = r.Body
		}
		path := ""
		if r.URL != nil {
			path = r.URL.Path
		}
		a := e.exchange(r.Context(), r.Method, path, r.Header, body, r.ContentLength)
		resp := &response{}
		resp.body.Reset(a.body)
		hdr := make(http.Header, 4)
		a.writeHeader(hdr, &resp.vals)
		// The fields are set one by one in the new response, not copied there from an
		// http.Response composed aside: that copy is a bulk write barrier over all of its
		// pointer words (most of them zero) while the collector runs.
		h := &resp.Response
		h.Status, h.StatusCode = statusText(a.status), a.status
		h.Proto, h.ProtoMajor, h.ProtoMinor = "HTTP/1.1", 1, 1
		h.Header = hdr
		h.Body = &resp.body
		h.ContentLength = int64(len(a.body))
		h.Request = r
		return h, nil
	}
}

// Register routes POST requests to endpoint (with or without a trailing slash, for example
// "https://cognito-idp.us-east-1.amazonaws.com") on t to the emulator. awsJson1_1 serves
// every operation at POST / (S5): an endpoint with a path is answered UnknownOperationException.
func (e *Emulator) Register(t *httpmock.MockTransport, endpoint string) {
	base := strings.TrimSuffix(endpoint, "/")
	r := e.Responder()
	t.RegisterResponder(http.MethodPost, base, r)
	t.RegisterResponder(http.MethodPost, base+"/", r)
}
