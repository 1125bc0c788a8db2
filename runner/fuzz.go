package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/cognito-contract/cognito-contract/fuzz"
	"github.com/cognito-contract/cognito-contract/internal/target"
)

// fuzzCampaignID is the id of the case that stands for the whole campaign; --run selects the
// campaign when it matches it.
const fuzzCampaignID = "fuzz/campaign"

// fuzzSuite runs the seeded fuzz campaign (--fuzz N or a duration): one case for the
// campaign, one failed case per finding (shrunk, deduplicated by check and member), with the
// command that replays it.
func (rs *runState) fuzzSuite(ctx context.Context) {
	if (rs.o.Fuzz <= 0 && rs.o.FuzzDuration <= 0) || !rs.selected(fuzzCampaignID) {
		return
	}
	camp := fuzz.Campaign{Target: rs.t, Contract: rs.c, Seed: rs.o.Seed, N: rs.o.Fuzz, Duration: rs.o.FuzzDuration,
		Provision: rs.o.Provision}
	if rs.o.FuzzDuration > 0 {
		camp.N = 0
	}
	if rs.o.Progress != nil {
		camp.Progress = func(done, total int) { rs.progress(SuiteFuzz, done, total) }
	}
	rep, err := camp.Run(ctx)
	if nc := notCognito(rs.t.Name(), err); nc != nil {
		err = nc
	}
	rs.report.Fuzz = fuzzSummary(rep)
	c := Case{ID: fuzzCampaignID, Suite: SuiteFuzz, Duration: rep.Elapsed,
		Rule: "every generated request gets the answer the contract predicts (positive, negative and raw modes)",
		Input: fmt.Sprintf("%d executions, seed %d%s: %s%s", rep.Executions, rs.o.Seed, modesOf(rs.report.Fuzz), findingsText(len(rep.Findings)),
			droppedText(rs.report.Fuzz)),
		Rerun: rs.rerunner().Fuzz(rerunN(camp, rep))}
	switch {
	case err != nil && errors.As(err, new(*target.NotApplicableError)):
		setupFailure(&c, err)
	case err != nil:
		c.Status, c.Reason = StatusError, scrubText(err.Error())
		if isTargetError(err) {
			rs.stop(err)
		}
	default:
		c.Status = StatusPass
	}
	rs.report.Cases = append(rs.report.Cases, c)
	for _, fd := range rep.Findings {
		rs.report.Cases = append(rs.report.Cases, rs.findingCase(fd, c.Rerun))
	}
}

// droppedText is "; ResourceServers left out: ..." for the parts the campaign went without.
func droppedText(f *FuzzSummary) string {
	s := ""
	for _, d := range f.Dropped {
		s += "; " + d
	}
	return s
}

// rerunN is the --n that replays the campaign: its N, or the executions a Duration run made.
func rerunN(camp fuzz.Campaign, rep fuzz.Report) int {
	if camp.N > 0 {
		return camp.N
	}
	return rep.Executions
}

// fuzzSummary is the campaign's size and outcome as the report keeps it.
func fuzzSummary(rep fuzz.Report) *FuzzSummary {
	fs := &FuzzSummary{Executions: rep.Executions, Findings: len(rep.Findings)}
	for _, d := range rep.Dropped {
		fs.Dropped = append(fs.Dropped, d.String())
	}
	if len(rep.ByMode) > 0 {
		fs.ByMode = map[string]int{}
		for m, n := range rep.ByMode {
			fs.ByMode[m.String()] = n
		}
	}
	return fs
}

// findingsText is "0 findings", "1 finding", "3 findings".
func findingsText(n int) string {
	if n == 1 {
		return "1 finding"
	}
	return fmt.Sprintf("%d findings", n)
}

// modesOf renders the executions per mode: " (negative 700, positive 900, raw 400)".
func modesOf(f *FuzzSummary) string {
	var parts []string
	for m, n := range f.ByMode {
		parts = append(parts, fmt.Sprintf("%s %d", m, n))
	}
	if len(parts) == 0 {
		return ""
	}
	sort.Strings(parts)
	return " (" + joinComma(parts) + ")"
}

func joinComma(s []string) string {
	out := ""
	for i, p := range s {
		if i > 0 {
			out += ", "
		}
		out += p
	}
	return out
}

// findingCase is a failed case for one shrunk fuzz finding; the request is the finding's
// fixture request (placeholders for ids and secret).
func (rs *runState) findingCase(fd fuzz.Finding, rerun string) Case {
	var fx struct {
		Request struct{ Body json.RawMessage }
	}
	_ = json.Unmarshal(fd.Fixture(), &fx)
	req := string(fx.Request.Body)
	var compact bytes.Buffer
	if json.Compact(&compact, fx.Request.Body) == nil {
		req = compact.String()
	}
	d := fd.Departure
	return Case{
		ID: "fuzz/" + fd.Name(), Suite: SuiteFuzz, Status: StatusFail,
		Rule:     d.Label() + " " + d.Member + " (" + d.Source + ")",
		Input:    clip(req, 200),
		Request:  req,
		Expected: scrubText(d.Expected), Actual: scrubText(d.Actual),
		Violations: []Violation{{Check: string(d.Check), Rule: d.Rule, Member: d.Member,
			Expected: scrubText(d.Expected), Actual: scrubText(d.Actual), Source: d.Source}},
		Reason: fmt.Sprintf("seen %d times, shrunk from case %s; replay: %s", fd.Count, fd.Original.ID, fd.CLICommand()),
		Rerun:  rerun,
	}
}
