package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/awssafety"
)

// cmdSweep deletes the pools a killed run left behind: named and tagged as cognito-contract's
// own and older than --older-than, in the sandbox account only.
func cmdSweep(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sweep", stderr, "--target aws --sandbox-account ID [--older-than 24h]")
	tf := targetFlags{sweep: true}
	tf.register(fs)
	targetSpec := fs.String("target", "aws", "aws (or an http(s) endpoint URL)")
	olderThan := fs.Duration("older-than", 24*time.Hour, "delete only pools created more than this long ago")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *targetSpec == "mock" {
		return usagef("--target mock: the embedded emulator keeps nothing between runs; expected aws or an endpoint URL")
	}
	if *olderThan < 0 {
		return usagef("--older-than %s: expected a duration of 0 or more", *olderThan)
	}
	tg, err := openTarget(ctx, *targetSpec, &tf, contracts.UpdateUserPoolClient, 0)
	if err != nil {
		return err
	}
	deleted, err := awssafety.Sweep(ctx, tg.t, awssafety.Prefix, *olderThan, time.Now())
	for _, id := range deleted {
		fmt.Fprintf(stdout, "deleted %s\n", id)
	}
	fmt.Fprintf(stdout, "swept %d pool(s) older than %s\n", len(deleted), *olderThan)
	return err
}
