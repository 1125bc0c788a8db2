package contracts

// The error body of an answer checked against a prediction (check): its message is compared
// with the predicted one in its escaped form, as the body carries it, instead of being
// unescaped first. A ~340 KB InvalidParameterException quoting a 300k-character value is then
// one comparison of the body's bytes with the prediction's, no copy of either.

import (
	"encoding/binary"
	"math/bits"
	"net/http"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// errorCodeFor is errorCode for an answer checked against a prediction: want is the predicted
// message ("" when none is asserted), reads tells whether the check reads the message of an
// answer with this code (checkOutcome: to compare it or to show it in a finding). The code and
// object are errorCode's; so is the message when reads says it is read, else it is "". When the
// message decodes to want exactly, the message returned is want itself and the body's is never
// unescaped; when it is not read, it is checked and never unescaped. A body the flat read does
// not take (readFlatErrorBody: a duplicate member the client reads, a member name with an
// escape, a message that is not a string, ...) and a message that is read and is not want are
// read by errorCode, whose answer stands.
func errorCodeFor(h http.Header, body []byte, want string, reads func(code string) bool) (code, message string, object bool) {
	if typ, alt, read, ok := readFlatErrorBody(body); ok {
		if h != nil {
			code = h.Get("X-Amzn-Errortype") // as errorCode reads it
		}
		if code == "" {
			code = typ
		}
		if code == "" {
			code = alt
		}
		code = SanitizeErrorCode(code)
		if !reads(code) {
			if validEscaped(read) {
				return code, "", true
			}
		} else if want != "" && sameEscaped(read, want) {
			return code, want, true
		}
	}
	return errorCode(h, body)
}

// readFlatErrorBody reads an error body that is one JSON object whose members are read in one
// pass: __type and code (strings), message and Message (strings, kept in their escaped form),
// any other member checked as a value. ok is true only when the body is valid JSON (what
// encoding/json accepts, UTF-8 included) but for read, the escaped text of the message a client
// reads ("message", else "Message", as errorCode chooses), which is left to the caller to check
// (sameEscaped, validEscaped); typ and alt are then __type and code as errorCode reads them. The
// strings returned may share body's memory: they live as long as the check that reads them,
// during which body does not change.
func readFlatErrorBody(body []byte) (typ, alt, read string, ok bool) {
	src := unsafe.String(unsafe.SliceData(body), len(body)) // read only
	d := nodeDecoder{src: src, b: body}
	d.ws()
	if d.i >= len(src) || src[d.i] != '{' {
		return "", "", "", false
	}
	d.i++
	d.ws()
	var msg, Msg string // the escaped texts of message and Message
	var seen uint8      // which of __type, code, message, Message were read (a duplicate: not flat)
	for first := true; ; first = false {
		if d.i < len(src) && src[d.i] == '}' && first {
			break
		}
		name, ok := d.flatName()
		if !ok {
			return "", "", "", false
		}
		bit := flatMember(name)
		if bit != 0 && seen&bit != 0 {
			return "", "", "", false
		}
		seen |= bit
		switch bit {
		case 0:
			ok = d.skipValue(1)
		case flatType, flatCode:
			var s string // "" for any other value, as jstring reads it
			if d.i < len(src) && src[d.i] == '"' {
				s, _, ok = d.str()
			} else {
				ok = d.skipValue(1)
			}
			if bit == flatType {
				typ = s
			} else {
				alt = s
			}
		default:
			var raw string
			raw, ok = d.rawString()
			if bit == flatMessage {
				msg = raw
			} else {
				Msg = raw
			}
		}
		if !ok {
			return "", "", "", false
		}
		d.ws()
		if d.i < len(src) && src[d.i] == ',' {
			d.i++
			d.ws()
			continue
		}
		if d.i < len(src) && src[d.i] == '}' {
			break
		}
		return "", "", "", false
	}
	d.i++
	d.ws()
	if d.i != len(src) {
		return "", "", "", false
	}
	read, other := msg, Msg // an escaped text is empty exactly when its value is
	if read == "" {
		read, other = Msg, msg
	}
	if other != "" && !validEscaped(other) {
		return "", "", "", false
	}
	return typ, alt, read, true
}

// The members of an error body a client reads (errorFields), as bits.
const (
	flatType uint8 = 1 << iota
	flatCode
	flatMessage
	flatMessageUpper
)

func flatMember(name string) uint8 {
	switch name {
	case "__type":
		return flatType
	case "code":
		return flatCode
	case "message":
		return flatMessage
	case "Message":
		return flatMessageUpper
	}
	return 0
}

// flatName reads a member name and its colon: printable ASCII without escapes only (any other
// name is left to errorCode).
func (d *nodeDecoder) flatName() (string, bool) {
	if d.i >= len(d.src) || d.src[d.i] != '"' {
		return "", false
	}
	start := d.i + 1
	q := strings.IndexByte(d.src[start:], '"')
	if q < 0 {
		return "", false
	}
	name := d.src[start : start+q]
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c >= utf8.RuneSelf || c == '\\' {
			return "", false
		}
	}
	d.i = start + q + 1
	d.ws()
	if d.i >= len(d.src) || d.src[d.i] != ':' {
		return "", false
	}
	d.i++
	d.ws()
	return name, true
}

// rawString finds the end of a string token at d.i (a quote not escaped) and returns its text
// between the quotes, unchecked. Anything but a string is left to errorCode.
func (d *nodeDecoder) rawString() (string, bool) {
	if d.i >= len(d.src) || d.src[d.i] != '"' {
		return "", false
	}
	start := d.i + 1
	for from := start; ; {
		q := strings.IndexByte(d.src[from:], '"')
		if q < 0 {
			return "", false
		}
		q += from
		k := q
		for k > start && d.src[k-1] == '\\' {
			k--
		}
		if (q-k)%2 == 0 {
			d.i = q + 1
			return d.src[start:q], true
		}
		from = q + 1
	}
}

// validEscaped reports whether raw, the text between a string token's quotes, is one decodeNode
// reads: no control character, no quote but escaped, valid escapes, valid UTF-8 (what
// skipString accepts), read run by run in place.
func validEscaped(raw string) bool {
	b := unsafe.Slice(unsafe.StringData(raw), len(raw)) // read only
	for k := 0; ; {
		next, high := plainEnd(b, k)
		if high && !validUTF8(raw[k:next]) {
			return false
		}
		if next == len(raw) {
			return true
		}
		if raw[next] != '\\' {
			return false // a control character or a quote
		}
		n := escapeLen(raw[next:])
		if n == 0 {
			return false
		}
		k = next + n
	}
}

// sameEscaped reports whether raw, the text between a string token's quotes (found by
// rawString), is valid JSON that decodes to want exactly, as encoding/json unquotes it (a lone
// surrogate is U+FFFD). false also when want holds a backslash or is not valid UTF-8: the
// caller then decodes raw and compares the values.
//
// One pass reads both texts, eight bytes at a time while they are equal (equalRun, which finds
// the byte where they part in the word that differs); there raw must hold an escape whose
// character is want's next one. A run of raw compared equal to want holds no backslash (want
// holds none: strings.IndexByte, vectorized, before the pass) and no control character
// (equalRun and the byte loop check the bytes they pass; one of want's is matched by raw's
// escape), and is whole characters of want: an escape's character is a whole rune starting at
// one of want's rune boundaries. So raw is valid when want is, which is checked last
// (validUTF8), and only when a byte of the equal runs is not ASCII: want's other bytes are the
// escapes' characters, written here from their code points.
func sameEscaped(raw, want string) bool {
	if strings.IndexByte(want, '\\') >= 0 {
		return false
	}
	rb := unsafe.Slice(unsafe.StringData(raw), len(raw))   // read only
	wb := unsafe.Slice(unsafe.StringData(want), len(want)) // read only
	i, j := 0, 0
	var seen uint64 // the bytes of the equal runs, or-ed
	for {
		var ctl bool
		if i, j, ctl = equalRun(rb, wb, i, j, &seen); ctl {
			return false
		}
		for i < len(rb) && j < len(wb) && rb[i] == wb[j] {
			if rb[i] < 0x20 {
				return false
			}
			seen |= uint64(rb[i])
			i++
			j++
		}
		if i == len(rb) {
			return j == len(wb) && (seen&0x8080808080808080 == 0 || validUTF8(want))
		}
		if rb[i] != '\\' {
			return false
		}
		if r := hex4(raw[i:]); r >= 0 && !utf16.IsSurrogate(r) { // \uXXXX, the usual escape: inline
			i += 6
			var ok bool
			switch {
			case r < utf8.RuneSelf:
				ok = j < len(wb) && wb[j] == byte(r)
				j++
			case r < 0x800:
				ok = len(wb)-j >= 2 && wb[j] == 0xC0|byte(r>>6) && wb[j+1] == 0x80|byte(r)&0x3F
				j += 2
			default:
				ok = len(wb)-j >= 3 && wb[j] == 0xE0|byte(r>>12) && wb[j+1] == 0x80|byte(r>>6)&0x3F && wb[j+2] == 0x80|byte(r)&0x3F
				j += 3
			}
			if !ok {
				return false
			}
			continue
		}
		r, n := escapeRune(raw[i:])
		if n == 0 {
			return false
		}
		i += n
		if r < utf8.RuneSelf {
			if j >= len(wb) || wb[j] != byte(r) {
				return false
			}
			j++
			continue
		}
		var enc [utf8.UTFMax]byte
		size := utf8.EncodeRune(enc[:], r)
		if len(wb)-j < size || string(enc[:size]) != want[j:j+size] {
			return false
		}
		j += size
	}
}

// equalRun compares rb from i with wb from j eight bytes at a time and returns where they first
// differ (the first byte whose xor is not zero, found in the word that differs), or where less
// than a word is left of either; the bytes passed are or-ed into seen, and ctl tells whether one
// of them is a control character (a byte below 0x20 sets its top bit when 0x20 is subtracted
// from each; a borrow only ever sets one above a byte that does, so masking the bytes before
// the difference keeps it exact for "any").
func equalRun(rb, wb []byte, i, j int, seen *uint64) (int, int, bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var all, below uint64
	r, w := rb[i:], wb[j:]
	m := min(len(r), len(w))
	r, w = r[:m], w[:m]
	n := 0
	for ; n+8 <= m; n += 8 {
		x := binary.LittleEndian.Uint64(r[n : n+8])
		if d := x ^ binary.LittleEndian.Uint64(w[n:n+8]); d != 0 {
			k := bits.TrailingZeros64(d) / 8
			before := uint64(1)<<(8*k) - 1
			all |= x & before
			below |= (x - 0x20*ones) &^ x & before
			n += k
			break
		}
		all |= x
		below |= (x - 0x20*ones) &^ x
	}
	*seen |= all
	return i + n, j + n, below&highs != 0
}

// escapeRune is the character of the escape s starts with and the escape's length (0: not an
// escape), as unescape writes it.
func escapeRune(s string) (rune, int) {
	if len(s) < 2 {
		return 0, 0
	}
	switch c := s[1]; c {
	case '"', '\\', '/':
		return rune(c), 2
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'u':
		r := hex4(s)
		if r < 0 {
			return 0, 0
		}
		if utf16.IsSurrogate(r) {
			if dec := utf16.DecodeRune(r, hex4(s[6:])); dec != utf8.RuneError {
				return dec, 12
			}
			return utf8.RuneError, 6
		}
		return r, 6
	}
	return 0, 0
}
