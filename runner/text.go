package runner

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// ProgramName is the command the rerun lines name.
const ProgramName = "cognito-contract"

// TextOptions tune the console report.
type TextOptions struct {
	Verbose bool // also list passing cases
}

// WriteText writes the console report: every violation of every failed case in the house
// format (docs/STYLE.md), the not-applicable and error cases with their reason, then a summary.
func WriteText(w io.Writer, r *Report, o TextOptions) error {
	bw := bufio.NewWriter(w)
	for _, c := range r.Cases {
		writeCaseText(bw, r, c, o)
	}
	writeSummaryText(bw, r)
	return bw.Flush()
}

func writeCaseText(w *bufio.Writer, r *Report, c Case, o TextOptions) {
	head := func(word string) {
		fmt.Fprintf(w, "%s %s/%s   [target=%s]\n", word, r.Operation, c.ID, r.Target)
	}
	switch c.Status {
	case StatusPass:
		if o.Verbose {
			fmt.Fprintf(w, "ok   %s/%s\n", r.Operation, c.ID)
		}
	case StatusNotApplicable, StatusError:
		word := "SKIP"
		if c.Status == StatusError {
			word = "ERROR"
		}
		head(word)
		line(w, "reason", c.Reason)
		line(w, "rerun", c.Rerun)
	case StatusFail:
		for _, v := range c.Violations {
			head("FAIL")
			line(w, "rule", violationRule(c, v))
			line(w, "input", c.Input)
			line(w, "expected", v.Expected)
			line(w, "actual", v.Actual)
			block(w, "diff", v.Diff)
			line(w, "rerun", c.Rerun)
			line(w, "note", c.Reason)
		}
	}
}

// line writes one "    key:      value" line, value on one line; empty values are skipped.
func line(w *bufio.Writer, key, value string) {
	if value == "" {
		return
	}
	value = strings.ReplaceAll(value, "\n", `\n`)
	fmt.Fprintf(w, "    %-9s %s\n", key+":", value)
}

// block writes a multi-line value (a -want +got diff) under a "    key:" line, every line of
// it indented by 8 spaces, nothing cut; an empty value is skipped.
func block(w *bufio.Writer, key, value string) {
	value = strings.TrimRight(value, "\n")
	if value == "" {
		return
	}
	fmt.Fprintf(w, "    %s\n", key+": (-want +got)")
	for _, l := range strings.Split(value, "\n") {
		fmt.Fprintf(w, "        %s\n", strings.TrimRight(l, " \t\u00a0"))
	}
}

// violationRule is the "rule:" line of a violation: the case's own rule for the outcome
// (status and error code against the prediction), otherwise the check, member and source.
func violationRule(c Case, v Violation) string {
	if v.Check == CheckOutcome && c.Rule != "" {
		return c.Rule
	}
	s := v.Check
	if v.Rule != "" {
		if v.Check == "rule" {
			s = "rule " + v.Rule
		} else {
			s += " " + v.Rule
		}
	}
	if v.Member != "" {
		s += " " + v.Member
	}
	if v.Source != "" {
		s += " (" + v.Source + ")"
	}
	return s
}

// CheckOutcome is the check of a violation that compares status and error code with the
// prediction.
const CheckOutcome = "outcome"

func writeSummaryText(w *bufio.Writer, r *Report) {
	s := r.Summary
	if s.Total > 0 || r.Incomplete {
		fmt.Fprintln(w)
	}
	verdict := "ok"
	switch r.ExitCode() {
	case 1:
		verdict = "FAIL"
	case 3:
		verdict = "ERROR"
	}
	fmt.Fprintf(w, "%s %s against %s, seed %d: %d cases, %d pass, %d fail (%d violations), %d not applicable, %d errors\n",
		verdict, r.Operation, r.Target, r.Seed, s.Total, s.Pass, s.Fail, s.Violations, s.NotApplicable, s.Error)
	for _, suite := range []string{SuiteContract, SuiteStateful, SuiteFixtures, SuiteFuzz, SuiteDiff} {
		var n, pass, fail, na, errs int
		for _, c := range r.Cases {
			if c.Suite != suite {
				continue
			}
			n++
			switch c.Status {
			case StatusPass:
				pass++
			case StatusFail:
				fail++
			case StatusNotApplicable:
				na++
			case StatusError:
				errs++
			}
		}
		switch {
		case n == 0:
		case suite == SuiteFuzz && r.Fuzz != nil:
			fmt.Fprintf(w, "    %-9s %s\n", suite, fuzzLine(r.Fuzz, na, errs))
			for _, d := range r.Fuzz.Dropped {
				fmt.Fprintf(w, "    %-9s %s\n", "", d)
			}
		default:
			fmt.Fprintf(w, "    %-9s %4d cases: %d pass, %d fail, %d not applicable, %d errors\n", suite, n, pass, fail, na, errs)
		}
	}
	fmt.Fprintf(w, "    requests: %d, retried: %d, throttled (TooManyRequestsException): %d\n", r.Stats.Requests, r.Stats.Retries, r.Stats.Throttled)
	if r.Incomplete {
		fmt.Fprintf(w, "    INCOMPLETE: %s\n", r.Error)
	}
	if r.Cleanup != "" {
		fmt.Fprintf(w, "    cleanup: %s\n", r.Cleanup)
	}
}

// fuzzLine is the fuzz suite's summary: the campaign's size, not its case count (the
// campaign is one case, each finding another): "2000 executions: 0 findings".
func fuzzLine(f *FuzzSummary, notApplicable, errs int) string {
	s := fmt.Sprintf("%4d executions: %s", f.Executions, findingsText(f.Findings))
	if f.Findings > 0 {
		s += " (failing cases above)"
	}
	if notApplicable > 0 {
		s += ", campaign not applicable"
	}
	if errs > 0 {
		s += ", stopped by an error"
	}
	return s
}

// RerunCommand is the command line that runs one case again against target, a --target
// spec ("mock", an endpoint URL). The --run pattern is always quoted, the target only when
// the shell needs it. Rerun builds the lines of runs that need more flags (aws, --model).
func RerunCommand(target, id string, seed int64, withSeed bool) string {
	cmd := fmt.Sprintf("%s run --target %s --run %s", ProgramName, shellWord(target), singleQuote(regexp.QuoteMeta(id)))
	if withSeed {
		cmd += fmt.Sprintf(" --seed %d", seed)
	}
	return cmd
}

// shellWord returns s unchanged when a POSIX shell reads it as one word, else single-quoted.
func shellWord(s string) string {
	if s == "" {
		return "''"
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@=,+%", r)) {
			return singleQuote(s)
		}
	}
	return s
}

func singleQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
