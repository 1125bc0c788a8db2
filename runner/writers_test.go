package runner

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// sample report: one failed case (the house example), one pass, one not applicable, one error.
func sampleReport() *Report {
	r := &Report{Tool: ProgramName, Operation: "UpdateUserPoolClient", Target: "http://127.0.0.1:9229", Seed: 1, Cases: []Case{
		{ID: "ClientName/too-long", Suite: SuiteContract, Status: StatusFail,
			Rule:  "ClientName length 1..128 (model: ClientNameType)",
			Input: `ClientName = "aaaa..." (129 chars)`, Duration: 3 * time.Millisecond,
			Violations: []Violation{{Check: CheckOutcome, Member: "ClientName", Expected: "400 InvalidParameterException", Actual: `200, UserPoolClient.ClientName = "aaaa..." (129 chars)`},
				{Check: "reset-to-default", Member: "AuthSessionValidity", Expected: "3", Actual: "absent", Source: "R15: S1 AuthSessionValidity doc"}},
			Rerun: RerunCommand("http://127.0.0.1:9229", "ClientName/too-long", 1, false)},
		{ID: "ClientName/max-length", Suite: SuiteContract, Status: StatusPass},
		{ID: "SupportedIdentityProviders/configured-provider", Suite: SuiteContract, Status: StatusNotApplicable, Reason: "setup needs CreateIdentityProvider: UnknownOperationException"},
		{ID: "Stateful/full-replace", Suite: SuiteStateful, Status: StatusError, Reason: "target http://127.0.0.1:9229: connection refused"},
	}}
	r.Finish()
	return r
}

func TestWriteTextHouseFormat(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	var b bytes.Buffer
	g.Expect(WriteText(&b, sampleReport(), TextOptions{})).To(Succeed())
	// The block of docs/STYLE.md, byte for byte; every violation listed, not only the first.
	g.Expect(b.String()).To(ContainSubstring(`FAIL UpdateUserPoolClient/ClientName/too-long   [target=http://127.0.0.1:9229]
    rule:     ClientName length 1..128 (model: ClientNameType)
    input:    ClientName = "aaaa..." (129 chars)
    expected: 400 InvalidParameterException
    actual:   200, UserPoolClient.ClientName = "aaaa..." (129 chars)
    rerun:    cognito-contract run --target http://127.0.0.1:9229 --run 'ClientName/too-long'
FAIL UpdateUserPoolClient/ClientName/too-long   [target=http://127.0.0.1:9229]
    rule:     reset-to-default AuthSessionValidity (R15: S1 AuthSessionValidity doc)
`))
	g.Expect(b.String()).To(ContainSubstring("SKIP UpdateUserPoolClient/SupportedIdentityProviders/configured-provider"))
	g.Expect(b.String()).To(ContainSubstring("    reason:   setup needs CreateIdentityProvider"))
	g.Expect(b.String()).To(ContainSubstring("ERROR UpdateUserPoolClient/Stateful/full-replace"))
	g.Expect(b.String()).To(ContainSubstring("ERROR UpdateUserPoolClient against http://127.0.0.1:9229, seed 1: 4 cases, 1 pass, 1 fail (2 violations), 1 not applicable, 1 errors"))
	g.Expect(b.String()).NotTo(ContainSubstring("ClientName/max-length"), "passing cases only with -v")
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		cases      []Case
		incomplete bool
		want       int
	}{
		"all pass":               {[]Case{{Status: StatusPass}, {Status: StatusNotApplicable}}, false, 0},
		"a violation":            {[]Case{{Status: StatusPass}, {Status: StatusFail}}, false, 1},
		"target error wins":      {[]Case{{Status: StatusFail}, {Status: StatusError}}, false, 3},
		"stopped halfway":        {[]Case{{Status: StatusPass}}, true, 3},
		"not applicable is fine": {[]Case{{Status: StatusNotApplicable}}, false, 0},
	} {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			r := &Report{Cases: tc.cases, Incomplete: tc.incomplete}
			r.Finish()
			g.Expect(r.ExitCode()).To(Equal(tc.want))
		})
	}
}

func TestJUnit(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	var b bytes.Buffer
	g.Expect(WriteJUnit(&b, sampleReport())).To(Succeed())
	var s JUnitSuites
	g.Expect(xml.Unmarshal(b.Bytes(), &s)).To(Succeed())
	g.Expect(s.Tests).To(Equal(4))
	g.Expect(s.Failures).To(Equal(1))
	g.Expect(s.Skipped).To(Equal(1))
	g.Expect(s.Errors).To(Equal(1))
	g.Expect(s.Suites).To(HaveLen(2))
	c := s.Suites[0].Cases
	g.Expect(c[0].Name).To(Equal("ClientName/max-length"))
	g.Expect(c[0].Classname).To(Equal(SuiteContract))
	g.Expect(c[1].Failure).NotTo(BeNil())
	g.Expect(c[1].Failure.Text).To(ContainSubstring("expected: 400 InvalidParameterException"))
	g.Expect(c[1].Time).To(Equal("0.003"))
	g.Expect(c[2].Skipped.Message).To(ContainSubstring("not applicable: setup needs CreateIdentityProvider"))
	g.Expect(s.Suites[1].Cases[0].Error).NotTo(BeNil())
}

func TestJSONRoundTripAndErrors(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	var b bytes.Buffer
	r := sampleReport()
	g.Expect(WriteJSON(&b, r)).To(Succeed())
	back, err := ReadJSON(bytes.NewReader(b.Bytes()))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(back.Cases).To(HaveLen(4))
	g.Expect(back.Summary).To(Equal(r.Summary))
	for name, tc := range map[string]struct{ in, want string }{
		"not json":       {"nope", "not a cognito-contract JSON report"},
		"unknown member": {`{"tool":"cognito-contract","operation":"X","bogus":1}`, `unknown field "bogus"`},
		"other tool":     {`{"tool":"pytest","operation":"X"}`, `want "tool": "cognito-contract"`},
		"bad status":     {`{"tool":"cognito-contract","operation":"X","cases":[{"id":"a","suite":"contract","status":"meh"}]}`, `cases[0] (a): unknown status "meh"`},
	} {
		_, err := ReadJSON(strings.NewReader(tc.in))
		g.Expect(err).To(MatchError(ContainSubstring(tc.want)), name)
	}
}

func TestMarkdown(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	var b bytes.Buffer
	g.Expect(WriteMarkdown(&b, sampleReport())).To(Succeed())
	md := b.String()
	g.Expect(md).To(HavePrefix("# Conformance report: UpdateUserPoolClient\n"))
	g.Expect(md).To(ContainSubstring("| outcome | 1 deviation(s) |"))
	g.Expect(md).To(ContainSubstring("| reset-to-default | 1 deviation(s) |"))
	g.Expect(md).To(ContainSubstring("| shape | conforms |"))
	// One line per deviation, with its rule and source.
	g.Expect(md).To(ContainSubstring("- `ClientName/too-long` (contract): reset-to-default AuthSessionValidity (R15: S1 AuthSessionValidity doc): expected 3, got absent.\n"))
	g.Expect(md).To(ContainSubstring("- `ClientName/too-long` (contract): ClientName length 1..128 (model: ClientNameType): expected 400 InvalidParameterException"))
}

func TestReportsAreScrubbed(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	key := "AKIA" + strings.Repeat("Q", 16)
	r := &Report{Tool: ProgramName, Operation: "UpdateUserPoolClient", Cases: []Case{{ID: "x/y", Suite: SuiteContract, Status: StatusFail,
		Violations: []Violation{{Check: "echo", Expected: "a", Actual: "Authorization: AWS4-HMAC-SHA256 Credential=" + key + "/20260101/us-east-1/cognito-idp/aws4_request"}}}}}
	r.Finish()
	for _, w := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return WriteJSON(b, r) },
		func(b *bytes.Buffer) error { return WriteJUnit(b, r) },
		func(b *bytes.Buffer) error { return WriteText(b, r, TextOptions{}) },
		func(b *bytes.Buffer) error { return WriteMarkdown(b, r) },
	} {
		var b bytes.Buffer
		g.Expect(w(&b)).To(Succeed())
		g.Expect(b.String()).NotTo(ContainSubstring(key))
	}
}

func TestRerunCommandQuoting(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	g.Expect(RerunCommand("mock", "TokenValidityUnits.AccessToken/enum-hours", 3, true)).
		To(Equal(`cognito-contract run --target mock --run 'TokenValidityUnits\.AccessToken/enum-hours' --seed 3`))
	g.Expect(RerunCommand("http://h:1/a b", "x/y", 0, false)).To(Equal(`cognito-contract run --target 'http://h:1/a b' --run 'x/y'`))
}

// Every check a violation names has a row in the Checks table, not only the contract's: the
// fixture suite's "fixture" and the stateful suite's "stateful" deviations too.
func TestMarkdownChecksListEveryViolatedCheck(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	r := sampleReport()
	r.Cases = append(r.Cases,
		Case{ID: "ClientName/max", Suite: SuiteFixtures, Status: StatusFail,
			Violations: []Violation{{Check: "fixture", Rule: "recorded answer", Expected: "200", Actual: "400"}}},
		Case{ID: "Stateful/describe-after-update", Suite: SuiteStateful, Status: StatusFail,
			Violations: []Violation{{Check: "stateful", Rule: "describe-after-update", Expected: "a", Actual: "b"},
				{Check: "stateful", Rule: "describe-after-update", Expected: "c", Actual: "d"}}})
	r.Finish()
	var b bytes.Buffer
	g.Expect(WriteMarkdown(&b, r)).To(Succeed())
	md := b.String()
	g.Expect(md).To(ContainSubstring("| fixture | 1 deviation(s) |"))
	g.Expect(md).To(ContainSubstring("| stateful | 2 deviation(s) |"))
	g.Expect(md).To(ContainSubstring("| shape | conforms |"), "the contract's checks are listed when they conform")
	// Each row once; the extra checks after the fixed ones, sorted.
	g.Expect(strings.Count(md, "| outcome |")).To(Equal(1))
	g.Expect(strings.Index(md, "| rule |")).To(BeNumerically("<", strings.Index(md, "| fixture |")))
	g.Expect(strings.Index(md, "| fixture |")).To(BeNumerically("<", strings.Index(md, "| stateful |")))
}

// Rerun lines repeat the command line's flags: an AWS run's line is a valid command (--target
// aws, the account as a shell variable, the region), a fixture case's names its directory, a
// non-default seed and a model file are carried (audit of issue 6, item 4).
func TestRerunRepeatsTheCommandLine(t *testing.T) {
	t.Parallel()
	aws := Rerun{Invocation: Invocation{Target: "aws", Region: "eu-west-1", Profile: "sandbox", SandboxAccount: true}, Model: "embedded", Seed: DefaultSeed}
	url := Rerun{Invocation: Invocation{Target: "http://127.0.0.1:9229"}, Model: "models/new file.json", Seed: 7}
	for name, tc := range map[string]struct{ got, want string }{
		"aws contract case": {aws.Run("ClientName/too-long", false),
			`cognito-contract run --target aws --sandbox-account "$SANDBOX_ACCOUNT" --region eu-west-1 --profile sandbox --run 'ClientName/too-long'`},
		"aws fixture case": {aws.Fixture("fixtures/library", "AccessTokenValidity/above-range"),
			`cognito-contract run --target aws --sandbox-account "$SANDBOX_ACCOUNT" --region eu-west-1 --profile sandbox --run 'AccessTokenValidity/above-range' --fixtures fixtures/library --fuzz 0`},
		"aws fuzz campaign": {aws.Fuzz(100),
			`cognito-contract fuzz --target aws --sandbox-account "$SANDBOX_ACCOUNT" --region eu-west-1 --profile sandbox --seed 1 --n 100`},
		"url, model and seed": {url.Run("x/y", false),
			`cognito-contract run --target http://127.0.0.1:9229 --model 'models/new file.json' --run 'x/y' --seed 7`},
		"fixture dir quoted": {url.Fixture("my fixtures", "a.b/c"),
			`cognito-contract run --target http://127.0.0.1:9229 --model 'models/new file.json' --run 'a\.b/c' --seed 7 --fixtures 'my fixtures' --fuzz 0`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			NewWithT(t).Expect(tc.got).To(Equal(tc.want))
		})
	}
}
