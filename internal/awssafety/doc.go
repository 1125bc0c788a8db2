// Package awssafety keeps runs against a real AWS account (`--target aws`) from touching
// anything but their own sandbox resources (issue 6):
//
//   - CheckSandboxAccount refuses to run unless --sandbox-account equals the caller's account
//     (STS GetCallerIdentity), so a run never touches a production account by mistake.
//   - NewRunID and ProvisionOptions name every pool and client "cognito-contract-<run id>-…"
//     and tag the pool with TagKey = run id; each run works in a fresh user pool of its own.
//     target.Env.Cleanup deletes it on exit, on error and on Ctrl-C (it ignores cancellation).
//   - Sweep removes what a killed run left behind: pools whose name has the prefix, that carry
//     TagKey, and that are older than --older-than. Nothing else is ever deleted.
//
// Account ids are never printed in full: Mask and MaskAccountIDs keep the last 4 digits.
// Everything here is tested on loopback: the emulator (or targettest.Cognito) stands in for
// Cognito through endpoint overrides, httpmock for STS.
package awssafety
