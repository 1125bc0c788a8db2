package contracts

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The regular-expression SameMessage that the one-pass one replaces: the reference.
var (
	refValidationHead = regexp.MustCompile(`^(\d+) validation errors? detected: `)
	refEnumSet        = regexp.MustCompile(`enum value set: \[([^\]]*)\]`)
	refEntryStart     = regexp.MustCompile(`^('|null at ')`)
)

func refSameMessage(want, got string) bool {
	if want == got {
		return true
	}
	wn, we, ok1 := refSplitValidation(want)
	gn, ge, ok2 := refSplitValidation(got)
	if !ok1 || !ok2 || wn != gn || len(we) != len(ge) {
		return false
	}
	sort.Strings(we)
	sort.Strings(ge)
	for i := range we {
		if we[i] != ge[i] {
			return false
		}
	}
	return true
}

func refSplitValidation(msg string) (int, []string, bool) {
	m := refValidationHead.FindStringSubmatch(msg)
	if m == nil {
		return 0, nil, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return 0, nil, false
	}
	var entries []string
	for i, piece := range strings.Split(msg[len(m[0]):], "; Value ") {
		if i > 0 && !refEntryStart.MatchString(piece) {
			entries[len(entries)-1] += "; Value " + piece
			continue
		}
		entries = append(entries, piece)
	}
	for i := range entries {
		if i > 0 {
			entries[i] = "Value " + entries[i]
		}
		entries[i] = refEnumSet.ReplaceAllStringFunc(entries[i], func(s string) string {
			values := strings.Split(refEnumSet.FindStringSubmatch(s)[1], ", ")
			sort.Strings(values)
			return "enum value set: [" + strings.Join(values, ", ") + "]"
		})
	}
	return n, entries, true
}

// sameMessagePairs are message pairs on the edges of the format (contract-facts §7).
var sameMessagePairs = [][2]string{
	{"1 validation error detected: Value 'a' at 'b' failed", "1 validation error detected: Value 'a' at 'b' failed"},
	{"2 validation errors detected: Value 'a' at 'x'; Value 'b' at 'y'", "2 validation errors detected: Value 'b' at 'y'; Value 'a' at 'x'"},
	{"01 validation error detected: Value 'a'", "1 validation errors detected: Value 'a'"},                        // the count as a number, "error(s)"
	{"99999999999999999999 validation errors detected: x", "99999999999999999999 validation errors detected: x "}, // overflow
	{"2 validation errors detected: Value null at 'a' failed; Value 'b'", "2 validation errors detected: Value 'b'; Value null at 'a' failed"},
	{"1 validation error detected: Value 'a; Value b' at 'c'", "1 validation error detected: Value 'a; Value b' at 'c' "},
	{"2 validation errors detected: Value 'a; Value 'b' at 'c'", "2 validation errors detected: Value 'b' at 'c'; Value 'a"},
	{"1 validation error detected: Value 'x; Value null' at 'c'; Value null at 'd'", "1 validation error detected: Value null at 'd'; Value 'x; Value null' at 'c'"},
	{"1 validation error detected: enum value set: [b, a] and enum value set: [d, c]", "1 validation error detected: enum value set: [a, b] and enum value set: [c, d]"},
	{"1 validation error detected: enum value set: [b, enum value set: [a]", "1 validation error detected: enum value set: [enum value set: [a, b]"},
	{"1 validation error detected: enum value set: [b, a", "1 validation error detected: enum value set: [a, b"},
	{"1 validation error detected: enum value set: []", "1 validation error detected: enum value set: [, ]"},
	{"1 validation error detected: enum value set: [é, \u2028, \xff]", "1 validation error detected: enum value set: [\xff, é, \u2028]"},
	{"1 validation error detected: ", "1 validation error detected: "},
	{"1 validation error detected:", "1 validation error detected: x"},
	{"validation error detected: x", "validation error detected: y"},
	{"1 validation errorss detected: x", "1 validation errorss detected: y"},
	{"3 validation errors detected: Value 'a'; Value 'a'; Value 'b'", "3 validation errors detected: Value 'a'; Value 'b'; Value 'b'"},
	{"1 validation error detected: Value '" + strings.Repeat("é\u2028; Value ", 2000) + "' at 'x'", "1 validation error detected: Value '" + strings.Repeat("é\u2028; Value ", 2000) + "' at 'y'"},
	{"", ""}, {"", "x"},
}

// SameMessage is the regular-expression reference, pair for pair, both ways.
func TestSameMessageIsReference(t *testing.T) {
	t.Parallel()
	for _, p := range sameMessagePairs {
		for _, q := range [][2]string{p, {p[1], p[0]}, {p[0], p[0] + "x"}} {
			if got, want := SameMessage(q[0], q[1]), refSameMessage(q[0], q[1]); got != want {
				t.Errorf("SameMessage(%.100q, %.100q) = %v, the reference says %v", q[0], q[1], got, want)
			}
		}
	}
}

// FuzzSameMessage: go test -run '^$' -fuzz FuzzSameMessage ./contracts
func FuzzSameMessage(f *testing.F) {
	for _, p := range sameMessagePairs {
		if len(p[0]) < 1000 {
			f.Add(p[0], p[1])
		}
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := SameMessage(a, b), refSameMessage(a, b); got != want {
			t.Fatalf("SameMessage(%q, %q) = %v, the reference says %v", a, b, got, want)
		}
	})
}

// refValidationMessage is ValidationMessage as it was: the entries joined.
func refValidationMessage(vs []Violation) string {
	entries := make([]string, len(vs))
	for i, v := range vs {
		entries[i] = v.Message
	}
	word := "errors"
	if len(vs) == 1 {
		word = "error"
	}
	return strconv.Itoa(len(vs)) + " validation " + word + " detected: " + strings.Join(entries, "; ")
}

// ValidationMessage writes the joined entries byte for byte: none, one, several, empty and huge
// entries.
func TestValidationMessageIsReference(t *testing.T) {
	t.Parallel()
	huge := entry(strings.Repeat("é\u2028", 50000), "analyticsConfiguration.externalId", "a constraint")
	for _, msgs := range [][]string{nil, {"a"}, {"a", "b"}, {"", ""}, {huge}, {huge, "x", ""}, make([]string, 12)} {
		vs := make([]Violation, len(msgs))
		for i, m := range msgs {
			vs[i].Message = m
		}
		if got, want := ValidationMessage(vs), refValidationMessage(vs); got != want {
			t.Errorf("%d entries: %.100q, the reference writes %.100q", len(vs), got, want)
		}
	}
}
