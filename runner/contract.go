package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// contractSuite runs the generated cases that --run selects, provisioning each setup kind once.
func (rs *runState) contractSuite(ctx context.Context) {
	var specs []Spec
	for _, s := range Generate(rs.c) {
		if rs.selected(s.ID) {
			specs = append(specs, s)
		}
	}
	for i, s := range specs {
		if rs.interrupted() {
			break
		}
		c := rs.runSpec(ctx, s)
		rs.report.Cases = append(rs.report.Cases, c)
		rs.progress(SuiteContract, i+1, len(specs))
	}
}

func (rs *runState) progress(suite string, done, total int) {
	if rs.o.Progress != nil {
		rs.o.Progress(suite, done, total)
	}
}

// runSpec sends one case: the body with the setup's ids, the prediction from the state the
// target holds, and every check of the contract on the answer.
func (rs *runState) runSpec(ctx context.Context, s Spec) Case {
	c := Case{ID: s.ID, Suite: SuiteContract, Rule: s.Rule, Input: s.Input, Rerun: rs.rerun(s.ID, false)}
	es := rs.env(ctx, s.Setup)
	if es.err != nil {
		setupFailure(&c, es.err)
		return c
	}
	if err := rs.restore(ctx, es); err != nil {
		c.Status, c.Reason = StatusError, es.scrub(err.Error())
		return c
	}
	body := substitute(s.Body, es.env.Placeholders())
	c.Request = es.scrub(string(body))
	ex, pred, dur, err := rs.send(ctx, es, body)
	c.Duration = dur
	if err != nil {
		c.Status, c.Reason = StatusError, es.scrub(err.Error())
		return c
	}
	rs.judge(&c, es, s.Member, pred, ex)
	return c
}

// send predicts the answer from the target's state, sends the update and remembers the
// client it now holds.
func (rs *runState) send(ctx context.Context, es *envState, body []byte) (contracts.Exchange, contracts.Prediction, time.Duration, error) {
	st := rs.stateFor(es, body)
	pred := rs.c.Predict(body, st)
	start := time.Now()
	resp, err := rs.t.Call(ctx, rs.c.Operation.Name, body)
	if err != nil {
		if isTargetError(err) {
			rs.stop(err)
		}
		return contracts.Exchange{}, pred, 0, err
	}
	ex := contracts.Exchange{Request: body, Before: es.current, Status: resp.Status, Header: resp.Header, Body: resp.Body}
	if resp.Status == 200 {
		es.dirty = true
		var out struct{ UserPoolClient json.RawMessage }
		if json.Unmarshal(resp.Body, &out) == nil && len(out.UserPoolClient) > 0 {
			es.current = out.UserPoolClient
		}
	}
	return ex, pred, time.Since(start), nil
}

// stateFor is the state a request meets: the setup's pool and client when the request names
// them, no pool or no client when it names others (R3 lookup).
func (rs *runState) stateFor(es *envState, body []byte) contracts.State {
	st := es.env.Initial
	if st.Client != nil {
		cl := *st.Client
		cl.Current = es.current
		st.Client = &cl
	}
	var ids struct{ UserPoolId, ClientId any }
	if json.Unmarshal(body, &ids) != nil {
		return st
	}
	if id, ok := ids.UserPoolId.(string); ok && id != es.env.UserPoolId {
		st.Pool, st.Client = nil, nil
	}
	if id, ok := ids.ClientId.(string); ok && id != es.env.ClientId {
		st.Client = nil
	}
	return st
}

// judge fills a case's outcome from the prediction and the exchange: the outcome (status and
// error code) first, then every finding of CheckOutcome and CheckResponse.
func (rs *runState) judge(c *Case, es *envState, member string, pred contracts.Prediction, ex contracts.Exchange) {
	c.Expected = es.scrub(expectedText(pred))
	c.Actual = actualText(member, ex, es.scrub)
	code := ""
	if ex.Status != 200 {
		code, _ = contracts.ErrorCode(ex.Header, ex.Body)
	}
	mismatch := ex.Status != pred.Status || (!pred.OK() && !pred.Accepts(code))
	var vs []Violation
	if mismatch {
		v := Violation{Check: CheckOutcome, Member: member, Expected: c.Expected, Actual: c.Actual}
		if len(pred.Violations) > 0 {
			v.Rule, v.Source = pred.Violations[0].Rule, pred.Violations[0].Source
		}
		vs = append(vs, v)
	}
	for _, f := range rs.c.CheckOutcome(pred, ex) {
		if mismatch && (f.Check == contracts.CheckStatus || f.Check == contracts.CheckErrorCode || f.Check == contracts.CheckRule) {
			continue // the outcome violation above says it
		}
		vs = append(vs, fromFinding(f, es.scrub))
	}
	for _, f := range rs.c.CheckResponse(ex) {
		vs = append(vs, fromFinding(f, es.scrub))
	}
	c.Violations = dedupe(vs)
	c.Status = StatusPass
	if len(c.Violations) > 0 {
		c.Status = StatusFail
	}
}

func fromFinding(f contracts.Finding, scrub func(string) string) Violation {
	return Violation{Check: string(f.Check), Rule: f.Rule, Member: f.Member,
		Expected: scrub(f.Expected), Actual: scrub(f.Actual), Source: f.Source}
}

func dedupe(vs []Violation) []Violation {
	seen := map[Violation]bool{}
	var out []Violation
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// expectedText is the predicted answer: "200" or "400 InvalidParameterException" (with the
// alternatives and the asserted message).
func expectedText(p contracts.Prediction) string {
	if p.OK() {
		return fmt.Sprint(p.Status)
	}
	s := fmt.Sprintf("%d %s", p.Status, p.Code)
	if len(p.Alternatives) > 0 {
		alts := append([]string(nil), p.Alternatives...)
		sort.Strings(alts)
		s += " (or " + strings.Join(alts, ", ") + ")"
	}
	if p.Message != "" {
		s += ": " + clip(p.Message, 200)
	}
	return s
}

// actualText is the answer: "200, UserPoolClient.ClientName = ..." or "400 Code: message",
// scrubbed. A 200 body is scrubbed before a value is cut short, so an identifier becomes its
// placeholder rather than a piece of itself that no scrubber recognises.
func actualText(member string, ex contracts.Exchange, scrub func(string) string) string {
	if ex.Status == 200 {
		return scrub("200, " + clientValue(member, ex.Body, scrub))
	}
	code, msg := contracts.ErrorCode(ex.Header, ex.Body)
	s := fmt.Sprintf("%d %s", ex.Status, code)
	if msg != "" {
		s += ": " + clip(scrub(msg), 200)
	}
	return scrub(s)
}

// clientValue renders UserPoolClient.<member> of a 200 body. A string is scrubbed before it
// is cut short (its length stays the one received), so an identifier shows as its placeholder.
func clientValue(member string, body []byte, scrub func(string) string) string {
	var out struct{ UserPoolClient map[string]any }
	if err := json.Unmarshal(body, &out); err != nil || out.UserPoolClient == nil {
		return "no UserPoolClient in the body"
	}
	var v any = out.UserPoolClient
	for _, p := range strings.Split(member, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			v = nil
			break
		}
		v = m[p]
	}
	name := "UserPoolClient." + member
	if v == nil {
		return name + " absent"
	}
	if f, ok := v.(float64); ok && f == float64(int64(f)) {
		v = int64(f)
	}
	if str, ok := v.(string); ok {
		if n, shown := runeLen(str), scrub(str); n > 16 && shown != str {
			return fmt.Sprintf("%s = %q (%d chars)", name, string([]rune(shown)[:min(4, runeLen(shown))])+"...", n)
		} else if shown != str {
			v = shown
		}
	}
	return name + " = " + short(v)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "..."
	}
	return s
}

// substitute marshals a body (keys sorted) and replaces its placeholders with the setup's
// values.
func substitute(body map[string]any, ph map[string]string) []byte {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(body) // maps, slices, strings, numbers and booleans only
	s := strings.TrimSuffix(b.String(), "\n")
	for k, v := range ph {
		s = strings.ReplaceAll(s, k, v)
	}
	return []byte(s)
}
