package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/cognito-contract/cognito-contract/runner"
)

// cmdReport renders a run's --json report: a Markdown conformance report (each check with its
// outcome, each deviation in one line with its rule and source), the console text, or JUnit.
func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", stderr, "--format markdown --in run.json [--out FILE]")
	format := fs.String("format", "markdown", "markdown, text or junit")
	in := fs.String("in", "", "the JSON report `FILE` of a run (run --json FILE)")
	out := fs.String("out", "", "write to `FILE` instead of stdout")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if err := checkFormat(*format, "markdown", "text", "junit"); err != nil {
		return err
	}
	if *in == "" {
		return usagef("--in FILE is required: the JSON report of a run (run --json FILE)")
	}
	f, err := os.Open(*in)
	if err != nil {
		return usagef("--in %s: %v", *in, err)
	}
	defer f.Close()
	r, err := runner.ReadJSON(f)
	if err != nil {
		return usagef("--in %s: %v", *in, err)
	}
	write := func(w io.Writer) error {
		switch *format {
		case "text":
			return runner.WriteText(w, r, runner.TextOptions{})
		case "junit":
			return runner.WriteJUnit(w, r)
		}
		return runner.WriteMarkdown(w, r)
	}
	if *out != "" {
		return writeFile(*out, write)
	}
	if err := write(stdout); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}
