package contracts

// The error body of an answer checked against a prediction (check): its message is compared
// with the predicted one in its escaped form, as the body carries it, instead of being
// unescaped first. A ~340 KB InvalidParameterException quoting a 300k-character value is then
// one comparison of the body's bytes with the prediction's, no copy of either.

import (
	"net/http"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// errorCodeEchoed is errorCode for an answer checked against a prediction: want is the
// predicted message ("" when none is asserted), wantValid that want is known to be valid UTF-8
// (Prediction.messageKnownValid; sameEscapedEchoed then does not validate it again), echoes the
// request's strings want may quote whole (echoedStrings; nil for none), which the comparison of
// the message passes at once where the body holds them as the request wrote them
// (sameEscapedEchoed), reads tells whether the check reads the message of an answer with this
// code (checkOutcome: to compare it or to show it in a finding). The code and object are
// errorCode's; so is the message when reads says it is read, else it is "". When the message
// decodes to want exactly, the message returned is want itself and the body's is never
// unescaped; when it is not read, it is checked and never unescaped. A body the flat read does
// not take (readFlatErrorBody: a duplicate member the client reads, a member name with an
// escape, a message that is not a string, ...) and a message that is read and is not want are
// read by errorCode, whose answer stands.
func errorCodeEchoed(h http.Header, body []byte, want string, wantValid bool, echoes []echoed, reads func(code string) bool) (code, message string, object bool) {
	if typ, alt, read, ok := readFlatErrorBody(body); ok {
		code = headerValue(h, headerErrorType) // as errorCode reads it
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
		} else if want != "" && sameEscapedEchoed(read, want, wantValid, echoes) {
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
// (sameEscapedEchoed, validEscaped); typ and alt are then __type and code as errorCode reads them. The
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
