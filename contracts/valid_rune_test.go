package contracts

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// refClassMatch is runeClass.match as it was: every multibyte character decoded by the utf8
// package and looked up through has (the bitmap and binary search that
// TestRuneClassLookupIsTheLinearScan checks). It is the reference for match's in-line decoding.
func refClassMatch(rc *runeClass, s string) bool {
	if s == "" {
		return false
	}
	i := 0
	for t := &rc.ascii8; i+8 <= len(s); i += 8 {
		if t[s[i]]&t[s[i+1]]&t[s[i+2]]&t[s[i+3]]&t[s[i+4]]&t[s[i+5]]&t[s[i+6]]&t[s[i+7]] == 0 {
			break
		}
	}
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !rc.ascii[c] {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !rc.has(r) {
			return false
		}
		i += n
	}
	return true
}

// scatteredClass is a class of every ASCII character and a pseudo-random half of the rest, in
// runs of one to three characters, so that reading a neighbouring character, or the wrong
// width, changes the answer.
func scatteredClass(seed uint64) *runeClass {
	rnd := rand.New(rand.NewPCG(seed, seed))
	ranges := []rune{0, utf8.RuneSelf - 1}
	for r := rune(utf8.RuneSelf + rnd.IntN(3)); r <= utf8.MaxRune; {
		n := rune(1 + rnd.IntN(3))
		ranges = append(ranges, r, min(r+n-1, utf8.MaxRune))
		r += n + rune(1+rnd.IntN(3))
	}
	return newRuneClass(ranges)
}

// decodeInputs are strings around match's in-line decoding: each length's first and last
// character, overlong forms, surrogates, truncated and broken sequences, stray continuation
// bytes, sequences at the end, U+FFFD itself, the generators' characters.
var decodeInputs = []string{
	"\u0080", "\u07ff", "\u0800", "\uffff", "\U00010000", "\U0010ffff", "\ufffd", "é", "Ж", "٣", "あ", "中", "한",
	"𝒜", "\xc0\x80", "\xc1\xbf", "\xc2", "\xc2\x7f", "\xc2\xc0", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xe0\xa0",
	"\xe0\xa0\x7f", "\xed\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xee\x80\x80", "\xef\xbf", "\xf0\x90\x80",
	"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\x80", "\xbf\xbf", "a\xe4\xb8", "中\xe4\xb8", "é\x00",
	"myapp://cb98/_한é٣ééß", "\xe4\xb8\xad\x80", "abcdefgh中ijklmnop",
	// Around the bitmap's end (bitmapMax): the last character it holds, the first it does not.
	"😀", "\U0001fffe", "\U0001ffff", "\U00020000", "\U00020001", "a𝒜😀\U0001ffff\U00020000é",
}

// decodeClasses are the model's RedirectUrlType class and two scattered ones.
func decodeClasses(tb testing.TB) []*runeClass {
	s, ok := DefaultModel().Shape("RedirectUrlType")
	if !ok || s.class == nil {
		tb.Fatal("RedirectUrlType has no rune class")
	}
	return []*runeClass{s.class, scatteredClass(1), scatteredClass(2)}
}

func TestRuneClassDecodesAsUTF8(t *testing.T) {
	t.Parallel()
	classes := decodeClasses(t)
	check := func(s string) {
		for k, rc := range classes {
			if got, want := rc.match(s), refClassMatch(rc, s); got != want {
				t.Fatalf("class %d on %q (% x): match %v, utf8 reading %v", k, s, s, got, want)
			}
		}
	}
	for _, s := range decodeInputs {
		check(s)
	}
	// Every lead byte >= 0x80 with every second byte (every one the two- and three-byte paths
	// read; a few for the others), third bytes around the continuation range, whole and cut
	// after two bytes, alone and between other characters.
	var buf [4]byte
	for c := 0x80; c <= 0xFF; c++ {
		for c1 := 0; c1 <= 0xFF; c1++ {
			if (c < 0xC0 || c >= 0xF0) && c1&0x3F != 0 {
				continue
			}
			for _, c2 := range []byte{0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC0} {
				buf = [4]byte{byte(c), byte(c1), c2, 0xA5}
				check(string(buf[:]))
				check(string(buf[:2]))
				check("a" + string(buf[:3]) + "é")
			}
		}
	}
	// Four-byte lead bytes (and those past 0xF4) with every second byte, third and fourth
	// bytes around the continuation range, whole, cut after three bytes, and between others.
	for c := 0xF0; c <= 0xF8; c++ {
		for c1 := 0; c1 <= 0xFF; c1++ {
			for _, c2 := range []byte{0x41, 0x80, 0xBF, 0xC0} {
				for _, c3 := range []byte{0x7F, 0x80, 0x9C, 0xBF, 0xC0} {
					buf = [4]byte{byte(c), byte(c1), c2, c3}
					check(string(buf[:]))
					check(string(buf[:3]))
					check("ab" + string(buf[:]) + "中c")
				}
			}
		}
	}
}

// FuzzRuneClassDecode: go test -run '^$' -fuzz FuzzRuneClassDecode ./contracts
func FuzzRuneClassDecode(f *testing.F) {
	for _, s := range decodeInputs {
		f.Add(s)
	}
	classes := decodeClasses(f)
	f.Fuzz(func(t *testing.T, s string) {
		for k, rc := range classes {
			if got, want := rc.match(s), refClassMatch(rc, s); got != want {
				t.Fatalf("class %d on %q: match %v, utf8 reading %v", k, s, got, want)
			}
		}
	})
}

func TestOutsideSpanIsTheByteTest(t *testing.T) {
	t.Parallel()
	spans := [][2]byte{{0x21, 0x7E}, {0, 0x7F}, {'a', 'z'}, {'0', '0'}, {0x7F, 0x7F}, {0, 0}}
	probes := []byte{0, 1, 0x1F, 0x20, 0x21, 0x22, '0', '/', '1', 'a', 'z', '{', 0x60, 0x7D, 0x7E, 0x7F, 0x80, 0xC3, 0xFF}
	for _, sp := range spans {
		lo, hi := sp[0], sp[1]
		for _, fill := range probes {
			for pos := range 8 {
				for _, odd := range probes {
					var w [8]byte
					for k := range w {
						w[k] = fill
					}
					w[pos] = odd
					want := false
					for _, c := range w {
						want = want || c < lo || c > hi
					}
					word := uint64(0)
					for k := 7; k >= 0; k-- {
						word = word<<8 | uint64(w[k])
					}
					if got := outsideSpan(word, lo, hi); got != want {
						t.Fatalf("span %#x..%#x, word % x: %v, want %v", lo, hi, w, got, want)
					}
				}
			}
		}
	}
	s, _ := DefaultModel().Shape("RedirectUrlType")
	if !s.class.span || s.class.lo != 0x21 || s.class.hi != 0x7E {
		t.Fatalf("RedirectUrlType's ASCII members: span %v %#x..%#x, want 0x21..0x7e", s.class.span, s.class.lo, s.class.hi)
	}
}
