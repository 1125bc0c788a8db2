package target

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/jarcoal/httpmock"
)

// inProcessEndpoint is the URL requests to an in-process handler carry. It is never dialled.
const inProcessEndpoint = "http://in-process.cognito-contract.invalid"

// NewInProcess returns a target that serves requests with h in the same process, without a
// network: runner/emulator's Emulator is such a handler. Its name is "mock". Requests go
// through the same pipeline as remote ones (signing, pacing, budget, per-attempt timeout);
// retries are off unless Options.MaxRetries asks for them. A handler that panics gives a
// target error, not a crash.
func NewInProcess(h http.Handler, o Options) Target {
	o = o.withDefaults(false)
	t := handlerTransport{h: h}
	if rs, ok := h.(responderSource); ok {
		t.respond = rs.Responder()
	}
	o.HTTPClient = &http.Client{Transport: t}
	return newClient("mock", inProcessEndpoint, o)
}

// responderSource is a handler that also makes its answers as responses itself, in-process
// (runner/emulator's Emulator: Responder, the httpmock responder of the same answers
// ServeHTTP writes).
type responderSource interface {
	Responder() httpmock.Responder
}

// handlerTransport is an http.RoundTripper that calls a handler directly, or its responder
// when it has one (respond).
type handlerTransport struct {
	h       http.Handler
	respond httpmock.Responder
}

type roundTrip struct {
	resp *http.Response
	err  error
}

// RoundTrip implements http.RoundTripper. The handler runs on its own goroutine so that the
// request's deadline is honoured even if the handler blocks. A handler with a responder
// answers on the caller's goroutine, without a recorder (respondDirect).
func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.h == nil {
		return nil, fmt.Errorf("in-process target has no handler")
	}
	if t.respond != nil {
		return t.respondDirect(req)
	}
	done := make(chan roundTrip, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- roundTrip{err: fmt.Errorf("in-process handler panicked: %v", p)}
			}
		}()
		rec := httptest.NewRecorder()
		t.h.ServeHTTP(rec, req)
		done <- roundTrip{resp: rec.Result()}
	}()
	select {
	case r := <-done:
		return r.resp, r.err
	case <-req.Context().Done():
		return nil, req.Context().Err()
	}
}

// respondDirect answers req with the handler's responder. The emulator's waits (injected
// latency, held updates) end with the request's context, so the deadline holds without a
// goroutine of its own; a request whose context ended meanwhile is answered with its error, as
// the goroutine's select answers it. A panic is a target error, as ServeHTTP's is. The request
// body is closed, as an http.RoundTripper closes it.
func (t handlerTransport) respondDirect(req *http.Request) (resp *http.Response, err error) {
	defer func() {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		if p := recover(); p != nil {
			resp, err = nil, fmt.Errorf("in-process handler panicked: %v", p)
		}
	}()
	resp, err = t.respond(req)
	if cerr := req.Context().Err(); cerr != nil {
		if resp != nil && resp.Body != nil {
			_ = resp.Body.Close()
		}
		return nil, cerr
	}
	return resp, err
}
