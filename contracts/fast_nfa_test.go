package contracts

import (
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// nfaInputs add to patternInputs and seqInputs strings around ArnType's pattern (R28 reads
// RoleArn and ApplicationArn; S1 ArnType): each optional part present or not, empty parts,
// extra colons, long values, multibyte and invalid UTF-8 text.
var nfaInputs = []string{
	"arn:aws:iam::123456789012:role/x", "arn:aws:iam:us-east-1:123456789012:role/x", "arn:aws:iam::1:r",
	"arn:aws:iam::123:role/x:y", "arn:aws:iam::123:role/x:y:z", "arn:aws:iam::123:role/x:y:z:w", "arn:aws:iam::x:r",
	"arn:aws:iam:::r", "arn:aws::::r", "arn::iam::1:r", "arn:aws:iam::1:", "arn:aws:iam::1", "arn:", "arn",
	"ARN:aws:iam::1:r", "xarn:aws:iam::1:r", "arn:aws:iam::1:r\n", "arn:aws:iam::1:r x", "arn:aws:iam::1:ré",
	"arn:aws:iam::1:r\xff", "arn:a+=/,.@-:b:c:1:d", "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc",
	"arn:aws:iam::123456789012:role/" + strings.Repeat("a", 3000), "arn:aws:iam::1:" + strings.Repeat("a:", 200),
	"a", "ab", "abab", "aab", "abb", "ba", "b", "c", "ac", "abc", "abcabc", "aXb", "a\u00e9b", "1", "12", "a1", "a-1", "a--1",
	// Long runs that leave the threads as they are (the fixed-point skip): ended by each kind of
	// byte at each position of a word, mixed class bytes, runs after runs (past the build limit),
	// a run right at the skip's minimum, runs of one byte, multibyte and invalid bytes inside.
	"arn:aws:iam::123456789012:role/" + strings.Repeat("r", 200) + ":x", "arn:aws:iam::1:" + strings.Repeat("a+=/,.@-", 40),
	"arn:aws:iam::1:" + strings.Repeat("r", 101) + " ", "arn:aws:iam::1:" + strings.Repeat("r", 102) + "é",
	"arn:aws:iam::1:" + strings.Repeat("r", 103) + "\xff", "arn:aws:iam::1:" + strings.Repeat("r", 104) + ":1:2:3",
	"arn:" + strings.Repeat(strings.Repeat("b", 70)+":", 8) + "1:c", "arn:aws:iam::1:" + strings.Repeat("r", 64),
	"arn:aws:iam::1:" + strings.Repeat("aa:", 100), strings.Repeat("a", 500), strings.Repeat("ab", 300) + "c",
	strings.Repeat("a", 300) + "b" + strings.Repeat("a", 300), "arn:" + strings.Repeat("x", 100) + ":y:z:1:" + strings.Repeat("q", 100),
}

// nfaPatterns are anchored patterns beyond the model's, for every instruction the matcher runs.
var nfaPatterns = []string{
	`^(ab)+$`, `^a|b$`, `^(a|b)*c$`, `^(?:ab|a)b$`, `^a{2,3}$`, `^(a*)*$`, `^a?b?c?$`, `^[a-z0-9](?:[a-z0-9\-]{0,5}[a-z0-9])?$`,
	`^.*$`, `^(?s:.)+$`, `^\x{FFFD}+$`, `^(é|e\x{301})+$`, `^$`, `^(a|)$`, `^a$`, `^[^a]+(:[^a]*)?$`,
}

func TestNFAPatternMatchesTheRegexp(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	inputs := append(append(append([]string{}, patternInputs...), seqInputs...), nfaInputs...)
	compiled := 0
	for _, s := range DefaultModel().shapes {
		for _, c := range constraintsOf(s) {
			if c.re == nil {
				continue
			}
			np := compileNFA(c.Pattern)
			if np == nil {
				continue
			}
			compiled++
			for _, in := range inputs {
				g.Expect(np.match(in)).To(Equal(c.re.MatchString(in)), "pattern %s on %q", c.Pattern, in)
				g.Expect(c.matchPattern(in)).To(Equal(c.re.MatchString(in)), "pattern %s on %q", c.Pattern, in)
			}
		}
	}
	g.Expect(compiled).NotTo(BeZero())
	// ArnType's pattern, the one the classes and sequences do not cover, takes this path.
	arn, ok := DefaultModel().Shape("ArnType")
	g.Expect(ok).To(BeTrue())
	g.Expect(arn.nfa).NotTo(BeNil(), arn.Pattern)
	for _, p := range nfaPatterns {
		np := compileNFA(p)
		re := regexp.MustCompile(p)
		if p == `^a|b$` { // an alternation, not a concatenation: the regexp keeps it
			g.Expect(np).To(BeNil())
			continue
		}
		g.Expect(np).NotTo(BeNil(), p)
		for _, in := range inputs {
			g.Expect(np.match(in)).To(Equal(re.MatchString(in)), "pattern %s on %q", p, in)
		}
	}
	for _, p := range []string{`a+`, `^a+`, `a$`, `^(?i)a$`, `^\ba$`, `^a(?m:^)b$`, `^` + strings.Repeat("a?", 40) + `$`} {
		g.Expect(compileNFA(p)).To(BeNil(), p)
	}
}

// FuzzNFAPattern: go test -run '^$' -fuzz FuzzNFAPattern ./contracts
func FuzzNFAPattern(f *testing.F) {
	for _, in := range append(append(append([]string{}, patternInputs...), seqInputs...), nfaInputs...) {
		f.Add(in)
	}
	type pair struct {
		np *nfaPattern
		re *regexp.Regexp
	}
	var pairs []pair
	for _, s := range DefaultModel().shapes {
		if s.re != nil {
			if np := compileNFA(s.Pattern); np != nil {
				pairs = append(pairs, pair{np, s.re})
			}
		}
	}
	for _, p := range nfaPatterns {
		if np := compileNFA(p); np != nil {
			pairs = append(pairs, pair{np, regexp.MustCompile(p)})
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, p := range pairs {
			if got := p.np.match(in); got != p.re.MatchString(in) {
				t.Fatalf("pattern %s on %q: nfa %v, regexp %v", p.re, in, got, !got)
			}
		}
	})
}
