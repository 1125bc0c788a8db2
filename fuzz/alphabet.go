package fuzz

import (
	"encoding/binary"
	"regexp"
	"unicode/utf8"

	"github.com/cognito-contract/cognito-contract/internal/jsontext"
)

// multibyteCandidates are runes outside ASCII, one or more per Unicode general category the
// model's patterns name (\p{L}, \p{M}, \p{S}, \p{N}, \p{P}, \p{Z}) plus ones no pattern allows
// (a format character). They are tried against each pattern; none is hand-assigned to one.
// U+000B is left out on purpose: Java's \s includes it and Go's does not (contract-facts §2),
// so a verdict on it would test the regexp engine, not the service.
var multibyteCandidates = []rune{
	'é', 'ß', 'Ж', 'あ', '中', '한', // letters (Ll, Lo)
	'\u0301',      // combining acute accent (Mn)
	'€', '©', '∑', // symbols (Sc, So, Sm)
	'٣', '½', // numbers (Nd, No)
	'«', '¿', '—', // punctuation (Pi, Po, Pd)
	'\u00a0', '\u3000', // spaces (Zs)
	'\u2028', // line separator (Zl)
	'\u200b', // zero width space (Cf): no model pattern allows it
	'𝒜', '😀', // outside the BMP: two UTF-16 units each
}

// candidateRunes are every rune tried against a pattern: printable ASCII, tab, newline,
// carriage return, then the multibyte candidates.
var candidateRunes = func() []rune {
	rs := []rune{'\t', '\n', '\r'}
	for r := rune(0x20); r < 0x7f; r++ {
		rs = append(rs, r)
	}
	return append(rs, multibyteCandidates...)
}()

// alphabet is what a model pattern allows, derived by testing candidate runes against the
// compiled regexp.
type alphabet struct {
	// ascii and multibyte are the runes the pattern accepts as a one-rune value, split by
	// encoding; both are empty for a structured pattern (UserPoolIdType, ArnType).
	ascii, multibyte []rune
	// bmp are the multibyte runes inside the Basic Multilingual Plane: safe at a maximum
	// length whether the service counts runes or UTF-16 units.
	bmp []rune
	// denied are candidate runes the pattern rejects: material for pattern violations.
	denied []rune
	// utf8 are ascii, bmp and multibyte encoded once, for the loop that draws runes
	// (stringDraw.block).
	utf8 *alphabetUTF8
	// plain: every rune of ascii and multibyte is written as it is inside a JSON string.
	plain bool
}

// alphabetUTF8 are the encodings of an alphabet's sets, rune by rune in the same order, and
// what a block of runes is drawn from in each of its styles (drawBlock).
type alphabetUTF8 struct {
	ascii, bmp, multibyte []encodedRune
	// styles are the sets of each style (drawBlock's draw of 0 to 3) of a value whose
	// multibyte runes are bmp ([0]: an astral rune could cross the maximum) or multibyte ([1]).
	styles [2][4]runeSets
}

// runeSets are the sets the runes of a block are drawn from: each from set, or from multi
// when mixed and an Intn(3) draw is 0, the first from ascii when there is one.
type runeSets struct {
	ascii, set, multi []encodedRune
	mixed             bool
}

// newAlphabetUTF8 encodes the sets and lists the styles: 0 all multibyte, 1 mixed, else ASCII.
func newAlphabetUTF8(a *alphabet) *alphabetUTF8 {
	e := &alphabetUTF8{ascii: encodeRunes(a.ascii), bmp: encodeRunes(a.bmp), multibyte: encodeRunes(a.multibyte)}
	for astral, multi := range [2][]encodedRune{e.bmp, e.multibyte} {
		for style := range e.styles[astral] {
			s := runeSets{ascii: e.ascii, set: e.ascii, multi: multi, mixed: len(multi) > 0 && style == 1}
			if len(multi) > 0 && style == 0 || len(e.ascii) == 0 {
				s.set = multi
			}
			e.styles[astral][style] = s
		}
	}
	return e
}

// encodedRune is a rune's UTF-8 encoding: its bytes in the low 32 bits, first byte lowest,
// and their count above. Written as four bytes and advanced by the count, it needs no branch
// on the rune's size.
type encodedRune uint64

func encodeRunes(rs []rune) []encodedRune {
	out := make([]encodedRune, len(rs))
	for i, r := range rs {
		var b [utf8.UTFMax]byte
		n := utf8.EncodeRune(b[:], r)
		out[i] = encodedRune(binary.LittleEndian.Uint32(b[:])) | encodedRune(n)<<32
	}
	return out
}

// appendTo appends the rune to buf[:p] where buf has room for four more bytes past p, and
// returns the new length.
func (e encodedRune) appendTo(buf []byte, p int) int {
	binary.LittleEndian.PutUint32(buf[p:p+utf8.UTFMax], uint32(e))
	return p + int(e>>32)
}

// withUTF8 returns a with its sets' encodings, and whether its runes are plain.
func (a alphabet) withUTF8() alphabet {
	a.utf8 = newAlphabetUTF8(&a)
	a.plain = plainTexts(string(a.ascii), string(a.multibyte))
	return a
}

// plainTexts reports whether each of texts is written as it is inside a JSON string (what
// jsontext writes for it is itself): none has a character json.Marshal escapes.
func plainTexts(texts ...string) bool {
	var buf []byte
	for _, s := range texts {
		if buf = jsontext.AppendText(buf[:0], s); string(buf) != s {
			return false
		}
	}
	return true
}

// alphabetOf derives the alphabet of a pattern; a nil regexp allows every candidate.
func alphabetOf(re *regexp.Regexp) alphabet {
	var a alphabet
	for _, r := range candidateRunes {
		if re != nil && !re.MatchString(string(r)) {
			a.denied = append(a.denied, r)
			continue
		}
		switch {
		case r < utf8.RuneSelf:
			a.ascii = append(a.ascii, r)
		case r > 0xFFFF:
			a.multibyte = append(a.multibyte, r)
		default:
			a.multibyte = append(a.multibyte, r)
			a.bmp = append(a.bmp, r)
		}
	}
	return a.withUTF8()
}

// free reports whether any single rune matches: the pattern is a character class repeated,
// so values can be drawn rune by rune.
func (a alphabet) free() bool { return len(a.ascii)+len(a.multibyte) > 0 }

// narrow keeps the runes of a, in order, that keep accepts (denied ones stay as they are).
func (a alphabet) narrow(keep func(rune) bool) alphabet {
	only := func(rs []rune) []rune {
		var out []rune
		for _, x := range rs {
			if keep(x) {
				out = append(out, x)
			}
		}
		return out
	}
	return alphabet{ascii: only(a.ascii), multibyte: only(a.multibyte), bmp: only(a.bmp), denied: a.denied}.withUTF8()
}
