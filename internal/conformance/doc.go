// Package conformance runs cognito-contract against third-party implementations of
// UpdateUserPoolClient and keeps what they do differently in the repository.
//
// Its test TestCognitoLocal installs the npm package cognito-local at a pinned version into a
// cache directory, starts it on loopback, runs the built `cognito-contract run` binary against
// it and compares the outcome with testdata/cognito-local.failing: every failing case with the
// checks that deviate, and every not-applicable case with the operation cognito-local lacks.
// A new or vanished deviation fails the test; so does a run that could not talk to the
// emulator (exit 3 instead of 1), and a committed docs/conformance/cognito-local.md that is not
// what the same run generates (the date aside).
//
//	go test ./internal/conformance -run CognitoLocal          # compare
//	go test ./internal/conformance -run CognitoLocal -update  # rewrite the list and the doc
//
// -update also regenerates docs/conformance/cognito-local.md from the same run with
// `cognito-contract report --format markdown`. Set COGNITO_CONTRACT_SKIP_COGNITO_LOCAL=1 to
// skip the test on a machine without Node.js and npm; CI never sets it.
//
// The package's non-test code is the expected-list format (Expectation, ParseExpected,
// FormatExpected, Compare) and the doc generator (WriteDoc).
package conformance
