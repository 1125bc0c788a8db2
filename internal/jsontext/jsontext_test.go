package jsontext

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

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
	"huge mixed":            strings.Repeat("\u3000\u0663\u2014\u00e9\u4e2d\ud55c\u00bf \u2211\u200b\u0416\u00ab\u00bd\u20ac a\u00df\u3042\u00a9", 7000), // a too-long ExternalId's mix: 2- and 3-byte runes, lone spaces
}

// TestAppendStringIsMarshal: the one-pass encoder writes what json.Marshal writes for a Go string.
func TestAppendStringIsMarshal(t *testing.T) {
	t.Parallel()
	for name, s := range jsonStringCases {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			want, err := json.Marshal(s)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(string(AppendString([]byte("x"), s))).To(Equal("x" + string(want)))
			g.Expect(string(appendStringRuneByRune(nil, s))).To(Equal(string(want)))
		})
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range jsonStringCases {
		if len(s) < 1000 {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := AppendString(nil, s); string(got) != string(want) {
			t.Fatalf("AppendString(%q) = %s, json.Marshal = %s", s, got, want)
		}
	})
}

// BenchmarkAppendString compares the encoder with json.Marshal and with the rune-by-rune
// encoder (no runs) on the same values: escape-dense, plain ASCII, kana, and a mostly plain one
// with a few multibyte characters and escapes.
func BenchmarkAppendString(b *testing.B) {
	for name, s := range map[string]string{"dense": jsonStringCases["huge"], "plain": jsonStringCases["huge plain"], "kana": jsonStringCases["huge kana"], "mixed": jsonStringCases["huge mixed"],
		"sparse": strings.Repeat("abcdefghij KLMNOPQRST uvwxyz0123456789 é世 <tag> \"quoted\\n", 6000),
	} {
		b.Run(name, func(b *testing.B) { benchJSONString(b, s) })
	}
}

// shortStrings are values of the size a drawn body is made of: member names, ids, URLs, scopes
// (one with an escape).
var shortStrings = []string{"AllowedOAuthFlowsUserPoolClient", "ClientId", "us-east-1_Ab12Cd34E", "https://cb3.example.com/aBc-9",
	"http://localhost:8080/cb12/xé", "myapp://cb2/a&b", "openid", "ALLOW_REFRESH_TOKEN_AUTH", "res.example/read"}

// BenchmarkAppendShort is AppendString on short values into a buffer reused (as a body is
// rendered), against the rune-by-rune encoder on the same values: the per-call cost.
func BenchmarkAppendShort(b *testing.B) {
	n := 0
	for _, s := range shortStrings {
		n += len(s)
	}
	buf := make([]byte, 0, 4096)
	for _, e := range []struct {
		name string
		enc  func([]byte, string) []byte
	}{{"AppendString", AppendString}, {"rune-by-rune", appendStringRuneByRune}} {
		enc := e.enc
		b.Run(e.name, func(b *testing.B) {
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				buf = buf[:0]
				for _, s := range shortStrings {
					buf = enc(buf, s)
				}
			}
		})
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
	b.Run("AppendString", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		b.ReportAllocs()
		for b.Loop() {
			_ = AppendString(nil, s)
		}
	})
	b.Run("rune-by-rune", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		b.ReportAllocs()
		for b.Loop() {
			_ = appendStringRuneByRune(nil, s)
		}
	})
}

// plainRun agrees with plainASCII byte by byte on one word: every byte value at every position of a plain
// word, and pairs of bytes (a borrow from one byte must not hide or fake another).
func TestPlainRunAsPlainASCII(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	plain8 := func(w string) bool { return plainRun(w) == 8 }
	plain := func(w []byte) bool {
		for _, b := range w {
			if b >= utf8.RuneSelf || !plainASCII[b] {
				return false
			}
		}
		return true
	}
	word := []byte("abcdefgh")
	for pos := range 8 {
		for b := range 256 {
			w := append([]byte{}, word...)
			w[pos] = byte(b)
			g.Expect(plain8(string(w))).To(Equal(plain(w)), "%q", w)
			for pos2 := range 8 {
				for _, b2 := range []byte{0x00, 0x1f, 0x20, 0x21, '"', '&', '<', '>', '\\', 0x7f, 0x80, 0xe2, 0xff} {
					w2 := append([]byte{}, w...)
					w2[pos2] = b2
					g.Expect(plain8(string(w2))).To(Equal(plain(w2)), "%q", w2)
				}
			}
		}
	}
}

// appendStringRuneByRune is AppendString without its runs (every non-ASCII rune decoded), the
// reference its runs are measured against.
func appendStringRuneByRune(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if plainASCII[b] {
				i++
				continue
			}
			dst = appendASCIIEscape(append(dst, s[start:i]...), b)
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(append(dst, s[start:i]...), `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(append(dst, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(dst, s[start:]...), '"')
}

// multibyteRunReference is multibyteRun by utf8.DecodeRuneInString: the valid two- and
// three-byte runes in a row but U+2028 and U+2029.
func multibyteRunReference(s string) int {
	i := 0
	for i < len(s) {
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 || size < 2 || size > 3 || c == '\u2028' || c == '\u2029' {
			return i
		}
		i += size
	}
	return i
}

var runSeeds = []string{"", "a", "abcdefg", "abcdefghi", "abcdefgh\"", "abcdefghijklmno\xff", "https://cb3.example.com/aBc-9", "é", "éa", "\u2028", "é\u2029", "中文\u2026", "\xc2", "\xc2\x80", "\xc1\xbf", "\xe0\x9f\xbf", "\xe0\xa0\x80",
	"\xed\x9f\xbf", "\xed\xa0\x80", "\xef\xbf\xbf", "😀", "é😀", "\xe2\x80", "abcdefgh", "abcdefgh<", "abcdefg\x1fxxxxxxxx"}

// multibyteRun and plainRun skip exactly what the rune-by-rune reading lets through.
func TestRunsAsReference(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, s := range runSeeds {
		g.Expect(multibyteRun(s)).To(Equal(multibyteRunReference(s)), "%q", s)
		g.Expect(plainRun(s)).To(Equal(plainRunReference(s)), "%q", s)
		g.Expect(plainPrefix(s)).To(Equal(plainPrefixReference(s)), "%q", s)
	}
	for _, s := range jsonStringCases {
		g.Expect(plainPrefix(s)).To(Equal(plainPrefixReference(s)), "%q", s)
	}
}

// plainPrefixReference is plainPrefix byte by byte.
func plainPrefixReference(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || !plainASCII[s[i]] {
			return i
		}
	}
	return len(s)
}

// plainRunReference is plainRun byte by byte.
func plainRunReference(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || !plainASCII[s[i]] {
			break
		}
		n++
	}
	return n / 8 * 8
}

func FuzzRuns(f *testing.F) {
	for _, s := range runSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := multibyteRun(s), multibyteRunReference(s); got != want {
			t.Fatalf("multibyteRun(%q) = %d, want %d", s, got, want)
		}
		if got, want := plainRun(s), plainRunReference(s); got != want {
			t.Fatalf("plainRun(%q) = %d, want %d", s, got, want)
		}
		if got, want := plainPrefix(s), plainPrefixReference(s); got != want {
			t.Fatalf("plainPrefix(%q) = %d, want %d", s, got, want)
		}
	})
}
