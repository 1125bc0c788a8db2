package runner

import "github.com/cognito-contract/cognito-contract/internal/scrub"

// This file is the single call site through which every string a report writes passes, so
// a secret (client secret, Authorization header, session token, access key, account id)
// never reaches disk or a log. Values the run knows (the client secret and the identifiers of
// what it provisioned) are replaced by their placeholders first (scrub.New with the Env's
// placeholders, in newScrubber); scrubText then catches the rest by shape.

// scrubText removes secrets from a string about to be written.
func scrubText(s string) string { return scrub.String(s) }

// newScrubber returns the scrubber of one provisioned setup: its identifiers and secret
// become {{UserPoolId}}, {{ClientId}}, {{ClientSecret}}, {{Region}}, {{AccountId}}, which
// also keeps reports of two runs with the same seed identical.
func newScrubber(placeholders map[string]string) func(string) string {
	s := scrub.New(placeholders)
	return func(v string) string { return s.String(v) }
}

// scrubReport passes every string of a report through scrubText.
func scrubReport(r *Report) {
	r.Target = scrubText(r.Target)
	r.Error = scrubText(r.Error)
	r.Cleanup = scrubText(r.Cleanup)
	if r.Fuzz != nil {
		for i, d := range r.Fuzz.Dropped {
			r.Fuzz.Dropped[i] = scrubText(d)
		}
	}
	for i := range r.Cases {
		c := &r.Cases[i]
		for _, p := range []*string{&c.ID, &c.Rule, &c.Input, &c.Request, &c.Expected, &c.Actual, &c.Reason, &c.Rerun} {
			*p = scrubText(*p)
		}
		for j := range c.Violations {
			v := &c.Violations[j]
			for _, p := range []*string{&v.Rule, &v.Member, &v.Expected, &v.Actual, &v.Source, &v.Diff} {
				*p = scrubText(*p)
			}
		}
	}
}
