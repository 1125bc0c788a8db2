package contracts

import "math"

// The tree builder of the one-pass parser. A value read becomes a record that holds no
// pointers (pend: where the value is in the body, what its node will hold): the records of
// the open containers wait on a stack, and when a container ends its records move, in one
// copy, to the finished ones, where they sit as the slab will hold them. Once the whole text
// has parsed, the slab is made at its exact size and every node is written into it once.
// Collecting the values so costs no write barrier and leaves nothing to clear, and a body that
// fails gets no slab (jsondoc_test.go holds the parser to decodeBody, parse_tree_test.go to the
// builder it replaced).

// parseText is parse on a body's text; the tree's strings are pieces of src or copies.
func parseText(src string, shallow bool, keep func(string) bool) (jnode, error) {
	return parseTextUnread(src, shallow, keep, nil)
}

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// jparser reads one JSON text.
type jparser struct {
	src string
	i   int
	// pend: the records of the values being read, in document order: the top-level value's
	// first, then the members and entries of the open containers, each open container's record
	// just before its own (a slot written in place as its value is read: read); closed: those
	// of the finished containers, each container's together, in the order they ended.
	pend, closed []pend
	// decoded: the values of the strings with escapes read so far (tokens refer to them by
	// index).
	decoded []string
	// slab holds the nodes made from closed once the text has parsed (build): the kids of
	// every container, one allocation for the tree. It belongs to the tree built and is
	// dropped when the parse ends.
	slab    []jmember
	shallow bool      // keep the members and entries of the top level only
	frames  []jframe  // scratch: the open containers, innermost last
	pairs   []anyPair // scratch of parseAny: members of the open objects
	// keep, when set in shallow mode, selects the top-level members kept by name.
	keep func(name string) bool
	// unread, when set, names the members whose long values may be left undecoded
	// (unreadToken).
	unread unreadStrings
	// scratch is where unreadToken decodes a long value before it knows whether it is kept
	// (a value kept is copied out): nothing else holds it, and it stays with the parser, as its
	// stacks do (parse_pool.go), so that a parse leaving a value undecoded allocates nothing of
	// its size; one past unreadStrings.scratchMax is dropped when the parse ends.
	scratch []byte
	// failed says why a parse stopped, when decodeBody's text is certain (scan_fail.go).
	failed failure
}

// token is a string token read: its text src[start:end], quotes included; when it has
// escapes (ref >= 0) its value is decoded[ref], else the text between the quotes. The zero
// token (end 0) is no name: an array's entry.
type token struct{ start, end, ref int }

// pend is a value read, with nothing a node points to: its node is made from it (node) once
// the whole text has parsed.
type pend struct {
	kind    jkind
	b       bool // a boolean's value
	counted bool // chars is the string's length in characters
	chars   uint32
	// tok is the value's text src[tok.start:tok.end]; tok.ref is a string's decoded value
	// (as for a token), or where a container's n kids start on closed (-1: written empty).
	tok  token
	n    int
	name token // the member's name, in an object
}

// jframe is a container being read: the document's open containers are a stack of frames,
// not of calls, so nesting as deep as encoding/json's limit costs no goroutine stack. Its own
// record is the slot before base on pend.
type jframe struct {
	base int // where its members or entries start on pend
	obj  bool
}

// read reads one JSON value at p.i, scalars as they come, containers with a frame each, and
// returns its record; its tree is made by build. parseText builds it only once the text after
// it is known to be whitespace: a body with data after its value allocates no slab.
//
// Each value is read into its slot, the last record on pend, made zero (with the member's name
// in an object: slot) before the value is read: begin writes it field by field where it
// stands, and a container's record is finished in place when it ends (end). A record built
// aside and appended would be copied whole (eight words) right after its fields were stored
// one by one, a load the processor cannot take from its pending stores.
func (p *jparser) read() (pend, bool) {
	p.pend = append(p.pend[:0], pend{}) // the top-level value's slot
	for {
		opened, ok := p.begin(&p.pend[len(p.pend)-1])
		if !ok {
			return p.fail()
		}
		if opened { // its first member or entry comes next
			obj := p.frames[len(p.frames)-1].obj
			if obj || p.shallow || p.i >= len(p.src) || p.src[p.i] != '"' {
				if !p.slot(obj) {
					return p.fail()
				}
				continue
			}
			// An array whose first entry is a string: its string entries in a row (a
			// request's lists of URLs, scopes, flows) are read without begin and this loop.
			if !p.stringEntries() {
				return p.fail()
			}
		}
		// The value in the last slot is complete: it stays with its container, which may end
		// in turn.
		for {
			if len(p.frames) == 0 {
				return p.pend[0], true
			}
			f := &p.frames[len(p.frames)-1]
			if p.shallow && !(len(p.frames) == 1 && (!f.obj || p.keep == nil || p.keep(p.text(p.pend[len(p.pend)-1].name)))) {
				p.pend = p.pend[:len(p.pend)-1] // not kept
			}
			p.ws()
			if p.i >= len(p.src) {
				return p.fail()
			}
			c := p.src[p.i]
			if c == ',' {
				p.i++
				p.ws()
				if !p.slot(f.obj) {
					return p.fail()
				}
				break // the next member or entry
			}
			if !(f.obj && c == '}' || !f.obj && c == ']') {
				return p.fail()
			}
			p.i++
			p.end(f)
		}
	}
}

// slot makes the zero record of the next member or entry of the innermost container, with the
// member's name (and its colon) read when the container is an object.
func (p *jparser) slot(obj bool) bool {
	p.pend = append(p.pend, pend{})
	return !obj || p.key(&p.pend[len(p.pend)-1].name)
}

// end finishes the record of the container f, which has just been closed (its slot, before
// its members or entries), moves theirs to the finished ones and pops its frame.
func (p *jparser) end(f *jframe) {
	v := &p.pend[f.base-1]
	v.tok.end, v.tok.ref, v.n = p.i, len(p.closed), len(p.pend)-f.base
	p.closed = append(p.closed, p.pend[f.base:]...)
	p.pend = p.pend[:f.base]
	p.frames = p.frames[:len(p.frames)-1]
}

// begin reads a scalar or an empty container (a complete value) into v, its slot, or opens a
// container: it pushes its frame (opened is then true, and of v only kind and tok are written:
// the container's start, ref -1). A run of '[' opens all its arrays but the last at once
// (openRun), each in a slot of its own after v, and the last is read in the last slot.
func (p *jparser) begin(v *pend) (opened, ok bool) {
	if p.i >= len(p.src) {
		return false, false
	}
	v.tok = token{start: p.i, ref: -1}
	switch c := p.src[p.i]; {
	case c == '{':
		if len(p.frames) >= maxDepth {
			p.failed = failure{kind: failDepth, end: p.i}
			return false, false
		}
		v.kind = jObject
		p.i++
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == '}' {
			p.i++
			v.tok.end = p.i
			return false, true
		}
		p.frames = append(p.frames, jframe{base: len(p.pend), obj: true})
		return true, true
	case c == '[':
		if len(p.frames) >= maxDepth {
			p.failed = failure{kind: failDepth, end: p.i}
			return false, false
		}
		v.kind = jArray
		if p.i+1 < len(p.src) && p.src[p.i+1] == '[' {
			if !p.openRun() {
				return false, false
			}
			v = &p.pend[len(p.pend)-1] // the run's last '[', this array's own
		}
		p.i++
		p.ws()
		if p.i < len(p.src) && p.src[p.i] == ']' {
			p.i++
			v.tok.end = p.i
			return false, true
		}
		p.frames = append(p.frames, jframe{base: len(p.pend)})
		return true, true
	case c == '"':
		tok, chars, ok := p.token(v.name)
		v.kind, v.tok = jString, tok
		if uint64(chars) <= math.MaxUint32 {
			v.counted, v.chars = true, uint32(chars)
		}
		return false, ok
	case c == 't':
		v.kind, v.b = jBool, true
		return false, p.word("true")
	case c == 'f':
		v.kind = jBool
		return false, p.word("false")
	case c == 'n':
		v.kind = jNull
		return false, p.word("null")
	case c == '-' || (c >= '0' && c <= '9'):
		ok := p.number()
		v.kind, v.tok.end = jNumber, p.i
		return false, ok
	}
	return false, false
}

// key reads a member name into name, and its colon, for the innermost object.
func (p *jparser) key(name *token) bool {
	if p.i >= len(p.src) || p.src[p.i] != '"' {
		return false
	}
	var ok bool
	if *name, _, ok = p.token(token{}); !ok {
		return false
	}
	p.ws()
	if p.i >= len(p.src) || p.src[p.i] != ':' {
		return false
	}
	p.i++
	p.ws()
	return true
}

// token reads a string token: where it is and, when it has escapes, its decoded value, kept on
// decoded (a token it cannot read is where the parse stops: knownFailure). An escape decodes to
// fewer bytes than it is written with, so a value as long as the text between the quotes is
// that text. It is scanString written out (scanPlain, then stringFrom), and a value scanPlain
// read to its closing quote with no byte >= 0x80 (ASCII without escapes, most names and values
// of a request: nothing to check or decode, one character a byte) is answered here, without
// the call: every name and string value the tree parser reads comes through here. jparser.str
// (jsondoc.go) reads a string through scanString itself. A member's value (name: the member's)
// long and written with escapes may be left undecoded (unreadToken).
func (p *jparser) token(name token) (token, int, bool) {
	start := p.i
	stop, cont, high := scanPlain(p.src, start+1)
	if !high && stop < len(p.src) && p.src[stop] == '"' {
		p.i = stop + 1
		return token{start: start, end: stop + 1, ref: -1}, stop - start - 1, true
	}
	if p.unread != nil && name.end != 0 && stop < len(p.src) && p.src[stop] == '\\' && len(p.src)-start > lazyMin {
		if t, chars, ok, done := p.unreadToken(name, start, stop, cont, high); done {
			return t, chars, ok
		}
	}
	s, chars, end, ok := stringFrom(p.src, start+1, stop, cont, high, utf8Refuse)
	if !ok {
		p.failed = failure{kind: failStop, next: start, tok: true}
		return token{}, 0, false
	}
	p.i = end
	t := token{start: start, end: end, ref: -1}
	if len(s) != t.end-t.start-2 {
		t.ref = len(p.decoded)
		p.decoded = append(p.decoded, s)
	}
	return t, chars, true
}

// word reads a literal (lit); one it cannot read is where the parse stops (knownFailure).
func (p *jparser) word(w string) bool {
	if !p.lit(w) {
		p.failed = failure{kind: failStop, next: p.i, tok: true}
		return false
	}
	return true
}

// text is a token's value ("" for no name).
func (p *jparser) text(t token) string {
	switch {
	case t.end == 0:
		return ""
	case t.ref >= 0:
		return p.decoded[t.ref]
	}
	return p.src[t.start+1 : t.end-1]
}

// node makes the node of a value read.
func (p *jparser) node(v *pend) jnode {
	var n jnode
	p.fill(&n, v)
	return n
}

// fill writes the node of a value read into a zeroed n, field by field: in the slab, a
// jnode built aside and copied in would move its 64 bytes under the write barrier.
func (p *jparser) fill(n *jnode, v *pend) {
	n.kind = v.kind
	switch v.kind {
	case jString:
		p.fillString(n, v)
		return
	case jNumber:
		text := p.src[v.tok.start:v.tok.end]
		n.s, n.raw = text, text
		return
	case jBool:
		n.b = v.b
		n.raw = "false"
		if v.b {
			n.raw = "true"
		}
		return
	case jNull:
		n.raw = "null"
		return
	}
	n.raw = p.src[v.tok.start:v.tok.end]
	switch {
	case v.n > 0:
		n.kids = p.slab[v.tok.ref : v.tok.ref+v.n : v.tok.ref+v.n] // capped: an append cannot reach the next
	case v.tok.ref < 0 && n.kind == jArray:
		n.kids = []jmember{} // written empty: entries, none (as encoding/json's []any{})
	}
}

// fillString is fill on a string's record: its raw text, and its value as the text between the
// quotes or its decoded value. Small enough to be inlined where build writes a string's node,
// the most common node of a request (names, URLs, scopes), without fill's call.
func (p *jparser) fillString(n *jnode, v *pend) {
	raw := p.src[v.tok.start:v.tok.end]
	n.kind, n.counted, n.chars, n.raw = jString, v.counted, v.chars, raw
	switch {
	case v.tok.ref >= 0:
		n.s = p.decoded[v.tok.ref]
	case v.tok.ref == lazyRef:
		n.lazy = true // decoded when asked (str)
	default:
		n.s = raw[1 : len(raw)-1] // the text between the quotes
	}
}

// build makes the tree of a text that parsed, whose value is top: the slab at the size of the
// finished records, each record's node written in its place (a string's by fillString inlined,
// any other by fill). An array's entry has no name (the zero token), and the slab is zeroed:
// its name is not written (a pointer store, which the write barrier records while the
// collector marks).
func (p *jparser) build(top *pend) jnode {
	if len(p.closed) > 0 {
		slab := make([]jmember, len(p.closed))
		p.slab = slab // fill cuts the containers' kids from it
		closed := p.closed[:len(slab)]
		for i := range slab {
			r, m := &closed[i], &slab[i]
			if r.name.end != 0 {
				m.name = p.text(r.name)
			}
			if r.kind == jString {
				p.fillString(&m.val, r)
				continue
			}
			p.fill(&m.val, r)
		}
	}
	return p.node(top)
}
