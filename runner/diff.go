package runner

import (
	"context"
	"encoding/json"
	"reflect"
	"regexp"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
)

// SuiteDiff is the suite of a diff between two targets.
const SuiteDiff = "diff"

// DiffOptions configure Diff.
type DiffOptions struct {
	A, B                   target.Target
	ProvisionA, ProvisionB target.ProvisionOptions
	Contract               *contracts.Contract // default contracts.UpdateUserPoolClient
	Seed                   int64
	Run                    *regexp.Regexp
	Progress               func(suite string, done, total int)
}

// volatile members differ between any two targets and are left out of the comparison.
var volatile = []string{"ClientId", "UserPoolId", "ClientSecret", "CreationDate", "LastModifiedDate"}

// Diff sends the same seeded contract-suite cases to two targets and reports, per case, where
// they answer differently: status, error code, message (compared as the service's messages
// are, SameMessage) or the client a 200 returns (identifiers and dates left out). It is how a
// mock is kept honest against the real service: a case fails when the answers differ.
func Diff(ctx context.Context, o DiffOptions) *Report {
	if o.Contract == nil {
		o.Contract = contracts.UpdateUserPoolClient
	}
	a := &runState{o: Options{Target: o.A, Contract: o.Contract, Seed: o.Seed, Run: o.Run, Provision: o.ProvisionA}, c: o.Contract, t: o.A, envs: map[string]*envState{}, report: &Report{}, interrupt: ctx}
	b := &runState{o: Options{Target: o.B, Contract: o.Contract, Seed: o.Seed, Run: o.Run, Provision: o.ProvisionB}, c: o.Contract, t: o.B, envs: map[string]*envState{}, report: &Report{}, interrupt: ctx}
	ctx = context.WithoutCancel(ctx) // requests finish; the loop checks for Ctrl-C between cases
	defer a.cleanup(ctx)
	defer b.cleanup(ctx)
	r := &Report{Tool: ProgramName, Operation: o.Contract.Operation.Name, Target: o.A.Name() + " vs " + o.B.Name(), Seed: o.Seed}
	if o.Run != nil {
		r.Run = o.Run.String()
	}
	var specs []Spec
	for _, s := range Generate(o.Contract) {
		if o.Run == nil || o.Run.MatchString(s.ID) {
			specs = append(specs, s)
		}
	}
	for i, s := range specs {
		if a.interrupted() || b.interrupted() {
			break
		}
		r.Cases = append(r.Cases, diffCase(ctx, a, b, s))
		if o.Progress != nil {
			o.Progress(SuiteDiff, i+1, len(specs))
		}
	}
	a.cleanup(ctx)
	b.cleanup(ctx)
	for _, rs := range []*runState{a, b} {
		if rs.stopped != nil && !r.Incomplete {
			r.Incomplete, r.Error = true, rs.stopped.Error()
		}
		if rs.report.Cleanup != "" {
			r.Cleanup += rs.report.Cleanup
		}
		if sr, ok := rs.t.(target.StatsReporter); ok {
			st := sr.Stats()
			r.Stats.Requests += st.Requests
			r.Stats.Retries += st.Retries
			r.Stats.Throttled += st.Throttled
		}
	}
	r.Finish()
	return r
}

// answer is one target's answer to a case, comparable with another's.
type answer struct {
	text    string // "400 Code: message", as reports print it
	status  int
	code    string
	message string
	client  map[string]any
}

func diffCase(ctx context.Context, a, b *runState, s Spec) Case {
	c := Case{ID: s.ID, Suite: SuiteDiff, Rule: s.Rule, Input: s.Input}
	ansA, errA := a.answer(ctx, s)
	ansB, errB := b.answer(ctx, s)
	for _, err := range []error{errA, errB} {
		if err != nil {
			setupFailure(&c, err)
			return c
		}
	}
	c.Expected, c.Actual = a.t.Name()+": "+ansA.text, b.t.Name()+": "+ansB.text
	differ := ansA.status != ansB.status || ansA.code != ansB.code ||
		(ansA.message != ansB.message && !contracts.SameMessage(ansA.message, ansB.message)) ||
		!reflect.DeepEqual(ansA.client, ansB.client)
	c.Status = StatusPass
	if differ {
		c.Status = StatusFail
		c.Violations = []Violation{{Check: "diff", Member: s.Member, Expected: c.Expected, Actual: c.Actual, Source: "the same request sent to both targets"}}
	}
	return c
}

// answer sends a spec to one target and reduces the response to what is compared.
func (rs *runState) answer(ctx context.Context, s Spec) (answer, error) {
	es := rs.env(ctx, s.Setup)
	if es.err != nil {
		return answer{}, es.err
	}
	if err := rs.restore(ctx, es); err != nil {
		return answer{}, err
	}
	body := substitute(s.Body, es.env.Placeholders())
	ex, _, _, err := rs.send(ctx, es, body)
	if err != nil {
		return answer{}, err
	}
	ans := answer{status: ex.Status, text: es.scrub(actualText(s.Member, ex))}
	if ex.Status == 200 {
		// The setup's ids and names become placeholders, so two targets' clients compare.
		_ = json.Unmarshal([]byte(es.scrub(string(clientOf(ex.Body)))), &ans.client)
		for _, k := range volatile {
			delete(ans.client, k)
		}
		return ans, nil
	}
	code, msg := contracts.ErrorCode(ex.Header, ex.Body)
	ans.code, ans.message = code, es.scrub(msg)
	return ans, nil
}
