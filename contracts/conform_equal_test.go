package contracts

import (
	"encoding/json"
	"testing"

	. "github.com/onsi/gomega"
)

// sameSetReference is the definition sameSet implements faster: subset both ways, over the
// values encoding/json decodes (refSubset, the map[string]any comparison).
func sameSetReference(a, b []any) bool { return refSubset(nil, a, b) && refSubset(nil, b, a) }

// nodeSameSet is sameSet over the trees of two decoded lists.
func nodeSameSet(a, b []any) bool {
	x, y := fromAny(a), fromAny(b)
	return sameSet(nil, x.kids, y.kids)
}

// listOf builds a list from bytes, each byte one of a few JSON values that compare in every
// way sameValue knows (equal strings, 1 and 1.0, booleans, null, nested lists).
func listOf(bs []byte) []any {
	vals := []any{"a", "b", "c", json.Number("1"), json.Number("1.0"), true, nil, []any{"a", "b"}, []any{"b", "a"}, "1"}
	out := []any{}
	for _, b := range bs {
		out = append(out, vals[int(b)%len(vals)])
	}
	return out
}

func TestSameSet(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		a, b []any
		want bool
	}{
		// Lists compare as sets (conform_equal.go: the service prints lists in its own order).
		"same order":       {[]any{"a", "b"}, []any{"a", "b"}, true},
		"reordered":        {[]any{"a", "b"}, []any{"b", "a"}, true},
		"duplicate":        {[]any{"a", "a", "b"}, []any{"b", "a"}, true},
		"missing":          {[]any{"a", "b"}, []any{"a"}, false},
		"extra":            {[]any{"a"}, []any{"a", "c"}, false},
		"numbers by value": {[]any{json.Number("1"), json.Number("2")}, []any{json.Number("2.0"), json.Number("1")}, true},
		"string vs number": {[]any{"1"}, []any{json.Number("1")}, false},
		"empty":            {[]any{}, []any{}, true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			g.Expect(nodeSameSet(tc.a, tc.b)).To(Equal(tc.want))
			g.Expect(sameSetReference(tc.a, tc.b)).To(Equal(tc.want))
		})
	}
}

func FuzzSameSet(f *testing.F) {
	f.Add([]byte{0, 1, 2}, []byte{2, 1, 0})
	f.Add([]byte{3, 0}, []byte{4, 0, 0})
	f.Add([]byte{7}, []byte{8})
	f.Add([]byte{9}, []byte{3})
	f.Fuzz(func(t *testing.T, x, y []byte) {
		a, b := listOf(x), listOf(y)
		if got, want := nodeSameSet(a, b), sameSetReference(a, b); got != want {
			t.Fatalf("%v vs %v: sameSet %v, subset both ways %v", a, b, got, want)
		}
	})
}
