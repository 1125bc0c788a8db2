// Package runner runs cognito-contract against one target and reports the result: the contract
// suite generated from the model and the semantic rules (every boundary of every input member
// and both sides of every request rule, like Schemathesis's coverage phase), stateful checks
// (Describe after Update, full replace, invariants across several updates), the fixture library
// and a seeded fuzz campaign.
//
// A run produces a Report: one Case per test case with its status (pass, fail, not-applicable,
// error) and every violation found, never only the first. Reports are written as the house
// console format (WriteText), JUnit XML (WriteJUnit), JSON (WriteJSON) and a Markdown
// conformance report (WriteMarkdown, from a JSON report read back with ReadJSON).
//
// The same seed gives the same cases and the same report: cases are sorted, identifiers the
// target generates are written as their placeholders ({{UserPoolId}}, {{ClientId}}), and
// timings live only in Report.Timing, which a comparison leaves out.
//
// Nothing written by this package holds a secret: every string goes through one scrub call
// site (scrub.go) before it reaches a report.
package runner
