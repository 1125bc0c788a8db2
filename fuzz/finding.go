package fuzz

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/fixtures"
	"github.com/cognito-contract/cognito-contract/internal/target"
)

// Finding is one way the target departs from the contract, found by a campaign: the first
// failure with its check and member, shrunk, with how often the campaign met it.
type Finding struct {
	Check  contracts.Check
	Member string
	// Departure is the departure as the shrunk case met it.
	Departure contracts.Finding
	Case      Case   // the shrunk case
	Original  Case   // the case as drawn
	Result    Result // the shrunk case's execution
	Count     int    // executions of the campaign that failed this way
	Shrinks   int    // reductions kept while shrinking
	Target    string
	Seed      int64
	Found     time.Time

	setup fixtures.Setup
	// vars maps provisioned values (ids, the client secret) to their placeholders; it is
	// used to scrub, never printed.
	vars map[string]string
}

// finder deduplicates and shrinks the failures of a campaign.
type finder struct {
	c        Campaign
	h        *Harness
	envs     []*target.Env
	setups   []target.Setup
	seen     map[findingKey]int
	findings []Finding
}

func (f *finder) record(ctx context.Context, res Result) error {
	for _, d := range res.Findings {
		k := keyOf(d, res.Case)
		if i, dup := f.seen[k]; dup {
			f.findings[i].Count++
			continue
		}
		budget := f.c.ShrinkBudget
		if budget <= 0 {
			budget = 100
		}
		small, steps, err := f.h.Shrink(ctx, res, d, budget)
		if err != nil {
			return err
		}
		fd := Finding{Check: k.check, Member: k.member, Departure: firstWithKey(small, k, d), Case: small.Case,
			Original: res.Case, Result: small, Count: 1, Shrinks: steps, Target: f.c.Target.Name(), Seed: f.c.Seed,
			Found: f.now(), setup: fixtureSetup(f.setups[res.Case.State]), vars: reverse(f.envs[res.Case.State].Placeholders())}
		f.seen[k] = len(f.findings)
		f.findings = append(f.findings, fd)
	}
	return nil
}

func (f *finder) now() time.Time {
	if f.c.Now != nil {
		return f.c.Now()
	}
	return time.Now()
}

func (f *finder) report(r Report) Report {
	r.Findings = f.findings
	return r
}

func firstWithKey(res Result, k findingKey, fallback contracts.Finding) contracts.Finding {
	for _, d := range res.Findings {
		if keyOf(d, res.Case) == k {
			return d
		}
	}
	return fallback
}

func fixtureSetup(s target.Setup) fixtures.Setup {
	return fixtures.Setup{UserPool: s.UserPool, Client: s.Client, ResourceServers: s.ResourceServers,
		IdentityProviders: s.IdentityProviders, CustomAttributes: s.CustomAttributes}
}

// reverse maps each non-empty provisioned value to its placeholder.
func reverse(p map[string]string) map[string]string {
	out := map[string]string{}
	for ph, v := range p {
		if v != "" && ph != fixtures.RegionPlaceholder { // a region is part of ids and ARNs, not a secret
			out[v] = ph
		}
	}
	return out
}

// scrub replaces provisioned values by their placeholders, longest first.
func (fd Finding) scrub(b []byte) []byte {
	vals := make([]string, 0, len(fd.vars))
	for v := range fd.vars {
		vals = append(vals, v)
	}
	sort.Slice(vals, func(i, j int) bool { return len(vals[i]) > len(vals[j]) })
	s := string(b)
	for _, v := range vals {
		s = strings.ReplaceAll(s, v, fd.vars[v])
	}
	return []byte(s)
}

// Name is the fixture name of the finding: "ClientName/fuzz-status".
func (fd Finding) Name() string {
	m := fd.Member
	if m == "" {
		m = "body"
	}
	return m + "/fuzz-" + string(fd.Check)
}

// Fixture renders the finding as a fixture in the library's format: the shrunk request with
// placeholders and the response the contract predicts, so replaying it against the target
// fails again and passes once the target conforms. Provisioned ids and the client secret are
// replaced by placeholders before anything is rendered.
func (fd Finding) Fixture() []byte {
	body := fd.scrub(fd.Case.Body)
	if !json.Valid(body) { // a raw case that is not JSON travels as a JSON string
		body = marshal(string(body))
	}
	fx := fixtures.Fixture{
		Name:        fd.Name(),
		Description: fd.Departure.String(),
		Source:      fmt.Sprintf("found by cognito-contract fuzz seed %d against %s on %s (case %s, %s)", fd.Seed, fd.Target, fd.Found.UTC().Format("2006-01-02"), fd.Original.ID, fd.Original.Mode),
		Setup:       &fd.setup,
		Request:     fixtures.Request{Body: body},
		Response:    fd.expectedResponse(),
	}
	b, err := fixtures.Marshal(fx)
	if err != nil {
		return []byte(fmt.Sprintf("{\"error\": %q}\n", err.Error()))
	}
	return fd.scrub(b)
}

// expectedResponse is the predicted answer: an error code (with the message when the
// prediction asserts one), or a 200 whose client holds at least the ids.
func (fd Finding) expectedResponse() fixtures.Response {
	p := fd.Result.Prediction
	if !p.OK() {
		eb := map[string]string{"__type": p.Code}
		if p.Message != "" {
			eb["message"] = p.Message
		}
		return fixtures.Response{Status: p.Status, Body: marshal(eb)}
	}
	client := map[string]any{"UserPoolId": fixtures.UserPoolIDPlaceholder, "ClientId": fixtures.ClientIDPlaceholder}
	return fixtures.Response{Status: 200, Match: fixtures.MatchSubset, Body: marshal(map[string]any{"UserPoolClient": client})}
}

// CLICommand is the equivalent aws CLI command. Placeholders become shell variables
// (USER_POOL_ID, CLIENT_ID) to set first. A raw body that is not JSON, or that holds
// duplicate keys or invalid UTF-8, cannot travel through --cli-input-json unchanged: the
// command then carries a comment saying so, and the fixture is the faithful replay.
func (fd Finding) CLICommand() string {
	body := string(fd.scrub(fd.Case.Body))
	quoted := "'" + strings.ReplaceAll(body, "'", `'\''`) + "'"
	for ph, v := range map[string]string{fixtures.UserPoolIDPlaceholder: "USER_POOL_ID", fixtures.ClientIDPlaceholder: "CLIENT_ID",
		fixtures.AccountIDPlaceholder: "ACCOUNT_ID", fixtures.ClientSecretPlaceholder: "CLIENT_SECRET"} {
		quoted = strings.ReplaceAll(quoted, ph, `'"$`+v+`"'`)
	}
	cmd := "aws cognito-idp update-user-pool-client --cli-input-json " + quoted
	if fd.Case.mutation != nil {
		cmd = "# raw body (" + fd.Case.mutation.kind + "): the aws CLI re-encodes JSON, replay the fixture for the exact bytes\n" + cmd
	}
	return cmd
}

// String renders the finding the way violations read (STYLE.md).
func (fd Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "FAIL UpdateUserPoolClient/%s   [target=%s]\n", fd.Name(), fd.Target)
	fmt.Fprintf(&b, "    check:    %s\n", fd.Departure.Label())
	if fd.Departure.Source != "" {
		fmt.Fprintf(&b, "    rule:     %s\n", fd.Departure.Source)
	}
	fmt.Fprintf(&b, "    input:    %s\n", showBody(fd.scrub(fd.Case.Body)))
	fmt.Fprintf(&b, "    expected: %s\n", fd.Departure.Expected)
	fmt.Fprintf(&b, "    actual:   %s\n", fd.scrub([]byte(fd.Departure.Actual)))
	fmt.Fprintf(&b, "    seen:     %d times; shrunk from case %s in %d steps\n", fd.Count, fd.Original.ID, fd.Shrinks)
	fmt.Fprintf(&b, "    rerun:    cognito-contract fuzz --target %s --seed %d\n", fd.Target, fd.Seed)
	return b.String()
}
