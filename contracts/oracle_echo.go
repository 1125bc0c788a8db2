package contracts

// The kids stack of one decode (kidStack, push) and the echo decode: the answer to a request
// read with the request's members at hand (echoSource), a member of the answer's client that is
// byte for byte the request's member of that name taking the request's node (echoed).

import "strings"

// kidStack holds the members and entries of the open containers of one decodeNodeText, which
// are copied once, at their size, into the arena (or slab chunks) when their container ends.
// For a 200's answer (a whole read into the check's arena) it starts in an array on the
// goroutine's stack (room for stackKids), so that the slots it opens and the names and strings
// written into them cost no write barrier while the collector marks (every member of an
// answer, three pointers each, recorded one by one into the barrier's buffer); a text with
// more open kids moves it into the decoder's spill, in the heap (push), where the other reads
// start.
type kidStack struct{ kids []jmember }

// stackKids is the room of kidStack's array, zeroed for every text (128 cost about 0.1 us a
// text, 48 about a third of it): a 200's answer keeps open the top level and the client's
// members (the model's 26 at most, absent ones left out) and, of a list among them, the entries
// only when it is not the request's text (echoed: the mixed cycle's 200s hold 96% of their
// lists' bytes as the request wrote them), which go on in the spill past the room.
const stackKids = 48

// echoSource is a request's top-level members, at their indexes in its structure: the decode of
// the answer to it (decodeNodeText) takes the node of a member of the answer's client whose text
// is byte for byte one of them as the request's node (nodeDecoder.echoed).
type echoSource struct {
	shape *Shape   // the request's structure (the operation's input), its names indexed (Shape.names)
	slots []*jnode // the request's members at their indexes in shape (memberSlots)
	// parsed tells that slots are nodes of a tree Parse read whole (ParsedRequest.err nil):
	// their raw texts are texts the one-pass parser accepted, which container accepts too
	// (echoed: no second check of an echoed text).
	parsed bool
}

// push opens a slot for the next member (named name) or entry on the kids stack st and
// returns its index. The slot is zeroed where it is and the name written into it: appending
// jmember{name: name} built the 80-byte member on the stack and copied it, and the copy's
// 16-byte loads waited on the name's 8-byte stores just made (a store forward that fails, per
// member of every answer). A full stack moves into the decoder's spill (kept in the pool with
// the decoder, grown to twice the size when it is too small): the kids are copied there, not
// appended (an append's result, which may be the array on the goroutine's stack, stored through
// st would move that array to the heap for every text).
func (d *nodeDecoder) push(st *kidStack, name string) int {
	k := len(st.kids)
	if k == cap(st.kids) {
		spill := d.spill
		if cap(spill) <= k {
			spill = make([]jmember, 0, 2*k+16)
		}
		spill = spill[:k]
		copy(spill, st.kids)
		st.kids, d.spill = spill, spill
	}
	st.kids = st.kids[:k+1]
	st.kids[k] = jmember{}
	st.kids[k].name = name
	return k
}

// echoDepth is the depth at which valueAt reads the members of the answer's client: the
// top-level object's members are read at 1, the members of their objects at 2.
const echoDepth = 2

// echoTrusted is the longest echoed text of a parsed request that echoed takes unchecked: a
// container of n bytes nests at most n/2 levels, so one of nodeMaxDepth bytes read at echoDepth
// stays far within container's nesting limit (nodeMaxDepth).
const echoTrusted = nodeMaxDepth

// echoClient is the top-level member of an answer that holds the client (the output's
// UserPoolClient, which checkSuccessKept checks against the request): only its members are
// taken from the request (echoed), not those of another member's object, nor of an entry of
// a top-level array (read at echoDepth too).
const echoClient = "UserPoolClient"

// echoed reads the container at d.i, the value of the member st.kids[k] of the answer's client
// (read at echoDepth under echoClient: nodeDecoder.inClient), when the request (d.echo) has a
// member of that name, a container whose text the answer holds byte for byte here, and the node
// is the request's, its raw text the answer's. The same text is the same value whichever reader
// read it (sameText), so every check reads of it what the answer's own tree would give, without
// its kids being built again (an echoed list of a hundred URLs). done is false when the member
// is not such an echo: the caller reads it as any other (nothing was read).
//
// The text is the one the request's reader accepted as one container, and a container's text
// ends at its closing bracket, so the answer's value here is exactly that text. From a tree Parse
// read whole (echoSource.parsed) it is not checked again: Parse accepts only valid UTF-8 that
// encoding/json decodes, as container does, and a text of at most echoTrusted bytes nests at
// most half as deep, within container's limit at echoDepth. Any other (a request another reader
// read, a text that long) is checked as the shallow read checks a nested value (skipContainer:
// what container accepts, it accepts).
func (d *nodeDecoder) echoed(st *kidStack, k, depth int) (ok, done bool) {
	e := d.echo
	j := e.shape.names.find(e.shape, st.kids[k].name)
	if j < 0 {
		return false, false
	}
	start := d.i
	sent := e.slots[j]
	if sent == nil || (sent.kind != jArray && sent.kind != jObject) || len(sent.raw) < 2 || !strings.HasPrefix(d.src[start:], sent.raw) {
		return false, false
	}
	if e.parsed && len(sent.raw) <= echoTrusted {
		d.i = start + len(sent.raw)
	} else {
		if !d.skipContainer(depth + 1) {
			return false, true // container refuses what skipContainer refuses
		}
		if d.i != start+len(sent.raw) { // never: a container's text ends where its closing bracket is
			d.i = start
			return false, false
		}
	}
	n := &st.kids[k].val
	n.kind, n.raw, n.kids = sent.kind, d.src[start:d.i], sent.kids
	return true, true
}
