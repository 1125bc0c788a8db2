package runner

import (
	"sort"
	"time"
)

// Status is the outcome of one case.
type Status string

// The statuses. A not-applicable case is neither a failure nor a pass: its setup needs an
// operation the target lacks. An error case hit a target error (unreachable, budget exhausted).
const (
	StatusPass          Status = "pass"
	StatusFail          Status = "fail"
	StatusNotApplicable Status = "not-applicable"
	StatusError         Status = "error"
)

// The suites of a run, in the order they run.
const (
	SuiteContract = "contract"
	SuiteStateful = "stateful"
	SuiteFixtures = "fixtures"
	SuiteFuzz     = "fuzz"
)

// suiteOrder sorts suites the way they run.
var suiteOrder = map[string]int{SuiteContract: 0, SuiteStateful: 1, SuiteFixtures: 2, SuiteFuzz: 3, SuiteDiff: 4}

// Report is the result of a run against one target.
type Report struct {
	Tool      string  `json:"tool"`
	Operation string  `json:"operation"`
	Target    string  `json:"target"`
	Seed      int64   `json:"seed"`
	Run       string  `json:"run,omitempty"`   // the --run selection
	Model     string  `json:"model,omitempty"` // "embedded" or the --model file
	Cases     []Case  `json:"cases"`
	Summary   Summary `json:"summary"`
	Stats     Stats   `json:"stats"`
	// Fuzz sums up the fuzz campaign (nil when none ran). The campaign is one case of the
	// report and each finding another, so the case count says nothing of its size.
	Fuzz *FuzzSummary `json:"fuzz,omitempty"`
	// Incomplete is set when the run stopped early (target error, Ctrl-C); Error says why.
	Incomplete bool   `json:"incomplete,omitempty"`
	Error      string `json:"error,omitempty"`
	// Cleanup reports resources a run could not delete (for sweep), "" when all went.
	Cleanup string `json:"cleanup,omitempty"`
	// Timing holds everything that differs between two runs with the same seed.
	Timing *Timing `json:"timing,omitempty"`
}

// Case is one test case and its outcome.
type Case struct {
	ID     string `json:"id"` // "ClientName/too-long"
	Suite  string `json:"suite"`
	Status Status `json:"status"`
	// Rule is what the case checks ("ClientName length 1..128 (model: ClientNameType)").
	Rule string `json:"rule,omitempty"`
	// Input is the value under test on one line ("ClientName = \"aaaa...\" (129 chars)").
	Input string `json:"input,omitempty"`
	// Request is the body sent, with the target's identifiers as placeholders.
	Request string `json:"request,omitempty"`
	// Expected and Actual are the predicted and received answers ("400 InvalidParameterException").
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	// Violations are every departure from the contract (empty when the case passes).
	Violations []Violation `json:"violations,omitempty"`
	// Reason explains a not-applicable or error case, naming what is missing.
	Reason string `json:"reason,omitempty"`
	// Rerun is the command that runs this case again.
	Rerun string `json:"rerun,omitempty"`
	// Duration is kept out of the JSON report (it differs between runs); JUnit carries it.
	Duration time.Duration `json:"-"`
}

// Violation is one way a response departed from the contract.
type Violation struct {
	Check    string `json:"check"`
	Rule     string `json:"rule,omitempty"`
	Member   string `json:"member,omitempty"`
	Expected string `json:"expected"`
	Actual   string `json:"actual"`
	Source   string `json:"source,omitempty"`
	// Diff is the full multi-line difference (-want +got) when the check compares two
	// documents (a fixture's recorded answer with the one received); Actual then sums it up.
	Diff string `json:"diff,omitempty"`
}

// Summary counts cases by status.
type Summary struct {
	Total         int `json:"total"`
	Pass          int `json:"pass"`
	Fail          int `json:"fail"`
	NotApplicable int `json:"notApplicable"`
	Error         int `json:"error"`
	Violations    int `json:"violations"`
}

// FuzzSummary is the size and outcome of a fuzz campaign.
type FuzzSummary struct {
	// Executions is the number of generated requests sent (shrinking excluded).
	Executions int `json:"executions"`
	// ByMode counts the executions per mode (positive, negative, raw).
	ByMode map[string]int `json:"byMode,omitempty"`
	// Findings is the number of distinct findings (by check and member); each is a failed
	// case of the report.
	Findings int `json:"findings"`
	// Dropped are the parts of the campaign's setups left out because the target lacks the
	// operation that creates them ("ResourceServers left out: the target lacks
	// CreateResourceServer (answered ...)"); the campaign drew no case that needs them.
	Dropped []string `json:"dropped,omitempty"`
}

// Stats are the target's request counters.
type Stats struct {
	Requests  int64 `json:"requests"`
	Retries   int64 `json:"retries"`
	Throttled int64 `json:"throttled"`
}

// Timing is the part of a report that differs between two runs with the same seed.
type Timing struct {
	Started    time.Time `json:"started"`
	DurationMS int64     `json:"durationMs"`
}

// Finish scrubs every string of the report (no secret reaches a report), sorts the cases
// (suite order, then id) and computes the summary.
func (r *Report) Finish() {
	scrubReport(r)
	sort.SliceStable(r.Cases, func(i, j int) bool {
		a, b := r.Cases[i], r.Cases[j]
		if a.Suite != b.Suite {
			return suiteOrder[a.Suite] < suiteOrder[b.Suite]
		}
		return a.ID < b.ID
	})
	s := Summary{Total: len(r.Cases)}
	for _, c := range r.Cases {
		switch c.Status {
		case StatusPass:
			s.Pass++
		case StatusFail:
			s.Fail++
		case StatusNotApplicable:
			s.NotApplicable++
		case StatusError:
			s.Error++
		}
		s.Violations += len(c.Violations)
	}
	r.Summary = s
}

// Failed reports whether at least one case failed (exit code 1).
func (r *Report) Failed() bool { return r.Summary.Fail > 0 }

// Broken reports whether the run hit a harness or target error (exit code 3).
func (r *Report) Broken() bool { return r.Incomplete || r.Summary.Error > 0 }

// ExitCode is the process exit code for the report: 3 for a target error (even when
// violations were found before it), 1 for a violation, 0 when everything conforms.
func (r *Report) ExitCode() int {
	switch {
	case r.Broken():
		return 3
	case r.Failed():
		return 1
	}
	return 0
}
