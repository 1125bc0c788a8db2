package contracts

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	. "github.com/onsi/gomega"
)

func TestErrorCode(t *testing.T) {
	t.Parallel()
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	cases := map[string]struct {
		header        http.Header
		body          string
		code, message string
	}{
		// S5: shape name only, Cognito's lower-case message key (OB-13, OB-22).
		"plain __type": {nil, `{"__type":"ResourceNotFoundException","message":"User pool client x does not exist."}`,
			"ResourceNotFoundException", "User pool client x does not exist."},
		// S5: a namespace prefix before '#'.
		"namespace prefix": {nil, `{"__type":"com.amazonaws.cognitoidentityprovider#InvalidParameterException","message":"m"}`,
			"InvalidParameterException", "m"},
		// S5: a colon suffix (coral validate URI).
		"colon suffix": {nil, `{"__type":"InvalidParameterException:http://internal.amazon.com/coral/com.amazon.coral.validate/","message":"m"}`,
			"InvalidParameterException", "m"},
		// S5 / S4: the header wins over the body.
		"header first": {hdr("X-Amzn-ErrorType", "TooManyRequestsException:"), `{"__type":"InternalErrorException"}`,
			"TooManyRequestsException", ""},
		// OB-21: header only, trailing colon, no body.
		"header only": {hdr("X-Amzn-ErrorType", "NotAuthorizedException:"), ``, "NotAuthorizedException", ""},
		// S4: body "code" when there is no __type; "Message" capitalised.
		"code and Message": {nil, `{"code":"aws.protocoltests.restjson#ScopeDoesNotExistException","Message":"Invalid scope requested: Cognito"}`,
			"ScopeDoesNotExistException", "Invalid scope requested: Cognito"},
		// Not JSON: nothing to read.
		"garbage body": {nil, `<html>`, "", ""},
		"null body":    {nil, `null`, "", ""},
		// A non-string __type is no code.
		"numeric type": {nil, `{"__type":7}`, "", ""},
		// As encoding/json into a map: the last of duplicate names wins, even when not a string.
		"duplicate type":     {nil, `{"__type":"A","__type":"B","message":"m","message":7}`, "B", ""},
		"duplicate non-text": {nil, `{"__type":"A","__type":null}`, "", ""},
		// Names match exactly: "Code" is no code.
		"capitalised Code": {nil, `{"Code":"A"}`, "", ""},
		// Escapes are decoded; invalid UTF-8 reads as U+FFFD, as encoding/json reads it.
		"escaped":      {nil, `{"__type":"A\u0042","message":"a\"b"}`, "AB", `a"b`},
		"invalid utf8": {nil, "{\"__type\":\"A\",\"message\":\"x\xffy\"}", "A", "x\ufffdy"},
		// Not an object, or not one value: nothing to read.
		"array body":    {nil, `[{"__type":"A"}]`, "", ""},
		"trailing data": {nil, `{"__type":"A"} {}`, "", ""},
		"nested only":   {nil, `{"error":{"__type":"A"}}`, "", ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			code, msg := ErrorCode(tc.header, []byte(tc.body))
			g.Expect(code).To(Equal(tc.code))
			g.Expect(msg).To(Equal(tc.message))
		})
	}
}

// errorCodeReference is ErrorCode as encoding/json alone reads the body.
func errorCodeReference(h http.Header, body []byte) (code, message string, object bool) {
	var doc map[string]json.RawMessage
	if len(bytes.TrimSpace(body)) > 0 {
		_ = json.Unmarshal(body, &doc)
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
	return SanitizeErrorCode(code), message, doc != nil
}

// FuzzErrorCode checks that the one-pass read of an error body agrees with encoding/json's.
func FuzzErrorCode(f *testing.F) {
	for _, b := range []string{`{"__type":"A","message":"m"}`, `{"code":"x#B","Message":"\u00e9"}`, `null`, `[1]`,
		`{"__type":"A","__type":{"a":[1,2]}}`, "{\"message\":\"\xff\"}", ` {"message":"a"} `, `{"message":"a"}}`} {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		code, msg, obj := errorCode(nil, body)
		wc, wm, wobj := errorCodeReference(nil, body)
		if code != wc || msg != wm || obj != wobj {
			t.Fatalf("%q: got (%q, %q, %v), encoding/json reads (%q, %q, %v)", body, code, msg, obj, wc, wm, wobj)
		}
	})
}

func TestSanitizeErrorCode(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for in, want := range map[string]string{
		"FooError": "FooError",
		"FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/": "FooError",
		"aws.protocoltests.restjson#FooError":                                  "FooError",
		"aws.protocoltests.restjson#FooError:http://internal.amazon.com/":      "FooError",
		" FooError ": "FooError",
		"":           "",
	} {
		g.Expect(SanitizeErrorCode(in)).To(Equal(want), in)
	}
}

// TestProtocolErrorsAreTheProvokedOnes pins the non-modelled codes a response may carry:
// AccessDeniedException (contract-facts §5, OB-28) and the protocol errors the harness provokes
// (docs/emulator.md front-door table); issue 5: "no undocumented error, ever".
func TestProtocolErrorsAreTheProvokedOnes(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	var codes []string
	for _, p := range protocolErrors {
		codes = append(codes, p.Code)
		g.Expect(p.Source).NotTo(BeEmpty(), p.Code)
		g.Expect(p.Statuses).NotTo(BeEmpty(), p.Code)
	}
	g.Expect(codes).To(ConsistOf("AccessDeniedException", "SerializationException", "UnknownOperationException",
		"MissingAuthenticationTokenException", "IncompleteSignatureException"))
}

// TestPredictedProtocolErrorIsAccepted: a body that is not the input's JSON is predicted as a
// SerializationException (S5), and the service's answer with that code passes every check; the
// same request answered with a front-end code no source shows for cognito-idp does not.
func TestPredictedProtocolErrorIsAccepted(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient
	for name, body := range map[string]string{
		"not-json":   `{`,
		"array":      `[]`,
		"wrong-type": `{"UserPoolId":"us-east-1_abc","ClientId":"a","ClientName":7}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			p := c.Predict([]byte(body), State{})
			g.Expect(p.Code).To(Equal("SerializationException"))
			ok := Exchange{Request: []byte(body), Status: 400, Header: okHeader(),
				Body: []byte(`{"__type":"SerializationException","message":"Request body is not valid JSON"}`)}
			g.Expect(c.Check(p, ok)).To(BeEmpty())
			throttled := ok
			throttled.Body = []byte(`{"__type":"ThrottlingException","message":"Rate exceeded"}`)
			var checks []Check
			for _, f := range c.Check(p, throttled) {
				checks = append(checks, f.Check)
			}
			// CheckOutcome: not the predicted code; CheckResponse: not a code this operation sends.
			g.Expect(checks).To(ConsistOf(CheckErrorCode, CheckErrorCode))
		})
	}
}
