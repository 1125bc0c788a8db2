package fuzz

import (
	"slices"
	"testing"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// enumAndNext draws member m's value with want w from a Source seeded with seed, through
// valueOf (boxes: the Generator's enums) or through an enumDraw without boxes (the former
// draw, its value boxed per draw), and returns it with the value drawn next.
func enumAndNext(g *Generator, m *contracts.Member, w want, seed int64, boxes bool) (any, bool, int64) {
	var v any
	var ok bool
	var next int64
	NewSource(seed).fill(drawFunc(func(r rnd) {
		if boxes {
			v, ok = g.valueOf(r, m, w, false)
		} else {
			d := &enumDraw{values: m.Target.EnumValues, want: w}
			d.fill(r)
			v, ok = d.out, d.ok
		}
		next = r.Int63()
	}))
	return v, ok, next
}

// An enum member's valid value is one of the values boxed once (Generator.enums): the same
// value, from the same draws, as an enumDraw without boxes, a string, and no allocation of its
// own; a near miss is boxed per draw as before. Every enum shape of the input is boxed, its
// values in order.
func TestEnumBoxesAsValues(t *testing.T) {
	g, err := NewGenerator(nil, testStates()...)
	if err != nil {
		t.Fatal(err)
	}
	var members []*contracts.Member
	var walk func(s *contracts.Shape, depth int)
	walk = func(s *contracts.Shape, depth int) {
		for _, m := range append(slices.Clone(s.Members), s.Member) {
			if m == nil || depth > 4 {
				continue
			}
			if m.Target.Type == "enum" {
				members = append(members, m)
			}
			walk(m.Target, depth+1)
		}
	}
	walk(g.input, 0)
	if len(members) == 0 || len(g.enums) == 0 {
		t.Fatalf("%d enum members, %d enum shapes boxed: want some", len(members), len(g.enums))
	}
	for _, m := range members {
		boxes, ok := g.enums[m.Target]
		if !ok || len(boxes) != len(m.Target.EnumValues) {
			t.Fatalf("%s: %d boxes for %d values", m.Name, len(boxes), len(m.Target.EnumValues))
		}
		for i, b := range boxes {
			if s, ok := b.(string); !ok || s != m.Target.EnumValues[i] {
				t.Fatalf("%s: box %d holds %#v, want %q", m.Name, i, b, m.Target.EnumValues[i])
			}
		}
		for seed := range int64(40) {
			for _, w := range []want{valid, nearMiss} {
				got, gotOK, gotNext := enumAndNext(g, m, w, seed, true)
				want, wantOK, wantNext := enumAndNext(g, m, w, seed, false)
				if s, isString := got.(string); !isString || s != want || gotOK != wantOK || gotNext != wantNext {
					t.Fatalf("%s, want %v, seed %d: %#v %v %d, enumDraw %q %v %d", m.Name, w, seed, got, gotOK, gotNext, want, wantOK, wantNext)
				}
			}
		}
	}
	m := members[0]
	r := continuation{lag: newLagSource(1)}
	var sink any
	if a := testing.AllocsPerRun(100, func() { sink, _ = g.valueOf(r, m, valid, false) }); a != 0 {
		t.Errorf("%v allocations drawing %s's valid value, want 0", a, m.Name)
	}
	_ = sink
}
