// Package emulator is cognito-contract's embedded reference emulator of Amazon Cognito
// Identity Provider (cognito-idp): the default target of every run, and a test double that
// users can put behind their own httpmock transport or httptest server.
//
// It speaks awsJson1_1 exactly as the real service does (POST /, dispatch on X-Amz-Target,
// Content-Type application/x-amz-json-1.1, x-amzn-RequestId on every response, errors as
// {"__type":…,"message":…} with status 400 for every client error and 500 for
// InternalErrorException), keeps user pools, app clients, resource servers, identity
// providers and custom attributes in memory, and answers UpdateUserPoolClient by asking the
// contract (contracts.Contract.Predict, then contracts.Contract.Apply): the emulator states no
// rule, default or constraint of its own for that operation.
//
// Two ways in:
//
//   - in-process: register (*Emulator).Responder on an httpmock.MockTransport (or call
//     (*Emulator).Register) and pass &http.Client{Transport: mt} as the SDK's HTTPClient;
//   - over HTTP: the Emulator is an http.Handler; Serve runs it on a loopback address until its
//     context is done (the CLI's `cognito-contract serve --addr 127.0.0.1:9229`).
//
// Errors the state cannot produce on its own are reachable through fault injection that
// tests call: FailNext, Throttle, Latency, HoldUpdates, DenyAccessKey, SetOperationEnabled and
// ResetFaults.
//
// See docs/emulator.md for the wire choices (request size limit, protocol errors) and their
// sources.
package emulator
