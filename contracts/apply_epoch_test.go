package contracts

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestEpochSecondsAgreesWithFormatFloat: the integer path writes what strconv.FormatFloat
// writes (refEpochSeconds, the reference Apply's), at the edges of its range, around whole seconds and on random instants.
func TestEpochSecondsAgreesWithFormatFloat(t *testing.T) {
	t.Parallel()
	ms := []int64{0, 1, 9, 10, 99, 100, 101, 110, 999, 1000, 1001, 1010, 1100, 1700000000000, 1700000000123,
		1700000000120, 1700000000100, 1777777777777, maxPlainEpochMillis - 1, maxPlainEpochMillis,
		maxPlainEpochMillis + 1, -1, -999, -1000, -1001, 1 << 53, -(1 << 53)}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		ms = append(ms, r.Int64N(maxPlainEpochMillis), r.Int64N(4e12))
	}
	for _, m := range ms {
		at := time.UnixMilli(m)
		if got, want := epochSeconds(at), string(refEpochSeconds(at)); got != want {
			t.Fatalf("epochSeconds(%d ms) = %s, strconv.FormatFloat = %s", m, got, want)
		}
		if got, want := appendEpochSeconds([]byte(`"x":`), at), `"x":`+string(refEpochSeconds(at)); string(got) != want {
			t.Fatalf("appendEpochSeconds(%d ms) after a prefix = %s, want %s", m, got, want)
		}
		if n := len(refEpochSeconds(at)); n > epochRoom {
			t.Fatalf("%d ms: %d bytes, epochRoom %d", m, n, epochRoom)
		}
	}
}

// epochSeconds is appendEpochSeconds' text as a string of its own.
func epochSeconds(t time.Time) string {
	var buf [epochRoom]byte
	return string(appendEpochSeconds(buf[:0], t))
}

func FuzzEpochSeconds(f *testing.F) {
	f.Add(int64(1700000000123))
	f.Add(int64(0))
	f.Add(int64(maxPlainEpochMillis - 1))
	f.Fuzz(func(t *testing.T, m int64) {
		at := time.UnixMilli(m)
		if got, want := epochSeconds(at), string(refEpochSeconds(at)); got != want {
			t.Fatalf("epochSeconds(%d ms) = %s, strconv.FormatFloat = %s", m, got, want)
		}
	})
}

func BenchmarkEpochSeconds(b *testing.B) {
	at := time.UnixMilli(1700000000123)
	b.Run("FormatFloat", func(b *testing.B) {
		for b.Loop() {
			_ = string(refEpochSeconds(at))
		}
	})
	b.Run("integer", func(b *testing.B) {
		for b.Loop() {
			_ = epochSeconds(at)
		}
	})
}
