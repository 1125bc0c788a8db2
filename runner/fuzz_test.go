package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// The fuzz suite reports the campaign's executions, not its case count (the campaign is one
// case), in every format, and each finding as a failing case.
func TestFuzzSuiteReportsExecutions(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		target   func() http.Handler
		n        int
		findings int
	}{
		// The embedded emulator conforms: executions counted, no finding.
		"conforming": {func() http.Handler { return emulator.New(emulator.WithSeed(3)) }, 60, 0},
		// A too-long ClientName accepted (ClientNameType's length): the campaign's first cases
		// break every constraint once, so 60 executions meet it; two findings, the status
		// (200 for a 400) and the echo of ClientName (R1).
		"deviating": {func() http.Handler { return acceptsLongNames(emulator.New(emulator.WithSeed(3))) }, 60, 2},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			r := Run(context.Background(), Options{Target: inProcess(tc.target()), Seed: 3, Fuzz: tc.n, Suites: []string{SuiteFuzz}})
			g.Expect(r.Fuzz).NotTo(BeNil())
			g.Expect(r.Fuzz.Executions).To(Equal(tc.n))
			g.Expect(r.Fuzz.Findings).To(Equal(tc.findings))
			modes := 0
			for _, n := range r.Fuzz.ByMode {
				modes += n
			}
			g.Expect(modes).To(Equal(tc.n), "executions per mode add up")
			g.Expect(r.Summary.Fail).To(Equal(tc.findings), "each finding is a failing case")

			var text bytes.Buffer
			g.Expect(WriteText(&text, r, TextOptions{})).To(Succeed())
			g.Expect(text.String()).To(ContainSubstring(fmt.Sprintf("    fuzz        %d executions: %s", tc.n, findingsText(tc.findings))))
			g.Expect(text.String()).NotTo(MatchRegexp(`fuzz +\d+ cases`))

			var js bytes.Buffer
			g.Expect(WriteJSON(&js, r)).To(Succeed())
			var back struct{ Fuzz FuzzSummary }
			g.Expect(json.Unmarshal(js.Bytes(), &back)).To(Succeed())
			g.Expect(back.Fuzz.Executions).To(Equal(tc.n))
			read, err := ReadJSON(bytes.NewReader(js.Bytes()))
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(read.Fuzz).To(Equal(r.Fuzz), "report --in keeps the campaign's size")

			var xb bytes.Buffer
			g.Expect(WriteJUnit(&xb, r)).To(Succeed())
			var ju JUnitSuites
			g.Expect(xml.Unmarshal(xb.Bytes(), &ju)).To(Succeed())
			g.Expect(ju.Suites).To(HaveLen(1))
			s := ju.Suites[0]
			g.Expect(s.Properties).To(ContainElement(JUnitProperty{Name: "executions", Value: fmt.Sprint(tc.n)}))
			g.Expect(s.Tests).To(Equal(1+tc.findings), "one testcase for the campaign, one per finding")
			g.Expect(s.Failures).To(Equal(tc.findings))
			campaign := s.Cases[0]
			for _, c := range s.Cases {
				if c.Name == fuzzCampaignID {
					campaign = c
				}
			}
			g.Expect(campaign.Name).To(Equal(fuzzCampaignID))
			g.Expect(campaign.Properties).To(ContainElement(JUnitProperty{Name: "executions", Value: fmt.Sprint(tc.n)}))
			g.Expect(campaign.SystemOut).To(HavePrefix(fmt.Sprintf("%d executions, seed 3", tc.n)))

			var md bytes.Buffer
			g.Expect(WriteMarkdown(&md, r)).To(Succeed())
			g.Expect(md.String()).To(ContainSubstring(fmt.Sprintf("Fuzz campaign: %d executions (", tc.n)))
		})
	}
}

// Against a target without CreateResourceServer the campaign runs without resource servers
// (instead of being not applicable) and every report says what it left out and why.
func TestFuzzCampaignWithoutResourceServers(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	r := Run(context.Background(), Options{Target: inProcess(lacking("CreateResourceServer", emulator.New(emulator.WithSeed(4)))), Seed: 4, Fuzz: 100,
		Suites: []string{SuiteFuzz}})
	g.Expect(r.ExitCode()).To(Equal(0), "%+v", r.Cases)
	g.Expect(r.Cases).To(HaveLen(1))
	g.Expect(r.Cases[0].Status).To(Equal(StatusPass), r.Cases[0].Reason)
	g.Expect(r.Fuzz.Executions).To(Equal(100))
	g.Expect(r.Fuzz.Dropped).To(ConsistOf(HavePrefix("ResourceServers left out: the target lacks CreateResourceServer (answered UnknownOperationException")))
	g.Expect(r.Cases[0].Input).To(ContainSubstring("; ResourceServers left out: the target lacks CreateResourceServer"))

	var text, md, xb bytes.Buffer
	g.Expect(WriteText(&text, r, TextOptions{})).To(Succeed())
	g.Expect(text.String()).To(ContainSubstring("    fuzz       100 executions: 0 findings\n              ResourceServers left out: the target lacks CreateResourceServer"))
	g.Expect(WriteMarkdown(&md, r)).To(Succeed())
	g.Expect(md.String()).To(ContainSubstring("\n- ResourceServers left out: the target lacks CreateResourceServer"))
	g.Expect(WriteJUnit(&xb, r)).To(Succeed())
	var ju JUnitSuites
	g.Expect(xml.Unmarshal(xb.Bytes(), &ju)).To(Succeed())
	g.Expect(ju.Suites[0].Properties).To(ContainElement(HaveField("Name", "dropped")))
}
