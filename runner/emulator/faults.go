package emulator

import (
	"context"
	"fmt"
	"math"
	"time"

	"golang.org/x/time/rate"
)

// AllOperations names every operation in FailNext, Throttle and Latency.
const AllOperations = "*"

// operationFault is what is injected into one operation (or AllOperations).
type operationFault struct {
	failN    int
	failCode string
	failMsg  string
	limiter  *rate.Limiter
	latency  time.Duration
}

// faultMessages are the texts of injected errors. Where the service's text was observed it is
// used (docs/contract-facts.md); the others are plausible texts that nothing asserts.
var faultMessages = map[string]string{
	"ConcurrentModificationException": "Only one request to update user pool client can be processed at a time.", // OB-20
	"TooManyRequestsException":        "Too many requests",
	"InternalErrorException":          "Internal server error",
	"NotAuthorizedException":          "User is not authorized to perform this action",
	"OperationNotEnabledException":    "This operation is not enabled for this user pool",
}

func (e *Emulator) checkOperation(op string) error {
	if op == AllOperations {
		return nil
	}
	if _, ok := e.handlers[op]; !ok {
		return fmt.Errorf("emulator: operation %q is not one the emulator answers (want one of %v or %q)",
			op, sortedKeys(e.handlers), AllOperations)
	}
	return nil
}

// fault is the fault entry of an operation, made when there is none. The caller holds e.mu
// for writing and is about to inject something: injected is set.
func (e *Emulator) fault(op string) *operationFault {
	f := e.faults[op]
	if f == nil {
		f = &operationFault{}
		e.faults[op] = f
	}
	e.injected.Store(true)
	return f
}

// FailNext makes the next n calls of an operation (or AllOperations) fail with an error code,
// for example "InternalErrorException" (answered with 500, the model's server fault) or
// "TooManyRequestsException" (400, like every client error of the real service). The calls
// are counted after authentication; a later FailNext on the same operation replaces this one.
func (e *Emulator) FailNext(operation string, n int, code string) error {
	return e.FailNextWithMessage(operation, n, code, faultMessages[code])
}

// FailNextWithMessage is FailNext with the error message to answer.
func (e *Emulator) FailNextWithMessage(operation string, n int, code, message string) error {
	if err := e.checkOperation(operation); err != nil {
		return err
	}
	if n < 1 {
		return fmt.Errorf("emulator.FailNext: n = %d, want at least 1", n)
	}
	if code == "" {
		return fmt.Errorf("emulator.FailNext: error code is empty, want e.g. \"InternalErrorException\"")
	}
	if message == "" {
		message = code
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	f := e.fault(operation)
	f.failN, f.failCode, f.failMsg = n, code, message
	return nil
}

// Throttle answers TooManyRequestsException to calls of an operation (or AllOperations)
// above rps requests per second, measured with a token bucket on the emulator's clock whose
// burst is one second of requests. rps = 0 removes the throttle.
func (e *Emulator) Throttle(operation string, rps float64) error {
	if err := e.checkOperation(operation); err != nil {
		return err
	}
	if rps < 0 || math.IsNaN(rps) || math.IsInf(rps, 0) {
		return fmt.Errorf("emulator.Throttle: rps = %v, want a finite rate >= 0", rps)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	f := e.fault(operation)
	if rps == 0 {
		f.limiter = nil
		return nil
	}
	burst := int(math.Ceil(rps))
	f.limiter = rate.NewLimiter(rate.Limit(rps), burst) // starts full
	return nil
}

// Latency delays every call of an operation (or AllOperations) by d before it is processed. An
// UpdateUserPoolClient is delayed while it holds its client, so a second update of the same
// client sent during the delay is answered with ConcurrentModificationException (R29).
func (e *Emulator) Latency(operation string, d time.Duration) error {
	if err := e.checkOperation(operation); err != nil {
		return err
	}
	if d < 0 {
		return fmt.Errorf("emulator.Latency: %v is negative", d)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.fault(operation).latency = d
	return nil
}

// DenyAccessKey answers NotAuthorizedException to every request signed with an access key id
// (the Credential= of the SigV4 Authorization header), as for credentials without permission.
func (e *Emulator) DenyAccessKey(accessKeyID string) error {
	if accessKeyID == "" {
		return fmt.Errorf("emulator.DenyAccessKey: access key id is empty")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.denied[accessKeyID] = true
	e.injected.Store(true)
	return nil
}

// SetOperationEnabled disables (or enables again) an operation on one user pool, as in a
// secondary (replica) Region: calls of a disabled operation on that pool are answered with
// OperationNotEnabledException (R30, S2). Only operations whose model error list has
// OperationNotEnabledException can be disabled.
func (e *Emulator) SetOperationEnabled(poolID, operation string, enabled bool) error {
	if err := e.checkOperation(operation); err != nil || operation == AllOperations {
		return fmt.Errorf("emulator.SetOperationEnabled: operation %q is not one the emulator answers", operation)
	}
	op, err := e.contract.Model.Operation(operation)
	if err != nil {
		return fmt.Errorf("emulator.SetOperationEnabled: %w", err)
	}
	if _, ok := op.ErrorNamed("OperationNotEnabledException"); !ok {
		return fmt.Errorf("emulator.SetOperationEnabled: the model does not list OperationNotEnabledException for %s", operation)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	p, ok := e.pools[poolID]
	if !ok {
		return fmt.Errorf("emulator.SetOperationEnabled: user pool %q does not exist", poolID)
	}
	if p.disabled == nil {
		p.disabled = map[string]bool{}
	}
	p.disabled[operation] = !enabled
	return nil
}

// ResetFaults removes every injected fault, denied access key and disabled operation, and
// releases HoldUpdates.
func (e *Emulator) ResetFaults() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.hold != nil {
		e.hold.free()
		e.hold = nil
	}
	e.faults = map[string]*operationFault{}
	e.denied = map[string]bool{}
	e.injected.Store(false)
	for _, p := range e.pools {
		p.disabled = nil
	}
}

// frontDoorFaults applies denied keys, FailNext and Throttle to a call.
func (e *Emulator) frontDoorFaults(op, akid string) *apiError {
	if !e.injected.Load() {
		return nil // nothing injected: no lock, no look-ups
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.denied[akid] {
		return clientError("NotAuthorizedException", faultMessages["NotAuthorizedException"])
	}
	for _, key := range [2]string{op, AllOperations} {
		f := e.faults[key]
		if f == nil {
			continue
		}
		if f.failN > 0 {
			f.failN--
			return &apiError{Status: e.statusOf(f.failCode), Code: f.failCode, Message: f.failMsg}
		}
		if f.limiter != nil && !f.limiter.AllowN(e.clock(), 1) {
			return clientError("TooManyRequestsException", faultMessages["TooManyRequestsException"])
		}
	}
	return nil
}

// delay waits for the injected latency of an operation, or until ctx is done.
func (e *Emulator) delay(ctx context.Context, op string) {
	if !e.injected.Load() {
		return
	}
	e.mu.RLock()
	d := e.latency(op)
	e.mu.RUnlock()
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// latency is the injected latency of an operation: its own and AllOperations'. The caller
// holds e.mu.
func (e *Emulator) latency(op string) time.Duration {
	var d time.Duration
	for _, key := range [2]string{op, AllOperations} {
		if f := e.faults[key]; f != nil {
			d += f.latency
		}
	}
	return d
}

// updateWaits reports whether an UpdateUserPoolClient would wait while it holds its client:
// for a Latency of it (or of AllOperations) or a HoldUpdates in force. The caller holds e.mu.
func (e *Emulator) updateWaits() bool {
	return e.hold != nil || (e.injected.Load() && e.latency(opUpdate) > 0)
}

// operationDisabled reports OperationNotEnabledException for a disabled operation of a pool.
// The caller holds e.mu.
func (e *Emulator) operationDisabled(p *pool, op string) *apiError {
	if p != nil && p.disabled[op] {
		return clientError("OperationNotEnabledException", faultMessages["OperationNotEnabledException"])
	}
	return nil
}
