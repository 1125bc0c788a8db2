package fuzz

import (
	"strconv"
	"testing"
)

// urlAndNext draws the i-th URL of u with draw from s, and returns it with the value drawn next.
func urlAndNext(u *urlDraw, s *Source, draw func(r rnd) string) (string, int64) {
	var url string
	var next int64
	s.fill(drawFunc(func(r rnd) {
		url = draw(r)
		next = r.Int63()
	}))
	return url, next
}

// longURLSeed is the first seed from which urlDraw.url(r, 3, true) draws a URL longer than the
// stack's room (shortURLRoom), which TestURLAsAppendURL counts the allocations of.
func longURLSeed(t *testing.T, u *urlDraw) int64 {
	for seed := range int64(100) {
		if url, _ := urlAndNext(u, NewSource(seed), func(r rnd) string { return u.url(r, 3, true) }); len(url) > shortURLRoom {
			return seed
		}
	}
	t.Fatal("no long URL drawn from seeds 0 to 99")
	return 0
}

// urlDraw.url draws the URL appendURL appends, from the same source, and leaves it where
// appendURL does: short URLs (on the stack) and URLs at the length edges (in a scratch buffer:
// up to RedirectUrlType's maximum, past repeatBlock and past the stack's former room), from
// seeded Sources and from Sources of bytes; a URL at an edge allocates its string alone.
func TestURLAsAppendURL(t *testing.T) {
	u := urlDrawOfModel(t)
	room := make([]byte, 0, 64<<10)
	seed := longURLSeed(t, &u)
	src := NewSource(seed)
	allocs := func(draw func(r rnd) string) float64 {
		return testing.AllocsPerRun(100, func() { src.Reseed(seed); urlAndNext(&u, src, draw) })
	}
	scratch := allocs(func(r rnd) string { u.appendURL(room[:0], r, 3, true); return "" })
	if a := allocs(func(r rnd) string { return u.url(r, 3, true) }); a != scratch+1 {
		t.Errorf("%v allocations drawing a URL at an edge, want %v (the URL)", a, scratch+1)
	}
	t.Parallel() // after counting: the count is the process's
	sources := map[string]func(seed int64) *Source{
		"seeded": NewSource,
		"bytes":  func(seed int64) *Source { return NewFromGoFuzz([]byte(strconv.FormatInt(seed*7919, 2))) },
	}
	lengths := map[int]bool{}
	for name, src := range sources {
		for seed := range int64(60) {
			for _, i := range []int{0, 7, 42, 120} {
				for _, edges := range []bool{false, true} {
					got, gotNext := urlAndNext(&u, src(seed), func(r rnd) string { return u.url(r, i, edges) })
					want, wantNext := urlAndNext(&u, src(seed), func(r rnd) string { return string(u.appendURL(nil, r, i, edges)) })
					if got != want || gotNext != wantNext {
						t.Fatalf("%s seed %d, URL %d, edges %v: %q %d, appendURL %q %d", name, seed, i, edges, got, gotNext, want, wantNext)
					}
					lengths[len(got)/shortURLRoom] = true
				}
			}
		}
	}
	if !lengths[0] || len(lengths) < 3 {
		t.Fatalf("URL lengths (in rooms of %d bytes) %v: want short ones and ones past the room", shortURLRoom, lengths)
	}
}
