package fuzz

import (
	"strings"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// ruleBreak breaks one semantic rule of contract-facts §6 in an otherwise valid request. It
// returns false when the state cannot host the break (R9 needs a client without a secret).
type ruleBreak struct {
	id   string // "AllowedOAuthFlows/client-credentials-mixed"
	rule string // "R8"
	fn   func(g *Generator, r rnd, st int, req map[string]any) bool
}

// ruleBreaks are the breaks of the rules the contract enforces on the request
// (contracts.Rule.Enforced "request"); the expected code comes from Predict. A rule the
// contract lists without enforcing it (R20, observed only in 2020) predicts 200: breaking it
// makes no negative case.
var ruleBreaks = enforcedBreaks(allRuleBreaks)

func enforcedBreaks(all []ruleBreak) []ruleBreak {
	enforced := map[string]bool{}
	for _, r := range contracts.Rules() {
		enforced[r.ID] = r.Enforced == "request"
	}
	var out []ruleBreak
	for _, b := range all {
		if enforced[b.rule] {
			out = append(out, b)
		}
	}
	return out
}

// allRuleBreaks: one entry per rule the request can break.
var allRuleBreaks = []ruleBreak{
	{"UserPoolId/unknown-pool", "R3", func(g *Generator, r rnd, st int, req map[string]any) bool {
		req["UserPoolId"] = otherID(g.states[st].Pool.ID)
		return true
	}},
	{"ClientId/unknown-client", "R3", func(g *Generator, r rnd, st int, req map[string]any) bool {
		req["ClientId"] = otherID(g.states[st].Client.ID)
		return true
	}},
	{"CallbackURLs/http", "R5", func(g *Generator, r rnd, st int, req map[string]any) bool {
		return g.userOAuth(r, st, req, "http://cb.example.com/callback")
	}},
	{"CallbackURLs/fragment", "R5", func(g *Generator, r rnd, st int, req map[string]any) bool {
		return g.userOAuth(r, st, req, "https://cb.example.com/callback#fragment")
	}},
	{"DefaultRedirectURI/not-in-callbacks", "R6", func(g *Generator, r rnd, st int, req map[string]any) bool {
		ok := g.userOAuth(r, st, req, "")
		req["DefaultRedirectURI"] = "https://elsewhere.example.com/"
		return ok
	}},
	{"AllowedOAuthFlowsUserPoolClient/missing", "R7", func(g *Generator, r rnd, st int, req map[string]any) bool {
		ok := g.userOAuth(r, st, req, "")
		delete(req, "AllowedOAuthFlowsUserPoolClient")
		return ok
	}},
	{"AllowedOAuthFlows/client-credentials-mixed", "R8", func(g *Generator, r rnd, st int, req map[string]any) bool {
		ok := g.userOAuth(r, st, req, "")
		req["AllowedOAuthScopes"] = pick(r, g.sets.states[st].custom, 1) // keep R10 out
		req["AllowedOAuthFlows"] = append(req["AllowedOAuthFlows"].([]any), flowClientCredentials)
		return ok && g.states[st].Client.HasSecret && len(g.sets.states[st].custom) > 0
	}},
	{"AllowedOAuthFlows/client-credentials-no-secret", "R9", func(g *Generator, r rnd, st int, req map[string]any) bool {
		g.clientCredentials(r, st, req)
		return !g.states[st].Client.HasSecret && len(g.sets.states[st].custom) > 0
	}},
	{"AllowedOAuthScopes/standard-with-client-credentials", "R10", func(g *Generator, r rnd, st int, req map[string]any) bool {
		g.clientCredentials(r, st, req)
		req["AllowedOAuthScopes"] = append(req["AllowedOAuthScopes"].([]any), standardScopes[r.Intn(len(standardScopes))])
		return g.states[st].Client.HasSecret && len(g.sets.states[st].custom) > 0
	}},
	{"CallbackURLs/empty-with-code", "R11", func(g *Generator, r rnd, st int, req map[string]any) bool {
		ok := g.userOAuth(r, st, req, "")
		delete(req, "DefaultRedirectURI")
		if r.Intn(2) == 0 {
			req["CallbackURLs"] = []any{}
		} else {
			delete(req, "CallbackURLs")
		}
		return ok
	}},
	{"AllowedOAuthScopes/unknown", "R12", func(g *Generator, r rnd, st int, req map[string]any) bool {
		ok := g.userOAuth(r, st, req, "")
		req["AllowedOAuthScopes"] = []any{"unknown-server/unknown-scope"}
		return ok
	}},
	{"AccessTokenValidity/out-of-window", "R13", tokenBreak(0)},
	{"IdTokenValidity/out-of-window", "R13", tokenBreak(1)},
	{"RefreshTokenValidity/out-of-window", "R13", tokenBreak(2)},
	{"EnablePropagateAdditionalUserContextData/no-secret", "R16", func(g *Generator, r rnd, st int, req map[string]any) bool {
		req["EnablePropagateAdditionalUserContextData"] = true
		return !g.states[st].Client.HasSecret
	}},
	{"ExplicitAuthFlows/legacy-mixed", "R17", func(g *Generator, r rnd, st int, req map[string]any) bool {
		req["ExplicitAuthFlows"] = append(pick(r, g.sets.legacy, 1), authFlowRefreshToken)
		return len(g.sets.legacy) > 0
	}},
	{"ExplicitAuthFlows/user-auth-lite", "R19", func(g *Generator, r rnd, st int, req map[string]any) bool {
		req["ExplicitAuthFlows"] = []any{authFlowUserAuth, authFlowRefreshToken}
		return g.states[st].Pool.Tier == tierLite
	}},
	{"ExplicitAuthFlows/no-refresh-token-auth", "R20", func(g *Generator, r rnd, st int, req map[string]any) bool {
		req["ExplicitAuthFlows"] = pick(r, g.sets.allow, 1)
		return len(g.sets.allow) > 0
	}},
	{"RefreshTokenRotation/with-refresh-token-auth", "R21", func(g *Generator, r rnd, st int, req map[string]any) bool {
		req["RefreshTokenRotation"] = map[string]any{"Feature": featureEnabled}
		req["ExplicitAuthFlows"] = []any{authFlowRefreshToken}
		return true
	}},
	{"ReadAttributes/unknown", "R23", func(g *Generator, r rnd, st int, req map[string]any) bool {
		req["ReadAttributes"] = append(pick(r, g.sets.states[st].attributes, 0), "custom:not-in-schema")
		return g.states[st].Pool.Attributes != nil
	}},
	{"WriteAttributes/unknown", "R23", func(g *Generator, r rnd, st int, req map[string]any) bool {
		req["WriteAttributes"] = append(pick(r, g.sets.states[st].attributes, 0), "custom:not-in-schema")
		return g.states[st].Pool.Attributes != nil
	}},
	{"SupportedIdentityProviders/unknown", "R24", func(g *Generator, r rnd, st int, req map[string]any) bool {
		req["SupportedIdentityProviders"] = []any{providerCognito, "NotConfiguredIdP"}
		return !contains(g.states[st].Pool.IdentityProviders, "NotConfiguredIdP")
	}},
}

// breakRule draws a rule break that the state can host.
func (g *Generator) breakRule(r rnd, st int) (Case, bool) {
	for try := 0; try < 8; try++ {
		b := ruleBreaks[r.Intn(len(ruleBreaks))]
		req := g.base(st)
		if b.fn(g, r, st, req) {
			member, _, _ := strings.Cut(b.id, "/")
			return Case{ID: b.id, Member: member, Rule: b.rule, Request: req}, true
		}
	}
	return Case{}, false
}

// userOAuth sets a valid code/implicit configuration (R5-R12 kept); a non-empty callback
// replaces one of its callback URLs.
func (g *Generator) userOAuth(r rnd, st int, req map[string]any, callback string) bool {
	user := g.sets.userFlows
	req["AllowedOAuthFlowsUserPoolClient"] = true
	req["AllowedOAuthFlows"] = pick(r, user, 1)
	req["AllowedOAuthScopes"] = pick(r, g.sets.states[st].scopes, 1)
	cbs := []any{g.sets.callbacks.url.url(r, 0, true)}
	if callback != "" {
		cbs = append(cbs, callback)
	}
	req["CallbackURLs"] = cbs
	return len(user) > 0
}

// clientCredentials sets client_credentials alone with custom scopes (R8, R10 kept).
func (g *Generator) clientCredentials(r rnd, st int, req map[string]any) {
	req["AllowedOAuthFlowsUserPoolClient"] = true
	req["AllowedOAuthFlows"] = []any{flowClientCredentials}
	req["AllowedOAuthScopes"] = pick(r, g.sets.states[st].custom, 1)
}

// tokenBreak draws token i's value one step outside its R13 window in some unit, where the
// raw value still satisfies the model's range (so only the rule is broken).
func tokenBreak(i int) func(g *Generator, r rnd, st int, req map[string]any) bool {
	return func(g *Generator, r rnd, st int, req map[string]any) bool {
		t := &g.sets.tokens[i]
		if t.m == nil {
			return false
		}
		units, raw := g.sets.units, t.raw
		for try := 0; try < len(units)*2; try++ {
			unit := units[r.Intn(len(units))]
			us := unitSeconds[unit]
			candidates := []int64{(t.min+us-1)/us - 1, t.max/us + 1}
			v := candidates[r.Intn(2)]
			if v < max(raw.lo, 1) || v > raw.hi || v*us >= t.min && v*us <= t.max {
				continue
			}
			req[t.value] = v
			req["TokenValidityUnits"] = map[string]any{t.unit: unit}
			return true
		}
		return false
	}
}

// otherID returns an id of the same shape that differs in its last character.
func otherID(id string) string {
	if id == "" {
		return "x"
	}
	last := id[len(id)-1]
	repl := byte('0')
	if last == '0' {
		repl = '1'
	}
	return id[:len(id)-1] + string(repl)
}
