package fuzz

import (
	"testing"
)

// tokenBoxSink keeps TestTokenWindowBoxIsAny's boxes from being optimized away.
var tokenBoxSink any

// tokenWindow.box is any(v) for every value of the windows' draws: the edges from the boxes
// made once (no allocation, values of 256 and more among them), any other value boxed now;
// windows of one value, of two, and the model's, in every unit.
func TestTokenWindowBoxIsAny(t *testing.T) {
	g, err := NewGenerator(nil, testStates()...)
	if err != nil {
		t.Fatal(err)
	}
	var windows []tokenWindow
	for _, tk := range g.sets.tokens {
		windows = append(append(windows, tk.inDefault), tk.inUnits...)
	}
	for _, span := range [][2]int64{{7, 7}, {300, 301}, {255, 256}, {0, 1 << 40}} {
		windows = append(windows, newTokenWindow(intDraw{lo: span[0], hi: span[1], want: valid}, true))
	}
	large := false
	for _, w := range windows {
		if !w.ok {
			continue
		}
		d := w.d
		for _, v := range []int64{d.lo, d.hi, d.lo + 1, d.hi - 1, (d.lo + d.hi) / 2, d.lo - 1, d.hi + 1, 0} {
			if got := w.box(v); got != any(v) {
				t.Fatalf("window [%d, %d]: box(%d) = %#v", d.lo, d.hi, v, got)
			}
		}
		for _, e := range w.edges {
			large = large || e >= 256
			if a := testing.AllocsPerRun(20, func() { tokenBoxSink = w.box(e) }); a != 0 {
				t.Fatalf("window [%d, %d]: %v allocations boxing its edge %d", d.lo, d.hi, a, e)
			}
		}
	}
	if !large {
		t.Fatal("no edge of 256 or more: the boxes save nothing")
	}
}
