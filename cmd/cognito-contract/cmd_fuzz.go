package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cognito-contract/cognito-contract/runner"
)

// cmdFuzz runs a seeded fuzz campaign alone (exit 1 when it finds a violation).
func cmdFuzz(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("fuzz", stderr, "[--target T] --n N [--seed S] | --duration D")
	var tf targetFlags
	var rf reportFlags
	tf.register(fs)
	rf.register(fs)
	targetSpec := fs.String("target", "mock", "what to fuzz: mock, an http(s) endpoint URL, or aws")
	n := fs.Int("n", 0, fmt.Sprintf("number of cases (default %d against mock, %d against remote targets)", defaultFuzzMock, defaultFuzzRemote))
	seed := fs.Int64("seed", 1, "seed of the campaign: the same seed gives the same cases")
	duration := fs.Duration("duration", 0, "run for this long instead of --n cases")
	modelFile := fs.String("model", "", "Smithy JSON model `FILE` (default: the embedded model)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	switch {
	case *n < 0:
		return usagef("--n %d: expected a number of cases > 0", *n)
	case *duration < 0:
		return usagef("--duration %s: expected a positive duration such as 30s", *duration)
	case *n > 0 && *duration > 0:
		return usagef("--n and --duration: give one of them")
	}
	if err := checkFormat(rf.format, "text", "json"); err != nil {
		return err
	}
	c, modelName, err := loadContract(*modelFile)
	if err != nil {
		return err
	}
	tg, err := openTarget(ctx, *targetSpec, &tf, c, *seed)
	if err != nil {
		return err
	}
	cases := *n
	if cases == 0 && *duration == 0 {
		cases = tg.defaultFuzz()
	}
	r := runner.Run(ctx, runner.Options{
		Target: tg.t, Contract: c, Model: modelName, Seed: *seed, Fuzz: cases, FuzzDuration: *duration,
		Suites: []string{runner.SuiteFuzz}, Provision: tg.provision, Invocation: tg.inv, Progress: progress(stderr),
	})
	markInterrupted(ctx, r)
	if err := writeReports(r, rf, stdout); err != nil {
		return err
	}
	return exitWith(r.ExitCode())
}
