package fuzz

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

func TestMarshalAsEncodingJSON(t *testing.T) {
	t.Parallel()
	cases := map[string]any{
		"nil":              nil,
		"nil list":         []any(nil),
		"nil object":       map[string]any(nil),
		"empty list":       []any{},
		"empty object":     map[string]any{},
		"scalars":          []any{true, false, int64(-9223372036854775808), 7, 1.5, json.Number("12")},
		"keys sorted":      map[string]any{"b": 1, "a": []any{"x", map[string]any{"z": nil, "<": "&"}}},
		"html escaped":     "<a href=\"x\">&amp;</a>",
		"controls":         "\x00\x01\b\f\n\r\t\x1f\x7f\\",
		"line separators":  "a\u2028b\u2029c",
		"invalid utf-8":    "a\xffb\xc3",
		"multibyte":        "éßЖあ中한\u0301€©∑٣½«¿—\u00a0\u3000\u200b𝒜😀",
		"escaped key":      map[string]any{"\u2028<": "\xff"},
		"other E2 runes":   "\u2026\u20ac\u2027\u202a\u2018 \u2028\u2029\u2028",
		"E2 at the end":    "ab\xe2\x80",
		"surrogate bytes":  "\xed\xa0\x80",
		"huge multibyte":   strings.Repeat("é\u2028𝒜<", 20000),
		"huge repeated":    string(make([]byte, 70000)),
		"not a JSON value": struct{ A int }{1},
	}
	for name, v := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			want, err := json.Marshal(v)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(string(marshal(v))).To(Equal(string(want)))
		})
	}
}

// TestMarshalDrawsAsEncodingJSON renders drawn requests of every mode both ways.
func TestMarshalDrawsAsEncodingJSON(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, _, _ := benchHarnessOn(t, nil)
	for i := range 300 {
		c := gen.DrawMode(NewSource(int64(i)), 0)
		want, err := json.Marshal(c.Request)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(string(marshal(c.Request))).To(Equal(string(want)), c.ID)
	}
}

func FuzzMarshalString(f *testing.F) {
	for _, s := range []string{"", "a", "<>&\"\\", "\u2028\xff", "é\x00", "\u2029x\u2026", "\xe2\x80", "€\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(map[string]any{s: []any{s}})
		if got := marshal(map[string]any{s: []any{s}}); string(got) != string(want) {
			t.Fatalf("%q: got %s, encoding/json %s", s, got, want)
		}
	})
}

// TestSDKInputAsUnmarshal checks that the SDK input built from a drawn request equals the one
// json.Unmarshal builds from its body, for drawn requests of every mode.
func TestSDKInputAsUnmarshal(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, _, _ := benchHarnessOn(t, nil)
	filled := 0
	for i := range 600 {
		c := gen.DrawMode(NewSource(int64(i)), 0)
		if c.Request == nil || !expressible(contracts.UpdateUserPoolClient.Operation.Input, c.Request) {
			continue
		}
		want := &cip.UpdateUserPoolClientInput{}
		wantOK := json.Unmarshal(marshal(c.Request), want) == nil
		got := &cip.UpdateUserPoolClientInput{}
		if fillInput(reflect.ValueOf(got).Elem(), c.Request) {
			filled++
			g.Expect(wantOK).To(BeTrue(), c.ID)
			if !reflect.DeepEqual(got, want) {
				w, _ := json.Marshal(want)
				gj, _ := json.Marshal(got)
				t.Fatalf("%s: json.Unmarshal builds\n%s\nfillInput builds\n%s", c.ID, w, gj)
			}
		}
	}
	g.Expect(filled).To(BeNumerically(">", 100))
}

// clientOfReference is clientOf as encoding/json alone reads the body.
func clientOfReference(body []byte) (json.RawMessage, bool) {
	var doc struct{ UserPoolClient json.RawMessage }
	if json.Unmarshal(body, &doc) != nil {
		return nil, false
	}
	return doc.UserPoolClient, true
}

var clientOfSeeds = []string{
	`{"UserPoolClient":{"ClientId":"a","ClientName":"\u00e9"}}`, `{"UserPoolClient":null}`, `{"UserPoolClient":7}`,
	`{"UserPoolClient":{"a":1}} `, `{"UserPoolClient": {"a":1}}`, `{"UserPoolClient":{"a":1} }`, `{"UserPoolClient":{"a":1},"b":2}`,
	`{"UserPoolClient":{"a":1}}}`, `{"UserPoolClient":}`, `{"UserPoolClient":{"a":1},"UserPoolClient":{"b":2}}`,
	`{"userpoolclient":{"a":1}}`, `{"UserPoolClient":"x` + "\xff" + `"}`, `{}`, `[]`, ``, `{"UserPoolClient":{"a":1}}` + "\f",
}

// The follow-up reads the client as encoding/json does, fast path or not.
func TestClientOf(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, s := range clientOfSeeds {
		got, ok := clientOf([]byte(s))
		want, wantOK := clientOfReference([]byte(s))
		g.Expect(ok).To(Equal(wantOK), s)
		g.Expect(string(got)).To(Equal(string(want)), s)
	}
}

func FuzzClientOf(f *testing.F) {
	for _, s := range clientOfSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, ok := clientOf(body)
		want, wantOK := clientOfReference(body)
		if ok != wantOK || !bytes.Equal(got, want) {
			t.Fatalf("%q: clientOf (%q, %v), encoding/json (%q, %v)", body, got, ok, want, wantOK)
		}
	})
}
