package contracts

import (
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// patternInputs are strings around the model's classes: ASCII punctuation, spaces of several
// kinds, letters and marks of other scripts, symbols, controls, the empty string.
var patternInputs = []string{
	"", "a", "abc123", "ABC_def", "a-b", "a+b", "a b", "a\tb", "a\x0bb", "a\nb", "a\u00a0b", "a\u2028b",
	"https://app.example.com/cb?x=1#f", "http://localhost:3000", "us-east-1_AbC123", "_", "-",
	"\"", `\`, "openid", "email profile", "https://api.example.com/read", "!#$%&'()*+,-./:;<=>?@[]^_`{|}~",
	"あいう", "é", "e\u0301", "€", "😀", "\u0000", "\x7f", "\ufffd", "0123456789abcdefABCDEF", "0x1F",
	"COGNITO", "My SAML", "Ｆｕｌｌｗｉｄｔｈ", "ά", "\u200b", "a=b,c.d@e", strings.Repeat("a", 300),
	"arn:aws:iam::123456789012:role/x",
	// Eight-byte words with an outsider at each end and in the middle, multibyte or invalid.
	"abcdefgh!", "!abcdefghijklmnop", "abcdefghijk mnopq", "abcdefgh\u00e9ijklmnop", "abcdefgh\xffabcdefgh",
	"abcdefghabcdefgh", "abcdefg\x00", "0123456789abcdef0123456789abcdeg", strings.Repeat("ab", 200) + "\t",
	// Multibyte characters decoded in line (decodeRune): the generators' URL paths, each length's
	// first and last character, overlong, surrogate, truncated and stray bytes, at the end too.
	"myapp://cb98/_한é٣ééß", "myapp://cb96/U𝒜𝒜한", "\u0080", "\u07ff", "\u0800", "\uffff", "\U00010000",
	"\U0010ffff", "a\xc0\x80", "a\xe0\x80\x80", "a\xed\xa0\x80", "a\xc3", "a中\xe4\xb8", "\x80a", "a\xf0\x9f\x98",
	// Eight-byte words (the span test) with an edge byte of printable ASCII at each end.
	"https://example.com/cb/1", "abcdefg ", " abcdefg", "abcdefg\x7f", "~bcdefg!", "!!!!!!!!~~~~~~~~", "abcdefg\x80",
}

func TestRuneClassMatchesTheRegexp(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	seen := map[string]bool{}
	for _, s := range DefaultModel().shapes {
		for _, c := range constraintsOf(s) {
			if c.re == nil {
				continue
			}
			if c.class != nil {
				seen[c.Pattern] = true
			}
			for _, in := range patternInputs {
				g.Expect(c.matchPattern(in)).To(Equal(c.re.MatchString(in)), "pattern %s on %q", c.Pattern, in)
			}
		}
	}
	// The ^[class]+$ patterns of this operation's closure take the fast path.
	for _, shape := range []string{"ClientIdType", "ClientNameType", "RedirectUrlType", "ProviderNameType", "ScopeType", "HexStringType"} {
		s, ok := DefaultModel().Shape(shape)
		g.Expect(ok).To(BeTrue(), shape)
		g.Expect(seen).To(HaveKey(s.Pattern), shape)
	}
	// Patterns of another form keep the regexp.
	g.Expect(compileRuneClass(`^[\w-]+_[0-9a-zA-Z]+$`)).To(BeNil())
	g.Expect(compileRuneClass(`[a-z]+`)).To(BeNil())
	g.Expect(compileRuneClass(`^[a-z]*$`)).To(BeNil())
}

func constraintsOf(s *Shape) []Constraints {
	out := []Constraints{s.Constraints}
	for _, m := range append(append([]*Member{}, s.Members...), s.Member, s.Key, s.Value) {
		if m != nil {
			out = append(out, m.Effective())
		}
	}
	return out
}

// FuzzRuneClass: go test -run '^$' -fuzz FuzzRuneClass ./contracts
func FuzzRuneClass(f *testing.F) {
	for _, in := range patternInputs {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, s := range DefaultModel().shapes {
			if s.class != nil && s.class.match(in) != s.re.MatchString(in) {
				t.Fatalf("pattern %s on %q: class %v, regexp %v", s.Pattern, in, s.class.match(in), s.re.MatchString(in))
			}
		}
	})
}
