package contracts

import (
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
