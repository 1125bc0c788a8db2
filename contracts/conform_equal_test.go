package contracts

import (
	"encoding/json"
	"strings"
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

// sameTextTexts are JSON values for the comparison of two trees read from texts: lists and
// objects as sent and echoed, the same value written otherwise (spaces, escapes, number forms,
// order, duplicates), containers of every kind, multibyte, escaped and control characters,
// lone surrogates, invalid UTF-8 (which the one-pass readers refuse: encoding/json's tree).
var sameTextTexts = []string{
	`["https://a.example/cb","https://b.example/x"]`, `["https://b.example/x","https://a.example/cb"]`,
	`[ "https://a.example/cb" , "https://b.example/x" ]`, `["https:\/\/a.example\/cb","https://b.example/x"]`,
	`[]`, `[ ]`, `{}`, `[[]]`, `[{}]`, `[null]`, `[1,2]`, `[1.0,2]`, `[2,1]`, `[1e0,2]`, `["1",2]`,
	`{"a":1,"b":[true,false]}`, `{"b":[false,true],"a":1.0}`, `{"a":1,"a":2}`, `{"a":2}`, `{"a":null}`,
	`{"AccessToken":"hours","IdToken":"minutes"}`, `{"IdToken":"minutes","AccessToken":"hours"}`,
	`["é日本😀"]`, `["\u00e9\u65e5\u672c\ud83d\ude00"]`, `["\ud800"]`, `["\ufffd"]`, `["\u0001\n\t"]`,
	"[\"\xff\"]", "[\"\xef\xbf\xbd\"]", `[["a","b"],["b","a"]]`, `[["b","a"],["a","b"]]`, `["a","a","b"]`, `["b","a"]`,
	`{"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":0}}`, `"s"`, `1`, `true`, `null`,
}

// treesOf are the trees the checks compare for a text: the answer's reader (decodeNode, or
// encoding/json's tree where it does not read the text), Parse's (the request's), encoding/json's
// (fromAny, raw re-encoded), a tree of Go values without raw texts (treeOf) and, for a
// container, the node the echo decode makes of it in an answer (nodeDecoder.echoed: Parse's kids,
// the text in other memory), which sameKids takes as Parse's tree.
func treesOf(t *testing.T, text string) []jnode {
	t.Helper()
	v, err := decodeAny([]byte(text))
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	trees := []jnode{fromAny(v), treeOf(v)}
	if n, err := decodeTree([]byte(text)); err == nil {
		trees = append(trees, n)
	}
	if n, err := parseJSON([]byte(text)); err == nil {
		trees = append(trees, n)
		if n.kind == jArray || n.kind == jObject {
			trees = append(trees, jnode{kind: n.kind, raw: strings.Clone(n.raw), kids: n.kids})
		}
	}
	return trees
}

// sameValueAgrees: sameValue of any two trees read from a and b (their raw texts the same or
// not) is encoding/json's comparison of the values (refSameValue).
func sameValueAgrees(t *testing.T, a, b string) {
	t.Helper()
	va, errA := decodeAny([]byte(a))
	vb, errB := decodeAny([]byte(b))
	if errA != nil || errB != nil {
		return
	}
	want := refSameValue(nil, va, vb)
	ta, tb := treesOf(t, a), treesOf(t, b)
	pairs := [][2][]jnode{{ta, tb}}
	if a == b { // and one text's trees with themselves, the echo node sharing Parse's kids (sameKids)
		pairs = append(pairs, [2][]jnode{ta, ta})
	}
	for _, p := range pairs {
		for i, x := range p[0] {
			for j, y := range p[1] {
				if got := sameValue(nil, &x, &y); got != want {
					t.Fatalf("%q (tree %d) vs %q (tree %d): sameValue %v, encoding/json's values %v", a, i, b, j, got, want)
				}
			}
		}
	}
}

// Two trees read from the same text are the same value without a walk of their kids
// (sameText), whichever readers read them, and trees of different texts are compared as
// before: sameValue is refSameValue over every pair of texts, each read every way.
func TestSameValueOfTexts(t *testing.T) {
	t.Parallel()
	taken := 0
	for _, a := range sameTextTexts {
		for _, b := range sameTextTexts {
			sameValueAgrees(t, a, b)
		}
		n, err1 := decodeTree([]byte(a))
		p, err2 := parseJSON([]byte(a))
		if err1 == nil && err2 == nil && (n.kind == jArray || n.kind == jObject) && sameText(&n, &p) {
			taken++ // the answer's and the request's trees of one container text
		}
	}
	if taken < 20 {
		t.Fatalf("sameText took %d texts read by both readers", taken)
	}
}

func FuzzSameValueOfTexts(f *testing.F) {
	for i, a := range sameTextTexts {
		f.Add(a, a)
		f.Add(a, sameTextTexts[(i+1)%len(sameTextTexts)])
	}
	f.Fuzz(func(t *testing.T, a, b string) { sameValueAgrees(t, a, b) })
}
