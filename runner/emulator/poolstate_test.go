package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// TestUpdateSeesEveryPoolChange: the pool's view the contract reads is cached between updates;
// each change of resource servers (R12), identity providers (R24) and attributes (R23) shows in
// the next update.
func TestUpdateSeesEveryPoolChange(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ctx := context.Background()
	c := sdkClient(emulator.New(emulator.WithSeed(3)))
	p, err := c.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("pool")})
	g.Expect(err).NotTo(HaveOccurred())
	pool := p.UserPool.Id
	cl, err := c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: pool, ClientName: aws.String("app")})
	g.Expect(err).NotTo(HaveOccurred())
	client := cl.UserPoolClient.ClientId
	update := func(in cip.UpdateUserPoolClientInput) string {
		in.UserPoolId, in.ClientId = pool, client
		_, err := c.UpdateUserPoolClient(ctx, &in)
		return apiCode(err)
	}
	scope := cip.UpdateUserPoolClientInput{AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeCode}, CallbackURLs: []string{"https://app.example.com/cb"},
		AllowedOAuthScopes: []string{"https://api.example.com/read"}}
	provider := cip.UpdateUserPoolClientInput{SupportedIdentityProviders: []string{"Corp"}}
	attribute := cip.UpdateUserPoolClientInput{ReadAttributes: []string{"custom:tenant"}}

	g.Expect(update(scope)).To(Equal("ScopeDoesNotExistException"))
	g.Expect(update(provider)).To(Equal("InvalidParameterException"))
	g.Expect(update(attribute)).To(Equal("InvalidParameterException"))

	_, err = c.CreateResourceServer(ctx, &cip.CreateResourceServerInput{UserPoolId: pool,
		Identifier: aws.String("https://api.example.com"), Name: aws.String("api"),
		Scopes: []types.ResourceServerScopeType{{ScopeName: aws.String("read"), ScopeDescription: aws.String("read")}}})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(update(scope)).To(BeEmpty())

	_, err = c.CreateIdentityProvider(ctx, &cip.CreateIdentityProviderInput{UserPoolId: pool,
		ProviderName: aws.String("Corp"), ProviderType: types.IdentityProviderTypeTypeOidc,
		ProviderDetails: map[string]string{"client_id": "x", "authorize_scopes": "openid", "oidc_issuer": "https://idp.example.com"}})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(update(provider)).To(BeEmpty())

	_, err = c.AddCustomAttributes(ctx, &cip.AddCustomAttributesInput{UserPoolId: pool,
		CustomAttributes: []types.SchemaAttributeType{{Name: aws.String("tenant"), AttributeDataType: types.AttributeDataTypeString}}})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(update(attribute)).To(BeEmpty())

	_, err = c.DeleteResourceServer(ctx, &cip.DeleteResourceServerInput{UserPoolId: pool, Identifier: aws.String("https://api.example.com")})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(update(scope)).To(Equal("ScopeDoesNotExistException"))

	_, err = c.DeleteIdentityProvider(ctx, &cip.DeleteIdentityProviderInput{UserPoolId: pool, ProviderName: aws.String("Corp")})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(update(provider)).To(Equal("InvalidParameterException"))
}
