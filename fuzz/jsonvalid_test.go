package fuzz

import (
	"encoding/json"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// jsonValidSeeds are texts at the edges of the grammar.
var jsonValidSeeds = []string{
	``, ` `, `0`, `-0`, `-`, `01`, `1.`, `1.5`, `.5`, `1e5`, `1E+5`, `1e`, `1e-`, `-1.5e-07`, `2.`, `+1`, `1 2`,
	`true`, `tru`, `truex`, `false`, `null`, `nul`, `nulll`, `"`, `""`, `"\"`, `"\\"`, `"\u00e9"`, `"\u00g9"`, `"\u12"`,
	`"\/\b\f\n\r\t"`, `"\x"`, "\"\x01\"", "\"\x7f\xff\xfe\"", "\"é\u2028\"", `[]`, `[ ]`, `[1,]`, `[,1]`, `[1 2]`, `[1,2]`,
	`{}`, `{ }`, `{"a":1}`, `{"a" : 1 , "b":[true,{"c":null}]}`, `{"a":}`, `{"a"}`, `{a:1}`, `{"a":1,}`, `{"a":1 "b":2}`,
	`{"a":1}}`, `[}`, `{]`, `[1]]`, ` {"a":[1,2,{"b":"c"}]} `, "\t\n\r[1]\r\n", "\f[1]", `{"UserPoolClient":{"ClientId":"x"}}`,
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000), strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000), strings.Repeat(`[{"a":`, 5000) + "[]" + strings.Repeat("}]", 5000),
	strings.Repeat("[", 9999) + "[]" + strings.Repeat("]", 9999), strings.Repeat("[", 10000) + "[]" + strings.Repeat("]", 10000),
}

// validJSON says what json.Valid says.
func TestValidJSONAsValid(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, s := range append(jsonValidSeeds, clientOfSeeds...) {
		g.Expect(validJSON([]byte(s))).To(Equal(json.Valid([]byte(s))), "%.80q", s)
	}
}

func FuzzValidJSON(f *testing.F) {
	for _, s := range append(jsonValidSeeds, clientOfSeeds...) {
		if len(s) < 200 {
			f.Add([]byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validJSON(b), json.Valid(b); got != want {
			t.Fatalf("validJSON(%q) = %v, json.Valid %v", b, got, want)
		}
	})
}

// jsonStringReference is jsonString as it read byte by byte before contracts.PlainEnd.
func jsonStringReference(b []byte, i int) (int, bool) {
	for i++; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			i++
			if i >= len(b) {
				return i, false
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(b)-i <= 4 || !isHex(b[i+1]) || !isHex(b[i+2]) || !isHex(b[i+3]) || !isHex(b[i+4]) {
					return i, false
				}
				i += 4
			default:
				return i, false
			}
		}
	}
	return i, false
}

// jsonStringCases are string texts (from their opening quote) at the edges: escapes at run
// ends and word boundaries, control characters, invalid UTF-8 and surrogates (taken as they
// are), multibyte, empty, unterminated, huge.
var jsonStringCases = []string{
	`""`, `"`, `"a`, `"abcdefg"`, `"abcdefgh"`, `"abcdefghi"`, `"abcdefgh\"`, `"abcdefg\"x"`, `"\\"`, `"\\\\"`, `"\`,
	`"\u00e9"`, `"\u00E9x"`, `"\u00g9"`, `"\u12"`, `"\u123`, `"\ud83d\ude00"`, `"\ud83d"`, `"\x"`, `"\/\b\f\n\r\t"`,
	"\"a\x01b\"", "\"abcdefgh\x1f\"", "\"\x7f\"", "\"\xff\xfe\"", "\"\xed\xa0\x80\"", "\"é中\u2028₤\"", "\"abcdefgé\"",
	`"` + strings.Repeat(`é\u2028a<&>`, 2000) + `"`, `"` + strings.Repeat("aé中", 3000) + `"`,
	`"` + strings.Repeat("x", 4000) + "\x00" + `"`, `"` + strings.Repeat("x", 4001),
}

// jsonString (runs read eight bytes at a time) is the byte loop, from every quote of a text.
func TestJSONStringAsReference(t *testing.T) {
	t.Parallel()
	for _, s := range append(jsonStringCases, jsonValidSeeds...) {
		jsonStringAgrees(t, []byte(s))
	}
}

func jsonStringAgrees(t *testing.T, b []byte) {
	t.Helper()
	for i := range b {
		if b[i] != '"' {
			continue
		}
		end, ok := jsonString(b, i)
		if wend, wok := jsonStringReference(b, i); end != wend || ok != wok {
			t.Fatalf("%.80q from %d: jsonString (%d, %v), the byte loop (%d, %v)", b, i, end, ok, wend, wok)
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range jsonStringCases {
		if len(s) < 200 {
			f.Add([]byte(s))
		}
	}
	f.Fuzz(jsonStringAgrees)
}

// BenchmarkValidJSON checks a 6 KB client as DescribeUserPoolClient returns it: validJSON and,
// in the same run, json.Valid.
func BenchmarkValidJSON(b *testing.B) {
	var urls []string
	for i := range 100 {
		urls = append(urls, "https://cb"+strings.Repeat("x", i%20)+".example.com/é\u2028")
	}
	client, _ := json.Marshal(map[string]any{"ClientId": "abc", "CallbackURLs": urls, "AccessTokenValidity": 60,
		"TokenValidityUnits": map[string]any{"AccessToken": "minutes"}, "AllowedOAuthFlowsUserPoolClient": true})
	for name, valid := range map[string]func([]byte) bool{"validJSON": validJSON, "json.Valid": json.Valid} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(client)))
			for b.Loop() {
				if !valid(client) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
