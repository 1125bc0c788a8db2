package contracts

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"
)

// ErrorCode reads an awsJson error response the way a client must: X-Amzn-ErrorType header,
// then body __type, then code; sanitised (text before ':' and after '#'); message from
// "message" or "Message".
//
// The order and the sanitising rule are those of the Smithy awsJson protocol (S5: "take text
// before the first ':', then text after the first '#'") and of the Go SDK's
// resolveProtocolErrorType (S4, contract-facts §7), so all of
//
//	FooError
//	FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/
//	aws.protocoltests.restjson#FooError
//
// read as "FooError". A body that is not a JSON object yields whatever the header says.
func ErrorCode(h http.Header, body []byte) (code, message string) {
	code, message, _ = errorCode(h, body)
	return code, message
}

// errorCode is ErrorCode that also tells whether the body is a JSON object (checkError needs
// both; one read of the body).
func errorCode(h http.Header, body []byte) (code, message string, object bool) {
	f := readErrorBody(body)
	if h != nil {
		code = h.Get("X-Amzn-ErrorType")
	}
	if code == "" {
		code = f.typ
	}
	if code == "" {
		code = f.code
	}
	message = f.message
	if message == "" {
		message = f.Message
	}
	return SanitizeErrorCode(code), message, f.object
}

// errorFields are the members of an error body a client reads: string values only ("" for
// absent, null or any other type).
type errorFields struct {
	object                      bool // the body is a JSON object
	typ, code, message, Message string
}

// readErrorBody reads an error body as encoding/json into map[string]json.RawMessage reads it
// (the last of duplicate names wins, names match exactly), then each member into a string.
// The one-pass parser reads the four members it keeps, checking the rest without building it;
// a body it refuses (invalid UTF-8, which encoding/json takes as U+FFFD) goes through
// encoding/json, whose answer stands.
func readErrorBody(body []byte) errorFields {
	var f errorFields
	if len(bytes.TrimSpace(body)) == 0 {
		return f
	}
	if utf8.Valid(body) {
		if doc, err := parseMembers(body, isErrorMember); err == nil {
			f.object = doc.kind == jObject
			if f.object {
				f.typ, f.code = jstring(doc.get("__type")), jstring(doc.get("code"))
				f.message, f.Message = jstring(doc.get("message")), jstring(doc.get("Message"))
			}
			return f
		}
	}
	var doc map[string]json.RawMessage
	if json.Unmarshal(body, &doc) != nil || doc == nil { // a non-object body: header only
		return f
	}
	f.object = true
	f.typ, f.code = rawString(doc["__type"]), rawString(doc["code"])
	f.message, f.Message = rawString(doc["message"]), rawString(doc["Message"])
	return f
}

func isErrorMember(name string) bool {
	switch name {
	case "__type", "code", "message", "Message":
		return true
	}
	return false
}

// jstring is a string node's value, "" for anything else.
func jstring(n *jnode) string {
	if n == nil || n.kind != jString {
		return ""
	}
	return n.s
}

// SanitizeErrorCode reduces an awsJson error type to the shape name (S5): the text before the
// first ':', then the text after the first '#'; surrounding spaces are dropped.
func SanitizeErrorCode(code string) string {
	if i := strings.IndexByte(code, ':'); i >= 0 {
		code = code[:i]
	}
	if i := strings.IndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return strings.TrimSpace(code)
}

// jsonString returns a JSON string's value, or "" for anything else (absent, null, number...).
func rawString(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// protocolError is an error code every AWS JSON service's front end can send, whatever the
// operation's model lists, with the statuses it comes with.
type protocolError struct {
	Code     string
	Statuses []int
	Source   string
}

// commonErrorsSource is the page of the Cognito user pools API reference that lists the errors
// common to all actions with their HTTP status codes.
const commonErrorsSource = "AWS API reference, Common Errors: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html"

// frontEndSource marks the codes only known as AWS JSON front-end errors.
const frontEndSource = "AWS JSON front end (contract-facts §5: not modelled, not observed here)"

// protocolErrors is kept small on purpose: only the front-end errors of AWS JSON services. None
// of them was observed for this operation except AccessDeniedException (contract-facts §5).
var protocolErrors = []protocolError{
	// Real, not modelled: IAM denials come back as 400 (contract-facts §5, OB-28).
	{"AccessDeniedException", []int{400}, "contract-facts §5 (OB-28)"},
	{"IncompleteSignature", []int{400}, commonErrorsSource},
	{"InvalidClientTokenId", []int{403}, commonErrorsSource},
	{"MissingAuthenticationToken", []int{403}, commonErrorsSource},
	{"MissingAuthenticationTokenException", []int{400, 403}, commonErrorsSource + " (JSON-protocol spelling)"},
	{"RequestExpired", []int{400}, commonErrorsSource},
	{"ThrottlingException", []int{400}, commonErrorsSource},
	{"InternalFailure", []int{500}, commonErrorsSource},
	{"ServiceUnavailable", []int{503}, commonErrorsSource},
	// Front-end codes of AWS JSON services (bad signature, unknown access key, unknown
	// X-Amz-Target, a body that does not parse). Not in S1/S2 and not observed for this
	// operation in the sources (contract-facts §5): accepted, never predicted.
	{"UnrecognizedClientException", []int{400}, frontEndSource},
	{"InvalidSignatureException", []int{400}, frontEndSource},
	{"UnknownOperationException", []int{400}, frontEndSource},
	{"SerializationException", []int{400}, frontEndSource},
}

func lookupProtocolError(code string) (protocolError, bool) {
	for _, p := range protocolErrors {
		if p.Code == code {
			return p, true
		}
	}
	return protocolError{}, false
}

// errorStatus is the status the service sends for one of the operation's errors: 500 for a
// server fault, 400 for every client error whatever @httpError says (contract-facts §5, S9).
func errorStatus(s *Shape) int {
	if s.Error == "server" {
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// lookupOperationError finds one of the operation's modelled errors by code. Clients match
// codes case-insensitively (S4 strings.EqualFold), so this does too.
func (c *Contract) lookupOperationError(code string) (*Shape, bool) {
	for _, e := range c.Operation.Errors {
		if strings.EqualFold(e.Name, code) {
			return e, true
		}
	}
	return nil, false
}
