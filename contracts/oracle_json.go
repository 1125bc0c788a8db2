package contracts

import (
	"math"
	"strings"
	"sync"
	"unsafe"
)

// decodeNode reads one JSON text into a jnode tree for the response checks (CheckResponse,
// CheckOutcome, ErrorCode): the tree Parse builds for a request, so an answer and a request
// compare node to node. It reads in one pass, strings escapes included (encoding/json's
// unquoting: \u escapes, surrogate pairs, a lone surrogate as U+FFFD), checking UTF-8 and
// counting ASCII strings' characters as it goes; strings without escapes and number texts are
// substrings of one copy of the text, strings with escapes share one more allocation.
//
// ok is false for anything it does not read: invalid UTF-8, a syntax error, nesting past
// encoding/json's limit, or anything but whitespace after the value. The caller then asks
// encoding/json (decodeAny), whose answer stands; whatever decodeNode reads, encoding/json
// with UseNumber reads to the same value (TestDecodeNodeAgrees, FuzzDecodeNode).
func decodeNode(b []byte) (jnode, bool) { return decodeNodeIn(b, nil, false) }

// decodeNodeIn is decodeNode with the containers' kids carved from an arena (nil: allocated),
// and, when shallow, the top level only: nested containers are checked and have their raw text,
// but no kids.
func decodeNodeIn(b []byte, a *nodeArena, shallow bool) (jnode, bool) {
	return decodeNodeText(string(b), b, a, shallow, false)
}

// decodeNodeView is decodeNodeIn without the copy of the text: the tree's strings share b's
// memory, and with an arena its unescaped strings share the arena's text (nodeArena.text,
// overwritten by the next check that takes the arena). Only for a tree read within the check
// that decodes it, b unchanged meanwhile, whose strings reach a Finding only through a copy
// (ownFindings, showValue, fmt): the answer of a 200 and the client before the update.
func decodeNodeView(b []byte, a *nodeArena, shallow bool) (jnode, bool) {
	return decodeNodeText(unsafe.String(unsafe.SliceData(b), len(b)), b, a, shallow, a != nil) // read only
}

// decodeNodeText is decodeNodeIn of src, whose bytes b are; inArena: the unescaped strings are
// written at the end of the arena's text (a view's, which no string of the tree outlives). With
// an arena whose echo is set (checkSuccessKept's answer), a whole read takes the request's node
// for a member of the answer's client (echoClient) it holds byte for byte (nodeDecoder.echoed).
// The decoder is the arena's, else a pooled one.
func decodeNodeText(src string, b []byte, a *nodeArena, shallow, inArena bool) (jnode, bool) {
	var d *nodeDecoder
	if a != nil {
		d = &a.dec // the arena's: no pool round trip
	} else {
		d = nodeDecoders.Get().(*nodeDecoder)
	}
	d.src, d.b, d.i, d.arena, d.shallow = src, b, 0, a, shallow
	d.echo, d.inClient = nil, false
	if a != nil && a.echo.shape != nil && !shallow {
		d.echo = &a.echo
	}
	d.text = nil // the last text's strings are the last tree's: never reused
	if inArena {
		d.text = a.text
	}
	d.slab = nil
	var st kidStack
	if inArena && !shallow { // a 200's answer, read while the collector may mark: on the stack
		var room [stackKids]jmember
		st.kids = room[:0]
	} else { // a request, a client before, an error body: the pooled spill, no array zeroed
		st.kids = d.spill[:0]
	}
	d.ws()
	n, ok := d.value(&st, 0)
	if ok {
		d.ws()
		ok = d.i == len(d.src)
	}
	if inArena {
		a.text = d.text // the strings written stay: the check's other trees come after them
	}
	// The scratch goes back to the pool (or stays in the arena) as it is, like a released
	// arena: the next text overwrites it, and the pool drops it within two collections.
	d.src, d.b, d.slab, d.arena, d.text, d.echo = "", nil, nil, nil, nil, nil
	if a == nil {
		nodeDecoders.Put(d)
	}
	if !ok {
		return jnode{}, false
	}
	return n, true
}

// nodeMaxDepth is encoding/json's nesting limit: deeper texts are left to it.
const nodeMaxDepth = 10000

// nodeDecoder is the state of one decodeNode. The members and entries of open containers
// are collected on a kidStack and copied once, at their size, into the arena (or slab chunks)
// when their container ends.
type nodeDecoder struct {
	src     string
	b       []byte // the text as given: src's bytes, read eight at a time (plainEnd)
	i       int
	text    []byte     // the unescaped strings of this text, one after the other (strEscaped)
	slab    []jmember  // the finished containers' kids; belongs to the tree being built
	spill   []jmember  // the kids stack once it outgrows its room on the goroutine's stack (push)
	arena   *nodeArena // where kids are carved first, when set
	shallow bool       // keep the kids of the top level only
	// echo is the request whose members the answer's client may hold byte for byte (echoed);
	// nil: none. inClient tells that the object whose members are read at echoDepth is the
	// value of the answer's client (echoClient), set as container starts each one.
	echo     *echoSource
	inClient bool
}

var nodeDecoders = sync.Pool{New: func() any { return &nodeDecoder{} }}

// ws skips whitespace. A byte above ' ' is never whitespace: a compact answer's next byte, the
// usual one, is passed with one test.
func (d *nodeDecoder) ws() {
	for d.i < len(d.src) && d.src[d.i] <= ' ' {
		switch d.src[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// value reads the value at d.i: the top level's (a container's kids are read in place,
// valueAt), through a slot on the kids stack.
func (d *nodeDecoder) value(st *kidStack, depth int) (jnode, bool) {
	k := d.push(st, "")
	ok := d.valueAt(st, k, depth)
	n := st.kids[k].val
	st.kids = st.kids[:k]
	return n, ok
}

// valueAt reads the value at d.i into st.kids[k].val, which is zero: a scalar is written in
// place, a container's node once it is read (its kids go on the stack after k and may move
// it: the slot is found again by its index). A node is 64 bytes: built and returned, then
// copied into its member, it was copied twice.
func (d *nodeDecoder) valueAt(st *kidStack, k, depth int) bool {
	if d.i >= len(d.src) {
		return false
	}
	start := d.i
	switch c := d.src[d.i]; {
	case c == '"':
		s, chars, ok := d.str()
		n := &st.kids[k].val
		n.kind, n.s, n.raw = jString, s, d.src[start:d.i]
		if chars >= 0 && uint64(chars) <= math.MaxUint32 {
			n.counted, n.chars = true, uint32(chars)
		}
		return ok
	case c == '{' || c == '[':
		if depth >= nodeMaxDepth {
			return false
		}
		if d.shallow && depth >= 1 { // a nested container of a shallow read: checked, not built
			kind := jArray
			if c == '{' {
				kind = jObject
			}
			ok := d.skipContainer(depth + 1)
			n := &st.kids[k].val
			n.kind, n.raw = kind, d.src[start:d.i]
			return ok
		}
		if d.echo != nil && depth == echoDepth && d.inClient {
			if ok, done := d.echoed(st, k, depth); done {
				return ok
			}
		}
		n, ok := d.container(st, depth+1)
		st.kids[k].val = n
		return ok
	case c == 't':
		n := &st.kids[k].val
		n.kind, n.b, n.raw = jBool, true, "true"
		return d.lit("true")
	case c == 'f':
		n := &st.kids[k].val
		n.kind, n.raw = jBool, "false"
		return d.lit("false")
	case c == 'n':
		n := &st.kids[k].val
		n.kind, n.raw = jNull, "null"
		return d.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		ok := d.number()
		n := &st.kids[k].val
		n.kind, n.s, n.raw = jNumber, d.src[start:d.i], d.src[start:d.i]
		return ok
	}
	return false
}

func (d *nodeDecoder) lit(word string) bool {
	if !strings.HasPrefix(d.src[d.i:], word) {
		return false
	}
	d.i += len(word)
	return true
}

// container reads an object (members with names) or an array (entries).
func (d *nodeDecoder) container(st *kidStack, depth int) (jnode, bool) {
	if d.echo != nil && depth == echoDepth { // a top-level member's value, in its slot: is it the client?
		d.inClient = st.kids[len(st.kids)-1].name == echoClient
	}
	start := d.i
	object := d.src[d.i] == '{'
	closing := byte(']')
	n := jnode{kind: jArray}
	if object {
		closing, n.kind = '}', jObject
	}
	d.i++
	d.ws()
	if d.i < len(d.src) && d.src[d.i] == closing {
		d.i++
		n.raw = d.src[start:d.i]
		if !object {
			n.kids = []jmember{} // an empty array is not null (toAny: []any{})
		}
		return n, true
	}
	base := len(st.kids)
	for {
		var name string
		if object {
			if d.i >= len(d.src) || d.src[d.i] != '"' {
				return n, false
			}
			var ok bool
			if name, _, ok = d.str(); !ok {
				return n, false
			}
			d.ws()
			if d.i >= len(d.src) || d.src[d.i] != ':' {
				return n, false
			}
			d.i++
			d.ws()
		}
		if !d.valueAt(st, d.push(st, name), depth) {
			return n, false
		}
		d.ws()
		if d.i >= len(d.src) {
			return n, false
		}
		switch d.src[d.i] {
		case ',':
			d.i++
			d.ws()
		case closing:
			d.i++
			n.raw = d.src[start:d.i]
			n.kids = d.carve(st.kids[base:])
			st.kids = st.kids[:base]
			return n, true
		default:
			return n, false
		}
	}
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *nodeDecoder) number() bool {
	if d.src[d.i] == '-' {
		d.i++
	}
	switch {
	case d.i < len(d.src) && d.src[d.i] == '0':
		d.i++
	case d.i < len(d.src) && d.src[d.i] >= '1' && d.src[d.i] <= '9':
		d.digits()
	default:
		return false
	}
	if d.i < len(d.src) && d.src[d.i] == '.' {
		d.i++
		if d.digits() == 0 {
			return false
		}
	}
	if d.i < len(d.src) && (d.src[d.i] == 'e' || d.src[d.i] == 'E') {
		d.i++
		if d.i < len(d.src) && (d.src[d.i] == '+' || d.src[d.i] == '-') {
			d.i++
		}
		if d.digits() == 0 {
			return false
		}
	}
	return true
}

func (d *nodeDecoder) digits() int {
	n := 0
	for d.i < len(d.src) && d.src[d.i] >= '0' && d.src[d.i] <= '9' {
		d.i++
		n++
	}
	return n
}

// decodeTree is decodeNode with encoding/json's answer for what decodeNode does not read:
// the tree of the value decodeAny gives (fromAny), or decodeAny's error.
func decodeTree(b []byte) (jnode, error) { return decodeTreeIn(b, nil, false) }

// decodeTreeIn is decodeTree with decodeNodeIn's arena and shallow reading (a tree built from
// encoding/json's answer is whole, in its own memory).
func decodeTreeIn(b []byte, a *nodeArena, shallow bool) (jnode, error) {
	if n, ok := decodeNodeIn(b, a, shallow); ok {
		return n, nil
	}
	return decodeTreeSlow(b)
}

// decodeTreeView is decodeTreeIn without the copy of the text where decodeNode reads it
// (decodeNodeView), and fast true then (false: encoding/json's tree, or its error): for a tree
// read within the check that decodes it, b unchanged meanwhile, whose strings reach the check's
// findings only through ownFindings.
func decodeTreeView(b []byte, a *nodeArena, shallow bool) (jnode, bool, error) {
	if n, ok := decodeNodeView(b, a, shallow); ok {
		return n, true, nil
	}
	n, err := decodeTreeSlow(b)
	return n, false, err
}

// decodeTreeSlow is decodeTree for a text decodeNode does not read: encoding/json's answer.
func decodeTreeSlow(b []byte) (jnode, error) {
	v, err := decodeAny(b)
	if err != nil {
		return jnode{}, err
	}
	return fromAny(v), nil
}
