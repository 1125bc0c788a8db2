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

// FuzzAppendString holds AppendString to json.Marshal (TestStringWritersAreMarshal holds it on
// jsonStringCases, in messageCases).
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

// textRunReference is where textRun's run from i ends, by utf8.DecodeRuneInString: at the first
// character not written as it is (an ASCII byte plainASCII does not pass, U+2028, U+2029, or a
// byte of invalid UTF-8), len(s) when none.
func textRunReference(s string, i int) int {
	for i < len(s) {
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 || c < utf8.RuneSelf && !plainASCII[c] || c == '\u2028' || c == '\u2029' {
			return i
		}
		i += size
	}
	return i
}

// textRunEnd is where textRun's run from i ends: the byte it stops at, or, stopped inside a
// character (or at the end inside one), that character's first byte.
func textRunEnd(s string, i int) int {
	end, st := textRun(s, i, tPlain)
	if st != tPlain {
		return leadBefore(s, end)
	}
	return end
}

var runSeeds = []string{"", "a", "abcdefg", "abcdefghi", "abcdefgh\"", "abcdefghijklmno\xff", "https://cb3.example.com/aBc-9", "é", "éa", "\u2028", "é\u2029", "中文\u2026", "\xc2", "\xc2\x80", "\xc1\xbf", "\xe0\x9f\xbf", "\xe0\xa0\x80",
	"\xed\x9f\xbf", "\xed\xa0\x80", "\xef\xbf\xbf", "😀", "é😀", "\xe2\x80", "abcdefgh", "abcdefgh<", "abcdefg\x1fxxxxxxxx"}

// textRun and plainRun skip exactly what the rune-by-rune reading lets through.
func TestRunsAsReference(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, s := range runSeeds {
		for i := range len(s) + 1 {
			g.Expect(textRunEnd(s, i)).To(Equal(textRunReference(s, i)), "%q from %d", s, i)
		}
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
		for i := range len(s) + 1 {
			if got, want := textRunEnd(s, i), textRunReference(s, i); got != want {
				t.Fatalf("textRun(%q) from %d ends at %d, want %d", s, i, got, want)
			}
		}
		if got, want := plainRun(s), plainRunReference(s); got != want {
			t.Fatalf("plainRun(%q) = %d, want %d", s, got, want)
		}
		if got, want := plainPrefix(s), plainPrefixReference(s); got != want {
			t.Fatalf("plainPrefix(%q) = %d, want %d", s, got, want)
		}
	})
}

// textEdgeBytes are the bytes where textRows' states part: ASCII to pass and to escape, the
// edges of each lead's continuation range, U+2028's and U+2029's, leads that are never valid.
var textEdgeBytes = []byte{'a', '"', '<', 0x1f, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xa7, 0xa8, 0xa9, 0xaa, 0xbf,
	0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xe2, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff}

// TestAppendTextShortTexts holds AppendText to the rune-by-rune encoder on every two-byte
// text, and on every text of three and four edge bytes (textEdgeBytes) after each length of a
// multibyte prefix, so that a character crosses a word's edge (textRun's word steps) at each
// of its bytes; TestStringWritersAreMarshal holds the reference to json.Marshal.
func TestAppendTextShortTexts(t *testing.T) {
	t.Parallel()
	same := func(s string) {
		if got, want := string(AppendString(nil, s)), string(appendStringRuneByRune(nil, s)); got != want {
			t.Fatalf("AppendString(%q) = %s, want %s", s, got, want)
		}
	}
	for a := range 256 {
		for b := range 256 {
			same(string([]byte{byte(a), byte(b)}))
		}
	}
	const prefix = "é中éé中é"
	for _, n := range []int{0, 1, 2, 3, 5, 6, 7, 8, 10, 11} {
		p := prefix[:n]
		if !utf8.ValidString(p) {
			p = strings.Repeat("x", n)
		}
		for _, a := range textEdgeBytes {
			for _, b := range textEdgeBytes {
				for _, c := range textEdgeBytes {
					same(p + string([]byte{a, b, c}) + "xyz")
					if n == 0 || n == 5 {
						for _, d := range []byte{'a', 0x80, 0x8f, 0x90, 0xa8, 0xbf} { // a fourth byte's edges
							same(p + string([]byte{a, b, c, d}) + "xyzxyzxy")
						}
					}
				}
			}
		}
	}
}

// BenchmarkAppendText is AppendText into a buffer reused (as the emulator's error body and the
// fuzzer's bodies are written, allocation apart), against the rune-by-rune encoder on the same
// values: the benchmark values of BenchmarkAppendString, and the message of the costliest
// negative case (a too-long ExternalId of the drawn alphabet, with U+2028, '>' and '"').
func BenchmarkAppendText(b *testing.B) {
	values := map[string]string{"dense": jsonStringCases["huge"], "plain": jsonStringCases["huge plain"], "kana": jsonStringCases["huge kana"], "mixed": jsonStringCases["huge mixed"],
		"sparse":     strings.Repeat("abcdefghij KLMNOPQRST uvwxyz0123456789 é世 <tag> \"quoted\\n", 6000),
		"externalid": strings.Repeat("\u3000٣—é中한¿\u3000∑\u200bЖ한«½—«∑«한ß\u3000\u200bあ½½€\u00a0«éßあ\u200b©½\u2028©«Ж©\u0301中한中½Жé€>½©中\u200b—\u200b½\"", 5000),
	}
	for name, s := range values {
		buf := make([]byte, 0, 2*len(s))
		for _, e := range []struct {
			name string
			enc  func([]byte, string) []byte
		}{{"AppendText", AppendText}, {"rune-by-rune", appendStringRuneByRune}} {
			enc := e.enc
			b.Run(name+"/"+e.name, func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				b.ReportAllocs()
				for b.Loop() {
					buf = enc(buf[:0], s)
				}
			})
		}
	}
}
