package contracts

import (
	"encoding/json"
	"sort"
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
	// lazy tells that a string's value is not in s but its text raw decoded (str decodes it
	// when asked): a long string with escapes that nothing reads, whose value the parser
	// decoded into its scratch only (scan_undecoded.go). Nodes built otherwise leave it unset.
	lazy  bool
	chars uint32
	// s is a string's value, or a number's text (as with json.Decoder.UseNumber); unset when
	// the node is undecoded (lazy): read it through str().
	s   string
	raw string // the value as written in the body
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
		return json.Number(n.str())
	case jString:
		return n.str()
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
//
// Precondition: v is what encoding/json decoded, or a tree read as it decodes (decodeAny,
// decodeBody, a parsed tree's toAny, a member of one), whose strings are valid UTF-8. sameText takes two nodes with the same raw text as the same value
// without reading them, which holds for a raw text json.Marshal wrote only then: it writes a Go
// string's invalid UTF-8 as U+FFFD, so a string made otherwise ("a\xff") gets the raw text of
// another value ("a\ufffd").
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

// parseMembers is parse keeping only the top level (nested containers checked, with their raw
// text but no members or entries) and of it only the members keep selects.
func parseMembers(body []byte, keep func(name string) bool) (jnode, error) {
	return parse(body, true, keep)
}

func parse(body []byte, shallow bool, keep func(string) bool) (jnode, error) {
	return parseText(string(body), shallow, keep)
}

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

// fail ends a parse that failed, noting where it stopped unless the reason is known already;
// parse then empties the stacks.
func (p *jparser) fail() (pend, bool) {
	if p.failed.kind == failOther {
		p.failed = failure{kind: failStop, next: p.i}
	}
	return pend{}, false
}

func (p *jparser) lit(word string) bool {
	if len(p.src)-p.i < len(word) || p.src[p.i:p.i+len(word)] != word {
		return false
	}
	p.i += len(word)
	return true
}

// str reads a string token (scanString): its value, a substring of the body unless it has
// escapes, which are decoded as encoding/json decodes them, and its length in characters.
// jparser.token (parse_tree.go) reads the tree parser's strings with scanString written out
// (scanPlain, then stringFrom), answering ASCII without escapes itself.
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
	p := getParser() // the UTF-8 is checked as in parse
	p.src, p.i = string(b), 0
	p.ws()
	v, ok := p.anyValue(0)
	if ok {
		p.ws()
		ok = p.i == len(p.src)
	}
	clear(p.pairs[:cap(p.pairs)]) // back to the pool without this text's values
	p.src, p.pairs = "", p.pairs[:0]
	putParser(p)
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
