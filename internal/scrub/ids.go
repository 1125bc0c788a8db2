package scrub

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// Resource identifiers the scrubber did not provision: another pool of the account listed by
// ListUserPools, a client a recorded answer created. Known values (the provisioned pool and
// client, given to New) are replaced by {{UserPoolId}} and {{ClientId}} first; what still has
// the shape of an id is then masked, keeping its shape: the region prefix stays, every
// identifying character becomes X (pools) or x (clients). A made-up id, one character
// repeated ("us-east-1_AAAAAAAAA", 26 × "a"), is left alone: the fixture library uses such
// ids for pools and clients that do not exist.
//
// The shapes are the model's (UserPoolIdType, ClientIdType: length and pattern, read from the
// embedded model) narrowed to the formats provisioned ids have:
//   - pool ids: "<region>_" + 9 alphanumerics on AWS (OB-14 "us-east-1_AAAAAAAAA", the
//     emulator draws the same), "local_" + 8 on cognito-local (its CreateUserPool: REGION
//     "local", a short-uuid cut to 8); after the region became {{Region}}, "{{Region}}_…";
//   - client ids: 26 lower-case alphanumerics on AWS and in the emulator, 25 on cognito-local
//     (short-uuid over [0-9a-z]); in free text one digit and one letter at least, so that a
//     long word is not taken for an id.
var (
	poolIDRe   = regexp.MustCompile(`(?:^|[^0-9A-Za-z_-])((?:[a-z]{2}(?:-[a-z]+)+-[0-9]+|local|\{\{Region\}\})_[0-9A-Za-z]{8,9})(?:[^0-9A-Za-z_]|$)`)
	clientIDRe = regexp.MustCompile(`(?:^|[^0-9A-Za-z_+])([0-9a-z]{25,26})(?:[^0-9A-Za-z_+]|$)`)
)

// modelShape reports whether v has the length (in characters) and pattern of a model shape.
func modelShape(name, v string) bool {
	sh, ok := contracts.DefaultModel().Shape(name)
	if !ok {
		return true // a model without the shape: the format alone decides
	}
	n := int64(utf8.RuneCountInString(v))
	if lo, ok := sh.Length.MinInt(); ok && n < lo {
		return false
	}
	if hi, ok := sh.Length.MaxInt(); ok && n > hi {
		return false
	}
	return sh.Regexp() == nil || sh.Regexp().MatchString(v)
}

func looksLikePoolID(v string) bool {
	i := strings.LastIndexByte(v, '_')
	if i < 0 || madeUp(v[i+1:]) {
		return false
	}
	if strings.HasPrefix(v, "local_") && classes(v[i+1:]) < 2 {
		return false // "local_variable" is a word; cognito-local's ids mix cases and digits
	}
	if strings.HasPrefix(v, Region) {
		v = "r" + v[len(Region):] // the model's length and pattern, for a region of one letter
	}
	return modelShape("UserPoolIdType", v)
}

func looksLikeClientID(v string) bool {
	return !madeUp(v) && strings.ContainsAny(v, "0123456789") && strings.ContainsAny(v, "abcdefghijklmnopqrstuvwxyz") &&
		modelShape("ClientIdType", v)
}

// madeUp reports whether s is one character repeated.
func madeUp(s string) bool {
	return s != "" && strings.Count(s, s[:1]) == len(s)
}

// classes counts the character classes (digit, lower, upper) s draws from.
func classes(s string) int {
	n := 0
	for _, set := range []string{"0123456789", "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"} {
		if strings.ContainsAny(s, set) {
			n++
		}
	}
	return n
}

func maskPoolID(v string) string {
	i := strings.LastIndexByte(v, '_')
	return v[:i+1] + strings.Repeat("X", len(v)-i-1)
}

func maskClientID(v string) string { return strings.Repeat("x", len(v)) }
