// Package scrub removes secrets and volatile identifiers from anything cognito-contract writes:
// recorded fixtures, reports, logs. Everything that reaches disk or a log goes through it.
//
// A Scrubber replaces two kinds of values with their placeholders ({{ClientSecret}},
// {{AccountId}}, ...):
//   - known values: the ids and secrets of a provisioned environment, given to New;
//   - detected values: a table of Detectors (Authorization headers, session tokens, access key
//     ids, secret access keys, client secrets, 12-digit account ids, presigned-URL signatures),
//     and user pool and client ids the scrubber was not given, masked in their shape
//     ("us-east-1_XXXXXXXXX"; ids.go says how the shapes are derived).
//
// Find reports what a file still holds (used by `cognito-contract fixtures check`), naming the
// JSON path and the detector, never the secret itself.
package scrub
