package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
)

// statefulCase is one stateful check: a sequence of requests on one setup.
type statefulCase struct {
	id, rule, setup string
	run             func(ctx context.Context, rs *runState, es *envState, c *Case) error
}

// statefulCases are the checks across several requests (R1 full replace, invariants,
// Describe after Update).
var statefulCases = []statefulCase{
	{"Stateful/describe-after-update", "DescribeUserPoolClient returns the client UpdateUserPoolClient returned (R1; S1 operation doc)", SetupDefault, describeAfterUpdate},
	{"Stateful/full-replace", "R1 Update is a full replace: members not sent come back as their defaults (S1 operation doc; OB-29, OB-30)", SetupDefault, fullReplace},
	{"Stateful/invariants-across-updates", "ClientId, UserPoolId, CreationDate and ClientSecret never change; LastModifiedDate never goes back (R32; S1 UserPoolClientType)", SetupSecret, invariantsAcrossUpdates},
	{"Stateful/rejected-update-changes-nothing", "A rejected update leaves the client as it was (S1 error docs)", SetupDefault, rejectedUpdateChangesNothing},
}

// statefulSuite runs the stateful checks that --run selects.
func (rs *runState) statefulSuite(ctx context.Context) {
	var sel []statefulCase
	for _, sc := range statefulCases {
		if rs.selected(sc.id) {
			sel = append(sel, sc)
		}
	}
	for i, sc := range sel {
		if rs.interrupted() {
			return
		}
		c := Case{ID: sc.id, Suite: SuiteStateful, Rule: sc.rule, Rerun: rs.rerun(sc.id, false)}
		es := rs.env(ctx, sc.setup)
		if es.err != nil {
			setupFailure(&c, es.err)
		} else if err := rs.restore(ctx, es); err != nil {
			c.Status, c.Reason = StatusError, es.scrub(err.Error())
		} else if err := sc.run(ctx, rs, es, &c); err != nil {
			var na *target.NotApplicableError
			if errors.As(err, &na) {
				setupFailure(&c, err)
				c.Reason = "the check needs " + na.Operation + ": " + na.Reason
			} else {
				c.Status, c.Reason = StatusError, es.scrub(err.Error())
			}
		} else {
			c.Status = StatusPass
			if len(c.Violations) > 0 {
				c.Status = StatusFail
			}
		}
		rs.report.Cases = append(rs.report.Cases, c)
		rs.progress(SuiteStateful, i+1, len(sel))
	}
}

// richBody is a valid update that sets many members, so a later update can show what it resets.
func richBody(m *contracts.Model, name string) map[string]any {
	b := baseBody()
	b["ClientName"] = name
	b["ExplicitAuthFlows"] = []any{enumValue(m, "ExplicitAuthFlowsType", "ALLOW_USER_SRP_AUTH"), enumValue(m, "ExplicitAuthFlowsType", "ALLOW_REFRESH_TOKEN_AUTH")}
	b["AccessTokenValidity"] = 2
	b["IdTokenValidity"] = 2
	b["RefreshTokenValidity"] = 10
	b["TokenValidityUnits"] = map[string]any{"AccessToken": enumValue(m, "TimeUnitsType", "hours"), "IdToken": enumValue(m, "TimeUnitsType", "hours"), "RefreshToken": enumValue(m, "TimeUnitsType", "days")}
	b["ReadAttributes"] = []any{"email"}
	b["SupportedIdentityProviders"] = []any{"COGNITO"}
	b["AllowedOAuthFlowsUserPoolClient"] = true
	b["AllowedOAuthFlows"] = []any{enumValue(m, "OAuthFlowType", "code")}
	b["AllowedOAuthScopes"] = []any{"openid", "email"}
	b["CallbackURLs"] = []any{seeds["RedirectUrlType"]}
	b["LogoutURLs"] = []any{seeds["RedirectUrlType"] + "/logout"}
	b["DefaultRedirectURI"] = seeds["RedirectUrlType"]
	b["PreventUserExistenceErrors"] = enumValue(m, "PreventUserExistenceErrorTypes", "ENABLED")
	b["EnableTokenRevocation"] = true
	b["AuthSessionValidity"] = 5
	return b
}

// update sends one update and adds its violations to the case; it returns the exchange.
func (rs *runState) update(ctx context.Context, es *envState, c *Case, body map[string]any) (contracts.Exchange, error) {
	raw := substitute(body, es.env.Placeholders())
	ex, pred, dur, err := rs.send(ctx, es, raw)
	c.Duration += dur
	if err != nil {
		return ex, err
	}
	var step Case
	rs.judge(&step, es, "ClientName", pred, ex)
	c.Violations = append(c.Violations, step.Violations...)
	c.Request, c.Expected, c.Actual = es.scrub(string(raw)), step.Expected, step.Actual
	return ex, nil
}

// describe reads the client as the target holds it.
func (rs *runState) describe(ctx context.Context, es *envState) (json.RawMessage, error) {
	body := fmt.Sprintf(`{"UserPoolId":%q,"ClientId":%q}`, es.env.UserPoolId, es.env.ClientId)
	resp, err := rs.t.Call(ctx, "DescribeUserPoolClient", []byte(body))
	if err != nil {
		if isTargetError(err) {
			rs.stop(err)
		}
		return nil, err
	}
	var out struct{ UserPoolClient json.RawMessage }
	if resp.Status != 200 || json.Unmarshal(resp.Body, &out) != nil {
		code, msg := contracts.ErrorCode(resp.Header, resp.Body)
		if code == "UnknownOperationException" || resp.Status == 404 || resp.Status == 501 {
			return nil, &target.NotApplicableError{Operation: "DescribeUserPoolClient", Reason: fmt.Sprintf("the target answered %d %s", resp.Status, code)}
		}
		return nil, fmt.Errorf("DescribeUserPoolClient answered %d %s %s", resp.Status, code, msg)
	}
	return out.UserPoolClient, nil
}

// sameClient adds a violation when two clients differ as JSON values. Expected and actual
// name the members that differ, each with its value ("ClientName = ..."; dates as <date>, so
// that two runs read the same).
func sameClient(c *Case, check, what string, want, got json.RawMessage, scrub func(string) string) {
	var a, b any
	_ = json.Unmarshal(want, &a)
	_ = json.Unmarshal(got, &b)
	if reflect.DeepEqual(a, b) {
		return
	}
	ma, okA := a.(map[string]any)
	mb, okB := b.(map[string]any)
	exp, act := clip(string(want), 400), clip(string(got), 400)
	if okA && okB {
		exp, act = differing(ma, mb), differing(mb, ma)
	}
	c.Violations = append(c.Violations, Violation{Check: check, Rule: what,
		Expected: scrub(exp), Actual: scrub(act), Source: c.Rule})
}

// differing lists the members of x whose value differs in y, sorted: "A = 1; B absent".
// Dates are listed only when nothing else differs (a date that moves with another member
// adds nothing, and would make two runs' reports differ).
func differing(x, y map[string]any) string {
	if s := differingMembers(x, y, false); s != "" {
		return s
	}
	return differingMembers(x, y, true)
}

func differingMembers(x, y map[string]any, dates bool) string {
	keys := make([]string, 0, len(x)+len(y))
	for k := range x {
		keys = append(keys, k)
	}
	for k := range y {
		if _, ok := x[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		if reflect.DeepEqual(x[k], y[k]) || (storedVolatile[k] && k != "ClientSecret") != dates {
			continue
		}
		v, ok := x[k]
		switch {
		case !ok:
			parts = append(parts, k+" absent")
		case k == "ClientSecret":
			parts = append(parts, k+" = <secret>") // never a piece of it
		case storedVolatile[k]:
			parts = append(parts, k+" = <date>")
		default:
			parts = append(parts, k+" = "+short(v))
		}
	}
	return strings.Join(parts, "; ")
}

func describeAfterUpdate(ctx context.Context, rs *runState, es *envState, c *Case) error {
	c.Input = "a valid update setting 16 members, then DescribeUserPoolClient"
	ex, err := rs.update(ctx, es, c, richBody(rs.c.Model, "cognito-contract-stateful"))
	if err != nil || ex.Status != 200 {
		return err
	}
	got, err := rs.describe(ctx, es)
	if err != nil {
		return err
	}
	sameClient(c, "stateful", "describe-after-update", clientOf(ex.Body), got, es.scrub)
	return nil
}

func fullReplace(ctx context.Context, rs *runState, es *envState, c *Case) error {
	c.Input = "a valid update setting 16 members, then an update sending only ClientName"
	if _, err := rs.update(ctx, es, c, richBody(rs.c.Model, "cognito-contract-rich")); err != nil {
		return err
	}
	minimal := baseBody()
	minimal["ClientName"] = "cognito-contract-minimal"
	ex, err := rs.update(ctx, es, c, minimal) // CheckResponse sees Before: reset-to-default
	if err != nil || ex.Status != 200 {
		return err
	}
	got, err := rs.describe(ctx, es)
	if err != nil {
		return err
	}
	sameClient(c, "stateful", "describe-after-full-replace", clientOf(ex.Body), got, es.scrub)
	return nil
}

func invariantsAcrossUpdates(ctx context.Context, rs *runState, es *envState, c *Case) error {
	c.Input = "four valid updates of the same client"
	var first map[string]any
	lastModified := 0.0
	for i := 1; i <= 4; i++ {
		body := baseBody()
		body["ClientName"] = fmt.Sprintf("cognito-contract-%d", i)
		ex, err := rs.update(ctx, es, c, body)
		if err != nil || ex.Status != 200 {
			return err
		}
		var cl map[string]any
		_ = json.Unmarshal(clientOf(ex.Body), &cl)
		if first == nil {
			first = cl
		}
		for _, k := range []string{"ClientId", "UserPoolId", "CreationDate", "ClientSecret"} {
			if !reflect.DeepEqual(first[k], cl[k]) {
				c.Violations = append(c.Violations, Violation{Check: string(contracts.CheckInvariant), Member: k,
					Expected: es.scrub(fmt.Sprintf("%s unchanged across updates: %v", k, first[k])),
					Actual:   es.scrub(fmt.Sprintf("update %d returned %v", i, cl[k])), Source: "R32; S1 UserPoolClientType"})
			}
		}
		if lm, ok := cl["LastModifiedDate"].(float64); ok {
			if lm < lastModified {
				c.Violations = append(c.Violations, Violation{Check: string(contracts.CheckInvariant), Member: "LastModifiedDate",
					Expected: fmt.Sprintf("not before %v", lastModified), Actual: fmt.Sprintf("update %d returned %v", i, lm), Source: "S1 UserPoolClientType"})
			}
			lastModified = lm
		}
	}
	c.Violations = dedupe(c.Violations)
	return nil
}

func rejectedUpdateChangesNothing(ctx context.Context, rs *runState, es *envState, c *Case) error {
	before, err := rs.describe(ctx, es)
	if err != nil {
		return err
	}
	bad := baseBody()
	mem, _ := rs.c.Operation.Input.MemberNamed("ClientName")
	max, _ := mem.Effective().Length.MaxInt()
	bad["ClientName"] = sized("", int(max)+1, "a")
	c.Input = describe("ClientName", bad["ClientName"])
	if _, err := rs.update(ctx, es, c, bad); err != nil {
		return err
	}
	after, err := rs.describe(ctx, es)
	if err != nil {
		return err
	}
	sameClient(c, "stateful", "rejected-update-changes-nothing", before, after, es.scrub)
	return nil
}

// clientOf returns the UserPoolClient member of a response body.
func clientOf(body []byte) json.RawMessage {
	var out struct{ UserPoolClient json.RawMessage }
	_ = json.Unmarshal(body, &out)
	return out.UserPoolClient
}
