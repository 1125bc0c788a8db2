package contracts

import (
	"strings"
	"testing"
	"time"
)

// BenchmarkRuneClass times RedirectUrlType's class (^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$) on the
// callback URLs the fuzzer draws, next to refClassMatch (the utf8 package's decoding, through has) on the
// same strings, alternating in
// one loop (each over reps rounds of the strings, so the clock readings weigh little), and
// reports both and their ratio (match/ref).
func BenchmarkRuneClass(b *testing.B) {
	s, ok := DefaultModel().Shape("RedirectUrlType")
	if !ok || s.class == nil {
		b.Fatal("RedirectUrlType has no rune class")
	}
	rc := s.class
	const reps = 16 // strings matched between two clock readings
	for name, urls := range map[string][]string{
		"ascii":     {"https://example.com/cb", "http://localhost:3000/cb", "myapp://cb12/abc-DEF_9~x", "https://cb.example.com/callback"},
		"multibyte": {"myapp://cb98/_한é٣ééß", "myapp://cb96/U𝒜𝒜한", "myapp://cb9/t4ßdF~4", "myapp://cb90/4中中中é한ああ"},
		"kana-4KB":  {strings.Repeat("あ", 1365)},
		"ascii-1KB": {"https://example.com/" + strings.Repeat("path/", 200) + "x"},
	} {
		b.Run(name, func(b *testing.B) {
			var fast, ref time.Duration
			for b.Loop() {
				t0 := time.Now()
				for range reps {
					for _, u := range urls {
						if !rc.match(u) {
							b.Fatal(u)
						}
					}
				}
				t1 := time.Now()
				for range reps {
					for _, u := range urls {
						refClassMatch(rc, u)
					}
				}
				ref += time.Since(t1)
				fast += t1.Sub(t0)
			}
			b.ReportMetric(float64(fast.Nanoseconds())/float64(b.N*reps), "match-ns/op")
			b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N*reps), "ref-ns/op")
			b.ReportMetric(float64(fast)/float64(ref), "match/ref")
		})
	}
}
