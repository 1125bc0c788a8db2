package contracts

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// compactCases are JSON texts around what Apply stores, for appendCompactText against
// appendCompact and json.Compact.
var compactCases = map[string]string{
	"empty string":          `""`,
	"number":                `30`,
	"compact list":          `["https://a.example.com/cb","https://b.example.com/cb"]`,
	"spaced list":           "[ \"a\" ,\t\"b\"\n,\r\"c\" ]",
	"space in a string":     `"my app"`,
	"spaces in and out":     `{ "Name" : "a b  c" , "Other" : [ 1 , 2 ] }`,
	"escaped quote":         `"a \" b"`,
	"escaped backslash":     `"a \\" `,
	"backslashes and quote": `[ "\\\\\" x" , "\\\\" ]`,
	"unicode escapes":       `[ "\u2028 \u0041" , "\ud800" ]`,
	"multibyte":             `{ "k" : "é 世 🙂" }`,
	"seven bytes":           `"a b"  `,
	"eight bytes no space":  `"abcdef"`,
	"nine bytes one space":  `"abcdef" `,
	"space at byte 8":       `["abcde", 1]`,
	"huge compact":          `"` + strings.Repeat("abcdefghij\u00e9", 30000) + `"`,
	"huge with spaces":      `[ "` + strings.Repeat("a b\\\" c ", 30000) + `" ]`,
}

// TestAppendCompactText: the same bytes as appendCompact and json.Compact on valid JSON.
func TestAppendCompactText(t *testing.T) {
	t.Parallel()
	for name, text := range compactCases {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			g.Expect(json.Valid([]byte(text))).To(BeTrue(), "a case must be valid JSON")
			checkCompactText(t, text)
			g.Expect(hasByteAtOrBelowSpace(text)).To(Equal(hasSpace(text)))
		})
	}
}

func checkCompactText(t *testing.T, text string) {
	got := appendCompactText([]byte("x"), text)
	if want := appendCompact([]byte("x"), text); !bytes.Equal(got, want) {
		t.Fatalf("appendCompactText(%q) = %q, appendCompact = %q", text, got, want)
	}
	var std bytes.Buffer
	if err := json.Compact(&std, []byte(text)); err == nil && string(got[1:]) != std.String() {
		t.Fatalf("appendCompactText(%q) = %q, json.Compact = %q", text, got[1:], std.String())
	}
}

// TestHasByteAtOrBelowSpace: the word-at-a-time scan finds a low byte at every position.
func TestHasByteAtOrBelowSpace(t *testing.T) {
	t.Parallel()
	for n := range 20 {
		for at := range n {
			for _, low := range []byte{0, '\t', '\n', '\r', ' '} {
				b := bytes.Repeat([]byte{'a'}, n)
				b[at] = low
				if !hasByteAtOrBelowSpace(string(b)) {
					t.Fatalf("byte %#x at %d of %d not found", low, at, n)
				}
			}
			for _, high := range []byte{'!', 0x7f, 0x80, 0xa0, 0xff} {
				b := bytes.Repeat([]byte{'a'}, n)
				b[at] = high
				if hasByteAtOrBelowSpace(string(b)) {
					t.Fatalf("byte %#x at %d of %d taken for a low one", high, at, n)
				}
			}
		}
	}
}

func FuzzAppendCompactText(f *testing.F) {
	for _, text := range compactCases {
		if len(text) < 1000 {
			f.Add(text)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !json.Valid([]byte(text)) {
			return // the domain: texts the parser accepted
		}
		checkCompactText(t, text)
	})
}
