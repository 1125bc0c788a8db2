package contracts

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// strReference is shapeWalk.str as it was before countWithin: every string not counted as it
// was read is counted.
func (w *shapeWalk) strReference(s *Shape, c *Constraints, n *jnode) {
	v, sensitive := n.s, s.Sensitive
	if s.Type == "enum" && !contains(s.EnumValues, v) {
		w.add("enum", w.pathString(), "one of ["+strings.Join(s.EnumValues, ", ")+"]", showValue(v, sensitive), src(s))
		return
	}
	chars := float64(n.chars)
	if !n.counted {
		chars = float64(runeCount(v))
	}
	w.bounds("length", c.Length, chars, "characters", s)
	if !c.matchPattern(v) {
		w.add("pattern", w.pathString(), "a value matching "+c.Pattern, showValue(v, sensitive), src(s))
	}
}

// lengthTexts are texts of about n characters or n bytes for the length checks: ASCII, two-,
// three- and four-byte characters, invalid bytes, encoded surrogates, mixed, and each a
// character shorter and longer.
func lengthTexts(n int) []string {
	units := []string{"a", "é", "€", "😀", "\xff", "\xed\xa0\x80", "a€\xc3", "\\u0041", "\x01"}
	tails := []string{"", "a"}
	if n > 1<<12 { // a huge bound: one unit of each byte length and an invalid byte, no tail
		units, tails = []string{"a", "é", "€", "😀", "\xff"}, tails[:1]
	}
	var out []string
	for _, u := range units {
		for _, k := range []int{n - 1, n, n + 1, n / 2, n / 4, (n + 3) / 4, n/4 - 1, n/4 + 1, n/3 + 1, n / 3} {
			for _, tail := range tails {
				if k >= 0 {
					out = append(out, strings.Repeat(u, k)+tail)
				}
			}
		}
	}
	return out
}

// TestStrLengthAsCounted: a string's length findings are those of counting its characters
// (strReference) for every string shape of the model with a @length, texts around both
// bounds in every kind of byte (countWithin's ends: a byte a character, utf8.UTFMax bytes a
// character), counted as read or not, valid ones in a well-formed walk too (wellFormedChars),
// and with no bounds at all.
func TestStrLengthAsCounted(t *testing.T) {
	t.Parallel()
	seen := map[[2]int64]bool{} // shapes of the same bounds are checked once
	for _, s := range UpdateUserPoolClient.Model.Shapes() {
		if s.Type != "string" || s.Length == nil {
			continue
		}
		lo, hasLo := s.Length.MinInt()
		hi, hasHi := s.Length.MaxInt()
		if seen[[2]int64{lo, hi}] {
			continue
		}
		seen[[2]int64{lo, hi}] = true
		var sizes []int // lengthTexts(n) has texts of n/4..n+1 characters of 1..4 bytes
		if hasLo {
			sizes = append(sizes, int(lo), int(lo)*utf8.UTFMax)
		}
		if hasHi {
			sizes = append(sizes, int(hi))
		}
		sizes = append(sizes, 0, 1, 2, 5)
		for _, c := range []Constraints{{Length: s.Length}, {}} { // the length alone: no pattern
			for _, size := range sizes {
				for _, v := range lengthTexts(size) {
					for _, counted := range []bool{false, true} {
						n := jnode{kind: jString, s: v}
						if counted {
							n.counted, n.chars = true, uint32(utf8.RuneCountInString(v))
						}
						for _, wellFormed := range []bool{false, utf8.ValidString(v)} { // a decoded tree's strings are valid
							got, want := shapeWalk{wellFormed: wellFormed}, shapeWalk{}
							got.path, want.path = []wstep{{name: "P"}}, []wstep{{name: "P"}}
							got.str(s, &c, &n)
							want.strReference(s, &c, &n)
							if !slices.Equal(got.findings, want.findings) {
								t.Fatalf("%s %q (%d bytes, counted %v, well-formed %v): str %v, counting %v", s.Name, v, len(v), counted, wellFormed, got.findings, want.findings)
							}
							strFitsAgrees(t, wellFormed, s, &c, &n)
						}
					}
				}
			}
		}
	}
	if len(seen) == 0 {
		t.Fatal("no string shape with a @length in the model")
	}
}

// FuzzStrLength holds shapeWalk.str's length findings to strReference for any text and the
// model's ClientNameType bounds and none, in a well-formed walk when the text is valid UTF-8.
func FuzzStrLength(f *testing.F) {
	for _, v := range lengthTexts(5) {
		f.Add(v)
	}
	s, _ := UpdateUserPoolClient.Model.Shape("ClientNameType")
	f.Fuzz(func(t *testing.T, v string) {
		for _, c := range []Constraints{s.Constraints, {}} {
			n := jnode{kind: jString, s: v}
			got, want := shapeWalk{wellFormed: utf8.ValidString(v)}, shapeWalk{}
			got.str(s, &c, &n)
			want.strReference(s, &c, &n)
			if !slices.Equal(got.findings, want.findings) {
				t.Fatalf("%q: str %v, counting %v", v, got.findings, want.findings)
			}
			strFitsAgrees(t, got.wellFormed, s, &c, &n)
		}
	})
}

// strFitsAgrees: strFits answers for n, in a walk well-formed or not, whether str adds no
// finding for it (s: a shape of type "string", whose str checks @length and @pattern only).
func strFitsAgrees(t testing.TB, wellFormed bool, s *Shape, c *Constraints, n *jnode) {
	t.Helper()
	w := shapeWalk{wellFormed: wellFormed, path: []wstep{{name: "P"}}}
	w.str(s, c, n)
	if fits := w.strFits(c, n); fits != (len(w.findings) == 0) {
		t.Fatalf("%s %.80q (counted %v, well-formed %v): strFits %v, str %v", s.Name, n.s, n.counted, wellFormed, fits, w.findings)
	}
}

// TestStrFitsIsStr: strFits answers whether str adds no finding for every string shape of the
// model under its own constraints (@length and @pattern) and none, for texts around its bounds
// in every kind of byte (lengthTexts: multibyte, invalid UTF-8, a surrogate's encoding, an escape
// as text, a control character), values its pattern takes and leaves (URLs, names, spaces, line
// breaks), empty and huge, counted as read or not, in a well-formed walk when valid.
func TestStrFitsIsStr(t *testing.T) {
	t.Parallel()
	values := []string{"", "a", "https://a.example/cb", "http://localhost:8080/x", "email", "custom:tenant",
		"a b", "a\nb", "a\u0000", "https://é.example", `\ud83d\ude00`, "😀", "x\xffy", strings.Repeat("a", 70000)}
	fits, broken := 0, 0
	for _, s := range UpdateUserPoolClient.Model.Shapes() {
		if s.Type != "string" {
			continue
		}
		texts := append(lengthTexts(5), values...)
		if hi, ok := s.Length.MaxInt(); ok && hi <= 1<<12 {
			texts = append(texts, lengthTexts(int(hi))...)
		}
		for _, c := range []Constraints{s.Constraints, {Length: s.Length}, {}} {
			for _, v := range texts {
				for _, counted := range []bool{false, true} {
					n := jnode{kind: jString, s: v}
					if counted {
						n.counted, n.chars = true, uint32(utf8.RuneCountInString(v))
					}
					for _, wellFormed := range []bool{false, utf8.ValidString(v)} {
						strFitsAgrees(t, wellFormed, s, &c, &n)
					}
					w := shapeWalk{wellFormed: utf8.ValidString(v)}
					if w.strFits(&c, &n) {
						fits++
					} else {
						broken++
					}
				}
			}
		}
	}
	if fits == 0 || broken == 0 {
		t.Fatalf("%d texts fit, %d do not: both kinds wanted", fits, broken)
	}
}

// BenchmarkStrLength times shapeWalk.str in a well-formed walk (a decoded answer's) on names
// not counted as read under ClientNameType's @length next to strReference, which counts every
// one, alternating in one loop, and reports both and their ratio: short multibyte and ASCII at
// the bound (the bytes decide), multibyte at the bound (more bytes than the bound: counted by
// wellFormedChars). go test ./contracts -run '^$' -bench StrLength
func BenchmarkStrLength(b *testing.B) {
	s, _ := UpdateUserPoolClient.Model.Shape("ClientNameType")
	hi, _ := s.Length.MaxInt()
	c := Constraints{Length: s.Length}
	texts := map[string]string{"short": "café-ñandú-😀", "at-max": strings.Repeat("é", int(hi)), "ascii-max": strings.Repeat("a", int(hi))}
	for name, v := range texts {
		b.Run(name, func(b *testing.B) {
			n := jnode{kind: jString, s: v}
			const reps = 16 // rounds between two clock readings
			var fast, ref time.Duration
			w := shapeWalk{wellFormed: true}
			for b.Loop() {
				t0 := time.Now()
				for range reps {
					w.str(s, &c, &n)
				}
				t1 := time.Now()
				for range reps {
					w.strReference(s, &c, &n)
				}
				ref += time.Since(t1)
				fast += t1.Sub(t0)
			}
			if len(w.findings) > 0 {
				b.Fatal(w.findings)
			}
			per := float64(b.N * reps)
			b.ReportMetric(float64(fast.Nanoseconds())/per, "str-ns/op")
			b.ReportMetric(float64(ref.Nanoseconds())/per, "counting-ns/op")
			b.ReportMetric(float64(fast)/float64(ref), "str/counting")
		})
	}
}

// wellFormedTexts are valid UTF-8 texts for wellFormedChars: every mix of one- to four-byte
// characters of up to three characters at every offset of a word, long runs, empty.
func wellFormedTexts() []string {
	chars := []string{"a", "\x7f", "é", "\u07ff", "€", "\u2028", "\uffff", "😀", "\U0010ffff", "\x00"}
	out := []string{"", strings.Repeat("é€😀a", 5000)}
	for _, pre := range []string{"", "a", "abc", "abcdefg", "abcdefgh", "abcdefghijklmno"} {
		for _, a := range chars {
			for _, b := range chars {
				out = append(out, pre+a+b, pre+a+b+a+"x")
			}
		}
	}
	return out
}

// TestWellFormedCharsIsRuneCount: wellFormedChars counts valid UTF-8 as
// utf8.RuneCountInString does.
func TestWellFormedCharsIsRuneCount(t *testing.T) {
	t.Parallel()
	for _, v := range wellFormedTexts() {
		if got, want := wellFormedChars(v), int64(utf8.RuneCountInString(v)); got != want {
			t.Fatalf("%q: %d characters, utf8.RuneCountInString %d", v, got, want)
		}
	}
}

// FuzzWellFormedChars holds wellFormedChars to utf8.RuneCountInString for valid UTF-8.
func FuzzWellFormedChars(f *testing.F) {
	for _, v := range wellFormedTexts()[:40] {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if !utf8.ValidString(v) {
			v = strings.ToValidUTF8(v, "\uFFFD")
		}
		if got, want := wellFormedChars(v), int64(utf8.RuneCountInString(v)); got != want {
			t.Fatalf("%q: %d characters, utf8.RuneCountInString %d", v, got, want)
		}
	})
}
