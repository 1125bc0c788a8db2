package jsontext

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"
)

// ValidUTF8 reports whether s is valid UTF-8, as utf8.ValidString does (no surrogates, no
// overlong forms, nothing past U+10FFFF), with a shift-based DFA: a byte's row holds every
// state's successor, and the state is the shift that selects it. The next state depends on
// this one by a shift only (the row is looked up by the byte alone, each byte loaded on its
// own: no shifts to take it out of a word), and a long text is read as two halves at once,
// split where a character starts (valid UTF-8 is valid halves when the cut is at a character's
// first byte; invalid UTF-8 has an invalid half wherever the cut is). ASCII goes eight bytes at
// a time.
func ValidUTF8(s string) bool {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	if len(b) < 256 {
		return utf8Run(0, b) == u8Accept
	}
	mid := len(b) / 2
	for k := 0; k < utf8.UTFMax-1 && b[mid]&0xC0 == 0x80; k++ {
		mid-- // a continuation byte: back to the character's first byte, if it is near
	}
	lo, hi := b[:mid], b[mid:]
	n := min(len(lo), len(hi)) &^ 7
	wlo, whi := lo[:n], hi[:n] // the words read two at a time: one length for both
	var s1, s2 uint64
	for i := 0; i+8 <= len(wlo); i += 8 {
		p, q := (*[8]byte)(wlo[i:i+8]), (*[8]byte)(whi[i:i+8]) // bytes loaded one by one, not shifted out of a word
		if (binary.LittleEndian.Uint64(p[:])|binary.LittleEndian.Uint64(q[:]))&0x8080808080808080 == 0 && s1|s2 == 0 {
			continue // sixteen ASCII bytes between characters
		}
		s1, s2 = utf8Rows[p[0]]>>(s1&63), utf8Rows[q[0]]>>(s2&63)
		s1, s2 = utf8Rows[p[1]]>>(s1&63), utf8Rows[q[1]]>>(s2&63)
		s1, s2 = utf8Rows[p[2]]>>(s1&63), utf8Rows[q[2]]>>(s2&63)
		s1, s2 = utf8Rows[p[3]]>>(s1&63), utf8Rows[q[3]]>>(s2&63)
		s1, s2 = utf8Rows[p[4]]>>(s1&63), utf8Rows[q[4]]>>(s2&63)
		s1, s2 = utf8Rows[p[5]]>>(s1&63), utf8Rows[q[5]]>>(s2&63)
		s1, s2 = utf8Rows[p[6]]>>(s1&63), utf8Rows[q[6]]>>(s2&63)
		s1, s2 = utf8Rows[p[7]]>>(s1&63), utf8Rows[q[7]]>>(s2&63)
	}
	return utf8Run(s1&63, lo[n:]) == u8Accept && utf8Run(s2&63, hi[n:]) == u8Accept
}

// utf8Run is the state after b read from state st.
func utf8Run(st uint64, b []byte) uint64 {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		p := (*[8]byte)(b[i : i+8])
		if binary.LittleEndian.Uint64(p[:])&0x8080808080808080 == 0 && st == 0 {
			continue // eight ASCII bytes between characters
		}
		st = utf8Rows[p[0]] >> (st & 63)
		st = utf8Rows[p[1]] >> (st & 63)
		st = utf8Rows[p[2]] >> (st & 63)
		st = utf8Rows[p[3]] >> (st & 63)
		st = utf8Rows[p[4]] >> (st & 63)
		st = utf8Rows[p[5]] >> (st & 63)
		st = utf8Rows[p[6]] >> (st & 63)
		st = utf8Rows[p[7]] >> (st & 63)
	}
	for ; i < len(b); i++ {
		st = utf8Rows[b[i]] >> (st & 63)
	}
	return st & 63
}

// The states of ValidUTF8's DFA, each a multiple of 6 (its shift in a row).
const (
	u8Accept  = 6 * iota // between characters
	u8Need1              // one continuation byte 80..BF to go
	u8Need2              // two to go
	u8Need3              // three to go
	u8AfterE0            // A0..BF then one (no overlong three-byte form)
	u8AfterED            // 80..9F then one (no surrogate)
	u8AfterF0            // 90..BF then two (no overlong four-byte form)
	u8AfterF4            // 80..8F then two (nothing past U+10FFFF)
	u8Error              // a sink
)

// utf8Rows are ValidUTF8's rows: utf8Rows[b] >> state & 63 is the state after byte b.
var utf8Rows = func() (rows [256]uint64) {
	for b := 0; b < 256; b++ {
		for st := uint64(u8Accept); st <= u8Error; st += 6 {
			rows[b] |= utf8Next(st, byte(b)) << st
		}
	}
	return rows
}()

// utf8Next is the state after byte b in state st (Unicode 15, table 3-7: well-formed UTF-8).
func utf8Next(st uint64, b byte) uint64 {
	cont := b >= 0x80 && b <= 0xBF
	switch st {
	case u8Accept:
		switch {
		case b < 0x80:
			return u8Accept
		case b >= 0xC2 && b <= 0xDF:
			return u8Need1
		case b == 0xE0:
			return u8AfterE0
		case b == 0xED:
			return u8AfterED
		case b >= 0xE1 && b <= 0xEF:
			return u8Need2
		case b == 0xF0:
			return u8AfterF0
		case b >= 0xF1 && b <= 0xF3:
			return u8Need3
		case b == 0xF4:
			return u8AfterF4
		}
	case u8Need1:
		if cont {
			return u8Accept
		}
	case u8Need2:
		if cont {
			return u8Need1
		}
	case u8Need3:
		if cont {
			return u8Need2
		}
	case u8AfterE0:
		if b >= 0xA0 && b <= 0xBF {
			return u8Need1
		}
	case u8AfterED:
		if b >= 0x80 && b <= 0x9F {
			return u8Need1
		}
	case u8AfterF0:
		if b >= 0x90 && b <= 0xBF {
			return u8Need2
		}
	case u8AfterF4:
		if b >= 0x80 && b <= 0x8F {
			return u8Need2
		}
	}
	return u8Error
}
