package contracts

import (
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// tokenAgrees holds jparser.token, which answers a string of ASCII without escapes itself and
// hands any other to stringFrom, to scanString (the parser's reading: invalid UTF-8 refused)
// on tok alone and followed by more text: the same verdict, end, characters and value, the
// token's place, and where the parse stops when it cannot read it.
func tokenAgrees(g *WithT, tok string) {
	for _, after := range []string{"", `,"x"}`, " "} {
		src := tok + after
		want, wantChars, wantEnd, wantOK := scanString(src, 0, utf8Refuse)
		p := &jparser{src: src}
		got, chars, ok := p.token(token{})
		g.Expect(ok).To(Equal(wantOK), "%q", src)
		if !ok {
			g.Expect(p.failed).To(Equal(failure{kind: failStop, next: 0, tok: true}), "%q", src)
			continue
		}
		g.Expect(got.start).To(Equal(0), "%q", src)
		g.Expect(got.end).To(Equal(wantEnd), "%q", src)
		g.Expect(p.i).To(Equal(wantEnd), "%q", src)
		g.Expect(chars).To(Equal(wantChars), "%q", src)
		g.Expect(p.text(got)).To(Equal(want), "%q", src)
		g.Expect(got.ref >= 0).To(Equal(len(want) != wantEnd-2), "%q: decoded kept only for escapes", src)
	}
}

// TestTokenIsScanString: the string tokens of the scanner's tests (escapes of every kind,
// surrogates, control characters, invalid UTF-8, multibyte text, word boundaries, empty, cut,
// huge), the escape and long-run texts as tokens, and ASCII of every length around the word
// steps and longRun, plain and with one byte >= 0x80, a control character or an escape last.
func TestTokenIsScanString(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, tok := range stringTokens {
		tokenAgrees(g, tok)
	}
	for _, text := range escapeTexts() {
		tokenAgrees(g, `"`+text)
	}
	for n := 0; n <= longRun+9; n++ {
		ascii := strings.Repeat("a", n)
		for _, last := range []string{"", "é", "\xff", "\x01", `\n`, `\u00e9`, "\x7f", "~"} {
			tokenAgrees(g, `"`+ascii+last+`"`)
			tokenAgrees(g, `"`+last+ascii+`"`)
		}
		tokenAgrees(g, `"`+ascii) // cut
	}
}
