package fuzz

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cognito-contract/cognito-contract/internal/jsontext"
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

// appendJSONString quotes s as encoding/json does with HTML escaping on (jsontext), a long
// value that repeats a block (as long drawn values do) from the block's escaped text.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	if p := period(s); p > 0 {
		dst = appendRepeatedJSON(dst, s, p)
	} else {
		dst = jsontext.AppendText(dst, s)
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
	dst = jsontext.AppendText(dst, s[:p])
	unit := len(dst) - start
	reps := len(s) / p
	dst = slices.Grow(dst, unit*(reps-1)+2*(len(s)-reps*p)+8) // the rest's escapes may grow it once more
	for done := 1; done < reps; {                             // copy what is written, doubling
		n := min(done, reps-done)
		dst = append(dst, dst[start:start+n*unit]...)
		done += n
	}
	return jsontext.AppendText(dst, s[reps*p:])
}
