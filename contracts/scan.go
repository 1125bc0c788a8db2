package contracts

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The string scanner of the one-pass parser: it finds a JSON string's end, counts its
// characters and decodes its escapes in a single pass over the text, eight bytes at a time
// where nothing needs attention, with the results encoding/json's Unmarshal gives (its
// differential and fuzz tests are in scan_test.go).

const (
	lsb = 0x0101010101010101 // the low bit of each byte of a word
	msb = 0x8080808080808080 // the high bit of each byte of a word
)

// specialBits flags the bytes of a little-endian word a string scan must stop at (a quote, a
// backslash or a control character, < 0x20) by their high bit. Each test is exact as a yes/no
// (the classic "has a zero byte" and "has a byte less than n" forms for n <= 128), and the
// lowest flag is exact too: a byte is flagged wrongly only by a borrow, which only a flagged
// byte below it starts.
func specialBits(w uint64) uint64 {
	quote := w ^ (lsb * '"')
	return (quote-lsb)&^quote&msb | escapeBits(w)
}

// escapeBits is specialBits without the quote: a backslash or a control character, what ends
// a plain run inside a string whose closing quote is known (every quote before it is escaped).
func escapeBits(w uint64) uint64 {
	slash := w ^ (lsb * '\\')
	return ((slash-lsb)&^slash | (w-lsb*0x20)&^w) & msb
}

// continuations counts the UTF-8 continuation bytes (10xxxxxx) of a word.
func continuations(w uint64) int {
	if w&msb == 0 {
		return 0
	}
	return bits.OnesCount64(w & msb &^ (w << 1)) // bit 7 set and bit 6 clear
}

// scanPlain reads a string's text from src[i:] (after the opening quote) up to the first
// quote, backslash or control character, or the end of src. It returns where it stopped, how
// many UTF-8 continuation bytes it passed and whether it passed any byte >= 0x80. The first
// longRun bytes go eight at a time, the rest of a long value by scanLong.
func scanPlain(src string, i int) (stop, cont int, high bool) {
	b := unsafe.Slice(unsafe.StringData(src), len(src)) // read only
	var or uint64
	short := min(len(b), i+longRun)
	for ; i+8 <= short; i += 8 {
		w := binary.LittleEndian.Uint64(b[i : i+8])
		if m := specialBits(w); m != 0 { // the stop byte is the lowest flagged one
			k := bits.TrailingZeros64(m) >> 3
			before := w & (1<<(8*k) - 1) // the plain bytes before it
			return i + k, cont + continuations(before), (or|before)&msb != 0
		}
		or |= w
		cont += continuations(w)
	}
	if i+8 <= len(b) { // longRun plain bytes: a long value (scan_run.go)
		next, c, o := scanLong(src, b, i)
		i, cont, or = next, cont+c, or|o
	}
	i, c, o := plainTail(b, i, len(b))
	return i, cont + c, (or|o)&msb != 0
}

// plainTail reads b[i:end] a byte at a time up to the first quote, backslash or control
// character: the bytes a string scan has left after its words (fewer than eight, or the word
// holding a control character). It returns where it stopped, the continuation bytes passed and
// the OR of the bytes passed.
func plainTail(b []byte, i, end int) (int, int, uint64) {
	var cont int
	var or uint64
	for b = b[:end]; i < len(b); i++ {
		c := b[i]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		or |= uint64(c)
		if c&0xC0 == 0x80 {
			cont++
		}
	}
	return i, cont, or
}

// badUTF8 is what scanString does with a string holding bytes that are not UTF-8.
type badUTF8 uint8

const (
	// utf8Refuse: the token is not a valid string (the parser's reading: the service refuses
	// such a body, and decodeBody gives the error text).
	utf8Refuse badUTF8 = iota
	// utf8Replace: each invalid byte becomes U+FFFD, as encoding/json decodes it.
	utf8Replace
)

// scanString reads the JSON string token that starts at src[i] (a quote). It returns the
// string's value, its length in characters (utf8.RuneCountInString of the value) and the
// index after the closing quote; ok is false when the token is not a valid JSON string.
// Without escapes the value is a substring of src (no allocation). Only a string with a byte
// >= 0x80 has its UTF-8 checked, so a body is never checked in a pass of its own: outside
// strings, such a byte is a syntax error anyway.
func scanString(src string, i int, bad badUTF8) (val string, chars int, end int, ok bool) {
	start := i + 1
	stop, cont, high := scanPlain(src, start)
	return stringFrom(src, start, stop, cont, high, bad)
}

// stringFrom is scanString on a string whose text starts at src[start] and which scanPlain read
// up to stop (cont continuation bytes, high when a byte >= 0x80). The parser's token answers a
// value of ASCII without escapes (stop at the closing quote, high false: most member names and
// values of a request) itself and calls this for the rest.
func stringFrom(src string, start, stop, cont int, high bool, bad badUTF8) (string, int, int, bool) {
	if stop < len(src) && src[stop] == '"' {
		val := src[start:stop]
		if high && !checkUTF8(val, cont) {
			if bad == utf8Refuse {
				return "", 0, 0, false
			}
			val = string(appendValid(nil, val))
			return val, utf8.RuneCountInString(val), stop + 1, true
		}
		return val, len(val) - cont, stop + 1, true
	}
	return unquoteFrom(src, start, stop, cont, high, bad)
}

// unquoteFrom reads a string whose plain text src[start:stop] (cont continuation bytes, high
// when a byte >= 0x80) is followed by a backslash or a control character at stop: a first
// pass finds the closing quote, a second decodes the escapes into a buffer of the exact
// escaped size (an escape of n bytes decodes to at most n bytes).
func unquoteFrom(src string, start, stop, cont int, high bool, bad badUTF8) (string, int, int, bool) {
	if bad == utf8Refuse {
		return unquoteRefuse(src, start, stop, cont, high)
	}
	i := stop
	for {
		if i >= len(src) || src[i] < 0x20 {
			return "", 0, 0, false
		}
		if src[i] == '"' {
			break
		}
		if i+1 >= len(src) { // src[i] is a backslash
			return "", 0, 0, false
		}
		next, c, h := scanPlain(src, i+2) // the escaped byte is never a continuation byte
		i, cont, high = next, cont+c, high || h || src[i+1] >= utf8.RuneSelf
	}
	end := i
	// Escapes are ASCII: the token is UTF-8 exactly when its text is.
	valid := !high || checkUTF8(src[start:end], cont)
	if !valid && bad == utf8Refuse {
		return "", 0, 0, false
	}
	buf := make([]byte, 0, end-start)
	plainBytes, escapes := 0, 0 // each escape decodes to one character
	for i = start; i < end; {
		j := i + indexBackslash(src[i:end])
		plainBytes += j - i
		if valid {
			buf = append(buf, src[i:j]...)
		} else {
			buf = appendValid(buf, src[i:j])
		}
		if j == end {
			break
		}
		n, ok := 0, false
		if buf, n, ok = unescape(buf, src[j:]); !ok {
			return "", 0, 0, false
		}
		i = j + n
		escapes++
	}
	if len(buf) == 0 {
		return "", 0, end + 1, true
	}
	val := unsafe.String(unsafe.SliceData(buf), len(buf)) // buf is not written after this
	if !valid {
		return val, utf8.RuneCountInString(val), end + 1, true
	}
	return val, plainBytes - cont + escapes, end + 1, true
}

// checkUTF8 is utf8.ValidString on a string's text holding cont continuation bytes: by the
// automaton (validUTF8, oracle_utf8.go) where multibyte characters are dense, about twice as
// fast there, and in a text shorter than shortUTF8 bytes however sparse they are (a request's
// URLs and names with a multibyte letter or two, a few words each), and by utf8.ValidString
// where they are sparse in a longer text, which reads the ASCII between them eight bytes at a
// time and decodes the few characters (the automaton steps through every word that holds part
// of one). Both are exact; only the speed differs.
func checkUTF8(s string, cont int) bool {
	if len(s) < shortUTF8 || cont*8 >= len(s) { // or a continuation byte in every eight, on average
		return validUTF8(s)
	}
	return utf8.ValidString(s)
}

// shortUTF8 is the length below which checkUTF8 takes the automaton for a text with sparse
// multibyte characters too: on the strings under 64 bytes with a continuation byte in fewer
// than eight of the fuzz campaign's recorded request bodies (3865 strings, 29 bytes on
// average) it takes 0.77 of utf8.ValidString's time; on made-up ASCII with one two-byte letter
// in every 37 bytes the two are even at about 64 bytes, and utf8.ValidString is faster beyond.
const shortUTF8 = 64

// indexBackslash is the index of the first backslash of s, len(s) when there is none.
func indexBackslash(s string) int {
	if k := strings.IndexByte(s, '\\'); k >= 0 {
		return k
	}
	return len(s)
}

// appendValid appends s with each byte that is not UTF-8 replaced by U+FFFD, as encoding/json
// decodes a string.
func appendValid(dst []byte, s string) []byte {
	for _, r := range s { // ranging yields U+FFFD, width 1, for an invalid byte
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}
