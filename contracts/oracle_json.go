package contracts

import (
	"encoding/binary"
	"math"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
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
	d := nodeDecoders.Get().(*nodeDecoder)
	d.src, d.b, d.i, d.arena, d.shallow = string(b), b, 0, a, shallow
	d.text = strings.Builder{} // the last text's strings are the last tree's: never reused
	d.slab = nil
	d.ws()
	n, ok := d.value(0)
	if ok {
		d.ws()
		ok = d.i == len(d.src)
	}
	// The scratch goes back to the pool as it is, like a released arena: the next text
	// overwrites it, and the pool drops it within two collections.
	d.src, d.b, d.kids, d.slab, d.arena, d.text = "", nil, d.kids[:0], nil, nil, strings.Builder{}
	nodeDecoders.Put(d)
	if !ok {
		return jnode{}, false
	}
	return n, true
}

// nodeArena is memory for the kids of the trees one check decodes, reused from check to check:
// the trees must not be read after release (findings hold strings, never nodes). Released kids
// are not cleared (clearing pointers costs a write barrier each while the collector runs): the
// next check overwrites them, and sync.Pool drops an idle arena within two collections, so what
// they still point to (the last answer's text) is held that long at most.
type nodeArena struct {
	buf  []jmember
	need int // kids carved since the last release, to size the next buffer
}

var nodeArenas = sync.Pool{New: func() any { return &nodeArena{} }}

// maxArena bounds the kids an arena keeps between checks (a huge answer's are not kept).
const maxArena = 1024

func newArena() *nodeArena { return nodeArenas.Get().(*nodeArena) }

// take returns room for n kids, nil when the arena has none left.
func (a *nodeArena) take(n int) []jmember {
	a.need += n
	if cap(a.buf)-len(a.buf) < n {
		return nil
	}
	start := len(a.buf)
	a.buf = a.buf[:start+n]
	return a.buf[start : start+n : start+n]
}

// release returns the arena to the pool, grown to what the trees needed (up to maxArena).
func (a *nodeArena) release() {
	a.buf = a.buf[:0]
	if a.need > cap(a.buf) && a.need <= maxArena {
		a.buf = make([]jmember, 0, a.need)
	}
	a.need = 0
	nodeArenas.Put(a)
}

// nodeMaxDepth is encoding/json's nesting limit: deeper texts are left to it.
const nodeMaxDepth = 10000

// nodeDecoder is the state of one decodeNode. The members and entries of open containers
// are collected on a shared stack and copied once, at their size, into the arena (or slab
// chunks) when their container ends.
type nodeDecoder struct {
	src     string
	b       []byte // the text as given: src's bytes, read eight at a time (scanRun)
	i       int
	text    strings.Builder // the unescaped strings of this text, one after the other
	kids    []jmember       // scratch: members and entries of the open containers
	slab    []jmember       // the finished containers' kids; belongs to the tree being built
	arena   *nodeArena      // where kids are carved first, when set
	shallow bool            // keep the kids of the top level only
}

var nodeDecoders = sync.Pool{New: func() any { return &nodeDecoder{} }}

func (d *nodeDecoder) ws() {
	for d.i < len(d.src) {
		switch d.src[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *nodeDecoder) value(depth int) (jnode, bool) {
	if d.i >= len(d.src) {
		return jnode{}, false
	}
	start := d.i
	switch c := d.src[d.i]; {
	case c == '"':
		s, chars, ok := d.str()
		n := jnode{kind: jString, s: s, raw: d.src[start:d.i]}
		if chars >= 0 && chars <= math.MaxUint32 {
			n.counted, n.chars = true, uint32(chars)
		}
		return n, ok
	case c == '{' || c == '[':
		if depth >= nodeMaxDepth {
			return jnode{}, false
		}
		if d.shallow && depth >= 1 { // a nested container of a shallow read: checked, not built
			kind := jArray
			if c == '{' {
				kind = jObject
			}
			ok := d.skipContainer(depth + 1)
			return jnode{kind: kind, raw: d.src[start:d.i]}, ok
		}
		return d.container(depth + 1)
	case c == 't':
		return jnode{kind: jBool, b: true, raw: "true"}, d.lit("true")
	case c == 'f':
		return jnode{kind: jBool, raw: "false"}, d.lit("false")
	case c == 'n':
		return jnode{kind: jNull, raw: "null"}, d.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		ok := d.number()
		return jnode{kind: jNumber, s: d.src[start:d.i], raw: d.src[start:d.i]}, ok
	}
	return jnode{}, false
}

func (d *nodeDecoder) lit(word string) bool {
	if !strings.HasPrefix(d.src[d.i:], word) {
		return false
	}
	d.i += len(word)
	return true
}

// container reads an object (members with names) or an array (entries).
func (d *nodeDecoder) container(depth int) (jnode, bool) {
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
	base := len(d.kids)
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
		v, ok := d.value(depth)
		if !ok {
			return n, false
		}
		d.kids = append(d.kids, jmember{name: name, val: v})
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
			n.kids = d.carve(d.kids[base:])
			d.kids = d.kids[:base]
			return n, true
		default:
			return n, false
		}
	}
}

// carve copies a finished container's kids into the slab (a new chunk when it is full) and
// returns them with their capacity capped.
func (d *nodeDecoder) carve(kids []jmember) []jmember {
	n := len(kids)
	if n == 0 {
		return nil
	}
	if d.arena != nil {
		if room := d.arena.take(n); room != nil {
			copy(room, kids)
			return room
		}
	}
	if cap(d.slab)-len(d.slab) < n {
		chunk := 64
		if d.slab == nil { // the first chunk: about one value per 24 bytes of an answer
			chunk = min(len(d.src)/24+8, 512)
		}
		d.slab = make([]jmember, 0, max(n, chunk))
	}
	start := len(d.slab)
	d.slab = append(d.slab, kids...)
	return d.slab[start:len(d.slab):len(d.slab)]
}

// strPlain marks the bytes a string holds as they are: printable ASCII but '"' and '\\', and
// the bytes of multibyte UTF-8 (checked apart).
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x100; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads a string token at d.i. Without escapes its value is a substring of the text. The
// characters of an ASCII string are counted (its length); -1 for any other, which costs a pass
// to count that the error message of a 300 KB value does not need.
func (d *nodeDecoder) str() (string, int, bool) {
	start := d.i + 1
	q := strings.IndexByte(d.src[start:], '"')
	if q < 0 {
		return "", 0, false
	}
	end := start + q
	if esc := strings.IndexByte(d.src[start:end], '\\'); esc >= 0 {
		s, ok := d.strEscaped(start, start+esc)
		return s, -1, ok
	}
	ctl, high := scanRun(d.b[start:end])
	if ctl {
		return "", 0, false
	}
	s := d.src[start:end]
	d.i = end + 1
	if !high {
		return s, len(s), true
	}
	return s, -1, utf8.ValidString(s)
}

// scanRun reports whether a run of a string's bytes holds a control character, and whether it
// holds a byte of multibyte UTF-8; eight bytes at a time.
func scanRun(b []byte) (ctl, high bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var all, below uint64
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		all |= x
		below |= (x - 0x20*ones) &^ x // a byte below 0x20 sets its high bit (exact for "any")
	}
	for ; i < len(b); i++ {
		all |= uint64(b[i])
		if b[i] < 0x20 {
			ctl = true
		}
	}
	return ctl || below&highs != 0, all&highs != 0
}

// strEscaped reads a string holding an escape (the first at esc): it finds the closing quote,
// then unescapes at the end of d.text, grown first by the raw text's size (an escape never
// grows its text). The value is a substring of d.text: bytes a builder has written never
// change. The first escaped string grows it by the rest of the text, which holds every
// unescaped string still to come, so the escaped strings of a text share one allocation.
func (d *nodeDecoder) strEscaped(start, esc int) (string, bool) {
	end, from := -1, esc
	for end < 0 {
		q := strings.IndexByte(d.src[from:], '"')
		if q < 0 {
			return "", false
		}
		q += from
		k := q
		for d.src[k-1] == '\\' { // k > start: d.src[start-1] is the opening quote
			k--
		}
		if (q-k)%2 == 0 {
			end = q
		}
		from = q + 1
	}
	raw, rawb := d.src[start:end], d.b[start:end]
	sb := &d.text
	from = sb.Len()
	if sb.Cap()-from < len(raw) { // the first escaped string: room for every one left to read
		sb.Grow(len(d.src) - start)
	}
	for k := 0; k < len(raw); {
		next := strings.IndexByte(raw[k:], '\\')
		if next < 0 {
			next = len(raw)
		} else {
			next += k
		}
		if ctl, high := scanRun(rawb[k:next]); ctl || (high && !utf8.ValidString(raw[k:next])) {
			return "", false
		}
		sb.WriteString(raw[k:next])
		if next == len(raw) {
			break
		}
		n, ok := unescape(sb, raw[next:])
		if !ok {
			return "", false
		}
		k = next + n
	}
	d.i = end + 1
	return sb.String()[from:], true
}

// unescape writes the escape s starts with and returns its length, as encoding/json unquotes
// it: a \u surrogate pair is one character, a surrogate that is not half of a pair U+FFFD.
func unescape(sb *strings.Builder, s string) (int, bool) {
	if len(s) < 2 {
		return 0, false
	}
	switch c := s[1]; c {
	case '"', '\\', '/':
		sb.WriteByte(c)
	case 'b':
		sb.WriteByte('\b')
	case 'f':
		sb.WriteByte('\f')
	case 'n':
		sb.WriteByte('\n')
	case 'r':
		sb.WriteByte('\r')
	case 't':
		sb.WriteByte('\t')
	case 'u':
		r := hex4(s)
		if r < 0 {
			return 0, false
		}
		if utf16.IsSurrogate(r) {
			if dec := utf16.DecodeRune(r, hex4(s[6:])); dec != utf8.RuneError {
				sb.WriteRune(dec)
				return 12, true
			}
			r = utf8.RuneError
		}
		sb.WriteRune(r)
		return 6, true
	default:
		return 0, false
	}
	return 2, true
}

// hex4 is the code unit of a \uXXXX escape at the start of s, -1 when there is none.
func hex4(s string) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range []byte(s[2:6]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
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
	v, err := decodeAny(b)
	if err != nil {
		return jnode{}, err
	}
	return fromAny(v), nil
}

// skipContainer checks an object or array at d.i without building it (a shallow read's nested
// value): what it accepts, container reads too.
func (d *nodeDecoder) skipContainer(depth int) bool {
	object := d.src[d.i] == '{'
	closing := byte(']')
	if object {
		closing = '}'
	}
	d.i++
	d.ws()
	if d.i < len(d.src) && d.src[d.i] == closing {
		d.i++
		return true
	}
	for {
		if object {
			if d.i >= len(d.src) || d.src[d.i] != '"' || !d.skipString() {
				return false
			}
			d.ws()
			if d.i >= len(d.src) || d.src[d.i] != ':' {
				return false
			}
			d.i++
			d.ws()
		}
		if !d.skipValue(depth) {
			return false
		}
		d.ws()
		if d.i >= len(d.src) {
			return false
		}
		switch d.src[d.i] {
		case ',':
			d.i++
			d.ws()
		case closing:
			d.i++
			return true
		default:
			return false
		}
	}
}

// skipValue checks one value at d.i without building it.
func (d *nodeDecoder) skipValue(depth int) bool {
	if d.i >= len(d.src) {
		return false
	}
	switch c := d.src[d.i]; {
	case c == '"':
		return d.skipString()
	case c == '{' || c == '[':
		return depth < nodeMaxDepth && d.skipContainer(depth+1)
	case c == 't':
		return d.lit("true")
	case c == 'f':
		return d.lit("false")
	case c == 'n':
		return d.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	}
	return false
}

// skipString checks a string token at d.i without unescaping it: what it accepts, str reads.
func (d *nodeDecoder) skipString() bool {
	start := d.i + 1
	if q := strings.IndexByte(d.src[start:], '"'); q >= 0 && strings.IndexByte(d.src[start:start+q], '\\') < 0 {
		ctl, high := scanRun(d.b[start : start+q]) // no escape: one run
		if ctl || (high && !utf8.ValidString(d.src[start:start+q])) {
			return false
		}
		d.i = start + q + 1
		return true
	}
	i := d.i + 1
	run, high := i, byte(0) // the run of plain bytes since the last escape
	for i < len(d.src) {
		c := d.src[i]
		if strPlain[c] {
			high |= c
			i++
			continue
		}
		if high >= utf8.RuneSelf && !utf8.ValidString(d.src[run:i]) {
			return false
		}
		switch c {
		case '"':
			d.i = i + 1
			return true
		case '\\':
			n := escapeLen(d.src[i:])
			if n == 0 {
				return false
			}
			i += n
			run, high = i, 0
		default:
			return false // a control character
		}
	}
	return false
}

// escapeLen is the length of the escape s starts with, 0 when it is not one.
func escapeLen(s string) int {
	if len(s) < 2 {
		return 0
	}
	switch s[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if hex4(s) < 0 {
			return 0
		}
		return 6
	}
	return 0
}
