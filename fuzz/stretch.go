package fuzz

import (
	"regexp"
	"strings"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// stretcher lengthens or shortens the example of a structured pattern (UserPoolIdType, ArnType:
// values that cannot be drawn rune by rune) to any number of runes. What it returns depends on
// the example and the pattern alone, so the regexp searches run once, in NewGenerator, instead
// of on every drawn value.
//
// Longer values repeat one rune at the first position where one more of it keeps the value
// matching (head + x... + tail); shorter ones delete runes, one at a time, from the end first,
// where the value still matches, and cut off what cannot be deleted that way (the pattern is then
// broken too).
type stretcher struct {
	n          int    // runes of the example
	head, tail string // the example around the repeated rune
	x          string // the repeated rune
	short      []string
}

// newStretcher searches the example ex of pattern re (nil: any value) once. extra are runes
// tried after the example's own at each position.
func newStretcher(ex string, extra []rune, re *regexp.Regexp) *stretcher {
	rs := []rune(ex)
	s := &stretcher{n: len(rs), head: string(rs), x: "a"} // no position found: "a"s appended
	cands := append(append([]rune{}, rs...), extra...)
search:
	for pos := 0; pos <= len(rs); pos++ {
		for _, x := range cands {
			if once := string(rs[:pos]) + string(x) + string(rs[pos:]); re == nil || re.MatchString(once) {
				s.head, s.x, s.tail = string(rs[:pos]), string(x), string(rs[pos:])
				break search
			}
		}
	}
	s.short = shortenings(rs, re)
	return s
}

// shortenings returns, for each n below len(ex), ex shortened to n runes: the deletions of one
// value shortened step by step, as one long shortening would make them.
func shortenings(ex []rune, re *regexp.Regexp) []string {
	out := make([]string, len(ex))
	cur, stuck := ex, false
	for l := len(ex); l > 0; l-- { // out[l-1] from cur, which has l runes unless stuck
		for i := len(cur) - 1; i >= 0 && !stuck && len(cur) == l; i-- {
			t := append(append([]rune{}, cur[:i]...), cur[i+1:]...)
			if re == nil || re.MatchString(string(t)) {
				cur = t
			}
		}
		stuck = stuck || len(cur) == l
		if stuck {
			out[l-1] = string(cur[:l-1])
		} else {
			out[l-1] = string(cur)
		}
	}
	return out
}

// stretch returns the example at n runes (n > 0): the repeated rune is written once and its
// copies doubled (writeRepeats), into memory made at the value's size.
func (s *stretcher) stretch(n int) string {
	if n < s.n {
		return s.short[n]
	}
	if n == s.n {
		return s.head + s.tail
	}
	k := n - s.n
	var sb strings.Builder
	sb.Grow(len(s.head) + k*len(s.x) + len(s.tail))
	sb.WriteString(s.head)
	start := sb.Len()
	sb.WriteString(s.x)
	writeRepeats(&sb, start, k)
	sb.WriteString(s.tail)
	return sb.String()
}

// stretcherFor returns the stretcher of member m's values (nil when they are drawn rune by
// rune), made once per member by NewGenerator.
func (g *Generator) stretcherFor(m *contracts.Member) *stretcher {
	if st, ok := g.stretchers[m]; ok {
		return st
	}
	if g.alpha[m.Target].free() {
		return nil
	}
	c := m.Effective()
	return newStretcher(g.example(m.Target), g.alpha[m.Target].ascii, c.Regexp())
}
