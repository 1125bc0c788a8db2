package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/google/go-cmp/cmp"

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
	sameMsg := ansA.message == ansB.message || contracts.SameMessage(ansA.message, ansB.message)
	differ := ansA.status != ansB.status || ansA.code != ansB.code || !sameMsg ||
		!reflect.DeepEqual(ansA.client, ansB.client)
	c.Status = StatusPass
	if differ {
		c.Status = StatusFail
		// The whole answers are compared, so the violation shows where they differ: a
		// -A +B diff of status, code, message and client, and a one-line sum of it.
		d := answerDiff(ansA, ansB, sameMsg)
		c.Violations = []Violation{{Check: "diff", Member: s.Member,
			Expected: a.t.Name() + ": " + diffSide(ansA, ansB, sameMsg), Actual: b.t.Name() + ": " + diffSide(ansB, ansA, sameMsg),
			Source: "the same request sent to both targets (-" + a.t.Name() + " +" + b.t.Name() + ")", Diff: d}}
	}
	return c
}

// compared is what Diff compares of an answer, as go-cmp shows it.
type compared struct {
	Status  int
	Code    string
	Message string
	Client  map[string]any
}

// answerDiff is the go-cmp diff (-a +b) of two answers; messages the service would word the
// same (SameMessage) are left out of it.
func answerDiff(a, b answer, sameMsg bool) string {
	x := compared{Status: a.status, Code: a.code, Message: a.message, Client: a.client}
	y := compared{Status: b.status, Code: b.code, Message: b.message, Client: b.client}
	if sameMsg {
		y.Message = x.Message
	}
	return normalizeDiff(cmp.Diff(x, y))
}

// diffSide sums up one side of a difference on one line: the parts that differ from the
// other answer ("400 InvalidParameterException", "message ...", "UserPoolClient.X = ...").
func diffSide(x, y answer, sameMsg bool) string {
	var parts []string
	if x.status != y.status || x.code != y.code {
		parts = append(parts, strings.TrimSpace(fmt.Sprintf("%d %s", x.status, x.code)))
	}
	if !sameMsg {
		parts = append(parts, "message "+strconv.Quote(clip(x.message, 120)))
	}
	if !reflect.DeepEqual(x.client, y.client) && x.client != nil && y.client != nil {
		keys := map[string]bool{}
		for k := range x.client {
			keys[k] = true
		}
		for k := range y.client {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			if !reflect.DeepEqual(x.client[k], y.client[k]) {
				sorted = append(sorted, k)
			}
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			if v, ok := x.client[k]; ok {
				parts = append(parts, "UserPoolClient."+k+" = "+short(v))
			} else {
				parts = append(parts, "UserPoolClient."+k+" absent")
			}
		}
	}
	if len(parts) == 0 {
		return x.text
	}
	return strings.Join(parts, "; ")
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
	ans := answer{status: ex.Status, text: actualText(s.Member, ex, es.scrub)}
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

// normalizeDiff makes go-cmp's output stable: go-cmp randomly writes a non-breaking space
// after its -/+ markers so that nobody parses it; reports of two runs must read the same.
func normalizeDiff(d string) string { return strings.ReplaceAll(d, "\u00a0", " ") }
