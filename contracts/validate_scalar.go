package contracts

import (
	"math"
	"strconv"
	"strings"
)

// scalarValue is a decoded scalar with the form the service prints it in.
type scalarValue struct {
	n   *jnode
	str string // string and enum values (once read: value)
	// undecoded tells that str is not set yet: the value of a string the parser left undecoded
	// (jnode.lazy), decoded the first time it is read (value), so that a value whose length
	// alone is checked is never decoded and one that is read is decoded once.
	undecoded bool
	isStr     bool
	num       float64 // numeric values (integers are exact below 2^53, far above any model bound)
	isNum     bool
	isInt     bool
	i         int64 // integer values
}

// value is a string scalar's value, decoded the first time it is read when the parser left it
// undecoded.
func (sv *scalarValue) value() string {
	if sv.undecoded {
		sv.str, sv.undecoded = sv.n.str(), false
	}
	return sv.str
}

// render is the value as it appears between the quotes of a message entry. It is built only
// when a violation is reported.
func (sv *scalarValue) render() string {
	switch {
	case sv.isStr:
		return sv.value()
	case sv.isInt:
		return strconv.FormatInt(sv.i, 10)
	case sv.isNum:
		return sv.n.str()
	case sv.n.kind == jBool:
		return strconv.FormatBool(sv.n.b)
	}
	return sv.n.kindName() // document: anything goes
}

// scalarKind is how a shape's values are checked, read from its type name once, when the model
// is loaded (Shape.kind; a list reads its member's once for all of its entries): the scalar
// kinds, then the containers.
type scalarKind uint8

const (
	kindDocument scalarKind = iota // anything goes
	kindString                     // string, enum, blob
	kindBool
	kindInt       // byte, short, integer, long
	kindFloat     // float, double, timestamp, bigDecimal, bigInteger
	kindStructure // structure, union
	kindList      // list, set
	kindMap
)

func kindOf(s *Shape) scalarKind {
	if s.kind != 0 { // read when the model was loaded
		return s.kind - 1
	}
	return typeKind(s.Type)
}

// typeKind is the kind of the values of a Smithy type.
func typeKind(typ string) scalarKind {
	switch typ {
	case "string", "enum", "blob":
		return kindString
	case "boolean":
		return kindBool
	case "byte", "short", "integer", "long":
		return kindInt
	case "float", "double", "timestamp", "bigDecimal", "bigInteger":
		return kindFloat
	case "structure", "union":
		return kindStructure
	case "list", "set":
		return kindList
	case "map":
		return kindMap
	}
	return kindDocument
}

// scalarOf decodes a JSON scalar for a shape s of kind k (kindOf(s)); why is the expected JSON
// type when it does not fit.
func scalarOf(k scalarKind, s *Shape, val *jnode) (scalarValue, string) {
	switch k {
	case kindString:
		if val.kind != jString {
			return scalarValue{}, "string"
		}
		if val.lazy {
			return scalarValue{n: val, undecoded: true, isStr: true}, ""
		}
		return scalarValue{n: val, str: val.s, isStr: true}, ""
	case kindBool:
		if val.kind != jBool {
			return scalarValue{}, "boolean"
		}
		return scalarValue{n: val}, ""
	case kindInt:
		if val.kind != jNumber {
			return scalarValue{}, "number"
		}
		// A fraction, an exponent or a value beyond the type's width does not deserialise.
		bits := intBits(s.Type)
		i, err := strconv.ParseInt(val.str(), 10, bits)
		if err != nil {
			return scalarValue{}, s.Type + " (" + strconv.Itoa(bits) + "-bit, no fraction or exponent)"
		}
		return scalarValue{n: val, num: float64(i), isNum: true, isInt: true, i: i}, ""
	case kindFloat:
		if val.kind != jNumber {
			return scalarValue{}, "number"
		}
		f, err := strconv.ParseFloat(val.str(), 64)
		if err != nil {
			return scalarValue{}, "number"
		}
		return scalarValue{n: val, num: f, isNum: true}, ""
	}
	return scalarValue{n: val}, "" // document: anything goes
}

// intBits is the width of an integer type.
func intBits(typ string) int {
	switch typ {
	case "byte":
		return 8
	case "short":
		return 16
	case "integer":
		return 32
	}
	return 64
}

// intFloat is strconv.ParseFloat(text, 64) for a text strconv.ParseInt read as i: the integer
// rounded to the nearest float64, ties to even, as both round it, and "-0" stays -0 in a
// finding.
func intFloat(i int64, text string) float64 {
	if i == 0 && strings.HasPrefix(text, "-") {
		return math.Copysign(0, -1)
	}
	return float64(i)
}

// brokenConstraint is one constraint a value breaks: its kind and its message text.
type brokenConstraint struct{ kind, text string }

// memberCheck is what a list reads once about its member shape for all of its entries: how
// they decode, whether they are enum values, their @length as an interval (an unbounded side
// at the int64 extreme, which no count passes).
type memberCheck struct {
	kind   scalarKind
	enum   bool
	lo, hi int64
}

func memberCheckOf(s *Shape, c *Constraints) memberCheck {
	m := memberCheck{kind: kindOf(s), enum: s.Type == "enum", lo: math.MinInt64, hi: math.MaxInt64}
	if max, ok := c.Length.MaxInt(); ok {
		m.hi = max
	}
	if min, ok := c.Length.MinInt(); ok {
		m.lo = min
	}
	return m
}

// breaks reports whether a scalar of the list member shape s breaks any constraint; it is
// broken(...) != nil without building a message (TestBreaksIsBroken).
func (sv scalarValue) breaks(s *Shape, c *Constraints, m *memberCheck) bool {
	if sv.isStr && m.stringBreaks(s, c, sv.n) {
		return true
	}
	if sv.isNum && c.Range != nil {
		if _, ok := c.Range.MaxInt(); ok && sv.num > *c.Range.Max {
			return true
		}
		if _, ok := c.Range.MinInt(); ok && sv.num < *c.Range.Min {
			return true
		}
	}
	return false
}

// maxBroken is the most constraints one scalar can break: enum, length max or min, pattern,
// value max or min.
const maxBroken = 4

// broken appends to out the constraints a scalar breaks, in the order the service lists them:
// enum; length max, length min; pattern; value max, value min. The caller passes a buffer of
// maxBroken, so nothing is allocated for the list.
// Each check runs once (a 300,000-character value is matched against its pattern once).
func (sv *scalarValue) broken(s *Shape, c *Constraints, out []brokenConstraint) []brokenConstraint {
	if sv.isStr {
		if s.Type == "enum" && !contains(s.EnumValues, sv.value()) {
			out = append(out, brokenConstraint{"enum", c.texts.enumOf(s)})
		}
		// Lengths count characters (R31, OB-35): 32 × "あ" is a valid provider name. A non-BMP
		// character counts 1 here; Java would count its UTF-16 surrogate pair as 2 — unobserved.
		if n := sv.chars(); c.Length.outside(n) {
			out = appendLengthBroken(out, c, n, "length")
		}
		if c.hasPattern() && !c.matchPattern(sv.value()) { // a value without one to match is not read
			out = append(out, brokenConstraint{"pattern", c.texts.patternOf(c.Pattern)})
		}
	}
	if sv.isNum && c.Range != nil {
		if max, ok := c.Range.MaxInt(); ok && sv.num > *c.Range.Max {
			out = append(out, brokenConstraint{"range", c.texts.rangeMaxOf(max)})
		}
		if min, ok := c.Range.MinInt(); ok && sv.num < *c.Range.Min {
			out = append(out, brokenConstraint{"range", c.texts.rangeMinOf(min)})
		}
	}
	return out
}

// stringBreaks is breaks for a string node of the member shape s (enum, length, pattern),
// read without decoding it into a scalarValue first: the list's loop for string members.
func (m *memberCheck) stringBreaks(s *Shape, c *Constraints, val *jnode) bool {
	if n := nodeChars(val); n < m.lo || n > m.hi {
		return true // the enum is not read first: either breaks the list's member
	}
	if !m.enum && !c.hasPattern() {
		return false // nothing reads the value (one left undecoded stays so)
	}
	str := val.str() // read once for the enum and the pattern
	if m.enum && !contains(s.EnumValues, str) {
		return true
	}
	if c.class != nil { // matchPattern's first case, without its call (a URL list's every entry)
		return !c.class.match(str)
	}
	return !c.matchPattern(str)
}

// chars is a string value's length in characters: counted by the parser as it read the
// string, or counted now for a node built otherwise.
func (sv scalarValue) chars() int64 {
	if sv.n != nil {
		return nodeChars(sv.n)
	}
	return runeCount(sv.value())
}

// nodeChars is a string node's length in characters (chars).
func nodeChars(n *jnode) int64 {
	if n.counted {
		return int64(n.chars)
	}
	return runeCount(n.str())
}

// appendLengthBroken appends to out what a count (characters or entries) breaks of c's @length.
func appendLengthBroken(out []brokenConstraint, c *Constraints, n int64, kind string) []brokenConstraint {
	if max, ok := c.Length.MaxInt(); ok && n > max {
		out = append(out, brokenConstraint{kind, c.texts.lengthMaxOf(max)})
	}
	if min, ok := c.Length.MinInt(); ok && n < min {
		out = append(out, brokenConstraint{kind, c.texts.lengthMinOf(min)})
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
