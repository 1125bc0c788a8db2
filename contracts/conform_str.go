package contracts

import (
	"fmt"
	"strconv"
	"strings"
)

// The shape walk's checks of a string (@length in characters, R31; @pattern; enum values) and
// of an inclusive @length or @range.

func (w *shapeWalk) str(s *Shape, c *Constraints, n *jnode) {
	v, sensitive := n.str(), s.Sensitive
	if s.Type == "enum" && !contains(s.EnumValues, v) {
		w.add("enum", w.pathString(), "one of ["+strings.Join(s.EnumValues, ", ")+"]", showValue(v, sensitive), src(s))
		return
	}
	if chars, ok := w.chars(c, n); ok {
		w.bounds("length", c.Length, float64(chars), "characters", s)
	}
	if !c.matchPattern(v) {
		w.add("pattern", w.pathString(), "a value matching "+c.Pattern, showValue(v, sensitive), src(s))
	}
}

// strFits reports whether str finds nothing wrong with n, a string of a shape of type
// "string" under the constraints c: its characters within @length and the value matching
// @pattern. The walk of a list of such strings asks it first, and walks (pushing the entry's
// path step) only the entries that do not fit, where str adds the findings.
func (w *shapeWalk) strFits(c *Constraints, n *jnode) bool {
	if chars, ok := w.chars(c, n); ok && c.Length.outside(chars) {
		return false
	}
	return c.matchPattern(n.str())
}

// chars is the number of characters of the string n that @length (c.Length) is checked
// against; ok false when its byte length alone keeps it within (countWithin: no count needed).
func (w *shapeWalk) chars(c *Constraints, n *jnode) (chars int64, ok bool) {
	switch {
	case n.counted: // counted as the string was read
		return int64(n.chars), true
	case countWithin(c.Length, len(n.str())): // its bytes decide it
		return 0, false
	case w.wellFormed:
		return wellFormedChars(n.str()), true
	default: // counted (R31)
		return runeCount(n.str()), true
	}
}

// bounds checks an inclusive @length or @range.
func (w *shapeWalk) bounds(kind string, b *Bounds, n float64, unit string, s *Shape) {
	if b == nil {
		return
	}
	lo, hasLo := b.MinInt()
	hi, hasHi := b.MaxInt()
	if (hasLo && n < float64(lo)) || (hasHi && n > float64(hi)) {
		want := "at least " + strconv.FormatInt(lo, 10)
		switch {
		case hasLo && hasHi:
			want = fmt.Sprintf("%d..%d", lo, hi)
		case hasHi:
			want = "at most " + strconv.FormatInt(hi, 10)
		}
		if unit != "" {
			want += " " + unit
		}
		got := strconv.FormatFloat(n, 'f', -1, 64)
		if unit != "" {
			got += " " + unit
		}
		w.add(kind, w.pathString(), kind+" "+want, got, src(s))
	}
}
