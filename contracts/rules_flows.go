package contracts

import "strings"

// Values of ExplicitAuthFlowsType and FeatureType the rules name (S1 §4).
const (
	allowPrefix           = "ALLOW_"
	allowRefreshTokenAuth = "ALLOW_REFRESH_TOKEN_AUTH"
	allowUserAuth         = "ALLOW_USER_AUTH"
	featureEnabled        = "ENABLED"
	tierLite              = "LITE"
)

func hasAllowFlow(flows []string) bool {
	for _, f := range flows {
		if strings.HasPrefix(f, allowPrefix) {
			return true
		}
	}
	return false
}

func rotationEnabled(r *Request) bool {
	return r.RefreshTokenRotation != nil && r.RefreshTokenRotation.Feature == featureEnabled
}

// ruleR16PropagateNeedsSecret (R16; S1 EnablePropagateAdditionalUserContextData doc: "You can
// only activate EnablePropagateAdditionalUserContextData in an app client that has a client
// secret."). Message never observed.
func ruleR16PropagateNeedsSecret(r *Request, st State) *Violation {
	if st.Client == nil || st.Client.HasSecret || r.EnablePropagateAdditionalUserContextData == nil || !*r.EnablePropagateAdditionalUserContextData {
		return nil
	}
	return ruleViolation("R16", "EnablePropagateAdditionalUserContextData", codeInvalidParameter, "", "activated on an app client without a client secret")
}

// ruleR17LegacyFlowsAlone (R17; S1 ExplicitAuthFlows doc: "You can't assign these legacy
// ExplicitAuthFlows values to user pool clients at the same time as values that begin with
// ALLOW_"). Message never observed.
func ruleR17LegacyFlowsAlone(r *Request, _ State) *Violation {
	if !hasAllowFlow(r.ExplicitAuthFlows) {
		return nil
	}
	for _, f := range r.ExplicitAuthFlows {
		if contains(r.model().legacyFlows, f) {
			return ruleViolation("R17", "ExplicitAuthFlows", codeInvalidParameter, "", "legacy value "+f+" mixed with ALLOW_ values")
		}
	}
	return nil
}

// ruleR19UserAuthNeedsEssentials (R19; S1 ExplicitAuthFlows doc since 2025-03-03: "your user
// pool must be in the Essentials tier or higher"). An empty tier is taken as ESSENTIALS,
// the service's default for new pools since 2024-11 (assumption: the State leaves the tier
// unset when it is the pool's default). Message never observed for this case.
func ruleR19UserAuthNeedsEssentials(r *Request, st State) *Violation {
	if st.Pool == nil || st.Pool.Tier != tierLite || !contains(r.ExplicitAuthFlows, allowUserAuth) {
		return nil
	}
	return ruleViolation("R19", "ExplicitAuthFlows", codeTier, "", "ALLOW_USER_AUTH on a LITE pool")
}

// ruleR21RotationExcludesRefreshAuth (R21; S7: "To implement refresh token rotation, you must
// disable this authentication flow in your app client"). Message never observed (OB-33 is
// truncated).
func ruleR21RotationExcludesRefreshAuth(r *Request, _ State) *Violation {
	if !rotationEnabled(r) || !contains(r.ExplicitAuthFlows, allowRefreshTokenAuth) {
		return nil
	}
	return ruleViolation("R21", "RefreshTokenRotation.Feature", codeInvalidParameter, "", "rotation ENABLED with ALLOW_REFRESH_TOKEN_AUTH listed")
}
