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
// target error, not a crash. h's ServeHTTP answers every request, on a goroutine of its own
// with a recorder, whatever else h has; for an emulator's responder, called directly, use
// NewInProcessResponder.
func NewInProcess(h http.Handler, o Options) Target {
	o = o.withDefaults(false)
	o.HTTPClient = &http.Client{Transport: handlerTransport{h: h}}
	return newClient("mock", inProcessEndpoint, o)
}

// NewInProcessResponder returns a target like NewInProcess's that serves requests with
// respond, an httpmock responder that answers in-process (runner/emulator's
// Emulator.Responder, the answers its ServeHTTP writes, as responses). The responder is called
// on the caller's goroutine, without a recorder: it must end its waits when the request's
// context ends, as the emulator's do. A responder that panics gives a target error.
func NewInProcessResponder(respond httpmock.Responder, o Options) Target {
	o = o.withDefaults(false)
	o.HTTPClient = &http.Client{Transport: responderTransport{respond: respond}}
	return newClient("mock", inProcessEndpoint, o)
}

// handlerTransport is an http.RoundTripper that calls a handler's ServeHTTP.
type handlerTransport struct {
	h http.Handler
}

type roundTrip struct {
	resp *http.Response
	err  error
}

// RoundTrip implements http.RoundTripper. The handler runs on its own goroutine so that the
// request's deadline is honoured even if the handler blocks.
func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.h == nil {
		return nil, fmt.Errorf("in-process target has no handler")
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

// responderTransport is an http.RoundTripper that calls a responder directly.
type responderTransport struct {
	respond httpmock.Responder
}

// RoundTrip implements http.RoundTripper: it answers req with the responder, on the caller's
// goroutine. The emulator's waits (injected latency, held updates) end with the request's
// context, so the deadline holds without a goroutine of its own; a request whose context ended
// meanwhile is answered with its error, as handlerTransport's select answers it. A panic is a
// target error, as ServeHTTP's is. The request body is closed, as an http.RoundTripper closes
// it.
func (t responderTransport) RoundTrip(req *http.Request) (resp *http.Response, err error) {
	if t.respond == nil {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, fmt.Errorf("in-process target has no responder")
	}
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
