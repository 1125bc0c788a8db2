// Package membody is an HTTP body read from memory, shared by the fuzz harness (the requests
// and responses it hands the SDK) and the emulator (its in-process answers, and the requests it
// reads in place: Next).
package membody

import (
	"bytes"
	"io"
)

// Body is a body read from memory: a bytes.Reader (WriterTo included, as io.NopCloser of one
// keeps) whose Close does nothing, in one allocation instead of io.NopCloser's two. It also
// keeps the memory it reads, so that a reader in the same process may take the unread bytes
// without a copy (Unread, Next), and tells whether that memory is immutable (NewImmutable).
type Body struct {
	bytes.Reader
	b         []byte // what Reset was given
	immutable bool   // b is never written again by anyone (NewImmutable)
}

// New returns a Body reading b.
func New(b []byte) *Body {
	m := &Body{}
	m.Reset(b)
	return m
}

// NewImmutable returns a Body reading b, whose bytes nobody writes again, ever: the caller
// made b, gave up writing it with this call, and hands b on, if at all, only to readers that
// must not write it either. A reader in the same process may then keep a view of them for as
// long as it likes instead of a copy (Immutable): the emulator parses an SDK request of the
// fuzz harness (fuzz/sdk.go's recordingDoer) without copying it into a string. Bytes that
// anyone may still write (a caller's buffer, a go test -fuzz input the engine reuses, a pooled
// buffer) must go through New.
func NewImmutable(b []byte) *Body {
	m := New(b)
	m.immutable = true
	return m
}

// Immutable reports whether the body's memory is never written again (NewImmutable), so that
// the slices Unread and Next return may be kept and read, without a copy, for any time.
func (m *Body) Immutable() bool { return m.immutable }

// Reset makes the body read b from its start; b is not known immutable (New's, not
// NewImmutable's).
func (m *Body) Reset(b []byte) {
	m.Reader.Reset(b)
	m.b = b
	m.immutable = false
}

// Unread returns the bytes not read yet, without a copy and without reading them: the memory
// New or Reset was given, which the caller must only read.
func (m *Body) Unread() []byte { return m.b[len(m.b)-m.Len():] }

// Next returns the next n unread bytes (all of them when fewer remain) without a copy, and
// reads them: the body then stands where a Read of them would leave it. Like Unread, the slice
// is the memory New or Reset was given, to be read only.
func (m *Body) Next(n int) []byte {
	rest := m.Unread()
	if n < len(rest) {
		rest = rest[:n]
	}
	_, _ = m.Seek(int64(len(rest)), io.SeekCurrent) // never fails: a forward seek within the text
	return rest
}

// Close implements io.Closer.
func (*Body) Close() error { return nil }
