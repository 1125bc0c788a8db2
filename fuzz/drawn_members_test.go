package fuzz

import (
	"bytes"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// TestDrawnRoomHoldsInput: the members a positive draw can set, every member of the input
// once (the ids and the optional ones), fit the room on its stack (drawnRoom).
func TestDrawnRoomHoldsInput(t *testing.T) {
	t.Parallel()
	gen, err := NewGenerator(nil, testStates()...)
	NewWithT(t).Expect(err).NotTo(HaveOccurred())
	NewWithT(t).Expect(len(gen.input.Members)).To(BeNumerically("<=", drawnRoom))
}

// TestDrawnMembersIntoAsAssign: members set into a drawnMembers and then into a map make the
// map that assigning them one by one makes, a key set twice with its last value; none, one,
// and more than drawnRoom members (grown past the stack's room).
func TestDrawnMembersIntoAsAssign(t *testing.T) {
	t.Parallel()
	type kv struct {
		k string
		v any
	}
	many := make([]kv, drawnRoom+5)
	for i := range many {
		many[i] = kv{string(rune('A'+i%26)) + string(rune('a'+i/26)), int64(i)}
	}
	for name, sets := range map[string][]kv{
		"none":  nil,
		"one":   {{"ClientName", "x"}},
		"twice": {{"ClientName", "x"}, {"LogoutURLs", []any{"a"}}, {"ClientName", "y"}, {"EnableTokenRevocation", false}},
		"many":  many,
	} {
		var mb [drawnRoom]objectMember
		ms := drawnMembers(mb[:0])
		want := map[string]any{"UserPoolId": "p", "ClientId": "c"}
		for _, s := range sets {
			ms = ms.set(s.k, s.v)
			want[s.k] = s.v
		}
		got := map[string]any{"UserPoolId": "p", "ClientId": "c"}
		ms.into(got)
		if !maps.EqualFunc(got, want, func(a, b any) bool { return bytes.Equal(marshal(a), marshal(b)) }) {
			t.Errorf("%s: into made %v, assigning makes %v", name, got, want)
		}
	}
}

// TestPositiveRequestIsItsBody: a positive draw's request (its members drawn into
// drawnMembers, its map made at their number: requestOf) holds the members its body names, with
// the values the body writes: the body is the request rendered by marshal without the draw's
// texts. The bodies are pinned (TestDrawDigestsArePinned), so the requests are the ones the draw
// made into a map of the input's size before.
func TestPositiveRequestIsItsBody(t *testing.T) {
	t.Parallel()
	gen, err := NewGenerator(nil, testStates()...)
	NewWithT(t).Expect(err).NotTo(HaveOccurred())
	src := NewSource(5)
	for i := range 600 {
		c := gen.DrawMode(src, Positive)
		if want := marshal(c.Request); !bytes.Equal(c.Body, want) {
			t.Fatalf("draw %d (%s): body\n%s\nthe request renders\n%s", i, c.ID, c.Body, want)
		}
	}
}

// TestRequestOfAllocatesAtItsSize: a request of the two ids and six drawn members is one small
// map (its header and one group: 2 allocations), where a map made with room for every input
// member took 4 (testing.AllocsPerRun, before t.Parallel: the count is the process's).
func TestRequestOfAllocatesAtItsSize(t *testing.T) {
	gen, err := NewGenerator(nil, testStates()...)
	NewWithT(t).Expect(err).NotTo(HaveOccurred())
	var mb [drawnRoom]objectMember
	ms := drawnMembers(mb[:0])
	for _, m := range gen.input.Members[:8] {
		ms = ms.set(m.Name, true)
	}
	var req map[string]any
	allocs := testing.AllocsPerRun(100, func() { req = requestOf(ms) })
	NewWithT(t).Expect(req).To(HaveLen(8))
	NewWithT(t).Expect(allocs).To(BeNumerically("==", 2))
}

// formerMemberKind is the switch validMember ran on a member's group per draw before its
// draw was resolved once (memberDrawOf).
func formerMemberKind(grp string) memberKind {
	switch grp {
	case "tokens":
		return drawTokens
	case "oauth":
		return drawOAuth
	case "flows":
		return drawFlows
	case "ReadAttributes", "WriteAttributes":
		return drawAttributes
	case "SupportedIdentityProviders":
		return drawProviders
	case "EnablePropagateAdditionalUserContextData":
		return drawPropagate
	case "AnalyticsConfiguration":
		return drawNone
	}
	return drawValue
}

// TestMemberDrawsAsGroups: the Generator's draw of each input member is the kind the former
// per-draw switch on its group chose, and its shared group's index (-1: a group of its own);
// every shape break's top member is its chain's first, by index.
func TestMemberDrawsAsGroups(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, err := NewGenerator(nil, testStates()...)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(gen.memberDraws).To(HaveLen(len(gen.input.Members)))
	for i, m := range gen.input.Members {
		grp, d := group(m.Name), gen.memberDraws[i]
		g.Expect(d.kind).To(Equal(formerMemberKind(grp)), m.Name)
		shared := -1
		for k, sg := range sharedGroups {
			if sg == grp {
				shared = k
			}
		}
		g.Expect(d.shared).To(Equal(shared), m.Name)
	}
	for _, b := range gen.shapeBreaks() {
		g.Expect(b.top).To(BeNumerically(">=", 0), b.caseID)
		g.Expect(gen.input.Members[b.top]).To(BeIdenticalTo(b.chain[0]), b.caseID)
	}
}

// TestMarshalMembersIsMarshal: a body rendered from a request's drawn members (marshalMembers)
// is the request's map rendered by marshal: drawn positive requests (their URL lists' texts
// recorded), and members made here with the edge cases of a key and a value (empty, escapes,
// control characters, invalid UTF-8, surrogates as UTF-8, multibyte, a long value whose period
// is recorded and spliced), with and without texts; a key set twice is rendered from the map.
// The drawn requests' keys are input member names, which the model's are plain
// (Generator.plainKeys): their bodies are rendered with the keys copied as they are.
func TestMarshalMembersIsMarshal(t *testing.T) {
	t.Parallel()
	gen, err := NewGenerator(nil, testStates()...)
	NewWithT(t).Expect(err).NotTo(HaveOccurred())
	if !gen.plainKeys {
		t.Fatal("the model's input member names are not plain")
	}
	src := NewSource(3)
	for i := range 300 {
		src.fill(drawFunc(func(r rnd) {
			var mb [drawnRoom]objectMember
			c, ms := gen.positiveIn(r, i%len(gen.states), mb[:0])
			for _, m := range ms {
				if _, ok := gen.input.MemberNamed(m.key); !ok {
					t.Fatalf("draw %d: key %q is no input member", i, m.key)
				}
			}
			want := marshal(c.Request)
			if got := r.texts.marshalMembers(ms, c.Request, gen.plainKeys); !bytes.Equal(got, want) {
				t.Fatalf("draw %d: %s\nmarshal: %s", i, got, want)
			}
		}))
		src.texts.reset()
	}
	long := strings.Repeat("ab\u2028é<", 2000) + "ab"
	for name, ms := range map[string]drawnMembers{
		"none":      {},
		"edge keys": {{"", 1}, {"\xff\xfe", "\xed\xa0\x80"}, {"é世🙂", "a\x00\x1f\x7f"}, {`"q"\`, `\u0041 <&>`}, {"z", []any{"x", nil, true, int64(-3)}}},
		"long":      {{"ExternalId", long}, {"B", map[string]any{"k": long[:periodMin+1]}}, {"A", long}},
		"twice":     {{"ClientName", "x"}, {"LogoutURLs", []any{"a"}}, {"ClientName", "y"}},
	} {
		req := requestOf(ms)
		want := marshal(req)
		if got := (*drawnTexts)(nil).marshalMembers(ms, req, false); !bytes.Equal(got, want) {
			t.Errorf("%s, no texts: %q\nmarshal: %q", name, got, want)
		}
		var texts drawnTexts
		texts.addPeriodic(long, len("ab\u2028é<"))
		if got := texts.marshalMembers(ms, req, false); !bytes.Equal(got, want) {
			t.Errorf("%s: %q\nmarshal: %q", name, got, want)
		}
	}
}

// FuzzMarshalMembers: members made of the fuzzed texts (keys and values, a list, a key set
// twice when n says so) render through marshalMembers as their request's map through marshal,
// with and without the draw's texts.
func FuzzMarshalMembers(f *testing.F) {
	f.Add("ClientName", "x\u2028<&>", uint8(3))
	f.Add("", "\xff\xfe\xed\xa0\x80", uint8(0))
	f.Add("é世🙂", strings.Repeat("ab€", 1000), uint8(40))
	f.Fuzz(func(t *testing.T, key, value string, n uint8) {
		var mb [drawnRoom]objectMember
		ms := drawnMembers(mb[:0])
		for i := range int(n % 30) {
			k := key + strconv.Itoa(i%(int(n%7)+1)) // keys repeat every n%7+1 members: set twice
			var v any = value[:len(value)*i/30]
			if i%3 == 1 {
				v = []any{value, k, int64(i), nil}
			}
			ms = ms.set(k, v)
		}
		req := requestOf(ms)
		want := marshal(req)
		if got := (*drawnTexts)(nil).marshalMembers(ms, req, false); !bytes.Equal(got, want) {
			t.Fatalf("no texts: %q\nmarshal: %q", got, want)
		}
		var texts drawnTexts
		texts.addPeriodic(value, max(len(value), 1))
		if got := texts.marshalMembers(ms, req, false); !bytes.Equal(got, want) {
			t.Fatalf("%q\nmarshal: %q", got, want)
		}
	})
}

// TestRawListedAsMap: the mutation a raw case draws from its request's drawn members
// (fillListed, their order by appendMembersOrder) is the one fill draws listing the request's
// map, and leaves the source where fill does: drawn positive requests, many seeds.
func TestRawListedAsMap(t *testing.T) {
	t.Parallel()
	gen, err := NewGenerator(nil, testStates()...)
	NewWithT(t).Expect(err).NotTo(HaveOccurred())
	for i := range 40 {
		var mb [drawnRoom]objectMember
		var c Case
		var ms drawnMembers
		NewSource(int64(i)).fill(drawFunc(func(r rnd) { c, ms = gen.positiveIn(r, i%len(gen.states), mb[:0]) }))
		var ob objectRoom
		order := appendMembersOrder(ob[:0], ms)
		for seed := range int64(30) {
			var got, want mutation
			var gotNext, wantNext int64
			NewSource(seed).fill(drawFunc(func(r rnd) {
				d := &mutationDraw{req: c.Request}
				d.fillListed(r, ms, order)
				got, gotNext = d.out, r.Int63()
			}))
			NewSource(seed).fill(drawFunc(func(r rnd) {
				d := &mutationDraw{req: c.Request}
				d.fill(r)
				want, wantNext = d.out, r.Int63()
			}))
			if got != want || gotNext != wantNext {
				t.Fatalf("request %d, seed %d: %+v, listing the map %+v", i, seed, got, want)
			}
		}
	}
}

// drawnPositive returns n positive requests drawn from seed: each one's map and its members as
// positiveIn drew them (copied out of its room).
func drawnPositive(tb testing.TB, n int, seed int64) (reqs []map[string]any, members [][]objectMember) {
	gen, err := NewGenerator(nil, testStates()...)
	if err != nil {
		tb.Fatal(err)
	}
	src := NewSource(seed)
	for i := range n {
		src.fill(drawFunc(func(r rnd) {
			var mb [drawnRoom]objectMember
			c, ms := gen.positiveIn(r, i%len(gen.states), mb[:0])
			reqs, members = append(reqs, c.Request), append(members, slices.Clone(ms))
		}))
		src.texts.reset()
	}
	return reqs, members
}

// BenchmarkMarshalMembers renders 256 drawn positive requests (without their draws' texts)
// with marshalMembers, from their drawn members, their keys copied as they are (plainKeys, as
// a positive case's body is rendered), and with marshal, from their maps, alternating which
// goes first: the fastest pass of each per body (members-ns, map-ns) and ratio.
func BenchmarkMarshalMembers(b *testing.B) {
	reqs, members := drawnPositive(b, 256, 7)
	var best [2]time.Duration
	var sink []byte
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			v := (k + i) % 2
			start := time.Now()
			for j, req := range reqs {
				if v == 0 {
					sink = (*drawnTexts)(nil).marshalMembers(members[j], req, true)
				} else {
					sink = marshal(req)
				}
			}
			if d := time.Since(start); best[v] == 0 || d < best[v] {
				best[v] = d
			}
		}
	}
	_ = sink
	b.ReportMetric(float64(best[0].Nanoseconds())/float64(len(reqs)), "members-ns")
	b.ReportMetric(float64(best[1].Nanoseconds())/float64(len(reqs)), "map-ns")
	b.ReportMetric(float64(best[0])/float64(best[1]), "ratio")
}

// formerRequest is a positive request's map as it was made before drawnMembers: with room for
// every input member, its members assigned as drawn.
func formerRequest(ms []objectMember, inputMembers int) map[string]any {
	req := make(map[string]any, inputMembers)
	for _, m := range ms {
		req[m.key] = m.value
	}
	return req
}

// BenchmarkRequestOf makes the maps of 256 drawn positive requests with drawnMembers and
// requestOf (set on the stack, then a map at their number) and as formerRequest made them,
// alternating which goes first: the mean per request of each side's passes, the collections
// their allocations cause included (new-ns, former-ns), and ratio; new-B and former-B are the
// bytes a request's map takes each way (one pass, outside the timings).
func BenchmarkRequestOf(b *testing.B) {
	_, members := drawnPositive(b, 256, 7)
	gen, err := NewGenerator(nil, testStates()...)
	if err != nil {
		b.Fatal(err)
	}
	var sink map[string]any
	pass := func(v int) {
		for _, ms := range members {
			if v == 1 {
				sink = formerRequest(ms, len(gen.input.Members))
				continue
			}
			var mb [drawnRoom]objectMember
			d := drawnMembers(mb[:0])
			for _, m := range ms {
				d = d.set(m.key, m.value)
			}
			sink = requestOf(d)
		}
	}
	var bytes [2]float64
	for v := range 2 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		pass(v)
		runtime.ReadMemStats(&after)
		bytes[v] = float64(after.TotalAlloc-before.TotalAlloc) / float64(len(members))
	}
	var total [2]time.Duration
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			v := (k + i) % 2
			start := time.Now()
			pass(v)
			total[v] += time.Since(start)
		}
	}
	_ = sink
	per := float64(b.N * len(members))
	b.ReportMetric(float64(total[0].Nanoseconds())/per, "new-ns")
	b.ReportMetric(float64(total[1].Nanoseconds())/per, "former-ns")
	b.ReportMetric(float64(total[0])/float64(total[1]), "ratio")
	b.ReportMetric(bytes[0], "new-B")
	b.ReportMetric(bytes[1], "former-B")
}
