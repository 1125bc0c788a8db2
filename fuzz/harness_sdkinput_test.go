package fuzz

import (
	"reflect"
	"testing"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// Harness.sdkInput, which fills the harness's one input and string memory again for every
// update, gives sdkInput's input and answer (held to sdkInputReference by
// TestSDKInputAsReference) for every request of sdkInputRequests (drawn ones of every mode,
// every kind of member, ones the plan leaves to json.Unmarshal or refuses), each after the one before it and after the fullest drawn request (so that a
// member or a list entry left over from the input before would show), taken one after the
// other by one harness.
func TestHarnessSDKInputIsSDKInput(t *testing.T) {
	t.Parallel()
	h := &Harness{contract: contracts.UpdateUserPoolClient}
	reqs := sdkInputRequests(t)
	fullest := reqs[0]
	for _, r := range reqs {
		if len(r) > len(fullest) {
			fullest = r
		}
	}
	filled := 0
	for _, r := range reqs {
		for _, req := range []map[string]any{fullest, r} {
			body := marshal(req)
			got, gotOK := h.sdkInput(Case{ID: "req", Request: req, Body: body})
			want, wantOK := sdkInput(h.contract, req, body)
			if gotOK != wantOK || (got == nil) != (want == nil) || !reflect.DeepEqual(got, want) {
				t.Fatalf("%v: harness %+v %v, sdkInput %+v %v", req, got, gotOK, want, wantOK)
			}
			if got == &h.in {
				filled++
			}
		}
	}
	if filled < len(reqs) {
		t.Fatalf("the harness's input filled %d times", filled)
	}
}

// BenchmarkHarnessSDKInput fills the SDK input of the mixed benchmark's SDK cases as the
// harness does (Harness.sdkInput: one input and string memory, filled again) and as sdkInput
// does (a new input and slab each), each op both, alternating which goes first; reported: the
// fastest pass of each per request, their ratio, and the bytes and allocations of each per
// request (runtime.MemStats around every pass).
//
//	go test ./fuzz -run '^$' -bench '^BenchmarkHarnessSDKInput$' -benchtime 2000x -count 3
func BenchmarkHarnessSDKInput(b *testing.B) {
	gen, h, _ := benchHarness(b)
	src := NewSource(7)
	var cases []Case
	for range benchCases {
		if c := gen.DrawMode(src, 0); c.Request != nil && c.mutation == nil && len(c.Body) <= maxSDKBody {
			cases = append(cases, c)
		}
	}
	impls := [2]func(Case) (*cip.UpdateUserPoolClientInput, bool){
		h.sdkInput,
		func(c Case) (*cip.UpdateUserPoolClientInput, bool) { return sdkInput(h.contract, c.Request, c.Body) },
	}
	var passes [2]func()
	for j, impl := range impls {
		passes[j] = func() {
			for _, c := range cases {
				impl(c)
			}
		}
	}
	best, bytes, allocs := alternatePasses(b, passes)
	n := float64(len(cases))
	b.ReportMetric(float64(best[0].Nanoseconds())/n, "harness-ns/req")
	b.ReportMetric(float64(best[1].Nanoseconds())/n, "sdkInput-ns/req")
	b.ReportMetric(float64(best[0])/float64(best[1]), "harness/sdkInput")
	b.ReportMetric(bytes[0]/n, "harness-B/req")
	b.ReportMetric(bytes[1]/n, "sdkInput-B/req")
	b.ReportMetric(allocs[0]/n, "harness-allocs/req")
	b.ReportMetric(allocs[1]/n, "sdkInput-allocs/req")
}

// TestStrSlabRefill: a refilled slab hands its chunk out again from the start, its strings
// cleared, and after a fill that took more than the chunk holds, a chunk of that size, so that
// a like fill takes no other room; int32s, bools and nested structures are handed out again,
// zeroed, each structure once per fill.
func TestStrSlabRefill(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	var slab strSlab
	type pair struct{ A, B *string }
	for round := range 3 {
		slab.refill()
		g.Expect(slab.free).To(BeEmpty())
		for _, s := range slab.free[:cap(slab.free)] {
			g.Expect(s).To(BeEmpty(), "round %d: the last fill's strings are cleared", round)
		}
		first := cap(slab.free)
		taken := 0
		for _, n := range []int{1, 3, strChunk, 2} {
			room := slab.take(n)
			for k := range room {
				room[k] = "x"
			}
			taken += n
		}
		g.Expect(slab.taken).To(Equal(taken))
		if round > 0 {
			g.Expect(first).To(BeNumerically(">=", taken), "round %d: the chunk holds the last fill", round)
		}
		i, b := slab.int32Of(7), slab.boolOf(true)
		g.Expect([]any{*i, *b}).To(Equal([]any{int32(7), true}))
		p := (*pair)(slab.structOf(reflect.TypeFor[pair]()))
		g.Expect(*p).To(BeZero(), "round %d", round)
		q := (*pair)(slab.structOf(reflect.TypeFor[pair]()))
		g.Expect(q).NotTo(BeIdenticalTo(p), "one structure of a type per fill")
		s := "set"
		p.A, q.B = &s, &s
	}
}
