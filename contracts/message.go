package contracts

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// The service's validation messages (contract-facts §7, OB-01…OB-07, OB-22, OB-23):
//
//	<N> validation error(s) detected: Value '<value>' at '<path>' failed to satisfy constraint: <c>[; …]

// entry is one validation entry: Value '<value>' at '<path>' failed to satisfy constraint: <c>.
func entry(value, wirePath, constraint string) string {
	return "Value '" + value + "' at '" + wirePath + "' failed to satisfy constraint: " + constraint
}

// nullEntry is the entry of a missing required member: "Value null" without quotes (PX-01,
// docs/observations.md: amazon-archives/amazon-cognito-auth-js#65).
func nullEntry(wirePath string) string {
	return "Value null at '" + wirePath + "' failed to satisfy constraint: Member must not be null"
}

func lengthMaxText(n int64) string {
	return "Member must have length less than or equal to " + strconv.FormatInt(n, 10)
}

func lengthMinText(n int64) string {
	return "Member must have length greater than or equal to " + strconv.FormatInt(n, 10)
}

// patternText prints a model pattern without its ^ and $ anchors, as the service does
// (OB-06: "[\w-]+_[0-9a-zA-Z]+").
func patternText(p string) string {
	p = strings.TrimPrefix(p, "^")
	if strings.HasSuffix(p, "$") && !strings.HasSuffix(p, `\$`) {
		p = p[:len(p)-1]
	}
	return "Member must satisfy regular expression pattern: " + p
}

// enumText lists enum values in model order; the service uses its own order (§4, OB-03, PX-03),
// which SameMessage tolerates.
func enumText(values []string) string {
	return "Member must satisfy enum value set: [" + strings.Join(values, ", ") + "]"
}

// ValidationMessage joins constraint violations into the service's message:
// "1 validation error detected: <entry>" or "N validation errors detected: <e1>; <e2>".
func ValidationMessage(vs []Violation) string {
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

var (
	validationHead = regexp.MustCompile(`^(\d+) validation errors? detected: `)
	enumSet        = regexp.MustCompile(`enum value set: \[([^\]]*)\]`)
	// entryStart is how the rest of an entry after "Value " begins: a quoted value or null.
	entryStart = regexp.MustCompile(`^('|null at ')`)
)

// SameMessage reports whether two service messages say the same thing: equal text, or
// validation messages with the same entries in any order and enum value sets in any order.
// The service orders neither the entries (PX-02, aws/aws-sdk-java-v2#5528, lists logoutURLs
// before callbackURLs) nor enum values (OB-03, OB-05, PX-03) the way the model does; a missing
// member's entry starts "Value null at '" (PX-01). PX ids: docs/observations.md.
func SameMessage(want, got string) bool {
	if want == got {
		return true
	}
	wn, we, ok1 := splitValidation(want)
	gn, ge, ok2 := splitValidation(got)
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

// splitValidation returns the count and the normalised entries of a validation message.
// Entries are split on "; Value " followed by a quote or "null at '" (how an entry
// continues), so a "; " inside a pattern, or "; Value x" inside a value, does not split one.
func splitValidation(msg string) (int, []string, bool) {
	m := validationHead.FindStringSubmatch(msg)
	if m == nil {
		return 0, nil, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return 0, nil, false
	}
	var entries []string
	for i, piece := range strings.Split(msg[len(m[0]):], "; Value ") {
		if i > 0 && !entryStart.MatchString(piece) { // "; Value " inside a value: same entry
			entries[len(entries)-1] += "; Value " + piece
			continue
		}
		entries = append(entries, piece)
	}
	for i := range entries {
		if i > 0 {
			entries[i] = "Value " + entries[i]
		}
		entries[i] = enumSet.ReplaceAllStringFunc(entries[i], sortEnumSet)
	}
	return n, entries, true
}

func sortEnumSet(s string) string {
	inner := enumSet.FindStringSubmatch(s)[1]
	values := strings.Split(inner, ", ")
	sort.Strings(values)
	return "enum value set: [" + strings.Join(values, ", ") + "]"
}
