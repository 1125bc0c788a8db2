package contracts

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// The parser's decoding of a string with escapes (unquoteRefuse): the closing quote found
// first, then escapes decoded where they stand and the plain runs between them copied as they
// are scanned (scan_escape_test.go and scan_copy_test.go hold it to the former decoder and to
// byte loops).

// unquoteRefuse is unquoteFrom for the parser (invalid UTF-8 refused) in one pass over the
// text: the closing quote is found first by IndexByte (the first quote after an even run of
// backslashes; an escape never ends in a backslash otherwise), then one loop decodes the text
// into a buffer of the escaped size. An escape is decoded where it stands (a two-byte one by
// shortEscapes, a \uXXXX outside the surrogates inline, its character written in place when it
// takes three bytes, as the fuzzer's escaped U+2028 does, since utf8.EncodeRune calls out for
// every non-ASCII character; any other by escapeRune), and the plain run after it is copied as
// it is scanned: its first word and the wordRun bytes after it (8+wordRun, 40 bytes) a word at
// a time (after a plain first word two words a step, their continuation bytes counted at once
// by continuations2), each word stored whole and the decoded length moved on by its plain
// bytes, up to the next backslash or control character; a run past them ends at the next
// backslash, found by one IndexByte, and is copied 32 bytes a step with its control characters
// looked for (copyChecked), or when it is longCopy bytes or more checked by escapeRun and
// copied by one copy. The UTF-8 is checked afterwards, over the decoded value (why that is
// exact: the comment at the check). A string dense in escapes (the fuzzer's long multibyte
// values with U+2028 written \u2028, a too-long ARN's escape every few characters) so costs no
// restart of a scanner and no copy call per escape.
func unquoteRefuse(src string, start, stop, cont int, high bool) (string, int, int, bool) {
	end := closingQuote(src, start, stop)
	if end < 0 {
		return "", 0, 0, false
	}
	return unquoteTo(src, start, stop, end, cont, high, true)
}

// unquoteTo is unquoteRefuse on a string whose closing quote is at end (closingQuote), its
// value decoded into a buffer of its own (unquoteInto). check false leaves out the UTF-8 check
// of the value: jnode.decoded decodes a text the parser has read and accepted, whose value is
// known to be valid.
func unquoteTo(src string, start, stop, end, cont int, high, check bool) (string, int, int, bool) {
	buf := make([]byte, end-start)
	d, chars, ok := unquoteInto(buf, src, start, stop, end, cont, high, check)
	switch {
	case !ok:
		return "", 0, 0, false
	case d == 0:
		return "", 0, end + 1, true
	}
	return unsafe.String(unsafe.SliceData(buf), d), chars, end + 1, true // buf is not written after this
}

// unquoteInto decodes the string src[start:end] (its plain text up to stop read by scanPlain:
// cont continuation bytes, high when a byte >= 0x80) into buf, which holds at least end-start
// bytes (every byte of it may be written): it returns the value's length in buf and its length
// in characters; ok is false when unquoteRefuse refuses the string (the UTF-8 is checked only
// when check is set).
func unquoteInto(buf []byte, src string, start, stop, end, cont int, high, check bool) (int, int, bool) {
	// An escape of n bytes decodes to at most n bytes: the value fits in the text's size, and
	// a word stored at d while the text has a word left at i stays inside it (d <= i-start).
	buf = buf[:end-start]
	d := copy(buf, src[start:stop])
	b := unsafe.Slice(unsafe.StringData(src), end) // read only: the text before the quote
	var or uint64                                  // the bytes of the runs copied by words
	chars := stop - start - cont
decode:
	for i := stop; i < end; {
		if b[i] != '\\' { // a control character (a quote before end is always escaped)
			return 0, 0, false
		}
		// A backslash before end is followed by the escaped byte before end (src[end] is the
		// quote, which would be escaped by it otherwise).
		if c := shortEscapes[src[i+1]]; c != 0 {
			buf[d] = c
			d, i = d+1, i+2
		} else {
			r := rune(-1) // a \uXXXX escape's code unit, read inline (hexUnit)
			if src[i+1] == 'u' && i+6 <= end {
				r = hexUnit(src[i+2 : i+6])
			}
			switch {
			case r >= 0x800 && !utf16.IsSurrogate(r): // three bytes (U+2028 and its like), written here
				_ = buf[d+2] // the six bytes of the escape hold them
				buf[d], buf[d+1], buf[d+2] = 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F
				d, i = d+3, i+6
			case uint32(r) < 0x800: // below U+0800 (-1, no escape read, is not)
				d, i = d+utf8.EncodeRune(buf[d:], r), i+6
			default:
				var n int
				if r, n = escapeRune(src[i:end]); n == 0 {
					return 0, 0, false
				}
				d, i = d+utf8.EncodeRune(buf[d:], r), i+n
			}
		}
		chars++ // an escape is one character
		if i+8 > end {
			// fewer than eight bytes left
			j, c, o := plainTail(b, i, end)
			d += copy(buf[d:], b[i:j])
			i, chars, or = j, chars+j-i-c, or|o
			continue
		}
		// The run's first word and the wordRun bytes after it, a word at a time and after a
		// plain first word two words a step (runs of a few characters, as a too-long ARN's,
		// stop in the first word or two): the bytes a word stored past its stop byte are
		// written over by what is decoded next.
		w := binary.LittleEndian.Uint64(b[i : i+8])
		binary.LittleEndian.PutUint64(buf[d:d+8], w)
		if m := escapeBits(w); m != 0 {
			k := bits.TrailingZeros64(m) >> 3
			w &= 1<<(8*k) - 1 // the plain bytes before it
			i, d, chars, or = i+k, d+k, chars+k-continuations(w), or|w
			continue
		}
		i, d, chars, or = i+8, d+8, chars+8-continuations(w), or|w
		for lim := min(end, i+wordRun); i+16 <= lim; {
			p, q := (*[16]byte)(b[i:i+16]), (*[16]byte)(buf[d:d+16]) // d+16 <= i-start+16 <= len(buf)
			w0, w1 := binary.LittleEndian.Uint64(p[0:8]), binary.LittleEndian.Uint64(p[8:16])
			binary.LittleEndian.PutUint64(q[0:8], w0)
			binary.LittleEndian.PutUint64(q[8:16], w1)
			if m0, m1 := escapeBits(w0), escapeBits(w1); m0|m1 != 0 {
				if m0 == 0 { // the stop byte is in the second word: the first is plain
					i, d, chars, or = i+8, d+8, chars+8-continuations(w0), or|w0
					w0, m0 = w1, m1
				}
				k := bits.TrailingZeros64(m0) >> 3
				w0 &= 1<<(8*k) - 1 // the plain bytes before it
				i, d, chars, or = i+k, d+k, chars+k-continuations(w0), or|w0
				continue decode
			}
			i, d, chars, or = i+16, d+16, chars+16-continuations2(w0, w1), or|w0|w1
		}
		// A longer run (the fuzzer's multibyte values have an escape every hundred bytes or
		// so): every quote before end is escaped, so it ends at the next backslash, or a
		// control character before it refuses the string.
		k := end
		if j := strings.IndexByte(src[i:end], '\\'); j >= 0 {
			k = i + j
		}
		var c int
		var o uint64
		if k-i >= longCopy { // printable ASCII goes 64 bytes a test in escapeRun
			var j int
			if j, c, o = escapeRun(b, i, k); j < k {
				return 0, 0, false
			}
			d += copy(buf[d:], b[i:k])
		} else {
			var ctl uint64
			if d, c, o, ctl = copyChecked(buf, d, b, i, k); ctl&msb != 0 {
				return 0, 0, false
			}
		}
		i, chars, or = k, chars+k-i-c, or|o
	}
	// The UTF-8 is checked over the value, which is shorter than the text (a \u2028 escape is
	// three bytes of it, not six): each escape decodes to one whole character (escapeRune's
	// U+FFFD for a lone surrogate), the text's to ASCII, so both are UTF-8 exactly when each
	// plain run between escapes is (a run ending inside a character meets the escape's
	// character's first byte or an ASCII byte; a run starting with a continuation byte follows
	// a whole character). d-chars, the continuation bytes of the value, tells checkUTF8 how
	// dense the multibyte characters are (either way its answer is exact).
	if check && d > 0 && (high || or&msb != 0) && !checkUTF8(unsafe.String(unsafe.SliceData(buf), d), d-chars) {
		return 0, 0, false
	}
	return d, chars, true
}

// copyChecked copies the plain run b[i:k] (no backslash and no quote: k is the next backslash
// or the closing quote, and b holds the text up to that quote) to buf[d:], 32 bytes a step
// while they last, then a word at a time, the last few bytes as the word that holds them when
// the text has eight bytes left at i (its bytes past k are written over by what is decoded
// next), else byte by byte. It returns where the copy ends in buf, the run's continuation
// bytes, the OR of its bytes and, in the high bit of a byte of ctl, whether it holds a control
// character (the run then refuses its string: unquoteRefuse does not read on, so where that
// character is plays no part). Each word's control test is exact as a yes/no (control), so
// their OR is. The caller keeps d <= i-start as unquoteRefuse does, so every stored word is
// inside buf.
func copyChecked(buf []byte, d int, b []byte, i, k int) (int, int, uint64, uint64) {
	var cont int
	var or, ctl uint64
	for ; i+32 <= k; i, d = i+32, d+32 {
		p, q := (*[32]byte)(b[i:i+32]), (*[32]byte)(buf[d:d+32])
		w0, w1 := binary.LittleEndian.Uint64(p[0:8]), binary.LittleEndian.Uint64(p[8:16])
		w2, w3 := binary.LittleEndian.Uint64(p[16:24]), binary.LittleEndian.Uint64(p[24:32])
		binary.LittleEndian.PutUint64(q[0:8], w0)
		binary.LittleEndian.PutUint64(q[8:16], w1)
		binary.LittleEndian.PutUint64(q[16:24], w2)
		binary.LittleEndian.PutUint64(q[24:32], w3)
		ctl |= controlBits(w0) | controlBits(w1) | controlBits(w2) | controlBits(w3)
		or |= w0 | w1 | w2 | w3
		cont += continuations4(w0, w1, w2, w3)
	}
	for ; i+8 <= k; i, d = i+8, d+8 {
		w := binary.LittleEndian.Uint64(b[i : i+8])
		binary.LittleEndian.PutUint64(buf[d:d+8], w)
		ctl |= controlBits(w)
		or |= w
		cont += continuations(w)
	}
	n := k - i
	switch {
	case n == 0:
	case i+8 <= len(b): // the word holding the run's last bytes, stored whole
		w := binary.LittleEndian.Uint64(b[i : i+8])
		binary.LittleEndian.PutUint64(buf[d:d+8], w)
		plain := uint64(1)<<(8*n) - 1
		ctl |= controlBits(w | ^plain) // the bytes past k as 0xFF, which is no control character
		w &= plain
		or |= w
		cont += continuations(w)
		d += n
	default: // fewer than eight bytes left before the quote
		j, c, o := plainTail(b, i, k)
		if j < k {
			ctl |= msb
		}
		d += copy(buf[d:], b[i:k])
		or, cont = or|o, cont+c
	}
	return d, cont, or, ctl
}

// continuations2 is continuations(w0)+continuations(w1), counted at once (as continuations4
// does four words): the second word's flags moved to bit 6 of their bytes.
func continuations2(w0, w1 uint64) int {
	return bits.OnesCount64(w0&msb&^(w0<<1) | (w1&msb&^(w1<<1))>>1)
}

const (
	// wordRun is how many bytes of a plain run after an escape unquoteRefuse copies two words a
	// step after the run's first word (8+wordRun bytes a word at a time in all), testing each
	// for its stop byte, before it searches for the run's end: a too-long ARN's runs of a few
	// characters end within them, and a search call costs more than such a run's words.
	wordRun = 32
	// longCopy is how long a run past wordRun must be for unquoteRefuse to check it by
	// escapeRun and copy it by one copy call rather than copy and check it in one loop
	// (copyChecked): long runs of printable ASCII pass escapeRun's test 64 bytes at a time.
	longCopy = 256
)

// shortEscapes is what each two-byte escape decodes to (\" \\ \/ \b \f \n \r \t, RFC 8259
// §7; as escapeRune reads them), 0 for any other byte after a backslash (\u and what JSON does
// not have).
var shortEscapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// escapeRun reads the plain run b[i:k] of a string (k is the next backslash, or the closing
// quote, every quote before which is escaped) up to its first control character: it returns
// where it stopped (k when the run holds none), the continuation bytes passed and the OR of
// the bytes passed, as scanPlain does over the run. unquoteRefuse reads its long runs with it,
// the run's end found by one IndexByte; scanPlain's long scan looks for a quote as well,
// window by window, which in a long value with escapes every hundred bytes or so (the fuzzer's
// multibyte values, U+2028 escaped) reads a whole window past every run.
func escapeRun(b []byte, i, k int) (int, int, uint64) {
	i, c, or := plainRun(b, i, k)
	i, c2, o := plainTail(b, i, k) // fewer than eight bytes, or the word holding a control character
	return i, c + c2, or | o
}

// closingQuote is the index of the quote that ends a string whose text starts at src[start]
// and holds no backslash before src[from]: the first quote after an even number of
// backslashes (each pair is one escaped backslash); -1 when there is none.
func closingQuote(src string, start, from int) int {
	for j := from; ; {
		k := strings.IndexByte(src[j:], '"')
		if k < 0 {
			return -1
		}
		q := j + k
		n := 0
		for q-n-1 >= start && src[q-n-1] == '\\' {
			n++
		}
		if n%2 == 0 {
			return q
		}
		j = q + 1
	}
}
