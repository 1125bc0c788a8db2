package runner

import (
	"context"
	"fmt"
	"strings"

	"github.com/cognito-contract/cognito-contract/fixtures"
)

// fixturesSuite replays the fixture library (--fixtures DIR): one case per fixture, named by
// the fixture; a mismatch with the recorded answer and every contract finding on the answer
// are violations.
func (rs *runState) fixturesSuite(ctx context.Context) {
	if rs.o.Fixtures == "" || rs.stopped != nil {
		return
	}
	suite, err := fixtures.LoadDir(rs.o.Fixtures)
	if err != nil {
		rs.stop(fmt.Errorf("fixtures %s: %w", rs.o.Fixtures, err))
		return
	}
	results := fixtures.Run(ctx, rs.t, suite, rs.c, fixtures.Options{
		Provision: rs.o.Provision,
		Run:       rs.o.Run,
		Progress:  func(done, total int) { rs.progress(SuiteFixtures, done, total) },
	})
	for _, r := range results {
		rs.report.Cases = append(rs.report.Cases, rs.fixtureCase(r))
		if r.Status == fixtures.StatusError && isTargetError(r.Err) {
			rs.stop(r.Err)
		}
	}
}

func (rs *runState) fixtureCase(r fixtures.Result) Case {
	c := Case{ID: r.Name, Suite: SuiteFixtures, Rule: "fixture " + r.File, Duration: r.Duration,
		Input: "the request of " + r.File, Rerun: rs.rerunFixture(r.Name)}
	switch r.Status {
	case fixtures.StatusNotApplicable:
		c.Status, c.Reason = StatusNotApplicable, r.Reason
		return c
	case fixtures.StatusError:
		c.Status, c.Reason = StatusError, r.Reason
		if c.Reason == "" && r.Err != nil {
			c.Reason = r.Err.Error()
		}
		return c
	}
	if r.Status == fixtures.StatusFail {
		c.Violations = append(c.Violations, Violation{Check: "fixture", Rule: "recorded answer",
			Expected: "the answer recorded in " + r.File, Actual: diffSummary(r.Diff), Source: r.File, Diff: r.Diff})
	}
	for _, f := range r.Findings {
		c.Violations = append(c.Violations, fromFinding(f, scrubText))
	}
	c.Status = StatusPass
	if len(c.Violations) > 0 {
		c.Status = StatusFail
	}
	return c
}

// diffSummary is the "actual:" line of a fixture mismatch: how many lines differ and the
// first line received. The whole diff, never cut, is the violation's Diff.
func diffSummary(d string) string {
	var want, got int
	first := ""
	for _, l := range strings.Split(d, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "-"):
			want++
		case strings.HasPrefix(t, "+"):
			got++
			if first == "" {
				first = strings.Join(strings.Fields(strings.TrimPrefix(t, "+")), " ")
			}
		}
	}
	s := fmt.Sprintf("differs from the recorded answer: %d line(s) -want, %d line(s) +got (diff below)", want, got)
	if first != "" {
		s += "; first +got: " + clip(first, 120)
	}
	return s
}
