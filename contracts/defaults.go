package contracts

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// defaultKind says what an omitted request member becomes after an update (R1: "If you don't
// provide a value for an attribute, Amazon Cognito sets it to its default value").
type defaultKind int

const (
	// defaultAbsent: the member comes back absent (an empty list is taken as absent too:
	// the service has nothing to store for it).
	defaultAbsent defaultKind = iota
	// defaultValue: Apply stores Value; the check accepts absence, Value or one of Also.
	defaultValue
	// defaultKeep: Apply keeps the current value; the check accepts absence or the value
	// before the update.
	defaultKeep
	// defaultDuration: a token validity, compared as value × unit (Value in DefaultUnit).
	defaultDuration
	// defaultUnasserted: Apply stores Value (the emulator's choice); the check says nothing.
	defaultUnasserted
)

// memberDefault is one row of the defaults table, used by Apply (what to store) and by
// CheckResponse (what an omitted member may come back as).
type memberDefault struct {
	// Member is the model path in the request and in UserPoolClientType. A nested path
	// ("RefreshTokenRotation.RetryGracePeriodSeconds") applies when its parent was sent.
	Member string
	Kind   defaultKind
	// Value is what Apply stores when the member is omitted (nil: nothing).
	Value json.RawMessage
	// Also are further values the check accepts for an omitted member.
	Also []json.RawMessage
	// Unit is the TokenValidityUnits member of a duration; DefaultUnit its documented
	// default unit.
	Unit, DefaultUnit string
	Source            string
}

var defaultsCache sync.Map // *Contract -> []memberDefault

// defaults returns the contract's defaults table, built once per contract.
func (c *Contract) defaults() []memberDefault {
	if t, ok := defaultsCache.Load(c); ok {
		return t.([]memberDefault)
	}
	t, _ := defaultsCache.LoadOrStore(c, buildDefaults(c))
	return t.([]memberDefault)
}

// modelDefault reads a member's @default trait from the model (never typed by hand).
func modelDefault(s *Shape, path ...string) json.RawMessage {
	for i, name := range path {
		mem, ok := s.MemberNamed(name)
		if !ok {
			return nil
		}
		if i == len(path)-1 {
			if e := mem.Effective(); e.HasDefault && string(e.Default) != "null" {
				return e.Default
			}
			return nil
		}
		s = mem.Target
	}
	return nil
}

func rawJSON(s string) json.RawMessage { return json.RawMessage(s) }

// buildDefaults is THE defaults table. Each row carries its source.
func buildDefaults(c *Contract) []memberDefault {
	in := c.Operation.Input
	return []memberDefault{
		// No documented default; CreateUserPoolClient requires a name (S1 @required), so an
		// update naming none keeps the name (emulator's choice; the check also accepts absence).
		{Member: "ClientName", Kind: defaultKeep, Source: "R1; no documented default, CreateUserPoolClient requires ClientName (S1)"},
		// R14: "If you do, Amazon Cognito overrides the value with the default value of 30 days."
		{Member: "RefreshTokenValidity", Kind: defaultDuration, Value: rawJSON("30"), Unit: "RefreshToken", DefaultUnit: "days",
			Source: "R14: S1 RefreshTokenValidity doc (default 30 days, unit days)"},
		// R14: default access/ID validity one hour; R13: default unit hours.
		{Member: "AccessTokenValidity", Kind: defaultDuration, Value: rawJSON("1"), Unit: "AccessToken", DefaultUnit: "hours",
			Source: "R14/R13: S1 AccessTokenValidity doc, TokenValidityUnitsType doc (one hour, unit hours)"},
		{Member: "IdTokenValidity", Kind: defaultDuration, Value: rawJSON("1"), Unit: "IdToken", DefaultUnit: "hours",
			Source: "R14/R13: S1 IdTokenValidity doc, TokenValidityUnitsType doc (one hour, unit hours)"},
		// Checked through the three durations above; Apply fills the documented default units.
		{Member: "TokenValidityUnits", Kind: defaultUnasserted, Source: "R13: checked as value × unit"},
		// R23: "the response only contains ReadAttributes if a custom set was specified".
		{Member: "ReadAttributes", Kind: defaultAbsent, Source: "R23: S1 ReadAttributes doc"},
		{Member: "WriteAttributes", Kind: defaultAbsent, Source: "R23: S1 WriteAttributes doc"},
		// R18: unspecified means ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH;
		// Apply leaves it absent, the check also accepts that set.
		{Member: "ExplicitAuthFlows", Kind: defaultAbsent, Also: []json.RawMessage{r18Flows(c)},
			Source: "R18: S1 ExplicitAuthFlows doc"},
		{Member: "SupportedIdentityProviders", Kind: defaultAbsent, Source: "R1: no documented default"},
		{Member: "CallbackURLs", Kind: defaultAbsent, Source: "R1: no documented default"},
		{Member: "LogoutURLs", Kind: defaultAbsent, Source: "R1: no documented default"},
		{Member: "DefaultRedirectURI", Kind: defaultAbsent, Source: "R1: no documented default"},
		{Member: "AllowedOAuthFlows", Kind: defaultAbsent, Source: "R1: no documented default"},
		{Member: "AllowedOAuthScopes", Kind: defaultAbsent, Source: "R1: no documented default"},
		// R7 / S1 request member @default(false): "if not set … it defaults to false".
		{Member: "AllowedOAuthFlowsUserPoolClient", Kind: defaultValue, Value: modelDefault(in, "AllowedOAuthFlowsUserPoolClient"),
			Source: "R7: S1 UpdateUserPoolClientRequest.AllowedOAuthFlowsUserPoolClient @default"},
		{Member: "AnalyticsConfiguration", Kind: defaultAbsent, Source: "R1: no documented default"},
		// S1 AnalyticsConfigurationType.UserDataShared @default(false), when the parent is sent.
		{Member: "AnalyticsConfiguration.UserDataShared", Kind: defaultValue,
			Value: modelDefault(in, "AnalyticsConfiguration", "UserDataShared"), Source: "S1 UserDataShared @default"},
		// OB-31: API-created clients come back with no value; R25: behaves as LEGACY.
		{Member: "PreventUserExistenceErrors", Kind: defaultAbsent, Also: []json.RawMessage{enumJSON(c, "PreventUserExistenceErrorTypes", "LEGACY")},
			Source: "R25: S1 doc \"Defaults to LEGACY\"; OB-31 absent"},
		// R26: the doc does not say what omission on Update resets it to. The emulator's choice
		// is the create default (activated, R26 "token revocation is activated by default");
		// the check never asserts it.
		{Member: "EnableTokenRevocation", Kind: defaultUnasserted, Value: rawJSON("true"),
			Source: "R26: not documented for Update; emulator keeps the create default"},
		// S1 doc: "If you don't include this parameter, you can't send the source IP address".
		{Member: "EnablePropagateAdditionalUserContextData", Kind: defaultAbsent, Also: []json.RawMessage{rawJSON("false")},
			Source: "R16: S1 EnablePropagateAdditionalUserContextData doc (off when omitted)"},
		// R15 / OB-31: observed default 3 minutes (the model's lower bound; the number is doc text).
		{Member: "AuthSessionValidity", Kind: defaultValue, Value: rawJSON("3"), Source: "R15: AWS change note 2022-09-02; OB-31"},
		// Not documented; DISABLED is the feature's off state, accepted besides absence.
		{Member: "RefreshTokenRotation", Kind: defaultAbsent, Also: []json.RawMessage{rotationDisabled(c)},
			Source: "R1: no documented default"},
		// R22 / OB-32: RetryGracePeriodSeconds omitted is returned as 0.
		{Member: "RefreshTokenRotation.RetryGracePeriodSeconds", Kind: defaultValue, Value: rawJSON("0"), Source: "R22: OB-32"},
	}
}

// enumJSON returns an enum value as JSON after checking the model has it, so a model release
// that renames it shows up as a missing default rather than a silent mismatch.
func enumJSON(c *Contract, shape, value string) json.RawMessage {
	s, ok := c.Model.Shape(shape)
	if !ok {
		return nil
	}
	for _, v := range s.EnumValues {
		if v == value {
			b, _ := json.Marshal(v)
			return b
		}
	}
	return nil
}

// r18Flows is the set R18 names for an unspecified ExplicitAuthFlows.
func r18Flows(c *Contract) json.RawMessage {
	var vals []string
	for _, v := range []string{"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"} {
		if enumJSON(c, "ExplicitAuthFlowsType", v) != nil {
			vals = append(vals, v)
		}
	}
	b, _ := json.Marshal(vals)
	return b
}

func rotationDisabled(c *Contract) json.RawMessage {
	v := enumJSON(c, "FeatureType", "DISABLED")
	if v == nil {
		return nil
	}
	return rawJSON(fmt.Sprintf(`{"Feature":%s,"RetryGracePeriodSeconds":0}`, v))
}

// defaultFor returns the table row of a member path.
func (c *Contract) defaultFor(member string) (memberDefault, bool) {
	if d := c.applyPlan().byPath[member]; d != nil {
		return *d, true
	}
	return memberDefault{}, false
}

// unitSeconds converts a TimeUnitsType value to seconds (R13: token durations are value × unit).
// What a unit means is not in the model, so the table is typed; checkTimeUnits makes a model
// whose TimeUnitsType lists a value the table lacks fail to load instead of counting it as 0 s.
var unitSeconds = map[string]float64{"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}

// unitNames are unitSeconds' keys, shortest first, for error messages.
var unitNames = []string{"seconds", "minutes", "hours", "days"}

// checkTimeUnits checks that every value of the model's time unit enum (the targets of
// UpdateUserPoolClientRequest.TokenValidityUnits' members, TimeUnitsType in S1) has a length in
// unitSeconds; the error names the value, its shape and the values the table knows. contracts.New
// calls it, so R13, Apply and the echo check never see a unit they cannot convert.
func checkTimeUnits(m *Model) error {
	op, err := m.Operation("UpdateUserPoolClient")
	if err != nil {
		return err
	}
	tv, ok := op.Input.MemberNamed("TokenValidityUnits")
	if !ok || tv.Target == nil || len(tv.Target.Members) == 0 {
		return fmt.Errorf("rule R13: the model's %s has no TokenValidityUnits structure", op.Input.Name)
	}
	for _, mem := range tv.Target.Members {
		s := mem.Target
		if s == nil || len(s.EnumValues) == 0 {
			return fmt.Errorf("rule R13: TokenValidityUnits.%s is not an enum of time units", mem.Name)
		}
		for _, v := range s.EnumValues {
			if _, ok := unitSeconds[v]; !ok {
				return fmt.Errorf("rule R13: the model's %s has the value %q, whose length in seconds is unknown (known: %s); "+
					"add it to contracts/defaults.go unitSeconds", s.Name, v, strings.Join(unitNames, ", "))
			}
		}
	}
	return nil
}

// unitInSeconds is the checked accessor of unitSeconds: the length of a TimeUnitsType value,
// or an error naming it. With checkTimeUnits run by New, every value the model lists converts;
// a value it does not list is a request fault Validate reports (enum), and the error says so.
func unitInSeconds(unit string) (float64, error) {
	if n, ok := unitSeconds[unit]; ok {
		return n, nil
	}
	return 0, fmt.Errorf("time unit %q is not a TimeUnitsType value (known: %s)", unit, strings.Join(unitNames, ", "))
}

// validityDuration is a token validity as a duration in seconds: value × unit, with the
// documented default unit when none is given. An unknown unit is an error, never 0 s: a caller
// must report it (or rely on Validate having refused the request's enum value and say so).
func validityDuration(value float64, unit, defaultUnit string) (float64, error) {
	if unit == "" {
		unit = defaultUnit
	}
	n, err := unitInSeconds(unit)
	if err != nil {
		return 0, err
	}
	return value * n, nil
}
