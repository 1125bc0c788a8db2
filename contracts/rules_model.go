package contracts

import (
	"fmt"
	"strings"
)

// ruleModel is what the semantic rules read from a Contract's model, computed once in New so
// that a newer model (LoadModelFile, --model) moves the rules with the constraints.
type ruleModel struct {
	// tokenLimits are R13's windows: upper bounds from the model's token validity ranges.
	tokenLimits []tokenLimit
	// legacyFlows are R17's ExplicitAuthFlowsType values that do not start with ALLOW_.
	legacyFlows []string
}

// newRuleModel reads the rules' model facts; an error names the shape and what is missing.
func newRuleModel(m *Model) (*ruleModel, error) {
	rm := &ruleModel{}
	// R13: the lower bounds are documentation (S1 TokenValidityUnitsType member docs, S8:
	// "five minutes", "60 minutes"); the upper bounds "one day" and "10 years" are the
	// model's ranges, which "are displayed in seconds" (S1 member docs).
	for _, l := range []struct {
		member, unitMember, defaultUnit, shape string
		min                                    int64
	}{
		{"RefreshTokenValidity", "RefreshToken", "days", "RefreshTokenValidityType", 60 * 60},
		{"AccessTokenValidity", "AccessToken", "hours", "AccessTokenValidityType", 5 * 60},
		{"IdTokenValidity", "IdToken", "hours", "IdTokenValidityType", 5 * 60},
	} {
		max, err := modelMax(m, l.shape)
		if err != nil {
			return nil, fmt.Errorf("rule R13: %w", err)
		}
		rm.tokenLimits = append(rm.tokenLimits, tokenLimit{l.member, l.unitMember, l.defaultUnit, l.min, max})
	}
	// R17 (S1 ExplicitAuthFlows doc): the legacy values are those without the ALLOW_ prefix.
	s, ok := m.Shape("ExplicitAuthFlowsType")
	if !ok {
		return nil, fmt.Errorf("rule R17: the model has no shape ExplicitAuthFlowsType")
	}
	if len(s.EnumValues) == 0 {
		return nil, fmt.Errorf("rule R17: shape ExplicitAuthFlowsType has no enum values")
	}
	for _, v := range s.EnumValues {
		if !strings.HasPrefix(v, allowPrefix) {
			rm.legacyFlows = append(rm.legacyFlows, v)
		}
	}
	return rm, nil
}

// modelMax is the @range max of an integer shape.
func modelMax(m *Model, shape string) (int64, error) {
	s, ok := m.Shape(shape)
	if !ok {
		return 0, fmt.Errorf("the model has no shape %s", shape)
	}
	max, ok := s.Range.MaxInt()
	if !ok {
		return 0, fmt.Errorf("shape %s has no @range max", shape)
	}
	return max, nil
}

// model is the rule facts of the Contract the Request was parsed by; a Request built by hand
// uses the embedded model's.
func (r *Request) model() *ruleModel {
	if r.rm != nil {
		return r.rm
	}
	return UpdateUserPoolClient.rules
}
