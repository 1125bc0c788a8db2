package runner

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// valueCase is one value of a member under test.
type valueCase struct {
	name  string
	value any
	note  string // appended to the rule text
}

// seeds are realistic starting values for string shapes whose pattern has structure, so a
// value padded to a boundary length stays meaningful (an https URL, an ARN). They are not
// constraints: every length and pattern comes from the model, and values are padded or cut
// to the model's bounds.
var seeds = map[string]string{
	"RedirectUrlType":      "https://example.com/callback", // R5: https is always accepted
	"ArnType":              "arn:aws:mobiletargeting:us-east-1:000000000000:apps/cognitocontract",
	"UserPoolIdType":       "us-east-1_cognitocontract",
	"ScopeType":            "openid",  // R12: a standard scope
	"ProviderNameType":     "COGNITO", // R24: always configured
	"ClientPermissionType": "email",   // R23: a standard attribute
	"HexStringType":        "0123456789abcdef",
}

// multibyte is the character of the multibyte length cases (R31, OB-35: 32 × "あ").
const multibyte = "あ"

// probes are the pattern edge characters tried against every pattern, each named; the
// model's pattern decides whether a case expects acceptance or rejection.
var probes = []struct{ name, char string }{
	{"space", " "}, {"tab", "\t"}, {"nbsp", "\u00a0"}, {"hyphen", "-"}, {"plus", "+"},
	{"underscore", "_"}, {"bang", "!"}, {"quote", `"`}, {"backslash", `\`}, {"slash", "/"},
	{"hiragana", multibyte}, {"emoji", "😀"}, {"control", "\x01"},
}

// stringCases are the length boundaries (in characters, ASCII and multibyte) and the
// pattern edges of a string member.
func stringCases(mem *contracts.Member) []valueCase {
	ec := mem.Effective()
	re := ec.Regexp()
	seed := seedFor(mem)
	fill := filler(seed, ec)
	var out []valueCase
	if ec.Length != nil {
		min, hasMin := ec.Length.MinInt()
		max, hasMax := ec.Length.MaxInt()
		if hasMin && min > 0 {
			name := "too-short"
			if min == 1 {
				name = "empty"
			}
			out = append(out, valueCase{name: name, value: sized(seed, int(min)-1, fill)})
		}
		if hasMin {
			out = append(out, valueCase{name: "min-length", value: sized(seed, int(min), fill)})
		}
		if hasMax {
			out = append(out, valueCase{name: "max-length", value: sized(seed, int(max), fill)},
				valueCase{name: "too-long", value: sized(seed, int(max)+1, fill)})
			if re == nil || re.MatchString(seed+multibyte) {
				out = append(out, valueCase{name: "max-length-multibyte", value: sized(seed, int(max), multibyte), note: "; characters, not bytes (R31, OB-35)"},
					valueCase{name: "too-long-multibyte", value: sized(seed, int(max)+1, multibyte), note: "; characters, not bytes (R31, OB-35)"})
			}
		}
	}
	if re != nil {
		for _, p := range probes {
			v := seed + p.char
			if max, ok := ec.Length.MaxInt(); ok && runeLen(v) > int(max) {
				v = sized(seed, int(max)-1, fill) + p.char
			}
			side := "rejects"
			if re.MatchString(v) {
				side = "accepts"
			}
			out = append(out, valueCase{name: "pattern-" + side + "-" + p.name, value: v})
		}
	}
	return out
}

// seedFor is a valid starting value of a string member: its seed if the model's constraints
// accept it, else a run of a filler character the pattern accepts.
func seedFor(mem *contracts.Member) string {
	ec := mem.Effective()
	if s, ok := seeds[mem.Target.Name]; ok && fits(s, ec) {
		return s
	}
	for _, c := range []string{"a", "A", "0", "_"} {
		n := 1
		if min, ok := ec.Length.MinInt(); ok && min > 1 {
			n = int(min)
		}
		if s := strings.Repeat(c, n); fits(s, ec) {
			return s
		}
	}
	return "a"
}

// fits reports whether s satisfies a member's length and pattern.
func fits(s string, ec contracts.Constraints) bool {
	n := runeLen(s)
	if min, ok := ec.Length.MinInt(); ok && n < int(min) {
		return false
	}
	if max, ok := ec.Length.MaxInt(); ok && n > int(max) {
		return false
	}
	return ec.Regexp() == nil || ec.Regexp().MatchString(s)
}

// filler is the character appended to the seed to reach a length: one the pattern accepts.
func filler(seed string, ec contracts.Constraints) string {
	for _, c := range []string{"a", "0", "A", "_"} {
		if ec.Regexp() == nil || ec.Regexp().MatchString(seed+c) {
			return c
		}
	}
	return "a"
}

// sized cuts or pads seed with fill to exactly n characters.
func sized(seed string, n int, fill string) string {
	if n <= 0 {
		return ""
	}
	r := []rune(seed)
	if len(r) >= n {
		return string(r[:n])
	}
	return seed + strings.Repeat(fill, n-len(r))
}

// rangeCases are the edges of an integer range: one below, the minimum, the maximum, one above.
func rangeCases(ec contracts.Constraints) []valueCase {
	var out []valueCase
	if min, ok := ec.Range.MinInt(); ok {
		out = append(out, valueCase{name: "below-min", value: min - 1}, valueCase{name: "min", value: min})
	}
	if max, ok := ec.Range.MaxInt(); ok {
		out = append(out, valueCase{name: "max", value: max}, valueCase{name: "above-max", value: max + 1})
	}
	return out
}

// enumCases are every enum value and a near miss (the first value with its case flipped).
func enumCases(s *contracts.Shape) []valueCase {
	var out []valueCase
	for _, v := range s.EnumValues {
		out = append(out, valueCase{name: "enum-" + slug(v), value: v})
	}
	if len(s.EnumValues) > 0 {
		miss := flipCase(s.EnumValues[0])
		known := false
		for _, v := range s.EnumValues {
			known = known || v == miss
		}
		if !known {
			out = append(out, valueCase{name: "enum-near-miss", value: miss})
		}
	}
	return out
}

func flipCase(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s)
}

// slug turns an enum value into an id part: "client_credentials" -> "client-credentials".
func slug(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "-")) }

// sample is a valid value of a member, for required siblings and list entries.
func sample(mem *contracts.Member) any {
	shape := mem.Target
	ec := mem.Effective()
	switch {
	case len(shape.EnumValues) > 0:
		return shape.EnumValues[0]
	case shape.Type == "string":
		return seedFor(mem)
	case shape.Type == "integer" || shape.Type == "long":
		if min, ok := ec.Range.MinInt(); ok {
			return min
		}
		return 1
	case shape.Type == "boolean":
		return true
	case shape.Type == "list":
		return []any{sample(shape.Member)}
	case shape.Type == "structure":
		out := map[string]any{}
		for _, m := range shape.Members {
			if m.Effective().Required {
				out[m.Name] = sample(m)
			}
		}
		return out
	}
	return nil
}

// enumValue returns value if the enum shape of the model lists it (so a value named in a
// rule is checked against the model rather than trusted), else "".
func enumValue(m *contracts.Model, shape, value string) string {
	s, ok := m.Shape(shape)
	if !ok {
		return ""
	}
	for _, v := range s.EnumValues {
		if v == value {
			return v
		}
	}
	return ""
}

// describe renders a value for the "input:" line: long strings cut to 4 characters with
// their length in characters.
func describe(path string, v any) string {
	if v == absent {
		return path + " absent"
	}
	return path + " = " + short(v)
}

func short(v any) string {
	switch x := v.(type) {
	case string:
		if n := runeLen(x); n > 16 {
			return fmt.Sprintf("%q (%d chars)", string([]rune(x)[:4])+"...", n)
		}
		return fmt.Sprintf("%q", x)
	case []any:
		if len(x) > 3 {
			return fmt.Sprintf("[%s, ... %d entries]", short(x[0]), len(x))
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = short(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		return fmt.Sprintf("{%d members}", len(x))
	}
	return fmt.Sprint(v)
}
