package contracts

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// parseCases are bodies on which the one-pass parser must agree with decodeBody
// (json.Decoder with UseNumber): the same value, or an error with the same text.
var parseCases = map[string]string{
	"empty object":          `{}`,
	"typical":               `{"UserPoolId":"us-east-1_abc","ClientId":"x","AccessTokenValidity":60,"AllowedOAuthFlows":["code"],"EnableTokenRevocation":true,"X":null}`,
	"whitespace":            " \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : { } } \n",
	"nested":                `{"a":{"b":{"c":[[],[{}],[null,true,false]]}}}`,
	"escapes":               `{"a":"q\"b\\s\/f\bn\nr\rt\tu\u00e9\u0041","b":"\ud83d\ude00","c":"\ud800","d":"\udc00x","e":"\ud800\u0041"}`,
	"escaped key":           `{"Client\u0049d":"x"}`,
	"duplicate keys":        `{"a":1,"a":2}`,
	"numbers":               `{"a":[0,-0,1,-1,12.5,1e3,1E+3,1e-3,-0.0,123456789012345678901234567890]}`,
	"unicode":               `{"a":"あいう","b":"é"}`,
	"top-level array":       `[1,2]`,
	"top-level string":      `"s"`,
	"top-level number":      `12`,
	"top-level null":        `null`,
	"empty":                 ``,
	"only space":            `   `,
	"truncated":             `{"a":`,
	"trailing comma":        `{"a":1,}`,
	"trailing data":         `{} x`,
	"two values":            `{}{}`,
	"bad literal":           `{"a":tru}`,
	"leading zero":          `{"a":01}`,
	"bare minus":            `{"a":-}`,
	"bad fraction":          `{"a":1.}`,
	"bad exponent":          `{"a":1e}`,
	"plus sign":             `{"a":+1}`,
	"control character":     "{\"a\":\"x\ty\"}",
	"bad escape":            `{"a":"\x"}`,
	"short unicode escape":  `{"a":"\u12"}`,
	"unterminated string":   `{"a":"abc`,
	"single quotes":         `{'a':1}`,
	"missing colon":         `{"a" 1}`,
	"missing comma":         `[1 2]`,
	"invalid utf-8":         "{\"a\":\"\xff\"}",
	"non-string key":        `{1:2}`,
	"unclosed array":        `[1,2`,
	"NaN":                   `{"a":NaN}`,
	"deep but fine":         strings.Repeat("[", 200) + strings.Repeat("]", 200),
	"deeper than encoding":  strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	"exactly encoding max":  strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	"byte order mark":       "\ufeff{}",
	"nul after value":       "{}\x00",
	"uppercase literal":     `{"a":True}`,
	"escaped slash in key":  `{"a\/b":1}`,
	"whitespace in numbers": `{"a":1 2}`,
}

func TestParseJSONAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	for name, body := range parseCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			agreeWithDecodeBody(NewWithT(t), []byte(body))
		})
	}
}

func agreeWithDecodeBody(g *WithT, body []byte) {
	want, wantErr := decodeBody(body)
	got, err := parseJSON(body)
	if wantErr != nil {
		g.Expect(err).To(MatchError(wantErr.Error()), "error text as decodeBody's")
		return
	}
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect([]any{got.toAny()}).To(Equal([]any{want})) // wrapped: gomega refuses nil == nil
	checkChars(g, &got)
	if len(body) < 2000 { // checkRaw is quadratic in the depth
		checkRaw(g, &got)
	}
}

// checkRaw checks that every node's raw text decodes to the node's own value.
func checkRaw(g *WithT, n *jnode) {
	var v any
	dec := json.NewDecoder(strings.NewReader(n.raw))
	dec.UseNumber()
	g.Expect(dec.Decode(&v)).To(Succeed(), "raw %q", n.raw)
	g.Expect([]any{v}).To(Equal([]any{n.toAny()}), "raw %q", n.raw)
	for i := range n.kids {
		checkRaw(g, &n.kids[i].val)
	}
}

// FuzzParseJSON: go test -run '^$' -fuzz FuzzParseJSON ./contracts
func FuzzParseJSON(f *testing.F) {
	for _, body := range parseCases {
		if len(body) < 1000 {
			f.Add([]byte(body))
		}
	}
	for _, tc := range failCases { // trailing data and nesting past the limit (scan_fail.go)
		f.Add([]byte(tc.body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		agreeWithDecodeBody(NewWithT(t), body)
	})
}

func TestAppendCompactIsJSONCompact(t *testing.T) {
	t.Parallel()
	for name, body := range parseCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			n, err := parseJSON([]byte(body))
			if err != nil {
				return
			}
			var want bytes.Buffer
			g.Expect(json.Compact(&want, []byte(n.raw))).To(Succeed())
			g.Expect(string(appendCompact(nil, n.raw))).To(Equal(want.String()))
		})
	}
}

func TestAppendQuotedIsJSONMarshal(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, s := range []string{"", "plain", `q"uote`, `back\slash`, "tab\t", "<html>&", "é", "あ", "\u2028"} {
		want, _ := json.Marshal(s)
		g.Expect(string(appendQuoted(nil, s))).To(Equal(string(want)), s)
	}
}

func TestParseShallowKeepsTheTopLevel(t *testing.T) {
	t.Parallel()
	for name, body := range parseCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			full, ferr := parseJSON([]byte(body))
			top, err := parseShallow([]byte(body))
			if ferr != nil {
				g.Expect(err).To(MatchError(ferr.Error()))
				return
			}
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(top.kind).To(Equal(full.kind))
			g.Expect(top.raw).To(Equal(full.raw))
			g.Expect(top.kids).To(HaveLen(len(full.kids)))
			for i, m := range full.kids {
				g.Expect(top.kids[i].name).To(Equal(m.name))
				g.Expect(top.kids[i].val.raw).To(Equal(m.val.raw))
				g.Expect(top.kids[i].val.kind).To(Equal(m.val.kind))
				g.Expect(top.kids[i].val.kids).To(BeEmpty())
			}
			picked, err := parseMembers([]byte(body), func(name string) bool { return name == "a" })
			g.Expect(err).NotTo(HaveOccurred())
			for _, m := range picked.kids {
				if picked.kind != jObject {
					break // keep selects object members; a top-level array keeps its entries
				}
				g.Expect(m.name).To(Equal("a"))
				g.Expect(top.get("a")).NotTo(BeNil())
			}
		})
	}
}

// refDecodeAny is decodeAny before the one-pass parser (encoding/json only).
func refDecodeAny(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("trailing data after the JSON value")
	}
	return v, nil
}

func decodeAnyAgrees(g *WithT, body []byte) {
	want, wantErr := refDecodeAny(body)
	got, err := decodeAny(body)
	g.Expect(err != nil).To(Equal(wantErr != nil), "errors %v / %v", err, wantErr)
	g.Expect([]any{got}).To(Equal([]any{want}))
}

// FuzzDecodeAny: go test -run '^$' -fuzz FuzzDecodeAny ./contracts
func FuzzDecodeAny(f *testing.F) {
	for _, body := range parseCases {
		if len(body) < 1000 {
			f.Add([]byte(body))
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) { decodeAnyAgrees(NewWithT(t), body) })
}

func TestDecodeAnyAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	extra := map[string]string{"closing brace after": `{} }`, "closing bracket after": `[1] ]`,
		"invalid utf-8 in a string": "{\"a\":\"\xff\"}", "two objects": `{}{}`}
	for name, body := range parseCases {
		extra[name] = body
	}
	for name, body := range extra {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			decodeAnyAgrees(NewWithT(t), []byte(body))
		})
	}
}
