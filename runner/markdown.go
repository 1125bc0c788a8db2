package runner

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// markdownChecks are the checks a conformance report always lists, in order: the contract's
// checks and the runner's outcome check (status and error code against the prediction). Any
// other check a violation names follows them (checksOf).
var markdownChecks = []string{
	CheckOutcome,
	string(contracts.CheckShape), string(contracts.CheckErrorCode), string(contracts.CheckStatus),
	string(contracts.CheckProtocol), string(contracts.CheckEcho), string(contracts.CheckResetToDefault),
	string(contracts.CheckInvariant), string(contracts.CheckRule),
}

// WriteMarkdown writes a conformance report: the run's summary, each check with its outcome,
// each case with its outcome, and each deviation explained in one line with its rule and
// source.
func WriteMarkdown(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	s := r.Summary
	fmt.Fprintf(bw, "# Conformance report: %s\n\n", r.Operation)
	model := r.Model
	if model == "" {
		model = "embedded"
	}
	fmt.Fprintf(bw, "Target `%s`, seed %d, model %s. %d cases: %d pass, %d fail, %d not applicable, %d errors.\n",
		r.Target, r.Seed, model, s.Total, s.Pass, s.Fail, s.NotApplicable, s.Error)
	if f := r.Fuzz; f != nil {
		fmt.Fprintf(bw, "\nFuzz campaign: %d executions%s, %s", f.Executions, modesOf(f), findingsText(f.Findings))
		if f.Findings > 0 {
			fmt.Fprint(bw, " (each a failing case below)")
		}
		fmt.Fprint(bw, ".\n")
		if len(f.Dropped) > 0 {
			fmt.Fprint(bw, "\nIts setups went without what the target lacks, and it drew no case that needs it:\n\n")
		}
		for _, d := range f.Dropped {
			fmt.Fprintf(bw, "- %s\n", mdEscape(d))
		}
	}
	if r.Incomplete {
		fmt.Fprintf(bw, "\n**The run is incomplete:** %s\n", mdEscape(r.Error))
	}
	writeChecksMarkdown(bw, r)
	writeCasesMarkdown(bw, r)
	writeDeviationsMarkdown(bw, r)
	return bw.Flush()
}

func writeChecksMarkdown(w *bufio.Writer, r *Report) {
	counts := map[string]int{}
	for _, c := range r.Cases {
		for _, v := range c.Violations {
			counts[v.Check]++
		}
	}
	fmt.Fprint(w, "\n## Checks\n\n| Check | Outcome |\n|---|---|\n")
	for _, ch := range checksOf(counts) {
		out := "conforms"
		if n := counts[ch]; n > 0 {
			out = fmt.Sprintf("%d deviation(s)", n)
		}
		fmt.Fprintf(w, "| %s | %s |\n", ch, out)
	}
}

// checksOf is markdownChecks followed by every other check the violations name (fixture,
// stateful, diff, ...), sorted, so that no deviation is missing from the table.
func checksOf(counts map[string]int) []string {
	out := append([]string(nil), markdownChecks...)
	var extra []string
	for ch := range counts {
		if !slices.Contains(markdownChecks, ch) {
			extra = append(extra, ch)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}

func writeCasesMarkdown(w *bufio.Writer, r *Report) {
	fmt.Fprint(w, "\n## Cases\n\n| Suite | Case | Outcome |\n|---|---|---|\n")
	for _, c := range r.Cases {
		out := string(c.Status)
		if c.Reason != "" && (c.Status == StatusNotApplicable || c.Status == StatusError) {
			out += ": " + c.Reason
		}
		fmt.Fprintf(w, "| %s | `%s` | %s |\n", c.Suite, mdCode(c.ID), mdEscape(out))
	}
}

func writeDeviationsMarkdown(w *bufio.Writer, r *Report) {
	fmt.Fprint(w, "\n## Deviations\n\n")
	n := 0
	for _, c := range r.Cases {
		for _, v := range c.Violations {
			n++
			fmt.Fprintf(w, "- `%s` (%s): %s: expected %s, got %s.\n", mdCode(c.ID), c.Suite,
				mdEscape(violationRule(c, v)), mdEscape(v.Expected), mdEscape(v.Actual))
		}
	}
	if n == 0 {
		fmt.Fprint(w, "None: every response conformed to the contract.\n")
	}
}

// mdEscape keeps a value on one table line.
func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

func mdCode(s string) string { return strings.ReplaceAll(s, "`", "'") }
