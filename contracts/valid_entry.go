package contracts

import (
	"strings"
	"unicode/utf8"
)

// Texts around an entry's parts (entry, nullEntry).
const (
	entryValue      = "Value '"
	entryAt         = "' at '"
	entryConstraint = "' failed to satisfy constraint: "
	nullEntryHead   = "Value null at '"
	nullEntryTail   = "' failed to satisfy constraint: Member must not be null"
)

// pathEntry is entry(value, p.Wire(), constraint) written once, at its size: the wire path
// goes straight into the entry (each name's first letter lowered) instead of being built as
// its own string, name by name. A path with a name whose first byte is not ASCII (map keys;
// the model's member names are ASCII) is left to Wire. TestPathEntryIsEntry holds it to entry.
func pathEntry(value string, p path, constraint string) string {
	wire, ok := asciiWireLen(p)
	if !ok {
		return entry(value, p.Wire(), constraint)
	}
	var sb strings.Builder
	sb.Grow(len(entryValue) + len(value) + len(entryAt) + wire + len(entryConstraint) + len(constraint))
	sb.WriteString(entryValue)
	sb.WriteString(value)
	sb.WriteString(entryAt)
	writeWire(&sb, p)
	sb.WriteString(entryConstraint)
	sb.WriteString(constraint)
	return sb.String()
}

// pathNullEntry is nullEntry(p.Wire()) written once, as pathEntry.
func pathNullEntry(p path) string {
	wire, ok := asciiWireLen(p)
	if !ok {
		return nullEntry(p.Wire())
	}
	var sb strings.Builder
	sb.Grow(len(nullEntryHead) + wire + len(nullEntryTail))
	sb.WriteString(nullEntryHead)
	writeWire(&sb, p)
	sb.WriteString(nullEntryTail)
	return sb.String()
}

// asciiWireLen is len(p.Wire()) when every name is empty or starts with an ASCII byte (whose
// lower case is one byte too); ok is false otherwise.
func asciiWireLen(p path) (n int, ok bool) {
	for i, name := range p {
		if name != "" && name[0] >= utf8.RuneSelf {
			return 0, false
		}
		if i > 0 {
			n++
		}
		n += len(name)
	}
	return n, true
}

// writeWire writes p.Wire() for a path that asciiWireLen accepts: names joined by ".", each
// first byte in lower case (lowerFirst's strings.ToLower of an ASCII letter).
func writeWire(sb *strings.Builder, p path) {
	for i, name := range p {
		if i > 0 {
			sb.WriteByte('.')
		}
		if name == "" {
			continue
		}
		c := name[0]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		sb.WriteByte(c)
		sb.WriteString(name[1:])
	}
}
