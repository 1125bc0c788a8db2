package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes (docs/STYLE.md).
const (
	exitOK        = 0
	exitViolation = 1
	exitUsage     = 2
	exitHarness   = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// commands maps a subcommand to its function.
var commands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"run":      cmdRun,
	"diff":     cmdDiff,
	"fuzz":     cmdFuzz,
	"serve":    cmdServe,
	"record":   cmdRecord,
	"fixtures": cmdFixtures,
	"report":   cmdReport,
	"sweep":    cmdSweep,
}

const usageText = `usage: cognito-contract <command> [flags]

commands:
  run       --target mock|URL|aws: contract suite, stateful checks, fixtures, fuzz campaign
  diff      --target A --target B: where two targets answer the same cases differently
  fuzz      --target T --n N --seed S | --duration D: a fuzz campaign
  serve     --addr 127.0.0.1:9229: the reference emulator over HTTP
  record    --target T --in DIR --out DIR: record a fixture directory against a target
  fixtures  check DIR: validate fixture files, refuse unscrubbed secrets
  report    --format markdown --in run.json: a conformance report from a run's JSON
  sweep     --target aws --sandbox-account ID --older-than 24h: delete leftovers

'cognito-contract <command> -h' lists a command's flags.
exit codes: 0 conform, 1 violation, 2 usage error, 3 harness or target error
`

// Main runs one command line and returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usageText)
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "cognito-contract: unknown command %q\n\n%s", args[0], usageText)
		return exitUsage
	}
	return exitCode(cmd(ctx, args[1:], stdout, stderr), args[0], stderr)
}

// exitCode prints an error on stderr and maps it to an exit code.
func exitCode(err error, cmd string, stderr io.Writer) int {
	var ex *exitError
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ex):
		if ex.msg != "" {
			fmt.Fprintf(stderr, "cognito-contract %s: %s\n", cmd, ex.msg)
		}
		return ex.code
	case errors.As(err, &ue):
		if ue.msg != "" {
			fmt.Fprintf(stderr, "cognito-contract %s: %s\n", cmd, ue.msg)
		}
		return exitUsage
	}
	fmt.Fprintf(stderr, "cognito-contract %s: %s\n", cmd, err)
	return exitHarness
}

// usageError is a bad command line (exit 2); its message names the flag and what was expected.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{msg: fmt.Sprintf(format, a...)} }

// exitError carries an exit code decided by a command (1 for violations).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func exitWith(code int) error {
	if code == exitOK {
		return nil
	}
	return &exitError{code: code}
}
