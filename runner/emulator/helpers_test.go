package emulator_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"
	"github.com/jarcoal/httpmock"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

const endpoint = "https://cognito-idp.us-east-1.amazonaws.com"

// fixedClock is a clock tests move by hand.
var t0 = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

// sdkClient returns a real aws-sdk-go-v2 client whose HTTP goes to the emulator in-process,
// through an httpmock transport: static credentials, one attempt, no retries.
func sdkClient(e *emulator.Emulator) *cip.Client {
	return sdkClientWithKey(e, "AKIDEXAMPLE")
}

func sdkClientWithKey(e *emulator.Emulator, akid string) *cip.Client {
	mt := httpmock.NewMockTransport()
	e.Register(mt, endpoint)
	return newSDK(&http.Client{Transport: mt}, endpoint, akid)
}

func newSDK(hc *http.Client, url, akid string) *cip.Client {
	cfg := aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider(akid, "not-a-secret", ""),
		HTTPClient:       hc,
		RetryMaxAttempts: 1,
	}
	return cip.NewFromConfig(cfg, func(o *cip.Options) { o.BaseEndpoint = aws.String(url) })
}

// setup is a pool with a resource server, an identity provider, a custom attribute and two
// clients (one with a secret), created through the SDK the way a user's test would.
type setup struct {
	pool, client, secretClient string
}

func newSetup(t testing.TB, c *cip.Client, tier types.UserPoolTierType) setup {
	t.Helper()
	g := NewWithT(t)
	ctx := context.Background()
	p, err := c.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("pool"), UserPoolTier: tier})
	g.Expect(err).NotTo(HaveOccurred())
	id := aws.ToString(p.UserPool.Id)
	_, err = c.CreateResourceServer(ctx, &cip.CreateResourceServerInput{UserPoolId: &id,
		Identifier: aws.String("https://api.example.com"), Name: aws.String("api"),
		Scopes: []types.ResourceServerScopeType{{ScopeName: aws.String("read"), ScopeDescription: aws.String("read")}}})
	g.Expect(err).NotTo(HaveOccurred())
	_, err = c.CreateIdentityProvider(ctx, &cip.CreateIdentityProviderInput{UserPoolId: &id,
		ProviderName: aws.String("Corp"), ProviderType: types.IdentityProviderTypeTypeOidc,
		ProviderDetails: map[string]string{"client_id": "x", "authorize_scopes": "openid", "oidc_issuer": "https://idp.example.com"}})
	g.Expect(err).NotTo(HaveOccurred())
	_, err = c.AddCustomAttributes(ctx, &cip.AddCustomAttributesInput{UserPoolId: &id,
		CustomAttributes: []types.SchemaAttributeType{{Name: aws.String("tenant"), AttributeDataType: types.AttributeDataTypeString}}})
	g.Expect(err).NotTo(HaveOccurred())
	a, err := c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: &id, ClientName: aws.String("app")})
	g.Expect(err).NotTo(HaveOccurred())
	b, err := c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: &id, ClientName: aws.String("backend"), GenerateSecret: true})
	g.Expect(err).NotTo(HaveOccurred())
	return setup{pool: id, client: aws.ToString(a.UserPoolClient.ClientId), secretClient: aws.ToString(b.UserPoolClient.ClientId)}
}

// apiCode is the error code of an SDK error ("" for nil).
func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	if err != nil {
		return "not an API error: " + err.Error()
	}
	return ""
}

func apiMessage(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorMessage()
	}
	return ""
}
