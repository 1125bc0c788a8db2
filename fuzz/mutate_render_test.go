package fuzz

import (
	"bytes"
	"testing"
)

// A raw case's body, rendered from the members its mutation's draw listed and from the texts
// the draw wrote (Generator.raw: mutation.render), is what apply renders from the request
// alone (listing the members itself, every value quoted): every kind, many seeds.
func TestRawBodyIsApply(t *testing.T) {
	t.Parallel()
	gen, err := NewGenerator(nil, testStates()...)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	src := NewSource(5)
	for i := range 400 {
		c := gen.DrawMode(src, Raw)
		kinds[c.mutation.kind] = true
		if want := c.mutation.apply(c.Request); !bytes.Equal(c.Body, want) {
			t.Fatalf("case %d %s: %q, apply %q", i, c.ID, c.Body, want)
		}
	}
	if len(kinds) != len(mutationKinds) {
		t.Fatalf("only %d kinds drawn: %v", len(kinds), kinds)
	}
}
