package target

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
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

// Defaults applied by the constructors to zero Options fields.
const (
	DefaultRegion            = "us-east-1"
	DefaultTimeout           = 10 * time.Second
	DefaultRemoteMaxRetries  = 3
	DefaultMaxResponseBytes  = 8 << 20
	defaultBackoffBase       = 200 * time.Millisecond
	defaultBackoffMax        = 5 * time.Second
	contentTypeAmzJSON11     = "application/x-amz-json-1.1"
	throttlingErrorCode      = "TooManyRequestsException"
	signingName              = "cognito-idp"
	dummyAccessKeyID         = "AKIDCOGNITOCONTRACT"
	dummySecretAccessKey     = "cognito-contract-dummy-secret"
	dummyCredentialsProvider = "cognito-contract-dummy"
)

// Options tune every target. The zero value is usable.
type Options struct {
	// RPS paces requests to at most this many per second (burst 1); 0 = unpaced.
	RPS float64
	// MaxRequests is the request budget (every attempt, retries included); a call beyond it
	// is a target error wrapping ErrBudgetExhausted. 0 = unlimited. Calls whose context went
	// through Unbudgeted (cleanup) are exempt.
	MaxRequests int
	// Timeout bounds each attempt; default 10s.
	Timeout time.Duration
	// MaxRetries is how often a TooManyRequestsException answer is retried, with exponential
	// backoff and full jitter. Retries are counted in Stats, never a violation; a throttle
	// that outlasts the retries is a target error wrapping ErrThrottled. 0 = default (3 for
	// remote targets, none in-process); negative = no retries.
	MaxRetries int
	// Region signs requests and names the AWS endpoint; default us-east-1.
	Region string
	// Credentials sign requests. Default: static dummy credentials for endpoints and the
	// in-process emulator, the aws-sdk-go-v2 default chain for AWS.
	Credentials aws.CredentialsProvider
	// HTTPClient sends requests (not used in-process). Default: a client with no global
	// timeout (Timeout applies per attempt).
	HTTPClient *http.Client
	// Endpoint overrides the AWS endpoint of NewAWS (tests point it at a loopback emulator).
	Endpoint string
	// OnlyOwnPools refuses (ErrOperationNotAllowed, nothing sent) every request whose body
	// names a user pool this target did not create itself with CreateUserPool, so fuzzed or
	// mistyped ids cannot reach other pools of the account. Set it for runs on AWS; leave it
	// off for the sweep, which deletes pools of earlier runs.
	OnlyOwnPools bool
}

func (o Options) withDefaults(remote bool) Options {
	if o.Region == "" {
		o.Region = DefaultRegion
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	switch {
	case o.MaxRetries < 0:
		o.MaxRetries = 0
	case o.MaxRetries == 0 && remote:
		o.MaxRetries = DefaultRemoteMaxRetries
	}
	if o.Credentials == nil {
		o.Credentials = dummyCredentials()
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	return o
}

// dummyCredentials sign requests to endpoints that do not verify signatures (cognito-local,
// moto, the emulator). They are not a secret.
func dummyCredentials() aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{
			AccessKeyID:     dummyAccessKeyID,
			SecretAccessKey: dummySecretAccessKey,
			Source:          dummyCredentialsProvider,
		}, nil
	})
}

// Sentinels wrapped by *Error; test them with errors.Is.
var (
	// ErrBudgetExhausted: Options.MaxRequests requests were already sent.
	ErrBudgetExhausted = errors.New("request budget exhausted")
	// ErrThrottled: the target kept answering TooManyRequestsException after every retry.
	ErrThrottled = errors.New("still throttled (TooManyRequestsException) after retries")
	// ErrOperationNotAllowed: the AWS target refuses an operation outside AllowedAWSOperations.
	ErrOperationNotAllowed = errors.New("operation not allowed on this target")
)

// Error is a target error (exit code 3): the target was unreachable, timed out, answered
// something that is not HTTP, or the budget ran out. It is never a contract verdict.
type Error struct {
	Target    string // the target's Name
	Operation string
	Err       error
}

// Error implements error.
func (e *Error) Error() string {
	return fmt.Sprintf("target %s: %s: %v", e.Target, e.Operation, e.Err)
}

// Unwrap returns the cause, so errors.Is(err, context.DeadlineExceeded) and
// errors.Is(err, ErrBudgetExhausted) work.
func (e *Error) Unwrap() error { return e.Err }

// Stats count what a target did.
type Stats struct {
	Requests  int64 // attempts sent (retries included)
	Retries   int64 // attempts repeated after a TooManyRequestsException
	Throttled int64 // TooManyRequestsException answers received
	Errors    int64 // calls that ended in a target error
	// Waited is the total time spent pacing (RPS) and backing off.
	Waited time.Duration
}

// StatsReporter is implemented by every target of this package.
type StatsReporter interface {
	Stats() Stats
}

type unbudgetedKey struct{}

// Unbudgeted marks calls made with the returned context as exempt from Options.MaxRequests,
// so cleanup can still delete what a run created after the budget ran out. They are still
// paced and counted.
func Unbudgeted(ctx context.Context) context.Context {
	return context.WithValue(ctx, unbudgetedKey{}, true)
}

func isUnbudgeted(ctx context.Context) bool {
	v, _ := ctx.Value(unbudgetedKey{}).(bool)
	return v
}
