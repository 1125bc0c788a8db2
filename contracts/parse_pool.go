package contracts

import (
	"sync"
	"sync/atomic"
)

// The parsers' scratch: a jparser is taken for a parse and given back with its stacks empty.

var parsers = sync.Pool{New: func() any { return &jparser{} }}

// spareParser is one parser kept with its scratch across garbage collections, taken before the
// pool's: sync.Pool drops what it holds at every other collection, and a Get on one processor
// does not find a parser Put on another's private slot, so a pooled parser is now and then a
// new one, whose stacks then grow again, by doublings, to the size of the bodies it reads (in
// a fuzz campaign's mix, a body nested 1900 deep: 11 new parsers in 3000 executions, their
// regrown stacks 700 bytes an execution). Only a parser with stacks of at most spareRecords
// records is kept so (a body nested near maxDepth grows them to megabytes): any other goes
// back to the pool.
var spareParser atomic.Pointer[jparser]

// spareRecords bounds the stacks of the parser kept as spareParser: room for the campaign's
// deep bodies (1900 arrays) and any request the fuzzer draws otherwise.
const spareRecords = 4096

// getParser returns a parser with empty stacks (the spare, else one from the pool).
func getParser() *jparser {
	if p := spareParser.Swap(nil); p != nil {
		return p
	}
	return parsers.Get().(*jparser)
}

// putParser gives back a parser whose stacks hold nothing of its last text. Its scratch
// (unreadToken) goes with it: parseTextUnread drops one larger than unreadStrings.scratchMax.
func putParser(p *jparser) {
	if max(cap(p.pend), cap(p.closed), cap(p.frames), cap(p.decoded), cap(p.pairs)) <= spareRecords &&
		spareParser.CompareAndSwap(nil, p) {
		return
	}
	parsers.Put(p)
}
