package emulator

import (
	"encoding/binary"
	"slices"
	"unicode/utf8"
	"unsafe"
)

// jsonEscapes holds what encoding/json writes for each ASCII byte inside a string with HTML
// escaping on (json.Marshal's default); "" for the bytes it writes as they are (every
// printable byte but '"', '\\', '<', '>' and '&'). Bytes from 0x80 up are looked at apart.
var jsonEscapes = func() (t [utf8.RuneSelf]string) {
	for b := range utf8.RuneSelf {
		switch b {
		case '"', '\\':
			t[b] = `\` + string(rune(b))
		case '\b':
			t[b] = `\b`
		case '\f':
			t[b] = `\f`
		case '\n':
			t[b] = `\n`
		case '\r':
			t[b] = `\r`
		case '\t':
			t[b] = `\t`
		case '<', '>', '&':
			t[b] = `\u00` + string(hexDigits[b>>4]) + string(hexDigits[b&0xF])
		default:
			if b < 0x20 {
				t[b] = `\u00` + string(hexDigits[b>>4]) + string(hexDigits[b&0xF])
			}
		}
	}
	return t
}()

// jsonPlain marks the bytes written as they are: ASCII without an escape. Bytes from 0x80 up
// are not marked: the loops look at them themselves.
var jsonPlain = func() (t [256]bool) {
	for b := range utf8.RuneSelf {
		t[b] = jsonEscapes[b] == ""
	}
	return t
}()

// appendJSONString appends s as a JSON string, byte for byte as json.Marshal writes a Go
// string: '"' and '\\' escaped, \b \f \n \r \t by name, other control bytes and '<' '>' '&' as
// \u00XX, U+2028 and U+2029 as \u2028 and \u2029, and each byte of invalid UTF-8 as \ufffd.
// Error messages quote request values of up to the size limit, so it is one pass: runs of
// plain ASCII are found eight bytes at a time (plainEnd) and copied at once, and the room for
// s and its quotes is made at the start (escapes, rare in a long value, grow it as append does).
func appendJSONString(dst []byte, s string) []byte {
	dst = slices.Grow(dst, len(s)+len(s)/8+2)
	dst = append(dst, '"')
	start := 0
	for i := plainEnd(s, 0); i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonPlain[b] {
				i = plainEnd(s, i+1)
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, jsonEscapes[b]...)
			i++
			start = i
			continue
		}
		if n := plainMultibyte(s, i); n > 0 {
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// plainMultibyte is the length of the two- or three-byte UTF-8 character at s[i] when it is
// valid and written as it is (not U+2028 or U+2029), 0 otherwise (the caller decodes it): the
// common characters of a long value without utf8.DecodeRuneInString.
func plainMultibyte(s string, i int) int {
	b := s[i]
	switch {
	case b >= 0xC2 && b < 0xE0:
		if i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			return 2
		}
	case b >= 0xE0 && b < 0xF0 && i+2 < len(s):
		c1, c2 := s[i+1], s[i+2]
		lo, hi := byte(0x80), byte(0xBF)
		switch b {
		case 0xE0:
			lo = 0xA0 // no overlong form
		case 0xED:
			hi = 0x9F // no surrogate
		case 0xE2:
			if c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9) {
				return 0 // U+2028, U+2029: escaped
			}
		}
		if c1 >= lo && c1 <= hi && c2&0xC0 == 0x80 {
			return 3
		}
	}
	return 0
}

// plainEnd returns the first index from i on where s holds a byte that is not written as it
// is (one to escape, or one from 0x80 up), len(s) if there is none: eight bytes at a time while
// they are all plain, then byte by byte. Huge quoted values are mostly plain ASCII.
func plainEnd(s string, i int) int {
	if i < len(s) && !jsonPlain[s[i]] {
		return i
	}
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	for ; i+8 <= len(b); i += 8 {
		if notPlain(binary.LittleEndian.Uint64(b[i:])) != 0 {
			break
		}
	}
	for i < len(s) && jsonPlain[s[i]] {
		i++
	}
	return i
}

const ones, highs = 0x0101010101010101, 0x8080808080808080

// notPlain is non-zero when one of the eight bytes of w is not plain (jsonPlain): from 0x80
// up, below 0x20, or one of " \\ < > & (exact: a zero result means all eight are plain).
func notPlain(w uint64) uint64 {
	return (w|(w-ones*0x20)&^w)&highs |
		zeroByte(w^ones*'"') | zeroByte(w^ones*'\\') | zeroByte(w^ones*'<') | zeroByte(w^ones*'>') | zeroByte(w^ones*'&')
}

// zeroByte is non-zero when one of the eight bytes of x is zero.
func zeroByte(x uint64) uint64 { return (x - ones) &^ x & highs }
