package runner

import (
	"strings"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// What the SetupResources setup creates (see setups in run.go); rule cases refer to it.
const (
	resourceServerID = "https://api.example.com"
	customScope      = resourceServerID + "/read"
	identityProvider = "ExampleOIDC"
	customAttribute  = "custom:tenant"
)

// companions adds to a boundary case the members its value needs to be meaningful, so the
// boundary, not a semantic rule, decides the outcome; it returns the setup kind needed.
func (g *generator) companions(body map[string]any, path string) string {
	setup := SetupDefault
	m := g.c.Model
	top, _, _ := strings.Cut(path, ".")
	switch top {
	case "CallbackURLs", "LogoutURLs", "AllowedOAuthScopes", "AllowedOAuthFlows", "DefaultRedirectURI":
		// R7: AllowedOAuthFlowsUserPoolClient must be true before these can be configured.
		body["AllowedOAuthFlowsUserPoolClient"] = true
	}
	switch top {
	case "DefaultRedirectURI":
		// R6: DefaultRedirectURI must be one of the CallbackURLs.
		if v, ok := body[top].(string); ok {
			body["CallbackURLs"] = []any{v}
		}
	case "AllowedOAuthFlows":
		flows, _ := body[top].([]any)
		for _, f := range flows {
			switch f {
			case enumValue(m, "OAuthFlowType", "code"), enumValue(m, "OAuthFlowType", "implicit"):
				// R11: code and implicit need a callback URL.
				body["CallbackURLs"] = []any{seeds["RedirectUrlType"]}
			case enumValue(m, "OAuthFlowType", "client_credentials"):
				// R9: client_credentials needs a client secret.
				setup = SetupResources
			}
		}
	case "AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity":
		// R13: the model's raw ranges are "displayed in seconds"; state the unit.
		if _, isInt := body[top].(int64); isInt {
			if unit := enumValue(m, "TimeUnitsType", "seconds"); unit != "" {
				body["TokenValidityUnits"] = map[string]any{strings.TrimSuffix(top, "Validity"): unit}
			}
		}
	case "EnablePropagateAdditionalUserContextData":
		// R16: only a client with a secret can activate it.
		setup = SetupSecret
	case "ExplicitAuthFlows":
		// R20 (observed, OB-15): ALLOW_* flows need ALLOW_REFRESH_TOKEN_AUTH alongside.
		refresh := enumValue(m, "ExplicitAuthFlowsType", "ALLOW_REFRESH_TOKEN_AUTH")
		flows, _ := body[top].([]any)
		if len(flows) == 1 && refresh != "" {
			if f, ok := flows[0].(string); ok && strings.HasPrefix(f, "ALLOW_") && f != refresh && enumValue(m, "ExplicitAuthFlowsType", f) != "" {
				body[top] = []any{f, refresh}
			}
		}
	}
	return setup
}

// ruleCase is one side of a semantic rule.
type ruleCase struct {
	id, rule, setup string
	body            map[string]any
}

// rules adds both sides of every request-side semantic rule of contract-facts §6.
func (g *generator) rules() {
	m := g.c.Model
	flow := func(v string) string { return enumValue(m, "OAuthFlowType", v) }
	auth := func(v string) string { return enumValue(m, "ExplicitAuthFlowsType", v) }
	unit := func(v string) string { return enumValue(m, "TimeUnitsType", v) }
	feature := func(v string) string { return enumValue(m, "FeatureType", v) }
	https := seeds["RedirectUrlType"]
	oauth := func(extra map[string]any) map[string]any {
		b := map[string]any{"AllowedOAuthFlowsUserPoolClient": true}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	callback := func(u string) map[string]any {
		return oauth(map[string]any{"CallbackURLs": []any{u}, "AllowedOAuthFlows": []any{flow("code")}, "AllowedOAuthScopes": []any{"openid"}})
	}
	validity := func(member, u string, v int) map[string]any {
		return map[string]any{member + "Validity": v, "TokenValidityUnits": map[string]any{member: unit(u)}}
	}
	cases := []ruleCase{
		// R3: lookup (S1 ResourceNotFoundException doc; OB-13, OB-14).
		{"UserPoolId/existing-pool-and-client", "R3", SetupDefault, map[string]any{"ClientName": "cognito-contract"}},
		{"UserPoolId/unknown-pool", "R3", SetupDefault, map[string]any{"UserPoolId": "{{Region}}_AAAAAAAAA"}},
		{"ClientId/unknown-client", "R3", SetupDefault, map[string]any{"ClientId": "cognitocontractunknownclient1"}},
		// R5: callback URLs (S1 CallbackURLs docs; OB-10).
		{"CallbackURLs/https", "R5", SetupDefault, callback(https)},
		{"CallbackURLs/http-not-localhost", "R5", SetupDefault, callback("http://example.com/callback")},
		{"CallbackURLs/http-localhost", "R5", SetupDefault, callback("http://localhost:8080/callback")},
		{"CallbackURLs/http-loopback-ip", "R5", SetupDefault, callback("http://127.0.0.1:8080/callback")},
		{"CallbackURLs/fragment", "R5", SetupDefault, callback(https + "#fragment")},
		{"CallbackURLs/relative", "R5", SetupDefault, callback("/callback")},
		{"CallbackURLs/app-scheme", "R5", SetupDefault, callback("myapp://example")},
		// R6: DefaultRedirectURI among the CallbackURLs (S1 DefaultRedirectURI doc).
		{"DefaultRedirectURI/in-callback-urls", "R6", SetupDefault, oauth(map[string]any{"CallbackURLs": []any{https}, "DefaultRedirectURI": https})},
		{"DefaultRedirectURI/not-in-callback-urls", "R6", SetupDefault, oauth(map[string]any{"CallbackURLs": []any{https}, "DefaultRedirectURI": https + "/other"})},
		// R7: the OAuth flag before OAuth settings (S1 AllowedOAuthFlowsUserPoolClient doc).
		{"AllowedOAuthFlowsUserPoolClient/true-with-callback-urls", "R7", SetupDefault, oauth(map[string]any{"CallbackURLs": []any{https}})},
		{"AllowedOAuthFlowsUserPoolClient/false-with-callback-urls", "R7", SetupDefault, map[string]any{"AllowedOAuthFlowsUserPoolClient": false, "CallbackURLs": []any{https}}},
		{"AllowedOAuthFlowsUserPoolClient/absent-with-callback-urls", "R7", SetupDefault, map[string]any{"CallbackURLs": []any{https}}},
		// R8: client_credentials alone (S1 AllowedOAuthFlows doc).
		{"AllowedOAuthFlows/client-credentials-alone", "R8", SetupResources, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("client_credentials")}, "AllowedOAuthScopes": []any{customScope}})},
		{"AllowedOAuthFlows/client-credentials-mixed", "R8", SetupResources, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("client_credentials"), flow("code")}, "AllowedOAuthScopes": []any{customScope}, "CallbackURLs": []any{https}})},
		// R9: client_credentials needs a secret (S6 user-pool-settings-client-apps.md).
		{"AllowedOAuthFlows/client-credentials-with-secret", "R9", SetupSecret, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("client_credentials")}})},
		{"AllowedOAuthFlows/client-credentials-without-secret", "R9", SetupDefault, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("client_credentials")}})},
		// R10: only custom scopes with client_credentials (S6 app-idp-settings.md; OB-11).
		{"AllowedOAuthScopes/client-credentials-custom-scope", "R10", SetupResources, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("client_credentials")}, "AllowedOAuthScopes": []any{customScope}})},
		{"AllowedOAuthScopes/client-credentials-openid", "R10", SetupResources, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("client_credentials")}, "AllowedOAuthScopes": []any{"openid"}})},
		// R11: code and implicit need callback URLs (S6 app-idp-settings.md; OB-12).
		{"AllowedOAuthFlows/code-with-callback-urls", "R11", SetupDefault, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("code")}, "CallbackURLs": []any{https}})},
		{"AllowedOAuthFlows/code-without-callback-urls", "R11", SetupDefault, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("code")}})},
		{"AllowedOAuthFlows/implicit-without-callback-urls", "R11", SetupDefault, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("implicit")}})},
		// R12: scopes must exist (S1 AllowedOAuthScopes doc; OB-02).
		{"AllowedOAuthScopes/standard-scopes", "R12", SetupDefault, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("code")}, "CallbackURLs": []any{https}, "AllowedOAuthScopes": []any{"openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"}})},
		{"AllowedOAuthScopes/custom-scope-defined", "R12", SetupResources, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("code")}, "CallbackURLs": []any{https}, "AllowedOAuthScopes": []any{customScope}})},
		{"AllowedOAuthScopes/custom-scope-undefined", "R12", SetupResources, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("code")}, "CallbackURLs": []any{https}, "AllowedOAuthScopes": []any{resourceServerID + "/write"}})},
		{"AllowedOAuthScopes/unknown-scope", "R12", SetupDefault, oauth(map[string]any{"AllowedOAuthFlows": []any{flow("code")}, "CallbackURLs": []any{https}, "AllowedOAuthScopes": []any{"Cognito"}})},
		// R13: token validity after unit conversion (S1 TokenValidityUnits docs; OB-08, OB-09).
		{"AccessTokenValidity/5-minutes", "R13", SetupDefault, validity("AccessToken", "minutes", 5)},
		{"AccessTokenValidity/4-minutes", "R13", SetupDefault, validity("AccessToken", "minutes", 4)},
		{"AccessTokenValidity/24-hours", "R13", SetupDefault, validity("AccessToken", "hours", 24)},
		{"AccessTokenValidity/25-hours", "R13", SetupDefault, validity("AccessToken", "hours", 25)},
		{"AccessTokenValidity/2-days", "R13", SetupDefault, validity("AccessToken", "days", 2)},
		{"IdTokenValidity/5-minutes", "R13", SetupDefault, validity("IdToken", "minutes", 5)},
		{"IdTokenValidity/4-minutes", "R13", SetupDefault, validity("IdToken", "minutes", 4)},
		{"IdTokenValidity/1-day", "R13", SetupDefault, validity("IdToken", "days", 1)},
		{"RefreshTokenValidity/60-minutes", "R13", SetupDefault, validity("RefreshToken", "minutes", 60)},
		{"RefreshTokenValidity/59-minutes", "R13", SetupDefault, validity("RefreshToken", "minutes", 59)},
		{"RefreshTokenValidity/3650-days", "R13", SetupDefault, validity("RefreshToken", "days", 3650)},
		{"RefreshTokenValidity/3651-days", "R13", SetupDefault, validity("RefreshToken", "days", 3651)},
		// R14: 0 is stored as the 30-day default (S1 RefreshTokenValidity doc).
		{"RefreshTokenValidity/zero-means-default", "R14", SetupDefault, map[string]any{"RefreshTokenValidity": 0}},
		// R16: EnablePropagateAdditionalUserContextData needs a secret (S1 doc).
		{"EnablePropagateAdditionalUserContextData/with-secret", "R16", SetupSecret, map[string]any{"EnablePropagateAdditionalUserContextData": true}},
		{"EnablePropagateAdditionalUserContextData/without-secret", "R16", SetupDefault, map[string]any{"EnablePropagateAdditionalUserContextData": true}},
		// R17: legacy and ALLOW_ flows do not mix (S1 ExplicitAuthFlows doc).
		{"ExplicitAuthFlows/legacy-only", "R17", SetupDefault, map[string]any{"ExplicitAuthFlows": []any{auth("ADMIN_NO_SRP_AUTH")}}},
		{"ExplicitAuthFlows/allow-only", "R17", SetupDefault, map[string]any{"ExplicitAuthFlows": []any{auth("ALLOW_USER_SRP_AUTH"), auth("ALLOW_REFRESH_TOKEN_AUTH")}}},
		{"ExplicitAuthFlows/legacy-and-allow-mixed", "R17", SetupDefault, map[string]any{"ExplicitAuthFlows": []any{auth("USER_PASSWORD_AUTH"), auth("ALLOW_REFRESH_TOKEN_AUTH")}}},
		// R19: ALLOW_USER_AUTH needs the Essentials tier or higher (S1 ExplicitAuthFlows doc).
		{"ExplicitAuthFlows/user-auth-default-tier", "R19", SetupDefault, map[string]any{"ExplicitAuthFlows": []any{auth("ALLOW_USER_AUTH"), auth("ALLOW_REFRESH_TOKEN_AUTH")}}},
		{"ExplicitAuthFlows/user-auth-lite-tier", "R19", SetupLite, map[string]any{"ExplicitAuthFlows": []any{auth("ALLOW_USER_AUTH"), auth("ALLOW_REFRESH_TOKEN_AUTH")}}},
		// R20 (observed only, OB-15): ALLOW_ flows include ALLOW_REFRESH_TOKEN_AUTH.
		{"ExplicitAuthFlows/allow-without-refresh-token-auth", "R20", SetupDefault, map[string]any{"ExplicitAuthFlows": []any{auth("ALLOW_USER_SRP_AUTH")}}},
		{"ExplicitAuthFlows/allow-with-refresh-token-auth", "R20", SetupDefault, map[string]any{"ExplicitAuthFlows": []any{auth("ALLOW_USER_SRP_AUTH"), auth("ALLOW_REFRESH_TOKEN_AUTH")}}},
		// R21: rotation excludes the REFRESH_TOKEN_AUTH flow (S7).
		{"RefreshTokenRotation/enabled-without-refresh-token-auth", "R21", SetupDefault, map[string]any{"RefreshTokenRotation": map[string]any{"Feature": feature("ENABLED")}, "ExplicitAuthFlows": []any{auth("ALLOW_USER_SRP_AUTH")}}},
		{"RefreshTokenRotation/enabled-with-refresh-token-auth", "R21", SetupDefault, map[string]any{"RefreshTokenRotation": map[string]any{"Feature": feature("ENABLED")}, "ExplicitAuthFlows": []any{auth("ALLOW_USER_SRP_AUTH"), auth("ALLOW_REFRESH_TOKEN_AUTH")}}},
		{"RefreshTokenRotation/disabled-with-refresh-token-auth", "R21", SetupDefault, map[string]any{"RefreshTokenRotation": map[string]any{"Feature": feature("DISABLED")}, "ExplicitAuthFlows": []any{auth("ALLOW_USER_SRP_AUTH"), auth("ALLOW_REFRESH_TOKEN_AUTH")}}},
		// R23: read and write attributes exist in the pool (S1 docs; OB-16).
		{"ReadAttributes/standard-attribute", "R23", SetupDefault, map[string]any{"ReadAttributes": []any{"email"}}},
		{"ReadAttributes/unknown-attribute", "R23", SetupDefault, map[string]any{"ReadAttributes": []any{"custom:nope"}}},
		{"ReadAttributes/custom-attribute", "R23", SetupResources, map[string]any{"ReadAttributes": []any{customAttribute}}},
		{"WriteAttributes/standard-attribute", "R23", SetupDefault, map[string]any{"WriteAttributes": []any{"email"}}},
		{"WriteAttributes/unknown-attribute", "R23", SetupDefault, map[string]any{"WriteAttributes": []any{"custom:nope"}}},
		{"WriteAttributes/custom-attribute", "R23", SetupResources, map[string]any{"WriteAttributes": []any{customAttribute}}},
		// R24: identity providers exist in the pool (S1 doc; OB-19).
		{"SupportedIdentityProviders/cognito", "R24", SetupDefault, map[string]any{"SupportedIdentityProviders": []any{"COGNITO"}}},
		{"SupportedIdentityProviders/unknown-provider", "R24", SetupDefault, map[string]any{"SupportedIdentityProviders": []any{"NoSuchProvider"}}},
		{"SupportedIdentityProviders/configured-provider", "R24", SetupIdentityProvider, map[string]any{"SupportedIdentityProviders": []any{identityProvider}}},
	}
	for _, rc := range cases {
		if hasEmpty(rc.body) {
			continue // an enum value the model no longer lists: the case no longer applies
		}
		body := baseBody()
		for k, v := range rc.body {
			body[k] = v
		}
		member, _, _ := strings.Cut(rc.id, "/")
		g.specs = append(g.specs, Spec{ID: rc.id, Rule: ruleText(rc.rule), Member: member,
			Input: describe(member, body[member]), Setup: rc.setup, Body: body})
	}
}

// ruleText is "R8 <summary> (<source>)" from the contract's rule table.
func ruleText(id string) string {
	if r, ok := contracts.RuleByID(id); ok {
		return id + " " + r.Summary + " (" + r.Source + ")"
	}
	return id
}

// hasEmpty reports whether a body holds "" where enumValue found no model value.
func hasEmpty(v any) bool {
	switch x := v.(type) {
	case string:
		return x == ""
	case []any:
		for _, e := range x {
			if hasEmpty(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if hasEmpty(e) {
				return true
			}
		}
	}
	return false
}
