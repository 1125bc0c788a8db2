package contracts

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"
)

// runeCount counts characters; ASCII strings (the usual case) are counted by their length,
// eight bytes at a time.
func runeCount(s string) int64 {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&msb != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return int64(i + utf8.RuneCountInString(s[i:]))
		}
	}
	return int64(len(s))
}

// wellFormedChars counts the characters of valid UTF-8 (utf8.RuneCountInString's answer for
// it): the bytes that are not continuation bytes (10xxxxxx), eight bytes at a time. For
// invalid UTF-8 it answers something else: a stray continuation byte is a character there.
func wellFormedChars(s string) int64 {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	cont, i := 0, 0
	for ; i+8 <= len(b); i += 8 {
		cont += continuations(binary.LittleEndian.Uint64(b[i:]))
	}
	for ; i < len(b); i++ {
		if b[i]&0xC0 == 0x80 {
			cont++
		}
	}
	return int64(len(b) - cont)
}

// countWithin reports whether a text of size bytes has a character count within b whatever
// its bytes are: it has between ceil(size/utf8.UTFMax) characters (each of the longest) and
// size (each one byte, an invalid byte counting as one, as utf8.RuneCountInString counts), so
// bounds finds nothing when both ends are in b (nil b bounds nothing). shapeWalk.str counts
// the characters only when this cannot tell.
func countWithin(b *Bounds, size int) bool {
	return !b.breaks(int64((size+utf8.UTFMax-1)/utf8.UTFMax), int64(size))
}

// outside reports whether a count (characters or entries) breaks @length; nil bounds nothing.
func (b *Bounds) outside(n int64) bool { return b.breaks(n, n) }

// breaks reports whether some count from lo to hi (lo <= hi) breaks @length: hi is above its
// maximum or lo below its minimum; nil bounds nothing. Bounds read from a model compare with
// the integer limits worked out then (boundInts; an unbounded side's is the int64 extreme, which
// no count passes); others round Min and Max now.
func (b *Bounds) breaks(lo, hi int64) bool {
	if b == nil {
		return false
	}
	if x := &b.ints; x.read {
		return hi > x.hi || lo < x.lo
	}
	max, hasMax := b.roundMax()
	min, hasMin := b.roundMin()
	return hasMax && hi > max || hasMin && lo < min
}
