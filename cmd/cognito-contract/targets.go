package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/awssafety"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// opened is a target ready for a run, with the names and tags of what the run may create.
type opened struct {
	t         target.Target
	remote    bool
	provision target.ProvisionOptions
	// inv is how the command line opened the target: rerun lines repeat it.
	inv runner.Invocation
}

// openTarget resolves --target: "mock" (the embedded emulator in-process, ids seeded so two
// runs with the same seed agree), "aws" (the default credential chain, only in the
// --sandbox-account), or an http(s) endpoint URL.
func openTarget(ctx context.Context, spec string, tf *targetFlags, c *contracts.Contract, seed int64) (*opened, error) {
	tg, err := openSpec(ctx, spec, tf, c, seed)
	if err != nil {
		return nil, err
	}
	tg.inv = runner.Invocation{Target: spec, Region: tf.region, Profile: tf.profile, Endpoint: tf.endpoint, SandboxAccount: spec == "aws"}
	if spec == "aws" && tf.region == "" {
		tg.inv.Region = tg.t.Region() // the configuration's region, so the line reruns there
	}
	return tg, nil
}

func openSpec(ctx context.Context, spec string, tf *targetFlags, c *contracts.Contract, seed int64) (*opened, error) {
	if err := tf.validate(); err != nil {
		return nil, err
	}
	o := target.Options{Region: tf.region, MaxRequests: tf.maxRequests, Timeout: tf.timeout, MaxRetries: tf.maxRetries}
	runID := awssafety.NewRunID(time.Now())
	switch {
	case spec == "mock":
		if tf.rps > 0 {
			o.RPS = tf.rps
		}
		opts := []emulator.Option{emulator.WithContract(c), emulator.WithSeed(uint64(seed))}
		if tf.region != "" {
			opts = append(opts, emulator.WithRegion(tf.region))
		}
		e, err := emulator.NewE(opts...)
		if err != nil {
			return nil, usagef("--target mock: %v", err)
		}
		return &opened{t: target.NewInProcessResponder(e.Responder(), o)}, nil
	case spec == "aws":
		o.RPS = remoteRPS(tf)
		o.Endpoint = tf.endpoint
		// run, diff, fuzz and record reach only the pools they created themselves; sweep
		// deletes pools of earlier runs and goes without (it filters by name, tag and age).
		o.OnlyOwnPools = !tf.sweep
		return openAWS(ctx, o, tf, runID)
	case strings.HasPrefix(spec, "http://") || strings.HasPrefix(spec, "https://"):
		o.RPS = endpointRPS(spec, tf)
		t, err := target.NewHTTP(spec, o)
		if err != nil {
			return nil, usagef("--target %s: %v", spec, err)
		}
		return &opened{t: t, remote: true, provision: awssafety.ProvisionOptions(runID)}, nil
	case spec == "":
		return nil, usagef("--target: expected mock, aws or an http(s) endpoint URL")
	}
	return nil, usagef("--target %q: expected mock, aws or an http(s) endpoint URL such as http://127.0.0.1:9229", spec)
}

// remoteRPS is the pacing of --target aws: --rps, else DefaultRemoteRPS.
func remoteRPS(tf *targetFlags) float64 {
	if tf.rps < 0 {
		return DefaultRemoteRPS
	}
	return tf.rps
}

// endpointRPS is the pacing of an endpoint URL: --rps, else unpaced for a loopback endpoint
// (the quota behind DefaultRemoteRPS protects AWS, not an emulator on this machine) and
// DefaultRemoteRPS for any other (it may be AWS behind a proxy or VPC endpoint).
func endpointRPS(spec string, tf *targetFlags) float64 {
	if tf.rps < 0 && isLoopbackURL(spec) {
		return 0
	}
	return remoteRPS(tf)
}

// isLoopbackURL reports whether an endpoint URL's host is a loopback address (127.0.0.0/8,
// ::1) or localhost.
func isLoopbackURL(spec string) bool {
	u, err := url.Parse(spec)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// openAWS refuses to run unless --sandbox-account is the caller's account (STS
// GetCallerIdentity), then returns the AWS target with the run's own names and tags.
func openAWS(ctx context.Context, o target.Options, tf *targetFlags, runID string) (*opened, error) {
	if strings.TrimSpace(tf.sandbox) == "" {
		return nil, usagef("--target aws needs --sandbox-account ID, the 12-digit id of the AWS account set aside for these tests")
	}
	cfg, err := target.LoadAWSConfig(ctx, o, tf.profile)
	if err != nil {
		return nil, fmt.Errorf("--target aws: %s", awssafety.MaskAccountIDs(err.Error()))
	}
	if err := awssafety.CheckSandboxAccountConfig(ctx, cfg, tf.sandbox); err != nil {
		if errors.Is(err, awssafety.ErrSandboxFlag) {
			return nil, &usageError{msg: err.Error()}
		}
		return nil, err
	}
	t, err := target.NewAWSFromConfig(ctx, cfg, o)
	if err != nil {
		return nil, fmt.Errorf("--target aws: %s", awssafety.MaskAccountIDs(err.Error()))
	}
	return &opened{t: t, remote: true, provision: awssafety.ProvisionOptions(runID)}, nil
}

// defaultFuzz is the number of fuzz cases a run or campaign draws when none is given: a few
// thousand against the in-process emulator, fewer against a remote target (requests cost there).
func (o *opened) defaultFuzz() int {
	if o.remote {
		return defaultFuzzRemote
	}
	return defaultFuzzMock
}
