package emulator

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/jarcoal/httpmock"
)

// ServeHTTP answers one awsJson1_1 request, so an Emulator can be mounted on any server,
// httptest.NewServer included.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := e.exchange(r.Context(), r.Method, r.URL.Path, r.Header, r.Body, r.ContentLength)
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
		path := ""
		if r.URL != nil {
			path = r.URL.Path
		}
		a := e.exchange(r.Context(), r.Method, path, r.Header, body, r.ContentLength)
		return &http.Response{
			Status:        strconv.Itoa(a.status) + " " + http.StatusText(a.status), // "400 Bad Request", as net/http sets it
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
// "https://cognito-idp.us-east-1.amazonaws.com") on t to the emulator. awsJson1_1 serves
// every operation at POST / (S5): an endpoint with a path is answered UnknownOperationException.
func (e *Emulator) Register(t *httpmock.MockTransport, endpoint string) {
	base := strings.TrimSuffix(endpoint, "/")
	r := e.Responder()
	t.RegisterResponder(http.MethodPost, base, r)
	t.RegisterResponder(http.MethodPost, base+"/", r)
}
