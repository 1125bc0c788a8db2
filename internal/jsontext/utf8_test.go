package jsontext

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// utf8Cases are the edges of well-formed UTF-8 (Unicode table 3-7), each next to its
// neighbours, and texts long enough for the eight-byte ASCII steps.
var utf8Cases = []string{
	"", "a", "plain ascii text longer than eight bytes", "\x00\x7f",
	"\xc2\x80", "\xc1\xbf", "\xdf\xbf", "\xc2", "\xc2\x7f", "\xc2\xc0", // two bytes, overlong C0/C1
	"\xe0\xa0\x80", "\xe0\x9f\xbf", "\xe1\x80\x80", "\xec\xbf\xbf", "\xef\xbf\xbf", // three bytes
	"\xed\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xee\x80\x80", // surrogates D800..DFFF
	"\xf0\x90\x80\x80", "\xf0\x8f\xbf\xbf", "\xf1\x80\x80\x80", "\xf3\xbf\xbf\xbf", // four bytes
	"\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\x80", "\xbf",
	"\xe2\x80\xa8", "\xe2\x80", "\xf0\x90\x80", "ab\xe2\x80\xa8cdefghijkl\xe2\x80\xa8",
	strings.Repeat("T©\u3000\u200b½٣¿한ß\u2028«Ж\u0301éあ中—∑€ a<&", 500),
	strings.Repeat("x", 1000) + "\xe2\x82",
	strings.Repeat("x", 13) + "\xed\xa0\x80" + strings.Repeat("y", 20),
	"\U0010FFFF", "\uFFFD", string([]byte{0xef, 0xbf, 0xbd, 0x80}),
}

// TestValidUTF8IsStdlib holds ValidUTF8 to utf8.ValidString on the edges, and on every
// one- and two-byte text (all 65,792 of them).
func TestValidUTF8IsStdlib(t *testing.T) {
	t.Parallel()
	for _, s := range utf8Cases {
		if got, want := ValidUTF8(s), utf8.ValidString(s); got != want {
			t.Errorf("ValidUTF8(%q) = %v, utf8.ValidString %v", s, got, want)
		}
	}
	for a := 0; a < 256; a++ {
		if s := string([]byte{byte(a)}); ValidUTF8(s) != utf8.ValidString(s) {
			t.Errorf("ValidUTF8(%q) = %v", s, ValidUTF8(s))
		}
		for b := 0; b < 256; b++ {
			if s := string([]byte{byte(a), byte(b)}); ValidUTF8(s) != utf8.ValidString(s) {
				t.Errorf("ValidUTF8(%q) = %v", s, ValidUTF8(s))
			}
		}
	}
}

// FuzzValidUTF8 holds ValidUTF8 to utf8.ValidString on any text.
func FuzzValidUTF8(f *testing.F) {
	for _, s := range utf8Cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ValidUTF8(s), utf8.ValidString(s); got != want {
			t.Fatalf("ValidUTF8(%q) = %v, utf8.ValidString %v", s, got, want)
		}
	})
}

// BenchmarkValidUTF8 reads the costliest negative case's multibyte value (and a denser one,
// every character multibyte) with ValidUTF8 and, in the same loop, with utf8.ValidString:
// best-valid/std is the ratio of their fastest runs.
func BenchmarkValidUTF8(b *testing.B) {
	for name, s := range map[string]string{
		"message": strings.Repeat("T©\u3000\u200b½٣¿한ß\u2028«Ж\u0301éあ中—∑€ a<&", 10000),
		"dense":   strings.Repeat("©\u3000\u200b½٣¿한ß«Ж\u0301éあ中—∑€😀", 10000),
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			best, bestStd := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
			for b.Loop() {
				t0 := time.Now()
				ok := ValidUTF8(s)
				t1 := time.Now()
				okStd := utf8.ValidString(s)
				t2 := time.Now()
				if !ok || !okStd {
					b.Fatal("invalid")
				}
				best, bestStd = min(best, t1.Sub(t0)), min(bestStd, t2.Sub(t1))
			}
			b.ReportMetric(float64(len(s))/best.Seconds()/1e6, "best-MB/s")
			b.ReportMetric(float64(best)/float64(bestStd), "best-valid/std")
		})
	}
}

// TestValidUTF8Halves breaks a long multibyte text at every byte near the middle, where
// ValidUTF8 cuts it in two, and at both ends.
func TestValidUTF8Halves(t *testing.T) {
	t.Parallel()
	base := strings.Repeat("a한\u2028é\U0001F600Ж", 40)
	for _, n := range []int{255, 256, 257, len(base) - 1, len(base)} {
		s := base[:n]
		for i := 0; i < len(s); i++ {
			if i > 8 && i < len(s)/2-12 || i > len(s)/2+12 && i < len(s)-8 {
				continue
			}
			for _, c := range []byte{0x80, 0xbf, 0xc0, 0xed, 0xf4, 0xff, 'x'} {
				b := []byte(s)
				b[i] = c
				if got, want := ValidUTF8(string(b)), utf8.ValidString(string(b)); got != want {
					t.Errorf("len %d, byte %d = %#x: ValidUTF8 %v, utf8.ValidString %v", n, i, c, got, want)
				}
			}
		}
	}
}
