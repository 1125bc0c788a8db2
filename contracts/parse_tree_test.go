package contracts

import (
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// refTree is the tree builder before pend records (parse_tree.go): each value's node goes on a
// stack of members and is copied into the slab when its container ends. The new builder must
// make the same trees, in full, shallow and keep modes.
type refTree struct {
	jparser // the scanner (ws, str, lit, number) and the mode
	kids    []jmember
	rframes []refFrame
}

var refTrees = sync.Pool{New: func() any { return new(refTree) }}

type refFrame struct {
	start, base int
	name        string
	obj         bool
}

func refParseText(src string, shallow bool, keep func(string) bool) (jnode, error) {
	p := refTrees.Get().(*refTree)
	p.src, p.i, p.shallow, p.keep = src, 0, shallow, keep
	p.ws()
	n, ok := p.value()
	if ok {
		p.ws()
		if ok = p.i == len(p.src); !ok {
			p.failed = failure{kind: failTrailing, next: p.i}
		}
	}
	failed := p.failed
	clear(p.kids[:cap(p.kids)])
	clear(p.rframes)
	p.kids, p.rframes, p.slab, p.keep, p.src, p.failed = p.kids[:0], p.rframes[:0], nil, nil, "", failure{}
	refTrees.Put(p)
	if ok {
		return n, nil
	}
	if err, known := knownFailure(src, failed); known {
		return jnode{}, err
	}
	doc, err := decodeBody([]byte(src))
	if err != nil {
		return jnode{}, err
	}
	return fromAny(doc), nil
}

func (p *refTree) value() (jnode, bool) {
	for {
		v, opened, ok := p.begin()
		if !ok {
			return jnode{}, false
		}
		if opened {
			continue
		}
		for {
			if len(p.rframes) == 0 {
				return v, true
			}
			f := &p.rframes[len(p.rframes)-1]
			depth := len(p.rframes)
			if !p.shallow || depth == 1 && (!f.obj || p.keep == nil || p.keep(f.name)) {
				p.kids = append(p.kids, jmember{name: f.name, val: v})
			}
			p.ws()
			if p.i >= len(p.src) {
				return jnode{}, false
			}
			c := p.src[p.i]
			if c == ',' {
				p.i++
				p.ws()
				if f.obj && !p.key(f) {
					return jnode{}, false
				}
				break
			}
			if !(f.obj && c == '}' || !f.obj && c == ']') {
				return jnode{}, false
			}
			p.i++
			v = jnode{kind: jArray, raw: p.src[f.start:p.i]}
			if f.obj {
				v.kind = jObject
			}
			v.kids = p.carve(p.kids[f.base:])
			p.kids = p.kids[:f.base]
			p.rframes = p.rframes[:len(p.rframes)-1]
		}
	}
}

func (p *refTree) begin() (v jnode, opened, ok bool) {
	if p.i >= len(p.src) {
		return jnode{}, false, false
	}
	start := p.i
	switch c := p.src[p.i]; {
	case c == '{' || c == '[':
		if len(p.rframes) >= maxDepth {
			p.failed = failure{kind: failDepth, end: p.i}
			return jnode{}, false, false
		}
		p.i++
		p.ws()
		if c == '{' {
			if p.i < len(p.src) && p.src[p.i] == '}' {
				p.i++
				return jnode{kind: jObject, raw: p.src[start:p.i]}, false, true
			}
			p.rframes = append(p.rframes, refFrame{start: start, base: len(p.kids), obj: true})
			return jnode{}, true, p.key(&p.rframes[len(p.rframes)-1])
		}
		if p.i < len(p.src) && p.src[p.i] == ']' {
			p.i++
			return jnode{kind: jArray, raw: p.src[start:p.i], kids: []jmember{}}, false, true
		}
		p.rframes = append(p.rframes, refFrame{start: start, base: len(p.kids)})
		return jnode{}, true, true
	case c == '"':
		s, chars, ok := p.str()
		n := jnode{kind: jString, s: s, raw: p.src[start:p.i]}
		if uint64(chars) <= math.MaxUint32 {
			n.counted, n.chars = true, uint32(chars)
		}
		return n, false, ok
	case c == 't':
		return jnode{kind: jBool, b: true, raw: "true"}, false, p.lit("true")
	case c == 'f':
		return jnode{kind: jBool, raw: "false"}, false, p.lit("false")
	case c == 'n':
		return jnode{kind: jNull, raw: "null"}, false, p.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		ok := p.number()
		return jnode{kind: jNumber, s: p.src[start:p.i], raw: p.src[start:p.i]}, false, ok
	}
	return jnode{}, false, false
}

func (p *refTree) key(f *refFrame) bool {
	if p.i >= len(p.src) || p.src[p.i] != '"' {
		return false
	}
	name, _, ok := p.str()
	if !ok {
		return false
	}
	p.ws()
	if p.i >= len(p.src) || p.src[p.i] != ':' {
		return false
	}
	p.i++
	p.ws()
	f.name = name
	return true
}

func (p *refTree) carve(kids []jmember) []jmember {
	n := len(kids)
	if n == 0 {
		return nil
	}
	if cap(p.slab)-len(p.slab) < n {
		chunk := 64
		switch {
		case p.shallow:
			chunk = 8
		case p.slab == nil: // the first slab, sized for the whole body
			chunk = min(len(p.src)/20+8, 1024)
			if chunk > 128 {
				chunk = min(chunk, strings.Count(p.src, ",")+strings.Count(p.src, "{")+strings.Count(p.src, "[")+1)
			}
		}
		p.slab = make([]jmember, 0, max(n, chunk))
	}
	start := len(p.slab)
	p.slab = append(p.slab, kids...)
	return p.slab[start:len(p.slab):len(p.slab)]
}

// treeBodies are the differential cases: decodeBody's table, the known failures and bodies
// with escaped names and values at every depth.
func treeBodies() map[string]string {
	bodies := map[string]string{
		"escaped names nested":   `{"a\u0062":{"c\"d":["e\\f",{"g\/":"h\u00e9i"}],"":""},"\u3042":[[],{},[{}]]}`,
		"escaped then plain":     `[{"k":"v\n"},{"k":"v"},"\ud83d\ude00",1,-0.5e3,true,false,null]`,
		"empty containers":       `{"a":[],"b":{},"c":[ ],"d":{ },"e":[[ ],{ }]}`,
		"duplicate nested names": `{"a":{"x":1,"x":[2]},"a":{"x":"3"}}`,
		"long escaped value":     `{"ExternalId":"` + strings.Repeat(`あé\u2028\"`, 500) + `"}`,
		"multibyte names":        `{"あ":"い","é":["ü"]}`,
		"invalid utf-8 name":     "{\"a\xff\":1}",
		"surrogates":             `{"a":"\ud800","b":"\udc00\ud800x","c":"\ud83d\ude00\ud83d"}`,
		"control in name":        "{\"a\x01\":1}",
		"top-level escaped":      `"\u0041\n"`,
		// Arrays whose first entry is a string (stringEntries): strings in a row, then
		// another value, whitespace, an empty or escaped string, nested, top-level, and the
		// failures in them.
		"string entries":             `{"a":["x","","\u00e9\n","あ","y"],"b":[["p","q"],["r"]],"c":["s",1,"t",["u"],{"v":"w"},null]}`,
		"string entries spaced":      `{"a":["x" ,"y", "z" , "w"],"b":[ "x","y"]}`,
		"string entries top level":   `["a","b\"c","d"]`,
		"string entries trailing":    `{"a":["x","y",]}`,
		"string entries cut":         `{"a":["x","y`,
		"string entries bad escape":  `{"a":["x","\q"]}`,
		"string entries bad utf-8":   "{\"a\":[\"x\",\"y\xff\"]}",
		"string entries control":     "{\"a\":[\"x\",\"y\x01\"]}",
		"string entries no comma":    `{"a":["x""y"]}`,
		"string entries then object": `{"a":["x","y"}`,
	}
	for name, body := range parseCases {
		bodies[name] = body
	}
	for name, tc := range failCases {
		bodies["fail: "+name] = tc.body
	}
	return bodies
}

// sameTree expects two trees to be equal in every field, nil and empty kids told apart.
func sameTree(g *WithT, got, want *jnode, at string) {
	g.Expect(got.kind).To(Equal(want.kind), at)
	g.Expect(got.b).To(Equal(want.b), at)
	g.Expect(got.counted).To(Equal(want.counted), at)
	g.Expect(got.chars).To(Equal(want.chars), at)
	g.Expect(got.str()).To(Equal(want.str()), at) // an undecoded value decoded (jnode.lazy)
	g.Expect(got.raw).To(Equal(want.raw), at)
	g.Expect(got.kids == nil).To(Equal(want.kids == nil), at+": nil kids")
	g.Expect(got.kids).To(HaveLen(len(want.kids)), at)
	g.Expect(cap(got.kids)).To(Equal(len(got.kids)), at+": capacity capped")
	for i := range want.kids {
		g.Expect(got.kids[i].name).To(Equal(want.kids[i].name), at)
		sameTree(g, &got.kids[i].val, &want.kids[i].val, at+"/"+want.kids[i].name)
	}
}

func treeAgrees(g *WithT, body string) {
	keepA := func(name string) bool { return name == "a" || name == "\u3042" }
	for _, mode := range []struct {
		shallow bool
		keep    func(string) bool
	}{{false, nil}, {true, nil}, {true, keepA}} {
		want, wantErr := refParseText(body, mode.shallow, mode.keep)
		got, err := parseText(body, mode.shallow, mode.keep)
		if wantErr != nil {
			g.Expect(err).To(MatchError(wantErr.Error()))
			continue
		}
		g.Expect(err).NotTo(HaveOccurred())
		sameTree(g, &got, &want, "$")
	}
}

func TestParseTreeAgreesWithReference(t *testing.T) {
	t.Parallel()
	for name, body := range treeBodies() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			treeAgrees(NewWithT(t), body)
		})
	}
}

// FuzzParseTree: go test -run '^$' -fuzz FuzzParseTree ./contracts; ParseImmutable is held to
// Parse on the same bodies (immutableAgrees).
func FuzzParseTree(f *testing.F) {
	for _, body := range treeBodies() {
		if len(body) < 4000 {
			f.Add(body)
		}
	}
	for _, body := range immutableBodies() {
		if len(body) < 4000 {
			f.Add(body)
		}
	}
	f.Fuzz(func(t *testing.T, body string) {
		g := NewWithT(t)
		treeAgrees(g, body)
		immutableAgrees(g, body)
	})
}

// BenchmarkParseTree times parseText against the reference builder on the same bodies,
// alternating in one loop; new/ref is their ratio.
func BenchmarkParseTree(b *testing.B) {
	urls := make([]string, 0, 100)
	for i := range 100 {
		urls = append(urls, `"https://cb`+strings.Repeat("x", i%40)+`.example.com/callback"`)
	}
	bodies := map[string]string{
		"typical": parseCases["typical"],
		"url-lists": `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","CallbackURLs":[` + strings.Join(urls, ",") +
			`],"LogoutURLs":[` + strings.Join(urls[:50], ",") + `],"AllowedOAuthScopes":["openid","email"],"TokenValidityUnits":{"AccessToken":"hours"}}`,
		"deep-1000": `{"AllowedOAuthScopes":` + strings.Repeat("[", 1000) + strings.Repeat("]", 1000) + `}`,
	}
	for _, name := range []string{"typical", "url-lists", "deep-1000"} {
		body := bodies[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			var nw, ref time.Duration
			for b.Loop() {
				t0 := time.Now()
				_, err := parseText(body, false, nil)
				t1 := time.Now()
				_, rerr := refParseText(body, false, nil)
				ref += time.Since(t1)
				nw += t1.Sub(t0)
				if err != nil || rerr != nil {
					b.Fatal(err, rerr)
				}
			}
			b.ReportMetric(float64(nw.Nanoseconds())/float64(b.N), "new-ns/op")
			b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N), "ref-ns/op")
			b.ReportMetric(float64(nw)/float64(ref), "new/ref")
		})
	}
}

// TestTrailingDataMakesNoSlab: a body with data after its value is refused before its tree is
// made (parseText builds only a text that parsed to its end), so it allocates what a body
// without containers does, whatever the value holds; the error is knownFailure's text.
func TestTrailingDataMakesNoSlab(t *testing.T) {
	g := NewWithT(t)
	for _, body := range []string{`{"a":[1,2,{"b":"c"}],"d":"e"} x`, `[[1],[2],[3]]]`, `{"a":"\u00e9"}{}`} {
		_, err := parseText(body, false, nil)
		g.Expect(err).To(MatchError(textDataAfter), body)
		_, refErr := refParseText(body, false, nil)
		g.Expect(refErr).To(MatchError(textDataAfter), body)
	}
	if raceEnabled {
		return // the pool's drops make the counts random
	}
	scalar := testing.AllocsPerRun(50, func() { parseText(`1 x`, false, nil) })
	nested := testing.AllocsPerRun(50, func() { parseText(`{"a":[1,2,{"b":"c"}],"d":"e"} x`, false, nil) })
	g.Expect(nested).To(Equal(scalar), "allocations with a slab's worth of values")
}
