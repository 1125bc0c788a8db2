package contracts

import (
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// The service's validation messages (contract-facts §7, OB-01…OB-07, OB-22, OB-23):
//
//	<N> validation error(s) detected: Value '<value>' at '<path>' failed to satisfy constraint: <c>[; …]

// entry is one validation entry: Value '<value>' at '<path>' failed to satisfy constraint: <c>.
func entry(value, wirePath, constraint string) string {
	return entryValue + value + entryAt + wirePath + entryConstraint + constraint
}

// nullEntry is the entry of a missing required member: "Value null" without quotes (PX-01,
// docs/observations.md: amazon-archives/amazon-cognito-auth-js#65).
func nullEntry(wirePath string) string {
	return nullEntryHead + wirePath + nullEntryTail
}

// Texts of the constraints in a validation entry (§7). Each is written by an append function
// into a caller's buffer, so that a text, or a list member's whole constraint set, costs one
// allocation: the string made from the buffer.
const (
	lengthMaxPrefix   = "Member must have length less than or equal to "
	lengthMinPrefix   = "Member must have length greater than or equal to "
	rangeMaxPrefix    = "Member must have value less than or equal to "
	rangeMinPrefix    = "Member must have value greater than or equal to "
	patternPrefix     = "Member must satisfy regular expression pattern: "
	enumPrefix        = "Member must satisfy enum value set: ["
	memberConstraints = "Member must satisfy constraint: ["
)

// textBuf is the stack buffer a constraint text is written into (a longer text moves to the heap).
type textBuf [512]byte

func lengthMaxText(n int64) string { return boundText(lengthMaxPrefix, n) }
func lengthMinText(n int64) string { return boundText(lengthMinPrefix, n) }
func rangeMaxText(n int64) string  { return boundText(rangeMaxPrefix, n) }
func rangeMinText(n int64) string  { return boundText(rangeMinPrefix, n) }

// boundText is a bound's text: its prefix and the number, written once.
func boundText(prefix string, n int64) string {
	var buf [len(lengthMinPrefix) + len("-9223372036854775808")]byte // the longest prefix and number
	return string(strconv.AppendInt(append(buf[:0], prefix...), n, 10))
}

// patternText prints a model pattern without its ^ and $ anchors, as the service does
// (OB-06: "[\w-]+_[0-9a-zA-Z]+").
func patternText(p string) string {
	return patternPrefix + unanchored(p)
}

// unanchored is a model pattern without its leading ^ and trailing (unescaped) $.
func unanchored(p string) string {
	p = strings.TrimPrefix(p, "^")
	if strings.HasSuffix(p, "$") && !strings.HasSuffix(p, `\$`) {
		p = p[:len(p)-1]
	}
	return p
}

// enumText lists enum values in model order; the service uses its own order (§4, OB-03, PX-03),
// which SameMessage tolerates.
func enumText(values []string) string {
	size := len(enumPrefix) + len("]")
	for i, v := range values {
		if i > 0 {
			size += len(", ")
		}
		size += len(v)
	}
	return ownedString(appendEnumText(make([]byte, 0, size), values))
}

// ownedString is b as a string without a copy: b is made for it and never written again.
func ownedString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func appendEnumText(b []byte, values []string) []byte {
	b = append(b, enumPrefix...)
	for i, v := range values {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, v...)
	}
	return append(b, ']')
}

// memberConstraintText is every constraint of a list member's shape, as the service lists
// them: "Member must satisfy constraint: [<enum set>, <max length>, <min length>, <pattern>,
// <max value>, <min value>]", those the shape has (§7, PX-02).
func memberConstraintText(s *Shape, c *Constraints) string {
	var buf textBuf
	b := append(buf[:0], memberConstraints...)
	first := true
	sep := func(b []byte) []byte {
		if !first {
			b = append(b, ", "...)
		}
		first = false
		return b
	}
	if s.Type == "enum" {
		b = appendEnumText(sep(b), s.EnumValues)
	}
	if max, ok := c.Length.MaxInt(); ok {
		b = strconv.AppendInt(append(sep(b), lengthMaxPrefix...), max, 10)
	}
	if min, ok := c.Length.MinInt(); ok {
		b = strconv.AppendInt(append(sep(b), lengthMinPrefix...), min, 10)
	}
	if c.Pattern != "" {
		b = append(append(sep(b), patternPrefix...), unanchored(c.Pattern)...)
	}
	if max, ok := c.Range.MaxInt(); ok {
		b = strconv.AppendInt(append(sep(b), rangeMaxPrefix...), max, 10)
	}
	if min, ok := c.Range.MinInt(); ok {
		b = strconv.AppendInt(append(sep(b), rangeMinPrefix...), min, 10)
	}
	return string(append(b, ']'))
}

// ValidationMessage joins constraint violations into the service's message:
// "1 validation error detected: <entry>" or "N validation errors detected: <e1>; <e2>".
//
// The message is written once, at its size (a 300 KB value's entry is copied a single time).
func ValidationMessage(vs []Violation) string {
	head := validationHead(len(vs))
	size := len(head)
	for i, v := range vs {
		if i > 0 {
			size += len("; ")
		}
		size += len(v.Message)
	}
	var sb strings.Builder
	sb.Grow(size)
	sb.WriteString(head)
	for i, v := range vs {
		if i > 0 {
			sb.WriteString("; ")
		}
		sb.WriteString(v.Message)
	}
	return sb.String()
}

// validationHead is the start of a validation message with n entries.
func validationHead(n int) string {
	if n == 1 {
		return "1 validation error detected: "
	}
	return strconv.Itoa(n) + " validation errors detected: "
}

// SameMessage reports whether two service messages say the same thing: equal text, or
// validation messages with the same entries in any order and enum value sets in any order.
// The service orders neither the entries (PX-02, aws/aws-sdk-java-v2#5528, lists logoutURLs
// before callbackURLs) nor enum values (OB-03, OB-05, PX-03) the way the model does; a missing
// member's entry starts "Value null at '" (PX-01). PX ids: docs/observations.md.
//
// It reads each message once, without regular expressions; entries are substrings of the
// messages, and only an entry holding an enum value set is rebuilt (sorted).
func SameMessage(want, got string) bool {
	if want == got {
		return true
	}
	var wbuf, gbuf [8]string
	wn, we, ok1 := splitValidation(want, wbuf[:0])
	gn, ge, ok2 := splitValidation(got, gbuf[:0])
	if !ok1 || !ok2 || wn != gn || len(we) != len(ge) {
		return false
	}
	slices.Sort(we)
	slices.Sort(ge)
	return slices.Equal(we, ge)
}

// Texts of a validation message (contract-facts §7).
const (
	validationWord  = " validation error" // after the count; "errors" when more than one
	validationAfter = " detected: "
	entrySep        = "; Value " // between entries, and possibly inside a value
	enumSetOpen     = "enum value set: ["
)

// splitValidation appends the normalised entries of a validation message to dst and returns
// the count: "<N> validation error(s) detected: <e1>; <e2>". Entries are split on "; Value "
// followed by a quote or "null at '" (how an entry continues), so a "; " inside a pattern, or
// "; Value x" inside a value, does not split one. Normalised: enum value sets sorted.
func splitValidation(msg string, dst []string) (int, []string, bool) {
	digits := 0
	for digits < len(msg) && msg[digits] >= '0' && msg[digits] <= '9' {
		digits++
	}
	rest, ok := strings.CutPrefix(msg[digits:], validationWord)
	if digits == 0 || !ok {
		return 0, nil, false
	}
	rest = strings.TrimPrefix(rest, "s")
	body, ok := strings.CutPrefix(rest, validationAfter)
	if !ok {
		return 0, nil, false
	}
	n, err := strconv.Atoi(msg[:digits])
	if err != nil {
		return 0, nil, false
	}
	start := 0 // of the current entry in body
	for from := 0; ; {
		k := strings.Index(body[from:], entrySep)
		if k < 0 {
			break
		}
		k += from
		if next := body[k+len(entrySep):]; strings.HasPrefix(next, "'") || strings.HasPrefix(next, "null at '") {
			dst = append(dst, sortEnumSets(body[start:k]))
			start = k + len("; ") // the next entry starts with "Value "
		} // else "; Value " inside a value: the same entry
		from = k + len(entrySep)
	}
	return n, append(dst, sortEnumSets(body[start:])), true
}

// sortEnumSets sorts the values of each "enum value set: [a, b]" in an entry.
func sortEnumSets(entry string) string {
	i := strings.Index(entry, enumSetOpen)
	if i < 0 {
		return entry // the usual entry: kept as the substring it is
	}
	var sb strings.Builder
	for i >= 0 {
		open := i + len(enumSetOpen)
		end := strings.IndexByte(entry[open:], ']')
		if end < 0 {
			break
		}
		end += open
		values := strings.Split(entry[open:end], ", ")
		slices.Sort(values)
		sb.WriteString(entry[:open])
		sb.WriteString(strings.Join(values, ", "))
		entry = entry[end:]
		i = strings.Index(entry, enumSetOpen)
	}
	sb.WriteString(entry)
	return sb.String()
}
