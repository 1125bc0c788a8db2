package conformance_test

import (
	"bytes"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/conformance"
	"github.com/cognito-contract/cognito-contract/runner"
)

func sampleInfo() conformance.DocInfo {
	return conformance.DocInfo{Name: "emu", Version: "1.2.3", Homepage: "https://example.com/emu", Install: "npm install emu@1.2.3",
		Command: "`cognito-contract run --target http://127.0.0.1:PORT`", Refresh: "go test -update", List: "testdata/emu.failing",
		Date: "2026-11-22", Exit: 1, Target: "http://127.0.0.1:PORT", Notes: []string{"a note"}}
}

// reportMarkdown is what `cognito-contract report --format markdown` writes for the report.
func reportMarkdown(t *testing.T, r *runner.Report) []byte {
	t.Helper()
	r.Finish()
	var b bytes.Buffer
	if err := runner.WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteDoc(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	r := sampleReport()
	var b bytes.Buffer
	g.Expect(conformance.WriteDoc(&b, sampleInfo(), r, reportMarkdown(t, r))).To(Succeed())
	doc := b.String()

	g.Expect(doc).To(HavePrefix("# emu 1.2.3 against UpdateUserPoolClient\n"))
	g.Expect(doc).To(ContainSubstring("| Seed | 1 |"))
	g.Expect(doc).To(ContainSubstring("| Date | 2026-11-22 |"))
	g.Expect(doc).To(ContainSubstring("| Exit code | 1 (deviations found) |"))
	g.Expect(doc).To(ContainSubstring("\n- a note\n"))
	// The operations the target lacks, with how many cases need each.
	g.Expect(doc).To(ContainSubstring("- `CreateIdentityProvider`: 1 cases are not applicable"))
	g.Expect(doc).To(ContainSubstring("- `CreateResourceServer`: 1 cases are not applicable"))
	// One line per distinct deviation, in check order; the request-id one counted once per case.
	g.Expect(doc).To(ContainSubstring("3 distinct deviations (5 in all, counted per case)"))
	lines := deviationLines(doc)
	g.Expect(lines).To(HaveLen(3))
	// An outcome naming a semantic rule is explained by the rule's summary and source.
	g.Expect(lines[0]).To(HavePrefix("- **outcome R13 AccessTokenValidity** (1 case): R13 "))
	g.Expect(lines[0]).To(ContainSubstring("OB-08"))
	g.Expect(lines[0]).To(HaveSuffix("Expected `400 InvalidParameterException: Invalid range for token validity.`, got `200, UserPoolClient.AccessTokenValidity = 2`. In `AccessTokenValidity/2-days`."))
	// An outcome of a model constraint is explained by the case's rule (member, bounds, shape).
	g.Expect(lines[1]).To(Equal("- **outcome length ClientName** (1 case): ClientName length 1..128 (model: ClientNameType). Expected `400 InvalidParameterException`, got `200`. In `ClientName/too-long`."))
	g.Expect(lines[2]).To(Equal("- **protocol request-id** (2 cases): S9 sample response; OB-21. Expected `an x-amzn-RequestId header`, got `none`. In `AccessTokenValidity/2-days`, `ClientName/too-long`."))
	// The report's own tables follow, headings demoted, its per-case deviation list left out,
	// and the run's real target replaced.
	g.Expect(doc).To(ContainSubstring("\n## Conformance report: UpdateUserPoolClient\n"))
	g.Expect(doc).To(ContainSubstring("\n### Checks\n"))
	g.Expect(doc).To(ContainSubstring("| contract | `ClientName/too-long` | fail |"))
	g.Expect(strings.Count(doc, "## Deviations")).To(Equal(1))
	g.Expect(doc).NotTo(ContainSubstring("40001"))
	g.Expect(doc).To(ContainSubstring("Target `http://127.0.0.1:PORT`"))
}

func deviationLines(doc string) []string {
	_, after, _ := strings.Cut(doc, "\n## Deviations\n")
	var out []string
	for _, l := range strings.Split(after, "\n") {
		if strings.HasPrefix(l, "- **") {
			out = append(out, l)
		}
		if strings.HasPrefix(l, "---") {
			break
		}
	}
	return out
}

func TestWriteDocGroupsByCaseAndCapsTheList(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	r := &runner.Report{Tool: runner.ProgramName, Operation: "UpdateUserPoolClient", Target: "x", Seed: 7}
	for _, id := range []string{"a/1", "a/2", "a/3", "a/4", "a/5", "a/6", "a/7"} {
		r.Cases = append(r.Cases, runner.Case{ID: id, Suite: runner.SuiteContract, Status: runner.StatusFail,
			Violations: []runner.Violation{{Check: "reset-to-default", Member: "CallbackURLs", Expected: "absent (omitted)", Actual: `["https://e"]`, Source: "R1: no documented default"}}})
	}
	// The protocol check keeps each wrong value apart: two content types are two deviations.
	r.Cases = append(r.Cases,
		runner.Case{ID: "b/1", Suite: runner.SuiteFixtures, Status: runner.StatusFail, Violations: []runner.Violation{{Check: "protocol", Rule: "content-type", Actual: `"text/html"`}}},
		runner.Case{ID: "b/2", Suite: runner.SuiteContract, Status: runner.StatusFail, Violations: []runner.Violation{{Check: "protocol", Rule: "content-type", Actual: `"application/json"`}}})
	var b bytes.Buffer
	g.Expect(conformance.WriteDoc(&b, sampleInfo(), r, reportMarkdown(t, r))).To(Succeed())
	lines := deviationLines(b.String())
	g.Expect(lines).To(HaveLen(3))
	g.Expect(lines[0]).To(Equal("- **protocol content-type** (1 case). Got `\"application/json\"`. In `b/2`."))
	g.Expect(lines[1]).To(Equal("- **protocol content-type** (1 case). Got `\"text/html\"`. In `b/1 (fixtures)`."))
	g.Expect(lines[2]).To(HaveSuffix("In `a/1`, `a/2`, `a/3`, `a/4`, `a/5` and 2 more."))
	g.Expect(b.String()).To(ContainSubstring("None: every case's setup could be provisioned."))
}

func TestWriteDocRefusesAnotherLayout(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	err := conformance.WriteDoc(&bytes.Buffer{}, sampleInfo(), sampleReport(), []byte("# Conformance report\n\nno sections\n"))
	g.Expect(err).To(MatchError(ContainSubstring(`no "## Deviations" section`)))
}

// The parts the fuzz campaign went without are listed with the operations the target lacks.
func TestWriteDocNamesWhatTheFuzzCampaignWentWithout(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	r := sampleReport()
	r.Fuzz = &runner.FuzzSummary{Executions: 100, Dropped: []string{"ResourceServers left out: the target lacks CreateResourceServer (answered 500 Unsupported)"}}
	var b bytes.Buffer
	g.Expect(conformance.WriteDoc(&b, sampleInfo(), r, reportMarkdown(t, r))).To(Succeed())
	g.Expect(b.String()).To(ContainSubstring("- `CreateResourceServer`: 1 cases are not applicable (their setup needs it); they are not counted as deviations.\n" +
		"- The fuzz campaign ran all the same, its setups without a part: ResourceServers left out: the target lacks CreateResourceServer (answered 500 Unsupported).\n"))
	g.Expect(b.String()).To(ContainSubstring("Fuzz campaign: 100 executions, 0 findings."))
}
