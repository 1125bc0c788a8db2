package fuzz

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/fixtures"
	"github.com/cognito-contract/cognito-contract/internal/scrub"
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
	N         int // the campaign's case count (0 for a Duration run)
	Found     time.Time

	setup fixtures.Setup
	// scrubber replaces provisioned values (ids, the client secret) by their placeholders
	// and any other secret-looking value; it holds the secret, never print it.
	scrubber *scrub.Scrubber
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
			Original: res.Case, Result: small, Count: 1, Shrinks: steps, Target: f.c.Target.Name(), Seed: f.c.Seed, N: f.c.N,
			Found: f.now(), setup: fixtureSetup(f.setups[res.Case.State]), scrubber: scrub.New(placeholders(f.envs[res.Case.State]))}
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

// placeholders are an Env's placeholders without the region: a region is part of ids and
// ARNs, and no secret.
func placeholders(e *target.Env) map[string]string {
	p := e.Placeholders()
	delete(p, fixtures.RegionPlaceholder)
	return p
}

// scrub replaces provisioned values and secret-looking values by placeholders.
func (fd Finding) scrub(b []byte) []byte {
	if fd.scrubber == nil {
		return []byte(scrub.String(string(b)))
	}
	return []byte(fd.scrubber.String(string(b)))
}

// Name is the fixture name of the finding: "ClientName/fuzz-status".
func (fd Finding) Name() string {
	return memberOrBody(fd.Member) + "/fuzz-" + string(fd.Check)
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
	rerun := fmt.Sprintf("cognito-contract fuzz --target %s --seed %d", targetFlags(fd.Target), fd.Seed)
	if fd.N > 0 {
		rerun += fmt.Sprintf(" --n %d", fd.N)
	}
	fmt.Fprintf(&b, "    rerun:    %s\n", rerun)
	return b.String()
}

// WriteFixtures writes each finding's fixture into dir (created if needed) as
// fixtures.FileName(name), adding "-2", "-3", ... rather than overwriting a file, and returns
// the paths written. A fixture in which the secret detectors still find something is not
// written: the error names it and the detector, never the value.
func (r Report) WriteFixtures(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("fuzz: fixtures directory %s: %w", dir, err)
	}
	var paths []string
	for _, fd := range r.Findings {
		b := fd.Fixture()
		if leaks := scrub.Find(b); len(leaks) > 0 {
			return paths, fmt.Errorf("fuzz: fixture %s not written: secret detected at %s", fd.Name(), leaks[0])
		}
		base := strings.TrimSuffix(fixtures.FileName(fd.Name()), ".json")
		path := filepath.Join(dir, base+".json")
		for i := 2; ; i++ {
			if _, err := os.Stat(path); os.IsNotExist(err) {
				break
			}
			path = filepath.Join(dir, fmt.Sprintf("%s-%d.json", base, i))
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return paths, fmt.Errorf("fuzz: %w", err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// targetFlags is the --target (and what goes with it) that reaches the target named name
// again: "mock" and endpoint URLs are --target values as they are; an AWS target is named
// "aws:<region>" (target.NewAWS) and is reached with --target aws, its region and the sandbox
// account, which is left to the shell ($SANDBOX_ACCOUNT) since account ids never reach a report.
func targetFlags(name string) string {
	if region, ok := strings.CutPrefix(name, "aws:"); ok {
		return "aws --region " + region + ` --sandbox-account "$SANDBOX_ACCOUNT"`
	}
	return name
}
