package emulator

import "sync"

// The request body of an operation that keeps nothing of it once answered is read into a
// buffer reused from request to request instead of one allocated per request: an update is
// decoded by the contract into text of its own (contracts.(*Contract).Parse copies the body,
// and its parse memo keeps that copy), a describe reads two identifiers into strings of their
// own, and their answers are the stored client or a message, never the body's memory. Any
// other operation may keep parts of its body (CreateUserPool's echoed members are
// json.RawMessage slices of it) and reads into memory of its own, as before. (An immutable body
// read in place is the exception: the update's parse keeps views of it, which its owner never
// writes again; see parseObject.)

// maxScratch bounds the buffers kept between requests: the default body limit, so that the
// bodies of a few hundred kilobytes a fuzz run sends (a value past a size limit) are not
// allocated and cleared each time either. A body above it (an emulator given a higher limit)
// is read into memory of its own. sync.Pool drops an idle buffer within two collections.
const maxScratch = DefaultMaxBodyBytes

// scratchBuffers holds the reused buffers, each behind a pointer (a slice put in a sync.Pool
// would be allocated as an interface value on every Put).
var scratchBuffers = sync.Pool{New: func() any { return new([]byte) }}

// releaseScratch returns a buffer to the pool; a variable so that a test can poison the
// buffer first and find any answer or state that still reads it.
var releaseScratch = func(b *[]byte) { scratchBuffers.Put(b) }

// scratchFor returns a buffer for a body of the declared size of operation op, nil when the
// body is to be read into memory of its own (an operation that may keep it: any but an update
// and a describe; an unknown or large size).
func scratchFor(op string, size int64) *[]byte {
	if !keepsNoBody(op) || size < 0 || size+1 > maxScratch {
		return nil
	}
	return scratchBuffers.Get().(*[]byte)
}

// keepsNoBody reports whether operation op keeps nothing of its body once answered (see
// above): an update or a describe.
func keepsNoBody(op string) bool { return op == opUpdate || op == opDescribe }
