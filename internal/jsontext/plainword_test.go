package jsontext

import (
	"math"
	"testing"
	"time"
)

// plainWordFormer is plainWord as it was written before plainBits (a borrow test per byte to
// escape): the reference plainBits is held to.
func plainWordFormer(x uint64) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	bs := x ^ ('\\' * ones)
	qa := (x | 0x04*ones) ^ ('&' * ones)
	lg := (x | 0x02*ones) ^ ('>' * ones)
	return (x|(x-0x20*ones)|(bs-ones)&^bs|(qa-ones)&^qa|(lg-ones)&^lg)&tops == 0
}

// TestPlainWordIsFormer: plainWord (plainBits) agrees with plainWordFormer and with plainASCII
// byte by byte on every word of plain bytes but two adjacent ones, each of any value at any
// position (a carry out of one byte, which reaches only the byte above, must not hide the
// other), and plainRun's two-word steps with its
// one-word steps on each of them placed at every offset of a 24-byte text.
func TestPlainWordIsFormer(t *testing.T) {
	t.Parallel()
	for pos := range 8 {
		for b := range 256 {
			for _, pos2 := range []int{pos - 1, pos + 1} {
				if pos2 < 0 || pos2 > 7 {
					continue
				}
				for b2 := range 256 {
					w := []byte("abcdefgh")
					w[pos], w[pos2] = byte(b), byte(b2)
					x := word(string(w))
					if got, want := plainWord(x), plainWordFormer(x); got != want || got != (plainPrefixReference(string(w)) == 8) {
						t.Fatalf("plainWord(% x) = %v, former %v", w, got, want)
					}
				}
			}
		}
	}
	for _, c := range []byte{0x00, 0x1f, '"', '&', '<', '>', '\\', 0x80, 0xe2, 0xff} {
		for off := range 24 {
			w := []byte("abcdefgh-IJKLMNOP_012345")
			w[off] = c
			if got, want := plainRun(string(w)), plainRunReference(string(w)); got != want {
				t.Fatalf("plainRun(%q) = %d, want %d", w, got, want)
			}
		}
	}
}

// plainRunFormer is plainRun as it was before plainBits: one word at a time by plainWordFormer.
func plainRunFormer(s string) int {
	i := 0
	for i+8 <= len(s) && plainWordFormer(word(s[i:i+8])) {
		i += 8
	}
	return i
}

// BenchmarkPlainRun times plainRun and plainRunFormer in one loop, on BenchmarkAppendText's
// plain value (300 KB) and on shortStrings one after the other (names, ids, URLs), and reports
// each one's fastest timing (of passes reading about 64 KB) and new/former, the ratio of the two.
func BenchmarkPlainRun(b *testing.B) {
	for name, vals := range map[string][]string{"plain": {jsonStringCases["huge plain"]}, "short": shortStrings} {
		b.Run(name, func(b *testing.B) {
			n := 0
			for _, s := range vals {
				n += len(s)
			}
			reps := 1 + 64<<10/n // passes per timing: about 64 KB read
			best, bestFormer := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
			sum := 0
			for b.Loop() {
				t0 := time.Now()
				for range reps {
					for _, s := range vals {
						sum += plainRun(s)
					}
				}
				t1 := time.Now()
				for range reps {
					for _, s := range vals {
						sum -= plainRunFormer(s)
					}
				}
				t2 := time.Now()
				best, bestFormer = min(best, t1.Sub(t0)), min(bestFormer, t2.Sub(t1))
			}
			if sum != 0 {
				b.Fatal("plainRun and plainRunFormer disagree")
			}
			b.ReportMetric(float64(best)/float64(reps*n), "best-ns/B")
			b.ReportMetric(float64(bestFormer)/float64(reps*n), "best-former-ns/B")
			b.ReportMetric(float64(best)/float64(bestFormer), "new/former")
		})
	}
}
