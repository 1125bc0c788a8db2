package target

import (
	"fmt"
	"net/http"
	"net/http/httptest"
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
	o.HTTPClient = &http.Client{Transport: handlerTransport{h: h}}
	return newClient("mock", inProcessEndpoint, o)
}

// handlerTransport is an http.RoundTripper that calls a handler directly.
type handlerTransport struct{ h http.Handler }

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
