package fuzz

import (
	"bytes"
	"slices"
	"strings"
)

// mutation is a raw-mode change of a valid body's JSON text. It is applied to a request
// again after shrinking, so it holds only what it needs to be replayed.
type mutation struct {
	kind   string // "wrong-type", "duplicate-key", ...
	member string // the member it targets, "" for the whole body
	n      int    // a drawn number (cut position, size)
}

// mutationKinds are raw-mode changes; the ones on a member need a present member.
var mutationKinds = []struct {
	name     string
	onMember bool
}{
	{"wrong-type", true},
	{"null", true},
	{"unknown-member", false},
	{"case-variant-key", true},
	{"duplicate-key", true},
	{"huge-string", true},
	{"huge-number", true},
	{"invalid-utf8", true},
	{"deep-nesting", true},
	{"truncated", false},
	{"not-an-object", false},
	{"trailing-garbage", false},
	{"empty-body", false},
}

// mutationDraw chooses a mutation of a request (drawn inside a case's draw, gofuzz.go).
type mutationDraw struct {
	req map[string]any
	out mutation
}

func (d *mutationDraw) fill(r rnd) {
	var kb [48]string
	keys := appendSortedKeys(kb[:0], d.req)
	k := mutationKinds[r.Intn(len(mutationKinds))]
	d.out = mutation{kind: k.name, n: r.Intn(1 << 20)}
	if k.onMember && len(keys) > 0 {
		d.out.member = keys[r.Intn(len(keys))]
	}
}

// raw draws a positive request and mutates its text.
func (g *Generator) raw(r rnd, st int) Case {
	c := g.positive(r, st)
	d := &mutationDraw{req: c.Request}
	d.fill(r)
	m := d.out
	c.mutation = &m
	c.Body = m.apply(c.Request)
	c.Member = m.member
	prefix := m.member
	if prefix == "" {
		prefix = "body"
	}
	c.ID = prefix + "/" + m.kind
	return c
}

// hugeLength is the size of huge string values: above every modelled length except
// ExternalId's, well inside a service's body limit.
const hugeLength = 300_000

// hugeString is the JSON text of a huge string value, rendered once (apply copies it).
var hugeString = marshal(strings.Repeat("a", hugeLength))

// apply renders req with the mutation. Members are written in sorted order, into one buffer
// sized from the request and the mutated value (rendered first: a huge value is copied once).
func (m mutation) apply(req map[string]any) []byte {
	var kb [48]string
	keys := appendSortedKeys(kb[:0], req)
	var mutated []byte // the targeted member's value
	if v, ok := req[m.member]; ok {
		mutated = m.value(v)
	}
	out := make([]byte, 0, jsonSizeHint(req)+len(mutated)+64)
	out = append(out, '{')
	for i, k := range keys {
		if i > 0 {
			out = append(out, ',')
		}
		if k != m.member {
			out = appendJSONString(out, k)
			out = append(out, ':')
			out = appendJSON(out, req[k])
			continue
		}
		key := k
		if m.kind == "case-variant-key" {
			key = strings.ToLower(k[:1]) + k[1:]
		}
		out = appendJSONString(out, key)
		out = append(out, ':')
		out = append(out, mutated...)
		if m.kind == "duplicate-key" {
			out = append(out, ',')
			out = appendJSONString(out, key)
			out = append(out, ':')
			out = appendJSON(out, req[k]) // the first copy holds a different value
		}
	}
	if m.kind == "unknown-member" {
		if len(keys) > 0 {
			out = append(out, ',')
		}
		out = append(out, `"GenerateSecret":true`...) // R32: a Create member, not an Update one
	}
	out = append(out, '}')
	switch m.kind {
	case "truncated": // zero bytes too: the empty body
		return out[:m.n%len(out)]
	case "not-an-object":
		return [][]byte{[]byte("[]"), []byte(`"UpdateUserPoolClient"`), []byte("null")}[m.n%3]
	case "trailing-garbage":
		return append(out, '}')
	case "empty-body":
		// An empty or whitespace-only body is the empty input {} (S5 "Empty input → {}";
		// contracts.RequestBody): the required ids are then null. What the real service
		// answers to it was never observed (contract-facts): the prediction and the emulator
		// share RequestBody's reading.
		return [][]byte{{}, []byte(" "), []byte("\r\n\t ")}[m.n%3]
	}
	return out
}

// value renders the mutated value of the targeted member.
func (m mutation) value(v any) []byte {
	switch m.kind {
	case "wrong-type":
		switch v.(type) {
		case string:
			return []byte("12")
		case bool:
			return []byte(`"true"`)
		case int64, int, float64:
			return []byte(`"1"`)
		case []any:
			return []byte(`"[]"`)
		default:
			return []byte("[]")
		}
	case "null":
		return []byte("null")
	case "duplicate-key":
		return duplicateValue(v)
	case "huge-string":
		return hugeString
	case "huge-number":
		return []byte([]string{"1e400", "9223372036854775808", "-9223372036854775809", "1.5", "2147483648"}[m.n%5])
	case "invalid-utf8":
		s := marshal(v)
		if i := bytes.IndexByte(s, '"'); i >= 0 {
			return append(append(append([]byte{}, s[:i+1]...), 0xff, 0xfe), s[i+1:]...)
		}
		return []byte("\"\xff\"")
	case "deep-nesting":
		// 10001 is one level beyond encoding/json's nesting limit: a decoder must refuse it
		// cleanly, never crash.
		depth := []int{64, 1000, 10001}[m.n%3]
		return []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
	}
	return marshal(v)
}

// duplicateValue is a value of the same kind as v that differs from it.
func duplicateValue(v any) []byte {
	switch x := v.(type) {
	case string:
		return marshal(x + "x")
	case bool:
		return marshal(!x)
	case int64:
		return marshal(x + 1)
	case []any:
		return []byte("[]")
	}
	return []byte("{}")
}

func sortedKeys(m map[string]any) []string { return appendSortedKeys(make([]string, 0, len(m)), m) }

// appendSortedKeys appends the keys of m to keys, sorted.
func appendSortedKeys(keys []string, m map[string]any) []string {
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
