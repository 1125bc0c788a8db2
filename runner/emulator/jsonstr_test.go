package emulator

import (
	"encoding/json"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// errorBodyCases are values an error answer quotes (the encoder's own edge cases are
// internal/jsontext's tests).
var errorBodyCases = map[string]string{
	"empty":           "",
	"plain":           "Invalid request (R7 CallbackURLs).",
	"escapes":         "a\"b\\c\b\f\n\r\t\x00\x1f<&>",
	"line separators": "a\u2028b\u2029c",
	"multibyte":       "é世界🙂",
	"invalid UTF-8":   "a\xffb\xe2\x80",
	"huge":            strings.Repeat("a\u00e9<\u2028>&\"z\u4e16 ", 30000),
}

// TestErrorBody: the error document is json.Marshal's of the same struct, with and without a
// message.
func TestErrorBody(t *testing.T) {
	t.Parallel()
	for name, s := range errorBodyCases {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			want, _ := json.Marshal(struct {
				Type    string `json:"__type"`
				Message string `json:"message"`
			}{"InvalidParameterException", s})
			g.Expect(string(errorBody(&apiError{Code: "InvalidParameterException", Message: s}))).To(Equal(string(want)))
			want, _ = json.Marshal(struct {
				Type string `json:"__type"`
			}{s})
			g.Expect(string(errorBody(&apiError{Code: s, Message: "ignored", NoMessage: true}))).To(Equal(string(want)))
		})
	}
}

// TestErrorBodyAllocatesOnce: an error document is written in one buffer made at its size, a
// huge message included (a message of a few escapes is not grown a second time).
func TestErrorBodyAllocatesOnce(t *testing.T) {
	g := NewWithT(t)
	for _, msg := range []string{"", "short", strings.Repeat("a\u00e9\u4e16 x", 40000), strings.Repeat("abcdefghijklmnopqrstuvwxyz0123456789 abcdefghijklmnopqrstuvwxyz <", 5000)} {
		err := &apiError{Code: "InvalidParameterException", Message: msg}
		g.Expect(testing.AllocsPerRun(5, func() { _ = errorBody(err) })).To(BeNumerically("==", 1), "%.40q", msg)
	}
}
