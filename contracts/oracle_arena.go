package contracts

import "sync"

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
