package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/cognito-contract/cognito-contract/fixtures"
	"github.com/cognito-contract/cognito-contract/runner"
)

// reportFlags are the output flags of run, diff and fuzz.
type reportFlags struct {
	format, junit, json string
	verbose             bool
}

func (rf *reportFlags) register(fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
}) {
	fs.StringVar(&rf.format, "format", "text", "stdout format: text (people) or json (machines)")
	fs.StringVar(&rf.junit, "junit", "", "write a JUnit XML report to `FILE`")
	fs.StringVar(&rf.json, "json", "", "write the JSON report to `FILE` (input of 'cognito-contract report')")
	fs.BoolVar(&rf.verbose, "v", false, "also list passing cases")
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", stderr, "[--target mock|URL|aws] [--run REGEXP] [--seed S] [--fuzz N] [--fixtures DIR] [--junit FILE] [--json FILE]")
	var tf targetFlags
	var rf reportFlags
	tf.register(fs)
	rf.register(fs)
	targetSpec := fs.String("target", "mock", "what to test: mock (the embedded emulator), an http(s) endpoint URL, or aws")
	runExpr := fs.String("run", "", "run only the cases whose id matches this Go `REGEXP` (like go test -run)")
	seed := fs.Int64("seed", 1, "seed of the generated and fuzz cases: the same seed gives the same cases and report")
	fuzzN := fs.Int("fuzz", -1, fmt.Sprintf("fuzz cases (default %d against mock, %d against remote targets; 0 = none)", defaultFuzzMock, defaultFuzzRemote))
	fixturesDir := fs.String("fixtures", "", "replay the fixture library in `DIR` (e.g. fixtures/library)")
	recordOut := fs.String("record-out", "", "also record the fixtures --run selects against the target into `DIR` (outside --fixtures)")
	recordForce := fs.Bool("force", false, "with --record-out: overwrite fixture files that exist in DIR")
	modelFile := fs.String("model", "", "Smithy JSON model `FILE` to test against (default: the embedded model)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if err := checkFormat(rf.format, "text", "json"); err != nil {
		return err
	}
	re, err := compileRun(*runExpr)
	if err != nil {
		return err
	}
	if *fuzzN < -1 {
		return usagef("--fuzz %d: expected a number of cases >= 0", *fuzzN)
	}
	if *fixturesDir != "" {
		if err := checkDir("--fixtures", *fixturesDir); err != nil {
			return err
		}
		// A malformed fixture is bad input (exit 2), named by file and JSON path, before
		// anything is sent.
		if _, err := fixtures.LoadDir(*fixturesDir); err != nil {
			return usagef("--fixtures %s: %v", *fixturesDir, err)
		}
	}
	if *recordOut != "" && *fixturesDir == "" {
		return usagef("--record-out %s: needs --fixtures DIR, the fixtures to record", *recordOut)
	}
	var rec *recording
	if *recordOut != "" {
		if rec, err = planRecording(*fixturesDir, *recordOut, re, *recordForce); err != nil {
			return err
		}
	}
	c, modelName, err := loadContract(*modelFile)
	if err != nil {
		return err
	}
	tg, err := openTarget(ctx, *targetSpec, &tf, c, *seed)
	if err != nil {
		return err
	}
	n := *fuzzN
	if n < 0 {
		n = tg.defaultFuzz()
	}
	r := runner.Run(ctx, runner.Options{
		Target: tg.t, Contract: c, Model: modelName, Seed: *seed, Run: re,
		Fixtures: *fixturesDir, Fuzz: n, Provision: tg.provision, Invocation: tg.inv, Progress: progress(stderr),
	})
	markInterrupted(ctx, r)
	warnNoneSelected(re, r, stderr)
	// The recording's diagnostics go to stderr (stdout holds the report, JSON with --format
	// json); a recording that fails makes the run a harness error (exit 3).
	var recErr error
	switch {
	case rec != nil && r.Incomplete:
		fmt.Fprintf(stderr, "cognito-contract run: --record-out %s: nothing recorded: the run stopped early\n", *recordOut)
	case rec != nil:
		if recErr = rec.run(ctx, tg, stderr); recErr != nil {
			fmt.Fprintf(stderr, "cognito-contract run: --record-out %s: %v\n", *recordOut, recErr)
		}
	}
	if err := writeReports(r, rf, stdout); err != nil {
		return err
	}
	if recErr != nil {
		return exitWith(exitHarness)
	}
	return exitWith(r.ExitCode())
}

// warnNoneSelected says on stderr when --run selected no case of the contract, stateful and
// fixtures suites: a rerun line that runs nothing must not pass silently.
func warnNoneSelected(re *regexp.Regexp, r *runner.Report, stderr io.Writer) {
	if re == nil || r.Incomplete {
		return
	}
	for _, c := range r.Cases {
		if c.Suite != runner.SuiteFuzz {
			return
		}
	}
	fmt.Fprintf(stderr, "cognito-contract run: warning: --run %q matches no case (contract, stateful or fixtures; a fixture case needs --fixtures DIR)\n", re.String())
}

// markInterrupted marks a report cut short by Ctrl-C or SIGTERM (exit 3).
func markInterrupted(ctx context.Context, r *runner.Report) {
	if ctx.Err() == nil {
		return
	}
	msg := "interrupted (SIGINT or SIGTERM)"
	if r.Cleanup == "" {
		msg += "; what the run created was deleted"
	}
	if r.Error != "" && !strings.HasPrefix(r.Error, "interrupted") {
		msg += ": " + r.Error
	}
	r.Incomplete, r.Error = true, msg
}

// writeReports writes --junit and --json files, then the report on stdout in --format.
func writeReports(r *runner.Report, rf reportFlags, stdout io.Writer) error {
	if rf.junit != "" {
		if err := writeFile(rf.junit, func(w io.Writer) error { return runner.WriteJUnit(w, r) }); err != nil {
			return err
		}
	}
	if rf.json != "" {
		if err := writeFile(rf.json, func(w io.Writer) error { return runner.WriteJSON(w, r) }); err != nil {
			return err
		}
	}
	if rf.format == "json" {
		return runner.WriteJSON(stdout, r)
	}
	return runner.WriteText(stdout, r, runner.TextOptions{Verbose: rf.verbose})
}

// writeFile writes a report file; a failure is a harness error naming the file.
func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("cannot write report %s: %w", name, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing report %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing report %s: %w", name, err)
	}
	return nil
}

// progress shows "suite done/total" on stderr when stderr is a terminal; nil otherwise.
func progress(stderr io.Writer) func(suite string, done, total int) {
	f, ok := stderr.(*os.File)
	if !ok || !isTerminal(f) {
		return nil
	}
	return func(suite string, done, total int) {
		fmt.Fprintf(f, "\r\033[K%-9s %d/%d", suite, done, total)
		if done == total {
			fmt.Fprint(f, "\r\033[K")
		}
	}
}
