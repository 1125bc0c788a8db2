package contracts

import (
	"errors"
	"strings"
)

// The parser's failures whose decodeBody error is certain: the text is produced here, without
// running encoding/json over the body a second time. decodeBody stays the reference for every
// other failure, and the differential table and FuzzParseJSON (jsondoc_test.go, scan_fail_test.go)
// hold the two to the same texts.

// failure is where and why the parser stopped, when the reason is one of the known ones.
type failure struct {
	kind failKind
	// trailing: next is the first byte after the complete top-level value and the whitespace
	// that follows it (next < len(src)). stop: next is where the parser stood when it stopped
	// (the start of the token it could not read when tok, else the byte it did not expect).
	// depth: end is the index of the '[' or '{' that opens one container too many.
	end, next int
	tok       bool
}

type failKind uint8

const (
	failOther    failKind = iota // decodeBody gives the text
	failTrailing                 // a complete value, then something other than whitespace
	failDepth                    // encoding/json's nesting limit, everything before well-formed
	failStop                     // any other stop: the text from next on tells the reason
)

// Texts of decodeBody's errors (validate.go).
const (
	textNotUTF8   = "the body is not valid UTF-8"
	textMalformed = "malformed JSON: "
	textDataAfter = "malformed JSON: data after the top-level value"
	textCut       = "malformed JSON: unexpected EOF"
)

// knownFailure returns decodeBody's error for a body the parser stopped on as f says; ok is
// false when only decodeBody can tell.
//
// What the parser read before the stop is valid UTF-8 (strings are checked as they are read,
// and any other byte >= 0x80 is a syntax error), so the body is valid UTF-8 exactly when the
// rest is; decodeBody checks that first.
//
// A value followed by more: json.Decoder's Decode ends at the value's last byte, and then any
// further token, valid or not, is "data after the top-level value" (for a scalar followed at
// once by another byte too: `12x`, `"s"x`, `truex`, `01`; the table pins each form).
//
// Too deep: the scanner refuses the container that makes the depth 10,001 with "invalid
// character c exceeded max depth", the first error it meets when all before is well-formed.
//
// Any other stop: invalid UTF-8 from the stop on is decodeBody's first finding. Else, when the
// text ends where the parser stood, or inside the token it could not read (a string, true,
// false, null cut short), everything read was a valid start of a value: json.Decoder reaches
// the end of its input with a value unfinished and answers "unexpected EOF" (not for a text
// of whitespace only, which is "EOF": decodeBody names that one). A syntax error is named by
// decodeBody.
func knownFailure(src string, f failure) (err error, ok bool) {
	switch f.kind {
	case failStop:
		if !validUTF8(src[f.next:]) {
			return errors.New(textNotUTF8), true
		}
		if cutShort(src, f.next, f.tok) && strings.TrimLeft(src, " \t\n\r") != "" {
			return errors.New(textCut), true
		}
	case failTrailing:
		if !validUTF8(src[f.next:]) {
			return errors.New(textNotUTF8), true
		}
		return errors.New(textDataAfter), true
	case failDepth:
		if !validUTF8(src[f.end:]) {
			return errors.New(textNotUTF8), true
		}
		// The byte is '[' or '{', which the scanner's quoteChar prints between apostrophes.
		return errors.New(textMalformed + "invalid character '" + src[f.end:f.end+1] + "' exceeded max depth"), true
	}
	return nil, false
}

// cutShort reports whether the text ends where the parser stopped at src[i] or, when it could
// not read the token that starts there (tok), inside it: a string with no closing quote, no
// control character and only escapes JSON has (the last one possibly cut), or a literal's
// first letters.
func cutShort(src string, i int, tok bool) bool {
	if i == len(src) {
		return true
	}
	if !tok {
		return false // a byte the parser did not expect there
	}
	rest := src[i:]
	switch rest[0] {
	case 't':
		return len(rest) < len("true") && strings.HasPrefix("true", rest)
	case 'f':
		return len(rest) < len("false") && strings.HasPrefix("false", rest)
	case 'n':
		return len(rest) < len("null") && strings.HasPrefix("null", rest)
	case '"':
		return cutString(rest)
	}
	return false
}

// cutString reports whether s, which starts with a quote, is a string token the end of s cuts
// short: what encoding/json's scanner reads without an error up to the end.
func cutString(s string) bool {
	for j := 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '"' || c < 0x20:
			return false
		case c == '\\':
			if j++; j == len(s) {
				return true
			}
			switch s[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				for k := 0; k < 4; k++ {
					if j++; j == len(s) {
						return true
					}
					if hexDigit[s[j]] < 0 { // not a hexadecimal digit
						return false
					}
				}
			default:
				return false
			}
		}
	}
	return true
}

// notJSON is a decoding error of a body that is not one JSON value even as json.Valid reads it
// (the syntax only): every failure but invalid UTF-8, which decodeBody names first and
// json.Valid does not check. Its text is the error's.
type notJSON struct{ error }

func (e notJSON) Unwrap() error { return e.error }

// syntaxOf marks a decoding error as notJSON unless it is the invalid UTF-8 one: what
// knownFailure and decodeBody return past their UTF-8 check is a syntax error, data after the
// value, nesting past the limit or a text cut short, each of which json.Valid refuses too.
func syntaxOf(err error) error {
	if err.Error() == textNotUTF8 {
		return err
	}
	return notJSON{err}
}
