package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"

	"github.com/cognito-contract/cognito-contract/fixtures"
)

// recording is a planned `record` (or `run --record-out`): the suite, what it selects and
// where it goes, checked before anything is sent.
type recording struct {
	suite fixtures.Suite
	out   string
	opts  fixtures.RecordOptions
}

// planRecording loads the fixtures of in and checks the output: a malformed fixture, --out
// equal to or inside in, and files that exist already (without force) are usage errors
// (exit 2), reported before the target is touched.
func planRecording(in, out string, run *regexp.Regexp, force bool) (*recording, error) {
	suite, err := fixtures.LoadDir(in)
	if err != nil {
		return nil, usagef("%s: %v", in, err)
	}
	r := &recording{suite: suite, out: out, opts: fixtures.RecordOptions{Run: run, Force: force}}
	plan, err := fixtures.PlanRecord(suite, out, r.opts)
	var refused *fixtures.RecordRefusedError
	if errors.As(err, &refused) {
		return nil, usagef("%s", refused.Msg)
	}
	if err != nil {
		return nil, err
	}
	if len(plan.Fixtures) == 0 {
		return nil, usagef("--run %q selects none of the %d fixtures in %s: nothing to record", run, len(suite.Fixtures), in)
	}
	return r, nil
}

// run records against the target and says how many files it wrote, on w (stderr for run,
// whose stdout holds the report).
func (r *recording) run(ctx context.Context, tg *opened, w io.Writer) error {
	o := r.opts
	o.Provision = tg.provision
	files, err := fixtures.RecordWith(ctx, tg.t, r.suite, r.out, o)
	fmt.Fprintf(w, "recorded %d fixtures into %s\n", len(files), r.out)
	return err
}
