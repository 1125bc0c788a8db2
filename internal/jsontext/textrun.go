package jsontext

import "unicode/utf8"

// textRun reads s from i in state st with textRows and returns the index of the byte it stops
// at (len(s) when none) and the state before that byte, never tStop. In tPlain (between
// characters) a word of plain ASCII is skipped whole (plainWord); other bytes take a step of the
// DFA each, a table load and a shift, eight to a round. The test for tStop after each step is
// off the chain of shifts, the only dependence from byte to byte.
//
// Measured against it and not taken (scratch code, each side's fastest of 300 runs in one loop,
// on BenchmarkAppendText's values): a test for tStop once per four bytes, the four read again
// from the saved state on a stop (externalid 1.08, dense 1.15, sparse 1.18, kana and mixed
// 0.98-0.99 of textRun's time); the text's two halves stepped together, as ValidUTF8 steps them,
// with the second half's stops recorded (the scan alone 1.32-1.42); and, for a text known to be
// valid UTF-8 (a prediction's message), no DFA but a search eight bytes at a time for the bytes
// that stop it, the ASCII bytes to escape and E2 80 A8/A9 (U+2028, U+2029), by zero-byte tests
// on the word and on it shifted by one and two bytes (about 30 operations a word and their
// 64-bit constants loaded in the loop: externalid 1.14, mixed 1.30, plain 1.63 of AppendText's
// time; stopping at every E2 instead, which a multibyte text of dashes and zero-width spaces
// holds every ten bytes: externalid 1.36, mixed 1.47).
func textRun(s string, i int, st uint64) (int, uint64) {
	for i+8 <= len(s) {
		w := s[i : i+8]
		if st == tPlain {
			if x := word(w); x&0x80 == 0 && plainWord(x) { // the first byte ASCII: worth the test
				i += 8
				continue
			}
		}
		t0 := textRows[w[0]] >> (st & 63)
		if uint8(t0)&63 == tStop {
			return i, st
		}
		t1 := textRows[w[1]] >> (t0 & 63)
		if uint8(t1)&63 == tStop {
			return i + 1, t0 & 63
		}
		t2 := textRows[w[2]] >> (t1 & 63)
		if uint8(t2)&63 == tStop {
			return i + 2, t1 & 63
		}
		t3 := textRows[w[3]] >> (t2 & 63)
		if uint8(t3)&63 == tStop {
			return i + 3, t2 & 63
		}
		t4 := textRows[w[4]] >> (t3 & 63)
		if uint8(t4)&63 == tStop {
			return i + 4, t3 & 63
		}
		t5 := textRows[w[5]] >> (t4 & 63)
		if uint8(t5)&63 == tStop {
			return i + 5, t4 & 63
		}
		t6 := textRows[w[6]] >> (t5 & 63)
		if uint8(t6)&63 == tStop {
			return i + 6, t5 & 63
		}
		t7 := textRows[w[7]] >> (t6 & 63)
		if uint8(t7)&63 == tStop {
			return i + 7, t6 & 63
		}
		st = t7 & 63
		i += 8
	}
	for ; i < len(s); i++ {
		t := textRows[s[i]] >> st & 63
		if t == tStop {
			break
		}
		st = t
	}
	return i, st
}

// The states of textRun's DFA, each a multiple of 6: the shift that selects its successor in a
// byte's row of textRows. tStop is 0, a sink whose field is zero in every row; tAfterE280 is
// 60, whose field has four bits only: its successors, tStop and tPlain, fit (textRows checks).
const (
	tStop      = 6 * iota // a byte not written as it is: textRun stops before it
	tPlain                // between characters
	tNeed1                // one continuation byte 80..BF to go
	tNeed2                // two to go
	tNeed3                // three to go
	tAfterE0              // A0..BF then one (no overlong three-byte form)
	tAfterED              // 80..9F then one (no surrogate)
	tAfterF0              // 90..BF then two (no overlong four-byte form)
	tAfterF4              // 80..8F then two (nothing past U+10FFFF)
	tAfterE2              // 80 then tAfterE280, 81..BF then one
	tAfterE280            // 80..BF but A8 and A9 (U+2028 and U+2029 are escaped)
)

// textRows are textRun's rows: textRows[b] >> state & 63 is the state after byte b.
var textRows = func() (rows [256]uint64) {
	for b := 0; b < 256; b++ {
		for st := uint64(tPlain); st <= tAfterE280; st += 6 {
			next := textNext(st, byte(b))
			if st+6 > 64 && next>>(64-st) != 0 {
				panic("jsontext: a successor of the last state does not fit its field")
			}
			rows[b] |= next << st
		}
	}
	return rows
}()

// textNext is the state after byte b in state st: well-formed UTF-8 (Unicode 15, table 3-7,
// as utf8.DecodeRuneInString reads it: ValidUTF8's automaton, utf8Next), of which plain ASCII
// (plainASCII) and every multibyte character but U+2028 and U+2029 (E2 80 A8, E2 80 A9) pass.
// The states tPlain..tAfterF4 are utf8Next's u8Accept..u8AfterF4 one state further on (the
// same order, tStop taking u8Error's place before them); tAfterE2 and tAfterE280 are its
// u8Need2 and u8Need1 for the lead E2 and then 80, where U+2028 and U+2029 are told apart.
func textNext(st uint64, b byte) uint64 {
	switch {
	case st == tPlain && b < utf8.RuneSelf:
		if plainASCII[b] {
			return tPlain
		}
		return tStop
	case st == tPlain && b == 0xE2:
		return tAfterE2
	case st == tAfterE2:
		if b == 0x80 {
			return tAfterE280
		}
		return textState(utf8Next(u8Need2, b))
	case st == tAfterE280:
		if b&^1 == 0xA8 {
			return tStop
		}
		return textState(utf8Next(u8Need1, b))
	}
	return textState(utf8Next(st-tPlain+u8Accept, b))
}

// textState is textRun's state for utf8Next's state u: u8Error is tStop.
func textState(u uint64) uint64 {
	if u == u8Error {
		return tStop
	}
	return u - u8Accept + tPlain
}
