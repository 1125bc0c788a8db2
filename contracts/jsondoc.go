package contracts

import (
	"encoding/json"
	"math"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// jnode is a JSON value decoded once: Validate, the rules' Request and Apply all read the same
// tree, so a request body is parsed a single time. Strings and number texts are substrings of
// one copy of the body (no allocation per value); raw is the value's text in the body, which
// Apply stores "as sent" (compacted).
type jnode struct {
	kind jkind
	b    bool // a boolean's value
	// counted tells that chars is a string's length in characters (utf8.RuneCountInString of
	// s), counted by the parser as it read the string; nodes built otherwise leave it unset.
	counted bool
	chars   uint32
	s       string // a string's value, or a number's text (as with json.Decoder.UseNumber)
	raw     string // the value as written in the body
	// kids are an object's members in document order (duplicates kept; the last wins), or an
	// array's entries (no names).
	kids []jmember
}

type jmember struct {
	name string
	val  jnode
}

type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

// get returns an object's member, nil when absent. As with encoding/json into a map, the last
// of duplicate names wins.
func (n *jnode) get(name string) *jnode {
	for i := len(n.kids) - 1; i >= 0; i-- {
		if n.kids[i].name == name {
			return &n.kids[i].val
		}
	}
	return nil
}

// present returns a member that is there and not JSON null (awsJson: null members are not set).
func (n *jnode) present(name string) *jnode {
	if v := n.get(name); v != nil && v.kind != jNull {
		return v
	}
	return nil
}

// kindName is the JSON type for type violations, as jsonKind names it.
func (n *jnode) kindName() string {
	return [...]string{jNull: "null", jBool: "boolean", jNumber: "number", jString: "string",
		jArray: "array", jObject: "object"}[n.kind]
}

// toAny converts to what encoding/json with UseNumber decodes: map[string]any, []any,
// json.Number, string, bool, nil. Used only off the hot path (maps, conversions for callers).
func (n *jnode) toAny() any {
	switch n.kind {
	case jBool:
		return n.b
	case jNumber:
		return json.Number(n.s)
	case jString:
		return n.s
	case jArray:
		out := make([]any, len(n.kids))
		for i := range n.kids {
			out[i] = n.kids[i].val.toAny()
		}
		return out
	case jObject:
		out := make(map[string]any, len(n.kids))
		for i := range n.kids {
			out[n.kids[i].name] = n.kids[i].val.toAny()
		}
		return out
	}
	return nil
}

// fromAny builds a tree from a decoded value (the fallback when the fast parser and
// encoding/json disagree; raw texts are re-encoded).
func fromAny(v any) jnode {
	raw, _ := json.Marshal(v)
	n := jnode{raw: string(raw)}
	switch v := v.(type) {
	case bool:
		n.kind, n.b = jBool, v
	case json.Number:
		n.kind, n.s = jNumber, string(v)
	case string:
		n.kind, n.s = jString, v
	case []any:
		n.kind, n.kids = jArray, make([]jmember, len(v))
		for i, e := range v {
			n.kids[i].val = fromAny(e)
		}
	case map[string]any:
		n.kind = jObject
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.kids = append(n.kids, jmember{name: k, val: fromAny(v[k])})
		}
	}
	return n
}

// parseJSON decodes one JSON value with the semantics of decodeBody (json.Decoder with
// UseNumber, nothing but whitespace after the value, invalid UTF-8 refused). Errors carry
// decodeBody's exact text: written at once where it is certain (knownFailure: data after the
// value, nesting past the limit), else the body is handed to decodeBody.
func parseJSON(body []byte) (jnode, error) {
	return parse(body, false, nil)
}

// parseShallow is parseJSON keeping only the top level: nested containers are checked and
// have their raw text, but no members or entries. Apply reads the stored client this way.
func parseShallow(body []byte) (jnode, error) {
	return parse(body, true, nil)
}

// parseMembers is parseShallow keeping only the top-level members keep selects.
func parseMembers(body []byte, keep func(name string) bool) (jnode, error) {
	return parse(body, true, keep)
}

func parse(body []byte, shallow bool, keep func(string) bool) (jnode, error) {
	return parseText(string(body), shallow, keep)
}

// parseText is parse on a body's text; the tree's strings are pieces of src or copies.
func parseText(src string, shallow bool, keep func(string) bool) (jnode, error) {
	// The UTF-8 is checked string by string as they are read (scanString, utf8Refuse): a byte
	// >= 0x80 anywhere else fails the parse, and decodeBody then names the invalid UTF-8.
	p := parsers.Get().(*jparser)
	p.src, p.i, p.shallow, p.keep = src, 0, shallow, keep
	p.ws()
	n, ok := p.value()
	if ok {
		p.ws()
		if ok = p.i == len(p.src); !ok {
			p.failed = failure{kind: failTrailing, next: p.i}
		}
	}
	failed := p.failed
	p.src, p.failed = "", failure{}
	// The scratch goes back to the pool without references to this body's strings: a parse
	// that ended wrote up to the high-water mark of the finished containers.
	if ok {
		clear(p.kids[:p.high])
	} else {
		clear(p.kids[:cap(p.kids)])
	}
	clear(p.frames) // open frames of a failed parse hold member names
	p.kids, p.frames, p.keep, p.slab, p.high = p.kids[:0], p.frames[:0], nil, nil, 0
	parsers.Put(p)
	if ok {
		return n, nil
	}
	if err, known := knownFailure(src, failed); known {
		return jnode{}, err
	}
	doc, err := decodeBody([]byte(src))
	if err != nil {
		return jnode{}, err
	}
	return fromAny(doc), nil // unreachable unless the parser is stricter than encoding/json
}

// slabSize is the capacity of a body's first slab, in members and entries. About one per 20
// bytes in a typical request; a body above a few kilobytes has no more than it has commas and
// containers (each container of n > 0 kids has n-1 commas), which three fast counts bound
// where a long string value would make the estimate far too big. carve adds chunks beyond.
func slabSize(body string) int {
	n := min(len(body)/20+8, 1024)
	if n > 128 {
		n = min(n, strings.Count(body, ",")+strings.Count(body, "{")+strings.Count(body, "[")+1)
	}
	return n
}

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// jparser reads one JSON text. The members and entries of the containers being read are
// collected on shared stacks and copied once, at the exact size, when their container ends.
type jparser struct {
	src  string
	i    int
	kids []jmember // scratch: members and entries of the open containers
	// slab is where finished containers get their kids: one allocation for many containers.
	// It belongs to the tree being built and is dropped when the parse ends.
	slab    []jmember
	shallow bool      // keep the members and entries of the top level only
	high    int       // the most kids held at once in this parse (what clear must reach)
	frames  []jframe  // scratch: the open containers, innermost last
	pairs   []anyPair // scratch of parseAny: members of the open objects
	// keep, when set in shallow mode, selects the top-level members kept by name.
	keep func(name string) bool
	// failed says why a parse stopped, when decodeBody's text is certain (scan_fail.go).
	failed failure
}

var parsers = sync.Pool{New: func() any { return &jparser{} }}

func (p *jparser) ws() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// jframe is a container being read: the document's open containers are a stack of frames,
// not of calls, so nesting as deep as encoding/json's limit costs no goroutine stack.
type jframe struct {
	start int    // the index of its '{' or '['
	base  int    // where its members or entries start on p.kids
	name  string // an object's member being read
	obj   bool
}

// value reads one JSON value at p.i: scalars as they come, containers with a frame each.
func (p *jparser) value() (jnode, bool) {
	for {
		v, opened, ok := p.begin()
		if !ok {
			return p.fail()
		}
		if opened {
			continue // its first value comes next
		}
		// v is complete: it goes to its container, which may end in turn.
		for {
			if len(p.frames) == 0 {
				return v, true
			}
			f := &p.frames[len(p.frames)-1]
			depth := len(p.frames) // 1 for the top-level container
			if !p.shallow || depth == 1 && (!f.obj || p.keep == nil || p.keep(f.name)) {
				p.kids = append(p.kids, jmember{name: f.name, val: v})
			}
			p.ws()
			if p.i >= len(p.src) {
				return p.fail()
			}
			c := p.src[p.i]
			if c == ',' {
				p.i++
				p.ws()
				if f.obj && !p.key(f) {
					return p.fail()
				}
				break // the next member or entry
			}
			if !(f.obj && c == '}' || !f.obj && c == ']') {
				return p.fail()
			}
			p.i++
			v = jnode{kind: jArray, raw: p.src[f.start:p.i]}
			if f.obj {
				v.kind = jObject
			}
			p.high = max(p.high, len(p.kids))
			v.kids = p.carve(p.kids[f.base:])
			p.kids = p.kids[:f.base]
			f.name = "" // the pooled frames keep no references to this body
			p.frames = p.frames[:len(p.frames)-1]
		}
	}
}

// begin reads a scalar or an empty container (a complete value), or opens a container: it
// pushes its frame and, for an object, reads its first member's name (opened is then true).
func (p *jparser) begin() (v jnode, opened, ok bool) {
	if p.i >= len(p.src) {
		return jnode{}, false, false
	}
	start := p.i
	switch c := p.src[p.i]; {
	case c == '{' || c == '[':
		if len(p.frames) >= maxDepth {
			p.failed = failure{kind: failDepth, end: p.i}
			return jnode{}, false, false
		}
		p.i++
		p.ws()
		if c == '{' {
			if p.i < len(p.src) && p.src[p.i] == '}' {
				p.i++
				return jnode{kind: jObject, raw: p.src[start:p.i]}, false, true
			}
			p.frames = append(p.frames, jframe{start: start, base: len(p.kids), obj: true})
			return jnode{}, true, p.key(&p.frames[len(p.frames)-1])
		}
		if p.i < len(p.src) && p.src[p.i] == ']' {
			p.i++
			return jnode{kind: jArray, raw: p.src[start:p.i], kids: []jmember{}}, false, true
		}
		p.frames = append(p.frames, jframe{start: start, base: len(p.kids)})
		return jnode{}, true, true
	case c == '"':
		s, chars, ok := p.str()
		n := jnode{kind: jString, s: s, raw: p.src[start:p.i]}
		if uint64(chars) <= math.MaxUint32 {
			n.counted, n.chars = true, uint32(chars)
		}
		return n, false, ok
	case c == 't':
		return jnode{kind: jBool, b: true, raw: "true"}, false, p.lit("true")
	case c == 'f':
		return jnode{kind: jBool, raw: "false"}, false, p.lit("false")
	case c == 'n':
		return jnode{kind: jNull, raw: "null"}, false, p.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		ok := p.number()
		return jnode{kind: jNumber, s: p.src[start:p.i], raw: p.src[start:p.i]}, false, ok
	}
	return jnode{}, false, false
}

// key reads a member name and its colon into the object's frame.
func (p *jparser) key(f *jframe) bool {
	if p.i >= len(p.src) || p.src[p.i] != '"' {
		return false
	}
	name, _, ok := p.str()
	if !ok {
		return false
	}
	p.ws()
	if p.i >= len(p.src) || p.src[p.i] != ':' {
		return false
	}
	p.i++
	p.ws()
	f.name = name
	return true
}

// fail ends a parse that failed; parse then empties the stacks.
func (p *jparser) fail() (jnode, bool) { return jnode{}, false }

func (p *jparser) lit(word string) bool {
	if len(p.src)-p.i < len(word) || p.src[p.i:p.i+len(word)] != word {
		return false
	}
	p.i += len(word)
	return true
}

// carve copies the kids of a finished container into the slab (a new chunk when it is full)
// and returns them with their capacity capped, so an append by a reader cannot reach the next
// container's kids.
func (p *jparser) carve(kids []jmember) []jmember {
	n := len(kids)
	if n == 0 {
		return nil
	}
	if cap(p.slab)-len(p.slab) < n {
		chunk := 64
		switch {
		case p.shallow:
			chunk = 8 // the top level only, often a few kept members
		case p.slab == nil:
			// The first slab, sized for the whole body, is made when the first container ends:
			// a parse that fails before (nesting past the limit) allocates none.
			chunk = slabSize(p.src)
		}
		p.slab = make([]jmember, 0, max(n, chunk))
	}
	start := len(p.slab)
	p.slab = append(p.slab, kids...)
	return p.slab[start:len(p.slab):len(p.slab)]
}

// str reads a string token (scanString): its value, a substring of the body unless it has
// escapes, which are decoded as encoding/json decodes them, and its length in characters.
func (p *jparser) str() (string, int, bool) {
	s, chars, end, ok := scanString(p.src, p.i, utf8Refuse)
	if !ok {
		return "", 0, false
	}
	p.i = end
	return s, chars, true
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jparser) number() bool {
	if p.src[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.src) && p.src[p.i] == '0':
		p.i++
	case p.i < len(p.src) && p.src[p.i] >= '1' && p.src[p.i] <= '9':
		p.digits()
	default:
		return false
	}
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			return false
		}
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return false
		}
	}
	return true
}

func (p *jparser) digits() int {
	n := 0
	for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
		p.i++
		n++
	}
	return n
}

// appendCompact appends a value's text without insignificant whitespace (json.Compact without
// its HTML escaping, which Compact does not do either).
func appendCompact(dst []byte, raw string) []byte {
	if !hasSpace(raw) {
		return append(dst, raw...) // nothing to elide (the usual case: SDKs send compact JSON)
	}
	inStr := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if inStr {
			dst = append(dst, c)
			switch c {
			case '\\':
				i++
				dst = append(dst, raw[i])
			case '"':
				inStr = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '"':
			inStr = true
		}
		dst = append(dst, c)
	}
	return dst
}

// hasSpace reports whether a text holds a JSON whitespace byte (inside a string or not).
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			return true
		}
	}
	return false
}

// plainString reports whether a string is written between quotes as it is (nothing that
// encoding/json escapes).
func plainString(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendQuoted appends a string as a JSON string, the way encoding/json writes it.
func appendQuoted(dst []byte, s string) []byte {
	if !plainString(s) {
		b, _ := json.Marshal(s)
		return append(dst, b...)
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// parseAny decodes one JSON value straight to what encoding/json with UseNumber gives
// (map[string]any, []any, json.Number, string, bool, nil), for the conformance checks; ok is
// false when the text is not one valid UTF-8 JSON value followed by whitespace only (the
// caller then asks encoding/json, whose answer stands).
func parseAny(b []byte) (any, bool) {
	p := parsers.Get().(*jparser) // the UTF-8 is checked as in parse
	p.src, p.i = string(b), 0
	p.ws()
	v, ok := p.anyValue(0)
	if ok {
		p.ws()
		ok = p.i == len(p.src)
	}
	clear(p.pairs[:cap(p.pairs)]) // back to the pool without this text's values
	p.src, p.pairs = "", p.pairs[:0]
	parsers.Put(p)
	if !ok {
		return nil, false
	}
	return v, true
}

// anyPair is a member read by anyObject, collected before the map is made at its size.
type anyPair struct {
	name string
	val  any
}

func (p *jparser) anyValue(depth int) (any, bool) {
	if p.i >= len(p.src) {
		return nil, false
	}
	switch c := p.src[p.i]; {
	case c == '{':
		if depth >= maxDepth {
			return nil, false
		}
		return p.anyObject(depth + 1)
	case c == '[':
		if depth >= maxDepth {
			return nil, false
		}
		return p.anyArray(depth + 1)
	case c == '"':
		s, _, ok := p.str()
		return s, ok
	case c == 't':
		return true, p.lit("true")
	case c == 'f':
		return false, p.lit("false")
	case c == 'n':
		return nil, p.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.i
		ok := p.number()
		return json.Number(p.src[start:p.i]), ok
	}
	return nil, false
}

func (p *jparser) anyObject(depth int) (any, bool) {
	p.i++ // {
	p.ws()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		return map[string]any{}, true
	}
	base := len(p.pairs) // on failure parseAny empties the stack
	for {
		if p.i >= len(p.src) || p.src[p.i] != '"' {
			return nil, false
		}
		name, _, ok := p.str()
		if !ok {
			return nil, false
		}
		p.ws()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			return nil, false
		}
		p.i++
		p.ws()
		v, ok := p.anyValue(depth)
		if !ok {
			return nil, false
		}
		p.pairs = append(p.pairs, anyPair{name, v})
		p.ws()
		if p.i >= len(p.src) {
			return nil, false
		}
		switch p.src[p.i] {
		case ',':
			p.i++
			p.ws()
		case '}':
			p.i++
			m := make(map[string]any, len(p.pairs)-base)
			for _, kv := range p.pairs[base:] {
				m[kv.name] = kv.val // the last of duplicate names wins, as in encoding/json
			}
			p.pairs = p.pairs[:base]
			return m, true
		default:
			return nil, false
		}
	}
}

func (p *jparser) anyArray(depth int) (any, bool) {
	p.i++ // [
	arr := []any{}
	p.ws()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		return arr, true
	}
	for {
		v, ok := p.anyValue(depth)
		if !ok {
			return nil, false
		}
		arr = append(arr, v)
		p.ws()
		if p.i >= len(p.src) {
			return nil, false
		}
		switch p.src[p.i] {
		case ',':
			p.i++
			p.ws()
		case ']':
			p.i++
			return arr, true
		default:
			return nil, false
		}
	}
}
