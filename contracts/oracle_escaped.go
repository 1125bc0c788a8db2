package contracts

// An error body's message compared with the predicted one in its escaped form (errorCodeEchoed):
// both texts read once, side by side, eight bytes at a time between the escapes.

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// sameEscapedEchoed reports whether raw, the text between a string token's quotes (found by
// rawString), is valid JSON that decodes to want exactly, as encoding/json unquotes it (a lone
// surrogate is U+FFFD). false also when want is not valid UTF-8: the caller then decodes raw
// and compares the values. wantValid tells that want is known to be valid UTF-8 (a message
// PredictParsed made, Prediction.messageKnownValid): want is then not validated again (told so
// of a want that is not valid, sameEscapedEchoed may answer true); with wantValid false it is.
//
// One pass reads both texts, eight bytes at a time while they are equal (equalRun, which finds
// the byte where they part in the word that differs); there raw must hold an escape whose
// character is want's next one. want is read up to its next backslash at a time (stop, found by
// strings.IndexByte, vectorized; a message quoting a pattern holds a few, \w or \p{L}), so a
// run of raw compared equal to want holds no backslash: at one of want's, raw's next byte must
// be a backslash too, and the escape it starts must be one of a backslash (\\ or \u005c). A
// run compared equal holds no control character either (equalRun and the byte loop check the
// bytes they pass; one of want's is matched by raw's escape), and is whole characters of want:
// an escape's character is a whole rune starting at one of want's rune boundaries. So raw is
// valid when want is, which is checked last (validUTF8, which passes ASCII eight bytes at a
// time) unless want is known valid: want's other bytes are the escapes' characters, written
// here from their code points. The backslash is sought up to the next echo's value only
// (nextBackslash), which is passed whole where raw holds its text: a value of 300 KB is not
// read once more for backslashes where raw's text of it is passed.
//
// echoes are strings of the request that want may quote whole (echoedStrings; nil for none):
// where want holds an echo's value (found once, strings.Index) and raw holds the echo's text at
// the same point, both are passed at once, one comparison of the text's bytes (vectorized)
// instead of the run-and-escape steps over a long value dense with escapes. The text is a string
// token's inside that the request's parser accepted (valid escapes and UTF-8, no control
// character, no quote), whose value is the echo's, and raw is passed to it between two
// characters: raw's characters there are the value's, want's the same value. The texts
// echoedStrings gives neither start with the second half of a surrogate pair nor end with the
// first (whose halves an escape just before or after would join).
func sameEscapedEchoed(raw, want string, wantValid bool, echoes []echoed) bool {
	rb := unsafe.Slice(unsafe.StringData(raw), len(raw))   // read only
	wb := unsafe.Slice(unsafe.StringData(want), len(want)) // read only
	var ats [maxEchoes]int                                 // where want holds each echo's value
	for k := range echoes {
		ats[k] = strings.Index(want, echoes[k].value)
	}
	e, at := nextEcho(ats[:len(echoes)], 0, len(want)) // the echo want holds next, from at (len(want)+1: none)
	stop, found := nextBackslash(want, 0, at)          // want's next backslash (len(want): none), sought up to at
	i, j := 0, 0
	for {
		if j >= at { // want holds echoes[e]'s value at at: raw its text at i, or the comparison goes on
			if t := echoes[e].text; j == at && strings.HasPrefix(raw[i:], t) {
				i, j = i+len(t), j+len(echoes[e].value)
			}
			ats[e] = -1
			e, at = nextEcho(ats[:len(echoes)], j, len(want))
			continue
		}
		if j > stop || (j == stop && !found) { // want's backslash at stop was matched by raw's escape, or none was sought past stop
			stop, found = nextBackslash(want, j, at)
		}
		lim := min(stop, at) // a run stops at the next echo too
		var ctl bool
		if i, j, ctl = equalRun(rb, wb[:lim], i, j); ctl {
			return false
		}
		for i < len(rb) && j < lim && rb[i] == wb[j] {
			if rb[i] < 0x20 {
				return false
			}
			i++
			j++
		}
		if j == at {
			continue
		}
		if i == len(rb) {
			return j == len(wb) && (wantValid || validUTF8(want))
		}
		if rb[i] != '\\' {
			return false
		}
		r := rune(-1) // the code unit of a \uXXXX escape, the usual one: read inline (hexUnit)
		if i+6 <= len(rb) && rb[i+1] == 'u' {
			r = hexUnit(raw[i+2 : i+6])
		}
		if r >= 0 && !utf16.IsSurrogate(r) {
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

// nextBackslash is the index of want's first backslash from j, sought up to end only (an echo's
// value, which the comparison passes whole when raw holds its text there, is not searched
// before it is reached): found false when there is none before end < len(want), stop then
// being end; len(want) and found true when there is none at all.
func nextBackslash(want string, j, end int) (stop int, found bool) {
	end = min(end, len(want))
	if k := j + indexBackslash(want[j:end]); k < end || end == len(want) {
		return k, true
	}
	return end, false
}

// equalRun compares rb from i with wb from j eight bytes at a time and returns where they first
// differ (the first byte whose xor is not zero, found in the word that differs), or where less
// than a word is left of either; ctl tells whether one of the bytes passed is a control
// character (a byte below 0x20 sets its top bit when 0x20 is subtracted from each; a borrow
// only ever sets one above a byte that does, so masking the bytes before the difference keeps
// it exact for "any").
func equalRun(rb, wb []byte, i, j int) (int, int, bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var below uint64
	r, w := rb[i:], wb[j:]
	m := min(len(r), len(w))
	r, w = r[:m], w[:m]
	n := 0
	for ; n+8 <= m; n += 8 {
		x := binary.LittleEndian.Uint64(r[n : n+8])
		if d := x ^ binary.LittleEndian.Uint64(w[n:n+8]); d != 0 {
			k := bits.TrailingZeros64(d) / 8
			before := uint64(1)<<(8*k) - 1
			below |= (x - 0x20*ones) &^ x & before
			n += k
			break
		}
		below |= (x - 0x20*ones) &^ x
	}
	return i + n, j + n, below&highs != 0
}

// escapeRune is the character of the escape s starts with and the escape's length (0: not an
// escape), as encoding/json unquotes it: a two-byte escape's from shortEscapes, a \u surrogate
// pair one character, a surrogate that is not half of a pair U+FFFD.
func escapeRune(s string) (rune, int) {
	if len(s) < 2 {
		return 0, 0
	}
	if c := shortEscapes[s[1]]; c != 0 {
		return rune(c), 2
	}
	if s[1] == 'u' {
		r := hex4(s)
		if r < 0 {
			return 0, 0
		}
		if utf16.IsSurrogate(r) {
			if dec := utf16.DecodeRune(r, hex4(s[6:])); dec != utf8.RuneError {
				return dec, 12
			}
			return utf8.RuneError, 6
		}
		return r, 6
	}
	return 0, 0
}

// echoed is a string of the request that a predicted message may quote whole: its value, and
// its text between the quotes as the request wrote it (the token Parse read).
type echoed struct{ value, text string }

// maxEchoes bounds the echoes sameEscapedEchoed takes (echoedStrings keeps the first ones).
const maxEchoes = 4

// minEchoed is the least length of a value echoedStrings gives: a shorter one costs the
// comparison little however it is written.
const minEchoed = 1024

// echoedStrings appends to dst the strings of the request body req parsed (Parse) that want may
// quote whole: the values of at least minEchoed bytes, want being longer, up to maxEchoes of
// them, with their texts, but those whose text starts with an escape of a surrogate pair's
// second half or ends with one of a first half (sameEscapedEchoed). None when req did not
// parse or is nil.
func echoedStrings(req *ParsedRequest, want string, dst []echoed) []echoed {
	if req == nil || req.err != nil || len(want) < minEchoed {
		return dst
	}
	return appendEchoed(&req.doc, dst)
}

// appendEchoed appends the echoes n holds (echoedStrings) to dst, stopping as soon as dst has
// maxEchoes of them: the rest of the request is not walked.
func appendEchoed(n *jnode, dst []echoed) []echoed {
	if len(dst) == maxEchoes {
		return dst
	}
	switch n.kind {
	case jString:
		// A value the parser left undecoded (jnode.lazy) is no echo: it is one no validation
		// message quotes (unreadStrings), and decoding it to look for it in want would cost more
		// than the comparison it could save (BenchmarkSameEscapedEchoed: the fuzzer's 340 KB
		// value compared in 98 µs without its echo, 15 µs with it; decoding it takes longer and
		// allocates its size). The echoes change no answer, only its cost.
		if n.lazy || len(n.raw) < 2 || len(n.s) < minEchoed {
			return dst
		}
		text := n.raw[1 : len(n.raw)-1]
		if r := hex4(text); r >= 0xDC00 && r <= 0xDFFF {
			return dst
		}
		if len(text) >= 6 {
			if r := hex4(text[len(text)-6:]); r >= 0xD800 && r <= 0xDBFF {
				return dst
			}
		}
		return append(dst, echoed{value: n.s, text: text})
	case jArray, jObject:
		for k := 0; k < len(n.kids) && len(dst) < maxEchoes; k++ {
			dst = appendEchoed(&n.kids[k].val, dst)
		}
	}
	return dst
}

// nextEcho is the echo whose value want holds first at or after j (ats: where it holds each,
// -1 for none or one passed), and where; at is len(want)+1 when there is none.
func nextEcho(ats []int, j, wantLen int) (e, at int) {
	e, at = -1, wantLen+1
	for k, a := range ats {
		if a >= j && a < at {
			e, at = k, a
		}
	}
	return e, at
}
