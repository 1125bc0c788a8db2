package contracts

import (
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// refScanPlain is scanPlain byte by byte.
func refScanPlain(src string, i int) (stop, cont int, high bool) {
	for ; i < len(src); i++ {
		c := src[i]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		high = high || c >= 0x80
		if c&0xC0 == 0x80 {
			cont++
		}
	}
	return i, cont, high
}

// longTexts are string texts past longRun and runWindow with a stop byte, a control character
// or a multibyte character at and around the places the long scan changes its step: the
// eight-, 32- and 64-byte blocks, longRun, and the edges of the IndexByte windows.
func longTexts() []string {
	var out []string
	for _, n := range []int{longRun - 9, longRun - 1, longRun, longRun + 7, longRun + 31, longRun + 32, longRun + 63,
		longRun + 64, longRun + 65, longRun + 100, longRun + 128, 200,
		runWindow - 1, runWindow, runWindow + 1, runWindow + longRun + 5, 2*runWindow + 3, 5000} {
		for _, c := range []string{`"`, `\`, "\x00", "\x1f", "\n", "\x7f", "é", "あ", "\xff", "\x80", "😀"} {
			out = append(out, strings.Repeat("a", n)+c+strings.Repeat("b", 40))
			out = append(out, strings.Repeat("a", n)+c)                            // at the end of the text
			out = append(out, strings.Repeat("aé", n/3)+c+strings.Repeat("~", 70)) // after multibyte text
		}
		out = append(out, strings.Repeat("a", n), strings.Repeat("é", n), strings.Repeat("\x7f ", n))
	}
	for k := 0; k <= 40; k++ { // a control character at every place of the 32-byte steps of multibyte text
		out = append(out, strings.Repeat("é", 40)+strings.Repeat("a", k)+"\x01"+strings.Repeat("中", 30),
			strings.Repeat("中", 30)+strings.Repeat("\x80", k%4)+strings.Repeat("b", k)+"\x1f"+strings.Repeat("é", 40))
	}
	out = append(out, strings.Repeat("a", 3000)+`\n`+strings.Repeat("b", 3000)+`"`, // an escape past a window
		strings.Repeat("x\\\"", 900)+`"`, // backslashes and quotes dense
		strings.Repeat("abcdefghij", 300)+"\x01"+strings.Repeat("c", 3000)+`"`)
	return out
}

func TestScanPlainIsBytewise(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, text := range longTexts() {
		for _, from := range []int{0, 1, 3, 7, 8} { // the scan at every alignment
			if from > len(text) {
				continue
			}
			stop, cont, high := scanPlain(text, from)
			wStop, wCont, wHigh := refScanPlain(text, from)
			g.Expect([]any{stop, cont, high}).To(Equal([]any{wStop, wCont, wHigh}), "%.80q... (%d bytes) from %d", text, len(text), from)
		}
	}
}

func TestLongStringsAgreeWithEncodingJSON(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, text := range longTexts() {
		scanAgrees(g, `"`+text+`"`)
	}
}

func TestPrintableAndControlAreBytewise(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			for _, fill := range []byte{'a', ' ', 0x7f, 0x1f, 0xe3} { // the other bytes printable or not
				w := lsb * uint64(fill)
				w = w&^(0xff<<(8*pos)) | uint64(c)<<(8*pos)
				others := fill >= 0x20 && fill < 0x80
				g.Expect(printable4(w, lsb*'a', lsb*'a', lsb*'a')).To(Equal(others && c >= 0x20 && c < 0x80), "byte %#x at %d in %#x", c, pos, fill)
				g.Expect(printable4(lsb*'a', lsb*'a', lsb*'a', w)).To(Equal(others && c >= 0x20 && c < 0x80), "byte %#x at %d in %#x", c, pos, fill)
				g.Expect(control(w)).To(Equal(fill < 0x20 || c < 0x20), "byte %#x at %d in %#x", c, pos, fill)
			}
		}
	}
}

// FuzzScanPlain: go test -run '^$' -fuzz FuzzScanPlain ./contracts
func FuzzScanPlain(f *testing.F) {
	for _, text := range longTexts() {
		if len(text) < 3000 {
			f.Add(text, uint8(0))
		}
	}
	f.Fuzz(func(t *testing.T, text string, from uint8) {
		// Long inputs are what the long scan reads: the fuzzed text repeated past a window.
		long := strings.Repeat(strings.ReplaceAll(strings.ReplaceAll(text, `"`, "q"), `\`, "b"), 1+runWindow/(len(text)+1)) + text
		for _, s := range []string{text, long} {
			i := min(int(from), len(s))
			stop, cont, high := scanPlain(s, i)
			wStop, wCont, wHigh := refScanPlain(s, i)
			if stop != wStop || cont != wCont || high != wHigh {
				t.Fatalf("%q from %d: %d %d %v, want %d %d %v", s, i, stop, cont, high, wStop, wCont, wHigh)
			}
		}
	})
}

// BenchmarkScanPlain times scanPlain against the byte loop (refScanPlain) on short values as
// the fuzzer draws a request's lists (callback URLs of 10 to 60 bytes, some with multibyte
// characters), alternating in one loop: scan/bytewise is their ratio.
func BenchmarkScanPlain(b *testing.B) {
	var body strings.Builder
	var starts []int
	for i := range 200 {
		body.WriteString(`"`)
		starts = append(starts, body.Len())
		body.WriteString("https://cb" + strings.Repeat("x", i%40) + ".example.com/")
		if i%3 == 0 {
			body.WriteString("aé中")
		}
		body.WriteString(`",`)
	}
	src := body.String()
	var scan, bytewise time.Duration
	for b.Loop() {
		t0 := time.Now()
		for _, s := range starts {
			scanPlain(src, s)
		}
		t1 := time.Now()
		for _, s := range starts {
			refScanPlain(src, s)
		}
		bytewise += time.Since(t1)
		scan += t1.Sub(t0)
	}
	b.ReportMetric(float64(scan)/float64(bytewise), "scan/bytewise")
}

// TestContinuations4IsPerWord holds continuations4 to continuations summed over its four words,
// and continuations2 (unquoteRefuse's two-word steps) over its two:
// words of every byte value in each place (continuation bytes 80..BF at the edges, leads,
// ASCII) and words built from all of them.
func TestContinuations4IsPerWord(t *testing.T) {
	t.Parallel()
	var words []uint64
	for c := range 256 {
		for k := range 8 {
			words = append(words, uint64(c)<<(8*k), uint64(c)*lsb, ^(uint64(0xff)<<(8*k))|uint64(c)<<(8*k))
		}
	}
	for i := range words {
		w0, w1, w2, w3 := words[i], words[(i*7+1)%len(words)], words[(i*13+2)%len(words)], words[(i*31+3)%len(words)]
		want := continuations(w0) + continuations(w1) + continuations(w2) + continuations(w3)
		if got := continuations4(w0, w1, w2, w3); got != want {
			t.Fatalf("continuations4(%#x, %#x, %#x, %#x) = %d, want %d", w0, w1, w2, w3, got, want)
		}
		if got, want := continuations2(w0, w1), continuations(w0)+continuations(w1); got != want {
			t.Fatalf("continuations2(%#x, %#x) = %d, want %d", w0, w1, got, want)
		}
	}
}

// FuzzContinuations4 (continuations2 too): go test -run '^$' -fuzz FuzzContinuations4 ./contracts
func FuzzContinuations4(f *testing.F) {
	f.Add(uint64(0), uint64(msb), uint64(0xbfbfbfbfbfbfbfbf), uint64(0xc0c0c0c0c0c0c0c0))
	f.Add(uint64(0x80e4b8ade4b8ade4), uint64(0xa9c3a9c3a9c3a9c3), ^uint64(0), uint64(0x7f7f7f7f7f7f7f7f))
	f.Fuzz(func(t *testing.T, w0, w1, w2, w3 uint64) {
		want := continuations(w0) + continuations(w1) + continuations(w2) + continuations(w3)
		if got := continuations4(w0, w1, w2, w3); got != want {
			t.Fatalf("continuations4(%#x, %#x, %#x, %#x) = %d, want %d", w0, w1, w2, w3, got, want)
		}
		if got, want := continuations2(w0, w1), continuations(w0)+continuations(w1); got != want {
			t.Fatalf("continuations2(%#x, %#x) = %d, want %d", w0, w1, got, want)
		}
	})
}
