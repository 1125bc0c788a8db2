package fuzz

import (
	"encoding/json"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// A seeded Source draws what gofuzz hands its custom fuzz function from the same seed
// (newGofuzzSource): the draws' seeded paths (lagSource's in-place reads: appendShortURL,
// appendBlock, appendRunes, continuation.Intn) against gofuzz's and math/rand's, whole cases of
// every mode, several cases from each Source.
func TestSeededDrawsAsGofuzz(t *testing.T) {
	t.Parallel()
	gen, err := NewGenerator(nil, testStates()...)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []Mode{0, Positive, Negative, Raw} {
		for seed := int64(-3); seed < 40; seed++ {
			seeded, ref := NewSource(seed), newGofuzzSource(seed)
			for i := range 4 {
				c, want := gen.DrawMode(seeded, m), gen.DrawMode(ref, m)
				if c.ID != want.ID || c.State != want.State || string(c.Body) != string(want.Body) {
					t.Fatalf("mode %v, seed %d, case %d: %s %q, gofuzz %s %q", m, seed, i, c.ID, c.Body, want.ID, want.Body)
				}
			}
		}
	}
}

// shortURLs draws n URLs of u (the model's URL member) with draw (appendShortURL or appendURLWith)
// from s, after skip values (refills inside the list), and returns their text and the value
// drawn next.
func shortURLs(u urlDraw, s *Source, draw func(u *urlDraw, dst []byte, r rnd, i int) []byte, n, skip int) (string, int64) {
	var text []byte
	var next int64
	s.fill(drawFunc(func(r rnd) {
		for range skip {
			r.Int63()
		}
		for i := range n {
			text = append(draw(&u, text, r, i), ' ')
		}
		next = r.Int63()
	}))
	return string(text), next
}

// urlDrawOfModel is the URL draw of the model's URL lists (CallbackURLs' entries).
func urlDrawOfModel(t testing.TB) urlDraw {
	gen, err := NewGenerator(nil, testStates()...)
	if err != nil {
		t.Fatal(err)
	}
	return gen.urlDrawOf(gen.sets.callbacks.entry)
}

func shortURL(u *urlDraw, dst []byte, r rnd, i int) []byte { return u.appendShortURL(dst, r.lag, i) }

func referenceURL(u *urlDraw, dst []byte, r rnd, i int) []byte {
	return u.appendURLWith(dst, r, i, false)
}

// appendShortURL draws the URLs appendURLWith draws through the continuation and appendMake,
// from the same source, and leaves it where appendURLWith does: indexes of one and two digits
// and beyond, buffer ends inside a URL.
func TestShortURLAsAppendURL(t *testing.T) {
	t.Parallel()
	u := urlDrawOfModel(t)
	for seed := range int64(8) {
		for _, skip := range []int{0, 1, lagBatch - 3, lagBatch - 1, 2*lagBatch + 5} {
			got, gotNext := shortURLs(u, NewSource(seed), shortURL, 120, skip)
			want, wantNext := shortURLs(u, NewSource(seed), referenceURL, 120, skip)
			if got != want || gotNext != wantNext {
				t.Fatalf("seed %d, skip %d:\n%s %d\nreference:\n%s %d", seed, skip, got, gotNext, want, wantNext)
			}
		}
	}
}

func FuzzShortURLAsAppendURL(f *testing.F) {
	f.Add(int64(1), uint8(3), uint16(0))
	f.Add(int64(-7), uint8(101), uint16(lagBatch-2))
	u := urlDrawOfModel(f)
	f.Fuzz(func(t *testing.T, seed int64, n uint8, skip uint16) {
		got, gotNext := shortURLs(u, NewSource(seed), shortURL, int(n), int(skip)%(3*lagBatch))
		want, wantNext := shortURLs(u, NewSource(seed), referenceURL, int(n), int(skip)%(3*lagBatch))
		if got != want || gotNext != wantNext {
			t.Fatalf("seed %d, %d URLs, skip %d: %q %d, reference %q %d", seed, n, skip, got, gotNext, want, wantNext)
		}
	})
}

// BenchmarkShortURL draws lists of 45 short URLs (a positive draw's mean) into one buffer with
// appendShortURL and with appendURLWith (the continuation and appendMake: the path every short
// URL took before) from the same source states, alternating which goes first: new-ns and
// former-ns, the fastest list of each, per URL, and ratio.
func BenchmarkShortURL(b *testing.B) {
	const urls = 45
	u := urlDrawOfModel(b)
	buf := make([]byte, 0, 64<<10)
	var best [2]time.Duration
	src := NewSource(1)
	for i := 0; b.Loop(); i++ {
		src.Reseed(int64(i % 64))
		snap := *src.lag
		for k := range 2 {
			v := (k + i) % 2
			*src.lag = snap
			draw := shortURL
			if v == 1 {
				draw = referenceURL
			}
			var d time.Duration
			src.fill(drawFunc(func(r rnd) {
				text := buf[:0]
				start := time.Now()
				for j := range urls {
					text = draw(&u, text, r, j)
				}
				d = time.Since(start)
			}))
			if best[v] == 0 || d < best[v] {
				best[v] = d
			}
		}
	}
	b.ReportMetric(float64(best[0].Nanoseconds())/urls, "new-ns/url")
	b.ReportMetric(float64(best[1].Nanoseconds())/urls, "former-ns/url")
	b.ReportMetric(float64(best[0])/float64(best[1]), "ratio")
}

// boxStringsCases are string lists whose boxes are compared with any(s): the edge cases of a
// string value (empty, multibyte, invalid UTF-8, surrogates as UTF-8, escapes, control
// characters, huge), the empty list and lists around the lengths of the arrays boxPiece boxes
// in (1, 2, 4, 8, 16 to maxPiece: a piece full, one short, one past, several, a URL list's
// longest and beyond), as a whole list and as a last piece.
var boxStringsCases = func() map[string][]string {
	cases := map[string][]string{
		"empty list": {},
		"one empty":  {""},
		"urls":       {"https://cb0.example.com/a", "http://localhost:8080/cb1/é世", "myapp://cb2/~"},
		"invalid":    {"\xff\xfe", "\xed\xa0\x80", "a\x00\x1f\x7f"},
		"escapes":    {`\u0041 "q" \\ <&>`, "\u2028\u2029", "🙂"},
		"huge":       {strings.Repeat("ab€", 100_000)},
	}
	for _, n := range []int{2, 3, 5, 9, 15, 16, 17, 22, 31, 32, 35, 63, 64, 99, 100, 127, maxPiece, 130, 2*maxPiece + 77} {
		ss := make([]string, n)
		for i := range ss {
			ss[i] = strings.Repeat("é\x00\xff<", i%5) + strconv.Itoa(i)
		}
		cases["list of "+strconv.Itoa(n)] = ss
	}
	return cases
}()

// TestBoxStringsIsAny: what boxStrings sets is the list of any(s): equal element by element,
// asserted and switched on as a string, rendered by marshal and encoding/json alike, and still
// so after a collection and once the list boxed from is overwritten (the boxes hold copies of
// the headers); the room past the strings is left as it was. A piece of any length boxPiece
// takes, a power of two or a list's last, is boxed in one allocation: reflect makes the
// interface of an element of an array that is not addressable without copying it, which its
// documentation does not promise (a Go release that copies makes one per string more, and
// fails this).
func TestBoxStringsIsAny(t *testing.T) {
	ss := make([]string, maxPiece)
	for i := range ss {
		ss[i] = strconv.Itoa(i)
	}
	out := make([]any, maxPiece)
	for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, maxPiece} { // each array boxArray boxes in
		if a := testing.AllocsPerRun(100, func() { boxPiece(out[:n], ss[:n]) }); a != 1 {
			t.Errorf("%v allocations boxing a piece of %d strings, want 1", a, n)
		}
	}
	t.Parallel() // after counting: the count is the process's
	for name, ss := range boxStringsCases {
		t.Run(name, func(t *testing.T) {
			want := make([]any, len(ss))
			for i, s := range ss {
				want[i] = s
			}
			src := slices.Clone(ss)
			got := make([]any, len(ss)+1)
			got[len(ss)] = 7
			boxStrings(got, src)
			clear(src)
			runtime.GC()
			if got[len(ss)] != 7 {
				t.Fatalf("the room past the strings holds %v", got[len(ss)])
			}
			got = got[:len(ss)]
			for i, v := range got {
				s, ok := v.(string)
				if _, isInt := v.(int); v != want[i] || !ok || s != ss[i] || isInt {
					t.Fatalf("%d: %q, want %q", i, v, want[i])
				}
			}
			js, err := json.Marshal(want)
			if err != nil {
				t.Fatal(err)
			}
			if g := marshal(got); string(g) != string(js) {
				t.Fatalf("marshal %q, encoding/json %q", g, js)
			}
			if g, w := marshal(map[string]any{"L": got}), marshal(map[string]any{"L": want}); string(g) != string(w) {
				t.Fatalf("in an object %q, want %q", g, w)
			}
		})
	}
}

// boxPieces is how many pieces boxStrings boxes n strings in: one per maxPiece strings, one
// for the rest's 16 when there is one, one for the last n%16.
func boxPieces(n int) int {
	pieces := n/maxPiece + n%maxPiece/16
	if n%16 > 0 {
		pieces++
	}
	return pieces
}

// TestBoxStringsPieces: boxStrings boxes n strings in boxPieces(n) allocations, taking the
// bytes the boxes of 16 strings each took (8840201: the last one the smallest array of 1, 2, 4,
// 8 or 16 strings that holds its n%16), for every n to past two pieces of maxPiece. A string's
// header is unsafe.Sizeof(""): 16 bytes on 64-bit, 8 on 32-bit. A piece of maxPiece takes over
// bytes more than two of 16: none on 64-bit (512 bytes, no malloc header); on 32-bit its 256
// bytes pass the 128 the runtime allocates without one (pointer size * pointer bits), and
// with the header's 8 round up to the 288 size class.
func TestBoxStringsPieces(t *testing.T) {
	ss := make([]string, 2*maxPiece+40)
	for i := range ss {
		ss[i] = strconv.Itoa(i)
	}
	out := make([]any, len(ss))
	over := uint64(0)
	if unsafe.Sizeof(uintptr(0)) == 4 {
		over = 288 - 256
	}
	var before, after runtime.MemStats
	for n := 1; n <= len(ss); n++ {
		if a := testing.AllocsPerRun(5, func() { boxStrings(out[:n], ss[:n]) }); a != float64(boxPieces(n)) {
			t.Fatalf("%d strings: %v allocations, want %d", n, a, boxPieces(n))
		}
		last := n % 16
		if last > 2 {
			last = 1 << bits.Len(uint(last-1)) // 4, 8 or 16
		}
		want := uint64(unsafe.Sizeof(""))*uint64(n/16*16+last) + over*uint64(n/maxPiece)
		got := uint64(math.MaxUint64)
		for range 3 { // the fewest: another goroutine's allocations only add
			runtime.ReadMemStats(&before)
			boxStrings(out[:n], ss[:n])
			runtime.ReadMemStats(&after)
			got = min(got, after.TotalAlloc-before.TotalAlloc)
		}
		if got != want {
			t.Fatalf("%d strings: %d bytes, want %d", n, got, want)
		}
	}
}

func FuzzBoxStrings(f *testing.F) {
	f.Add("https://cb0.example.com/a", "", uint8(3))
	f.Add("\xff", "é世🙂\u2028", uint8(17))
	f.Add("\"\\\x01", "\xed\xa0\x80", uint8(40))
	f.Fuzz(func(t *testing.T, a, b string, n uint8) {
		ss := make([]string, n)
		for i := range ss {
			ss[i] = []string{a, b, a + b}[i%3]
		}
		got := make([]any, len(ss))
		boxStrings(got, slices.Clone(ss))
		runtime.GC()
		for i, v := range got {
			if v != any(ss[i]) {
				t.Fatalf("%d of %d: %q, want %q", i, n, v, ss[i])
			}
		}
	})
}

// formerList is urlDraw.list as it was at e29d0ec: its text and ends in room on the stack
// (zeroed per list) and every URL boxed by any(s), an allocation each (now boxStrings' pieces);
// its URLs are drawn by appendURL as list's are.
func formerList(u *urlDraw, r rnd, n int, edges bool) []any {
	var tb [4096]byte
	var eb [128]int
	text, ends := append(tb[:0], '['), eb[:0]
	for i := range n {
		if i > 0 {
			text = append(text, ',')
		}
		text = u.appendURL(append(text, '"'), r, i, edges)
		ends = append(ends, len(text))
		text = append(text, '"')
	}
	all, start := string(append(text, ']')), 2
	out := make([]any, n)
	for i, end := range ends {
		out[i], start = all[start:end], end+3
	}
	if u.plain {
		r.texts.add(out, all)
	}
	return out
}

// TestListAsFormer: urlDraw.list draws the lists formerList draws (the same URLs, list text
// and source left in the same place), short and at the edges, 0 to 130 URLs.
func TestListAsFormer(t *testing.T) {
	t.Parallel()
	u := urlDrawOfModel(t)
	for seed := range int64(6) {
		for _, n := range []int{0, 1, 2, 15, 16, 17, 45, 99, 100, 101, 130} {
			for _, edges := range []bool{false, true} {
				var got, want []any
				var gotNext, wantNext int64
				s := NewSource(seed)
				s.fill(drawFunc(func(r rnd) { got, gotNext = u.list(r, n, edges), r.Int63() }))
				gotTexts := slices.Clone(s.texts.lists)
				s = NewSource(seed)
				s.fill(drawFunc(func(r rnd) { want, wantNext = formerList(&u, r, n, edges), r.Int63() }))
				if !slices.Equal(got, want) || gotNext != wantNext || len(gotTexts) != len(s.texts.lists) {
					t.Fatalf("seed %d, %d URLs, edges %v: %q %d, former %q %d", seed, n, edges, got, gotNext, want, wantNext)
				}
				for i, l := range gotTexts {
					if l.text != s.texts.lists[i].text {
						t.Fatalf("seed %d, %d URLs: text %q, former %q", seed, n, l.text, s.texts.lists[i].text)
					}
				}
			}
		}
	}
}

// TestListWithoutTexts: a continuation without texts (a test's) draws the lists formerList
// draws with one, short and at the edges, and the list allocates only its text, itself and its
// boxes (listOnStack: no scratch room made for one list).
func TestListWithoutTexts(t *testing.T) {
	u := urlDrawOfModel(t)
	const n = 45
	r := continuation{lag: NewSource(5).lag}
	if a, want := testing.AllocsPerRun(50, func() { u.list(r, n, false) }), 2+boxPieces(n); a != float64(want) {
		t.Fatalf("%v allocations a list of %d URLs, want %d", a, n, want)
	}
	t.Parallel() // after counting: the count is the process's
	for seed := range int64(4) {
		for _, n := range []int{1, 16, 17, 45, 100, 130} {
			for _, edges := range []bool{false, true} {
				s, ref := continuation{lag: NewSource(seed).lag}, continuation{lag: NewSource(seed).lag}
				got, want := u.list(s, n, edges), formerList(&u, ref, n, edges)
				if gotNext, wantNext := s.Int63(), ref.Int63(); !slices.Equal(got, want) || gotNext != wantNext {
					t.Fatalf("seed %d, %d URLs, edges %v: %q %d, former %q %d", seed, n, edges, got, gotNext, want, wantNext)
				}
			}
		}
	}
}

// TestListScratchIsBounded: a Source keeps its URL lists' scratch room from list to list (the
// same memory) while it stays within maxURLText and maxURLEnds, grown or not; a list that grows
// it past them (long URLs, or many short ones) leaves none, and the next list makes the usual
// room (urlTextRoom, urlEndsRoom). Every list is formerList's from the same source.
func TestListScratchIsBounded(t *testing.T) {
	t.Parallel()
	u := urlDrawOfModel(t)
	s, ref := NewSource(9), NewSource(9)
	draw := func(n int, edges bool) int {
		var got, want []any
		s.fill(drawFunc(func(r rnd) { got = u.list(r, n, edges) }))
		ref.fill(drawFunc(func(r rnd) { want = formerList(&u, r, n, edges) }))
		if !slices.Equal(got, want) {
			t.Fatalf("%d URLs, edges %v: %q, former %q", n, edges, got, want)
		}
		s.texts.reset()
		ref.texts.reset()
		size := 1 + 3*n // the brackets, quotes and commas
		for _, v := range got {
			size += len(v.(string))
		}
		return size
	}
	room := func() (int, int) { return cap(s.texts.urlText), cap(s.texts.urlEnds) }
	usual := func(when string) {
		if text, ends := room(); text != urlTextRoom || ends != urlEndsRoom {
			t.Fatalf("%s: room for %d bytes and %d ends, want %d and %d", when, text, ends, urlTextRoom, urlEndsRoom)
		}
	}
	draw(45, false)
	usual("first list")
	first := &s.texts.urlText[:1][0]
	draw(3, false)
	if &s.texts.urlText[:1][0] != first {
		t.Fatal("a list that fits the room made another")
	}
	if size := draw(200, false); size <= urlTextRoom {
		t.Fatalf("200 short URLs take %d bytes: the room did not grow", size)
	}
	if text, ends := room(); text <= urlTextRoom || text > maxURLText || ends <= urlEndsRoom || ends > maxURLEnds {
		t.Fatalf("after 200 short URLs: room for %d bytes and %d ends, want it grown and kept", text, ends)
	}
	for _, l := range []struct {
		n     int
		edges bool
	}{{60, true}, {maxURLEnds + 1, false}} {
		if size := draw(l.n, l.edges); size <= maxURLText {
			t.Fatalf("%d URLs (edges %v) take %d bytes: not past maxURLText", l.n, l.edges, size)
		}
		if text, ends := room(); text != 0 || ends != 0 {
			t.Fatalf("after %d URLs (edges %v): room for %d bytes and %d ends kept", l.n, l.edges, text, ends)
		}
		draw(2, false)
		usual("the list after a dropped room")
	}
}

// BenchmarkURLList draws lists of 45 short URLs (a positive draw's mean) with urlDraw.list and
// formerList from the same source states, alternating which goes first: the mean time per
// list of each without its slowest 2% (new-ns, former-ns) and ratio; the collections the
// boxes cause are paid inside the timings.
func BenchmarkURLList(b *testing.B) {
	const urls = 45
	u := urlDrawOfModel(b)
	src := NewSource(1)
	var ds [2][]time.Duration
	var sink []any
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			v := (k + i) % 2
			src.Reseed(int64(i % 64))
			src.fill(drawFunc(func(r rnd) {
				start := time.Now()
				if v == 0 {
					sink = u.list(r, urls, false)
				} else {
					sink = formerList(&u, r, urls, false)
				}
				ds[v] = append(ds[v], time.Since(start))
			}))
			src.texts.reset()
		}
	}
	_ = sink
	reportTrimmedMeans(b, ds)
}

// TestURLPrefixTextsAsAppendURLPrefix: the Generator's prefix texts are appendURLPrefix's, for
// every kind and index of the longest URL list and one more (a list broken too long), and an
// index past them is written by appendURLPrefix; each of them has a room (urlPrefixSlot) that
// holds the same text, its length in its last byte.
func TestURLPrefixTextsAsAppendURLPrefix(t *testing.T) {
	t.Parallel()
	gen, err := NewGenerator(nil, testStates()...)
	if err != nil {
		t.Fatal(err)
	}
	n := max(gen.sets.callbacks.hi, gen.sets.logouts.hi) + 1
	for k := range urlPrefixes {
		if texts, slots := gen.urlPrefixes.texts[k], gen.urlPrefixes.slots[k]; len(texts) != n || len(slots) != n {
			t.Fatalf("kind %d: %d prefixes, %d rooms, want %d", k, len(texts), len(slots), n)
		}
		for i, slot := range gen.urlPrefixes.slots[k] {
			if got := string(slot[:slot[urlPrefixRoom-1]]); got != gen.urlPrefixes.texts[k][i] {
				t.Fatalf("kind %d, index %d: room %q, text %q", k, i, got, gen.urlPrefixes.texts[k][i])
			}
		}
		for i := range n + 120 {
			want, _ := appendURLPrefix([]byte("x"), k, i)
			if got := gen.urlPrefixes.appendPrefix([]byte("x"), k, i); string(got) != string(want) {
				t.Fatalf("kind %d, index %d: %q, want %q", k, i, got, want)
			}
		}
	}
}
