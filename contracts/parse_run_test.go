package contracts

import (
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// runBodies are bodies whose '[' come in runs (openRun): runs of every length around the
// eight-byte step, runs split by whitespace, runs below objects, and runs that reach the
// nesting limit exactly, pass it by one, or pass it far.
func runBodies() map[string]string {
	bodies := map[string]string{
		"run then empty":                 "[[[]]]",
		"run then space then empty":      "[[[ ]]]",
		"run split by whitespace":        "[[ [\n[\t[]]]]]",
		"run then scalar":                `[[[[[[[[[1]]]]]]]]]`,
		"run then object":                `[[[{"a":[[["b"]]]}]]]`,
		"runs as siblings":               `[[[[],[[[]]]],[[[[[[[[[]]]]]]]]]]`,
		"run cut":                        "[[[[[[[[[[",
		"run then invalid":               "[[[[[[[[[\xff",
		"run then bad byte":              "[[[[[[[[[x]",
		"run at the limit below objects": strings.Repeat(`{"a":`, 3) + strings.Repeat("[", maxDepth-3) + strings.Repeat("]", maxDepth-3) + "}}}",
		"run past the limit below objects": strings.Repeat(`{"a":`, 3) + strings.Repeat("[", maxDepth-2) +
			strings.Repeat("]", maxDepth-2) + "}}}",
		"runs split past the limit":   strings.Repeat("[[[ ", maxDepth/3+1) + strings.Repeat("]", maxDepth+3),
		"run far past the limit":      strings.Repeat("[", 3*maxDepth),
		"run at the limit then space": strings.Repeat("[", maxDepth) + " " + strings.Repeat("]", maxDepth),
		"run at the limit then one":   strings.Repeat("[", maxDepth) + " [" + strings.Repeat("]", maxDepth+1),
		"run past the limit, utf-8":   strings.Repeat("[", maxDepth+1) + "\"é\xc3\"",
		"object then run in a member": `{"a":1,"b":` + strings.Repeat("[", 17) + `"x"` + strings.Repeat("]", 17) + `}`,
	}
	for n := 1; n <= 18; n++ {
		bodies["run of "+strings.Repeat("[", n)] = strings.Repeat("[", n) + strings.Repeat("]", n)
	}
	return bodies
}

// depthFailure is where a recorded failure says a container is one too many (-1: another
// failure, or none).
func depthFailure(f failure) int {
	if f.kind != failDepth {
		return -1
	}
	return f.end
}

// refFailureOf is what the reference builder (one '[' at a time) records on a body; it records
// the nesting limit as the parser does (failDepth) and no other stop (failOther).
func refFailureOf(body string) failure {
	p := &refTree{}
	p.src = body
	p.ws()
	if _, ok := p.read(); ok {
		p.ws()
		if p.i < len(p.src) {
			p.failed = failure{kind: failTrailing, next: p.i}
		}
	}
	return p.failed
}

// TestOpenRunIsOneAtATime holds the parser, which opens a run of '[' in one step, to the
// reference builder that opens them one at a time: the same '[' found one too many
// (knownFailure reads the text from it), the same tree and error in every mode, and
// decodeBody's verdict and text.
func TestOpenRunIsOneAtATime(t *testing.T) {
	t.Parallel()
	for name, body := range runBodies() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			g.Expect(depthFailure(failureOf(body))).To(Equal(depthFailure(refFailureOf(body))))
			treeAgrees(g, body)
			agreeWithDecodeBody(g, []byte(body))
		})
	}
}

// TestBracketRunIsBytewise holds bracketRun to a byte loop from every start of edge texts.
func TestBracketRunIsBytewise(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	texts := []string{"", "[", "x", "[[[[[[[[", "[[[[[[[[[", "[[[[[[[x[[[[", "[[[[[[[[[[[[[[[[]",
		"[[[[[[[[\xff[[", "é[[[[[[[[[[[[", " [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "[\x00[[[[[[[[[[[[", "{[{[[[[[[[[[[["}
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			want := 0
			for i+want < len(s) && s[i+want] == '[' {
				want++
			}
			g.Expect(bracketRun(s, i)).To(Equal(want), "%q from %d", s, i)
		}
	}
}

// FuzzOpenRun: go test -run '^$' -fuzz FuzzOpenRun ./contracts
func FuzzOpenRun(f *testing.F) {
	for _, body := range runBodies() {
		if len(body) < 4000 {
			f.Add(body)
		}
	}
	f.Fuzz(func(t *testing.T, body string) {
		g := NewWithT(t)
		g.Expect(depthFailure(failureOf(body))).To(Equal(depthFailure(refFailureOf(body))))
		treeAgrees(g, body)
	})
}
