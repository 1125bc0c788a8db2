package contracts

import (
	"encoding/binary"
	"regexp/syntax"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// runeClass matches the patterns of the form ^[class]+$, most of this model's (ClientIdType
// ^[\w+]+$, ClientNameType, RedirectUrlType ^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$, ProviderNameType,
// ScopeType, HexStringType): one or more characters, each in the class. It reads the class from
// the pattern as regexp.Compile parses it, so it matches exactly the strings the compiled
// regexp matches, without the regexp machine: a table for ASCII, a bitmap for the rest of the
// Basic and Supplementary Multilingual Planes (built on first use; 𝒜 and 😀 are in the second),
// a binary search of the ranges above them.
type runeClass struct {
	ascii  [128]bool
	ascii8 [256]uint8 // 1 for the ASCII members, 0 for other ASCII bytes and every byte >= 0x80
	// span is set when the ASCII members are exactly the bytes lo..hi (RedirectUrlType's
	// printable ASCII, 0x21..0x7E): eight bytes are then tested at once by arithmetic.
	span   bool
	lo, hi byte
	ranges []rune // pairs lo, hi, sorted, as syntax.Regexp.Rune
	once   sync.Once
	bmp    *classBitmap
}

// bitmapMax is the last character classBitmap holds: planes 0 and 1, U+0000..U+1FFFF.
const bitmapMax = 0x1FFFF

// classBitmap has bit r set when r (at most bitmapMax) is in the class (16 KB).
type classBitmap [(bitmapMax + 1) / 64]uint64

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
	return newRuneClass(plus.Sub[0].Rune)
}

// newRuneClass is the class of syntax.Regexp.Rune pairs.
func newRuneClass(ranges []rune) *runeClass {
	rc := &runeClass{ranges: ranges}
	members := 0
	for r := rune(0); r < utf8.RuneSelf; r++ {
		rc.ascii[r] = rc.inRanges(r)
		if rc.ascii[r] {
			rc.ascii8[r] = 1
			if members == 0 {
				rc.lo = byte(r)
			}
			rc.hi = byte(r)
			members++
		}
	}
	rc.span = members > 0 && members == int(rc.hi-rc.lo)+1
	return rc
}

// outsideSpan reports whether a little-endian word of text holds a byte outside lo..hi (a
// byte >= 0x80 included): the "has a byte less than lo" and "has a byte greater than hi"
// forms, exact as a yes/no for lo <= 0x80 and hi <= 0x7F (as specialBits's in scan.go).
func outsideSpan(w uint64, lo, hi byte) bool {
	return ((w-lsb*uint64(lo))&^w|(w+lsb*uint64(0x7F-hi))|w)&msb != 0
}

// has reports whether r is in the class.
func (rc *runeClass) has(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && rc.ascii[r]
	}
	if r <= bitmapMax {
		rc.once.Do(rc.fillBMP)
		return rc.bmp[r>>6]&(1<<(r&63)) != 0
	}
	return rc.search(r)
}

// fillBMP sets the bitmap's bits from the ranges.
func (rc *runeClass) fillBMP() {
	bmp := new(classBitmap)
	for i := 0; i+1 < len(rc.ranges); i += 2 {
		for r := rc.ranges[i]; r <= min(rc.ranges[i+1], bitmapMax); r++ {
			bmp[r>>6] |= 1 << (r & 63)
		}
	}
	rc.bmp = bmp
}

// search is inRanges by binary search over the sorted, disjoint pairs.
func (rc *runeClass) search(r rune) bool {
	lo, hi := 0, len(rc.ranges)/2 // pairs [lo, hi) may hold r
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case r < rc.ranges[2*m]:
			hi = m
		case r > rc.ranges[2*m+1]:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// inRanges is the reference membership test: a linear scan of the ranges.
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
// reads as U+FFFD, as in the regexp package. After the ASCII words, multibyte characters up to
// bitmapMax (é, あ, 𝒜 and 😀 too) are decoded in line, each width on a path of its own that
// looks the character up in the bitmap (made ready once per string) and steps over it, rather
// than joining the widths to look up and step once; only bytes that are not UTF-8 and
// characters above the bitmap go through the utf8 package. TestRuneClassDecodesAsUTF8 checks
// every two- and three-byte sequence (and four-byte ones by lead and second byte) against the
// utf8 package's reading.
func (rc *runeClass) match(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	if rc.span { // eight bytes of lo..hi at a time, by arithmetic on the word
		b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
		for ; i+8 <= len(b); i += 8 {
			if outsideSpan(binary.LittleEndian.Uint64(b[i:]), rc.lo, rc.hi) {
				break // a byte to look at one by one
			}
		}
		// Fewer than eight bytes left, all before them members: the last eight bytes,
		// overlapping those already read, answer for the rest at once.
		if i < len(b) && i+8 > len(b) && len(b) >= 8 && !outsideSpan(binary.LittleEndian.Uint64(b[len(b)-8:]), rc.lo, rc.hi) {
			return true
		}
	} else {
		// Eight ASCII members at a time: the AND of their table bytes is 1 only if all are.
		for t := &rc.ascii8; i+8 <= len(s); i += 8 {
			if t[s[i]]&t[s[i+1]]&t[s[i+2]]&t[s[i+3]]&t[s[i+4]]&t[s[i+5]]&t[s[i+6]]&t[s[i+7]] == 0 {
				break // a byte to look at one by one
			}
		}
	}
	var bmp *classBitmap
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !rc.ascii[c] {
				return false
			}
			i++
			continue
		}
		if bmp == nil {
			rc.once.Do(rc.fillBMP)
			bmp = rc.bmp
		}
		// Two-, three- and four-byte characters (é, Ж; あ, 中, U+2028; 𝒜, 😀) are decoded here,
		// each width looked up and stepped over on its own path, with the utf8 package's
		// accept ranges (no overlong form, no surrogate, no lead byte 0xC0, 0xC1 or past 0xF4).
		switch {
		case c < 0xE0:
			if c >= 0xC2 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
				if r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F); bmp[r>>6]&(1<<(r&63)) == 0 {
					return false
				}
				i += 2
				continue
			}
		case c < 0xF0:
			if i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
				if r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
					if bmp[r>>6]&(1<<(r&63)) == 0 {
						return false
					}
					i += 3
					continue
				}
			}
		case c == 0xF0 && i+3 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 && s[i+3]&0xC0 == 0x80:
			// 0xF0 leads the four-byte characters up to U+3FFFF, the bitmap's among them
			// (0xF1..0xF4 lead only characters above it, 0xF5..0xFF none).
			if r := rune(s[i+1]&0x3F)<<12 | rune(s[i+2]&0x3F)<<6 | rune(s[i+3]&0x3F); r >= 0x10000 && r <= bitmapMax {
				if bmp[r>>6]&(1<<(r&63)) == 0 {
					return false
				}
				i += 4
				continue
			}
		}
		// Not UTF-8 (U+FFFD, width 1), or above the bitmap (a binary search of the ranges).
		r, n := utf8.DecodeRuneInString(s[i:])
		if r > bitmapMax {
			if !rc.search(r) {
				return false
			}
		} else if bmp[r>>6]&(1<<(r&63)) == 0 {
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
	case c.seq != nil:
		return c.seq.match(s)
	case c.nfa != nil:
		return c.nfa.match(s)
	case c.re != nil:
		return c.re.MatchString(s)
	}
	return true
}

// hasPattern reports whether c has a pattern to match (matchPattern answers true for any value
// otherwise, without reading it).
func (c *Constraints) hasPattern() bool {
	return c.class != nil || c.seq != nil || c.nfa != nil || c.re != nil
}
