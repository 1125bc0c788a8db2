package contracts

import "math"

// Long strings with escapes that nothing reads, left undecoded: the parser decodes such a
// string into a scratch buffer (every check as for any string: the same refusals and count of
// characters), and when its member's validation reads nothing but that count and the count
// passes (unreadStrings), its node keeps only its text (jnode.lazy), decoded again if its value
// is ever asked for (jnode.str). The fuzzer's big values (a valid ExternalId of 150-200 KB with
// a \u2028 escape every few dozen bytes, carried by a case about another member) so cost no
// allocation of their size; a value the validation quotes in its message (ExternalId/too-long)
// is copied out of the scratch as before (scan_undecoded_test.go).

// lazyMin is the length of text between the quotes from which the parser may leave a string
// with escapes undecoded: a value of the fuzz campaign's valid requests (names, URLs, ids: up
// to a few kilobytes written with escapes), which the checks of a positive answer read, stays
// decoded; the campaign's long values (100 KB and more) may not.
const lazyMin = 16 << 10

// lazyRef is the ref of a string token the parser left undecoded: its value is its text
// decoded on demand (jnode.decoded).
const lazyRef = -2

// unreadStrings gives, by member name, the lengths in characters within which the validation
// reads nothing of a string member's value but its length: members of a string shape (not an
// enum) with no pattern, anywhere in the input (a name used otherwise anywhere is left out, so
// that the rule holds for every member of that name). Whether a value is left undecoded plays
// no part in any answer, only in what reading it costs. Each is the member's memberCheck
// (memberCheckOf): its @length as an interval (lo, hi).
type unreadStrings map[string]memberCheck

// scratchMax is the largest scratch buffer (jparser.scratch) a parser keeps after a parse with
// u: room for the longest value u leaves undecoded, each of its characters written as a \u
// escape (6 bytes). A scratch grown past it (by a value too long to be left undecoded) is
// dropped, not kept with the parser.
func (u unreadStrings) scratchMax() int {
	var hi int64
	for _, r := range u {
		hi = max(hi, r.hi)
	}
	if hi > math.MaxInt/6 {
		return math.MaxInt
	}
	return int(hi) * 6
}

// unreadStringsOf reads an input shape's unreadStrings.
func unreadStringsOf(input *Shape) unreadStrings {
	out, other := unreadStrings{}, map[string]bool{}
	seen := map[*Shape]bool{}
	var walk func(s *Shape)
	walk = func(s *Shape) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, m := range s.Members {
			t, c := m.Target, m.effective()
			r := memberCheckOf(t, c)
			if r.kind != kindString || r.enum || t.Type == "blob" || c.hasPattern() {
				other[m.Name] = true
			} else {
				if have, ok := out[m.Name]; ok { // within both: the intersection
					r.lo, r.hi = max(r.lo, have.lo), min(r.hi, have.hi)
				}
				out[m.Name] = r
			}
			switch kindOf(t) {
			case kindStructure:
				walk(t)
			case kindList:
				if t.Member != nil && kindOf(t.Member.Target) == kindStructure {
					walk(t.Member.Target)
				}
			}
		}
	}
	walk(input)
	for name := range other {
		delete(out, name)
	}
	return out
}

// unreadToken reads the string token at start, a value of the member name (its text written
// with escapes: scanPlain stopped at a backslash at stop, having read cont continuation bytes,
// high when a byte >= 0x80), when its text is lazyMin bytes or more and p.unread names the
// member: done false otherwise, and token reads it. The value is decoded into the parser's
// scratch buffer (unquoteInto, every check of unquoteRefuse); within its member's lengths it is
// left undecoded (lazyRef), else copied out and kept on decoded as token keeps it.
func (p *jparser) unreadToken(name token, start, stop, cont int, high bool) (t token, chars int, ok, done bool) {
	r, named := p.unread[p.text(name)]
	if !named {
		return token{}, 0, false, false
	}
	end := closingQuote(p.src, start+1, stop)
	if end-start-1 < lazyMin {
		return token{}, 0, false, false
	}
	if cap(p.scratch) < end-start-1 {
		p.scratch = make([]byte, end-start-1)
	}
	buf := p.scratch[:end-start-1]
	d, chars, ok := unquoteInto(buf, p.src, start+1, stop, end, cont, high, true)
	t = token{start: start, end: end + 1, ref: lazyRef}
	switch {
	case !ok:
		p.failed = failure{kind: failStop, next: start, tok: true}
		t = token{}
	case int64(chars) < r.lo || int64(chars) > r.hi: // the validation quotes it: kept
		t.ref = len(p.decoded)
		p.decoded = append(p.decoded, string(buf[:d]))
	}
	if ok {
		p.i = end + 1
	}
	return t, chars, ok, true
}

// decoded is the value of a string node the parser left undecoded (lazy): its text decoded,
// anew at each call (nothing is written to the node, which several goroutines may read). The
// text was read and accepted by the parser, so its UTF-8 is not checked again.
func (n *jnode) decoded() string {
	text := n.raw[1 : len(n.raw)-1]
	stop := indexBackslash(text) + 1
	if stop == len(n.raw)-1 {
		return text // no escape: never left undecoded, but its value is then its text
	}
	s, _, _, _ := unquoteTo(n.raw, 1, stop, len(n.raw)-1, 0, false, false)
	return s
}

// parseTextUnread is parseText leaving the long values of the members unread names undecoded
// where nothing reads them (unreadToken); the same tree otherwise, each value as str reads it.
func parseTextUnread(src string, shallow bool, keep func(string) bool, unread unreadStrings) (jnode, error) {
	// The UTF-8 is checked string by string as they are read (scanString, utf8Refuse): a byte
	// >= 0x80 anywhere else fails the parse, and decodeBody then names the invalid UTF-8.
	p := getParser()
	p.src, p.i, p.shallow, p.keep, p.unread = src, 0, shallow, keep, unread
	p.ws()
	top, ok := p.read()
	if ok {
		p.ws()
		if ok = p.i == len(p.src); !ok {
			p.failed = failure{kind: failTrailing, next: p.i}
		}
	}
	var n jnode
	if ok { // a body with data after its value gets no slab either
		n = p.build(&top)
	}
	failed := p.failed
	p.src, p.failed = "", failure{}
	// The scratch goes back to the pool without references to this body's strings: the
	// records and frames hold none, the decoded strings do.
	clear(p.decoded)
	p.pend, p.closed, p.frames = p.pend[:0], p.closed[:0], p.frames[:0]
	p.decoded = p.decoded[:0]
	if cap(p.scratch) > 0 && p.unread != nil && cap(p.scratch) > p.unread.scratchMax() {
		p.scratch = nil // grown by a value past every length unread leaves undecoded: not kept
	}
	p.keep, p.slab, p.unread = nil, nil, nil
	putParser(p)
	if ok {
		return n, nil
	}
	if err, known := knownFailure(src, failed); known {
		return jnode{}, syntaxOf(err)
	}
	doc, err := decodeBody([]byte(src))
	if err != nil {
		return jnode{}, syntaxOf(err)
	}
	return fromAny(doc), nil // unreachable unless the parser is stricter than encoding/json
}

// str is a string node's value, or a number's text (as with json.Decoder.UseNumber). A value
// the parser left undecoded (lazy) is decoded at each call, so a reader that needs it more than
// once keeps what it got; one that needs only its length in characters reads chars (nodeChars),
// one that needs a bound on its length in bytes reads raw.
func (n *jnode) str() string {
	if n.lazy {
		return n.decoded()
	}
	return n.s
}
