package contracts

import (
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// seqInputs add to patternInputs strings around the sequence patterns: pool ids with the
// separator in several places, several separators, nothing around it, multibyte and invalid
// UTF-8 text.
var seqInputs = []string{
	"us-east-1_AbC123", "us-east-1_", "_AbC123", "us-east-1_AbC_123", "a_b_c", "a__b", "__", "a_",
	"_a", "a_b", "a-_-b", "us-east-1_AbC-123", "us east-1_abc", "ü_a", "a_ü", "a\xff_b", "a_\xff",
	"あ_1", "a_b\n", "\na_b", "a_" + strings.Repeat("b", 300), strings.Repeat("a_", 200) + "b",
	"ab", "abb", "b", "ac", "abc", "acc", "aXc", "a\u00e9c", "abcabc", "x", "xyz",
}

// seqPatterns are sequence patterns beyond the model's, for every kind of piece.
var seqPatterns = []string{
	`^a$`, `^abc$`, `^ab+$`, `^ab*c$`, `^ab?c$`, `^a[bc]*c$`, `^[a-z]+_[a-z]*$`, `^[^_]+_.?$`,
	`^x?y?z?$`, `^[\p{L}]+[\d]*$`, `^[\w-]*_*[\w]+$`, `^é+[\x{FFFD}]$`, `^a*?b+?$`,
}

func TestSeqPatternMatchesTheRegexp(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	inputs := append(append([]string{}, patternInputs...), seqInputs...)
	compiled := 0
	for _, s := range DefaultModel().shapes {
		for _, c := range constraintsOf(s) {
			if c.seq == nil {
				continue
			}
			compiled++
			for _, in := range inputs {
				g.Expect(c.seq.match(in)).To(Equal(c.re.MatchString(in)), "pattern %s on %q", c.Pattern, in)
				g.Expect(c.matchPattern(in)).To(Equal(c.re.MatchString(in)), "pattern %s on %q", c.Pattern, in)
			}
		}
	}
	g.Expect(compiled).NotTo(BeZero())
	// The UserPoolId pattern of this operation takes the fast path (R2; S1 UserPoolIdType).
	pool, ok := DefaultModel().Shape("UserPoolIdType")
	g.Expect(ok).To(BeTrue())
	g.Expect(pool.seq).NotTo(BeNil(), pool.Pattern)
	for _, p := range seqPatterns {
		sp := compileSeq(p)
		g.Expect(sp).NotTo(BeNil(), p)
		re := regexp.MustCompile(p)
		for _, in := range inputs {
			g.Expect(sp.match(in)).To(Equal(re.MatchString(in)), "pattern %s on %q", p, in)
		}
	}
	// Other forms keep the regexp.
	for _, p := range []string{`a+`, `^a+`, `^(ab)+$`, `^a|b$`, `^(?i)a$`, `^a{2}$`, `^\ba$`, `^$`,
		"^arn:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?$", `^` + strings.Repeat("a", 64) + `$`} {
		g.Expect(compileSeq(p)).To(BeNil(), p)
	}
}

func TestRuneClassLookupIsTheLinearScan(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	classes := 0
	for _, s := range DefaultModel().shapes {
		for _, c := range constraintsOf(s) {
			rc := c.class
			if rc == nil {
				continue
			}
			classes++
			for r := rune(0); r <= bitmapMax; r++ { // the bitmap against the binary search
				if rc.has(r) != rc.search(r) {
					g.Expect(rc.has(r)).To(Equal(rc.search(r)), "pattern %s, rune %U", c.Pattern, r)
				}
			}
			probes := []rune{0x10000, 0x10FFFF, 0x1F600, 0xE0001, bitmapMax, bitmapMax + 1}
			for i := 0; i+1 < len(rc.ranges); i += 2 {
				probes = append(probes, rc.ranges[i]-1, rc.ranges[i], rc.ranges[i+1], rc.ranges[i+1]+1)
			}
			for r := rune(0); r <= 0x10FFFF; r += 97 {
				probes = append(probes, r)
			}
			for _, r := range probes { // the binary search and the bitmap against the linear scan
				g.Expect(rc.search(r)).To(Equal(rc.inRanges(r)), "pattern %s, rune %U", c.Pattern, r)
				g.Expect(rc.has(r)).To(Equal(rc.inRanges(r)), "pattern %s, rune %U", c.Pattern, r)
			}
		}
	}
	g.Expect(classes).NotTo(BeZero())
}

// FuzzSeqPattern: go test -run '^$' -fuzz FuzzSeqPattern ./contracts
func FuzzSeqPattern(f *testing.F) {
	for _, in := range append(append([]string{}, patternInputs...), seqInputs...) {
		f.Add(in)
	}
	res := make([]*regexp.Regexp, len(seqPatterns))
	for i, p := range seqPatterns {
		res[i] = regexp.MustCompile(p)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, s := range DefaultModel().shapes {
			if s.seq != nil && s.seq.match(in) != s.re.MatchString(in) {
				t.Fatalf("pattern %s on %q: seq %v, regexp %v", s.Pattern, in, s.seq.match(in), s.re.MatchString(in))
			}
		}
		for i, p := range seqPatterns {
			if got := compileSeq(p).match(in); got != res[i].MatchString(in) {
				t.Fatalf("pattern %s on %q: seq %v, regexp %v", p, in, got, !got)
			}
		}
	})
}
