package contracts

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
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
	var doc map[string]json.RawMessage
	if len(bytes.TrimSpace(body)) > 0 {
		_ = json.Unmarshal(body, &doc) // a non-object body leaves doc nil: header only
	}
	if h != nil {
		code = h.Get("X-Amzn-ErrorType")
	}
	if code == "" {
		code = rawString(doc["__type"])
	}
	if code == "" {
		code = rawString(doc["code"])
	}
	message = rawString(doc["message"])
	if message == "" {
		message = rawString(doc["Message"])
	}
	return SanitizeErrorCode(code), message
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
