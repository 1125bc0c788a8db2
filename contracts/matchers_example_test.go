package contracts_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/jarcoal/httpmock"
	"github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// exampleClient is how a user's own test points the real SDK client at a canned answer:
// an httpmock transport, one attempt, static credentials, a loopback endpoint.
func exampleClient(status int, body string) *cognitoidentityprovider.Client {
	transport := httpmock.NewMockTransport()
	transport.RegisterResponder(http.MethodPost, "http://127.0.0.1:9229/", func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", contracts.ContentType)
		resp.Header.Set("X-Amzn-RequestId", "7c0e2b55-3c9b-4b5e-9a43-2f5f5d0e1a11")
		return resp, nil
	})
	return cognitoidentityprovider.New(cognitoidentityprovider.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String("http://127.0.0.1:9229"),
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "not-a-secret", ""),
		HTTPClient:       &http.Client{Transport: transport},
		RetryMaxAttempts: 1,
	})
}

// printFailures stands in for a *testing.T: in a test, use gomega.NewWithT(t).
var printFailures = gomega.NewGomega(func(message string, _ ...int) { fmt.Println(message) })

func ExampleConformTo() {
	client := exampleClient(200, `{"UserPoolClient":{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789",
		"ClientName":"web","LastModifiedDate":1700000000,"CreationDate":1600000000,"RefreshTokenValidity":30,
		"PreventUserExistenceErrors":"SOMETIMES"}}`)
	out, err := client.UpdateUserPoolClient(context.Background(), &cognitoidentityprovider.UpdateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_EXAMPLE"), ClientId: aws.String("1example23456789"), ClientName: aws.String("web"),
	})
	printFailures.Expect(err).NotTo(gomega.HaveOccurred())
	printFailures.Expect(out).To(contracts.ConformTo(contracts.UpdateUserPoolClient))
	// Output:
	// expected the UpdateUserPoolClient output to conform to UpdateUserPoolClient; 1 finding(s):
	//     shape UserPoolClient.PreventUserExistenceErrors: expected one of [LEGACY, ENABLED], got "SOMETIMES"  [model: PreventUserExistenceErrorTypes]
}

func ExampleHaveErrorCode() {
	client := exampleClient(400, `{"__type":"ResourceNotFoundException","message":"User pool client 1example23456789 does not exist."}`)
	_, err := client.UpdateUserPoolClient(context.Background(), &cognitoidentityprovider.UpdateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_EXAMPLE"), ClientId: aws.String("1example23456789"),
	})
	printFailures.Expect(err).To(contracts.HaveErrorCode("ResourceNotFoundException"))
	printFailures.Expect(err).To(contracts.HaveErrorCode("NotAuthorizedException"))
	// Output:
	// expected: an error with code NotAuthorizedException
	// actual:   ResourceNotFoundException: "User pool client 1example23456789 does not exist."
}

func ExampleBeRejectedFor() {
	client := exampleClient(400, `{"__type":"InvalidParameterException","message":"1 validation error detected: Value '[code, token]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [implicit, client_credentials, code]]"}`)
	_, err := client.UpdateUserPoolClient(context.Background(), &cognitoidentityprovider.UpdateUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_EXAMPLE"), ClientId: aws.String("1example23456789"),
	})
	printFailures.Expect(err).To(contracts.BeRejectedFor("AllowedOAuthFlows"))
	fmt.Println("rejected for AllowedOAuthFlows")
	// Output: rejected for AllowedOAuthFlows
}
