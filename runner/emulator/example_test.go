package emulator_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"
	"github.com/jarcoal/httpmock"

	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// renameClient is the code under test: a user's helper that renames an app client. Because
// UpdateUserPoolClient is a full replace (R1), it must send the current settings back.
func renameClient(ctx context.Context, api *cip.Client, pool, client, name string) error {
	cur, err := api.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &pool, ClientId: &client})
	if err != nil {
		return err
	}
	c := cur.UserPoolClient
	_, err = api.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{
		UserPoolId: &pool, ClientId: &client, ClientName: &name,
		CallbackURLs: c.CallbackURLs, AllowedOAuthFlows: c.AllowedOAuthFlows, AllowedOAuthScopes: c.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient: aws.ToBool(c.AllowedOAuthFlowsUserPoolClient),
		SupportedIdentityProviders:      c.SupportedIdentityProviders,
		ExplicitAuthFlows:               c.ExplicitAuthFlows,
	})
	return err
}

// A user tests their own code against the emulator in-process: an httpmock transport with
// the emulator's responder, given to the SDK as its HTTP client.
func Example() {
	ctx := context.Background()
	emu := emulator.New()
	mt := httpmock.NewMockTransport()
	emu.Register(mt, "https://cognito-idp.us-east-1.amazonaws.com")
	api := cip.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "not-a-secret", ""),
		HTTPClient:  &http.Client{Transport: mt},
		// one attempt: the injected fault below reaches the code under test
		RetryMaxAttempts: 1,
	})

	pool, _ := api.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("test")})
	client, _ := api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: pool.UserPool.Id, ClientName: aws.String("web"),
		AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows:               []types.OAuthFlowType{types.OAuthFlowTypeCode},
		AllowedOAuthScopes:              []string{"openid"},
		CallbackURLs:                    []string{"https://app.example.com/callback"},
	})
	id := aws.ToString(client.UserPoolClient.ClientId)

	if err := renameClient(ctx, api, *pool.UserPool.Id, id, "web-v2"); err != nil {
		fmt.Println("rename:", err)
	}
	got, _ := api.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: pool.UserPool.Id, ClientId: &id})
	fmt.Println(aws.ToString(got.UserPoolClient.ClientName), got.UserPoolClient.CallbackURLs)

	// A fault the user's code must survive.
	_ = emu.FailNext("DescribeUserPoolClient", 1, "InternalErrorException")
	err := renameClient(ctx, api, *pool.UserPool.Id, id, "web-v3")
	var ae smithy.APIError
	if errors.As(err, &ae) {
		fmt.Println(ae.ErrorCode())
	}
	// Output:
	// web-v2 [https://app.example.com/callback]
	// InternalErrorException
}
