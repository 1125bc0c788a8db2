package fuzz

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// applyReference is mutation.apply as it was first written, every value rendered by
// encoding/json: the whole body rendered, then the mutated member's value replaced, the
// duplicate and the unknown member added, and the text cut or replaced.
func applyReference(m mutation, req map[string]any) []byte {
	js := func(v any) []byte {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		return b
	}
	keys := make([]string, 0, len(req))
	for k := range req {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []byte
	out = append(out, '{')
	for i, k := range keys {
		if i > 0 {
			out = append(out, ',')
		}
		if k != m.member {
			out = append(append(append(out, js(k)...), ':'), js(req[k])...)
			continue
		}
		key := k
		if m.kind == "case-variant-key" {
			key = strings.ToLower(k[:1]) + k[1:]
		}
		out = append(append(append(out, js(key)...), ':'), valueReference(m, req[k])...)
		if m.kind == "duplicate-key" {
			out = append(append(append(append(out, ','), js(key)...), ':'), js(req[k])...)
		}
	}
	if m.kind == "unknown-member" {
		if len(keys) > 0 {
			out = append(out, ',')
		}
		out = append(out, `"GenerateSecret":true`...)
	}
	out = append(out, '}')
	switch m.kind {
	case "truncated":
		return out[:m.n%len(out)]
	case "not-an-object":
		return []byte([]string{"[]", `"UpdateUserPoolClient"`, "null"}[m.n%3])
	case "trailing-garbage":
		return append(out, '}')
	case "empty-body":
		return []byte([]string{"", " ", "\r\n\t "}[m.n%3])
	}
	return out
}

// valueReference is the mutated value's text as mutation.value first wrote it.
func valueReference(m mutation, v any) []byte {
	js := func(v any) []byte { b, _ := json.Marshal(v); return b }
	switch m.kind {
	case "wrong-type":
		switch v.(type) {
		case string:
			return []byte("12")
		case bool:
			return []byte(`"true"`)
		case int64, int, float64:
			return []byte(`"1"`)
		case []any:
			return []byte(`"[]"`)
		}
		return []byte("[]")
	case "null":
		return []byte("null")
	case "duplicate-key":
		switch x := v.(type) {
		case string:
			return js(x + "x")
		case bool:
			return js(!x)
		case int64:
			return js(x + 1)
		case []any:
			return []byte("[]")
		}
		return []byte("{}")
	case "huge-string":
		return []byte(`"` + strings.Repeat("a", hugeLength) + `"`)
	case "huge-number":
		return []byte([]string{"1e400", "9223372036854775808", "-9223372036854775809", "1.5", "2147483648"}[m.n%5])
	case "invalid-utf8":
		s := js(v)
		if i := bytes.IndexByte(s, '"'); i >= 0 {
			return append(append(append([]byte{}, s[:i+1]...), 0xff, 0xfe), s[i+1:]...)
		}
		return []byte("\"\xff\"")
	case "deep-nesting":
		depth := []int{64, 1000, 10001}[m.n%3]
		return []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
	}
	return js(v)
}

// mutation.apply writes what the reference writes, for every kind on every member of drawn
// requests, and on edge values (invalid UTF-8, U+2028, HTML characters, empty strings and
// lists, a value whose text has no quote); an empty body is empty, not nil.
func TestApplyAsReference(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, _, _ := benchHarnessOn(t, nil)
	reqs := []map[string]any{
		{},
		{"UserPoolId": "us-east-1_AbC", "ClientId": "abc", "ClientName": "a\xffb\u2028<&>", "AuthSessionValidity": int64(3),
			"EnableTokenRevocation": true, "CallbackURLs": []any{}, "LogoutURLs": []any{"https://é.example.com/\"x\""},
			"TokenValidityUnits": map[string]any{"AccessToken": "hours"}, "DefaultRedirectURI": ""},
		{"AuthSessionValidity": int64(-9223372036854775808), "ClientName": strings.Repeat("ab€\u2028", 1000)},
	}
	for i := range 12 {
		reqs = append(reqs, gen.DrawMode(NewSource(int64(i)), Positive).Request)
	}
	usesN := map[string]bool{"truncated": true, "not-an-object": true, "empty-body": true, "huge-number": true, "deep-nesting": true}
	for _, req := range reqs {
		members := append([]string{""}, sortedKeys(req)...)
		for _, k := range mutationKinds {
			ns := []int{0}
			if usesN[k.name] {
				ns = []int{0, 1, 2, 3, 4, 7919, 1<<20 - 1}
			}
			on := members
			if !k.onMember {
				on = []string{""}
			}
			if k.name == "huge-string" && len(on) > 3 { // a 300 KB body each: the first members
				on = on[:3]
			}
			for _, member := range on {
				for _, n := range ns {
					m := mutation{kind: k.name, member: member, n: n}
					got, want := m.apply(req), applyReference(m, req)
					g.Expect(got).NotTo(BeNil(), "%+v", m)
					if !bytes.Equal(got, want) {
						t.Fatalf("%+v on %v:\napply     %q\nreference %q", m, req, got, want)
					}
				}
			}
		}
	}
}

// appendRepeated repeats a block that dst ends with, whole and then its first bytes, as
// strings.Repeat and a cut do.
func TestAppendRepeatedAsRepeat(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, block := range []string{"a", "ab€", "é\u2028𝒜<"} {
		for _, reps := range []int{1, 2, 3, 4, 5, 7, 8, 9, 255, 256, 1000} {
			for rest := 0; rest < len(block); rest++ {
				for _, prefix := range []string{"", "xyz"} {
					dst := make([]byte, 0, len(prefix)+len(block)) // grown by appendRepeated
					dst = append(append(dst, prefix...), block...)
					got := appendRepeated(dst, len(prefix), reps, rest)
					want := prefix + strings.Repeat(block, reps) + block[:rest]
					g.Expect(string(got)).To(Equal(want), "%q x%d +%d", block, reps, rest)
				}
			}
		}
	}
}

// repeatText and writeRepeats make what strings.Repeat and a cut make: units of one byte to
// more than a chunk (repeatChunk, whose copies are then one unit each), repeats around the
// chunk's edges, a unit after a head (stretch's), rests that cut a rune.
func TestRepeatTextAsRepeat(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	big := strings.Repeat("é\u2028𝒜<", repeatChunk/9+1) // one unit longer than a chunk
	for _, block := range []string{"a", "ab€", "é\u2028𝒜<", strings.Repeat("x", 1000), strings.Repeat("y", repeatChunk), big} {
		for _, reps := range []int{1, 2, 3, 7, 8, 9, 16, 17, 255, 256, 1000, 8191, 8192, 8193, 16385} {
			if len(block)*reps > 100_000 {
				continue
			}
			for _, rest := range []int{0, 1, len(block) / 2, len(block) - 1} {
				want := strings.Repeat(block, reps) + block[:rest]
				g.Expect(repeatText([]byte(block), reps, rest) == want).To(BeTrue(), "%.20q x%d +%d", block, reps, rest)
				var sb strings.Builder
				sb.WriteString("head")
				sb.WriteString(block)
				writeRepeats(&sb, len("head"), reps)
				g.Expect(sb.String() == "head"+strings.Repeat(block, reps)).To(BeTrue(), "after a head: %.20q x%d", block, reps)
			}
		}
	}
	var sb strings.Builder
	writeRepeats(&sb, 0, 5) // an empty unit: nothing written
	g.Expect(sb.Len()).To(BeZero())
}

func FuzzRepeatTextAsRepeat(f *testing.F) {
	f.Add("ab€", uint16(300), uint16(2))
	f.Add("a", uint16(9000), uint16(0))
	f.Fuzz(func(t *testing.T, block string, reps, rest uint16) {
		if block == "" {
			return
		}
		r, c := int(reps)%20000+1, int(rest)%len(block)
		if got, want := repeatText([]byte(block), r, c), strings.Repeat(block, r)+block[:c]; got != want {
			t.Fatalf("%q x%d +%d: %d bytes, strings.Repeat %d", block, r, c, len(got), len(want))
		}
	})
}

// hugeParts join into hugeString, each at most a chunk (and a quote) long, and fit apply's
// stack room with the text around them.
func TestHugePartsAreHugeString(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	g.Expect(bytes.Equal(bytes.Join(hugeParts, nil), hugeString)).To(BeTrue())
	g.Expect(len(hugeParts) + 2).To(BeNumerically("<=", 48))
	for _, p := range hugeParts {
		g.Expect(len(p)).To(BeNumerically("<=", repeatChunk+1))
	}
}

// BenchmarkHugeString is a huge-string body joined from hugeParts (apply) and, as before, from
// hugeString whole, around a drawn body's text, alternating which goes first; between two joins
// 4 MB are written elsewhere, as an execution's other work evicts hugeString from the caches.
// The median time of each (parts-p50-ns, whole-p50-ns: steady under the load of other
// benchmarks), ratio their quotient.
func BenchmarkHugeString(b *testing.B) {
	gen, _, _ := benchHarness(b)
	body := gen.DrawMode(NewSource(7), Positive).Body
	at := len(body) / 2
	evict := make([]byte, 4<<20)
	var ds [2][]time.Duration
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			v := (k + i) % 2
			for j := range evict {
				evict[j] = byte(j)
			}
			start := time.Now()
			if v == 0 {
				var pb [48][]byte
				_ = bytes.Join(append(append(append(pb[:0], body[:at]), hugeParts...), body[at:]), nil)
			} else {
				_ = bytes.Join([][]byte{body[:at], hugeString, body[at:]}, nil)
			}
			ds[v] = append(ds[v], time.Since(start))
		}
	}
	p50 := func(v int) float64 { slices.Sort(ds[v]); return float64(ds[v][len(ds[v])/2].Nanoseconds()) }
	b.ReportMetric(p50(0), "parts-p50-ns")
	b.ReportMetric(p50(1), "whole-p50-ns")
	b.ReportMetric(p50(0)/p50(1), "ratio")
}

func FuzzApplyAsReference(f *testing.F) {
	for i, s := range []string{"", "a", "<>&\"\\", "\u2028\xff", "é\x00", "\xe2\x80", "ab€\u2028cd", "\xed\xa0\x80"} {
		f.Add(s, uint8(i), uint32(i*7919))
	}
	f.Fuzz(func(t *testing.T, s string, kind uint8, n uint32) {
		req := map[string]any{"ClientName": s, "CallbackURLs": []any{s, ""}, "AuthSessionValidity": int64(n)}
		k := mutationKinds[int(kind)%len(mutationKinds)]
		for _, member := range []string{"", "ClientName", "CallbackURLs", "AuthSessionValidity"} {
			m := mutation{kind: k.name, member: member, n: int(n % (1 << 20))}
			if got, want := m.apply(req), applyReference(m, req); !bytes.Equal(got, want) {
				t.Fatalf("%+v on %q:\napply     %q\nreference %q", m, s, got, want)
			}
		}
	})
}

// keyLessCases are key pairs at keyLess's edges: empty keys, equal first bytes, prefixes,
// multibyte and invalid UTF-8 bytes (compared as bytes, as strings compare).
var keyLessCases = [][2]string{{"", ""}, {"", "a"}, {"a", ""}, {"a", "a"}, {"ab", "a"}, {"a", "ab"}, {"Ab", "Aa"},
	{"ClientId", "ClientName"}, {"é", "z"}, {"\xff", "\x00"}, {"a\xff", "a\x80"}, {"B", "a"}}

// keyLess is the string order.
func TestKeyLessIsStringOrder(t *testing.T) {
	t.Parallel()
	for _, c := range keyLessCases {
		if got, want := keyLess(c[0], c[1]), c[0] < c[1]; got != want {
			t.Fatalf("keyLess(%q, %q) = %v", c[0], c[1], got)
		}
	}
}

func FuzzKeyLessIsStringOrder(f *testing.F) {
	for _, c := range keyLessCases {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := keyLess(a, b), a < b; got != want {
			t.Fatalf("keyLess(%q, %q) = %v", a, b, got)
		}
	})
}

// appendSortedMembers lists every member once, its order in slices.Sort's order of the keys;
// appendMembersOrder orders members listed already so.
func TestSortedMembersAsSortedKeys(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	keys := []string{"", "a", "ab", "b", "B", "ClientId", "ClientName", "é", "\xff", "a\x00", "TokenValidityUnits", "z"}
	for n := range len(keys) + 1 {
		obj := map[string]any{}
		for i, k := range keys[:n] {
			obj[k] = i
		}
		var mb [4]objectMember // grown past the stack room too
		var ob [3]int32
		ms, order := appendSortedMembers(mb[:0], ob[:0], obj)
		want := slices.Sorted(maps.Keys(obj))
		g.Expect(ms).To(HaveLen(len(want)))
		g.Expect(order).To(HaveLen(len(want)))
		for i, o := range order {
			g.Expect(ms[o].key).To(Equal(want[i]))
			g.Expect(ms[o].value).To(Equal(obj[ms[o].key]))
		}
		// the members listed already, in reverse: appendMembersOrder sorts them alike
		listed := slices.Clone(ms)
		slices.Reverse(listed)
		lo := appendMembersOrder(ob[:0], listed)
		g.Expect(lo).To(HaveLen(len(want)))
		for i, o := range lo {
			g.Expect(listed[o].key).To(Equal(want[i]))
		}
		// appended after members already listed: the new ones sorted among themselves
		ms, order = appendSortedMembers(ms, order, map[string]any{"y": 1, "x": 2})
		g.Expect(ms).To(HaveLen(len(want) + 2))
		g.Expect(ms[order[len(want)]].key).To(Equal("x"))
		g.Expect(ms[order[len(want)+1]].key).To(Equal("y"))
	}
}

// formerSortedMembers is appendSortedMembers as it was: the members themselves inserted in
// place (the reference of BenchmarkSortedMembers).
func formerSortedMembers(ms []objectMember, obj map[string]any) []objectMember {
	for k, v := range obj {
		ms = append(ms, objectMember{})
		i := len(ms) - 1
		for ; i > 0 && keyLess(k, ms[i-1].key); i-- {
			ms[i] = ms[i-1]
		}
		ms[i] = objectMember{k, v}
	}
	return ms
}

// BenchmarkSortedMembers lists the members of drawn requests (positive, seeds 7 to
// 7+benchCases-1) sorted, by index (appendSortedMembers) and by moving the members
// (formerSortedMembers), alternating which goes first, with the collector marking all along
// (a goroutine calling runtime.GC in a loop: the write barriers are on, as in BenchmarkExecution
// while a collection runs) or not. new-ns and former-ns are the mean time per request of each
// without its slowest 2% (the other benchmarks on the machine preempt a few by milliseconds;
// a median would leave out the occasional flush of the barriers' buffer, which the mean
// keeps), ratio their quotient.
func BenchmarkSortedMembers(b *testing.B) {
	gen, _, _ := benchHarness(b)
	reqs := make([]map[string]any, benchCases)
	for i := range reqs {
		reqs[i] = gen.DrawMode(NewSource(7+int64(i)), Positive).Request
	}
	for _, marking := range []bool{false, true} {
		name := "quiet"
		if marking {
			name = "marking"
		}
		b.Run(name, func(b *testing.B) {
			stop, done := make(chan struct{}), make(chan struct{})
			go func() {
				defer close(done)
				for marking {
					select {
					case <-stop:
						return
					default:
						runtime.GC()
					}
				}
			}()
			var ds [2][]time.Duration
			for i := 0; b.Loop(); i++ {
				req := reqs[i%benchCases]
				for k := range 2 {
					v := (k + i) % 2
					var mb [48]objectMember
					var ob [48]int32
					start := time.Now()
					if v == 0 {
						appendSortedMembers(mb[:0], ob[:0], req)
					} else {
						formerSortedMembers(mb[:0], req)
					}
					ds[v] = append(ds[v], time.Since(start))
				}
			}
			close(stop)
			<-done
			reportTrimmedMeans(b, ds)
		})
	}
}

// appendIndex writes what strconv.AppendInt writes, around its shortcuts' edges.
func TestAppendIndexAsStrconv(t *testing.T) {
	t.Parallel()
	for _, i := range []int{-100, -11, -10, -9, -1, 0, 1, 9, 10, 11, 42, 99, 100, 101, 999, 1000, min(1<<40, math.MaxInt), math.MaxInt, math.MinInt} {
		if got, want := string(appendIndex([]byte("x"), i)), "x"+strconv.Itoa(i); got != want {
			t.Fatalf("appendIndex(%d) = %q, want %q", i, got, want)
		}
	}
	for i := range 300 {
		if got, want := string(appendIndex(nil, i)), strconv.Itoa(i); got != want {
			t.Fatalf("appendIndex(%d) = %q, want %q", i, got, want)
		}
	}
}

// TestGroupsFirstAsMap: groups.first answers as the map of met groups it replaced, on the
// input's members in model order twice (a shared group's members met again, each member's own
// group met once per loop as positive meets it), each by its memberDraw's shared index.
func TestGroupsFirstAsMap(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, err := NewGenerator(nil, testStates()...)
	g.Expect(err).NotTo(HaveOccurred())
	for pass := range 2 {
		var gs groups
		met := map[string]bool{}
		for _, m := range gen.input.Members {
			grp := group(m.Name)
			want := !met[grp]
			met[grp] = true
			g.Expect(gs.first(memberDrawOf(m.Name).shared)).To(Equal(want), "pass %d, %s (%s)", pass, m.Name, grp)
		}
		for i, sg := range sharedGroups {
			g.Expect(gs.first(i)).To(BeFalse(), "%s met", sg)
		}
	}
}

// structure with a replaced member draws what it draws without one, from the same randomness
// (the source left in the same place), but the replaced member's string value, which is ""
// instead: every structure of the input, each member replaced, seeds whose values are long.
func TestStructureReplacedAsDrawn(t *testing.T) {
	t.Parallel()
	gen, _, _ := benchHarnessOn(t, nil)
	seen := 0
	for _, m := range gen.input.Members {
		if m.Target.Type != "structure" {
			continue
		}
		for _, replaced := range m.Target.Members {
			for seed := range int64(40) {
				var got, want map[string]any
				var gotNext, wantNext int64
				for k, src := range []*Source{NewSource(seed), NewSource(seed)} {
					src.fill(drawFunc(func(r rnd) {
						if k == 0 {
							got, gotNext = gen.structure(r, m.Target, replaced), r.Int63()
						} else {
							want, wantNext = gen.structure(r, m.Target, nil), r.Int63()
						}
					}))
				}
				if gotNext != wantNext || len(got) != len(want) {
					t.Fatalf("%s without %s, seed %d: the draws differ", m.Name, replaced.Name, seed)
				}
				for k, w := range want {
					g, ok := got[k]
					if k == replaced.Name && replaced.Target.Type == "string" {
						if !ok || g != "" {
							t.Fatalf("%s.%s, seed %d: %q, want it drawn and not made", m.Name, k, seed, g)
						}
						seen++
						continue
					}
					if !ok || !reflect.DeepEqual(g, w) {
						t.Fatalf("%s.%s, seed %d: %v, drawn without a replaced member %v", m.Name, k, seed, g, w)
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no replaced string value was drawn")
	}
}

// BenchmarkStructureReplaced draws AnalyticsConfiguration with its ExternalId replaced (drawn,
// not made: breakShape's draw for an ExternalId break) and whole, as breakShape drew it before,
// from the same seeds (0 to benchCases-1), alternating which goes first: the median time of
// each (replaced-p50-ns, whole-p50-ns), ratio their quotient.
func BenchmarkStructureReplaced(b *testing.B) {
	gen, _, _ := benchHarness(b)
	m, _ := gen.input.MemberNamed("AnalyticsConfiguration")
	ext, _ := m.Target.MemberNamed("ExternalId")
	src := NewSource(0)
	var ds [2][]time.Duration
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			v := (k + i) % 2
			replaced := ext
			if v == 1 {
				replaced = nil
			}
			src.Reseed(int64(i % benchCases))
			start := time.Now()
			src.fill(drawFunc(func(r rnd) { _ = gen.structure(r, m.Target, replaced) }))
			ds[v] = append(ds[v], time.Since(start))
		}
	}
	p50 := func(v int) float64 { slices.Sort(ds[v]); return float64(ds[v][len(ds[v])/2].Nanoseconds()) }
	b.ReportMetric(p50(0), "replaced-p50-ns")
	b.ReportMetric(p50(1), "whole-p50-ns")
	b.ReportMetric(p50(0)/p50(1), "ratio")
}

func FuzzStructureReplacedAsDrawn(f *testing.F) {
	f.Add(int64(7), uint8(0), uint8(1))
	f.Add(int64(-3), uint8(1), uint8(0))
	gen, _, _ := benchHarnessOn(f, nil)
	var structs []*contracts.Member
	for _, m := range gen.input.Members {
		if m.Target.Type == "structure" {
			structs = append(structs, m)
		}
	}
	f.Fuzz(func(t *testing.T, seed int64, which, member uint8) {
		m := structs[int(which)%len(structs)]
		replaced := m.Target.Members[int(member)%len(m.Target.Members)]
		var got, want map[string]any
		var gotNext, wantNext int64
		NewSource(seed).fill(drawFunc(func(r rnd) { got, gotNext = gen.structure(r, m.Target, replaced), r.Int63() }))
		NewSource(seed).fill(drawFunc(func(r rnd) { want, wantNext = gen.structure(r, m.Target, nil), r.Int63() }))
		if w, ok := want[replaced.Name]; ok && replaced.Target.Type == "string" {
			if got[replaced.Name] != "" {
				t.Fatalf("%s.%s: %v, want it drawn and not made", m.Name, replaced.Name, got[replaced.Name])
			}
			got[replaced.Name] = w
		}
		if gotNext != wantNext || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s without %s, seed %d: %v, drawn whole %v", m.Name, replaced.Name, seed, got, want)
		}
	})
}

func FuzzSortedMembersAsSortedKeys(f *testing.F) {
	f.Add("b,a,ClientId,é,\xff,a\x00,")
	f.Add("TokenValidityUnits,AccessTokenValidity,AllowedOAuthFlows,z,Z,0")
	f.Fuzz(func(t *testing.T, keys string) {
		obj := map[string]any{}
		for i, k := range strings.Split(keys, ",") {
			obj[k] = i
		}
		var mb [4]objectMember
		var ob [4]int32
		ms, order := appendSortedMembers(mb[:0], ob[:0], obj)
		want := slices.Sorted(maps.Keys(obj))
		if len(ms) != len(want) || len(order) != len(want) {
			t.Fatalf("%d members, %d in order, want %d", len(ms), len(order), len(want))
		}
		for i, o := range order {
			if ms[o].key != want[i] || ms[o].value != obj[want[i]] {
				t.Fatalf("member %d: %q, want %q", i, ms[o].key, want[i])
			}
		}
	})
}

// formerDeepNesting is the deep-nesting value as appendValue wrote it before: its brackets
// appended one at a time (the reference of BenchmarkDeepNesting).
func formerDeepNesting(dst []byte, depth int) []byte {
	dst = slices.Grow(dst, 2*depth)
	for range depth {
		dst = append(dst, '[')
	}
	for range depth {
		dst = append(dst, ']')
	}
	return dst
}

// BenchmarkDeepNesting writes the deepest nesting value (10001 levels) into a reused buffer
// with appendValue and with formerDeepNesting, alternating which goes first: the fastest time
// of each (new-ns, former-ns) and ratio.
func BenchmarkDeepNesting(b *testing.B) {
	m := mutation{kind: "deep-nesting", n: 2}
	depth := nestingDepths[m.n%len(nestingDepths)]
	buf := make([]byte, 0, 4*depth)
	var best [2]time.Duration
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			v := (k + i) % 2
			start := time.Now()
			if v == 0 {
				buf = m.appendValue(buf[:0], nil, nil)
			} else {
				buf = formerDeepNesting(buf[:0], depth)
			}
			if d := time.Since(start); best[v] == 0 || d < best[v] {
				best[v] = d
			}
		}
	}
	b.ReportMetric(float64(best[0].Nanoseconds()), "new-ns")
	b.ReportMetric(float64(best[1].Nanoseconds()), "former-ns")
	b.ReportMetric(float64(best[0])/float64(best[1]), "ratio")
}

// formerMutationFill is mutationDraw.fill as it was: the keys sorted (slices.Sort) before any
// draw, for every kind (the reference of TestMutationDrawAsFormer and BenchmarkMutationDraw).
func formerMutationFill(d *mutationDraw, r rnd) {
	var kb [48]string
	keys := appendSortedKeys(kb[:0], d.req)
	k := mutationKinds[r.Intn(len(mutationKinds))]
	d.out = mutation{kind: k.name, n: r.Intn(1 << 20)}
	if k.onMember && len(keys) > 0 {
		d.out.member = keys[r.Intn(len(keys))]
	}
}

// mutationDraw.fill draws the mutation formerMutationFill draws, and leaves the source where
// it does: drawn requests of every mode, an empty request, many seeds.
func TestMutationDrawAsFormer(t *testing.T) {
	t.Parallel()
	gen, _, _ := benchHarnessOn(t, nil)
	reqs := []map[string]any{{}}
	for i := range 60 {
		reqs = append(reqs, gen.DrawMode(NewSource(int64(i)), Mode(i%4)).Request)
	}
	for i, req := range reqs {
		for seed := range int64(30) {
			var got, want mutation
			var gotNext, wantNext int64
			NewSource(seed).fill(drawFunc(func(r rnd) {
				d := &mutationDraw{req: req}
				d.fill(r)
				got, gotNext = d.out, r.Int63()
			}))
			NewSource(seed).fill(drawFunc(func(r rnd) {
				d := &mutationDraw{req: req}
				formerMutationFill(d, r)
				want, wantNext = d.out, r.Int63()
			}))
			if got != want || gotNext != wantNext {
				t.Fatalf("request %d, seed %d: %+v, former %+v", i, seed, got, want)
			}
		}
	}
}

// BenchmarkMutationDraw draws mutations of drawn requests (positive, seeds 7 to
// 7+benchCases-1) with mutationDraw.fill and formerMutationFill from the same source states,
// alternating which goes first: the mean time of each without its slowest 2% (new-ns,
// former-ns) and ratio.
func BenchmarkMutationDraw(b *testing.B) {
	gen, _, _ := benchHarness(b)
	reqs := make([]map[string]any, benchCases)
	for i := range reqs {
		reqs[i] = gen.DrawMode(NewSource(7+int64(i)), Positive).Request
	}
	src := NewSource(0)
	var ds [2][]time.Duration
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			v := (k + i) % 2
			src.Reseed(int64(i))
			d := &mutationDraw{req: reqs[i%benchCases]}
			src.fill(drawFunc(func(r rnd) {
				start := time.Now()
				if v == 0 {
					d.fill(r)
				} else {
					formerMutationFill(d, r)
				}
				ds[v] = append(ds[v], time.Since(start))
			}))
		}
	}
	reportTrimmedMeans(b, ds)
}

// reportTrimmedMeans reports the mean of each side's fastest 98% of timings, new (ds[0]) and
// former (ds[1]), and their ratio.
func reportTrimmedMeans(b *testing.B, ds [2][]time.Duration) {
	mean := func(v int) float64 {
		slices.Sort(ds[v])
		kept := ds[v][:len(ds[v])*98/100]
		var sum time.Duration
		for _, d := range kept {
			sum += d
		}
		return float64(sum.Nanoseconds()) / float64(len(kept))
	}
	nw, former := mean(0), mean(1)
	b.ReportMetric(nw, "new-ns")
	b.ReportMetric(former, "former-ns")
	b.ReportMetric(nw/former, "ratio")
}
