package contracts

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// errorEncodings are the ways a client must accept an error code (S5; S4; OB-21).
var errorEncodings = map[string]func(code string) (http.Header, string){
	"plain": func(code string) (http.Header, string) {
		return okHeader(), `{"__type":"` + code + `","message":"m"}`
	},
	"namespace-prefix": func(code string) (http.Header, string) {
		return okHeader(), `{"__type":"com.amazonaws.cognitoidentityprovider#` + code + `","message":"m"}`
	},
	"colon-suffix": func(code string) (http.Header, string) {
		return okHeader(), `{"__type":"` + code + `:http://internal.amazon.com/coral/com.amazon.coral.validate/","message":"m"}`
	},
	"header-only": func(code string) (http.Header, string) {
		h := okHeader()
		h.Set("X-Amzn-ErrorType", code+":")
		return h, `{}`
	},
	"Message-capitalised": func(code string) (http.Header, string) {
		return okHeader(), `{"code":"` + code + `","Message":"m"}`
	},
}

// wrongStatus is a status the service does not send for an error: the model's @httpError where
// it differs from the real 400, else the other of 400/500 (contract-facts §5).
func wrongStatus(e *Shape) int {
	switch {
	case e.Error == "server":
		return 400
	case e.HTTPError != 0 && e.HTTPError != 400:
		return e.HTTPError
	}
	return 500
}

func TestCheckResponseErrorCodes(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient
	names := map[string]bool{}
	for _, e := range c.Operation.Errors {
		names[e.Name] = true
		for enc, build := range errorEncodings {
			e, build := e, build
			t.Run(e.Name+"/"+enc, func(t *testing.T) {
				t.Parallel()
				g := NewWithT(t)
				h, body := build(e.Name)
				// Right status: 400 for client errors whatever @httpError says, 500 for server faults.
				g.Expect(c.CheckResponse(Exchange{Status: errorStatus(e), Header: h, Body: []byte(body)})).To(BeEmpty())
				// Wrong status: one status finding naming the error.
				fs := c.CheckResponse(Exchange{Status: wrongStatus(e), Header: h, Body: []byte(body)})
				g.Expect(fs).To(HaveLen(1))
				g.Expect(fs[0].Check).To(Equal(CheckStatus))
				g.Expect(fs[0].Member).To(Equal(e.Name))
				g.Expect(fs[0].Expected).To(Equal(fmt.Sprintf("%d for %s", errorStatus(e), e.Name)))
			})
		}
	}
	// S2/S4 add OperationNotEnabledException; the embedded model must carry it (contract-facts §5).
	NewWithT(t).Expect(names).To(HaveKey("OperationNotEnabledException"))
	NewWithT(t).Expect(names).To(HaveLen(10))
}

func TestCheckResponseErrors(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient
	hdr := func(kv ...string) http.Header {
		h := okHeader()
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == "" {
				h.Del(kv[i])
			} else {
				h.Set(kv[i], kv[i+1])
			}
		}
		return h
	}
	cases := map[string]struct {
		status int
		header http.Header
		body   string
		want   []Finding // only Check, Rule, Member, Actual compared
	}{
		// contract-facts §5: real, not modelled, allowed.
		"AccessDeniedException/400": {400, okHeader(), `{"__type":"AccessDeniedException","message":"User: x is not authorized"}`, nil},
		// The protocol errors the harness provokes and the contract predicts (errorcode.go).
		"SerializationException/400":              {400, okHeader(), `{"__type":"SerializationException","message":"x"}`, nil},
		"UnknownOperationException/400":           {400, okHeader(), `{"__type":"UnknownOperationException"}`, nil},
		"MissingAuthenticationTokenException/400": {400, okHeader(), `{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}`, nil},
		"MissingAuthenticationTokenException/403": {403, okHeader(), `{"__type":"MissingAuthenticationTokenException"}`, nil},
		"IncompleteSignatureException/400":        {400, okHeader(), `{"__type":"IncompleteSignatureException"}`, nil},
		"SerializationException/500-wrong-status": {500, okHeader(), `{"__type":"SerializationException"}`,
			[]Finding{{Check: CheckStatus, Member: "SerializationException", Actual: "500"}}},
		// Issue 5: no undocumented error, ever. Codes of AWS's generic Common Errors page that no
		// source shows cognito-idp sending (contract-facts §5) are error-code findings.
		"ThrottlingException/400": {400, okHeader(), `{"__type":"ThrottlingException"}`,
			[]Finding{{Check: CheckErrorCode, Actual: `"ThrottlingException"`}}},
		"ServiceUnavailable/503": {503, okHeader(), `{"__type":"ServiceUnavailable"}`,
			[]Finding{{Check: CheckErrorCode, Actual: `"ServiceUnavailable"`}}},
		"InvalidClientTokenId/403": {403, okHeader(), `{"__type":"InvalidClientTokenId"}`,
			[]Finding{{Check: CheckErrorCode, Actual: `"InvalidClientTokenId"`}}},
		"UnrecognizedClientException/400": {400, okHeader(), `{"__type":"UnrecognizedClientException"}`,
			[]Finding{{Check: CheckErrorCode, Actual: `"UnrecognizedClientException"`}}},
		"MissingAuthenticationToken/403": {403, okHeader(), `{"__type":"MissingAuthenticationToken"}`,
			[]Finding{{Check: CheckErrorCode, Actual: `"MissingAuthenticationToken"`}}},
		// A code outside every list is an error-code finding.
		"unknown-code": {400, okHeader(), `{"__type":"ValidationException","message":"x"}`,
			[]Finding{{Check: CheckErrorCode, Actual: `"ValidationException"`}}},
		// An error body must be a JSON object with a code.
		"no-code": {400, okHeader(), `{"message":"x"}`, []Finding{{Check: CheckProtocol, Rule: "error-code", Actual: "none"}}},
		"html-body": {502, hdr("Content-Type", "text/html"), `<html>bad gateway</html>`, []Finding{
			{Check: CheckProtocol, Rule: "content-type", Actual: `"text/html"`},
			{Check: CheckProtocol, Rule: "error-body", Actual: `"<html>bad gateway</html>"`},
			{Check: CheckProtocol, Rule: "error-code", Actual: "none"}}},
		// Content-Type parameters are accepted; a missing request id is a protocol finding.
		"charset-accepted": {400, hdr("Content-Type", ContentType+"; charset=utf-8"), `{"__type":"InvalidParameterException"}`, nil},
		"json-1.0": {400, hdr("Content-Type", "application/x-amz-json-1.0"), `{"__type":"InvalidParameterException"}`,
			[]Finding{{Check: CheckProtocol, Rule: "content-type", Actual: `"application/x-amz-json-1.0"`}}},
		"no-request-id": {400, hdr("X-Amzn-Requestid", ""), `{"__type":"InvalidParameterException"}`,
			[]Finding{{Check: CheckProtocol, Rule: "request-id", Actual: "none"}}},
		"204": {204, okHeader(), ``, []Finding{{Check: CheckStatus, Actual: "204"}}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			fs := c.CheckResponse(Exchange{Status: tc.status, Header: tc.header, Body: []byte(tc.body)})
			g.Expect(findingKeys(fs)).To(ConsistOf(findingKeys(tc.want)))
		})
	}
}

func TestCheckResponseUnknownCodeListsKnownOnes(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	fs := UpdateUserPoolClient.CheckResponse(Exchange{Status: 400, Header: okHeader(), Body: []byte(`{"__type":"Nope"}`)})
	g.Expect(fs).To(HaveLen(1))
	g.Expect(fs[0].String()).To(HavePrefix(`error-code: expected one of AccessDeniedException, ConcurrentModificationException,`))
	g.Expect(fs[0].String()).To(HaveSuffix(`got "Nope"`))
}

// findingKeys keeps the fields a test asserts.
func findingKeys(fs []Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, strings.Join([]string{string(f.Check), f.Rule, f.Member, f.Actual}, "|"))
	}
	return out
}

// The header names checkProtocolHeaders and the error code's readers read by map index are
// canonical, so headerValue is h.Get: for headers set in any spelling, several values, an empty
// value, none.
func TestProtocolHeaderNamesAreCanonical(t *testing.T) {
	t.Parallel()
	for _, key := range []string{headerContentType, headerRequestID, headerErrorType} {
		if c := http.CanonicalHeaderKey(key); c != key {
			t.Fatalf("%q is not canonical (%q)", key, c)
		}
		for _, set := range []func(h http.Header){
			func(http.Header) {},
			func(h http.Header) { h.Set(strings.ToLower(key), "v") },
			func(h http.Header) { h.Set(strings.ToUpper(key), "v") },
			func(h http.Header) { h.Add(key, "a"); h.Add(key, "b") },
			func(h http.Header) { h[key] = []string{""} },
			func(h http.Header) { h[key] = []string{} },
			func(h http.Header) { h[strings.ToLower(key)] = []string{"raw"} }, // not canonical: Get misses it too
		} {
			h := http.Header{}
			set(h)
			if got, want := headerValue(h, key), h.Get(key); got != want {
				t.Fatalf("%v: headerValue %q, Get %q", h, got, want)
			}
		}
	}
}

// BenchmarkProtocolHeaders reads a 200's headers as checkProtocolHeaders does (headerValue)
// and, in the same run, through http.Header.Get (what it replaces), alternating which goes first.
func BenchmarkProtocolHeaders(b *testing.B) {
	h := okHeader()
	h.Set("Date", "Mon, 02 Jan 2006 15:04:05 GMT")
	h.Set("Content-Length", "1234")
	read := map[string]func() bool{
		"headerValue": func() bool {
			return headerValue(h, headerContentType) == ContentType && headerValue(h, headerRequestID) != ""
		},
		"Get": func() bool { return h.Get("Content-Type") == ContentType && h.Get("X-Amzn-Requestid") != "" },
	}
	for _, order := range [][]string{{"headerValue", "Get"}, {"Get", "headerValue"}} {
		for _, name := range order {
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					if !read[name]() {
						b.Fatal("headers missing")
					}
				}
			})
		}
	}
}
