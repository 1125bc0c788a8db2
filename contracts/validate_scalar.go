package contracts

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// scalarValue is a decoded scalar with the form the service prints it in.
type scalarValue struct {
	str    string // string and enum values
	isStr  bool
	num    float64 // numeric values (integers are exact below 2^53, far above any model bound)
	isNum  bool
	render string // as it appears between the quotes of a message entry
}

// scalar decodes a JSON scalar for a shape; why is the expected JSON type when it does not fit.
func scalar(s *Shape, val any) (scalarValue, string) {
	switch s.Type {
	case "string", "enum", "blob":
		str, ok := val.(string)
		if !ok {
			return scalarValue{}, "string"
		}
		return scalarValue{str: str, isStr: true, render: str}, ""
	case "boolean":
		b, ok := val.(bool)
		if !ok {
			return scalarValue{}, "boolean"
		}
		return scalarValue{render: strconv.FormatBool(b)}, ""
	case "byte", "short", "integer", "long":
		n, ok := val.(json.Number)
		if !ok {
			return scalarValue{}, "number"
		}
		// A fraction, an exponent or a value beyond the type's width does not deserialise.
		i, err := strconv.ParseInt(string(n), 10, intBits[s.Type])
		if err != nil {
			return scalarValue{}, s.Type + " (" + strconv.Itoa(intBits[s.Type]) + "-bit, no fraction or exponent)"
		}
		return scalarValue{num: float64(i), isNum: true, render: strconv.FormatInt(i, 10)}, ""
	case "float", "double", "timestamp", "bigDecimal", "bigInteger":
		n, ok := val.(json.Number)
		if !ok {
			return scalarValue{}, "number"
		}
		f, err := n.Float64()
		if err != nil {
			return scalarValue{}, "number"
		}
		return scalarValue{num: f, isNum: true, render: string(n)}, ""
	}
	return scalarValue{render: jsonKind(val)}, "" // document: anything goes
}

var intBits = map[string]int{"byte": 8, "short": 16, "integer": 32, "long": 64}

// brokenConstraint is one constraint a value breaks: its kind and its message text.
type brokenConstraint struct{ kind, text string }

// broken lists the constraints a scalar breaks, in the order the service lists them:
// enum; length max, length min; pattern; value max, value min.
func (sv scalarValue) broken(s *Shape, c Constraints) []brokenConstraint {
	var out []brokenConstraint
	if sv.isStr {
		if s.Type == "enum" && !contains(s.EnumValues, sv.str) {
			out = append(out, brokenConstraint{"enum", enumText(s.EnumValues)})
		}
		// Lengths count characters (R31, OB-35): 32 × "あ" is a valid provider name. A non-BMP
		// character counts 1 here; Java would count its UTF-16 surrogate pair as 2 — unobserved.
		out = append(out, lengthBroken(c.Length, int64(utf8.RuneCountInString(sv.str)), "length")...)
		if re := c.Regexp(); re != nil && !re.MatchString(sv.str) {
			out = append(out, brokenConstraint{"pattern", patternText(c.Pattern)})
		}
	}
	if sv.isNum && c.Range != nil {
		if max, ok := c.Range.MaxInt(); ok && sv.num > *c.Range.Max {
			out = append(out, brokenConstraint{"range", "Member must have value less than or equal to " + strconv.FormatInt(max, 10)})
		}
		if min, ok := c.Range.MinInt(); ok && sv.num < *c.Range.Min {
			out = append(out, brokenConstraint{"range", "Member must have value greater than or equal to " + strconv.FormatInt(min, 10)})
		}
	}
	return out
}

// lengthBroken checks a count (characters or entries) against @length.
func lengthBroken(b *Bounds, n int64, kind string) []brokenConstraint {
	var out []brokenConstraint
	if max, ok := b.MaxInt(); ok && n > max {
		out = append(out, brokenConstraint{kind, lengthMaxText(max)})
	}
	if min, ok := b.MinInt(); ok && n < min {
		out = append(out, brokenConstraint{kind, lengthMinText(min)})
	}
	return out
}

// allConstraints is every constraint of a list member's shape, as the service lists them
// inside "Member must satisfy constraint: [...]" (max length, min length, pattern, or the
// enum set; §7).
func allConstraints(s *Shape, c Constraints) []string {
	var out []string
	if s.Type == "enum" {
		out = append(out, enumText(s.EnumValues))
	}
	if max, ok := c.Length.MaxInt(); ok {
		out = append(out, lengthMaxText(max))
	}
	if min, ok := c.Length.MinInt(); ok {
		out = append(out, lengthMinText(min))
	}
	if c.Pattern != "" {
		out = append(out, patternText(c.Pattern))
	}
	if max, ok := c.Range.MaxInt(); ok {
		out = append(out, "Member must have value less than or equal to "+strconv.FormatInt(max, 10))
	}
	if min, ok := c.Range.MinInt(); ok {
		out = append(out, "Member must have value greater than or equal to "+strconv.FormatInt(min, 10))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
