package fuzz

import (
	"fmt"
	"strings"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// Values the semantic rules name. They are rule vocabulary, not limits: NewGenerator checks
// each against the model's enum and fails if a model release drops one.
const (
	flowClientCredentials = "client_credentials"       // R8, R9, R10 (OAuthFlowType)
	authFlowRefreshToken  = "ALLOW_REFRESH_TOKEN_AUTH" // R20, R21 (ExplicitAuthFlowsType)
	authFlowUserAuth      = "ALLOW_USER_AUTH"          // R19 (ExplicitAuthFlowsType)
	allowPrefix           = "ALLOW_"                   // R17: legacy values are the ones without it
	featureEnabled        = "ENABLED"                  // R21 (FeatureType)
	tierLite              = "LITE"                     // R19: the tier below Essentials
	providerCognito       = "COGNITO"                  // R24 (S1 SupportedIdentityProviders doc)
)

// standardScopes are the scopes Cognito defines (R12; S1 AllowedOAuthScopes doc: "phone,
// email, openid, and profile ... aws.cognito.signin.user.admin"); openid is the one R10's
// observed message names (OB-11).
var standardScopes = []string{"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"}

// R13 windows, in seconds (S1 TokenValidityUnitsType member docs; S8): access and ID tokens
// "five minutes to one day", refresh token "60 minutes to 10 years". The upper ends equal the
// model's raw ranges (displayed in seconds), so they are read from the model.
const (
	minAccessSeconds  = 5 * 60
	minRefreshSeconds = 60 * 60
)

// unitSeconds converts TimeUnitsType values to seconds (definitions of the units).
var unitSeconds = map[string]int64{"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}

// exampleARN is a valid ArnType value (a role ARN in the null account, never a real one),
// checked against the model's pattern in NewGenerator.
const exampleARN = "arn:aws:iam::000000000000:role/cognito-contract-fuzz"

// token is one token validity member with its unit member and R13 window.
type token struct {
	value, unit, defaultUnit string
	min, max                 int64 // seconds
	// m is the token's input member (nil: the model has none) and raw the draw of its model
	// range; inDefault and inUnits are its valid draws in the default unit and in each of
	// valueSets.units (tokenDraw's). listSets resolves them once instead of per draw.
	m         *contracts.Member
	raw       intDraw
	inDefault tokenWindow
	inUnits   []tokenWindow
}

// tokenWindow is a token's draw of valid values in one unit; ok is false when none exists.
type tokenWindow struct {
	d  intDraw
	ok bool
	// edges are the values intDraw.fill draws at the window's edges (lo, hi, lo+1, hi-1 within
	// it), boxed once in boxes: four draws in five are one of them (box).
	edges [4]int64
	boxes [4]any
}

// newTokenWindow returns the window of the draw d (ok: one exists), its edges boxed.
func newTokenWindow(d intDraw, ok bool) tokenWindow {
	w := tokenWindow{d: d, ok: ok, edges: [4]int64{d.lo, d.hi, min(d.lo+1, d.hi), max(d.hi-1, d.lo)}}
	for i, e := range w.edges {
		w.boxes[i] = e
	}
	return w
}

// box returns v, a value of the window's draw, as a JSON value: its box made once when v is
// at an edge, otherwise boxed now (runtime.convT64 allocates for a value of 256 or more).
func (w *tokenWindow) box(v int64) any {
	for i, e := range w.edges {
		if v == e {
			return w.boxes[i]
		}
	}
	return v
}

// windows resolves t's member and draws (token's m, raw, inDefault, inUnits) for the units.
func (t *token) windows(g *Generator, units []string) {
	m, ok := g.input.MemberNamed(t.value)
	if !ok {
		return
	}
	t.m, t.raw = m, newIntDraw(m.Effective(), valid)
	t.inDefault = newTokenWindow(g.tokenDraw(m, *t, t.defaultUnit))
	t.inUnits = make([]tokenWindow, len(units))
	for i, u := range units {
		t.inUnits[i] = newTokenWindow(g.tokenDraw(m, *t, u))
	}
}

func (g *Generator) tokens() []token {
	return []token{
		{value: "AccessTokenValidity", unit: "AccessToken", defaultUnit: "hours", // R13 default unit hours
			min: minAccessSeconds, max: g.rangeMax("AccessTokenValidity")},
		{value: "IdTokenValidity", unit: "IdToken", defaultUnit: "hours", // R13 default unit hours
			min: minAccessSeconds, max: g.rangeMax("IdTokenValidity")},
		{value: "RefreshTokenValidity", unit: "RefreshToken", defaultUnit: "days", // R13 default unit days
			min: minRefreshSeconds, max: g.rangeMax("RefreshTokenValidity")},
	}
}

func (g *Generator) rangeMax(member string) int64 {
	m, ok := g.input.MemberNamed(member)
	if !ok {
		return 0
	}
	v, _ := m.Effective().Range.MaxInt()
	return v
}

// enumOf returns the enum values of an input member's target, or of its list member.
func (g *Generator) enumOf(member string) []string {
	m, ok := g.input.MemberNamed(member)
	if !ok {
		return nil
	}
	if m.Target.Member != nil {
		return m.Target.Member.Target.EnumValues
	}
	return m.Target.EnumValues
}

// checkNames fails when a value the rules name is missing from the model.
func (g *Generator) checkNames() error {
	for _, c := range []struct{ member, value string }{
		{"AllowedOAuthFlows", flowClientCredentials},
		{"ExplicitAuthFlows", authFlowRefreshToken},
		{"ExplicitAuthFlows", authFlowUserAuth},
	} {
		if !contains(g.enumOf(c.member), c.value) {
			return fmt.Errorf("fuzz: model: %s has no enum value %q (named by the rules)", c.member, c.value)
		}
	}
	if rt, ok := g.input.MemberNamed("RefreshTokenRotation"); ok {
		if f, ok := rt.Target.MemberNamed("Feature"); ok && !contains(f.Target.EnumValues, featureEnabled) {
			return fmt.Errorf("fuzz: model: RefreshTokenRotation.Feature has no enum value %q (R21)", featureEnabled)
		}
	}
	if s, ok := g.contract.Model.Shape("ArnType"); ok && s.Regexp() != nil && !s.Regexp().MatchString(exampleARN) {
		return fmt.Errorf("fuzz: model: example ARN %q does not match ArnType's pattern %s", exampleARN, s.Pattern)
	}
	return nil
}

// example is a valid value of a string shape whose pattern is structured (not one character
// class repeated): the provisioned ids, an ARN.
func (g *Generator) example(s *contracts.Shape) string {
	switch {
	case strings.HasPrefix(s.Name, "UserPoolId"):
		return g.states[0].Pool.ID
	case strings.HasPrefix(s.Name, "ClientId"):
		return g.states[0].Client.ID
	case strings.HasPrefix(s.Name, "Arn"):
		return exampleARN
	}
	return ""
}
