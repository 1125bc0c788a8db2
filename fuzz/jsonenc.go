package fuzz

import (
	"encoding/json"
	"sort"
	"strconv"
	"unicode/utf8"
)

// marshal renders a JSON value (string, int64, int, bool, nil, []any, map[string]any and
// anything else through encoding/json) byte for byte as json.Marshal does (object keys
// sorted, HTML characters, U+2028, U+2029 and invalid UTF-8 escaped), without reflection:
// drawing a case renders a body of up to hundreds of kilobytes.
func marshal(v any) []byte { return appendJSON(make([]byte, 0, jsonSizeHint(v)), v) }

// jsonSizeHint is the length of v's JSON text when no character needs an escape (the usual
// case; an escape only makes append grow the buffer): one allocation per rendered body.
func jsonSizeHint(v any) int {
	switch x := v.(type) {
	case string:
		return len(x) + 2
	case []any:
		n := 2
		for _, e := range x {
			n += jsonSizeHint(e) + 1
		}
		return n
	case map[string]any:
		n := 2
		for k, e := range x {
			n += len(k) + 4 + jsonSizeHint(e)
		}
		return n
	}
	return 8 // numbers, booleans, null
}

func appendJSON(dst []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...)
	case string:
		return appendJSONString(dst, x)
	case bool:
		return strconv.AppendBool(dst, x)
	case int64:
		return strconv.AppendInt(dst, x, 10)
	case int:
		return strconv.AppendInt(dst, int64(x), 10)
	case []any:
		if x == nil {
			return append(dst, "null"...)
		}
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSON(dst, e)
		}
		return append(dst, ']')
	case map[string]any:
		if x == nil {
			return append(dst, "null"...)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, k)
			dst = append(dst, ':')
			dst = appendJSON(dst, x[k])
		}
		return append(dst, '}')
	}
	b, err := json.Marshal(v)
	if err != nil { // only JSON values are ever built
		panic("fuzz: marshal: " + err.Error())
	}
	return append(dst, b...)
}

const hexDigits = "0123456789abcdef"

// plainASCII marks the ASCII bytes encoding/json writes as they are: printable, not '"', '\\'
// or the HTML characters '<', '>', '&'.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for b := byte(0x20); b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()

// plainValid marks the bytes of a valid UTF-8 string that encoding/json writes as they are:
// plain ASCII (plainASCII) and every byte of a multibyte rune except 0xE2, the lead byte of
// U+2028 and U+2029 (and of other runes, which are then written as they are).
var plainValid = func() (t [256]bool) {
	for b := range 256 {
		t[b] = b >= utf8.RuneSelf && b != 0xE2 || b < utf8.RuneSelf && plainASCII[b]
	}
	return t
}()

// appendJSONString quotes s as encoding/json does with HTML escaping on. A valid UTF-8 string
// (drawn values are) is scanned byte by byte against one table, without decoding its runes.
func appendJSONString(dst []byte, s string) []byte {
	if !utf8.ValidString(s) {
		return appendJSONStringAny(dst, s)
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if plainValid[b] {
			i++
			continue
		}
		if b == 0xE2 { // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&^1 == 0xA8 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
				i += 3
				start = i
				continue
			}
			i++
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = appendASCIIEscape(dst, b)
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
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

// appendJSONStringAny is appendJSONString for any string, invalid UTF-8 included (written
// as U+FFFD): rune by rune.
func appendJSONStringAny(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if plainASCII[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendASCIIEscape(dst, b)
			i++
			start = i
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
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
