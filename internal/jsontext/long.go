package jsontext

import (
	"slices"
	"unicode/utf8"
)

// longPiece is how many bytes of a long string AppendLongStringFrom escapes at a time.
const longPiece = 64 << 10

// LongRoom is the room s takes in AppendLongStringFrom(dst, s, plain) unless its escapes
// outgrow it, with plain, the length of s's longest prefix of plain ASCII bytes (written as
// they are: plainPrefix): those bytes, Room's for the rest (an eighth more for escapes) and the
// quotes. A caller that makes the room itself (the emulator's error document, allocated once)
// reads the prefix once and hands its length on; a long value of plain ASCII (a too-long ARN or
// enum value) then takes its own length instead of an eighth more.
func LongRoom(s string) (room, plain int) {
	plain = plainPrefix(s)
	return plain + Room(s[plain:]), plain
}

// AppendLongStringFrom is AppendString(dst, s) for a string that may be long and dense in
// escapes (a request value of up to a body size limit quoted whole), where AppendString's
// Room, an eighth more than the string's bytes, is outgrown and dst would then grow by a
// quarter at each of append's growths. dst has LongRoom(s) free bytes and plain is the length
// of a prefix of s of plain ASCII bytes (LongRoom's): that prefix is copied as it is, not read
// again. The rest is escaped a piece of 64 KB at a time (appendTextPieces), and when the next
// piece may not fit at the rate of the text so far, dst grows once to that rate's projection
// of the rest: a string of dense escapes (a value of '<' and U+2028) is copied once or twice.
// The bytes are AppendString's.
//
// It is not AppendString's own long-string path: into a dst without a free byte, the opening
// quote is appended before the first growth, so a long string of few escapes costs two
// allocations instead of AppendString's one (measured as the former AppendLongString, this path
// with no prefix: 320 KB of plain ASCII, 1 -> 2), which AppendString's other callers (the
// fuzzer's long bodies) would pay; dense escapes cost fewer (360 KB of '<', U+2028, '>', '&',
// '"': 7 -> 3).
func AppendLongStringFrom(dst []byte, s string, plain int) []byte {
	return appendLongFrom(dst, s, plain, longPiece)
}

// appendLongFrom is AppendLongStringFrom with the piece size of appendTextPieces.
func appendLongFrom(dst []byte, s string, plain, piece int) []byte {
	dst = append(append(dst, '"'), s[:plain]...)
	return append(appendTextPieces(dst, s[plain:], piece), '"')
}

// appendTextPieces is AppendText(b, msg) for b with Room(msg) free bytes (less the quotes'). A
// message longer than piece bytes is escaped a piece at a time, each piece cut where no
// character spans the cut (pieceEnd), so that the pieces' texts are the whole's. When the next
// piece may not fit at the rate of the text so far (written per byte escaped), b grows once to
// that rate's projection of the rest instead of at each of append's growths by a quarter.
func appendTextPieces(b []byte, msg string, piece int) []byte {
	if len(msg) <= piece {
		return AppendText(b, msg)
	}
	start := len(b)
	for i := 0; i < len(msg); {
		end := pieceEnd(msg, min(i+piece, len(msg)))
		// The room the piece and the rest need at Room's rate, or at the rate so far when higher.
		need, rest := Room(msg[i:end]), Room(msg[i:])
		if i > 0 {
			need = max(need, projected(len(b)-start, i, end-i)+2)
			rest = max(rest, projected(len(b)-start, i, len(msg)-i)+need)
		}
		if cap(b)-len(b) < need {
			b = slices.Grow(b, rest)
		}
		b = AppendText(b, msg[i:end])
		i = end
	}
	return b
}

// projected is what n more bytes escape to at the rate of written bytes for read bytes.
func projected(written, read, n int) int { return int(int64(written) * int64(n) / int64(read)) }

// pieceEnd is where appendTextPieces cuts s at or before o (o-utf8.UTFMax+1 at the least): before
// the last byte of s[o-3:o+1] that starts a character, so no character of valid UTF-8 spans
// the cut, and an invalid byte is read alone on either side as in the whole (\ufffd each). When
// none of those four bytes starts one (continuation bytes only), no character spans o itself:
// one that held s[o-1] and s[o] would begin before s[o-3] and be five bytes long.
func pieceEnd(s string, o int) int {
	if o >= len(s) {
		return len(s)
	}
	for c := o; c > o-utf8.UTFMax; c-- {
		if utf8.RuneStart(s[c]) {
			return c
		}
	}
	return o
}
