package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cognito-contract/cognito-contract/fixtures"
)

// cmdRecord replays a fixture directory against a target and records what came back,
// scrubbed before anything touches disk.
func cmdRecord(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("record", stderr, "--target T --in DIR --out DIR [--run REGEXP] [--force]")
	var tf targetFlags
	tf.register(fs)
	targetSpec := fs.String("target", "mock", "where to record: mock, an http(s) endpoint URL, or aws")
	in := fs.String("in", "", "fixture `DIR` whose setups and requests are sent")
	out := fs.String("out", "", "`DIR` the recorded fixtures are written to (not --in, nor inside it)")
	runExpr := fs.String("run", "", "record only the fixtures whose name matches this Go `REGEXP`")
	force := fs.Bool("force", false, "overwrite fixture files that exist in --out")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *in == "" || *out == "" {
		return usagef("--in DIR and --out DIR are both required")
	}
	if err := checkDir("--in", *in); err != nil {
		return err
	}
	re, err := compileRun(*runExpr)
	if err != nil {
		return err
	}
	rec, err := planRecording(*in, *out, re, *force)
	if err != nil {
		return err
	}
	c, _, err := loadContract("")
	if err != nil {
		return err
	}
	tg, err := openTarget(ctx, *targetSpec, &tf, c, 0)
	if err != nil {
		return err
	}
	return rec.run(ctx, tg, stdout)
}

// cmdFixtures is "fixtures check DIR": every file valid, no unscrubbed secret (exit 1 if not).
func cmdFixtures(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("fixtures", stderr, "check DIR")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 || fs.Arg(0) != "check" {
		return usagef("expected 'fixtures check DIR'")
	}
	dir := fs.Arg(1)
	if err := checkDir("fixtures check", dir); err != nil {
		return err
	}
	problems := fixtures.Check(dir)
	for _, p := range problems {
		fmt.Fprintln(stdout, p.Error())
	}
	if len(problems) > 0 {
		return &exitError{code: exitViolation, msg: fmt.Sprintf("%d problem(s) in %s", len(problems), dir)}
	}
	fmt.Fprintf(stdout, "ok %s\n", dir)
	return nil
}
