package contracts

// Rule is one semantic rule of contract-facts §6 (R1-R33), for reports, the fuzzer and Predict.
type Rule struct {
	ID      string // "R8"
	Summary string // what the rule says, one line
	Source  string // where it comes from: S-ids, OB-ids, URLs
	// Code is the error code when the rule is broken, "" when breaking it is not an error
	// (defaults, response matters).
	Code string
	// Message is the exact observed text (with <placeholders> where it varies), or "" when no
	// message was ever observed for this operation.
	Message string
	// Basis is "documented" (AWS model or guide text), "observed" (only seen in real responses)
	// or "unverified" (R33: do not enforce).
	Basis string
	// Enforced says where cognito-contract checks the rule: "request" (Validate, or Predict
	// from the request and State), "response" (Apply, CheckResponse), "state" (the emulator's
	// concurrency and region faults) or "none".
	Enforced string
	// Reason says why a rule is not enforced (Enforced "none"); "" for the others.
	Reason string
	// check evaluates a request-side rule; nil for the others.
	check func(*Request, State) *Violation
}

// Evaluate returns the violation of a request-side rule by a request in a state, or nil when
// the rule holds or is not decided from the request (Enforced != "request" or no check).
func (r Rule) Evaluate(req *Request, st State) *Violation { return r.eval(req, st) }

// eval is Evaluate without copying the Rule (predictRules walks the rules in place).
func (r *Rule) eval(req *Request, st State) *Violation {
	if r.check == nil || req == nil {
		return nil
	}
	return r.check(req, st)
}

// Rules returns R1-R33 in id order. Predict evaluates the request-side ones in this order.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// RuleByID returns one rule, ok=false for an unknown id.
func RuleByID(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

const (
	codeInvalidParameter  = "InvalidParameterException"
	codeInvalidOAuthFlow  = "InvalidOAuthFlowException"
	codeScopeDoesNotExist = "ScopeDoesNotExistException"
	codeNotFound          = "ResourceNotFoundException"
	codeTier              = "FeatureUnavailableInTierException"
)

var rules = []Rule{
	{ID: "R1", Summary: "Update is a full replace: an attribute not provided is set to its default", Source: "S1 operation doc; S6 token-revocation.md; OB-29, OB-30", Basis: "documented", Enforced: "response"},
	{ID: "R2", Summary: "UserPoolId and ClientId are required and match their lengths and patterns", Source: "S1 @required and traits; OB-06, OB-07", Code: codeInvalidParameter, Basis: "documented", Enforced: "request"},
	{ID: "R3", Summary: "Unknown pool or unknown client in the pool: ResourceNotFoundException", Source: "S1 ResourceNotFoundException doc; OB-13, OB-14", Code: codeNotFound, Message: "User pool <id> does not exist. | User pool client <id> does not exist.", Basis: "documented", Enforced: "request"},
	{ID: "R4", Summary: "RefreshTokenRotation.Feature is required when RefreshTokenRotation is sent", Source: "S1 @required", Code: codeInvalidParameter, Basis: "documented", Enforced: "request"},
	{ID: "R5", Summary: "CallbackURLs entries: absolute URI, no fragment, HTTPS except http on localhost, 127.0.0.1, [::1]", Source: "S1 UpdateUserPoolClientRequest.CallbackURLs and UserPoolClientType.CallbackURLs docs; S6 app-idp-settings.md; OB-10", Code: codeInvalidParameter, Message: "<url> cannot use the HTTP protocol.", Basis: "documented", Enforced: "request", check: ruleR5CallbackURLs},
	{ID: "R6", Summary: "DefaultRedirectURI must be one of CallbackURLs", Source: "S1 DefaultRedirectURI doc", Code: codeInvalidParameter, Basis: "documented", Enforced: "request", check: ruleR6DefaultRedirectInCallbacks},
	{ID: "R7", Summary: "AllowedOAuthFlowsUserPoolClient must be true to configure CallbackURLs, LogoutURLs, AllowedOAuthScopes, AllowedOAuthFlows", Source: "S1 AllowedOAuthFlowsUserPoolClient doc (since 2025-03-03)", Code: codeInvalidParameter, Basis: "documented", Enforced: "request", check: ruleR7OAuthNeedsFlag},
	{ID: "R8", Summary: "client_credentials must be the only allowed OAuth flow", Source: "S1 AllowedOAuthFlows doc (since 2024-02-01); https://github.com/aws/aws-sdk-js-v3/pull/2650", Code: codeInvalidOAuthFlow, Basis: "documented", Enforced: "request", check: ruleR8ClientCredentialsAlone},
	{ID: "R9", Summary: "client_credentials needs an app client with a client secret", Source: "S6 user-pool-settings-client-apps.md; S1 AllowedOAuthFlows doc", Code: codeInvalidOAuthFlow, Basis: "documented", Enforced: "request", check: ruleR9ClientCredentialsNeedsSecret},
	{ID: "R10", Summary: "client_credentials allows only custom (resource-server) scopes", Source: "S6 cognito-user-pools-app-idp-settings.md; OB-11", Code: codeInvalidOAuthFlow, Message: "openid is not supported with client_credentials flow", Basis: "documented", Enforced: "request", check: ruleR10ClientCredentialsCustomScopes},
	{ID: "R11", Summary: "code or implicit flows need at least one callback URL", Source: "S6 cognito-user-pools-app-idp-settings.md; OB-12", Code: codeInvalidOAuthFlow, Message: "CallbackUrls can not be empty when code flow or implicit flow is selected", Basis: "documented", Enforced: "request", check: ruleR11CodeImplicitNeedCallbacks},
	{ID: "R12", Summary: "AllowedOAuthScopes entries are standard scopes or <resource-server>/<scope> defined on the pool", Source: "S1 AllowedOAuthScopes doc; S6 cognito-user-pools-app-idp-settings.md; ScopeDoesNotExistException doc", Code: codeScopeDoesNotExist, Basis: "documented", Enforced: "request", check: ruleR12ScopesExist},
	{ID: "R13", Summary: "Token validity after unit conversion: access and ID 5 minutes..1 day, refresh 60 minutes..10 years", Source: "S1 TokenValidityUnitsType docs; S8; S6; OB-08, OB-09", Code: codeInvalidParameter, Message: "Invalid range for token validity.", Basis: "documented", Enforced: "request", check: ruleR13TokenValidity},
	{ID: "R14", Summary: "RefreshTokenValidity 0 is replaced by the default of 30 days; access and ID default one hour", Source: "S1 RefreshTokenValidity, AccessTokenValidity, IdTokenValidity docs", Basis: "documented", Enforced: "response"},
	{ID: "R15", Summary: "AuthSessionValidity is minutes, 3..15", Source: "S1 range and doc; AWS change note 2022-09-02; OB-31", Basis: "documented", Enforced: "response"},
	{ID: "R16", Summary: "EnablePropagateAdditionalUserContextData needs an app client with a client secret", Source: "S1 EnablePropagateAdditionalUserContextData doc", Code: codeInvalidParameter, Basis: "documented", Enforced: "request", check: ruleR16PropagateNeedsSecret},
	{ID: "R17", Summary: "Legacy ExplicitAuthFlows values can't be combined with ALLOW_ values", Source: "S1 ExplicitAuthFlows doc", Code: codeInvalidParameter, Basis: "documented", Enforced: "request", check: ruleR17LegacyFlowsAlone},
	{ID: "R18", Summary: "Without ExplicitAuthFlows the client supports ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH", Source: "S1 ExplicitAuthFlows doc", Basis: "documented", Enforced: "response"},
	{ID: "R19", Summary: "ALLOW_USER_AUTH needs the Essentials tier or higher", Source: "S1 ExplicitAuthFlows doc (since 2025-03-03); FeatureUnavailableInTierException doc", Code: codeTier, Basis: "documented", Enforced: "request", check: ruleR19UserAuthNeedsEssentials},
	// R20 is observed once, in 2020 (OB-15), and contradicts R21 for rotating clients
	// (contract-facts: "treat as observed-only/possibly changed"): listed, not enforced, so
	// Predict predicts 200 and the emulator accepts ALLOW_ flows without ALLOW_REFRESH_TOKEN_AUTH.
	{ID: "R20", Summary: "ALLOW_ flows must include ALLOW_REFRESH_TOKEN_AUTH (not with refresh token rotation, R21)", Source: "OB-15 (2020)", Code: codeInvalidParameter, Message: "REFRESH_TOKEN_AUTH should always be allowed.", Basis: "observed", Enforced: "none",
		Reason: "observed only, in 2020 (OB-15), not in the model or guides; conflicts with R21 for rotating clients and may have changed (contract-facts §6 R20), so the current service may accept the request"},
	{ID: "R21", Summary: "Refresh token rotation ENABLED excludes ALLOW_REFRESH_TOKEN_AUTH; RetryGracePeriodSeconds 0..60", Source: "S7; S1 RefreshTokenRotationType docs; OB-33", Code: codeInvalidParameter, Basis: "documented", Enforced: "request", check: ruleR21RotationExcludesRefreshAuth},
	{ID: "R22", Summary: "RetryGracePeriodSeconds omitted comes back as 0", Source: "OB-32", Basis: "observed", Enforced: "response"},
	{ID: "R23", Summary: "ReadAttributes and WriteAttributes entries are attributes of the pool", Source: "S1 ReadAttributes, WriteAttributes docs; OB-16, OB-17, OB-18", Code: codeInvalidParameter, Message: "Invalid write attributes specified while updating a client", Basis: "documented", Enforced: "request", check: ruleR23AttributesExist},
	{ID: "R24", Summary: "SupportedIdentityProviders entries are COGNITO or providers configured in the pool", Source: "S1 SupportedIdentityProviders doc; OB-19", Code: codeInvalidParameter, Message: "The provider <name> does not exist for User Pool <poolId>", Basis: "documented", Enforced: "request", check: ruleR24ProvidersExist},
	{ID: "R25", Summary: "PreventUserExistenceErrors defaults to LEGACY", Source: "S1 PreventUserExistenceErrors doc; OB-31", Basis: "documented", Enforced: "response"},
	{ID: "R26", Summary: "Token revocation is on by default for new clients; Update takes the value sent", Source: "S1 UserPoolClientType.EnableTokenRevocation doc; S6 token-revocation.md", Basis: "documented", Enforced: "response"},
	{ID: "R27", Summary: "Scopes, callback and logout URLs, flows limited to 50/100/100/3 entries; lower-case enum values", Source: "S1 traits; OB-03, OB-04", Code: codeInvalidParameter, Basis: "documented", Enforced: "request"},
	{ID: "R28", Summary: "Analytics by ApplicationId (+RoleArn, ExternalId) or ApplicationArn; RoleArn filled with the service-linked role", Source: "S1 AnalyticsConfiguration docs; OB-34", Basis: "documented", Enforced: "response"},
	{ID: "R29", Summary: "Only one update of a given app client at a time", Source: "S1 ConcurrentModificationException doc; OB-20", Code: "ConcurrentModificationException", Message: "Only one request to update user pool client can be processed at a time.", Basis: "documented", Enforced: "state"},
	{ID: "R30", Summary: "Not available in secondary (replica) Regions or some pool configurations", Source: "S2 OperationNotEnabledException doc", Code: "OperationNotEnabledException", Basis: "documented", Enforced: "state"},
	{ID: "R31", Summary: "Length limits count characters, not bytes", Source: "OB-35", Basis: "observed", Enforced: "request"},
	{ID: "R32", Summary: "No member changes the client secret; unknown members are not a modelled error", Source: "S1/S2 input members; Go SDK v1.59.0 changelog", Basis: "documented", Enforced: "request"},
	{ID: "R33", Summary: "ID token validity not greater than refresh token expiration (older third-party wording)", Source: "https://github.com/lgallard/terraform-aws-cognito-user-pool/issues/68", Basis: "unverified", Enforced: "none",
		Reason: "third-party wording only, not in the model, the guides or observed responses (contract-facts §6 R33: \"do not build a hard rule on it\")"},
}
