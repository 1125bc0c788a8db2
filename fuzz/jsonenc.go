package fuzz

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
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
		var kb [48]string // the request's members fit: the keys stay on the stack
		keys := appendSortedKeys(kb[:0], x)
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

// appendJSONString quotes s as encoding/json does with HTML escaping on, in one pass: runs of
// plain ASCII are skipped eight bytes at a time (plainRun), runs of two- and three-byte runes
// are checked in place (multibyteRun), and only the rest (four-byte runes, invalid UTF-8,
// U+2028 and U+2029) is decoded rune by rune.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	if p := period(s); p > 0 {
		dst = appendRepeatedJSON(dst, s, p)
	} else {
		dst = appendJSONText(dst, s)
	}
	return append(dst, '"')
}

// periodMin is the length from which appendJSONString looks for a period: long drawn values
// repeat a drawn block (stringDraw.make).
const periodMin = 2048

// maxPeriod bounds the period looked for: a drawn block's text is at most repeatBlock runes.
const maxPeriod = repeatBlock * utf8.UTFMax

// period returns p when s (at least periodMin bytes) is its first p bytes repeated, then
// followed by a prefix of them, and those p bytes are valid UTF-8 (so every repetition starts
// a rune and escapes as the first does); 0 otherwise. p is where s's first 32 bytes recur
// first: a shorter period would make them recur earlier.
func period(s string) int {
	const probe = 32
	if len(s) < periodMin {
		return 0
	}
	i := strings.Index(s[1:min(len(s), maxPeriod+probe)], s[:probe])
	if i < 0 {
		return 0
	}
	p := i + 1
	if s[p:] != s[:len(s)-p] || !utf8.ValidString(s[:p]) {
		return 0
	}
	return p
}

// appendRepeatedJSON appends the escaped text of s, whose period is p: the first p bytes are
// escaped once and their text repeated, then the rest (a prefix of the period) is escaped.
func appendRepeatedJSON(dst []byte, s string, p int) []byte {
	start := len(dst)
	dst = appendJSONText(dst, s[:p])
	unit := len(dst) - start
	reps := len(s) / p
	dst = slices.Grow(dst, unit*(reps-1)+2*(len(s)-reps*p)+8) // the rest's escapes may grow it once more
	for done := 1; done < reps; {                             // copy what is written, doubling
		n := min(done, reps-done)
		dst = append(dst, dst[start:start+n*unit]...)
		done += n
	}
	return appendJSONText(dst, s[reps*p:])
}

// appendJSONText appends the escaped text of s, without quotes.
func appendJSONText(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if plainASCII[b] {
				i++
				if i+8 <= len(s) {
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
