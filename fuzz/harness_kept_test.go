package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

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
	type checked struct {
		res    Result
		req    *contracts.ParsedRequest
		before *contracts.Kept // kept from the answer whose client ex.Before is
	}
	var ok200 []checked
	executeMixedCycle(b, gen, h, func(_ Case, res Result) {
		if res.Exchange.Status != http.StatusOK {
			return
		}
		ch := checked{res: res, req: h.contract.Parse(res.Exchange.Request)}
		for _, prev := range ok200 { // the answer that made the client before current
			if cl, _ := clientOf(prev.res.Exchange.Body); bytes.Equal(cl, res.Exchange.Before) {
				ch.before = new(contracts.Kept)
				h.contract.CheckKept(prev.res.Prediction, prev.res.Exchange, prev.req, nil, ch.before)
			}
		}
		ok200 = append(ok200, ch)
	})
	keep := new(contracts.Kept)
	impls := [2]func(checked) []contracts.Finding{
		func(ch checked) []contracts.Finding { // as Harness.check
			return h.contract.CheckKept(ch.res.Prediction, ch.res.Exchange, ch.req, ch.before, keep)
		},
		func(ch checked) []contracts.Finding {
			return h.contract.CheckParsed(ch.res.Prediction, ch.res.Exchange, ch.req)
		},
	}
	var passes [2]func()
	for j, impl := range impls { // one op: every 200 with each, the order alternating
		passes[j] = func() {
			for _, ch := range ok200 {
				if fs := impl(ch); len(fs) > 0 {
					b.Fatal(fs)
				}
			}
		}
	}
	b.ReportAllocs()
	best, _, _ := alternatePasses(b, passes)
	b.ReportMetric(float64(best[0].Nanoseconds())/float64(len(ok200)), "kept-ns/check")
	b.ReportMetric(float64(best[1].Nanoseconds())/float64(len(ok200)), "parsed-ns/check")
	b.ReportMetric(float64(best[0])/float64(best[1]), "kept/parsed")
	b.ReportMetric(float64(len(ok200)), "n")
}

// clientOfKeptAgrees: the follow-up's read of a describe answer body, with the client the
// oracle kept from the update's answer updated, is encoding/json's (clientOfReference), whether
// the body holds that client's bytes or not.
func clientOfKeptAgrees(t *testing.T, updated, body []byte) {
	var k contracts.Kept
	contracts.UpdateUserPoolClient.CheckKept(contracts.Prediction{},
		contracts.Exchange{Status: http.StatusOK, Header: http.Header{}, Body: updated}, nil, nil, &k)
	got, ok := clientOfKept(body, &k)
	want, wantOK := clientOfReference(body)
	if ok != wantOK || !bytes.Equal(got, want) {
		t.Fatalf("kept from %q: %q: clientOfKept (%q, %v), encoding/json (%q, %v)", updated, body, got, ok, want, wantOK)
	}
}

// The follow-up reads the client as encoding/json does with the kept client's bytes skipping
// validJSON (every seed read with the client kept from itself, the kept path for the objects,
// and from the one after it), and the kept client is no answer for other bytes.
func TestClientOfKept(t *testing.T) {
	t.Parallel()
	seeds := append(clientOfSeeds, `{"UserPoolClient":{"a":[1,{"b":"\u00e9\ud83d\ude00"}],"c":"日本"}}`,
		`{"UserPoolClient":{"a":1},"UserPoolClient":{"a":1}}`, `{"UserPoolClient":{"a":1}`+"\n}", `{"UserPoolClient":{}}`)
	kept := 0
	for i, s := range seeds {
		clientOfKeptAgrees(t, []byte(s), []byte(s))
		clientOfKeptAgrees(t, []byte(seeds[(i+1)%len(seeds)]), []byte(s))
		var k contracts.Kept
		contracts.UpdateUserPoolClient.CheckKept(contracts.Prediction{},
			contracts.Exchange{Status: http.StatusOK, Header: http.Header{}, Body: []byte(s)}, nil, nil, &k)
		if v, ok := clientOf([]byte(s)); ok && k.Holds(v) {
			kept++
		}
	}
	if kept < 4 {
		t.Fatalf("the kept client's bytes read without validJSON in %d seeds", kept)
	}
}

func FuzzClientOfKept(f *testing.F) {
	for _, s := range clientOfSeeds {
		f.Add([]byte(s), []byte(s))
	}
	f.Fuzz(clientOfKeptAgrees)
}

// BenchmarkClientOfKept reads the DescribeUserPoolClient answers of BenchmarkExecution/mixed's
// 200s as followUp does (clientOfKept, with the client the check kept from the update's answer)
// and with clientOf (validJSON over the client), each op both, alternating which goes first;
// reported: the fastest pass of each, per answer, and their ratio.
//
//	go test ./fuzz -run '^$' -bench '^BenchmarkClientOfKept$' -benchtime 2000x -benchmem -count 3
func BenchmarkClientOfKept(b *testing.B) {
	gen, h, _ := benchHarness(b)
	type described struct {
		desc []byte
		kept *contracts.Kept // kept from the update's answer
	}
	var ds []described
	executeMixedCycle(b, gen, h, func(_ Case, res Result) {
		if res.Calls == 2 {
			k := new(contracts.Kept)
			h.contract.CheckKept(res.Prediction, res.Exchange, nil, nil, k)
			ds = append(ds, described{desc: h.desc.resp.Body, kept: k})
		}
	})
	impls := [2]func(described) (json.RawMessage, bool){
		func(d described) (json.RawMessage, bool) { return clientOfKept(d.desc, d.kept) },
		func(d described) (json.RawMessage, bool) { return clientOf(d.desc) },
	}
	var passes [2]func()
	for j, impl := range impls {
		passes[j] = func() {
			for _, d := range ds {
				if _, ok := impl(d); !ok {
					b.Fatal("no client")
				}
			}
		}
	}
	b.ReportAllocs()
	best, _, _ := alternatePasses(b, passes)
	b.ReportMetric(float64(best[0].Nanoseconds())/float64(len(ds)), "kept-ns/answer")
	b.ReportMetric(float64(best[1].Nanoseconds())/float64(len(ds)), "clientOf-ns/answer")
	b.ReportMetric(float64(best[0])/float64(best[1]), "kept/clientOf")
	b.ReportMetric(float64(len(ds)), "n")
}
