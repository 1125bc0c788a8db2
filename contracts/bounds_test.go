package contracts

import (
	"encoding/json"
	"math"
	"testing"
)

// roundedRef is MinInt and MaxInt as they were, rounding Min and Max at each call, and breaks
// from them: the reference of the integer limits UnmarshalJSON works out once.
func roundedRef(b *Bounds) (lo int64, hasLo bool, hi int64, hasHi bool) {
	if b != nil && b.Min != nil {
		lo, hasLo = int64(math.Ceil(*b.Min)), true
	}
	if b != nil && b.Max != nil {
		hi, hasHi = int64(math.Floor(*b.Max)), true
	}
	return lo, hasLo, hi, hasHi
}

// TestBoundsIntsAreRounded holds MinInt, MaxInt, outside and breaks of bounds read from JSON
// (integer limits worked out once, boundInts) and of the same bounds made by hand (rounded at
// each call) to the reference: every @length and @range of the embedded model, and bounds
// with fractions, negatives, zero, one side, none, min above max, values past int64.
func TestBoundsIntsAreRounded(t *testing.T) {
	t.Parallel()
	var read []*Bounds
	for _, s := range DefaultModel().shapes {
		for _, b := range []*Bounds{s.Length, s.Range} {
			if b != nil {
				if !b.ints.read {
					t.Fatalf("%s: bounds read from the model without their integer limits", s.Name)
				}
				read = append(read, b)
			}
		}
	}
	for _, text := range []string{`{}`, `{"min":1}`, `{"max":128}`, `{"min":0,"max":0}`, `{"min":1.5,"max":2.5}`,
		`{"min":-1.5,"max":-0.5}`, `{"min":5,"max":3}`, `{"min":-1e30,"max":1e30}`, `{"max":9.3e18}`, `{"min":-0.0}`} {
		var b Bounds
		if err := json.Unmarshal([]byte(text), &b); err != nil {
			t.Fatal(text, err)
		}
		read = append(read, &b)
	}
	if len(read) < 20 {
		t.Fatalf("only %d bounds", len(read))
	}
	counts := []int64{math.MinInt64, -2, -1, 0, 1, 2, 3, 4, 5, 127, 128, 129, 131072, 131073, math.MaxInt64}
	check := func(b *Bounds, name string) {
		t.Helper()
		lo, hasLo, hi, hasHi := roundedRef(b)
		gotLo, gotHasLo := b.MinInt()
		gotHi, gotHasHi := b.MaxInt()
		if gotLo != lo || gotHasLo != hasLo || gotHi != hi || gotHasHi != hasHi {
			t.Fatalf("%s %+v: MinInt %d %v, MaxInt %d %v; want %d %v, %d %v", name, b, gotLo, gotHasLo, gotHi, gotHasHi, lo, hasLo, hi, hasHi)
		}
		for _, m := range counts {
			for _, n := range counts {
				if m > n {
					continue
				}
				want := hasHi && n > hi || hasLo && m < lo
				if got := b.breaks(m, n); got != want {
					t.Fatalf("%s %+v: breaks(%d, %d) = %v", name, b, m, n, got)
				}
				if m == n && b.outside(n) != want {
					t.Fatalf("%s %+v: outside(%d) = %v", name, b, n, !want)
				}
			}
		}
	}
	check(nil, "nil")
	for _, b := range read {
		check(b, "read")
		check(&Bounds{Min: b.Min, Max: b.Max}, "made")
	}
}

// FuzzBoundsIntsAreRounded: bounds of fuzzed limits (each side present or not) read from JSON
// answer MinInt, MaxInt, breaks and outside as the same bounds made by hand and the former
// rounding. go test -run '^$' -fuzz FuzzBoundsIntsAreRounded ./contracts
func FuzzBoundsIntsAreRounded(f *testing.F) {
	f.Add(1.0, 128.0, true, true, int64(0), int64(129))
	f.Add(1.5, 2.5, true, true, int64(2), int64(2))
	f.Add(5.0, 3.0, true, true, int64(4), int64(4))
	f.Add(-0.5, 0.0, true, false, int64(-1), int64(0))
	f.Add(0.0, 9.3e18, false, true, int64(math.MinInt64), int64(math.MaxInt64))
	f.Fuzz(func(t *testing.T, min, max float64, hasMin, hasMax bool, lo, hi int64) {
		if math.IsNaN(min) || math.IsInf(min, 0) || math.IsNaN(max) || math.IsInf(max, 0) {
			return // not a JSON number
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		made := &Bounds{}
		if hasMin {
			made.Min = &min
		}
		if hasMax {
			made.Max = &max
		}
		text, err := json.Marshal(struct {
			Min *float64 `json:"min,omitempty"`
			Max *float64 `json:"max,omitempty"`
		}{made.Min, made.Max})
		if err != nil {
			t.Fatal(err)
		}
		var read Bounds
		if err := json.Unmarshal(text, &read); err != nil {
			t.Fatal(text, err)
		}
		rlo, rhasLo, rhi, rhasHi := roundedRef(made)
		for _, b := range []*Bounds{&read, made} {
			gotLo, gotHasLo := b.MinInt()
			gotHi, gotHasHi := b.MaxInt()
			if gotLo != rlo || gotHasLo != rhasLo || gotHi != rhi || gotHasHi != rhasHi {
				t.Fatalf("%s (read %v): MinInt %d %v, MaxInt %d %v; want %d %v, %d %v", text, b.ints.read, gotLo, gotHasLo, gotHi, gotHasHi, rlo, rhasLo, rhi, rhasHi)
			}
			want := rhasHi && hi > rhi || rhasLo && lo < rlo
			if b.breaks(lo, hi) != want || b.outside(lo) != (rhasHi && lo > rhi || rhasLo && lo < rlo) {
				t.Fatalf("%s (read %v): breaks(%d, %d) = %v, want %v", text, b.ints.read, lo, hi, !want, want)
			}
		}
	})
}
