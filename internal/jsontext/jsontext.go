// Package jsontext writes Go strings as JSON text exactly as encoding/json's json.Marshal
// writes them (HTML escaping on: '<', '>' and '&' as \u003c \u003e \u0026, U+2028 and U+2029
// escaped, each byte of invalid UTF-8 as \ufffd), without reflection and in one pass: the
// emulator quotes request values of up to the body size limit in its error answers, and the
// fuzzer renders bodies of hundreds of kilobytes per case. ValidUTF8 is utf8.ValidString's
// answer by a DFA, for the oracle's string checks and the harness's SDK input.
package jsontext

import (
	"slices"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// AppendString appends s to dst as a JSON string, byte for byte as json.Marshal(s) writes it.
// Room for s, its quotes and some escapes (Room) is made at once (more escapes grow dst as
// append does).
func AppendString(dst []byte, s string) []byte {
	dst = slices.Grow(dst, Room(s))
	dst = append(dst, '"')
	dst = AppendText(dst, s)
	return append(dst, '"')
}

// Room is the room AppendString makes at once for s: its bytes, an eighth more for escapes and
// the two quotes. A buffer with Room(s) free bytes is not grown by AppendString(dst, s) unless
// s needs more escapes than that.
func Room(s string) int { return len(s) + len(s)/8 + 2 }

// plainASCII marks the ASCII bytes encoding/json writes as they are: printable, not '"', '\\'
// or the HTML characters '<', '>', '&'.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for b := byte(0x20); b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()

// AppendText appends the escaped text of s without its quotes. A plain prefix is measured first
// (plainPrefix): a value that is plain ASCII throughout, as most member names and drawn values
// are, is checked by words and copied once. The rest is read by textRun, which passes exactly
// the characters encoding/json writes as they are and stops at the first byte that shows one it
// writes otherwise: an ASCII byte to escape, U+2028 or U+2029, or invalid UTF-8. The runs
// between are copied once; what stopped the run is written here from the state it stopped in.
func AppendText(dst []byte, s string) []byte {
	i := plainPrefix(s)
	if i == len(s) {
		return append(dst, s...)
	}
	start, st := 0, uint64(tPlain)
	for {
		i, st = textRun(s, i, st)
		switch {
		case st == tPlain && i == len(s):
			return append(dst, s[start:]...)
		case st == tPlain: // a byte starting no character written as it is
			dst = append(dst, s[start:i]...)
			if b := s[i]; b >= utf8.RuneSelf {
				dst = append(dst, `\ufffd`...) // a continuation byte, C0, C1, F5..FF
				i++
				break
			}
			for ; i < len(s) && s[i] < utf8.RuneSelf && !plainASCII[s[i]]; i++ { // escapes in a row
				dst = appendASCIIEscape(dst, s[i])
			}
		case st == tAfterE280 && i < len(s) && s[i]&^1 == 0xA8: // E2 80 A8, E2 80 A9
			dst = append(dst, s[start:i-2]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i]&0xF])
			i++
		default: // invalid UTF-8 inside a character (or at the end): its first byte is U+FFFD
			i = leadBefore(s, i)
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++ // utf8.DecodeRuneInString's size 1: its continuation bytes are read again
		}
		start, st = i, tPlain
	}
}

// leadBefore is the first byte of the character textRun stopped in at s[i]: the last byte
// before i at or above 0xC0 (the DFA passed only continuation bytes after it).
func leadBefore(s string, i int) int {
	i--
	for s[i] < 0xC0 {
		i--
	}
	return i
}

// plainRun returns the length of the longest prefix of s made of whole 8-byte words of
// plainASCII bytes (plainWord), read two words at a time while sixteen bytes are left.
func plainRun(s string) int {
	const tops = 0x8080808080808080
	i := 0
	for i+16 <= len(s) && plainBits(word(s[i:i+8]))&plainBits(word(s[i+8:i+16]))&tops == tops {
		i += 16
	}
	for i+8 <= len(s) && plainWord(word(s[i:i+8])) {
		i += 8
	}
	return i
}

// word is the eight bytes of w as one little-endian word (a single load).
func word(w string) uint64 {
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// plainWord reports whether the eight bytes of x are plainASCII bytes: no byte at or above
// 0x80 or below 0x20, none of '"', '\\', '<', '>', '&' (plainBits).
func plainWord(x uint64) bool {
	const tops = 0x8080808080808080
	return plainBits(x)&tops == tops
}

// plainBits has the top bit of each byte of x set when that byte is a plainASCII byte, in a
// word without a byte at or above 0x80; a word with one has at least one byte's top bit clear
// (the other bits are of no meaning). Each test adds 0x7f to a byte below 0x80, which sets its
// top bit unless the byte is zero and carries into no other byte: b^c+0x7f for the bytes to
// escape c ('"' (0x22) and '&' (0x26) differ in bit 2 alone, so b|0x04 is tested against '&';
// '<' (0x3c) and '>' (0x3e) in bit 1, b|0x02 against '>'), and b+0x60, whose top bit is set
// when b is at least 0x20. A byte at or above 0x80 may carry into the byte above it, but no
// such byte passes all four tests: the first passes only 0xdc, the second only 0xa2 and 0xa6,
// the third only 0xbc and 0xbe, the fourth only 0x80..0x9f, and a carry into it fails the first
// three.
func plainBits(x uint64) uint64 {
	const ones = 0x0101010101010101
	return ((x ^ '\\'*ones) + 0x7f*ones) & (((x | 0x04*ones) ^ '&'*ones) + 0x7f*ones) &
		(((x | 0x02*ones) ^ '>'*ones) + 0x7f*ones) & (x + 0x60*ones)
}

// plainPrefix returns the length of the longest prefix of s made of plainASCII bytes: whole
// words by plainRun, then the bytes after the last plain word one by one.
func plainPrefix(s string) int {
	i := plainRun(s)
	for i < len(s) && s[i] < utf8.RuneSelf && plainASCII[s[i]] {
		i++
	}
	return i
}

// appendASCIIEscape writes the escape of an ASCII byte that plainASCII does not pass.
func appendASCIIEscape(dst []byte, b byte) []byte {
	switch b {
	case '\\', '"':
		return append(dst, '\\', b)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	// other control characters, and <, >, &
	return append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
}

// Plain reports whether the byte c is written as it is inside a JSON string: printable ASCII
// but '"', '\\', '<', '>' and '&'.
func Plain(c byte) bool { return c < utf8.RuneSelf && plainASCII[c] }
