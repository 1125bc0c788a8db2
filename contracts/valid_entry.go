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
// the model's member names are ASCII) is left to Wire. TestPathEntryIsEntry holds it to entry
// (and so the writing of the validation message's entries, writeEntry).
func pathEntry(value string, p path, constraint string) string {
	if _, ok := asciiWireLen(p); !ok {
		return entry(value, p.Wire(), constraint)
	}
	return entryString(&pendingEntry{value: value, constraint: constraint}, p)
}

// pathNullEntry is nullEntry(p.Wire()) written once, as pathEntry.
func pathNullEntry(p path) string {
	if _, ok := asciiWireLen(p); !ok {
		return nullEntry(p.Wire())
	}
	return entryString(&pendingEntry{null: true}, p)
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
		writeWireName(sb, name)
	}
}

// writeWireName writes a name whose first byte is ASCII with that byte in lower case.
func writeWireName(sb *strings.Builder, name string) {
	if name == "" {
		return
	}
	c := name[0]
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	sb.WriteByte(c)
	sb.WriteString(name[1:])
}

// pendingEntry is the message entry of out[at], written when the walk ends (validator.finish):
// the rendered value, the constraint text (null: the missing-member entry) and the wire path,
// read from model, the violation's Member (the model path joined by "."; a path whose names
// asciiWireLen accepts and hold no ".", the model's member paths), or else kept as wire.
type pendingEntry struct {
	at                int
	value, constraint string
	// list, when elem is set, is the list whose rendering is the value (listParts), printed
	// straight into the message rather than rendered into a string of its own first.
	list     []jmember
	elem     *Shape
	size     int    // the entry's length, once measured (0: not yet)
	model    string // the model path the wire path is read from, when wire is ""
	wire     string // the wire text of a path model cannot give
	null     bool
	elemKind scalarKind // kindOf(elem), read once for the list
}

// pend records the entry of the violation just appended to v.out, whose Member is p.Model():
// the path is read back from it (p lives in the walk's stack buffer); the value and
// constraint are kept as they are.
func (v *validator) pend(p path, value, constraint string, null bool) {
	e := pendingEntry{at: len(v.out) - 1, value: value, constraint: constraint, null: null}
	if _, ok := asciiWireLen(p); ok && !dotted(p) {
		e.model = v.out[e.at].Member
	} else {
		e.wire = p.Wire()
	}
	if v.npend == 0 {
		v.first = e
	} else {
		v.more = append(v.more, e)
	}
	v.npend++
}

// dotted reports whether a name of p holds a "." (a map key), so that p.Model() does not
// tell its names apart.
func dotted(p path) bool {
	for _, name := range p {
		if strings.IndexByte(name, '.') >= 0 {
			return true
		}
	}
	return false
}

// pendingAt is the i-th pending entry.
func (v *validator) pendingAt(i int) *pendingEntry {
	if i == 0 {
		return &v.first
	}
	return &v.more[i-1]
}

// entryLen is the length of e's entry (its path p; nil: e's own), measured once.
func entryLen(e *pendingEntry, p path) int {
	if e.size == 0 {
		e.size = measureEntry(e, p)
	}
	return e.size
}

// measureEntry is the length of e's entry with the wire path e.wire, p's or else e.model's.
func measureEntry(e *pendingEntry, p path) int {
	value := len(e.value)
	if e.elem != nil {
		listParts(e.elemKind, e.elem, e.list, func(part string) { value += len(part) })
	}
	wire := len(e.wire)
	switch {
	case e.wire != "":
	case p != nil:
		wire, _ = asciiWireLen(p)
	default:
		wire = len(e.model) // its names' first letters lowered: ASCII, one byte each
	}
	if e.null {
		return len(nullEntryHead) + wire + len(nullEntryTail)
	}
	return len(entryValue) + value + len(entryAt) + wire + len(entryConstraint) + len(e.constraint)
}

// entryString is e's entry (path p) as a string of its own.
func entryString(e *pendingEntry, p path) string {
	var sb strings.Builder
	sb.Grow(entryLen(e, p))
	writeEntry(&sb, e, p)
	return sb.String()
}

// writeEntry writes e's entry: entry(value, wire, constraint) or nullEntry(wire), the wire
// path e.wire or else p's (writeWire).
func writeEntry(sb *strings.Builder, e *pendingEntry, p path) {
	if e.null {
		sb.WriteString(nullEntryHead)
		writeEntryPath(sb, e, p)
		sb.WriteString(nullEntryTail)
		return
	}
	sb.WriteString(entryValue)
	if e.elem != nil {
		listParts(e.elemKind, e.elem, e.list, func(part string) { sb.WriteString(part) })
	} else {
		sb.WriteString(e.value)
	}
	sb.WriteString(entryAt)
	writeEntryPath(sb, e, p)
	sb.WriteString(entryConstraint)
	sb.WriteString(e.constraint)
}

// writeEntryPath writes e's wire path: e.wire, p's (writeWire) or else e.model's.
func writeEntryPath(sb *strings.Builder, e *pendingEntry, p path) {
	switch {
	case e.wire != "":
		sb.WriteString(e.wire)
	case p != nil:
		writeWire(sb, p)
	default:
		writeModelWire(sb, e.model)
	}
}

// writeModelWire writes the wire form of a model path joined by "." whose names asciiWireLen
// accepts and hold no "." (pend): writeWire of its names, each first byte in lower case.
func writeModelWire(sb *strings.Builder, model string) {
	for start := 0; start <= len(model); {
		end := strings.IndexByte(model[start:], '.')
		if end < 0 {
			end = len(model)
		} else {
			end += start
		}
		writeWireName(sb, model[start:end])
		if end < len(model) {
			sb.WriteByte('.')
		}
		start = end + 1
	}
}

// finish writes the pending entries and returns ValidationMessage(v.out) when every violation
// has an entry (no "type" violation; "" otherwise). The message is written once, at its size,
// and each violation's Message is its entry's substring of it: a huge value is copied a single
// time, and a body with N entries costs one allocation instead of N+1. With a type violation
// (a SerializationException, whose message is not the entries) each entry is written alone.
func (v *validator) finish() string {
	if v.npend == 0 {
		return ""
	}
	if v.npend < len(v.out) { // only type violations come without an entry
		for i := range v.npend {
			e := v.pendingAt(i)
			v.out[e.at].Message = entryString(e, nil)
		}
		return ""
	}
	head := validationHead(len(v.out))
	size := len(head) + len("; ")*(v.npend-1)
	for i := range v.npend {
		e := v.pendingAt(i)
		size += entryLen(e, nil)
	}
	var sb strings.Builder
	sb.Grow(size)
	sb.WriteString(head)
	for i := range v.npend {
		if i > 0 {
			sb.WriteString("; ")
		}
		e := v.pendingAt(i)
		writeEntry(&sb, e, nil)
	}
	msg := sb.String()
	at := len(head)
	for i := range v.npend {
		e := v.pendingAt(i)
		n := entryLen(e, nil)
		v.out[e.at].Message = msg[at : at+n]
		at += n + len("; ")
	}
	return msg
}
