package contracts

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
	"unsafe"

	. "github.com/onsi/gomega"
)

// escapeTexts are string texts for escapeRun and unquoteRefuse: the long texts of the scan
// tests, the string tokens' values, and runs shorter and longer than longRun between escapes
// among ASCII and multibyte text, with control characters, escaped quotes and invalid UTF-8
// among them: of every length through the first word, the two-word steps to wordRun and
// copyChecked's 32-byte steps, words and last bytes after them, and around longCopy.
func escapeTexts() []string {
	out := append([]string(nil), longTexts()...)
	for _, tok := range stringTokens {
		out = append(out, tok[1:])
	}
	lengths := []int{longRun - 1, longRun, longRun + 1, longRun + 8, 130, longCopy - 1, longCopy, longCopy + 1, longCopy + 8,
		wordRun + longCopy - 1, wordRun + longCopy, wordRun + longCopy + 1, runWindow + 9}
	// Every place of a stop byte in the words after an escape (the first, then two-word steps
	// to wordRun) and the first of the run copyChecked reads from there, and the edges of its
	// 32-byte steps and of the words and last bytes after them (TestCopyCheckedIsBytewise holds
	// it to a byte loop at every place).
	from := 8 + wordRun
	for n := 0; n <= from+9; n++ {
		lengths = append(lengths, n)
	}
	for _, n := range []int{31, 32, 33, 39, 40, 41, 63, 64, 65, 71, 72, 73} {
		lengths = append(lengths, from+n)
	}
	for _, n := range lengths {
		for _, fill := range []string{"a", "é", "あ", "😀", "\xff"} {
			run := strings.Repeat(fill, n)
			out = append(out, run+`\u2028`+run+`\"`+run+`"`, run+"\x01"+run+`\n"`, run+`\`, run+`"`+run+`\\"`,
				`\t`+run+"\x1f"+run+`\/`+run+`"`,                                // a control character n bytes after an escape
				`\t`+strings.Repeat("a", n)+"\xff"+strings.Repeat("b", 9)+`\/"`) // the only invalid byte n bytes after it
		}
	}
	out = append(out, unicodeEscapeTexts()...)
	return append(out, utf8CutTexts()...)
}

// unicodeEscapeTexts are \uXXXX escapes at the edges of each UTF-8 length and of the
// surrogates (unquoteRefuse writes a three-byte character outside them itself, any other by
// utf8.EncodeRune or escapeRune): alone, twice in a row, between runs and last, in upper and
// lower case, paired and lone surrogates, and escapes that are not ones (a digit missing or
// not hexadecimal, cut by the quote).
func unicodeEscapeTexts() []string {
	escapes := []string{`\u0000`, `\u001f`, `\u007f`, `\u0080`, `\u07ff`, `\u0800`, `\u0FFF`, `\u1000`,
		`\u2028`, `\u2029`, `\ud7ff`, `\uD7FF`, `\ud800`, `\udbff`, `\udc00`, `\udfff`, `\ud83d\ude00`,
		`\udbff\udfff`, `\ud83d\u2028`, `\ude00\ud83d`, `\ue000`, `\ufffd`, `\ufffe`, `\uffff`, `\uFFFF`,
		`\u12g4`, `\u12`, `\u`, `\uffff\u`}
	var out []string
	for _, e := range escapes {
		out = append(out, `\n`+e+`"`, `\n`+e+e+`"`, e+`ab`+e+`"`, `é`+e+`中`+e+`\/"`, e+strings.Repeat("あ", 50)+e+`x"`)
	}
	return out
}

// utf8CutTexts are runs after an escape with a character, or a sequence that is not one
// (surrogate, overlong, past U+10FFFF, invalid, cut), at every place unquoteRefuse's reading of
// a run stops or changes step: at each byte of a word of its copy (the first word, then
// two-word steps), split across two words, just before and just after an escape of each
// decoded length, before a control character or the closing quote, across wordRun's bound into
// copyChecked's steps and longCopy's into escapeRun, and in the last bytes of the text (fewer
// than eight): its characters counted and its UTF-8 check (checkUTF8 over the decoded value)
// are held to formerUnquoteRefuse (which checks the text), and escapeRun to scanPlain,
// wherever a character is cut.
func utf8CutTexts() []string {
	seqs := []string{"é", "あ", "😀", "\u2028", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf", // valid, at the edges
		"\xed\xa0\x80", "\xe0\x9f\xbf", "\xc0\xaf", "\xc1\xbf", "\xf0\x8f\xbf\xbf", // surrogate, overlong
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\x80", "\xe2\x80", "\xf0\x9f\x98", "\xc3"} // past U+10FFFF, invalid, cut
	var out []string
	for _, seq := range seqs {
		for n := 0; n <= 41; n++ { // the first word and two two-word steps of unquoteRefuse's copy
			pad := strings.Repeat("a", n)
			multi := strings.Repeat("中", n)
			out = append(out, `\n`+pad+seq+`\t`+pad+seq+`"`, `\n`+multi+seq+`"`, `\n`+pad+seq+"\x1f"+`"`,
				`\/`+pad+seq+pad+`\u00e9`+seq+`\"`+multi+"é"+seq+`"`)
		}
		// Right before and after escapes of each decoded length (unquoteRefuse checks the
		// decoded value, not the text): ASCII, two and three bytes, a lone surrogate (U+FFFD)
		// and a pair (four bytes).
		for _, e := range []string{`\n`, `\u0041`, `\u00e9`, `\u2028`, `\ud800`, `\udfff`, `\ud83d\ude00`} {
			out = append(out, e+seq+`"`, seq+e+`"`, e+seq+e+seq+e+`"`, `\n`+seq+e+"中"+seq+`"`)
		}
		// The sequence across the bounds of a run's reading: wordRun, copyChecked's first step,
		// longCopy.
		for _, n := range []int{wordRun - 9, wordRun - 2, wordRun - 1, wordRun, wordRun + 1, wordRun + 7, wordRun + 8,
			wordRun + 31, wordRun + 32, wordRun + 33, longCopy - 1, longCopy, longCopy + 1,
			wordRun + longCopy - 2, wordRun + longCopy - 1, wordRun + longCopy, wordRun + longCopy + 1} {
			out = append(out, `\n`+strings.Repeat("a", n)+seq+strings.Repeat("é", 80)+`"`,
				`\n`+strings.Repeat("é", n/2)+strings.Repeat("a", n%2)+seq+strings.Repeat("x", 90)+seq+`\n"`)
		}
	}
	return out
}

// escapeRunFrom is a long run's scan after an escape in unquoteRefuse: scanPlain over longRun
// bytes at most, escapeRun past them to the next backslash (IndexByte).
func escapeRunFrom(src string, i, end int) (int, int, bool) {
	short := min(end, i+longRun)
	next, c, h := scanPlain(src[:short], i)
	if next == short && short < end {
		k := end
		if j := strings.IndexByte(src[next:end], '\\'); j >= 0 {
			k = next + j
		}
		j, c2, o := escapeRun([]byte(src[:end]), next, k)
		next, c, h = j, c+c2, h || o&msb != 0
	}
	return next, c, h
}

// TestEscapeRunIsScanPlain holds escapeRun to scanPlain over the string's text up to its
// closing quote, from every start (that quote found as unquoteRefuse finds it).
func TestEscapeRunIsScanPlain(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, text := range escapeTexts() {
		for from := 0; from < len(text) && from < 80; from++ {
			end := closingQuote(text, from, from)
			if end < 0 {
				end = len(text) // no closing quote: the scan runs to the end
			}
			got := []any{}
			stop, cont, high := escapeRunFrom(text, from, end)
			wStop, wCont, wHigh := scanPlain(text[:end], from)
			got = append(got, stop, cont, high)
			g.Expect(got).To(Equal([]any{wStop, wCont, wHigh}), "%.80q (%d bytes) from %d to %d", text, len(text), from, end)
		}
	}
}

// FuzzEscapeRun: go test -run '^$' -fuzz FuzzEscapeRun ./contracts
func FuzzEscapeRun(f *testing.F) {
	for _, text := range escapeTexts() {
		if len(text) < 2000 {
			f.Add(text, uint8(0))
		}
	}
	f.Fuzz(func(t *testing.T, text string, from uint8) {
		// Long inputs are what the long run reads: the fuzzed text repeated past longRun.
		for _, s := range []string{text, strings.Repeat(text, 1+2*longRun/(len(text)+1))} {
			i := min(int(from), len(s))
			end := closingQuote(s, i, i)
			if end < 0 {
				end = len(s)
			}
			stop, cont, high := escapeRunFrom(s, i, end)
			wStop, wCont, wHigh := scanPlain(s[:end], i)
			if stop != wStop || cont != wCont || high != wHigh {
				t.Fatalf("%q from %d to %d: %d %d %v, want %d %d %v", s, i, end, stop, cont, high, wStop, wCont, wHigh)
			}
		}
	})
}

// formerUnquoteRefuse is unquoteRefuse before escapeRun: each run after an escape read by
// scanPlain over the text up to the closing quote.
func formerUnquoteRefuse(src string, start, stop, cont int, high bool) (string, int, int, bool) {
	end := closingQuote(src, start, stop)
	if end < 0 {
		return "", 0, 0, false
	}
	buf := make([]byte, 0, end-start)
	buf = append(buf, src[start:stop]...)
	plainBytes, escapes := stop-start, 0
	for i := stop; i < end; {
		if src[i] != '\\' {
			return "", 0, 0, false
		}
		n, ok := 0, false
		if buf, n, ok = unescape(buf, src[i:]); !ok || i+n > end {
			return "", 0, 0, false
		}
		i += n
		escapes++
		next, c, h := scanPlain(src[:end], i)
		buf = append(buf, src[i:next]...)
		plainBytes, cont, high, i = plainBytes+next-i, cont+c, high || h, next
	}
	if high && !checkUTF8(src[start:end], cont) {
		return "", 0, 0, false
	}
	if len(buf) == 0 {
		return "", 0, end + 1, true
	}
	val := unsafe.String(unsafe.SliceData(buf), len(buf)) // buf is not written after this
	return val, plainBytes - cont + escapes, end + 1, true
}

// TestUnquoteRefuseIsFormer holds unquoteRefuse to the former one (value, characters, end,
// verdict) on every escape text read as a string token.
func TestUnquoteRefuseIsFormer(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, text := range escapeTexts() {
		stop, cont, high := scanPlain(text, 0)
		got := []any{}
		v, chars, end, ok := unquoteRefuse(text, 0, stop, cont, high)
		w, wChars, wEnd, wOK := formerUnquoteRefuse(text, 0, stop, cont, high)
		got = append(got, v, chars, end, ok)
		g.Expect(got).To(Equal([]any{w, wChars, wEnd, wOK}), "%.80q", text)
	}
}

// TestUnicodeEscapesAgreeWithEncodingJSON holds the string scan to encoding/json on the \u
// escapes at the edges (unicodeEscapeTexts), each read as a string token.
func TestUnicodeEscapesAgreeWithEncodingJSON(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, text := range unicodeEscapeTexts() {
		scanAgrees(g, `"`+text)
	}
}

// FuzzUnquoteRefuse holds unquoteRefuse to the former one on fuzzed texts, alone and repeated
// past longCopy (go test -run '^$' -fuzz FuzzUnquoteRefuse ./contracts).
func FuzzUnquoteRefuse(f *testing.F) {
	for _, text := range escapeTexts() {
		if len(text) < 2000 {
			f.Add(text)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, s := range []string{text, strings.Repeat(text, 1+2*longCopy/(len(text)+1))} {
			stop, cont, high := scanPlain(s, 0)
			v, chars, end, ok := unquoteRefuse(s, 0, stop, cont, high)
			w, wChars, wEnd, wOK := formerUnquoteRefuse(s, 0, stop, cont, high)
			if v != w || chars != wChars || end != wEnd || ok != wOK {
				t.Fatalf("%q: %q %d %d %v, want %q %d %d %v", s, v, chars, end, ok, w, wChars, wEnd, wOK)
			}
		}
	})
}

// TestShortEscapesAreJSON holds shortEscapes (the two-byte escapes the decoder and escapeRune
// read by table) to encoding/json's reading of the string "\c" for every byte c: the byte a
// valid two-byte escape decodes to, zero for every other byte (encoding/json refuses them, or
// reads a \u escape, which is longer).
func TestShortEscapesAreJSON(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for c := 0; c < 256; c++ {
		var v string
		err := json.Unmarshal([]byte(`"\`+string([]byte{byte(c)})+`"`), &v)
		if err == nil {
			g.Expect(v).To(HaveLen(1), "escape \\%c", c)
			g.Expect(shortEscapes[c]).To(Equal(v[0]), "escape \\%c", c)
		} else {
			g.Expect(shortEscapes[c]).To(BeZero(), "escape \\%c: encoding/json refuses it (%v)", c, err)
		}
	}
}

// BenchmarkUnquoteRefuse times unquoteRefuse against the former (formerUnquoteRefuse) on long
// escaped values, alternating which goes first: new/former is the ratio of their sums,
// best-new/former of their fastest runs (steadier on a loaded machine). fuzzed is the fuzzer's
// long multibyte value (runs of about forty multibyte characters, U+2028 escaped between them),
// dense an escape per seven characters, ascii runs of 200 bytes, mixed a too-long
// ApplicationArn's text (escapes every few characters among ASCII and multibyte).
func BenchmarkUnquoteRefuse(b *testing.B) {
	values := map[string]string{
		"fuzzed": strings.Repeat(strings.Repeat("é中あ—½Ж€", 6)+`\u2028`, 2000),
		"dense":  strings.Repeat(`éあ中€😀—\u2028`, 14000),
		"ascii":  strings.Repeat(strings.Repeat("abcdefghij", 20)+`\/`, 1500),
		// A too-long ApplicationArn's drawn text: ASCII and multibyte characters with an
		// escape every few of them.
		"mixed": strings.Repeat(`#MA-yXzjLk\r \u20284iYi%?ßh\u003eあLM\u00a0©C[中 €\u003e\rw٣\"\u3000VXl8nu;½あ40«F\u2028o\u2028$R\u2028∑A4e\t́\r¿Zadr\u2028y!%9txs—+WY∑ßpswFcUz_\tあ(0K+ß©qあ\r中=!m/€`, 1500),
	}
	for _, name := range []string{"fuzzed", "dense", "ascii", "mixed"} {
		src := `"` + values[name] + `"`
		stop, cont, high := scanPlain(src, 1)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			var nw, former time.Duration
			bestNew, bestFormer := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
			odd := false
			for b.Loop() {
				var t [4]time.Time
				t[0] = time.Now()
				if odd {
					formerUnquoteRefuse(src, 1, stop, cont, high)
				}
				t[1] = time.Now()
				_, _, _, ok := unquoteRefuse(src, 1, stop, cont, high)
				t[2] = time.Now()
				if !odd {
					formerUnquoteRefuse(src, 1, stop, cont, high)
				}
				t[3] = time.Now()
				f := t[3].Sub(t[2]) + t[1].Sub(t[0])
				former += f
				nw += t[2].Sub(t[1])
				bestNew, bestFormer = min(bestNew, t[2].Sub(t[1])), min(bestFormer, f)
				odd = !odd
				if !ok {
					b.Fatal("refused")
				}
			}
			b.ReportMetric(float64(nw.Nanoseconds())/float64(b.N), "new-ns/op")
			b.ReportMetric(float64(former.Nanoseconds())/float64(b.N), "former-ns/op")
			b.ReportMetric(float64(nw)/float64(former), "new/former")
			b.ReportMetric(float64(bestNew)/float64(bestFormer), "best-new/former")
		})
	}
}
