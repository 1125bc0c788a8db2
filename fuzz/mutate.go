package fuzz

import (
	"bytes"
	"slices"
	"strconv"
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
	req  map[string]any
	out  mutation
	kind int // out's kind: its index in mutationKinds
}

// fill draws the kind, the number and, for a kind on a member, the member: its rank among the
// request's keys in sorted order, which are listed only then (the listing draws nothing).
func (d *mutationDraw) fill(r rnd) {
	var mb membersRoom
	var ob objectRoom
	d.fillInto(r, mb[:0], ob[:0])
}

// fillInto is fill listing the request's members, for a kind on a member, in the room mb and ob
// (appendSortedMembers); it returns them (nil: not listed).
func (d *mutationDraw) fillInto(r rnd, mb []objectMember, ob []int32) ([]objectMember, []int32) {
	if !d.drawKind(r) || len(d.req) == 0 {
		return nil, nil
	}
	ms, order := appendSortedMembers(mb, ob, d.req)
	d.drawMember(r, ms, order)
	return ms, order
}

// fillListed is fill with the request's members listed already: ms, in order by key
// (appendSortedMembers's), which the listing of fill would make.
func (d *mutationDraw) fillListed(r rnd, ms []objectMember, order []int32) {
	if d.drawKind(r) && len(order) > 0 {
		d.drawMember(r, ms, order)
	}
}

// drawKind draws the mutation's kind and number, and reports whether the kind is on a member.
func (d *mutationDraw) drawKind(r rnd) bool {
	d.kind = r.Intn(len(mutationKinds))
	k := mutationKinds[d.kind]
	d.out = mutation{kind: k.name, n: r.Intn(1 << 20)}
	return k.onMember
}

// drawMember draws the mutation's member among the request's, ms in order by key.
func (d *mutationDraw) drawMember(r rnd, ms []objectMember, order []int32) {
	d.out.member = ms[order[r.Intn(len(order))]].key
}

// raw draws a positive request and mutates its text. Its members, as positiveIn drew them, are
// sorted once (appendMembersOrder) for the mutation's draw and its body, instead of listed
// from the request's map.
func (g *Generator) raw(r rnd, st int) Case {
	var mb [drawnRoom]objectMember
	c, ms := g.positiveIn(r, st, mb[:0])
	var ob objectRoom
	order, ok := membersOrder(ob[:0], ms, c.Request)
	if !ok { // a key set twice: the map's members
		var lb membersRoom
		ms, order = appendSortedMembers(lb[:0], ob[:0], c.Request)
	}
	d := &mutationDraw{req: c.Request}
	d.fillListed(r, ms, order)
	m := d.out
	c.mutation = &m
	c.Body = m.render(c.Request, r.texts, ms, order, g.plainKeys)
	c.Member = m.member
	c.ID = g.rawIDs.id(m.member, d.kind)
	return c
}

// rawIDs are the ids of raw cases, rawID's, for each input member (and "" for the whole body)
// and each mutation kind in mutationKinds' order, made once (NewGenerator: listRawIDs) instead
// of joined per raw draw.
type rawIDs map[string][]string

// listRawIDs lists the raw ids of the members named names, and of the whole body.
func listRawIDs(names []string) rawIDs {
	ids := rawIDs{}
	for _, member := range append([]string{""}, names...) {
		for _, k := range mutationKinds {
			ids[member] = append(ids[member], rawID(member, k.name))
		}
	}
	return ids
}

// id returns rawID(member, mutationKinds[kind].name): listed, or joined for a member not listed.
func (ids rawIDs) id(member string, kind int) string {
	if byKind, ok := ids[member]; ok {
		return byKind[kind]
	}
	return rawID(member, mutationKinds[kind].name)
}

// rawID is the id of a raw case: "<member>/<kind>", "body/<kind>" for a mutation of the whole
// body.
func rawID(member, kind string) string {
	return memberOrBody(member) + "/" + kind
}

// memberOrBody is the member as a case or fixture name starts with it: "body" for the whole
// body (no member).
func memberOrBody(member string) string {
	if member == "" {
		return "body"
	}
	return member
}

// hugeLength is the size of huge string values: above every modelled length except
// ExternalId's, well inside a service's body limit.
const hugeLength = 300_000

// hugeString is the JSON text of a huge string value, rendered once: the source of hugeParts,
// which apply joins into the body.
var hugeString = marshal(strings.Repeat("a", hugeLength))

// hugeParts are hugeString cut into pieces of at most repeatChunk bytes (and a quote), all
// but the first and the last two the same run of its 'a's (appendRepeats): apply joins them
// into the body, reading that run again and again (it stays in the first-level cache) instead
// of the whole value.
var hugeParts = func() [][]byte {
	run := chunkUnits(1) // 'a's
	left := hugeLength - run
	parts := appendRepeats([][]byte{hugeString[:1+run]}, hugeString[1:1+run], left/run, left%run)
	return append(parts, hugeString[len(hugeString)-1:])
}()

// apply renders req with the mutation: members in sorted order, the targeted member's value
// written in place, into a scratch buffer copied out once at the body's exact size (a
// truncated body at its cut). A body that does not depend on req is not rendered.
func (m mutation) apply(req map[string]any) []byte { return m.applyWith(req, nil) }

// applyWith is apply with the texts the draw of req wrote (nil: none), which its lists are
// copied from (drawnTexts.appendJSON).
func (m mutation) applyWith(req map[string]any, t *drawnTexts) []byte {
	return m.render(req, t, nil, nil, false)
}

// render is applyWith with req's members as listed by appendSortedMembers (ms nil: not
// listed, listed here when the body depends on req); plainKeys: no key of req needs an escape
// (appendKey), as no key of a positive request does (Generator.plainKeys).
func (m mutation) render(req map[string]any, t *drawnTexts, ms []objectMember, order []int32, plainKeys bool) []byte {
	switch m.kind {
	case "not-an-object":
		return []byte([]string{"[]", `"UpdateUserPoolClient"`, "null"}[m.n%3])
	case "empty-body":
		// An empty or whitespace-only body is the empty input {} (S5 "Empty input → {}";
		// contracts.RequestBody): the required ids are then null. What the real service
		// answers to it was never observed (contract-facts): the prediction and the emulator
		// share RequestBody's reading.
		return []byte([]string{"", " ", "\r\n\t "}[m.n%3])
	}
	if ms == nil {
		var mb membersRoom
		var ob objectRoom
		ms, order = appendSortedMembers(mb[:0], ob[:0], req)
	}
	buf := getRenderBuf()
	defer putRenderBuf(buf)
	out, at := m.appendBody((*buf)[:0], ms, order, t, plainKeys)
	*buf = out
	switch m.kind {
	case "huge-string": // the huge value spliced in: copied once, not through the scratch buffer
		if at < 0 {
			break
		}
		var pb [48][]byte // hugeParts and the body's text around them
		parts := append(append(append(pb[:0], out[:at]), hugeParts...), out[at:])
		return bytes.Join(parts, nil) // made at its size, not zeroed first
	case "truncated": // zero bytes too: the empty body
		return bytes.Clone(out[:m.n%len(out)])
	case "trailing-garbage":
		out = append(out, '}')
		*buf = out
	}
	return bytes.Clone(out)
}

// appendBody appends the JSON text of the request whose members are members, in order (by
// key), with the mutation's member changed (and the unknown member added) to dst, its drawn
// lists copied from t (nil: none), the keys but the changed one's copied as they are when
// plainKeys (appendKey); at is where the member's value starts (-1: no member changed).
func (m mutation) appendBody(dst []byte, members []objectMember, order []int32, t *drawnTexts, plainKeys bool) (out []byte, at int) {
	at = -1
	dst = append(dst, '{')
	for i, o := range order {
		om := &members[o]
		if i > 0 {
			dst = append(dst, ',')
		}
		if om.key != m.member {
			dst = appendKey(dst, om.key, plainKeys)
			dst = t.appendJSON(dst, om.value)
			continue
		}
		key := om.key
		if m.kind == "case-variant-key" {
			key = strings.ToLower(key[:1]) + key[1:]
		}
		dst = appendJSONString(dst, key)
		dst = append(dst, ':')
		at = len(dst)
		dst = m.appendValue(dst, om.value, t)
		if m.kind == "duplicate-key" {
			dst = append(dst, ',')
			dst = appendJSONString(dst, key)
			dst = append(dst, ':')
			dst = t.appendJSON(dst, om.value) // the first copy holds a different value
		}
	}
	if m.kind == "unknown-member" {
		if len(members) > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `"GenerateSecret":true`...) // R32: a Create member, not an Update one
	}
	return append(dst, '}'), at
}

// appendValue appends the mutated value of the targeted member, whose value in the request is
// v, to dst (v's drawn lists copied from t); but a huge string, which apply splices in.
func (m mutation) appendValue(dst []byte, v any, t *drawnTexts) []byte {
	switch m.kind {
	case "wrong-type":
		switch v.(type) {
		case string:
			return append(dst, "12"...)
		case bool:
			return append(dst, `"true"`...)
		case int64, int, float64:
			return append(dst, `"1"`...)
		case []any:
			return append(dst, `"[]"`...)
		default:
			return append(dst, "[]"...)
		}
	case "null":
		return append(dst, "null"...)
	case "duplicate-key":
		return appendDuplicateValue(dst, v)
	case "huge-string":
		return dst
	case "huge-number":
		return append(dst, []string{"1e400", "9223372036854775808", "-9223372036854775809", "1.5", "2147483648"}[m.n%5]...)
	case "invalid-utf8": // two invalid bytes after the first quote of v's text
		start := len(dst)
		dst = t.appendJSON(dst, v)
		if i := bytes.IndexByte(dst[start:], '"'); i >= 0 {
			return slices.Insert(dst, start+i+1, 0xff, 0xfe)
		}
		return append(dst[:start], "\"\xff\""...)
	case "deep-nesting":
		depth := nestingDepths[m.n%len(nestingDepths)]
		return append(append(dst, openBrackets[:depth]...), closeBrackets[:depth]...)
	}
	return t.appendJSON(dst, v)
}

// nestingDepths are the depths of a deep-nesting value's lists. 10001 is one level beyond
// encoding/json's nesting limit: a decoder must refuse it cleanly, never crash.
var nestingDepths = [...]int{64, 1000, 10001}

// openBrackets and closeBrackets are the '[' and ']' of the deepest nesting, written once: a
// deep-nesting value copies as many as its depth, instead of appending them one by one.
var openBrackets, closeBrackets = func() (string, string) {
	deepest := slices.Max(nestingDepths[:])
	return strings.Repeat("[", deepest), strings.Repeat("]", deepest)
}()

// appendDuplicateValue appends a value of the same kind as v that differs from it.
func appendDuplicateValue(dst []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return appendJSONString(dst, x+"x")
	case bool:
		return strconv.AppendBool(dst, !x)
	case int64:
		return strconv.AppendInt(dst, x+1, 10)
	case []any:
		return append(dst, "[]"...)
	}
	return append(dst, "{}"...)
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
