package contracts

import (
	"errors"
)

// The parser's failures whose decodeBody error is certain: the text is produced here, without
// running encoding/json over the body a second time. decodeBody stays the reference for every
// other failure, and the differential table and FuzzParseJSON (jsondoc_test.go, scan_fail_test.go)
// hold the two to the same texts.

// failure is where and why the parser stopped, when the reason is one of the known ones.
type failure struct {
	kind failKind
	// trailing: next is the first byte after the complete top-level value and the whitespace
	// that follows it (next < len(src)). depth: end is the index of the '[' or '{' that opens
	// one container too many.
	end, next int
}

type failKind uint8

const (
	failOther    failKind = iota // decodeBody gives the text
	failTrailing                 // a complete value, then something other than whitespace
	failDepth                    // encoding/json's nesting limit, everything before well-formed
)

// Texts of decodeBody's errors (validate.go).
const (
	textNotUTF8   = "the body is not valid UTF-8"
	textMalformed = "malformed JSON: "
	textDataAfter = "malformed JSON: data after the top-level value"
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
func knownFailure(src string, f failure) (err error, ok bool) {
	switch f.kind {
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
