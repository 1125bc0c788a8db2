package contracts

import "sync"

// nodeArena is memory for the kids of the trees one check decodes, reused from check to check:
// the trees must not be read after release (findings hold strings, never nodes). Released kids
// are not cleared (clearing pointers costs a write barrier each while the collector runs): the
// next check overwrites them, and sync.Pool drops an idle arena within two collections, so what
// they still point to (the last answer's text) is held that long at most.
//
// text holds the unescaped strings of the trees a check reads in place (decodeNodeView), one
// after the other: a string is a view of the bytes written for it, which nothing writes again
// until release; a text that does not fit gets a new buffer (the strings in the former one
// keep it alive), which the arena keeps when it is at most maxArenaText.
//
// The check's other scratch lives here too, for the same reason (a sync.Pool reuses it, one
// Get and Put a check): the shape walk's path stack, the client before the update
// (readBefore), the slots of the answer's client and the decoder of the trees.
type nodeArena struct {
	buf    []jmember
	need   int // kids carved since the last release, to size the next buffer
	text   []byte
	path   []wstep      // checkSuccessKept's shapeWalk.path
	before clientBefore // readBefore's answer
	// slots are checkSuccessKept's slots of the answer's client (memberSlots, clientSlots).
	slots [64]*jnode
	dec   nodeDecoder // decodeNodeText's, for the trees read into this arena (one at a time)
	// sent are checkSuccessKept's slots of the request's members (memberSlots of the input,
	// sentSlots), and echo what the decode of the answer takes from them (set for that decode
	// only).
	sent [64]*jnode
	echo echoSource
	// slotsUsed and sentUsed are the prefixes of slots and sent handed out since the last
	// release, which release clears: a pooled arena would otherwise keep the last check's
	// answer and request alive (a request of 340 KB) until the pool drops it. They are nil when
	// handed out.
	slotsUsed, sentUsed int
}

var nodeArenas = sync.Pool{New: func() any { return &nodeArena{} }}

// maxArena bounds the kids an arena keeps between checks (a huge answer's are not kept).
const maxArena = 1024

// maxArenaText bounds the text an arena keeps between checks, in bytes (a huge answer's is
// not kept).
const maxArenaText = 16 << 10

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

// clientSlots is slotsFor(s, a.slots[:]), its slots nil: the arena's, for the slots of the
// answer's client (a stack array would escape through the walk's knownSlots).
func (a *nodeArena) clientSlots(s *Shape) []*jnode {
	a.slotsUsed = max(a.slotsUsed, min(len(s.Members), len(a.slots)))
	return slotsFor(s, a.slots[:])
}

// sentSlots is slotsFor(s, a.sent[:]), its slots nil: the arena's, for the slots of the
// request's members (a stack array would escape through the echo source).
func (a *nodeArena) sentSlots(s *Shape) []*jnode {
	a.sentUsed = max(a.sentUsed, min(len(s.Members), len(a.sent)))
	return slotsFor(s, a.sent[:])
}

// release returns the arena to the pool, grown to what the trees needed (up to maxArena).
func (a *nodeArena) release() {
	a.buf = a.buf[:0]
	if a.need > cap(a.buf) && a.need <= maxArena {
		a.buf = make([]jmember, 0, a.need)
	}
	a.need = 0
	a.text = a.text[:0]
	a.echo = echoSource{}
	clear(a.slots[:a.slotsUsed])
	clear(a.sent[:a.sentUsed])
	a.slotsUsed, a.sentUsed = 0, 0
	if cap(a.text) > maxArenaText {
		a.text = nil
	}
	nodeArenas.Put(a)
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
