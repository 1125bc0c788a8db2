package target_test

import (
	"context"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// Provisioning against the reference emulator, in-process: the setup a fixture needs, the
// state the rules read, the update itself, and a complete cleanup.
func TestProvisionOnTheEmulator(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	emu := emulator.New(emulator.WithAccountID("111122223333"), emulator.WithRegion("eu-west-1"))
	tg := target.NewInProcess(emu, target.Options{Region: "eu-west-1"})
	ctx := context.Background()
	env, err := target.Provision(ctx, tg, fullSetup(), target.ProvisionOptions{Tags: map[string]string{"cognito-contract:run": "x"}})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(env.AccountID).To(Equal("111122223333"))
	g.Expect(env.UserPoolId).To(HavePrefix("eu-west-1_"))
	g.Expect(env.ClientSecret).NotTo(BeEmpty())

	st := env.Initial
	g.Expect(st.Pool.Tier).To(Equal("ESSENTIALS"))
	g.Expect(st.Pool.Attributes).To(ContainElements("email", "custom:tenant"))
	g.Expect(st.Pool.ResourceServers[0].Scopes).To(ConsistOf("read"))
	g.Expect(st.Pool.IdentityProviders).To(ConsistOf("Corp"))
	g.Expect(st.Client.HasSecret).To(BeTrue())

	resp, err := tg.Call(ctx, "UpdateUserPoolClient", []byte(`{"UserPoolId":"`+env.UserPoolId+`","ClientId":"`+env.ClientId+`","ClientName":"renamed"}`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(resp.Status).To(Equal(200), string(resp.Body))

	g.Expect(env.Cleanup(ctx)).To(Succeed())
	var out struct{ UserPools []struct{ Id string } }
	g.Expect(target.Invoke(ctx, tg, "ListUserPools", map[string]any{"MaxResults": 60}, &out)).To(Succeed())
	g.Expect(out.UserPools).To(BeEmpty())
}
