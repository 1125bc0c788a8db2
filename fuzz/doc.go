// Package fuzz generates UpdateUserPoolClient requests from the contract's model, sends them to
// a target and checks every answer against the contract.
//
// Three modes draw requests (all deterministic from a seed or from fuzzer bytes):
//
//   - Positive: valid requests drawn to hit boundaries: minimum and maximum lengths,
//     multibyte strings, every enum value, list limits, token validity and unit combinations
//     at the edges of R13, OAuth configurations that are valid for the provisioned pool.
//   - Negative: exactly one model constraint or semantic rule broken at a time, so the
//     expected error is known.
//   - Raw: a valid body mutated as JSON text: wrong types, unknown members, duplicate keys,
//     huge values, invalid UTF-8.
//
// Every limit, pattern, range and enum value comes from the model (contracts.DefaultModel);
// the expected answer comes from contracts.Contract.Predict. A Campaign sends each request
// (through the AWS SDK for Go v2 when the request is expressible in it, raw otherwise, retries
// off), checks the answer with CheckOutcome and CheckResponse, and after a 200 asks
// DescribeUserPoolClient for the same client. Failures are shrunk to a minimal request that
// still fails the same check, deduplicated by check and member, and rendered as a fixture and
// an equivalent aws CLI command.
//
// A campaign provisions its pools with a resource server and a custom attribute; a target
// that lacks the operation creating one of them gets pools without it (Report.Dropped), and
// the generator, which draws from the provisioned states, then draws nothing that needs it.
//
// Only gofuzz.go imports github.com/google/gofuzz outside the tests, so moving to its
// maintained fork (sigs.k8s.io/randfill) is a one-file change to the package (and the tests'
// reference in gofuzz_test.go).
package fuzz
