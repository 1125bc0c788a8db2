// Package membody is an HTTP body read from memory, shared by the fuzz harness (the requests
// and responses it hands the SDK) and the emulator (its in-process answers).
package membody

import "bytes"

// Body is a body read from memory: a bytes.Reader (WriterTo included, as io.NopCloser of one
// keeps) whose Close does nothing, in one allocation instead of io.NopCloser's two.
type Body struct{ bytes.Reader }

// New returns a Body reading b.
func New(b []byte) *Body {
	m := &Body{}
	m.Reset(b)
	return m
}

// Close implements io.Closer.
func (*Body) Close() error { return nil }
