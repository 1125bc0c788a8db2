// Package jsontext writes Go strings as JSON text exactly as encoding/json's json.Marshal
// writes them (HTML escaping on: '<', '>' and '&' as \u003c \u003e \u0026, U+2028 and U+2029
// escaped, each byte of invalid UTF-8 as \ufffd), without reflection and in one pass: the
// emulator quotes request values of up to the body size limit in its error answers, and the
// fuzzer renders bodies of hundreds of kilobytes per case.
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

// AppendText appends the escaped text of s without its quotes: runs of plain ASCII are skipped
// eight bytes at a time (plainRun), runs of two- and three-byte runes are checked in place
// (multibyteRun), and only the rest (four-byte runes, invalid UTF-8, U+2028 and U+2029) is
// decoded rune by rune. A plain prefix is measured first (plainPrefix): a value that is plain
// ASCII throughout, as most member names and drawn values are, is checked by words and copied
// once.
func AppendText(dst []byte, s string) []byte {
	i := plainPrefix(s)
	if i == len(s) {
		return append(dst, s...)
	}
	start := 0
	for i < len(s) {
		if b := s[i]; b < utf8.RuneSelf {
			if plainASCII[b] {
				i++
				if i+8 <= len(s) && s[i] < utf8.RuneSelf && plainASCII[s[i]] { // a run, not a lone plain byte
					i += plainRun(s[i:])
				}
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendASCIIEscape(dst, b)
			i++
			start = i
			continue
		}
		if n := multibyteRun(s[i:]); n > 0 {
			i += n
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(dst, s[start:]...)
}

// plainRun returns the length of the longest prefix of s made of whole 8-byte words of
// plainASCII bytes: no byte at or above 0x80 or below 0x20, none of '"', '\\', '<', '>', '&'.
// Byte-wise tests on one 64-bit word: a byte below 0x20 borrows into its own top bit when 0x20
// is subtracted from each byte (given no top bit is set), and (v-ones)&^v has a top bit set
// exactly when v has a zero byte; '"' (0x22) and '&' (0x26) differ in bit 2 alone, '<' (0x3c)
// and '>' (0x3e) in bit 1, so one test finds either of a pair.
func plainRun(s string) int {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		bs := x ^ ('\\' * ones)
		qa := (x | 0x04*ones) ^ ('&' * ones)
		lg := (x | 0x02*ones) ^ ('>' * ones)
		if (x|(x-0x20*ones)|(bs-ones)&^bs|(qa-ones)&^qa|(lg-ones)&^lg)&tops != 0 {
			break
		}
	}
	return i
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

// multibyteRun returns the length of the longest prefix of s made of valid two- and three-byte
// runes that encoding/json writes as they are (not U+2028 or U+2029): exactly the sequences
// utf8.DecodeRuneInString decodes to a rune of that size.
func multibyteRun(s string) int {
	i := 0
	for i < len(s) {
		b := s[i]
		switch {
		case b >= 0xC2 && b <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i += 2
		case b >= 0xE0 && b <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			(b != 0xE0 || s[i+1] >= 0xA0) && // no overlong encoding
			(b != 0xED || s[i+1] <= 0x9F) && // no surrogate
			(b != 0xE2 || s[i+1] != 0x80 || s[i+2]&^1 != 0xA8): // U+2028 and U+2029 are escaped
			i += 3
		default:
			return i
		}
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
