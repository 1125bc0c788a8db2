package fuzz

import (
	"bytes"
	"context"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// TestHarnessKeepsCheckedClient: a harness sending directly checks each answer with the client
// the oracle kept from the answer that made the state's client current (Harness.check), and
// its findings are CheckParsed's (which decodes Exchange.Before) for every case of the mixed
// benchmark's draw; after a 200 and its describe the kept client is the state's current one,
// so the kept path is the one taken.
func TestHarnessKeepsCheckedClient(t *testing.T) {
	t.Parallel()
	gen, h, _ := benchHarness(t)
	src := NewSource(7)
	ctx := context.Background()
	keptUsed := 0
	for range benchCases {
		c := gen.DrawMode(src, 0)
		if h.kept != nil && h.kept[c.State].Holds(h.states[c.State].Client.Current) {
			keptUsed++
		}
		res, err := h.Execute(ctx, c)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		want := h.contract.CheckParsed(res.Prediction, res.Exchange, h.contract.Parse(res.Exchange.Request))
		if got := res.Findings; !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("%s: findings %v, CheckParsed %v", c.ID, got, want)
		}
		if res.Calls == 2 && h.desc.resp.Status == http.StatusOK && !h.kept[c.State].Holds(h.states[c.State].Client.Current) {
			t.Fatalf("%s: the state's client is not the kept one", c.ID)
		}
	}
	t.Logf("the kept client stood for the client before in %d of %d cases", keptUsed, benchCases)
	if keptUsed < benchCases/4 {
		t.Fatalf("the kept client stood for the client before %d times in %d cases", keptUsed, benchCases)
	}
}

// BenchmarkCheckKept checks the conforming 200s of BenchmarkExecution/mixed's cases (executed
// once against the emulator first) as Harness.check does when sending directly ("kept":
// CheckKept, the client before the update kept from the answer that made it current, the
// answer's client kept in turn) and as CheckParsed does (Exchange.Before decoded), each op
// both, alternating which goes first; reported: the fastest pass of each over the 200s, per
// check, and their ratio.
//
//	go test ./fuzz -run '^$' -bench '^BenchmarkCheckKept$' -benchtime 200x -benchmem -count 3
func BenchmarkCheckKept(b *testing.B) {
	gen, h, _ := benchHarness(b)
	src := NewSource(7)
	ctx := context.Background()
	type checked struct {
		res    Result
		req    *contracts.ParsedRequest
		before *contracts.Kept // kept from the answer whose client ex.Before is
	}
	var ok200 []checked
	for range benchCases {
		c := gen.DrawMode(src, 0)
		res, err := h.Execute(ctx, c)
		if err != nil || res.Failed() {
			b.Fatalf("%s: %v %v", c.ID, err, res.Findings)
		}
		if res.Exchange.Status != http.StatusOK {
			continue
		}
		ch := checked{res: res, req: h.contract.Parse(res.Exchange.Request)}
		for _, prev := range ok200 { // the answer that made the client before current
			if cl, _ := clientOf(prev.res.Exchange.Body); bytes.Equal(cl, res.Exchange.Before) {
				ch.before = new(contracts.Kept)
				h.contract.CheckKept(prev.res.Prediction, prev.res.Exchange, prev.req, nil, ch.before)
			}
		}
		ok200 = append(ok200, ch)
	}
	keep := new(contracts.Kept)
	impls := [2]func(checked) []contracts.Finding{
		func(ch checked) []contracts.Finding { // as Harness.check
			return h.contract.CheckKept(ch.res.Prediction, ch.res.Exchange, ch.req, ch.before, keep)
		},
		func(ch checked) []contracts.Finding {
			return h.contract.CheckParsed(ch.res.Prediction, ch.res.Exchange, ch.req)
		},
	}
	best := [2]time.Duration{time.Hour, time.Hour}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ { // one op: every 200 with each, the order alternating
		for k := range impls {
			j := (k + i) % 2
			start := time.Now()
			for _, ch := range ok200 {
				if fs := impls[j](ch); len(fs) > 0 {
					b.Fatal(fs)
				}
			}
			best[j] = min(best[j], time.Since(start))
		}
	}
	b.ReportMetric(float64(best[0].Nanoseconds())/float64(len(ok200)), "kept-ns/check")
	b.ReportMetric(float64(best[1].Nanoseconds())/float64(len(ok200)), "parsed-ns/check")
	b.ReportMetric(float64(best[0])/float64(best[1]), "kept/parsed")
	b.ReportMetric(float64(len(ok200)), "n")
}
