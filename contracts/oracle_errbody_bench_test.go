package contracts

import (
	"encoding/binary"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// BenchmarkSameEscaped compares the costliest negative case's echoed message (a too-long
// ExternalId of the drawn alphabet: 2- and 3-byte runes, U+2028, '>' and '"' escaped by the
// emulator) with its prediction, by sameEscaped and, alternating in the same loop, by the
// former comparison (formerSameEscaped: three passes over want before the compare); "plain"
// and "kana" are an ASCII and an unescaped multibyte message. Reported: each one's best time
// of the iterations (the machine is shared: a mean takes in other processes' time slices) and
// their ratio.
func BenchmarkSameEscaped(b *testing.B) {
	for name, value := range map[string]string{
		"externalid": strings.Repeat("\u3000٣—é中한¿\u3000∑\u200bЖ한«½—«∑«한ß\u3000\u200bあ½½€\u00a0«éßあ\u200b©½\u2028©«Ж©\u0301中한中½Жé€>½©中\u200b—\u200b½\"", 2500),
		"plain":      strings.Repeat("https://cb3.example.com/aBc-9 ", 10000),
		"kana":       strings.Repeat("あいう", 30000),
	} {
		want := "1 validation error detected: Value '" + value + "' at 'analyticsConfiguration.externalId' failed"
		body, _ := json.Marshal(map[string]string{"__type": "InvalidParameterException", "message": want}) // as the emulator writes it
		_, _, raw, ok := readFlatErrorBody(body)
		if !ok || !sameEscaped(raw, want, false) || !formerSameEscaped(raw, want) {
			b.Fatal("not the same")
		}
		b.Run(name, func(b *testing.B) {
			bestNew, bestFormer := time.Duration(1<<62), time.Duration(1<<62)
			for b.Loop() {
				t0 := time.Now()
				okNew := sameEscaped(raw, want, false)
				t1 := time.Now()
				okFormer := formerSameEscaped(raw, want)
				bestNew, bestFormer = min(bestNew, t1.Sub(t0)), min(bestFormer, time.Since(t1))
				if !okNew || !okFormer {
					b.Fatal("not the same")
				}
			}
			b.ReportMetric(float64(bestNew.Nanoseconds()), "new-best-ns")
			b.ReportMetric(float64(bestFormer.Nanoseconds()), "former-best-ns")
			b.ReportMetric(float64(bestNew)/float64(bestFormer), "new/former")
		})
	}
}

// formerSameEscaped is sameEscaped as it was before equalRun: want checked for control
// characters and multibyte bytes (scanRun), backslashes and UTF-8 first, then compared. The
// reference BenchmarkSameEscaped measures against.
func formerSameEscaped(raw, want string) bool {
	wb := unsafe.Slice(unsafe.StringData(want), len(want)) // read only
	if ctl, high := scanRun(wb); ctl || strings.IndexByte(want, '\\') >= 0 || (high && !validUTF8(want)) {
		return false
	}
	rb := unsafe.Slice(unsafe.StringData(raw), len(raw)) // read only
	i, j := 0, 0
	for {
		for i+8 <= len(rb) && j+8 <= len(wb) &&
			binary.LittleEndian.Uint64(rb[i:]) == binary.LittleEndian.Uint64(wb[j:]) {
			i += 8
			j += 8
		}
		for i < len(rb) && j < len(wb) && rb[i] == wb[j] {
			i++
			j++
		}
		if i == len(rb) {
			return j == len(wb)
		}
		if rb[i] != '\\' {
			return false
		}
		if r := hex4(raw[i:]); r >= 0 && !utf16.IsSurrogate(r) { // \uXXXX, the usual escape: inline
			i += 6
			var ok bool
			switch {
			case r < utf8.RuneSelf:
				ok = j < len(wb) && wb[j] == byte(r)
				j++
			case r < 0x800:
				ok = len(wb)-j >= 2 && wb[j] == 0xC0|byte(r>>6) && wb[j+1] == 0x80|byte(r)&0x3F
				j += 2
			default:
				ok = len(wb)-j >= 3 && wb[j] == 0xE0|byte(r>>12) && wb[j+1] == 0x80|byte(r>>6)&0x3F && wb[j+2] == 0x80|byte(r)&0x3F
				j += 3
			}
			if !ok {
				return false
			}
			continue
		}
		r, n := escapeRune(raw[i:])
		if n == 0 {
			return false
		}
		i += n
		if r < utf8.RuneSelf {
			if j >= len(wb) || wb[j] != byte(r) {
				return false
			}
			j++
			continue
		}
		var enc [utf8.UTFMax]byte
		size := utf8.EncodeRune(enc[:], r)
		if len(wb)-j < size || string(enc[:size]) != want[j:j+size] {
			return false
		}
		j += size
	}
}

// scanRun reports whether a run of a string's bytes holds a control character, and whether it
// holds a byte of multibyte UTF-8; eight bytes at a time. formerSameEscaped's first pass
// (sameEscaped finds the same while it compares: equalRun).
func scanRun(b []byte) (ctl, high bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var all, below uint64
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		all |= x
		below |= (x - 0x20*ones) &^ x // a byte below 0x20 sets its high bit (exact for "any")
	}
	for ; i < len(b); i++ {
		all |= uint64(b[i])
		if b[i] < 0x20 {
			ctl = true
		}
	}
	return ctl || below&highs != 0, all&highs != 0
}

// BenchmarkErrorCodeForPattern reads error bodies whose message quotes a pattern (backslashes
// in the message: \\w, \\p{L}), as the emulator writes them for the fuzzer's pattern cases, for
// their check: errorCodeFor against the prediction and, alternating in the same loop, errorCode
// (the body decoded and the message unescaped: what errorCodeFor fell back to while sameEscaped
// refused a want holding a backslash). Reported: each one's best time and their ratio.
func BenchmarkErrorCodeForPattern(b *testing.B) {
	for name, want := range map[string]string{
		"clientname":   `1 validation error detected: Value '/' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w\s+=,.@-]+`,
		"callbackurls": "1 validation error detected: Value '[N—¿éß́😀\u3000]' at 'callbackURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+]",
	} {
		body, _ := json.Marshal(map[string]string{"__type": "InvalidParameterException", "message": want}) // as the emulator writes it
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			bestFor, bestCode := time.Duration(1<<62), time.Duration(1<<62)
			for b.Loop() {
				t0 := time.Now()
				_, m1, _ := errorCodeFor(nil, body, want, true, readsAll)
				t1 := time.Now()
				_, m2, _ := errorCode(nil, body)
				bestFor, bestCode = min(bestFor, t1.Sub(t0)), min(bestCode, time.Since(t1))
				if m1 != want || m2 != want {
					b.Fatal("not the message")
				}
			}
			b.ReportMetric(float64(bestFor.Nanoseconds()), "for-best-ns")
			b.ReportMetric(float64(bestCode.Nanoseconds()), "code-best-ns")
			b.ReportMetric(float64(bestFor)/float64(bestCode), "for/code")
		})
	}
}
