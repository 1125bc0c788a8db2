// Package target sends raw awsJson1_1 cognito-idp requests to what a run tests: the embedded
// emulator in-process, any endpoint URL, or a real AWS account. It also provisions the setup a
// case needs (user pool, client, resource servers, identity providers, custom attributes) and
// removes it afterwards.
package target

import (
	"context"
	"net/http"
	"time"
)

// Response is what came back for one request.
type Response struct {
	Status   int
	Header   http.Header
	Body     []byte
	Duration time.Duration
}

// Target sends raw requests of cognito-idp operations.
type Target interface {
	// Name is what reports print: "mock", "http://127.0.0.1:9229", "aws:eu-west-1".
	Name() string
	// Region is the region requests are signed for and ids are expected in.
	Region() string
	// Call sends body as the operation (X-Amz-Target AWSCognitoIdentityProviderService.<op>),
	// Content-Type application/x-amz-json-1.1, SigV4-signed. A non-nil error is a target error
	// (unreachable, timed out, budget exhausted): never a contract verdict.
	Call(ctx context.Context, operation string, body []byte) (*Response, error)
}
