package target_test

import (
	"context"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/internal/target/targettest"
)

// RenewClient replaces the client by one of the same setup: the old one is deleted at once,
// the Env describes the new one, and Cleanup deletes the new one (not the old one again).
func TestRenewClient(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	fc := targettest.NewCognito()
	tg := target.NewInProcess(fc, target.Options{})
	ctx := context.Background()
	env, err := target.Provision(ctx, tg, fullSetup(), target.ProvisionOptions{})
	g.Expect(err).NotTo(HaveOccurred())
	old, oldSecret := env.ClientId, env.ClientSecret

	before := len(fc.CallLog())
	g.Expect(env.RenewClient(ctx)).To(Succeed())
	g.Expect(fc.CallLog()[before:]).To(Equal([]string{"DeleteUserPoolClient", "CreateUserPoolClient", "DescribeUserPool", "DescribeUserPoolClient"}))
	g.Expect(env.ClientId).NotTo(Equal(old))
	g.Expect(env.ClientSecret).NotTo(BeEmpty(), "the setup's GenerateSecret is repeated")
	g.Expect(env.ClientSecret).NotTo(Equal(oldSecret))
	g.Expect(env.Initial.Client.ID).To(Equal(env.ClientId))
	g.Expect(string(env.Initial.Client.Current)).To(ContainSubstring(env.ClientId))
	g.Expect(env.Placeholders()).To(HaveKeyWithValue("{{ClientId}}", env.ClientId))

	before = len(fc.CallLog())
	g.Expect(env.Cleanup(ctx)).To(Succeed())
	var deletes []string
	for _, op := range fc.CallLog()[before:] {
		if strings.HasPrefix(op, "Delete") {
			deletes = append(deletes, op)
		}
	}
	g.Expect(deletes).To(Equal([]string{"DeleteUserPoolClient", "DeleteIdentityProvider", "DeleteResourceServer", "DeleteUserPool"}))
	g.Expect(fc.PoolCount()).To(BeZero())
}
