package main

import (
	"context"
	"io"

	"github.com/cognito-contract/cognito-contract/runner"
)

// cmdDiff sends the same seeded cases to two targets and reports where they answer
// differently (exit 1 when they do).
func cmdDiff(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("diff", stderr, "--target A --target B [--run REGEXP] [--json FILE] [--junit FILE]")
	var tf targetFlags
	var rf reportFlags
	var targets stringList
	tf.register(fs)
	rf.register(fs)
	fs.Var(&targets, "target", "a target to compare (give it twice): mock, an http(s) endpoint URL, or aws")
	runExpr := fs.String("run", "", "compare only the cases whose id matches this Go `REGEXP`")
	modelFile := fs.String("model", "", "Smithy JSON model `FILE` (default: the embedded model)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if len(targets) != 2 {
		return usagef("--target: expected exactly two targets (--target A --target B), got %d", len(targets))
	}
	if err := checkFormat(rf.format, "text", "json"); err != nil {
		return err
	}
	re, err := compileRun(*runExpr)
	if err != nil {
		return err
	}
	c, _, err := loadContract(*modelFile)
	if err != nil {
		return err
	}
	// diff sends the contract suite's cases, which no seed changes: it has no --seed (the
	// seeded fuzz cases are run's and fuzz's).
	seed := runner.DefaultSeed
	a, err := openTarget(ctx, targets[0], &tf, c, seed)
	if err != nil {
		return err
	}
	b, err := openTarget(ctx, targets[1], &tf, c, seed)
	if err != nil {
		return err
	}
	// Both targets get the same names (the first's run id), so their clients compare equal.
	prov := a.provision
	if prov.NamePrefix == "" {
		prov = b.provision
	}
	r := runner.Diff(ctx, runner.DiffOptions{A: a.t, B: b.t, ProvisionA: prov, ProvisionB: prov,
		Contract: c, Seed: seed, Run: re, Progress: progress(stderr)})
	markInterrupted(ctx, r)
	if err := writeReports(r, rf, stdout); err != nil {
		return err
	}
	return exitWith(r.ExitCode())
}
