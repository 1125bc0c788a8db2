package membody

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"
)

// TestUnreadAndNextAreRead: at every position a read can leave the body (after reads, seeks
// back and forth, a reset, at the end), Unread is what ReadAll would return and reads nothing,
// and Next(n) returns what reading n bytes returns, leaving the body where that read leaves
// it, for n below, at and past what is left; the slices are the memory given, not copies.
func TestUnreadAndNextAreRead(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"", "x", "hello, world", string(bytes.Repeat([]byte("é世\x00\xff"), 1000))} {
		for _, at := range []int{0, 1, len(text) / 2, len(text)} {
			for _, n := range []int{0, 1, 7, len(text) - at, len(text) + 1, 1 << 30} {
				if at > len(text) || n < 0 {
					continue
				}
				mem := []byte(text)
				got, want := New(mem), bytes.NewReader(mem)
				skip := make([]byte, at)
				_, _ = io.ReadFull(got, skip)
				_, _ = io.ReadFull(want, skip)
				rest, _ := io.ReadAll(bytes.NewReader(mem[at:]))
				if u := got.Unread(); !bytes.Equal(u, rest) || got.Len() != len(rest) {
					t.Fatalf("%d bytes at %d: Unread %q, want %q (Len %d)", len(text), at, u, rest, got.Len())
				}
				read := make([]byte, min(n, len(text)))
				k, _ := io.ReadFull(want, read)
				next := got.Next(n)
				if !bytes.Equal(next, read[:k]) {
					t.Fatalf("%d bytes at %d: Next(%d) = %q, a read gives %q", len(text), at, n, next, read[:k])
				}
				if len(next) > 0 && &next[0] != &mem[at] {
					t.Fatalf("Next copied")
				}
				after, _ := io.ReadAll(got)
				wantAfter, _ := io.ReadAll(want)
				if !bytes.Equal(after, wantAfter) {
					t.Fatalf("%d bytes at %d, Next(%d): then read %q, want %q", len(text), at, n, after, wantAfter)
				}
			}
		}
	}
	m := New([]byte("abcdef"))
	_, _ = m.Seek(4, io.SeekStart)
	_, _ = m.Seek(-2, io.SeekCurrent)
	if string(m.Unread()) != "cdef" {
		t.Fatalf("after seeks: %q", m.Unread())
	}
	m.Reset([]byte("xyz"))
	if string(m.Next(2)) != "xy" || string(m.Unread()) != "z" {
		t.Fatalf("after Reset: %q", m.Unread())
	}
	if err := iotest.TestReader(New([]byte("some text to read")), []byte("some text to read")); err != nil {
		t.Fatal(err)
	}
}

// TestImmutableIsToldOnly: only NewImmutable's body says its memory is immutable, and it reads
// as New's does; a Reset, which takes bytes of any owner, says it no more.
func TestImmutableIsToldOnly(t *testing.T) {
	t.Parallel()
	mem := []byte("some text to read")
	if New(mem).Immutable() {
		t.Fatal("New's body says immutable")
	}
	m := NewImmutable(mem)
	if !m.Immutable() {
		t.Fatal("NewImmutable's body says mutable")
	}
	if err := iotest.TestReader(NewImmutable(mem), mem); err != nil {
		t.Fatal(err)
	}
	if next := m.Next(4); string(next) != "some" || &next[0] != &mem[0] {
		t.Fatalf("Next(4) = %q, not the memory given", next)
	}
	m.Reset([]byte("other"))
	if m.Immutable() {
		t.Fatal("a body Reset to other bytes still says immutable")
	}
}
