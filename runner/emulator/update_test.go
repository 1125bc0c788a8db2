package emulator_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// R1: an update is a full replace; what is omitted comes back as its documented default
// (R14: refresh 30 days, access/ID one hour; R15/OB-31: AuthSessionValidity 3), and the
// identity, the secret and CreationDate are kept.
func TestUpdateIsFullReplace(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	now := t0
	e := emulator.New(emulator.WithSeed(1), emulator.WithClock(func() time.Time { return now }))
	c := sdkClient(e)
	s := newSetup(t, c, types.UserPoolTierTypeEssentials)
	ctx := context.Background()

	before, err := c.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &s.pool, ClientId: &s.secretClient})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(before.UserPoolClient.ClientSecret).NotTo(BeNil())

	now = t0.Add(time.Hour)
	full, err := c.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{
		UserPoolId: &s.pool, ClientId: &s.secretClient, ClientName: aws.String("renamed"),
		RefreshTokenValidity: 10, AccessTokenValidity: aws.Int32(30), IdTokenValidity: aws.Int32(30),
		TokenValidityUnits: &types.TokenValidityUnitsType{AccessToken: types.TimeUnitsTypeMinutes,
			IdToken: types.TimeUnitsTypeMinutes, RefreshToken: types.TimeUnitsTypeDays},
		AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows:               []types.OAuthFlowType{types.OAuthFlowTypeCode},
		AllowedOAuthScopes:              []string{"openid", "https://api.example.com/read"},
		CallbackURLs:                    []string{"https://app.example.com/cb"},
		SupportedIdentityProviders:      []string{"COGNITO", "Corp"},
		AuthSessionValidity:             aws.Int32(10),
		ReadAttributes:                  []string{"email", "custom:tenant"},
	})
	g.Expect(err).NotTo(HaveOccurred())
	got := full.UserPoolClient
	g.Expect(aws.ToString(got.ClientName)).To(Equal("renamed"))
	g.Expect(got.CallbackURLs).To(Equal([]string{"https://app.example.com/cb"}))
	g.Expect(aws.ToInt32(got.AccessTokenValidity)).To(BeEquivalentTo(30))
	g.Expect(got.TokenValidityUnits.AccessToken).To(Equal(types.TimeUnitsTypeMinutes))
	g.Expect(got.RefreshTokenValidity).To(BeEquivalentTo(10))
	g.Expect(aws.ToInt32(got.AuthSessionValidity)).To(BeEquivalentTo(10))
	g.Expect(aws.ToString(got.ClientSecret)).To(Equal(aws.ToString(before.UserPoolClient.ClientSecret)))
	g.Expect(got.CreationDate.Equal(*before.UserPoolClient.CreationDate)).To(BeTrue())
	g.Expect(got.LastModifiedDate.Equal(now)).To(BeTrue(), "LastModifiedDate is the emulator's clock")

	now = t0.Add(2 * time.Hour)
	bare, err := c.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{UserPoolId: &s.pool, ClientId: &s.secretClient})
	g.Expect(err).NotTo(HaveOccurred())
	got = bare.UserPoolClient
	g.Expect(got.CallbackURLs).To(BeEmpty())
	g.Expect(got.AllowedOAuthFlows).To(BeEmpty())
	g.Expect(got.SupportedIdentityProviders).To(BeEmpty())
	g.Expect(aws.ToBool(got.AllowedOAuthFlowsUserPoolClient)).To(BeFalse())
	g.Expect(validity(got.RefreshTokenValidity, got.TokenValidityUnits.RefreshToken)).To(Equal(30 * 24 * time.Hour))
	g.Expect(validity(aws.ToInt32(got.AccessTokenValidity), got.TokenValidityUnits.AccessToken)).To(Equal(time.Hour))
	g.Expect(validity(aws.ToInt32(got.IdTokenValidity), got.TokenValidityUnits.IdToken)).To(Equal(time.Hour))
	g.Expect(aws.ToInt32(got.AuthSessionValidity)).To(BeEquivalentTo(3))
	g.Expect(aws.ToString(got.ClientId)).To(Equal(s.secretClient))
	g.Expect(aws.ToString(got.ClientSecret)).To(Equal(aws.ToString(before.UserPoolClient.ClientSecret)))

	// What Update answered is what Describe holds.
	after, err := c.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &s.pool, ClientId: &s.secretClient})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(after.UserPoolClient).To(Equal(got))
}

func validity(v int32, unit types.TimeUnitsType) time.Duration {
	per := map[types.TimeUnitsType]time.Duration{types.TimeUnitsTypeSeconds: time.Second,
		types.TimeUnitsTypeMinutes: time.Minute, types.TimeUnitsTypeHours: time.Hour, types.TimeUnitsTypeDays: 24 * time.Hour}
	return time.Duration(v) * per[unit]
}

// Every error the state or the request can produce, through the real SDK. The codes and, where
// observed, texts are the service's (docs/contract-facts.md); a message is compared only where
// the service's text is known.
func TestUpdateErrorsThroughSDK(t *testing.T) {
	t.Parallel()
	e := emulator.New(emulator.WithSeed(2))
	c := sdkClient(e)
	s := newSetup(t, c, types.UserPoolTierTypeEssentials)
	lite := newSetup(t, c, types.UserPoolTierTypeLite)
	in := func(mod func(*cip.UpdateUserPoolClientInput)) *cip.UpdateUserPoolClientInput {
		u := &cip.UpdateUserPoolClientInput{UserPoolId: aws.String(s.pool), ClientId: aws.String(s.client)}
		mod(u)
		return u
	}
	nameShape, _ := contracts.DefaultModel().Shape("ClientNameType")
	maxName, _ := nameShape.Length.MaxInt()
	cases := map[string]struct {
		in      *cip.UpdateUserPoolClientInput
		code    string
		message string // "" when the service's text is not known
	}{
		// R3, OB-14
		"UserPoolId/unknown": {in(func(u *cip.UpdateUserPoolClientInput) { u.UserPoolId = aws.String("us-east-1_AAAAAAAAA") }),
			"ResourceNotFoundException", "User pool us-east-1_AAAAAAAAA does not exist."},
		// R3, OB-13
		"ClientId/unknown": {in(func(u *cip.UpdateUserPoolClientInput) { u.ClientId = aws.String("abcdefghijklmnopqrstuvwxyz") }),
			"ResourceNotFoundException", "User pool client abcdefghijklmnopqrstuvwxyz does not exist."},
		// model: ClientNameType length (read from the model)
		"ClientName/too-long": {in(func(u *cip.UpdateUserPoolClientInput) { u.ClientName = aws.String(strings.Repeat("a", int(maxName)+1)) }),
			"InvalidParameterException", "1 validation error detected: Value '" + strings.Repeat("a", int(maxName)+1) +
				"' at 'clientName' failed to satisfy constraint: Member must have length less than or equal to " + strconv.FormatInt(maxName, 10)},
		// R13, OB-08: 2 days of access token is above one day
		"AccessTokenValidity/unit-aware": {in(func(u *cip.UpdateUserPoolClientInput) {
			u.AccessTokenValidity = aws.Int32(2)
			u.TokenValidityUnits = &types.TokenValidityUnitsType{AccessToken: types.TimeUnitsTypeDays}
		}), "InvalidParameterException", "Invalid range for token validity."},
		// R12
		"AllowedOAuthScopes/unknown": {in(func(u *cip.UpdateUserPoolClientInput) {
			u.AllowedOAuthFlowsUserPoolClient = true
			u.AllowedOAuthFlows = []types.OAuthFlowType{types.OAuthFlowTypeCode}
			u.CallbackURLs = []string{"https://app.example.com/cb"}
			u.AllowedOAuthScopes = []string{"https://api.example.com/write"}
		}), "ScopeDoesNotExistException", ""},
		// R11, OB-12
		"CallbackURLs/empty-with-code": {in(func(u *cip.UpdateUserPoolClientInput) {
			u.AllowedOAuthFlowsUserPoolClient = true
			u.AllowedOAuthFlows = []types.OAuthFlowType{types.OAuthFlowTypeCode}
			u.AllowedOAuthScopes = []string{"openid"}
		}), "InvalidOAuthFlowException", "CallbackUrls can not be empty when code flow or implicit flow is selected"},
		// R9: client_credentials needs a secret; s.client has none
		"AllowedOAuthFlows/client-credentials-no-secret": {in(func(u *cip.UpdateUserPoolClientInput) {
			u.AllowedOAuthFlowsUserPoolClient = true
			u.AllowedOAuthFlows = []types.OAuthFlowType{types.OAuthFlowTypeClientCredentials}
			u.AllowedOAuthScopes = []string{"https://api.example.com/read"}
		}), "InvalidOAuthFlowException", ""},
		// R24, OB-19: the provider must exist in the pool
		"SupportedIdentityProviders/unknown": {in(func(u *cip.UpdateUserPoolClientInput) {
			u.SupportedIdentityProviders = []string{"Nope"}
		}), "InvalidParameterException", ""},
		// R16: needs a client secret
		"EnablePropagateAdditionalUserContextData/no-secret": {in(func(u *cip.UpdateUserPoolClientInput) {
			u.EnablePropagateAdditionalUserContextData = aws.Bool(true)
		}), "InvalidParameterException", ""},
		// R19: ALLOW_USER_AUTH needs Essentials or higher
		"ExplicitAuthFlows/user-auth-on-lite": {&cip.UpdateUserPoolClientInput{UserPoolId: aws.String(lite.pool), ClientId: aws.String(lite.client),
			ExplicitAuthFlows: []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserAuth, types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth}},
			"FeatureUnavailableInTierException", ""},
		// R23: the attribute must be in the pool's schema
		"ReadAttributes/unknown": {in(func(u *cip.UpdateUserPoolClientInput) { u.ReadAttributes = []string{"custom:nope"} }),
			"InvalidParameterException", ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			_, err := c.UpdateUserPoolClient(context.Background(), tc.in)
			g.Expect(apiCode(err)).To(Equal(tc.code))
			if tc.message != "" {
				g.Expect(apiMessage(err)).To(Equal(tc.message))
			}
		})
	}
	// The same ALLOW_USER_AUTH is accepted on the Essentials pool (R19's other side).
	g := NewWithT(t)
	_, err := c.UpdateUserPoolClient(context.Background(), in(func(u *cip.UpdateUserPoolClientInput) {
		u.ExplicitAuthFlows = []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserAuth, types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth}
	}))
	g.Expect(err).NotTo(HaveOccurred())
}

// R20 (OB-15, observed only in 2020, conflicting with R21) is not enforced: ALLOW_ flows
// without ALLOW_REFRESH_TOKEN_AUTH are accepted and echoed.
func TestUpdateAcceptsAllowFlowsWithoutRefreshTokenAuth(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := emulator.New(emulator.WithSeed(1))
	c := sdkClient(e)
	s := newSetup(t, c, types.UserPoolTierTypeEssentials)
	out, err := c.UpdateUserPoolClient(context.Background(), &cip.UpdateUserPoolClientInput{
		UserPoolId: &s.pool, ClientId: &s.secretClient,
		ExplicitAuthFlows: []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserSrpAuth},
	})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(out.UserPoolClient.ExplicitAuthFlows).To(Equal([]types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserSrpAuth}))
}
