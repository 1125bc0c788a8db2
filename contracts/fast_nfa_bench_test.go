package contracts

import (
	"math/bits"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// BenchmarkNFAMatch times ArnType's pattern (the one the NFA path takes) on ARNs of the
// lengths the fuzzer sends, next to formerNFAMatch (match as it was when it cleared its keep
// table on every call) on the same strings, alternating in one loop (each first every other round), and reports both and
// their ratio (match/former).
func BenchmarkNFAMatch(b *testing.B) {
	arn, ok := DefaultModel().Shape("ArnType")
	if !ok || arn.nfa == nil {
		b.Fatal("ArnType has no NFA")
	}
	np := arn.nfa
	const reps = 16 // strings matched between two clock readings
	for name, in := range map[string]string{
		"role":      "arn:aws:iam::123456789012:role/r",
		"app":       "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc",
		"long-70":   "arn:aws:iam::123456789012:role/" + strings.Repeat("r", 40),
		"stretched": "arn:aws:iam::123456789012:role/" + strings.Repeat("r", 2000),
	} {
		b.Run(name, func(b *testing.B) {
			want := np.match(in)
			var fast, ref time.Duration
			timed := func(f func(*nfaPattern, string) bool) time.Duration {
				t0 := time.Now()
				for range reps {
					if f(np, in) != want {
						b.Fatal(in)
					}
				}
				return time.Since(t0)
			}
			for i := 0; b.Loop(); i++ {
				if i%2 == 0 { // each goes first every other round: neither gains from its place
					fast += timed((*nfaPattern).match)
					ref += timed(formerNFAMatch)
				} else {
					ref += timed(formerNFAMatch)
					fast += timed((*nfaPattern).match)
				}
			}
			b.ReportMetric(float64(fast.Nanoseconds())/float64(b.N*reps), "match-ns/op")
			b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N*reps), "former-ns/op")
			b.ReportMetric(float64(fast)/float64(ref), "match/former")
		})
	}
}

// formerNFAMatch is nfaPattern.match as it was before the keep table moved to matchLong:
// declared, so cleared, on every call.
func formerNFAMatch(np *nfaPattern, s string) bool {
	if s == "" {
		return np.empty
	}
	threads := np.start
	// The threads after a step are a function of the instructions that took the character:
	// the last such pair is kept, so a run of characters that the same instructions take (the
	// 200,000 'r's of a stretched ARN, any text inside one [\w+=/,.@-]+) costs a table
	// lookup and a comparison per byte instead of a walk over the set.
	var lastTook, lastNext uint64 // lastTook 0 leads to no thread: consistent from the start
	// When a step leaves the threads as they were (a fixed point: inside [\w+=/,.@-]+ of a
	// stretched ARN), every following ASCII byte that the same instructions take leaves them so
	// too: keep marks those bytes, and runs of them are passed eight at a time. keep is built
	// for one fixed point (keepFor, keepTook) at a time, at most maxKeepBuilds times per text,
	// and only with at least minKeepRun bytes left, so its cost stays bounded.
	var keep [256]uint8 // keep[c] == 1: byte c < 0x80 maps the fixed point to itself
	var keepFor, keepTook uint64
	builds := 0
	for i := 0; i < len(s) && threads != 0; {
		prev := threads
		var took uint64
		if c := s[i]; c < utf8.RuneSelf {
			took = threads & np.ascii[c]
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			for t := threads; t != 0; t &= t - 1 {
				pc := bits.TrailingZeros64(t)
				if rc := np.classes[pc]; rc != nil && rc.has(r) {
					took |= 1 << pc
				}
			}
		}
		if took != lastTook {
			lastTook, lastNext = took, 0
			for ; took != 0; took &= took - 1 {
				lastNext |= np.next[bits.TrailingZeros64(took)]
			}
		}
		threads = lastNext
		if threads != prev || len(s)-i < minKeepRun {
			continue
		}
		if threads != keepFor || lastTook != keepTook {
			if builds == maxKeepBuilds {
				continue
			}
			builds++
			keepFor, keepTook = threads, lastTook
			for c := range np.ascii {
				keep[c] = 0
				if threads&np.ascii[c] == lastTook {
					keep[c] = 1
				}
			}
		}
		for i+8 <= len(s) && keep[s[i]]&keep[s[i+1]]&keep[s[i+2]]&keep[s[i+3]]&keep[s[i+4]]&keep[s[i+5]]&keep[s[i+6]]&keep[s[i+7]] == 1 {
			i += 8
		}
	}
	return threads&np.final != 0
}
