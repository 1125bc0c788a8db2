package contracts

import (
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"strings"
	"testing"
	"unicode/utf8"

	. "github.com/onsi/gomega"
)

// stringTokens are JSON string tokens (quotes included, valid or not) around what the scanner
// treats specially: escapes of every kind, surrogate pairs, lone and reversed surrogates,
// control characters, invalid UTF-8, multibyte text, the eight-byte word boundaries, the
// empty string and huge values.
var stringTokens = []string{
	`""`, `"a"`, `"abcdefg"`, `"abcdefgh"`, `"abcdefghi"`, `"abcdefghijklmnop"`, `"abcdefghijklmnopq"`,
	`"q\"b\\s\/f\bn\nr\rt\t"`, `"\u00e9\u0041"`, `"\u2028\u2029"`, `"x\u2028"`, `"\u0000"`, `"\u001f\u007f"`,
	`"\ud83d\ude00"`, `"\ud800"`, `"\udc00x"`, `"\ud800\u0041"`, `"\ud800\ud800"`, `"\udc00\ud800"`,
	`"\ude00\ud83d"`, `"\ud83d\ude00\ud83d"`, `"\ud83d\"`, `"\ud83d\\u0041"`, `"\ud83d\u12"`, `"\ud83d\uzzzz"`,
	`"\uD83D\uDE00"`, `"\uFFFF"`, `"\uFFFD"`, `"\uabcd\uABCD"`, `"\u12"`, `"\u12345"`, `"\u"`, `"\x"`,
	`"\'"`, `"\a"`, `"\"`, `"\\"`, `"\\\"`, `"abc`, `"abc\`, `"`, "\"a\tb\"", "\"a\nb\"", "\"\x00\"",
	"\"\x1f\"", "\"\x7f\"", "\"a\\\tb\"", "\"é\"", "\"あいう\"", "\"😀\"", "\"e\u0301\"", "\"\u2028\"",
	"\"\xff\"", "\"a\xffb\"", "\"\xc3\"", "\"\xe3\x81\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
	"\"\xff\\n\"", "\"\\n\xff\"", "\"\\u00e9\xc3\xa9\xff\"", "\"abcdefg\xff\"", "\"あいうえおかきくけこ\\u3042\"",
	`"\/\/\/\/\/\/\/\/\/"`, `"\u0000" `, "\"ab\\u0022cd\"", "\"a\"b\"", "\"\\\\\\\"\"",
	`"` + strings.Repeat("あé\\u2028x", 5000) + `"`,
	// Runs of backslashes before quotes: which quote closes the string (closingQuote).
	`"\\\\"`, `"a\\\\\\"b"`, `"\\\"\\"`, `"\\\\\\\\"x"`, `"\"\"\""`, `"x\\\"`, "\"\\\x01\"", "\"\\n\x01\"",
	`"` + strings.Repeat(`éあ中€😀—\u2028`, 3000) + `"`, `"` + strings.Repeat(`\"`, 1000) + `"`,
	`"` + strings.Repeat("abcdefghij", 30000) + `"`,
	`"` + strings.Repeat("a", 100000) + "\\ud83d\\ude00" + strings.Repeat("é", 1000) + `"`,
}

// refString is encoding/json's answer for a string token: its value, or not ok.
func refString(tok string) (string, bool) {
	var s string
	if err := json.Unmarshal([]byte(tok), &s); err != nil {
		return "", false
	}
	return s, true
}

// scanAgrees checks scanString on a token, alone and followed by more text, against
// encoding/json (value, validity) and utf8.RuneCountInString (characters): with utf8Replace
// exactly; with utf8Refuse the same, except that a token holding invalid UTF-8 is refused.
func scanAgrees(g *WithT, tok string) {
	want, wantOK := refString(tok)
	for _, after := range []string{"", ",\"x\"}", " "} {
		src := tok + after
		for _, bad := range []badUTF8{utf8Replace, utf8Refuse} {
			got, chars, end, ok := scanString(src, 0, bad)
			if ok && bad == utf8Refuse {
				g.Expect(utf8.ValidString(src[:end])).To(BeTrue(), "%q read with invalid UTF-8", src)
			}
			if !wantOK || bad == utf8Refuse && !utf8.ValidString(tok) {
				// A token encoding/json rejects may still be read if what follows closes it
				// (`"\"` + `,"x"}`); then it is a longer token, which must agree in turn.
				if ok {
					w, wok := refString(src[:end])
					g.Expect(wok).To(BeTrue(), "%q read as %q", src, src[:end])
					g.Expect(got).To(Equal(w), "%q", src[:end])
				}
				continue
			}
			g.Expect(ok).To(BeTrue(), "%q (mode %d)", src, bad)
			g.Expect(end).To(Equal(len(strings.TrimRight(tok, " \t\r\n"))), "%q", src)
			g.Expect(got).To(Equal(want), "%q", src)
			g.Expect(chars).To(Equal(utf8.RuneCountInString(want)), "%q", src)
		}
	}
}

func TestScanStringAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, tok := range stringTokens {
		scanAgrees(g, tok)
	}
	// Every position of a special byte relative to the eight-byte words.
	for n := 0; n < 20; n++ {
		for _, c := range []string{`\n`, `\u2028`, "é", "あ", "\x01", "\xff", `"`, `\`} {
			scanAgrees(g, `"`+strings.Repeat("a", n)+c+strings.Repeat("b", 19-n)+`"`)
		}
	}
}

func TestSpecialFindsEveryStopByte(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			w := uint64(lsb * 'a')
			w = w&^(0xff<<(8*pos)) | uint64(c)<<(8*pos)
			want := c == '"' || c == '\\' || c < 0x20
			g.Expect(specialBits(w) != 0).To(Equal(want), "byte %#x at %d", c, pos)
			g.Expect(continuations(w)).To(Equal(map[bool]int{true: 1, false: 0}[c&0xC0 == 0x80]), "byte %#x at %d", c, pos)
		}
	}
}

// TestSpecialBitsLowestIsTheFirstStopByte checks that the lowest byte specialBits flags is the
// first stop byte of the word, for two bytes of every value at every pair of positions among
// fillers that do and do not carry a borrow.
func TestSpecialBitsLowestIsTheFirstStopByte(t *testing.T) {
	t.Parallel()
	stops := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 }
	for _, fill := range []byte{'a', ' ', 0x21, 0x5d, 0x80, 0xff} {
		for p1 := 0; p1 < 8; p1++ {
			for p2 := p1 + 1; p2 < 8; p2++ {
				for c1 := 0; c1 < 256; c1++ {
					for c2 := 0; c2 < 256; c2++ {
						var word [8]byte
						for k := range word {
							word[k] = fill
						}
						word[p1], word[p2] = byte(c1), byte(c2)
						first := 8
						for k := 7; k >= 0; k-- {
							if stops(word[k]) {
								first = k
							}
						}
						w := binary.LittleEndian.Uint64(word[:])
						if got := bits.TrailingZeros64(specialBits(w)) >> 3; got != first {
							t.Fatalf("% x: lowest flag at %d, first stop byte at %d", word, got, first)
						}
					}
				}
			}
		}
	}
}

// FuzzScanString: go test -run '^$' -fuzz FuzzScanString ./contracts; the parser's token
// (tokenAgrees) is held to scanString on the same strings.
func FuzzScanString(f *testing.F) {
	for _, tok := range stringTokens {
		if len(tok) < 1000 {
			f.Add(tok)
		}
	}
	f.Fuzz(func(t *testing.T, tok string) {
		if !strings.HasPrefix(tok, `"`) {
			tok = `"` + tok
		}
		g := NewWithT(t)
		scanAgrees(g, tok)
		tokenAgrees(g, tok)
	})
}

func TestRuneCountIsUTF8s(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, tok := range stringTokens {
		for n := 0; n < 17; n++ { // the non-ASCII byte at every offset of a word
			s := strings.Repeat("a", n) + tok
			g.Expect(runeCount(s)).To(Equal(int64(utf8.RuneCountInString(s))), "%q", s)
		}
	}
}

// checkChars checks that every string node the parser read carries its length in characters.
func checkChars(g *WithT, n *jnode) {
	if n.kind == jString {
		g.Expect(n.counted).To(BeTrue(), "%q", n.raw)
		g.Expect(int(n.chars)).To(Equal(utf8.RuneCountInString(n.s)), "%q", n.raw)
	}
	for i := range n.kids {
		checkChars(g, &n.kids[i].val)
	}
}

func TestCheckUTF8IsUTF8ValidString(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	texts := []string{"", "abc", "aあé", "\xff", "a\xed\xa0\x80", strings.Repeat("abcdefgh", 20) + "あ\xe3\x81",
		strings.Repeat("あ", 300), strings.Repeat("あ", 300) + "\xc0\x80", strings.Repeat("x", 300) + "\xf4\x90\x80\x80",
		// Sparse multibyte text around shortUTF8 (the automaton below it, utf8.ValidString from it).
		"https://cb11.example.com/vЖx", "https://cb11.example.com/v\xd0", "myapp://cb/" + strings.Repeat("a", 40) + "é\xed\xa0\x80",
		strings.Repeat("a", shortUTF8-3) + "é", strings.Repeat("a", shortUTF8-3) + "\xe0\x80", strings.Repeat("a", shortUTF8-2) + "é",
		strings.Repeat("a", shortUTF8-2) + "\xc0\xaf", strings.Repeat("a", shortUTF8) + "\xf0\x9f\x98"}
	for _, s := range texts {
		cont := 0
		for i := 0; i < len(s); i++ {
			if s[i]&0xC0 == 0x80 {
				cont++
			}
		}
		g.Expect(checkUTF8(s, cont)).To(Equal(utf8.ValidString(s)), "%q", s)
	}
}
