package contracts

// The strings of decodeNode: read (unescaped as encoding/json unquotes them) or only checked
// (a shallow read's nested values).

import (
	"strings"
	"unicode/utf8"
	"unsafe"
)

// strPlain marks the bytes a string holds as they are: printable ASCII but '"' and '\\', and
// the bytes of multibyte UTF-8 (checked apart).
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x100; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads a string token at d.i. Without escapes its value is a substring of the text. The
// characters of an ASCII string are counted (its length); -1 for any other, which costs a pass
// to count that the error message of a 300 KB value does not need. One pass (plainEnd) finds
// the closing quote, or the first escape, or a control character.
func (d *nodeDecoder) str() (string, int, bool) {
	start := d.i + 1
	end, high := plainEnd(d.b, start)
	if end >= len(d.src) {
		return "", 0, false // no closing quote
	}
	switch d.src[end] {
	case '"':
		s := d.src[start:end]
		d.i = end + 1
		if !high {
			return s, len(s), true
		}
		return s, -1, validUTF8(s)
	case '\\':
		s, ok := d.strEscaped(start, end)
		return s, -1, ok
	}
	return "", 0, false // a control character
}

// strEscaped reads a string holding an escape (the first at esc): it finds the closing quote,
// then unescapes at the end of d.text (an escape never grows its text, so the raw text's size
// is room enough). The value is a view of the bytes written for it in d.text, which are never
// written again while the tree is read: a text without that room is replaced by a new one
// (the strings in the former keep it alive). The new one has room for the rest of the text,
// which holds every unescaped string still to come, so the escaped strings of a text share one
// allocation; a view's with an arena (decodeNodeText's inArena) share the arena's, reused from
// check to check.
func (d *nodeDecoder) strEscaped(start, esc int) (string, bool) {
	end, from := -1, esc
	for end < 0 {
		q := strings.IndexByte(d.src[from:], '"')
		if q < 0 {
			return "", false
		}
		q += from
		k := q
		for d.src[k-1] == '\\' { // k > start: d.src[start-1] is the opening quote
			k--
		}
		if (q-k)%2 == 0 {
			end = q
		}
		from = q + 1
	}
	raw, rawb := d.src[start:end], d.b[start:end]
	if cap(d.text)-len(d.text) < len(raw) { // room for every escaped string left to read
		d.text = make([]byte, 0, max(len(d.src)-start, cap(d.text)))
	}
	t := d.text
	from = len(t)
	for k := 0; k < len(raw); {
		next, high := plainEnd(rawb, k) // the next escape (raw's quotes are escaped ones)
		if next < len(raw) && raw[next] != '\\' {
			return "", false // a control character
		}
		if high && !validUTF8(raw[k:next]) {
			return "", false
		}
		t = append(t, raw[k:next]...)
		if next == len(raw) {
			break
		}
		var n int
		var ok bool
		if t, n, ok = unescape(t, raw[next:]); !ok {
			return "", false
		}
		k = next + n
	}
	d.text = t // within the room made above: t shares d.text's memory
	d.i = end + 1
	return unsafe.String(unsafe.SliceData(t[from:]), len(t)-from), true // never written again
}

// unescape appends the character of the escape s starts with to t and returns the escape's
// length (escapeRune).
func unescape(t []byte, s string) ([]byte, int, bool) {
	r, n := escapeRune(s)
	if n == 0 {
		return t, 0, false
	}
	return utf8.AppendRune(t, r), n, true
}

// hex4 is the code unit of a \uXXXX escape at the start of s, -1 when there is none.
func hex4(s string) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	return hexUnit(s[2:6])
}

// hexUnit is the value of the four hexadecimal digits s starts with, -1 when one is not a
// digit: an escape's code unit (hex4), small enough to be inlined in sameEscapedEchoed's loop.
func hexUnit(s string) rune {
	s = s[:4]
	a, b, c, d := hexDigit[s[0]], hexDigit[s[1]], hexDigit[s[2]], hexDigit[s[3]]
	if a|b|c|d < 0 {
		return -1
	}
	return rune(a)<<12 | rune(b)<<8 | rune(c)<<4 | rune(d)
}

// hexDigit is a hexadecimal digit's value, -1 for any other byte.
var hexDigit = func() (t [256]int8) {
	for c := range t {
		switch {
		case c >= '0' && c <= '9':
			t[c] = int8(c - '0')
		case c >= 'a' && c <= 'f':
			t[c] = int8(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			t[c] = int8(c - 'A' + 10)
		default:
			t[c] = -1
		}
	}
	return t
}()

// skipContainer checks an object or array at d.i without building it (a shallow read's nested
// value): what it accepts, container reads too.
func (d *nodeDecoder) skipContainer(depth int) bool {
	object := d.src[d.i] == '{'
	closing := byte(']')
	if object {
		closing = '}'
	}
	d.i++
	d.ws()
	if d.i < len(d.src) && d.src[d.i] == closing {
		d.i++
		return true
	}
	for {
		if object {
			if d.i >= len(d.src) || d.src[d.i] != '"' || !d.skipString() {
				return false
			}
			d.ws()
			if d.i >= len(d.src) || d.src[d.i] != ':' {
				return false
			}
			d.i++
			d.ws()
		}
		if !d.skipValue(depth) {
			return false
		}
		d.ws()
		if d.i >= len(d.src) {
			return false
		}
		switch d.src[d.i] {
		case ',':
			d.i++
			d.ws()
		case closing:
			d.i++
			return true
		default:
			return false
		}
	}
}

// skipValue checks one value at d.i without building it.
func (d *nodeDecoder) skipValue(depth int) bool {
	if d.i >= len(d.src) {
		return false
	}
	switch c := d.src[d.i]; {
	case c == '"':
		return d.skipString()
	case c == '{' || c == '[':
		return depth < nodeMaxDepth && d.skipContainer(depth+1)
	case c == 't':
		return d.lit("true")
	case c == 'f':
		return d.lit("false")
	case c == 'n':
		return d.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	}
	return false
}

// skipString checks a string token at d.i without unescaping it: what it accepts, str reads.
func (d *nodeDecoder) skipString() bool {
	start := d.i + 1
	if end, high := plainEnd(d.b, start); end < len(d.src) && d.src[end] == '"' { // no escape: one run
		if high && !validUTF8(d.src[start:end]) {
			return false
		}
		d.i = end + 1
		return true
	}
	i := d.i + 1
	run, high := i, byte(0) // the run of plain bytes since the last escape
	for i < len(d.src) {
		c := d.src[i]
		if strPlain[c] {
			high |= c
			i++
			continue
		}
		if high >= utf8.RuneSelf && !utf8.ValidString(d.src[run:i]) {
			return false
		}
		switch c {
		case '"':
			d.i = i + 1
			return true
		case '\\':
			n := escapeLen(d.src[i:])
			if n == 0 {
				return false
			}
			i += n
			run, high = i, 0
		default:
			return false // a control character
		}
	}
	return false
}

// escapeLen is the length of the escape s starts with, 0 when it is not one.
func escapeLen(s string) int {
	if len(s) < 2 {
		return 0
	}
	switch s[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if hex4(s) < 0 {
			return 0
		}
		return 6
	}
	return 0
}
