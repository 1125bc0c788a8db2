// Command cognito-contract runs contract tests and fuzzing for Amazon Cognito Identity
// Provider UpdateUserPoolClient against one target: the embedded emulator (--target mock, the
// default), any endpoint URL (cognito-local, moto, LocalStack, cognito-contract serve) or a
// real AWS sandbox account (--target aws).
//
// Subcommands, one flag set each:
//
//	run       the contract suite, stateful checks, fixture library and a fuzz campaign
//	diff      the same seeded cases sent to two targets; where they answer differently
//	fuzz      a seeded fuzz campaign alone
//	serve     the reference emulator over HTTP on loopback
//	record    replay a fixture directory against a target and record what came back
//	fixtures  fixtures check DIR: validate fixture files and refuse unscrubbed secrets
//	report    a Markdown conformance report (or text, JUnit) from a run's --json output
//	sweep     delete what a killed AWS run left behind
//
// Results go to stdout, diagnostics to stderr. Exit codes: 0 everything conforms, 1 at least
// one violation, 2 usage error, 3 harness or target error (unreachable, credentials missing,
// interrupted); a partial report is still written.
package main
