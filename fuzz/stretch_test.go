package fuzz

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	. "github.com/onsi/gomega"
)

// stretchReference is the stretch the stretcher replaces: it searches the pattern on every call.
func stretchReference(example string, extra []rune, re *regexp.Regexp, n int) string {
	ex := []rune(example)
	if len(ex) > n {
		return shortenReference(ex, n, re)
	}
	for pos := 0; pos <= len(ex); pos++ {
		for _, x := range append(append([]rune{}, ex...), extra...) {
			once := string(ex[:pos]) + string(x) + string(ex[pos:])
			if re == nil || re.MatchString(once) {
				return string(ex[:pos]) + strings.Repeat(string(x), n-len(ex)) + string(ex[pos:])
			}
		}
	}
	return string(ex) + strings.Repeat("a", n-len(ex))
}

// shortenReference deletes runes of ex, one at a time, where the value still matches re,
// until it has n runes; what cannot be deleted that way is cut off.
func shortenReference(ex []rune, n int, re *regexp.Regexp) string {
	for len(ex) > n {
		cut := false
		for i := len(ex) - 1; i >= 0 && !cut; i-- {
			t := append(append([]rune{}, ex[:i]...), ex[i+1:]...)
			if re == nil || re.MatchString(string(t)) {
				ex, cut = t, true
			}
		}
		if !cut {
			return string(ex[:n])
		}
	}
	return string(ex)
}

// stretchCases are examples and patterns the stretcher must treat as the reference does.
var stretchCases = map[string]struct {
	example string
	extra   []rune
	re      *regexp.Regexp
}{
	"pool id":          {"us-east-1_AbC123xyz", nil, regexp.MustCompile(`^[\w-]+_[0-9a-zA-Z]+$`)},
	"no pattern":       {"abc", nil, nil},
	"empty example":    {"", []rune("ab"), regexp.MustCompile(`^b+$`)},
	"nothing matches":  {"x1", nil, regexp.MustCompile(`^z$`)},
	"stuck shortening": {"ab-cd", nil, regexp.MustCompile(`^[a-z]+-[a-z]+$`)},
	"multibyte":        {"é\u2028😀中x", []rune("y"), regexp.MustCompile(`^[^\x00-\x1f]+$`)},
	"invalid UTF-8":    {"a\xffb", nil, regexp.MustCompile(`^a.b+$`)},
	"surrogate bytes":  {"\xed\xa0\x80x", nil, nil}, // U+D800 encoded as UTF-8 would be
	"control":          {"a\x01b", nil, regexp.MustCompile(`^[a-b\x01]+$`)},
	"arn":              {exampleARN, nil, regexp.MustCompile(`^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$`)},
}

// The stretcher, searched once, makes exactly the values the per-call search made: every length
// from 1 to well past the example, for the model's structured members and the table's cases.
func TestStretcherMatchesReference(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	check := func(name, example string, extra []rune, re *regexp.Regexp, st *stretcher) {
		for n := 1; n <= utf8.RuneCountInString(example)+40; n++ {
			g.Expect(st.stretch(n)).To(Equal(stretchReference(example, extra, re, n)), "%s at %d runes", name, n)
		}
		g.Expect(st.stretch(1000)).To(Equal(stretchReference(example, extra, re, 1000)), name)
	}
	for name, tc := range stretchCases {
		check(name, tc.example, tc.extra, tc.re, newStretcher(tc.example, tc.extra, tc.re))
	}
	gen, err := NewGenerator(nil, testStates()...)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(gen.stretchers).NotTo(BeEmpty(), "the model has structured patterns (UserPoolIdType, ArnType)")
	for m, st := range gen.stretchers {
		c := m.Effective()
		check(m.Name, gen.example(m.Target), gen.alpha[m.Target].ascii, c.Regexp(), st)
	}
}

// FuzzStretcher compares the stretcher with the reference on any example and length.
func FuzzStretcher(f *testing.F) {
	for _, tc := range stretchCases {
		f.Add(tc.example, 3)
		f.Add(tc.example, 40)
	}
	re := regexp.MustCompile(`^[\w-]+_[0-9a-zA-Z]+$`)
	f.Fuzz(func(t *testing.T, example string, n int) {
		if n < 1 || n > 200 || len(example) > 64 {
			t.Skip()
		}
		for _, re := range []*regexp.Regexp{re, nil} {
			if got, want := newStretcher(example, []rune("_a"), re).stretch(n), stretchReference(example, []rune("_a"), re, n); got != want {
				t.Fatalf("stretch(%q, %d) = %q, want %q", example, n, got, want)
			}
		}
	})
}
