package contracts

import (
	"fmt"
	"strings"
	"testing"
)

// entryPaths are model paths around pathEntry's edges: one and several names, names starting
// with a lower-case letter, a digit, punctuation, an empty name, non-ASCII first letters (É,
// İ, the title-case ǅ), invalid UTF-8, a list entry's path.
var entryPaths = []path{
	{"ClientName"}, {"TokenValidityUnits", "AccessToken"}, {"AnalyticsConfiguration", "ExternalId"},
	{"clientName"}, {"1", "member"}, {"_x", "[y]"}, {""}, {"", "A"}, {"Éclair"}, {"İd"}, {"ǅx"}, {"\xffA"},
	{"A", "\u00e9b"}, {"CallbackURLs[2]"}, {"a.b", "C"}, {"Z", "@", "Q"},
}

// entryValues are rendered values: empty, plain, quotes, multibyte, control characters, huge.
var entryValues = []string{"", "abc", "it's", "中é\u2028", "\x00\n", strings.Repeat("あ", 100000)}

func TestPathEntryIsEntry(t *testing.T) {
	t.Parallel()
	for _, p := range entryPaths {
		if got, want := pathNullEntry(p), nullEntry(p.Wire()); got != want {
			t.Fatalf("pathNullEntry(%q) = %q, want %q", p, got, want)
		}
		for _, v := range entryValues {
			for _, c := range []string{"", "Member must have length less than or equal to 128"} {
				if got, want := pathEntry(v, p, c), entry(v, p.Wire(), c); got != want {
					t.Fatalf("pathEntry(%.40q, %q, %q) = %.80q, want %.80q", v, p, c, got, want)
				}
			}
		}
	}
}

// FuzzPathEntry: go test -run '^$' -fuzz FuzzPathEntry ./contracts
func FuzzPathEntry(f *testing.F) {
	for _, p := range entryPaths {
		f.Add(strings.Join(p, "\x1f"), "value")
	}
	f.Fuzz(func(t *testing.T, joined, value string) {
		p := path(strings.Split(joined, "\x1f")) // the separator cannot be in a model name
		if got, want := pathEntry(value, p, "c"), entry(value, p.Wire(), "c"); got != want {
			t.Fatalf("pathEntry(%q, %q) = %q, want %q", value, p, got, want)
		}
		if got, want := pathNullEntry(p), nullEntry(p.Wire()); got != want {
			t.Fatalf("pathNullEntry(%q) = %q, want %q", p, got, want)
		}
	})
}

func TestWrongTypeIsSprintf(t *testing.T) {
	t.Parallel()
	for _, p := range entryPaths {
		for _, want := range []string{"string", "object", "integer (32-bit, no fraction or exponent)"} {
			for _, val := range []jnode{{kind: jNull}, {kind: jBool}, {kind: jArray}, {kind: jString}} {
				var v validator
				v.wrongType(p, want, &val)
				ref := typeViolation(p.Model(), fmt.Sprintf("%s: want a JSON %s, got %s", p.Model(), want, val.kindName()))
				if len(v.out) != 1 || v.out[0] != ref {
					t.Fatalf("wrongType(%q, %q, %s) = %+v, want %+v", p, want, val.kindName(), v.out, ref)
				}
			}
		}
	}
}
