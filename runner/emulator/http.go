package emulator

import (
	"bytes"
	"io"
	"net/http"
	"strings"

	"github.com/jarcoal/httpmock"
)

// ServeHTTP answers one awsJson1_1 request, so an Emulator can be mounted on any server,
// httptest.NewServer included.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := e.exchange(r.Context(), r.Method, r.Header, r.Body, r.ContentLength)
	h := w.Header()
	for k, v := range a.header {
		h[k] = v
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

// Responder returns an httpmock responder that answers in-process, without a socket.
// Register it on an httpmock.MockTransport for POST on the endpoint the SDK is given, or use
// Register.
func (e *Emulator) Responder() httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		var body io.Reader = http.NoBody
		if r.Body != nil {
			body = r.Body
		}
		a := e.exchange(r.Context(), r.Method, r.Header, body, r.ContentLength)
		return &http.Response{
			Status:        http.StatusText(a.status),
			StatusCode:    a.status,
			Proto:         "HTTP/1.1",
			ProtoMajor:    1,
			ProtoMinor:    1,
			Header:        a.header,
			Body:          io.NopCloser(bytes.NewReader(a.body)),
			ContentLength: int64(len(a.body)),
			Request:       r,
		}, nil
	}
}

// Register routes POST requests to endpoint (with or without a trailing slash, for example
// "https://cognito-idp.us-east-1.amazonaws.com") on t to the emulator.
func (e *Emulator) Register(t *httpmock.MockTransport, endpoint string) {
	base := strings.TrimSuffix(endpoint, "/")
	r := e.Responder()
	t.RegisterResponder(http.MethodPost, base, r)
	t.RegisterResponder(http.MethodPost, base+"/", r)
}
