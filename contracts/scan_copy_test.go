package contracts

import (
	"bytes"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// copyCheckedAgrees holds copyChecked to a byte loop on the runs of text (from each of its
// first ten bytes and from after each backslash, the run to the next backslash or quote or the
// end, as unquoteRefuse hands it over, d at most i; copyChecked's runs hold no quote): the
// run's bytes copied to buf[d:] and nothing before d written, the continuation bytes counted,
// the OR's high bit (a byte >= 0x80) and whether the run holds a control character.
func copyCheckedAgrees(t *testing.T, text string) {
	t.Helper()
	b := []byte(text)
	for i := 0; i < len(b); i++ {
		if i >= 10 && b[i-1] != '\\' {
			continue
		}
		k := len(b)
		if j := bytes.IndexAny(b[i:], "\\\""); j >= 0 {
			k = i + j
		}
		var cont int
		var high, ctl bool
		for _, c := range b[i:k] {
			cont += int(c>>6&1^1) & int(c>>7) // 10xxxxxx
			high = high || c >= 0x80
			ctl = ctl || c < 0x20
		}
		for _, d := range []int{0, i / 2, i} {
			buf := bytes.Repeat([]byte{0xAA}, len(b))
			end, gotCont, or, gotCtl := copyChecked(buf, d, b, i, k)
			if ctl { // the string is refused: only the verdict counts
				if gotCtl&msb == 0 {
					t.Fatalf("%q from %d to %d: no control character found", text, i, k)
				}
				continue
			}
			if end != d+k-i || !bytes.Equal(buf[d:end], b[i:k]) || gotCont != cont ||
				(or&msb != 0) != high || gotCtl != 0 || bytes.Count(buf[:d], []byte{0xAA}) != d {
				t.Fatalf("%q from %d to %d at %d: %d %q %d %x %x, want %d %q %d %v", text, i, k, d,
					end, buf[d:end], gotCont, or, gotCtl, d+k-i, b[i:k], cont, high)
			}
		}
	}
}

// copyCheckedTexts: runs of every length through copyChecked's 32-byte steps, words and last
// bytes, of ASCII, multibyte and invalid UTF-8, ASCII with one byte >= 0x80 at every place, and
// with a control character at every place of them (first, last, in each word of a step, in the last bytes stored as a word or read byte
// by byte), ended by a backslash with more text after it or by the end.
func copyCheckedTexts() []string {
	var out []string
	for n := 0; n <= 2*32+9; n++ {
		for _, fill := range []string{"a", "é", "あ", "😀", "\xff"} {
			run := strings.Repeat(fill, n)
			out = append(out, run, run+`\n`+run, run+`\u2028`)
		}
		for _, one := range []string{"é", "\xff", "\x80"} { // the run's only byte >= 0x80 at every place
			out = append(out, strings.Repeat("a", n)+one+strings.Repeat("b", 9)+`\n`, strings.Repeat("a", n)+one)
		}
		for _, tail := range []string{"", `\nabcdefgh`, `\`} {
			out = append(out, strings.Repeat("a", n)+"\x01"+strings.Repeat("é", 40-n%40)+tail,
				strings.Repeat("中", n/3)+strings.Repeat("a", n%3)+"\x1f"+tail)
		}
	}
	return out
}

func TestCopyCheckedIsBytewise(t *testing.T) {
	t.Parallel()
	for _, text := range copyCheckedTexts() {
		copyCheckedAgrees(t, text)
	}
	g := NewWithT(t)
	g.Expect(controlBits(lsb * 0x1f)).NotTo(BeZero())
	g.Expect(controlBits(lsb * 0x20)).To(BeZero())
}

// FuzzCopyChecked: go test -run '^$' -fuzz FuzzCopyChecked ./contracts
func FuzzCopyChecked(f *testing.F) {
	for _, text := range copyCheckedTexts() {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 400 {
			text = text[:400]
		}
		copyCheckedAgrees(t, text)
	})
}
