package fuzz

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
)

// Campaign is a seeded fuzz run against one target: it provisions two app clients (one with a
// client secret, one without, each in a pool with a resource server and a custom attribute;
// a part the target cannot create is left out, see Report.Dropped), draws N cases (or as many as fit in Duration), sends each through a Harness, shrinks every
// new failure and deletes what it provisioned. The first cases break every model constraint
// and every rule once (Generator.DrawBreak); the rest are drawn at random in all modes.
type Campaign struct {
	Target   target.Target
	Contract *contracts.Contract // nil: contracts.UpdateUserPoolClient
	Seed     int64
	// N is the number of cases; Duration bounds the run instead when N is 0 (both set: the
	// first reached). One of them must be set.
	N        int
	Duration time.Duration
	// Progress, when set, is called after each case (total is N, or 0 for a Duration run).
	Progress func(done, total int)
	// Provision names and tags what the campaign creates (the AWS safety rules need it).
	Provision target.ProvisionOptions
	// ShrinkBudget bounds the executions spent shrinking one failure (default 100).
	ShrinkBudget int
	// Now stamps findings (default time.Now).
	Now func() time.Time
	// SDKHTTPClient, when set, carries the requests the AWS SDK sends (structured cases and
	// the DescribeUserPoolClient follow-ups) and the raw cases to SDKEndpoint directly instead
	// of through Target; see Harness.SendDirect. Provisioning still uses Target, which must
	// reach the same service (for the embedded emulator:
	// target.NewInProcessResponder(e.Responder(), ...) and an httpmock transport with
	// e.Register(mt, endpoint)).
	SDKHTTPClient aws.HTTPClient
	SDKEndpoint   string
}

// Report is what a campaign found.
type Report struct {
	Target     string
	Seed       int64
	Executions int          // cases sent (shrinking excluded)
	Calls      int          // requests sent, shrinking and follow-ups included
	ByMode     map[Mode]int // cases per mode
	ViaSDK     int          // cases sent through the AWS SDK
	Findings   []Finding    // one per (check, member), in the order found
	// Dropped are the parts of Setups the campaign left out because the target lacks the
	// operation that creates them; the states then have none of them, so the generator
	// draws nothing that needs them and the predictions hold.
	Dropped []Dropped
	Elapsed time.Duration
}

// Dropped is a part of the campaign's setups left out because the target lacks the
// operation that creates it (it answered as target.NotApplicableError describes).
type Dropped struct {
	Part      string // the Setup field: "ResourceServers", "IdentityProviders", "CustomAttributes"
	Operation string // the operation the target lacks: "CreateResourceServer"
	Reason    string // what the target answered
}

// String reads "ResourceServers left out: the target lacks CreateResourceServer (answered ...)".
func (d Dropped) String() string {
	return fmt.Sprintf("%s left out: the target lacks %s (%s)", d.Part, d.Operation, d.Reason)
}

// OK reports whether nothing departed from the contract.
func (r Report) OK() bool { return len(r.Findings) == 0 }

// Setups are the two setups a campaign provisions: an app client with a client secret and
// one without (R9, R16 need both), each in a pool with a resource server (custom scopes,
// R10, R12) and a custom attribute (R23). A target that lacks the operation creating the
// resource server or the custom attribute (cognito-local has no CreateResourceServer) gets
// the setups without that part (Report.Dropped).
func Setups() []target.Setup {
	common := target.Setup{
		ResourceServers:  []json.RawMessage{json.RawMessage(`{"Identifier":"https://api.example.com","Name":"api","Scopes":[{"ScopeName":"read","ScopeDescription":"read access"},{"ScopeName":"write","ScopeDescription":"write access"}]}`)},
		CustomAttributes: []json.RawMessage{json.RawMessage(`{"Name":"tenant","AttributeDataType":"String","Mutable":true}`)},
	}
	secret, plain := common, common
	secret.Client = json.RawMessage(`{"ClientName":"fuzz-secret","GenerateSecret":true}`)
	plain.Client = json.RawMessage(`{"ClientName":"fuzz"}`)
	return []target.Setup{secret, plain}
}

// Run runs the campaign. An error is a harness or target error (exit code 3 in the CLI); the
// report holds what was found until then.
func (c Campaign) Run(ctx context.Context) (rep Report, err error) {
	if c.Target == nil {
		return Report{}, errors.New("fuzz: Campaign.Target is not set")
	}
	if c.N < 0 || c.Duration < 0 || (c.N == 0 && c.Duration == 0) {
		return Report{}, fmt.Errorf("fuzz: Campaign needs N > 0 or Duration > 0 (got N=%d, Duration=%s)", c.N, c.Duration)
	}
	start := time.Now()
	rep = Report{Target: c.Target.Name(), Seed: c.Seed, ByMode: map[Mode]int{}}
	p, err := provisionAll(ctx, c.Target, c.Provision)
	envs, states := p.envs, p.states
	rep.Dropped = p.dropped
	defer func() {
		for _, e := range envs {
			if cerr := e.Cleanup(ctx); cerr != nil {
				err = errors.Join(err, cerr)
			}
		}
		rep.Elapsed = time.Since(start)
	}()
	if err != nil {
		return rep, err
	}
	g, err := NewGenerator(c.Contract, states...)
	if err != nil {
		return rep, err
	}
	h := NewHarness(c.Contract, c.Target, states...)
	if c.SDKHTTPClient != nil {
		if c.SDKEndpoint == "" {
			return rep, errors.New("fuzz: Campaign.SDKHTTPClient is set without SDKEndpoint")
		}
		h.SendDirect(c.SDKHTTPClient, c.SDKEndpoint)
	}
	f := &finder{c: c, h: h, envs: envs, setups: p.setups, seen: map[findingKey]int{}}
	src := NewSource(c.Seed)
	var deadline time.Time
	if c.Duration > 0 {
		deadline = start.Add(c.Duration)
	}
	breaks := g.Breaks()
	for i := 0; c.N == 0 || i < c.N; i++ {
		if !deadline.IsZero() && time.Now().After(deadline) {
			break
		}
		if err := ctx.Err(); err != nil {
			return f.report(rep), err
		}
		var cs Case
		if i < breaks { // every constraint and rule once, then random draws
			cs = g.DrawBreak(src, i)
		} else {
			cs = g.Draw(src)
		}
		res, err := h.Execute(ctx, cs)
		rep.Executions++
		rep.ByMode[cs.Mode]++
		rep.Calls += res.Calls
		if res.ViaSDK {
			rep.ViaSDK++
		}
		if err != nil {
			return f.report(rep), err
		}
		if err := f.record(ctx, res); err != nil {
			return f.report(rep), err
		}
		if c.Progress != nil {
			c.Progress(i+1, c.N)
		}
	}
	return f.report(rep), nil
}

// provision creates the campaign's setups and reads their states.
func provision(ctx context.Context, t target.Target, o target.ProvisionOptions) ([]*target.Env, []contracts.State, error) {
	p, err := provisionAll(ctx, t, o)
	return p.envs, p.states, err
}

// provisioned is what provisionAll created: one env, state and setup (as provisioned, parts
// left out) per setup of Setups.
type provisioned struct {
	envs    []*target.Env
	states  []contracts.State
	setups  []target.Setup
	dropped []Dropped
}

// optionalParts are the parts of a setup a campaign can do without, by the operation that
// creates them. Without resource servers the states have no custom scopes (R8-R10, R12 are
// drawn with standard scopes only), without identity providers SupportedIdentityProviders is
// drawn from COGNITO alone (R24), without custom attributes Read/WriteAttributes from the
// pool's standard attributes (R23).
var optionalParts = []struct {
	operation, part string
	drop            func(*target.Setup) bool // removes the part; false when there was none
}{
	{"CreateResourceServer", "ResourceServers", func(s *target.Setup) bool {
		had := len(s.ResourceServers) > 0
		s.ResourceServers = nil
		return had
	}},
	{"CreateIdentityProvider", "IdentityProviders", func(s *target.Setup) bool {
		had := len(s.IdentityProviders) > 0
		s.IdentityProviders = nil
		return had
	}},
	{"AddCustomAttributes", "CustomAttributes", func(s *target.Setup) bool {
		had := len(s.CustomAttributes) > 0
		s.CustomAttributes = nil
		return had
	}},
}

// provisionAll creates the campaign's setups. When provisioning one answers
// *target.NotApplicableError for an operation of optionalParts, the setup is retried without
// that part, and the later setups are provisioned without it from the start.
func provisionAll(ctx context.Context, t target.Target, o target.ProvisionOptions) (provisioned, error) {
	var p provisioned
	for i, s := range Setups() {
		for _, d := range p.dropped {
			dropPart(&s, d.Operation)
		}
		for {
			e, err := target.Provision(ctx, t, s, o)
			if err == nil {
				p.envs, p.states, p.setups = append(p.envs, e), append(p.states, e.Initial), append(p.setups, s)
				break
			}
			var na *target.NotApplicableError
			if !errors.As(err, &na) || !dropPart(&s, na.Operation) {
				return p, fmt.Errorf("fuzz: provisioning setup %d on %s: %w", i, t.Name(), err)
			}
			p.dropped = append(p.dropped, Dropped{Part: partOf(na.Operation), Operation: na.Operation, Reason: na.Reason})
		}
	}
	return p, nil
}

// dropPart removes from s the part that operation creates; false when s has no such part.
func dropPart(s *target.Setup, operation string) bool {
	for _, op := range optionalParts {
		if op.operation == operation {
			return op.drop(s)
		}
	}
	return false
}

func partOf(operation string) string {
	for _, op := range optionalParts {
		if op.operation == operation {
			return op.part
		}
	}
	return ""
}
