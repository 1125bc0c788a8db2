// Package target sends raw awsJson1_1 cognito-idp requests to what a run tests: the embedded
// emulator in-process (NewInProcessResponder with its responder, or NewInProcess with any
// handler; name "mock"), any endpoint URL (NewHTTP: cognito-local, moto, LocalStack,
// `cognito-contract serve`), or a real AWS account (NewAWS). It also provisions the setup a
// case needs (Provision: user pool, custom attributes, resource servers, identity providers,
// app client) and removes it afterwards (Env.Cleanup).
//
// Every request goes through one pipeline: the request budget (Options.MaxRequests), pacing
// (Options.RPS, golang.org/x/time/rate), SigV4 signing (signing name cognito-idp, payload
// hash of the body), X-Amz-Target "<service>.<operation>" with the service shape name read
// from the embedded model, Content-Type application/x-amz-json-1.1, a per-attempt timeout,
// and retries with exponential backoff and full jitter on TooManyRequestsException. The body
// is sent byte for byte as given: fixtures and fuzzers send invalid JSON on purpose.
//
// A *Error is a target error (exit code 3): unreachable, timed out, not HTTP, budget
// exhausted, still throttled after the retries. Any HTTP answer, 5xx included, is a
// Response: the contract judges it.
//
// On AWS only AllowedAWSOperations are sent; docs/iam-policy.json grants exactly those
// (IAMActions). With Options.OnlyOwnPools a target also refuses, before sending, any request
// that names a user pool it did not create itself (errors.Is(err, ErrOperationNotAllowed):
// skip such a case rather than fail the run). Cleanup ignores the cancellation of its context
// and the request budget, so `defer env.Cleanup(ctx)` under signal.NotifyContext removes a
// run's resources on exit, on error and on Ctrl-C. The sandbox-account check and the sweep of
// what a killed run left behind are in internal/awssafety.
package target
