package contracts

import (
	"encoding/binary"
	"math/bits"
	"strings"
)

// Long string values (the fuzzer stretches them to hundreds of kilobytes) are read window by
// window: the window's first quote and backslash are found by IndexByte, and the text before
// them is only checked for control characters and counted, 64 bytes a step (two 32-byte tests)
// where it is printable ASCII, then 32 (scan_test.go holds scanString to encoding/json,
// TestScanPlainIsBytewise the scan, plainRun included, to a byte loop).

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
func control(w uint64) bool { return controlBits(w) != 0 }

// controlBits is control's test as bits: the high bit of the lowest byte below 0x20 and maybe of
// bytes above it (a borrow from it), none when there is no such byte.
func controlBits(w uint64) uint64 { return (w - lsb*0x20) &^ w & msb }

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
// Printable ASCII (the fuzzer's huge values are runs of one letter) goes 64 bytes a step (two
// 32-byte tests, printable32) while it lasts, then 32; a 32-byte chunk that is not printable
// ASCII but holds no control character (multibyte text: the fuzzer's URLs and long values) is
// passed whole too, its continuation bytes counted by one population count (continuations4),
// and only a chunk with a control character word by word. Each chunk is sliced once, so its
// words cost no bounds check each.
func plainRun(b []byte, i, end int) (int, int, uint64) {
	var cont int
	var or uint64
	for i+64 <= end {
		c := (*[64]byte)(b[i : i+64])
		if !printable32((*[32]byte)(c[:32])) || !printable32((*[32]byte)(c[32:])) {
			break
		}
		i += 64
	}
	for i+32 <= end {
		c := (*[32]byte)(b[i : i+32])
		w0, w1, w2, w3 := binary.LittleEndian.Uint64(c[0:8]), binary.LittleEndian.Uint64(c[8:16]),
			binary.LittleEndian.Uint64(c[16:24]), binary.LittleEndian.Uint64(c[24:32])
		if printable4(w0, w1, w2, w3) {
			i += 32
			continue
		}
		if !control(w0) && !control(w1) && !control(w2) && !control(w3) { // multibyte text: one count
			or |= w0 | w1 | w2 | w3
			cont += continuations4(w0, w1, w2, w3)
			i += 32
			continue
		}
		for k := 0; k < 32; k += 8 {
			w := binary.LittleEndian.Uint64(c[k : k+8])
			if control(w) {
				return i + k, cont, or
			}
			or |= w
			cont += continuations(w)
		}
		i += 32
	}
	for ; i+8 <= end; i += 8 {
		w := binary.LittleEndian.Uint64(b[i : i+8])
		if control(w) {
			break
		}
		or |= w
		cont += continuations(w)
	}
	return i, cont, or
}

// continuations4 is the sum of continuations over four words, counted at once: each word's
// continuation flags (bit 7 of a byte) moved to bits 0 to 3 of their bytes, so that one
// population count takes all four.
func continuations4(w0, w1, w2, w3 uint64) int {
	c0, c1, c2, c3 := w0&msb&^(w0<<1), w1&msb&^(w1<<1), w2&msb&^(w2<<1), w3&msb&^(w3<<1)
	return bits.OnesCount64(c0>>7 | c1>>6 | c2>>5 | c3>>4)
}

// printable32 is printable4 on the four little-endian words of c.
func printable32(c *[32]byte) bool {
	return printable4(binary.LittleEndian.Uint64(c[0:8]), binary.LittleEndian.Uint64(c[8:16]),
		binary.LittleEndian.Uint64(c[16:24]), binary.LittleEndian.Uint64(c[24:32]))
}
