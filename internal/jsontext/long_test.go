package jsontext

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	. "github.com/onsi/gomega"
)

// messageCases are messages appendTextPieces cuts into pieces: every kind of character at every
// offset from a cut (the short pieces of the tests put one every few bytes), invalid UTF-8 of
// each kind (a stray continuation byte, runs of them, truncated sequences, an encoded
// surrogate, an overlong form), escapes of each kind, and messages of dense escapes.
var messageCases = func() map[string]string {
	m := map[string]string{
		"ascii":               "Invalid request (R7 CallbackURLs, R8 AllowedOAuthFlows).",
		"escapes":             "a\"b\\c\b\f\n\r\t\x00\x1f<&>\x7f",
		"line separators":     "a\u2028b\u2029c\u2028\u2029",
		"multibyte":           "é世界🙂aé世界🙂ab",
		"continuation run":    "ab\x80\x80\x80\x80\x80\x80\x80cd\x80",
		"truncated sequences": "a\xe2\x80b\xf0\x9f\x99c\xe4\xb8\xc3",
		"surrogate":           "a\xed\xa0\x80b\xed\xbf\xbfc",
		"overlong":            "a\xc0\xafb\xe0\x80\xafc",
		"invalid leads":       "\xff\xfe\xf8\xf5a\xc1",
		"dense":               strings.Repeat("<\u2028>&\"", 40),
	}
	for k, v := range jsonStringCases {
		m["jsonString "+k] = v
	}
	var mixed strings.Builder
	for i := range 300 {
		mixed.WriteString([]string{"a", "é", "世", "🙂", "\u2028", "<", "\xff", "\x80", "\xe2\x80", "\n"}[i%10])
		mixed.WriteString(strings.Repeat("x", i%5))
	}
	m["mixed"] = mixed.String()
	return m
}()

// stringWriters are the writers of a JSON string TestStringWritersAreMarshal holds to
// json.Marshal, each with the plain prefix it is handed (plain: a message's LongRoom prefix, of
// which it copies the length prefix(plain) as it is; the writers that take none ignore it) and
// the piece sizes it cuts a message into (none: written whole, piece 0).
var stringWriters = []struct {
	name   string
	prefix func(plain int) int
	pieces []int
	fits   bool // a message whose text fits LongRoom's room is written without growing b
	write  func(b []byte, msg string, plain, piece int) []byte
}{
	// the short-string writer, one growth to Room
	{name: "AppendString", prefix: noPrefix,
		write: func(b []byte, msg string, _, _ int) []byte { return AppendString(b, msg) }},
	// the reference without runs (every non-ASCII rune decoded)
	{name: "rune-by-rune", prefix: noPrefix,
		write: func(b []byte, msg string, _, _ int) []byte { return appendStringRuneByRune(b, msg) }},
	// the emulator's error-body writer, handed LongRoom's prefix, in 64 KB pieces
	{name: "AppendLongStringFrom", prefix: wholePrefix, fits: true,
		write: func(b []byte, msg string, plain, _ int) []byte { return AppendLongStringFrom(b, msg, plain) }},
	// pieces of every size, no prefix: every cut (pieceEnd) of every message
	{name: "appendLongFrom/no-prefix", prefix: noPrefix,
		pieces: []int{utf8.UTFMax, 5, 6, 7, 9, 16, 61, longPiece}, write: appendLongFrom},
	// a prefix shorter than LongRoom's: the rest starts with plain bytes
	{name: "appendLongFrom/half-prefix", prefix: func(plain int) int { return plain / 2 },
		pieces: []int{utf8.UTFMax, 7, 61, longPiece}, write: appendLongFrom},
	// LongRoom's prefix: the rest starts at a byte to escape or a multibyte character
	{name: "appendLongFrom/prefix", prefix: wholePrefix,
		pieces: []int{utf8.UTFMax, 7, 61, longPiece}, write: appendLongFrom},
}

func noPrefix(int) int          { return 0 }
func wholePrefix(plain int) int { return plain }

// TestStringWritersAreMarshal: every writer of stringWriters writes json.Marshal's text of every
// message after whatever b already holds and whatever room it has (none, Room's, LongRoom's),
// handed its plain prefix, in pieces of any size (from utf8.UTFMax bytes up; a huge message is
// cut in small pieces only with no prefix, the others taking 4096 and longPiece); LongRoom
// counts the prefix as plainPrefixReference does.
func TestStringWritersAreMarshal(t *testing.T) {
	t.Parallel()
	for name, msg := range messageCases {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			want, err := json.Marshal(msg)
			g.Expect(err).NotTo(HaveOccurred())
			longRoom, plain := LongRoom(msg)
			g.Expect(plain).To(Equal(plainPrefixReference(msg)))
			for _, w := range stringWriters {
				pieces := w.pieces
				switch {
				case pieces == nil:
					pieces = []int{0}
				case len(msg) > 4096 && w.prefix(plain) > 0:
					pieces = []int{4096, longPiece}
				}
				for _, piece := range pieces {
					for _, room := range []int{0, Room(msg), longRoom} {
						b := append(make([]byte, 0, len("prefix")+room), "prefix"...)
						got := w.write(b, msg, w.prefix(plain), piece)
						g.Expect(string(got)).To(Equal("prefix"+string(want)), "%s, piece %d, room %d", w.name, piece, room)
						if w.fits && room == longRoom && len(want) <= room {
							g.Expect(&got[0]).To(BeIdenticalTo(&b[0]), "%s grown, though the text fits the room", w.name)
						}
					}
				}
			}
		})
	}
}

// TestPieceEndSplitsNoCharacter: wherever pieceEnd cuts, it is at most utf8.UTFMax-1 bytes
// before the place asked, and the two sides decode to the whole's characters (no character
// of valid UTF-8 spans the cut).
func TestPieceEndSplitsNoCharacter(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	decode := func(s string) (rs []rune) {
		for _, r := range s { // range decodes as encoding/json does: an invalid byte alone
			rs = append(rs, r)
		}
		return rs
	}
	for name, msg := range messageCases {
		if len(msg) > 4096 {
			continue // every cut of a huge message would take seconds; the others show each case
		}
		whole := decode(msg)
		for o := utf8.UTFMax; o <= len(msg); o++ {
			c := pieceEnd(msg, o)
			g.Expect(c).To(And(BeNumerically("<=", o), BeNumerically(">", o-utf8.UTFMax)), "%s at %d", name, o)
			g.Expect(append(decode(msg[:c]), decode(msg[c:])...)).To(Equal(whole), "%s cut at %d for %d", name, c, o)
		}
	}
}

// FuzzAppendLongFrom holds appendLongFrom, with no prefix and after the plain prefix, to
// json.Marshal for any message and piece size.
func FuzzAppendLongFrom(f *testing.F) {
	for _, msg := range messageCases {
		f.Add(msg, uint8(0))
		f.Add(msg, uint8(3))
	}
	f.Fuzz(func(t *testing.T, msg string, p uint8) {
		want, err := json.Marshal(msg)
		if err != nil {
			t.Fatal(err)
		}
		piece := utf8.UTFMax + int(p%32)
		if got := appendLongFrom(nil, msg, 0, piece); string(got) != string(want) {
			t.Fatalf("piece %d: %q, want %q", piece, got, want)
		}
		if got := appendLongFrom(nil, msg, plainPrefix(msg), piece); string(got) != string(want) {
			t.Fatalf("after the plain prefix, piece %d: %q, want %q", piece, got, want)
		}
	})
}
