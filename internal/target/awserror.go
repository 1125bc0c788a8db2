package target

import (
	"encoding/json"
	"net/http"
	"strings"
)

// errorCode reads an awsJson error answer the way the Go SDK does (contract-facts §7, S4
// resolveProtocolErrorType, S5 sanitising rule): X-Amzn-ErrorType header, then body __type,
// then body code; the text before the first ':' and after the first '#'; message from
// "message" or "Message". The target package needs it before any contract is consulted
// (throttling, provisioning), so it keeps this small reader of its own.
func errorCode(h http.Header, body []byte) (code, message string) {
	var b struct {
		Type     string `json:"__type"`
		Code     string `json:"code"`
		Message  string `json:"message"`
		MessageU string `json:"Message"`
	}
	_ = json.Unmarshal(body, &b) // a body that is not JSON simply carries no code
	code = h.Get("X-Amzn-ErrorType")
	if code == "" {
		code = b.Type
	}
	if code == "" {
		code = b.Code
	}
	message = b.Message
	if message == "" {
		message = b.MessageU
	}
	return sanitizeCode(code), message
}

func sanitizeCode(code string) string {
	if i := strings.IndexByte(code, ':'); i >= 0 {
		code = code[:i]
	}
	if i := strings.IndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return strings.TrimSpace(code)
}
