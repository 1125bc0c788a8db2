package contracts

import (
	"encoding/binary"
	"strings"
)

// Long string values (the fuzzer stretches them to hundreds of kilobytes) are read window by
// window: the window's first quote and backslash are found by IndexByte, and the text before
// them is only checked for control characters and counted, 32 bytes per test where it is
// printable ASCII (scan_test.go holds scanString to encoding/json, TestPlainRunIsBytewise the
// run to a byte loop).

const (
	// longRun is how many bytes scanPlain reads word by word before it takes a string for a
	// long one.
	longRun = 64
	// runWindow is how far one IndexByte looks: a string dense in escapes then costs no search
	// to its far end per escape.
	runWindow = 1024
)

// printable4 reports whether every byte of four little-endian words is printable ASCII (0x20
// to 0x7F). Exact for each word: with no byte below 0x20 the subtraction borrows nowhere, and
// the lowest byte below 0x20 gets its high bit set by it.
func printable4(w0, w1, w2, w3 uint64) bool {
	return ((w0-lsb*0x20)|w0|(w1-lsb*0x20)|w1|(w2-lsb*0x20)|w2|(w3-lsb*0x20)|w3)&msb == 0
}

// control reports whether a little-endian word holds a byte below 0x20 (exact as a yes/no).
func control(w uint64) bool { return (w-lsb*0x20)&^w&msb != 0 }

// scanLong is scanPlain past the first longRun bytes: it returns where a byte-wise scan of
// b[i:] must go on from (at most seven plain bytes before a stop byte, or the word holding a
// control character), the continuation bytes passed and the OR of the words passed.
func scanLong(src string, b []byte, i int) (int, int, uint64) {
	var cont int
	var or uint64
	for i+8 <= len(b) {
		win := src[i:min(len(src), i+runWindow)]
		end := i + len(win)
		if q := strings.IndexByte(win, '"'); q >= 0 {
			end = i + q
		}
		if k := strings.IndexByte(src[i:end], '\\'); k >= 0 {
			end = i + k
		}
		next, c, o := plainRun(b, i, end)
		cont, or = cont+c, or|o
		if end < i+len(win) || next+8 <= end || end == len(b) {
			return next, cont, or // a stop byte, a control character or the end of the text
		}
		i = next // the window was plain: the next one starts at the bytes not yet read
	}
	return i, cont, or
}

// plainRun reads b[i:end], which holds no quote and no backslash, eight bytes at a time up to
// the first word holding a control character, or until fewer than eight bytes are left; it
// returns where it stopped, the continuation bytes passed and the OR of the words passed.
func plainRun(b []byte, i, end int) (int, int, uint64) {
	var cont int
	var or uint64
	for i+32 <= end {
		w0, w1 := binary.LittleEndian.Uint64(b[i:]), binary.LittleEndian.Uint64(b[i+8:])
		w2, w3 := binary.LittleEndian.Uint64(b[i+16:]), binary.LittleEndian.Uint64(b[i+24:])
		if printable4(w0, w1, w2, w3) {
			i += 32
			continue
		}
		for k := 0; k < 4; k++ {
			w := binary.LittleEndian.Uint64(b[i:])
			if control(w) {
				return i, cont, or
			}
			or |= w
			cont += continuations(w)
			i += 8
		}
	}
	for ; i+8 <= end; i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		if control(w) {
			break
		}
		or |= w
		cont += continuations(w)
	}
	return i, cont, or
}
