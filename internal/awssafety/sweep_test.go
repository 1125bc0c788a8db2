package awssafety_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/awssafety"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/internal/target/targettest"
)

var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func TestSweepDeletesOnlyOldOwnPools(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	fc := targettest.NewCognito()
	own := map[string]string{awssafety.TagKey: "r"}
	pools := []*targettest.Pool{
		// Left behind by a killed run two days ago: deleted.
		{Id: "us-east-1_old", Name: "cognito-contract-20261120-010101-aaaaaa-pool", Tags: own, Created: now.Add(-48 * time.Hour)},
		// A run in progress: kept.
		{Id: "us-east-1_young", Name: "cognito-contract-20261122-115900-bbbbbb-pool", Tags: own, Created: now.Add(-time.Hour)},
		// Someone else's pool, old: kept.
		{Id: "us-east-1_prod", Name: "production-users", Tags: map[string]string{}, Created: now.Add(-900 * time.Hour)},
		// Our name but not our tag: kept (a person named it so).
		{Id: "us-east-1_untagged", Name: "cognito-contract-manual", Tags: map[string]string{"owner": "x"}, Created: now.Add(-48 * time.Hour)},
	}
	// Enough old own pools to need a second ListUserPools page.
	for i := range 65 {
		pools = append(pools, &targettest.Pool{Id: fmt.Sprintf("us-east-1_bulk%03d", i), Name: fmt.Sprintf("cognito-contract-bulk-%d", i),
			Tags: own, Created: now.Add(-25 * time.Hour)})
	}
	for _, p := range pools {
		fc.AddPool(p)
	}
	tg := target.NewInProcess(fc, target.Options{})
	deleted, err := awssafety.Sweep(context.Background(), tg, awssafety.Prefix, 24*time.Hour, now)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(deleted).To(HaveLen(66))
	g.Expect(deleted).To(ContainElement("us-east-1_old"))
	g.Expect(deleted).NotTo(ContainElements("us-east-1_young", "us-east-1_prod", "us-east-1_untagged"))
	g.Expect(fc.PoolCount()).To(Equal(3))

	// A narrower prefix (one run) and nothing older: nothing more to do.
	deleted, err = awssafety.Sweep(context.Background(), tg, awssafety.Prefix+"20261122-115900-bbbbbb", 2*time.Hour, now)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(deleted).To(BeEmpty())
}

func TestSweepRefusesForeignPrefixes(t *testing.T) {
	t.Parallel()
	tg := target.NewInProcess(targettest.NewCognito(), target.Options{})
	cases := map[string]struct {
		prefix    string
		olderThan time.Duration
		want      string
	}{
		"empty":    {"", time.Hour, "must start with"},
		"foreign":  {"prod-", time.Hour, "must start with"},
		"negative": {awssafety.Prefix, -time.Hour, "--older-than"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			_, err := awssafety.Sweep(context.Background(), tg, tc.prefix, tc.olderThan, now)
			g.Expect(err).To(MatchError(ContainSubstring(tc.want)))
		})
	}
}

func TestSweepReportsFailuresAndCarriesOn(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	fc := targettest.NewCognito()
	fc.AddPool(&targettest.Pool{Id: "us-east-1_a", Name: "cognito-contract-a", Tags: map[string]string{awssafety.TagKey: "a"}, Created: now.Add(-48 * time.Hour)})
	fc.SetFail("DeleteUserPool", "InternalErrorException")
	deleted, err := awssafety.Sweep(context.Background(), target.NewInProcess(fc, target.Options{}), awssafety.Prefix, time.Hour, now)
	g.Expect(deleted).To(BeEmpty())
	g.Expect(err).To(MatchError(ContainSubstring("pool us-east-1_a (cognito-contract-a)")))
	g.Expect(fc.PoolCount()).To(Equal(1))
}

// A run provisions with the run's names and tags; a later sweep finds exactly that pool.
func TestRunResourcesAreSweepable(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	fc := targettest.NewCognito()
	fc.Now = func() time.Time { return now.Add(-30 * time.Hour) }
	runID := awssafety.NewRunID(now)
	g.Expect(runID).To(MatchRegexp(`^20261122-120000-[0-9a-f]{6}$`))
	tg := target.NewInProcess(fc, target.Options{})
	env, err := target.Provision(context.Background(), tg, target.Setup{}, awssafety.ProvisionOptions(runID))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(env.PoolName).To(HavePrefix(awssafety.Prefix + runID))
	g.Expect(env.ClientName).To(HavePrefix(awssafety.Prefix + runID))
	// The names satisfy the model's constraints on pool and client names.
	for shape, name := range map[string]string{"UserPoolNameType": env.PoolName, "ClientNameType": env.ClientName} {
		sh, ok := contracts.DefaultModel().Shape(shape)
		g.Expect(ok).To(BeTrue(), shape)
		g.Expect(sh.Regexp().MatchString(name)).To(BeTrue(), "%s %q", shape, name)
		maxLen, _ := sh.Length.MaxInt()
		g.Expect(len(name)).To(BeNumerically("<=", maxLen))
	}

	deleted, err := awssafety.Sweep(context.Background(), tg, awssafety.Prefix, 24*time.Hour, now)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(deleted).To(Equal([]string{env.UserPoolId}))
	g.Expect(env.Cleanup(context.Background())).To(Succeed(), "cleanup after a sweep finds nothing left and succeeds")
}
