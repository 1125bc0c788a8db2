package contracts

import (
	"regexp/syntax"
	"unicode/utf8"
)

// runeClass matches the patterns of the form ^[class]+$, most of this model's (ClientIdType
// ^[\w+]+$, ClientNameType, RedirectUrlType ^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$, ProviderNameType,
// ScopeType, HexStringType): one or more characters, each in the class. It reads the class from
// the pattern as regexp.Compile parses it, so it matches exactly the strings the compiled
// regexp matches, without the regexp machine: a table for ASCII, the class ranges otherwise.
type runeClass struct {
	ascii  [128]bool
	ranges []rune // pairs lo, hi, as syntax.Regexp.Rune
}

// compileRuneClass returns the class of a ^[class]+$ pattern, nil for any other pattern (those
// keep the regexp).
func compileRuneClass(pattern string) *runeClass {
	re, err := syntax.Parse(pattern, syntax.Perl) // regexp.Compile's flags
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) != 3 {
		return nil
	}
	begin, plus, end := re.Sub[0], re.Sub[1], re.Sub[2]
	if begin.Op != syntax.OpBeginText || end.Op != syntax.OpEndText || plus.Op != syntax.OpPlus ||
		len(plus.Sub) != 1 || plus.Sub[0].Op != syntax.OpCharClass {
		return nil
	}
	rc := &runeClass{ranges: plus.Sub[0].Rune}
	for r := rune(0); r < utf8.RuneSelf; r++ {
		rc.ascii[r] = rc.inRanges(r)
	}
	return rc
}

func (rc *runeClass) inRanges(r rune) bool {
	for i := 0; i+1 < len(rc.ranges); i += 2 {
		if r < rc.ranges[i] {
			return false // the ranges are sorted
		}
		if r <= rc.ranges[i+1] {
			return true
		}
	}
	return false
}

// match reports whether s is one or more characters of the class. A byte that is not UTF-8
// reads as U+FFFD, as in the regexp package.
func (rc *runeClass) match(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !rc.ascii[c] {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !rc.inRanges(r) {
			return false
		}
		i += n
	}
	return true
}

// matchPattern reports whether s satisfies @pattern (true when there is none).
func (c *Constraints) matchPattern(s string) bool {
	switch {
	case c.class != nil:
		return c.class.match(s)
	case c.re != nil:
		return c.re.MatchString(s)
	}
	return true
}
