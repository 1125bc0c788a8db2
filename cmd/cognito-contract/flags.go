package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// DefaultRemoteRPS paces requests to remote targets. Cognito's quota category of
// UpdateUserPoolClient is UserPoolClientUpdate: 15 requests per second per account, and "any
// individual operation in this category ... [no more than] 5 RPS for a single user pool"
// (Amazon Cognito Developer Guide, Quotas, https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html;
// awsdocs/amazon-cognito-developer-guide doc_source/limits.md). 4 stays below both. An endpoint
// URL on loopback is unpaced unless --rps says otherwise (endpointRPS): the quota protects
// AWS, not an emulator on this machine.
const DefaultRemoteRPS = 4

// Default fuzz campaign sizes of run: a few thousand cases in-process, fewer on remote targets.
const (
	defaultFuzzMock   = 2000
	defaultFuzzRemote = 100
)

// newFlagSet returns a flag set whose errors are usage errors (exit 2).
func newFlagSet(name string, stderr io.Writer, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("cognito-contract "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: cognito-contract %s %s\n\nflags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; -h is not an error, anything else wrong is a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return &exitError{code: exitOK}
		}
		return &usageError{} // the flag package already said what is wrong, and the usage
	}
	return nil
}

// noArgs refuses positional arguments.
func noArgs(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (flags start with --)", fs.Arg(0))
	}
	return nil
}

// targetFlags are the flags of every command that talks to a target.
type targetFlags struct {
	region, profile, sandbox, endpoint string
	rps                                float64
	maxRequests, maxRetries            int
	timeout                            time.Duration
	// sweep is set by the sweep command: its AWS target may name pools it did not create
	// (target.Options.OnlyOwnPools stays off). Every other command's AWS target keeps to its own.
	sweep bool
}

func (tf *targetFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&tf.region, "region", "", "AWS region requests are signed for (default: the AWS configuration's, else us-east-1)")
	fs.StringVar(&tf.profile, "profile", "", "AWS shared-config profile for --target aws")
	fs.StringVar(&tf.sandbox, "sandbox-account", "", "12-digit id of the AWS sandbox account; --target aws refuses to run in any other")
	fs.StringVar(&tf.endpoint, "endpoint", "", "override the AWS endpoint of --target aws (tests, VPC endpoints)")
	fs.Float64Var(&tf.rps, "rps", -1, fmt.Sprintf("requests per second; 0 = unpaced (default: unpaced for mock and for loopback URLs such as http://127.0.0.1:9229, [::1] or localhost; %d for other URLs and aws)", DefaultRemoteRPS))
	fs.IntVar(&tf.maxRequests, "max-requests", 0, "request budget; exceeding it is a target error (0 = unlimited)")
	fs.IntVar(&tf.maxRetries, "max-retries", 0, "retries on TooManyRequestsException (0 = default: 3 for remote targets)")
	fs.DurationVar(&tf.timeout, "timeout", 10*time.Second, "per-request timeout")
}

func (tf *targetFlags) validate() error {
	switch {
	case tf.rps < 0 && tf.rps != -1:
		return usagef("--rps %v: expected a number of requests per second >= 0", tf.rps)
	case tf.maxRequests < 0:
		return usagef("--max-requests %d: expected 0 (unlimited) or more", tf.maxRequests)
	case tf.timeout <= 0:
		return usagef("--timeout %s: expected a positive duration such as 10s", tf.timeout)
	}
	return nil
}

// modelFlag loads --model FILE, or the embedded model.
func loadContract(file string) (*contracts.Contract, string, error) {
	if file == "" {
		return contracts.UpdateUserPoolClient, "embedded", nil
	}
	m, err := contracts.LoadModelFile(file)
	if err != nil {
		return nil, "", usagef("--model %s: %v", file, err)
	}
	c, err := contracts.New(m)
	if err != nil {
		return nil, "", usagef("--model %s: %v", file, err)
	}
	return c, file, nil
}

// compileRun compiles --run.
func compileRun(expr string) (*regexp.Regexp, error) {
	if expr == "" {
		return nil, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, usagef("--run %q: expected a Go regular expression: %v", expr, err)
	}
	return re, nil
}

// checkFormat validates --format against the allowed values.
func checkFormat(f string, allowed ...string) error {
	for _, a := range allowed {
		if f == a {
			return nil
		}
	}
	return usagef("--format %q: expected %s", f, strings.Join(allowed, " or "))
}

// checkDir validates a flag naming an existing directory.
func checkDir(flagName, dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return usagef("%s %s: expected an existing directory: %v", flagName, dir, err)
	}
	if !st.IsDir() {
		return usagef("%s %s: expected a directory, got a file", flagName, dir)
	}
	return nil
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// isTerminal reports whether f is a terminal (progress is shown only there).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
