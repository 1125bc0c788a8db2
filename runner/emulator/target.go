package emulator

import (
	"net/http"
	"strings"
)

// The front door's reading of a request's headers (headerValue) and of X-Amz-Target, the
// operation it names (operation).

// headerValue is h.Get(key) for a key already in canonical form (as
// textproto.CanonicalMIMEHeaderKey writes it): the map is read by the key as it is, without
// canonicalizing it again. Get finds nothing else: it canonicalizes only the key it is given.
func headerValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

type boundOp struct {
	name string
	fn   handler
}

// hotTargets are the operations a fuzz campaign sends, whose X-Amz-Target operation compares
// whole before the generic resolution.
var hotTargets = [...]string{opUpdate, opDescribe}

// boundTarget is an operation with its X-Amz-Target value.
type boundTarget struct {
	target string
	op     boundOp
}

// bindHot binds hotTargets with their X-Amz-Target values (the model's service name, a dot and
// the operation), once the handlers are routed.
func (e *Emulator) bindHot() {
	for i, name := range hotTargets {
		e.hot[i] = boundTarget{target: e.contract.Model.Service + "." + name, op: boundOp{name: name, fn: e.handlers[name]}}
	}
}

// operation resolves X-Amz-Target "<service>.<operation>" (S5, contract-facts §7): an
// operation of hotTargets by comparing the whole value, any other by its parts.
func (e *Emulator) operation(target string) (boundOp, bool) {
	for i := range e.hot {
		if target == e.hot[i].target {
			return e.hot[i].op, e.hot[i].op.fn != nil
		}
	}
	svc, name, ok := strings.Cut(target, ".")
	if !ok || svc != e.contract.Model.Service {
		return boundOp{}, false
	}
	fn, ok := e.handlers[name]
	return boundOp{name: name, fn: fn}, ok
}
