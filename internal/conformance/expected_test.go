package conformance_test

import (
	"bytes"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/conformance"
	"github.com/cognito-contract/cognito-contract/runner"
)

// sampleReport has one case of each status, with the reasons the runner and the fixtures suite
// write for a missing operation.
func sampleReport() *runner.Report {
	return &runner.Report{Tool: runner.ProgramName, Operation: "UpdateUserPoolClient", Target: "http://127.0.0.1:40001", Seed: 1,
		Cases: []runner.Case{
			{ID: "ClientName/max-length", Suite: runner.SuiteContract, Status: runner.StatusPass},
			{ID: "ClientName/too-long", Suite: runner.SuiteContract, Status: runner.StatusFail,
				Rule: "ClientName length 1..128 (model: ClientNameType)",
				Violations: []runner.Violation{
					{Check: "protocol", Rule: "request-id", Expected: "an x-amzn-RequestId header", Actual: "none", Source: "S9 sample response; OB-21"},
					{Check: runner.CheckOutcome, Rule: "length", Member: "ClientName", Expected: "400 InvalidParameterException", Actual: "200", Source: "model: ClientNameType"},
					{Check: "protocol", Rule: "request-id", Expected: "an x-amzn-RequestId header", Actual: "none", Source: "S9 sample response; OB-21"},
				}},
			{ID: "AccessTokenValidity/2-days", Suite: runner.SuiteContract, Status: runner.StatusFail,
				Rule: "R13 Token validity ...",
				Violations: []runner.Violation{
					{Check: runner.CheckOutcome, Rule: "R13", Member: "AccessTokenValidity", Expected: "400 InvalidParameterException: Invalid range for token validity.", Actual: "200, UserPoolClient.AccessTokenValidity = 2", Source: "R13: 2 days is outside 300..86400 seconds"},
					{Check: "protocol", Rule: "request-id", Expected: "an x-amzn-RequestId header", Actual: "none", Source: "S9 sample response; OB-21"},
				}},
			{ID: "AllowedOAuthScopes/custom-scope-defined", Suite: runner.SuiteContract, Status: runner.StatusNotApplicable,
				Reason: `setup needs CreateResourceServer: answered 500 Unsupported "Cognito Local unsupported feature: Unsupported x-amz-target header \"CreateResourceServer\""`},
			{ID: "SupportedIdentityProviders/configured-saml", Suite: runner.SuiteFixtures, Status: runner.StatusNotApplicable,
				Reason: `not applicable: the target does not support CreateIdentityProvider (answered 500 Unsupported "...")`},
		}}
}

func TestFromReport(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	got, err := conformance.FromReport(sampleReport())
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(got).To(Equal([]conformance.Expectation{
		{Suite: "contract", ID: "AccessTokenValidity/2-days", Outcome: "fail", Detail: "outcome,protocol"},
		{Suite: "contract", ID: "AllowedOAuthScopes/custom-scope-defined", Outcome: "n/a", Detail: "CreateResourceServer"},
		{Suite: "contract", ID: "ClientName/too-long", Outcome: "fail", Detail: "outcome,protocol"},
		{Suite: "fixtures", ID: "SupportedIdentityProviders/configured-saml", Outcome: "n/a", Detail: "CreateIdentityProvider"},
	}))
}

func TestFromReportRefuses(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		c    runner.Case
		want string
	}{
		// A target error is not a deviation: exit 3 must never be written into the list.
		"error case": {runner.Case{ID: "x/y", Suite: "contract", Status: runner.StatusError, Reason: "setup: connection refused"},
			"contract x/y: error: setup: connection refused"},
		// The issue: a not-applicable case names what is missing.
		"not applicable without an operation": {runner.Case{ID: "x/y", Suite: "contract", Status: runner.StatusNotApplicable, Reason: "no idea"},
			`not applicable without naming the missing operation: "no idea"`},
		"unknown status": {runner.Case{ID: "x/y", Suite: "contract", Status: "odd"}, `unknown status "odd"`},
		"white space in an id": {runner.Case{ID: "x y", Suite: "contract", Status: runner.StatusFail},
			"a suite or case id with white space cannot be listed"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			r := sampleReport()
			r.Cases = append(r.Cases, tc.c)
			_, err := conformance.FromReport(r)
			g.Expect(err).To(MatchError(ContainSubstring(tc.want)))
		})
	}
}

func TestExpectedRoundTrip(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	es, err := conformance.FromReport(sampleReport())
	g.Expect(err).NotTo(HaveOccurred())
	var b bytes.Buffer
	g.Expect(conformance.FormatExpected(&b, []string{"a header", ""}, es)).To(Succeed())
	g.Expect(b.String()).To(HavePrefix("# a header\n#\ncontract  AccessTokenValidity/2-days "))
	back, err := conformance.ParseExpected("list", &b)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(back).To(Equal(es))
}

func TestParseExpectedErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct{ in, want string }{
		"too few fields":  {"# c\n\ncontract ClientName/too-long fail\n", `list:3: expected 4 fields`},
		"unknown outcome": {"contract a/b pass outcome\n", `list:1: outcome "pass": expected "fail" or "n/a"`},
		"bad checks":      {"contract a/b fail outcome,,shape\n", `list:1: "outcome,,shape": expected comma-separated check names`},
		"duplicate":       {"contract a/b fail outcome\ncontract a/b fail shape\n", "list:2: contract a/b is already listed on line 1"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			_, err := conformance.ParseExpected("list", strings.NewReader(tc.in))
			g.Expect(err).To(MatchError(ContainSubstring(tc.want)))
		})
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	a := conformance.Expectation{Suite: "contract", ID: "a/1", Outcome: "fail", Detail: "protocol"}
	b := conformance.Expectation{Suite: "contract", ID: "b/1", Outcome: "n/a", Detail: "CreateResourceServer"}
	c := conformance.Expectation{Suite: "fixtures", ID: "a/1", Outcome: "fail", Detail: "protocol"}
	a2 := a
	a2.Detail = "outcome,protocol"

	g.Expect(conformance.Compare([]conformance.Expectation{a, b}, []conformance.Expectation{b, a}).Empty()).To(BeTrue())
	d := conformance.Compare([]conformance.Expectation{a, b}, []conformance.Expectation{a2, c})
	g.Expect(d.Added).To(Equal([]conformance.Expectation{c}), "the same id in another suite is another case")
	g.Expect(d.Vanished).To(Equal([]conformance.Expectation{b}))
	g.Expect(d.Changed).To(Equal([][2]conformance.Expectation{{a, a2}}), "a new deviating check in a listed case")
	g.Expect(d.String()).To(Equal(
		"+ fixtures a/1 fail protocol   (new: not in the list)\n" +
			"- contract b/1 n/a CreateResourceServer   (vanished: listed, but the run did not report it)\n" +
			"~ contract a/1 fail outcome,protocol   (listed as fail protocol)\n"))
}

func TestMissingOperation(t *testing.T) {
	t.Parallel()
	for reason, want := range map[string]string{
		"setup needs CreateResourceServer: answered 500 Unsupported":                          "CreateResourceServer",
		"not applicable: the target does not support CreateIdentityProvider (answered 501)":   "CreateIdentityProvider",
		"setup: target http://127.0.0.1:1: CreateUserPool: connection refused":                "",
		`answered 500 Unsupported "Unsupported x-amz-target header \"CreateResourceServer\""`: "",
	} {
		NewWithT(t).Expect(conformance.MissingOperation(reason)).To(Equal(want), reason)
	}
}
