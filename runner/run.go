package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
)

// Options configure a run.
type Options struct {
	Target   target.Target
	Contract *contracts.Contract // default contracts.UpdateUserPoolClient
	Model    string              // what the report names as the model: "embedded" or a file
	Seed     int64
	// Run selects cases by id, as go test -run does; nil selects all.
	Run *regexp.Regexp
	// Fixtures is the fixture library directory; "" skips the fixtures suite.
	Fixtures string
	// Fuzz is the number of fuzz cases; 0 skips the campaign unless FuzzDuration is set.
	Fuzz int
	// FuzzDuration, when set, runs the campaign for this long instead of Fuzz cases.
	FuzzDuration time.Duration
	// Suites selects the suites to run (SuiteContract, ...); nil runs them all.
	Suites []string
	// Provision names and tags what the run creates (the AWS safety rules need it).
	Provision target.ProvisionOptions
	// Invocation is how the command line opened the target; every case's rerun line repeats
	// it. The zero value names the target by its Name.
	Invocation Invocation
	// Progress, when set, is called after each case with the suite, the count done in it and
	// its total.
	Progress func(suite string, done, total int)
	// Now stamps Report.Timing; default time.Now.
	Now func() time.Time
}

// runState is one run in progress.
type runState struct {
	o       Options
	c       *contracts.Contract
	t       target.Target
	report  *Report
	envs    map[string]*envState
	stopped error // the target error that stopped the run
	// interrupt is the caller's context: the contract and stateful suites send their requests
	// with a context that is not cancelled (a request cut off in flight could leave a pool the
	// run never learns about) and check interrupt between cases instead.
	interrupt context.Context
}

// envState is one provisioned setup shared by the cases of its kind.
type envState struct {
	env     *target.Env
	err     error // provisioning failed: every case of the kind gets it
	current json.RawMessage
	scrub   func(string) string
	// dirty is set when the last update of the setup was accepted: the next case restores
	// the setup's client first (restore).
	dirty bool
}

// Run runs the contract suite, the stateful checks, the fixture library and the fuzz
// campaign against o.Target and returns the report, also when a target error stopped the run
// halfway (Report.Incomplete, exit code 3). Everything the run provisioned is deleted before
// Run returns, on error and on cancellation too (with a fresh, bounded context).
func Run(ctx context.Context, o Options) *Report {
	if o.Contract == nil {
		o.Contract = contracts.UpdateUserPoolClient
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Target == nil {
		return &Report{Tool: ProgramName, Operation: o.Contract.Operation.Name, Incomplete: true, Error: "runner: Options.Target is not set"}
	}
	start := o.Now()
	rs := &runState{o: o, c: o.Contract, t: o.Target, envs: map[string]*envState{}, interrupt: ctx, report: &Report{
		Tool: ProgramName, Operation: o.Contract.Operation.Name, Target: o.Target.Name(),
		Seed: o.Seed, Model: o.Model,
	}}
	if o.Run != nil {
		rs.report.Run = o.Run.String()
	}
	defer rs.cleanup(ctx)
	calls := context.WithoutCancel(ctx)
	for _, suite := range []struct {
		name string
		run  func(context.Context)
		ctx  context.Context
	}{{SuiteContract, rs.contractSuite, calls}, {SuiteStateful, rs.statefulSuite, calls}, {SuiteFixtures, rs.fixturesSuite, ctx}, {SuiteFuzz, rs.fuzzSuite, ctx}} {
		if rs.wants(suite.name) && !rs.interrupted() {
			suite.run(suite.ctx)
		}
	}
	rs.cleanup(ctx)
	rs.fixtureReruns()
	rs.finish(start)
	return rs.report
}

func (rs *runState) finish(start time.Time) {
	r := rs.report
	if rs.stopped != nil {
		r.Incomplete = true
		r.Error = rs.stopped.Error()
	}
	if sr, ok := rs.t.(target.StatsReporter); ok {
		s := sr.Stats()
		r.Stats = Stats{Requests: s.Requests, Retries: s.Retries, Throttled: s.Throttled}
	}
	r.Timing = &Timing{Started: start.UTC(), DurationMS: rs.o.Now().Sub(start).Milliseconds()}
	r.Finish()
}

// cleanup deletes every provisioned setup; failures are reported, not fatal.
func (rs *runState) cleanup(ctx context.Context) {
	var errs []error
	for _, kind := range []string{SetupDefault, SetupSecret, SetupLite, SetupResources, SetupIdentityProvider} {
		es := rs.envs[kind]
		if es == nil || es.env == nil {
			continue
		}
		if err := es.env.Cleanup(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		rs.report.Cleanup = "not everything was deleted (run `" + ProgramName + " sweep`): " + err.Error()
	}
}

// wants reports whether Options.Suites selects a suite.
func (rs *runState) wants(suite string) bool {
	if rs.o.Suites == nil {
		return true
	}
	for _, s := range rs.o.Suites {
		if s == suite {
			return true
		}
	}
	return false
}

// interrupted reports whether the run must stop: a target error, or the caller's context
// cancelled (Ctrl-C), which it records as the reason.
func (rs *runState) interrupted() bool {
	if rs.stopped == nil && rs.interrupt != nil && rs.interrupt.Err() != nil {
		rs.stop(fmt.Errorf("interrupted: %w", rs.interrupt.Err()))
	}
	return rs.stopped != nil
}

// selected reports whether --run selects a case id.
func (rs *runState) selected(id string) bool { return rs.o.Run == nil || rs.o.Run.MatchString(id) }

// stop records the target error that ends the run; later suites do not start.
func (rs *runState) stop(err error) {
	if rs.stopped == nil {
		rs.stopped = err
	}
}

// isTargetError reports whether err stops the run: a *target.Error or a cancelled context.
func isTargetError(err error) bool {
	var te *target.Error
	var nc *NotCognitoError
	return errors.As(err, &te) || errors.As(err, &nc) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// env returns the provisioned setup of a kind, provisioning it on first use.
func (rs *runState) env(ctx context.Context, kind string) *envState {
	if es, ok := rs.envs[kind]; ok {
		return es
	}
	es := &envState{}
	rs.envs[kind] = es
	env, err := target.Provision(ctx, rs.t, setups[kind], rs.o.Provision)
	if err != nil {
		if nc := notCognito(rs.t.Name(), err); nc != nil {
			err = nc
		}
		es.err = err
		if isTargetError(err) {
			rs.stop(err)
		}
		return es
	}
	es.env = env
	es.scrub = envScrubber(env)
	es.current = env.Initial.Client.Current
	return es
}

// setupFailure turns a provisioning error into a case outcome: not applicable when the target
// lacks an operation the setup needs, an error otherwise.
func setupFailure(c *Case, err error) {
	var na *target.NotApplicableError
	if errors.As(err, &na) {
		c.Status, c.Reason = StatusNotApplicable, "setup needs "+na.Operation+": "+na.Reason
		return
	}
	c.Status, c.Reason = StatusError, "setup: "+err.Error()
}

// setups are the setup kinds of the contract suite (see the Setup* constants).
var setups = map[string]target.Setup{
	SetupDefault: {},
	SetupSecret:  {Client: json.RawMessage(`{"GenerateSecret":true}`)},
	SetupLite:    {UserPool: json.RawMessage(`{"UserPoolTier":"LITE"}`)},
	SetupResources: {
		Client: json.RawMessage(`{"GenerateSecret":true}`),
		ResourceServers: []json.RawMessage{json.RawMessage(fmt.Sprintf(
			`{"Identifier":%q,"Name":"api","Scopes":[{"ScopeName":"read","ScopeDescription":"read"}]}`, resourceServerID))},
		CustomAttributes: []json.RawMessage{json.RawMessage(`{"Name":"tenant","AttributeDataType":"String","Mutable":true}`)},
	},
	// The endpoints are given explicitly so the service need not fetch the issuer's discovery
	// document; the client secret of the provider is a placeholder, not a secret.
	SetupIdentityProvider: {
		IdentityProviders: []json.RawMessage{json.RawMessage(fmt.Sprintf(
			`{"ProviderName":%q,"ProviderType":"OIDC","ProviderDetails":{"client_id":"cognito-contract","client_secret":"not-a-secret","authorize_scopes":"openid","oidc_issuer":"https://issuer.example.com","attributes_request_method":"GET","authorize_url":"https://issuer.example.com/authorize","token_url":"https://issuer.example.com/token","attributes_url":"https://issuer.example.com/userinfo","jwks_uri":"https://issuer.example.com/jwks"}}`, identityProvider))},
	},
}
