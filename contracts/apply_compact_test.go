package contracts

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// compactCases are JSON texts around what Apply stores, for appendCompactText against
// appendCompact and json.Compact.
var compactCases = map[string]string{
	"empty string":          `""`,
	"number":                `30`,
	"compact list":          `["https://a.example.com/cb","https://b.example.com/cb"]`,
	"spaced list":           "[ \"a\" ,\t\"b\"\n,\r\"c\" ]",
	"space in a string":     `"my app"`,
	"spaces in and out":     `{ "Name" : "a b  c" , "Other" : [ 1 , 2 ] }`,
	"escaped quote":         `"a \" b"`,
	"escaped backslash":     `"a \\" `,
	"backslashes and quote": `[ "\\\\\" x" , "\\\\" ]`,
	"unicode escapes":       `[ "\u2028 \u0041" , "\ud800" ]`,
	"multibyte":             `{ "k" : "é 世 🙂" }`,
	"seven bytes":           `"a b"  `,
	"eight bytes no space":  `"abcdef"`,
	"nine bytes one space":  `"abcdef" `,
	"space at byte 8":       `["abcde", 1]`,
	"huge compact":          `"` + strings.Repeat("abcdefghij\u00e9", 30000) + `"`,
	"huge with spaces":      `[ "` + strings.Repeat("a b\\\" c ", 30000) + `" ]`,
}

// TestAppendCompactText: the same bytes as appendCompact and json.Compact on valid JSON.
func TestAppendCompactText(t *testing.T) {
	t.Parallel()
	for name, text := range compactCases {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			g.Expect(json.Valid([]byte(text))).To(BeTrue(), "a case must be valid JSON")
			checkCompactText(t, text)
			g.Expect(hasByteAtOrBelowSpace(text)).To(Equal(hasSpace(text)))
		})
	}
}

func checkCompactText(t *testing.T, text string) {
	got := appendCompactText([]byte("x"), text)
	if want := appendCompact([]byte("x"), text); !bytes.Equal(got, want) {
		t.Fatalf("appendCompactText(%q) = %q, appendCompact = %q", text, got, want)
	}
	var std bytes.Buffer
	if err := json.Compact(&std, []byte(text)); err == nil && string(got[1:]) != std.String() {
		t.Fatalf("appendCompactText(%q) = %q, json.Compact = %q", text, got[1:], std.String())
	}
}

// TestHasByteAtOrBelowSpace: the word-at-a-time scan finds a low byte at every position.
func TestHasByteAtOrBelowSpace(t *testing.T) {
	t.Parallel()
	for n := range 20 {
		for at := range n {
			for _, low := range []byte{0, '\t', '\n', '\r', ' '} {
				b := bytes.Repeat([]byte{'a'}, n)
				b[at] = low
				if !hasByteAtOrBelowSpace(string(b)) {
					t.Fatalf("byte %#x at %d of %d not found", low, at, n)
				}
			}
			for _, high := range []byte{'!', 0x7f, 0x80, 0xa0, 0xff} {
				b := bytes.Repeat([]byte{'a'}, n)
				b[at] = high
				if hasByteAtOrBelowSpace(string(b)) {
					t.Fatalf("byte %#x at %d of %d taken for a low one", high, at, n)
				}
			}
		}
	}
}

func FuzzAppendCompactText(f *testing.F) {
	for _, text := range compactCases {
		if len(text) < 1000 {
			f.Add(text)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !json.Valid([]byte(text)) {
			return // the domain: texts the parser accepted
		}
		checkCompactText(t, text)
	})
}

// compactNodeCases are JSON texts for compactNode: arrays compact and spaced at every place
// whitespace can stand, nested, empty, with objects, strings that hold spaces, escapes, \u
// escapes and surrogates, multibyte text, huge ones.
var compactNodeCases = map[string]string{
	"compact list":              `["https://a.example.com/cb","https://b.example.com/cb"]`,
	"empty list":                `[]`,
	"spaced empty list":         `[ ]`,
	"newline in empty list":     "[\n]",
	"space after open":          `[ "a","b"]`,
	"space before close":        `["a","b" ]`,
	"space before comma":        `["a" ,"b"]`,
	"space after comma":         `["a", "b"]`,
	"tab after comma":           "[\"a\",\t\"b\"]",
	"one entry spaced":          `[ "a" ]`,
	"spaces in strings":         `["a b"," c ","  "]`,
	"escapes in strings":        `["a\"b","c\\","\n\t\u0041","\ud83d\ude00","\u2028"]`,
	"lone surrogate escape":     `["\ud800","\udc00x"]`,
	"multibyte":                 `["é 世","🙂",""]`,
	"scalars":                   `[1,-0.5e+10,true,false,null,"x"]`,
	"spaced scalars":            `[1, true ,null]`,
	"nested compact":            `[[1,[2,[]]],["a"]]`,
	"nested spaced inside":      `[[1,[2, []]],["a"]]`,
	"nested spaced empty":       `[[1,[2,[ ]]],["a"]]`,
	"object entry":              `[{"a":1}]`,
	"object entry spaced":       `[{ "a" : 1 }]`,
	"deep":                      strings.Repeat("[", 40) + strings.Repeat("]", 40),
	"deep spaced":               strings.Repeat("[", 40) + " " + strings.Repeat("]", 40),
	"huge compact":              `["` + strings.Repeat("abcdefghij\u00e9", 30000) + `","x"]`,
	"huge spaced at end":        `["` + strings.Repeat("a b\\\" c ", 30000) + `" ]`,
	"string":                    `"a b"`,
	"number":                    `30`,
	"literal":                   `true`,
	"object":                    `{"a":[1, 2]}`,
	"spaced object":             `{ "a" : [ 1 ] }`,
	"space around the top list": ` ["a"] `,
}

// TestCompactNodeIsCompactText: a node compactNode finds compact is one appendCompactText
// copies as it is, for every node of every case's tree; and the arrays of scalars and arrays
// written without whitespace (the lists Apply stores) are found compact.
func TestCompactNodeIsCompactText(t *testing.T) {
	t.Parallel()
	for name, text := range compactNodeCases {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			g.Expect(json.Valid([]byte(text))).To(BeTrue(), "a case must be valid JSON")
			checkCompactNode(t, text)
		})
	}
	for _, name := range []string{"compact list", "empty list", "spaces in strings", "escapes in strings",
		"multibyte", "scalars", "nested compact", "huge compact", "string", "number", "literal"} {
		doc, err := parseText(compactNodeCases[name], false, nil)
		if err != nil || !compactNode(&doc, maxCompactDepth) {
			t.Errorf("%s: not found compact (%v)", name, err)
		}
	}
}

// checkCompactNode holds compactNode to appendCompactText on every node of text's tree.
func checkCompactNode(t *testing.T, text string) {
	doc, err := parseText(text, false, nil)
	if err != nil {
		return // the domain: trees the parser built
	}
	var walk func(n *jnode, depth int)
	walk = func(n *jnode, depth int) {
		for _, d := range []int{maxCompactDepth, depth % (maxCompactDepth + 1), 0} {
			if compactNode(n, d) && string(appendCompactText(nil, n.raw)) != n.raw {
				t.Fatalf("compactNode(%q, %d) = true, appendCompactText = %q", n.raw, d, appendCompactText(nil, n.raw))
			}
		}
		for i := range n.kids {
			walk(&n.kids[i].val, depth+1)
		}
	}
	walk(&doc, 0)
}

func FuzzCompactNode(f *testing.F) {
	for _, text := range compactNodeCases {
		if len(text) < 1000 {
			f.Add(text)
		}
	}
	f.Fuzz(func(t *testing.T, text string) { checkCompactNode(t, text) })
}

// BenchmarkWriteClient is writeClient on the stored texts of applyListsBody with the mask
// compactNode gives them (known) and with none (scanned, as every text was before the mask),
// alternating in one loop: go test ./contracts -run '^$' -bench WriteClient -benchmem
func BenchmarkWriteClient(b *testing.B) {
	c := UpdateUserPoolClient
	pl := c.applyPlan()
	p := c.Parse([]byte(applyListsBody()))
	out := make([]string, len(pl.client.Members))
	if _, err := c.applyDocWith(c.applyPlan(), "", 0, out, nil, &p.doc, applyEquivNow); err != nil {
		b.Fatal(err)
	}
	var known uint64
	for i, text := range out {
		if doc, err := parseText(text, false, nil); err == nil && text != "" && compactNode(&doc, maxCompactDepth) {
			known |= 1 << i
		}
	}
	known &^= pl.lateSlots
	stamp := appendEpochSeconds(nil, applyEquivNow) // LastModifiedDate, as applyDocWith writes it
	buf := make([]byte, 0, 8<<10)
	var tKnown, tScanned time.Duration
	for b.Loop() {
		t0 := time.Now()
		buf = pl.writeClient(buf[:0], out, known, stamp)
		t1 := time.Now()
		buf = pl.writeClient(buf[:0], out, 0, stamp)
		tScanned += time.Since(t1)
		tKnown += t1.Sub(t0)
	}
	b.ReportMetric(float64(tKnown.Nanoseconds())/float64(b.N), "known-ns/op")
	b.ReportMetric(float64(tScanned.Nanoseconds())/float64(b.N), "scanned-ns/op")
	b.ReportMetric(float64(tKnown)/float64(tScanned), "known/scanned")
}
