package conformance

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/cognito-contract/cognito-contract/runner"
)

// The outcomes an expected list records. Passing cases are not listed.
const (
	OutcomeFail          = "fail"
	OutcomeNotApplicable = "n/a"
)

// Expectation is one line of an expected list: a case that does not pass against a target.
type Expectation struct {
	Suite   string // runner.SuiteContract, ...
	ID      string // "ClientName/too-long"
	Outcome string // OutcomeFail or OutcomeNotApplicable
	// Detail is, for a failing case, its deviating checks sorted and comma-joined
	// ("outcome,protocol,shape"); for a not-applicable case, the operation the target lacks
	// ("CreateResourceServer").
	Detail string
}

// String renders the expectation as a line of the list (without padding).
func (e Expectation) String() string {
	return e.Suite + " " + e.ID + " " + e.Outcome + " " + e.Detail
}

func (e Expectation) key() string { return e.Suite + " " + e.ID }

// missingOperation finds the operation a not-applicable reason names: the runner writes
// "setup needs CreateResourceServer: ..." and the fixtures suite "not applicable: the target
// does not support CreateResourceServer (...)".
var missingOperation = regexp.MustCompile(`(?:setup needs|does not support) ([A-Z][A-Za-z0-9]+)`)

// MissingOperation returns the operation a not-applicable case's reason names, "" if none.
func MissingOperation(reason string) string {
	if m := missingOperation.FindStringSubmatch(reason); m != nil {
		return m[1]
	}
	return ""
}

// FromReport returns the expectation list of a report: its failing cases with their deviating
// checks and its not-applicable cases with the missing operation, sorted. A case with status
// error, or a not-applicable case whose reason names no operation, is an error: neither
// belongs in a list of known deviations.
func FromReport(r *runner.Report) ([]Expectation, error) {
	byKey := map[string]*Expectation{}
	checks := map[string]map[string]bool{}
	var problems []string
	for _, c := range r.Cases {
		e := Expectation{Suite: c.Suite, ID: c.ID}
		switch c.Status {
		case runner.StatusPass:
			continue
		case runner.StatusError:
			problems = append(problems, fmt.Sprintf("%s %s: error: %s", c.Suite, c.ID, c.Reason))
			continue
		case runner.StatusNotApplicable:
			e.Outcome, e.Detail = OutcomeNotApplicable, MissingOperation(c.Reason)
			if e.Detail == "" {
				problems = append(problems, fmt.Sprintf("%s %s: not applicable without naming the missing operation: %q", c.Suite, c.ID, c.Reason))
				continue
			}
		case runner.StatusFail:
			e.Outcome = OutcomeFail
		default:
			problems = append(problems, fmt.Sprintf("%s %s: unknown status %q", c.Suite, c.ID, c.Status))
			continue
		}
		if strings.ContainsAny(e.Suite+e.ID, " \t") {
			problems = append(problems, fmt.Sprintf("%q %q: a suite or case id with white space cannot be listed", c.Suite, c.ID))
			continue
		}
		k := e.key()
		if byKey[k] == nil {
			byKey[k], checks[k] = &e, map[string]bool{}
		}
		for _, v := range c.Violations {
			checks[k][v.Check] = true
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("the report has cases that are neither deviations nor not applicable:\n  %s", strings.Join(problems, "\n  "))
	}
	out := make([]Expectation, 0, len(byKey))
	for k, e := range byKey {
		if e.Outcome == OutcomeFail {
			e.Detail = joinSorted(checks[k])
			if e.Detail == "" {
				e.Detail = "-" // failed without a violation (should not happen; kept visible)
			}
		}
		out = append(out, *e)
	}
	sortExpectations(out)
	return out, nil
}

func joinSorted(set map[string]bool) string {
	s := make([]string, 0, len(set))
	for k := range set {
		s = append(s, k)
	}
	sort.Strings(s)
	return strings.Join(s, ",")
}

func sortExpectations(es []Expectation) {
	sort.Slice(es, func(i, j int) bool {
		if es[i].Suite != es[j].Suite {
			return es[i].Suite < es[j].Suite
		}
		return es[i].ID < es[j].ID
	})
}

// ParseExpected reads an expected list: one case per line, "SUITE CASE-ID fail CHECK[,CHECK]"
// or "SUITE CASE-ID n/a OPERATION", fields separated by white space; blank lines and lines
// starting with # are ignored. name (the file) starts every error, with the line number.
func ParseExpected(name string, rd io.Reader) ([]Expectation, error) {
	var out []Expectation
	seen := map[string]int{}
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, n, err)
		}
		if prev, dup := seen[e.key()]; dup {
			return nil, fmt.Errorf("%s:%d: %s %s is already listed on line %d", name, n, e.Suite, e.ID, prev)
		}
		seen[e.key()] = n
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	sortExpectations(out)
	return out, nil
}

var detailPattern = regexp.MustCompile(`^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$`)

func parseLine(line string) (Expectation, error) {
	f := strings.Fields(line)
	if len(f) != 4 {
		return Expectation{}, fmt.Errorf("expected 4 fields \"SUITE CASE-ID fail CHECK[,CHECK]\" or \"SUITE CASE-ID n/a OPERATION\", got %d in %q", len(f), line)
	}
	e := Expectation{Suite: f[0], ID: f[1], Outcome: f[2], Detail: f[3]}
	switch e.Outcome {
	case OutcomeFail, OutcomeNotApplicable:
	default:
		return Expectation{}, fmt.Errorf("outcome %q: expected %q or %q", e.Outcome, OutcomeFail, OutcomeNotApplicable)
	}
	if !detailPattern.MatchString(e.Detail) {
		return Expectation{}, fmt.Errorf("%q: expected comma-separated check names (fail) or an operation name (n/a)", e.Detail)
	}
	return e, nil
}

// FormatExpected writes an expected list: the header lines as # comments, then one aligned
// line per expectation, sorted. ParseExpected reads it back.
func FormatExpected(w io.Writer, header []string, es []Expectation) error {
	bw := bufio.NewWriter(w)
	for _, h := range header {
		fmt.Fprintln(bw, strings.TrimRight("# "+h, " "))
	}
	sorted := append([]Expectation(nil), es...)
	sortExpectations(sorted)
	suiteW, idW := 0, 0
	for _, e := range sorted {
		suiteW, idW = max(suiteW, len(e.Suite)), max(idW, len(e.ID))
	}
	for _, e := range sorted {
		fmt.Fprintf(bw, "%-*s  %-*s  %-4s %s\n", suiteW, e.Suite, idW, e.ID, e.Outcome, e.Detail)
	}
	return bw.Flush()
}

// Diff is how a run departs from an expected list.
type Diff struct {
	Added    []Expectation    // in the run, not in the list: a new deviation or a new missing operation
	Vanished []Expectation    // in the list, not in the run: the case passes now, or is gone
	Changed  [][2]Expectation // listed and in the run with another outcome or detail: {want, got}
}

// Compare compares the expected list with the one a run produced.
func Compare(want, got []Expectation) Diff {
	var d Diff
	w := map[string]Expectation{}
	for _, e := range want {
		w[e.key()] = e
	}
	g := map[string]bool{}
	for _, e := range got {
		g[e.key()] = true
		old, ok := w[e.key()]
		switch {
		case !ok:
			d.Added = append(d.Added, e)
		case old != e:
			d.Changed = append(d.Changed, [2]Expectation{old, e})
		}
	}
	for _, e := range want {
		if !g[e.key()] {
			d.Vanished = append(d.Vanished, e)
		}
	}
	return d
}

// Empty reports whether the run matches the list.
func (d Diff) Empty() bool { return len(d.Added)+len(d.Vanished)+len(d.Changed) == 0 }

// String lists every difference, one per line: "+ added", "- vanished", "~ want -> got".
func (d Diff) String() string {
	var b strings.Builder
	for _, e := range d.Added {
		fmt.Fprintf(&b, "+ %s   (new: not in the list)\n", e)
	}
	for _, e := range d.Vanished {
		fmt.Fprintf(&b, "- %s   (vanished: listed, but the run did not report it)\n", e)
	}
	for _, c := range d.Changed {
		fmt.Fprintf(&b, "~ %s   (listed as %s %s)\n", c[1], c[0].Outcome, c[0].Detail)
	}
	return b.String()
}
