package runner

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// modelConstraintRules restate model traits (@required, @length, @pattern, enums): the
// boundary cases cover them, labelled with the model shape rather than the rule id.
var modelConstraintRules = map[string]bool{"R2": true, "R4": true, "R27": true}

var ruleID = regexp.MustCompile(`^R[0-9]+ `)

var idPattern = regexp.MustCompile(`^[A-Z][A-Za-z.]*/[a-z0-9][a-z0-9-]*$`)

func TestGenerateIDsAndCoverage(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	specs := Generate(contracts.UpdateUserPoolClient)
	seen := map[string]bool{}
	members := map[string]bool{}
	for _, s := range specs {
		g.Expect(s.ID).To(MatchRegexp(idPattern.String()), "ids read Member/case")
		g.Expect(seen).NotTo(HaveKey(s.ID), "ids are unique")
		seen[s.ID] = true
		members[s.Member] = true
		g.Expect(s.Rule).NotTo(BeEmpty())
		g.Expect(json.Marshal(s.Body)).NotTo(BeEmpty())
	}
	// Every input member, nested ones included, has cases.
	var walk func(prefix string, sh *contracts.Shape)
	walk = func(prefix string, sh *contracts.Shape) {
		for _, m := range sh.Members {
			path := prefix + m.Name
			g.Expect(members).To(HaveKey(path), "member %s has no case", path)
			if m.Target.Type == "structure" {
				walk(path+".", m.Target)
			}
		}
	}
	walk("", contracts.UpdateUserPoolClient.Operation.Input)
	// The boundaries the model states, read from it.
	for _, id := range []string{"ClientName/empty", "ClientName/min-length", "ClientName/max-length", "ClientName/too-long",
		"CallbackURLs/max-items", "CallbackURLs/too-many-items", "CallbackURLs/item-max-length-multibyte",
		"AuthSessionValidity/below-min", "AuthSessionValidity/above-max", "AllowedOAuthFlows/item-enum-client-credentials",
		"PreventUserExistenceErrors/enum-near-miss", "RefreshTokenRotation.Feature/missing", "UserPoolId/missing"} {
		g.Expect(seen).To(HaveKey(id))
	}
	name, _ := contracts.UpdateUserPoolClient.Operation.Input.MemberNamed("ClientName")
	max, _ := name.Effective().Length.MaxInt()
	for _, s := range specs {
		if s.ID == "ClientName/too-long" {
			g.Expect(runeLen(s.Body["ClientName"].(string))).To(Equal(int(max) + 1))
		}
	}
}

// TestEveryRequestRuleBothSides: for every request-side rule with a code, the suite holds a
// case the contract predicts to break it and a case of the same member predicted to pass.
func TestEveryRequestRuleBothSides(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ctx := context.Background()
	tg := target.NewInProcess(emulator.New(), target.Options{})
	c := contracts.UpdateUserPoolClient
	rs := &runState{o: Options{Target: tg}, c: c, t: tg, envs: map[string]*envState{}, report: &Report{}}
	defer rs.cleanup(ctx)
	broken, held := map[string]bool{}, map[string]bool{}
	for _, s := range Generate(c) {
		if !ruleID.MatchString(s.Rule) {
			continue
		}
		id := strings.Fields(s.Rule)[0]
		es := rs.env(ctx, s.Setup)
		g.Expect(es.err).NotTo(HaveOccurred())
		body := substitute(s.Body, es.env.Placeholders())
		p := c.Predict(body, rs.stateFor(es, body))
		breaks := false
		for _, v := range p.Violations {
			breaks = breaks || v.Rule == id
		}
		if breaks {
			broken[id] = true
		} else {
			held[id] = true
		}
	}
	for _, r := range contracts.Rules() {
		if r.Enforced != "request" || r.Code == "" || modelConstraintRules[r.ID] {
			continue
		}
		g.Expect(broken).To(HaveKey(r.ID), "a case breaks %s", r.ID)
		g.Expect(held).To(HaveKey(r.ID), "a case keeps %s", r.ID)
	}
}
