package emulator

import (
	"slices"
	"unicode/utf8"
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
// Error messages quote request values of up to the size limit, so dst is grown once to the
// exact size (a counting pass), then runs of plain bytes are copied at once. Valid UTF-8
// (every string the contract decodes) is checked once: its multibyte characters are then
// skipped by their length instead of being decoded one by one.
func appendJSONString(dst []byte, s string) []byte {
	valid := utf8.ValidString(s)
	if valid {
		dst = slices.Grow(dst, validJSONStringLen(s))
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if jsonPlain[b] {
			i++
			continue
		}
		if b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			dst = append(dst, jsonEscapes[b]...)
			i++
			start = i
			continue
		}
		if valid {
			if isLineSeparator(s, i) {
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
				i += 3
				start = i
				continue
			}
			i += utf8Len(b)
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

// isLineSeparator reports whether valid UTF-8 s holds U+2028 or U+2029 (E2 80 A8, E2 80 A9)
// at i.
func isLineSeparator(s string, i int) bool {
	return s[i] == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9)
}

// utf8Len is the length of the character a lead byte of valid UTF-8 starts.
func utf8Len(b byte) int {
	switch {
	case b < 0xE0:
		return 2
	case b < 0xF0:
		return 3
	}
	return 4
}

// validJSONStringLen is the length appendJSONString writes for s, valid UTF-8.
func validJSONStringLen(s string) int {
	n := len(s) + 2
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b < utf8.RuneSelf:
			if !jsonPlain[b] {
				n += len(jsonEscapes[b]) - 1
			}
		case isLineSeparator(s, i):
			n += len(`\u2028`) - 3
			i += 2
		}
	}
	return n
}
