package fuzz

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// BenchmarkHarnessParts times the harness's own parts of the mixed benchmark's executions
// (BenchmarkExecution/mixed's 256 cases, executed once against the emulator first), each
// over every case it applies to, per op: "check-200" is CheckParsed on the conforming 200s
// (the answer decoded and walked, compared with the request and the client before), "check-error"
// on the error answers under 100 KB (errorCodeFor, the outcome, the headers), "sdkinput"
// sdkInput on the requests the SDK sends, "describe" the follow-up's reading of the
// DescribeUserPoolClient answers (clientOf, and the update's answer compared with it). The
// cases each part read are reported as n.
//
//	go test ./fuzz -run '^$' -bench '^BenchmarkHarnessParts$' -benchtime 200x -benchmem
func BenchmarkHarnessParts(b *testing.B) {
	gen, h, _ := benchHarness(b)
	type checked struct {
		res Result
		req *contracts.ParsedRequest
	}
	var ok200, errs []checked
	var sdkCases []Case
	var described [][2][]byte // the update's answer, the describe answer
	executeMixedCycle(b, gen, h, func(c Case, res Result) {
		ch := checked{res: res, req: h.contract.Parse(res.Exchange.Request)}
		switch {
		case res.Exchange.Status == http.StatusOK:
			ok200 = append(ok200, ch)
		case len(res.Exchange.Body) < 100<<10:
			errs = append(errs, ch)
		}
		if res.ViaSDK {
			sdkCases = append(sdkCases, c)
		}
		if res.Calls == 2 {
			described = append(described, [2][]byte{res.Exchange.Body, h.desc.resp.Body})
		}
	})
	check := func(cs []checked) func() {
		return func() {
			for i := range cs {
				if fs := h.contract.CheckParsed(cs[i].res.Prediction, cs[i].res.Exchange, cs[i].req); len(fs) > 0 {
					b.Fatal(fs)
				}
			}
		}
	}
	parts := []struct {
		name string
		n    int
		run  func()
	}{
		{"check-200", len(ok200), check(ok200)},
		{"check-error", len(errs), check(errs)},
		{"sdkinput", len(sdkCases), func() {
			for _, c := range sdkCases {
				if _, ok := sdkInput(h.contract, c.Request, c.Body); !ok {
					b.Fatal(c.ID)
				}
			}
		}},
		{"describe", len(described), func() {
			for _, d := range described { // as followUp reads them
				desc, ok := clientOf(d[1])
				if !ok {
					b.Fatal("no client")
				}
				if !bytes.Equal(d[0], d[1]) {
					if upd, _ := clientOf(d[0]); !bytes.Equal(upd, desc) {
						b.Fatal("not the same client")
					}
				}
			}
		}},
	}
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.run()
			}
			b.ReportMetric(float64(p.n), "n")
		})
	}
}

// executeMixedCycle executes BenchmarkExecution/mixed's cases (benchCases, drawn from one Source
// seeded 7) with h, once, failing on an error or a finding, and hands each case with its
// result to each, right after its execution (h still holds its exchanges).
func executeMixedCycle(b *testing.B, gen *Generator, h *Harness, each func(Case, Result)) {
	src := NewSource(7)
	for range benchCases {
		c := gen.DrawMode(src, 0)
		res, err := h.Execute(context.Background(), c)
		if err != nil || res.Failed() {
			b.Fatalf("%s: %v %v", c.ID, err, res.Findings)
		}
		each(c, res)
	}
}
