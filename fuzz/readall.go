package fuzz

import (
	"bytes"
	"io"
	"slices"
)

// readAll is io.ReadAll with room for size bytes (a Content-Length; unknown when not above 0)
// made at once: the recorder reads every body the harness sends and receives, and
// io.ReadAll's growing from 512 bytes copies a 300 KB body a dozen times.
func readAll(r io.Reader, size int64) ([]byte, error) {
	if size <= 0 || size > maxPresized {
		return io.ReadAll(r)
	}
	return readOn(make([]byte, 0, size+1), r) // one byte more: EOF is then read without growing
}

// readOn reads r to its end after b's bytes, into b's room first (readAll's loop): the bytes
// read and the first error other than io.EOF.
func readOn(b []byte, r io.Reader) ([]byte, error) {
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) { // longer than announced: grow as io.ReadAll does
			b = append(b, 0)[:len(b)]
		}
	}
}

// maxPresized bounds the room readAll makes from a Content-Length (a body is never bigger
// than a few hundred kilobytes; an absurd length must not allocate gigabytes).
const maxPresized = 16 << 20

// requestBody reads the body of the request rec records (size: its Content-Length) into
// memory nobody writes again: readAll's new memory; or, when rec expects a body of that size
// (expect), the body is read into the scratch buffer first and is then expect itself when it
// holds expect's bytes (the SDK serialized the case's body exactly: no copy), else a copy of
// what was read (the scratch buffer is written again by the next call).
func (rec *recorder) requestBody(r io.Reader, size int64) ([]byte, error) {
	if rec.expect == nil || rec.scratch == nil || size != int64(len(rec.expect)) {
		return readAll(r, size)
	}
	b, err := readOn(slices.Grow((*rec.scratch)[:0], len(rec.expect)+1), r) // +1: EOF without growing
	*rec.scratch = b[:0]
	if err != nil {
		return nil, err
	}
	if bytes.Equal(b, rec.expect) {
		return rec.expect, nil
	}
	return bytes.Clone(b), nil
}
