package target

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// StepError is a provisioning or cleanup step that the target answered with an error.
type StepError struct {
	Step    string // the operation, "CreateUserPool"
	Target  string
	Status  int
	Code    string // the error code the target sent, "" if none
	Message string // the target's message
}

// Error implements error.
func (e *StepError) Error() string {
	s := fmt.Sprintf("target %s: setup step %s answered %d", e.Target, e.Step, e.Status)
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// NotApplicableError says the target lacks an operation a setup needs: it answered at the
// level of the operation, not of the request (UnknownOperationException and its kin, 404 or
// 501 without an error code the model lists for the operation, or a 5xx whose message says
// the operation is unsupported, as cognito-local's 500 does). The case is not applicable to
// this target, not failed.
type NotApplicableError struct {
	Operation string
	Reason    string
}

// Error implements error.
func (e *NotApplicableError) Error() string {
	return fmt.Sprintf("not applicable: the target does not support %s (%s)", e.Operation, e.Reason)
}

// operationMissingCodes are the error codes by which a server says it has no such operation.
var operationMissingCodes = map[string]bool{"UnknownOperationException": true, "InvalidAction": true, "NotImplementedException": true}

// notImplementedHints are message fragments by which emulators say an operation is missing,
// read only from 5xx answers (moto: "not yet implemented", LocalStack: "not implemented",
// cognito-local 5.3.0: 500 CognitoLocal#Unsupported "Cognito Local unsupported feature:
// Unsupported x-amz-target header ..."). A 4xx is an answer to the request: a 400
// InvalidOAuthFlowException "openid is not supported with client_credentials flow" says the
// setup was refused, not that the operation is missing (audit of issue 7, item 3).
var notImplementedHints = []string{"not implemented", "not yet implemented", "unsupported operation", "unknown operation", "unsupported feature", "unsupported x-amz-target"}

// Invoke sends one operation with in encoded as JSON and decodes a 200 answer into out (when
// not nil). Any other answer becomes a *NotApplicableError or a *StepError; a target error
// (*Error) is returned as is. It is for setup and housekeeping calls, not for the requests
// under test, whose bytes must be sent exactly with Target.Call.
func Invoke(ctx context.Context, t Target, op string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("setup step %s: encoding the request: %w", op, err)
	}
	resp, err := t.Call(ctx, op, body)
	if err != nil {
		return err
	}
	if resp.Status != http.StatusOK {
		return answerError(t.Name(), op, resp)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return &StepError{Step: op, Target: t.Name(), Status: resp.Status, Message: "the 200 answer is not the expected JSON: " + err.Error()}
	}
	return nil
}

func answerError(target, op string, resp *Response) error {
	code, msg := contracts.ErrorCode(resp.Header, resp.Body)
	if na := notApplicable(op, resp.Status, code, msg); na != nil {
		return na
	}
	if code == "" && msg == "" {
		msg = strings.TrimSpace(string(truncate(resp.Body, 200)))
	}
	return &StepError{Step: op, Target: target, Status: resp.Status, Code: code, Message: msg}
}

func notApplicable(op string, status int, code, msg string) *NotApplicableError {
	if modelledError(op, code) {
		return nil // the operation exists and refused this request: a setup failure
	}
	switch {
	case operationMissingCodes[code]:
		return &NotApplicableError{Operation: op, Reason: "answered " + code}
	case status == http.StatusNotImplemented:
		return &NotApplicableError{Operation: op, Reason: "answered 501"}
	case status == http.StatusNotFound && code == "":
		return &NotApplicableError{Operation: op, Reason: "answered 404"}
	case status < 500:
		return nil
	}
	low := strings.ToLower(msg)
	for _, h := range notImplementedHints {
		if strings.Contains(low, h) {
			return &NotApplicableError{Operation: op, Reason: fmt.Sprintf("answered %d %s %q", status, code, msg)}
		}
	}
	return nil
}

// modelledError reports whether the model lists code among op's errors.
func modelledError(op, code string) bool {
	if code == "" {
		return false
	}
	o, err := contracts.DefaultModel().Operation(op)
	if err != nil {
		return false
	}
	_, ok := o.ErrorNamed(code)
	return ok
}

func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return append(b[:n:n], "..."...)
	}
	return b
}

// IsNotFound reports a ResourceNotFoundException answer: for a delete, already gone.
func IsNotFound(err error) bool {
	var se *StepError
	return errors.As(err, &se) && se.Code == "ResourceNotFoundException"
}
