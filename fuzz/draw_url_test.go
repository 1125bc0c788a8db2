package fuzz

import (
	"testing"
	"time"
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
