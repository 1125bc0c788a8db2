package contracts

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	. "github.com/onsi/gomega"
)

// TestSpareParserOutlivesCollections: the parser kept as spareParser keeps the stacks a body
// nested 1900 deep grew (as the fuzzer draws deep-nesting cases under the limit) through
// garbage collections, so the same body parsed after two collections allocates what it does
// without them, its tree's slab, where a parser from sync.Pool would be a new one growing its
// stacks again; a parser whose stacks passed spareRecords is not kept as the spare.
func TestSpareParserOutlivesCollections(t *testing.T) {
	g := NewWithT(t)
	deep := `{"AllowedOAuthScopes":` + strings.Repeat("[", 1900) + strings.Repeat("]", 1900) + `}`
	parse := func() {
		if _, err := parseText(deep, false, nil); err != nil {
			t.Fatal(err)
		}
	}
	parse()
	warm := testing.AllocsPerRun(20, parse)
	collected := testing.AllocsPerRun(20, func() {
		runtime.GC()
		runtime.GC()
		parse()
	})
	g.Expect(warm).To(BeNumerically("==", 1), "allocations of a parse: its slab")
	g.Expect(collected).To(Equal(warm), "allocations of a parse after two collections")

	big := getParser()
	big.pend = make([]pend, 0, spareRecords+1)
	other := getParser()
	putParser(big)
	g.Expect(spareParser.Load()).NotTo(BeIdenticalTo(big), "a parser with stacks past spareRecords")
	putParser(other)
	g.Expect(spareParser.Load()).To(BeIdenticalTo(other), "a parser with small stacks")
}

// TestSpareParserConcurrent: parses running at once each get a parser of their own (the spare
// is taken by one of them, the others get the pool's) and the same trees as one at a time.
func TestSpareParserConcurrent(t *testing.T) {
	g := NewWithT(t)
	bodies := []string{
		parseCases["typical"],
		`{"a":[1,2,{"b":"c\u00e9"}],"d":"e"}`,
		`{"AllowedOAuthScopes":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + `}`,
		`[[1],[2],[3]]]`,
	}
	want := make([]string, len(bodies))
	for i, b := range bodies {
		n, err := parseText(b, false, nil)
		want[i] = treeString(n, err)
	}
	var wg sync.WaitGroup
	got := make([][]string, 8)
	for w := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				for i, b := range bodies {
					if n, err := parseText(b, false, nil); treeString(n, err) != want[i] {
						got[w] = append(got[w], b)
					}
					parseAny([]byte(b))
				}
			}
		}()
	}
	wg.Wait()
	for _, bad := range got {
		g.Expect(bad).To(BeEmpty(), "bodies parsed to another tree")
	}
}

// treeString writes every field of a tree (as sameTree compares them) and a parse error.
func treeString(n jnode, err error) string {
	var b strings.Builder
	var write func(n *jnode)
	write = func(n *jnode) {
		fmt.Fprintf(&b, "(%d %t %t %d %q %q %t", n.kind, n.b, n.counted, n.chars, n.s, n.raw, n.kids == nil)
		for i := range n.kids {
			fmt.Fprintf(&b, " %q:", n.kids[i].name)
			write(&n.kids[i].val)
		}
		b.WriteByte(')')
	}
	write(&n)
	fmt.Fprint(&b, err)
	return b.String()
}
