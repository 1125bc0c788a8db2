package main

import (
	"context"
	"fmt"
	"io"
	"net"

	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// cmdServe serves the reference emulator on loopback until SIGINT or SIGTERM, then shuts down
// gracefully.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr, "[--addr 127.0.0.1:9229] [--model FILE] [--region R] [--seed S]")
	addr := fs.String("addr", "127.0.0.1:9229", "loopback `HOST:PORT` to listen on (port 0 picks a free one)")
	modelFile := fs.String("model", "", "Smithy JSON model `FILE` the emulator enforces (default: the embedded model)")
	region := fs.String("region", "", "region of the pool ids (default us-east-1)")
	seed := fs.Int64("seed", 0, "seed of generated ids (0 = random)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	c, _, err := loadContract(*modelFile)
	if err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usagef("--addr %q: expected HOST:PORT such as 127.0.0.1:9229", *addr)
	}
	if err := emulator.CheckAddr(*addr, false); err != nil {
		return usagef("--addr: %v", err)
	}
	opts := []emulator.Option{emulator.WithContract(c)}
	if *region != "" {
		if err := emulator.CheckRegion(c, *region); err != nil {
			return usagef("--region: %v", err)
		}
		opts = append(opts, emulator.WithRegion(*region))
	}
	if *seed != 0 {
		opts = append(opts, emulator.WithSeed(uint64(*seed)))
	}
	e, err := emulator.NewE(opts...)
	if err != nil {
		return usagef("%v", err)
	}
	err = emulator.Serve(ctx, *addr, e, func(a net.Addr) {
		fmt.Fprintf(stdout, "serving cognito-idp UpdateUserPoolClient emulator on http://%s\n", a)
	})
	if err != nil {
		return fmt.Errorf("%w", err)
	}
	fmt.Fprintln(stderr, "cognito-contract serve: shut down")
	return nil
}
