package emulator

import (
	"encoding/json"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// jsonStringCases are the edge cases of a JSON string encoder, each against json.Marshal.
var jsonStringCases = map[string]string{
	"empty":                 "",
	"plain":                 "Invalid request (R7 CallbackURLs).",
	"quote and backslash":   `a"b\c`,
	"named controls":        "\b\f\n\r\t",
	"other controls":        "\x00\x01\x1f\x7f",
	"html":                  "<script>&amp;</script>",
	"line separators":       "a\u2028b\u2029c",
	"near line separators":  "\u2027\u202a\u2020\u20ac", // E2 80 A7, E2 80 AA, ...: not escaped
	"multibyte":             "é世界🙂",
	"replacement character": "\ufffd",
	"invalid lead byte":     "a\xffb",
	"truncated sequence":    "a\xe2\x80",
	"lone continuation":     "\x80\xbf",
	"surrogate as UTF-8":    "\xed\xa0\x80", // U+D800 encoded: invalid UTF-8
	"overlong":              "\xc0\xaf",
	"invalid then 2028":     "\xff\u2028",
	"ends in multibyte":     "abc世",
	"huge":                  strings.Repeat("a\u00e9<\u2028>&\"z\u4e16 ", 30000),
	"huge invalid":          strings.Repeat("ab\xffc\u2029", 20000),
	"huge plain":            strings.Repeat("abcdefgh-IJKLMNOP_0123456789", 11000) + "\x1f\x7f!#%'()*+,./:;=?@[]^`{|}~",
	"huge kana":             strings.Repeat("あいう", 30000) + "<",
}

// TestAppendJSONString: the one-pass encoder writes what json.Marshal writes for a Go string.
func TestAppendJSONString(t *testing.T) {
	t.Parallel()
	for name, s := range jsonStringCases {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			want, err := json.Marshal(s)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(string(appendJSONString([]byte("x"), s))).To(Equal("x" + string(want)))
		})
	}
}

// TestErrorBody: the error document is json.Marshal's of the same struct, with and without a
// message.
func TestErrorBody(t *testing.T) {
	t.Parallel()
	for name, s := range jsonStringCases {
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

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStringCases {
		if len(s) < 1000 {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, json.Marshal = %s", s, got, want)
		}
	})
}

// BenchmarkAppendJSONString compares the encoder with json.Marshal on an escape-dense value
// and on a mostly plain one (a long name with a few multibyte characters and escapes).
func BenchmarkAppendJSONString(b *testing.B) {
	for name, s := range map[string]string{"dense": jsonStringCases["huge"], "plain": jsonStringCases["huge plain"], "kana": jsonStringCases["huge kana"],
		"sparse": strings.Repeat("abcdefghij KLMNOPQRST uvwxyz0123456789 é世 <tag> \"quoted\\n", 6000)} {
		b.Run(name, func(b *testing.B) { benchJSONString(b, s) })
	}
}

func benchJSONString(b *testing.B, s string) {
	b.Run("json.Marshal", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		b.ReportAllocs()
		for b.Loop() {
			_, _ = json.Marshal(s)
		}
	})
	b.Run("appendJSONString", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		b.ReportAllocs()
		for b.Loop() {
			_ = appendJSONString(nil, s)
		}
	})
}

// TestNotPlainIsTheTable: the eight-byte test agrees with jsonPlain for every byte at every
// position of a word of plain bytes.
func TestNotPlainIsTheTable(t *testing.T) {
	t.Parallel()
	for b := range 256 {
		for pos := range 8 {
			w := [8]byte{'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}
			w[pos] = byte(b)
			s := string(w[:])
			if got := plainEnd(s, 0); jsonPlain[b] != (got == 8) {
				t.Fatalf("byte %#x at %d: plainEnd %d, jsonPlain %v", b, pos, got, jsonPlain[b])
			}
			if !jsonPlain[b] && plainEnd(s, 0) != pos {
				t.Fatalf("byte %#x at %d: plainEnd %d", b, pos, plainEnd(s, 0))
			}
		}
	}
}
