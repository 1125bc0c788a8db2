package target_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/internal/target/targettest"
)

func fullSetup() target.Setup {
	return target.Setup{
		UserPool: json.RawMessage(`{"UserPoolTier":"ESSENTIALS","UserPoolTags":{"team":"qa"}}`),
		Client:   json.RawMessage(`{"GenerateSecret":true}`),
		ResourceServers: []json.RawMessage{
			json.RawMessage(`{"Identifier":"https://api.example.com","Name":"api","Scopes":[{"ScopeName":"read","ScopeDescription":"r"}]}`),
		},
		IdentityProviders: []json.RawMessage{
			json.RawMessage(`{"ProviderName":"Corp","ProviderType":"OIDC","ProviderDetails":{}}`),
		},
		CustomAttributes: []json.RawMessage{json.RawMessage(`{"Name":"tenant","AttributeDataType":"String"}`)},
	}
}

func TestProvision(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	fc := targettest.NewCognito()
	tg := target.NewInProcess(fc, target.Options{})
	ctx := context.Background()
	env, err := target.Provision(ctx, tg, fullSetup(), target.ProvisionOptions{
		NamePrefix: "cognito-contract-run1", Tags: map[string]string{"cognito-contract:run": "run1"}})
	g.Expect(err).NotTo(HaveOccurred())

	g.Expect(env.UserPoolId).To(HavePrefix("us-east-1_"))
	g.Expect(env.ClientId).NotTo(BeEmpty())
	g.Expect(env.ClientSecret).NotTo(BeEmpty())
	g.Expect(env.AccountID).To(Equal("123456789012"), "read from the pool ARN")
	g.Expect(env.PoolName).To(Equal("cognito-contract-run1-pool"))
	g.Expect(env.ClientName).To(Equal("cognito-contract-run1-client"))
	g.Expect(fc.Pools[env.UserPoolId].Tags).To(Equal(map[string]string{"team": "qa", "cognito-contract:run": "run1"}))

	st := env.Initial
	g.Expect(st.Pool.ID).To(Equal(env.UserPoolId))
	g.Expect(st.Pool.Tier).To(Equal("ESSENTIALS"))
	g.Expect(st.Pool.Attributes).To(ConsistOf("sub", "email", "custom:tenant"))
	g.Expect(st.Pool.IdentityProviders).To(ConsistOf("Corp"))
	g.Expect(st.Pool.ResourceServers).To(HaveLen(1))
	g.Expect(st.Pool.ResourceServers[0].Identifier).To(Equal("https://api.example.com"))
	g.Expect(st.Pool.ResourceServers[0].Scopes).To(ConsistOf("read"))
	g.Expect(st.Client.ID).To(Equal(env.ClientId))
	g.Expect(st.Client.HasSecret).To(BeTrue())
	g.Expect(string(st.Client.Current)).To(ContainSubstring(env.ClientId))

	g.Expect(env.Placeholders()).To(Equal(map[string]string{
		"{{UserPoolId}}": env.UserPoolId, "{{ClientId}}": env.ClientId, "{{ClientSecret}}": env.ClientSecret,
		"{{Region}}": "us-east-1", "{{AccountId}}": "123456789012"}))
	// The secret never shows in how an Env prints.
	for _, s := range []string{env.String(), fmt.Sprintf("%v %+v %#v %s", env, env, env, env)} {
		g.Expect(s).NotTo(ContainSubstring(env.ClientSecret))
	}

	before := len(fc.CallLog())
	g.Expect(env.Cleanup(ctx)).To(Succeed())
	g.Expect(fc.CallLog()[before:]).To(Equal([]string{
		"DeleteUserPoolClient", "DeleteIdentityProvider", "DeleteResourceServer", "DeleteUserPool"}))
	g.Expect(fc.PoolCount()).To(BeZero())

	// Idempotent: nothing left to do, nothing sent.
	before = len(fc.CallLog())
	g.Expect(env.Cleanup(ctx)).To(Succeed())
	g.Expect(fc.CallLog()).To(HaveLen(before))
}

func TestProvisionWithoutArnUsesNullAccount(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	fc := targettest.NewCognito()
	fc.AccountID = ""
	env, err := target.Provision(context.Background(), target.NewInProcess(fc, target.Options{}), target.Setup{}, target.ProvisionOptions{})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(env.AccountID).To(Equal(target.NullAccountID))
	g.Expect(env.PoolName).To(Equal(target.DefaultNamePrefix + "-pool"))
	g.Expect(env.Initial.Client.HasSecret).To(BeFalse())
	g.Expect(env.Cleanup(context.Background())).To(Succeed())
}

func TestProvisionCleansUpAfterAFailingStep(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		failOp, code string
		wantDeletes  []string
		notApplic    bool
	}{
		// The last step fails: everything before it is removed, newest first.
		"client": {failOp: "CreateUserPoolClient", code: "InvalidParameterException",
			wantDeletes: []string{"DeleteIdentityProvider", "DeleteResourceServer", "DeleteUserPool"}},
		"resource-server": {failOp: "CreateResourceServer", code: "LimitExceededException",
			wantDeletes: []string{"DeleteUserPool"}},
		// A target without the operation: the case is not applicable, and still cleaned up.
		"identity-provider-missing": {failOp: "CreateIdentityProvider", code: "UnknownOperationException", notApplic: true,
			wantDeletes: []string{"DeleteResourceServer", "DeleteUserPool"}},
		"describe-missing": {failOp: "DescribeUserPool", code: "UnknownOperationException", notApplic: true,
			wantDeletes: []string{"DeleteUserPoolClient", "DeleteIdentityProvider", "DeleteResourceServer", "DeleteUserPool"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			fc := targettest.NewCognito()
			fc.SetFail(tc.failOp, tc.code)
			env, err := target.Provision(context.Background(), target.NewInProcess(fc, target.Options{}), fullSetup(), target.ProvisionOptions{})
			g.Expect(env).To(BeNil())
			var na *target.NotApplicableError
			var se *target.StepError
			if tc.notApplic {
				g.Expect(errors.As(err, &na)).To(BeTrue(), "got %v", err)
				g.Expect(na.Operation).To(Equal(tc.failOp))
			} else {
				g.Expect(errors.As(err, &se)).To(BeTrue(), "got %v", err)
				g.Expect(se.Step).To(Equal(tc.failOp))
				g.Expect(se.Code).To(Equal(tc.code))
				g.Expect(err.Error()).To(ContainSubstring("setup step " + tc.failOp + " answered 400 " + tc.code + ": scripted failure"))
			}
			var deletes []string
			for _, op := range fc.CallLog() {
				if strings.HasPrefix(op, "Delete") {
					deletes = append(deletes, op)
				}
			}
			g.Expect(deletes).To(Equal(tc.wantDeletes))
			g.Expect(fc.PoolCount()).To(BeZero())
		})
	}
}

func TestCleanupCarriesOnAndCanBeRetried(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	fc := targettest.NewCognito()
	tg := target.NewInProcess(fc, target.Options{MaxRequests: 7}) // exactly what provisioning fullSetup takes
	env, err := target.Provision(context.Background(), tg, fullSetup(), target.ProvisionOptions{})
	g.Expect(err).NotTo(HaveOccurred())

	// The budget is spent and the run was cancelled (Ctrl-C): cleanup still runs.
	_, err = tg.Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
	g.Expect(errors.Is(err, target.ErrBudgetExhausted)).To(BeTrue())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	fc.SetFail("DeleteResourceServer", "InternalErrorException")
	err = env.Cleanup(ctx)
	g.Expect(err).To(MatchError(ContainSubstring("cleanup DeleteResourceServer")))
	g.Expect(fc.PoolCount()).To(BeZero(), "the steps after the failed one still ran")

	// The pool is gone (with the resource server): the retried step counts as done.
	fc.SetFail("DeleteResourceServer", "")
	g.Expect(env.Cleanup(ctx)).To(Succeed())
}

func TestProvisionRejectsBadSetups(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		setup target.Setup
		want  string
	}{
		"pool-not-object":       {target.Setup{UserPool: json.RawMessage(`[1]`)}, "Setup.UserPool: expected a JSON object"},
		"client-invalid":        {target.Setup{Client: json.RawMessage(`{"a":`)}, "Setup.Client: expected a JSON object"},
		"resource-server-array": {target.Setup{ResourceServers: []json.RawMessage{json.RawMessage(`"x"`)}}, "Setup.ResourceServers[0]"},
		"deletion-protection":   {target.Setup{UserPool: json.RawMessage(`{"DeletionProtection":"ACTIVE"}`)}, "DeletionProtection"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			fc := targettest.NewCognito()
			_, err := target.Provision(context.Background(), target.NewInProcess(fc, target.Options{}), tc.setup, target.ProvisionOptions{})
			g.Expect(err).To(MatchError(ContainSubstring(tc.want)))
			g.Expect(fc.PoolCount()).To(BeZero())
		})
	}
}
