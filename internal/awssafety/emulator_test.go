package awssafety_test

import (
	"context"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/awssafety"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// The emulator stands in for Cognito: two runs' pools, one left behind a day ago, one of a run
// still going, and a pool that is not ours. Sweep deletes only the first.
func TestSweepOnTheEmulator(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	var mu sync.Mutex
	clock := now.Add(-30 * time.Hour)
	emu := emulator.New(emulator.WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }))
	tg := target.NewInProcess(emu, target.Options{})
	ctx := context.Background()

	killed, err := target.Provision(ctx, tg, target.Setup{}, awssafety.ProvisionOptions(awssafety.NewRunID(clock)))
	g.Expect(err).NotTo(HaveOccurred())
	foreign, err := target.Provision(ctx, tg, target.Setup{}, target.ProvisionOptions{NamePrefix: "team-a"})
	g.Expect(err).NotTo(HaveOccurred())
	mu.Lock()
	clock = now.Add(-time.Minute)
	mu.Unlock()
	running, err := target.Provision(ctx, tg, target.Setup{}, awssafety.ProvisionOptions(awssafety.NewRunID(clock)))
	g.Expect(err).NotTo(HaveOccurred())

	deleted, err := awssafety.Sweep(ctx, tg, awssafety.Prefix, 24*time.Hour, now)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(deleted).To(Equal([]string{killed.UserPoolId}))

	for _, env := range []*target.Env{running, foreign} {
		_, err := env.State(ctx, nil)
		g.Expect(err).NotTo(HaveOccurred(), "pool %s survives", env.UserPoolId)
		g.Expect(env.Cleanup(ctx)).To(Succeed())
	}
}
