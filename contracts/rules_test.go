package contracts_test

import (
	"regexp"
	"strconv"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

const poolID = "us-east-1_AbCdEf123"

// poolState is an ESSENTIALS pool with a resource server, a SAML IdP and a custom attribute.
func poolState() *contracts.PoolState {
	return &contracts.PoolState{
		ID: poolID, Tier: "ESSENTIALS",
		ResourceServers:   []contracts.ResourceServer{{Identifier: "https://api.example.com", Scopes: []string{"read"}}},
		IdentityProviders: []string{"MySAML"},
		Attributes:        []string{"email", "email_verified", "name", "custom:tenant"},
	}
}

func stateWith(mod func(*contracts.State)) contracts.State {
	st := contracts.State{Pool: poolState(), Client: &contracts.ClientState{ID: "abc123", HasSecret: true}}
	if mod != nil {
		mod(&st)
	}
	return st
}

var (
	noSecret = func(st *contracts.State) { st.Client.HasSecret = false }
	lite     = func(st *contracts.State) { st.Pool.Tier = "LITE" }
)

type ruleCase struct {
	members string // JSON members added to UserPoolId and ClientId
	state   func(*contracts.State)
	broken  bool
	message string // the exact message when broken; "" = not asserted
}

// ruleCases: one passing and at least one failing case per request-side rule, keyed
// "Rnn/case"; the rule id before the slash is the rule evaluated.
var ruleCases = map[string]ruleCase{
	// R5 (S1 CallbackURLs docs; OB-10)
	"R5/https":                 {members: `"CallbackURLs":["https://example.com/cb"]`},
	"R5/http-localhost-port":   {members: `"CallbackURLs":["http://localhost:3000/cb"]`},
	"R5/http-127.0.0.1":        {members: `"CallbackURLs":["http://127.0.0.1/cb"]`},
	"R5/http-ipv6-loopback":    {members: `"CallbackURLs":["http://[::1]:8080/cb"]`},
	"R5/app-scheme":            {members: `"CallbackURLs":["myapp://example"]`},
	"R5/logout-urls-unchecked": {members: `"LogoutURLs":["http://example.com/#x"]`}, // LogoutURLs doc states no such rule
	"R5/http-other-host":       {members: `"CallbackURLs":["http://localhost.com/"]`, broken: true, message: "http://localhost.com/ cannot use the HTTP protocol."},
	"R5/fragment":              {members: `"CallbackURLs":["https://example.com/cb#top"]`, broken: true},
	"R5/relative":              {members: `"CallbackURLs":["/cb"]`, broken: true},
	"R5/http-and-fragment":     {members: `"CallbackURLs":["http://example.com/#x"]`, broken: true},
	"R5/first-offender":        {members: `"CallbackURLs":["https://ok.example","http://a.example/","/cb"]`, broken: true, message: "http://a.example/ cannot use the HTTP protocol."},
	// R6 (S1 DefaultRedirectURI doc)
	"R6/in-callbacks":     {members: `"CallbackURLs":["https://a","https://b"],"DefaultRedirectURI":"https://b"`},
	"R6/not-in-callbacks": {members: `"CallbackURLs":["https://a"],"DefaultRedirectURI":"https://b"`, broken: true},
	"R6/no-callbacks":     {members: `"DefaultRedirectURI":"https://b"`, broken: true},
	// R7 (S1 AllowedOAuthFlowsUserPoolClient doc)
	"R7/flag-true":        {members: `"AllowedOAuthFlowsUserPoolClient":true,"LogoutURLs":["https://a"]`},
	"R7/nothing-oauth":    {members: `"ClientName":"x"`},
	"R7/flag-true-alone":  {members: `"AllowedOAuthFlowsUserPoolClient":true`}, // converse not documented
	"R7/flag-false":       {members: `"AllowedOAuthFlowsUserPoolClient":false,"LogoutURLs":["https://a"]`, broken: true},
	"R7/flag-absent":      {members: `"AllowedOAuthScopes":["openid"]`, broken: true},
	"R7/flag-absent-flow": {members: `"AllowedOAuthFlows":["code"]`, broken: true},
	// R8 (S1 AllowedOAuthFlows doc)
	"R8/client-credentials-alone": {members: `"AllowedOAuthFlows":["client_credentials"]`},
	"R8/code-and-implicit":        {members: `"AllowedOAuthFlows":["code","implicit"]`},
	"R8/client-credentials-mixed": {members: `"AllowedOAuthFlows":["client_credentials","code"]`, broken: true},
	// R9 (S6 user-pool-settings-client-apps.md)
	"R9/with-secret":    {members: `"AllowedOAuthFlows":["client_credentials"]`},
	"R9/code-no-secret": {members: `"AllowedOAuthFlows":["code"]`, state: noSecret},
	"R9/no-secret":      {members: `"AllowedOAuthFlows":["client_credentials"]`, state: noSecret, broken: true},
	// R10 (S6 app-idp-settings.md; OB-11)
	"R10/custom-scope":      {members: `"AllowedOAuthFlows":["client_credentials"],"AllowedOAuthScopes":["https://api.example.com/read"]`},
	"R10/code-openid":       {members: `"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid"]`},
	"R10/openid":            {members: `"AllowedOAuthFlows":["client_credentials"],"AllowedOAuthScopes":["openid"]`, broken: true, message: "openid is not supported with client_credentials flow"},
	"R10/email":             {members: `"AllowedOAuthFlows":["client_credentials"],"AllowedOAuthScopes":["email"]`, broken: true},
	"R10/openid-and-custom": {members: `"AllowedOAuthFlows":["client_credentials"],"AllowedOAuthScopes":["https://api.example.com/read","openid"]`, broken: true, message: "openid is not supported with client_credentials flow"},
	"R10/openid-and-email":  {members: `"AllowedOAuthFlows":["client_credentials"],"AllowedOAuthScopes":["openid","email"]`, broken: true},
	// R11 (S6 app-idp-settings.md; OB-12)
	"R11/code-with-callback":      {members: `"AllowedOAuthFlows":["code"],"CallbackURLs":["https://a"]`},
	"R11/client-credentials-only": {members: `"AllowedOAuthFlows":["client_credentials"]`},
	"R11/implicit-no-callback":    {members: `"AllowedOAuthFlows":["implicit"]`, broken: true, message: "CallbackUrls can not be empty when code flow or implicit flow is selected"},
	"R11/code-empty-callbacks":    {members: `"AllowedOAuthFlows":["code"],"CallbackURLs":[]`, broken: true, message: "CallbackUrls can not be empty when code flow or implicit flow is selected"},
	// R12 (S1 AllowedOAuthScopes doc; ScopeDoesNotExistException)
	"R12/standard":          {members: `"AllowedOAuthScopes":["phone","email","openid","profile","aws.cognito.signin.user.admin"]`},
	"R12/custom-defined":    {members: `"AllowedOAuthScopes":["https://api.example.com/read"]`},
	"R12/custom-undefined":  {members: `"AllowedOAuthScopes":["https://api.example.com/write"]`, broken: true},
	"R12/unknown-server":    {members: `"AllowedOAuthScopes":["other/read"]`, broken: true},
	"R12/not-a-scope":       {members: `"AllowedOAuthScopes":["Cognito"]`, broken: true},
	"R12/standard-wrong-cs": {members: `"AllowedOAuthScopes":["OpenID"]`, broken: true},
	// R13 (S1 TokenValidityUnitsType docs; OB-08, OB-09)
	"R13/access-5-minutes":      {members: `"AccessTokenValidity":5,"TokenValidityUnits":{"AccessToken":"minutes"}`},
	"R13/access-4-minutes":      {members: `"AccessTokenValidity":4,"TokenValidityUnits":{"AccessToken":"minutes"}`, broken: true, message: "Invalid range for token validity."},
	"R13/access-1440-minutes":   {members: `"AccessTokenValidity":1440,"TokenValidityUnits":{"AccessToken":"minutes"}`},
	"R13/access-1441-minutes":   {members: `"AccessTokenValidity":1441,"TokenValidityUnits":{"AccessToken":"minutes"}`, broken: true, message: "Invalid range for token validity."},
	"R13/access-2-days":         {members: `"AccessTokenValidity":2,"TokenValidityUnits":{"AccessToken":"days"}`, broken: true, message: "Invalid range for token validity."},
	"R13/access-24-hours-def":   {members: `"AccessTokenValidity":24`},
	"R13/access-25-hours-def":   {members: `"AccessTokenValidity":25`, broken: true, message: "Invalid range for token validity."},
	"R13/id-300-seconds":        {members: `"IdTokenValidity":300,"TokenValidityUnits":{"IdToken":"seconds"}`},
	"R13/id-299-seconds":        {members: `"IdTokenValidity":299,"TokenValidityUnits":{"IdToken":"seconds"}`, broken: true, message: "Invalid range for token validity."},
	"R13/refresh-60-minutes":    {members: `"RefreshTokenValidity":60,"TokenValidityUnits":{"RefreshToken":"minutes"}`},
	"R13/refresh-59-minutes":    {members: `"RefreshTokenValidity":59,"TokenValidityUnits":{"RefreshToken":"minutes"}`, broken: true, message: "Invalid range for token validity."},
	"R13/refresh-3650-days-def": {members: `"RefreshTokenValidity":3650`},
	"R13/refresh-3651-days-def": {members: `"RefreshTokenValidity":3651`, broken: true, message: "Invalid range for token validity."},
	"R13/refresh-0-is-default":  {members: `"RefreshTokenValidity":0,"TokenValidityUnits":{"RefreshToken":"seconds"}`}, // R14
	"R13/units-without-values":  {members: `"TokenValidityUnits":{"AccessToken":"seconds","IdToken":"days","RefreshToken":"minutes"}`},
	// R16 (S1 EnablePropagateAdditionalUserContextData doc)
	"R16/with-secret":     {members: `"EnablePropagateAdditionalUserContextData":true`},
	"R16/false-no-secret": {members: `"EnablePropagateAdditionalUserContextData":false`, state: noSecret},
	"R16/no-secret":       {members: `"EnablePropagateAdditionalUserContextData":true`, state: noSecret, broken: true},
	// R17 (S1 ExplicitAuthFlows doc)
	"R17/legacy-only": {members: `"ExplicitAuthFlows":["ADMIN_NO_SRP_AUTH","USER_PASSWORD_AUTH"]`},
	"R17/allow-only":  {members: `"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]`},
	"R17/mixed":       {members: `"ExplicitAuthFlows":["CUSTOM_AUTH_FLOW_ONLY","ALLOW_REFRESH_TOKEN_AUTH"]`, broken: true},
	// R19 (S1 ExplicitAuthFlows doc: Essentials tier or higher)
	"R19/essentials":   {members: `"ExplicitAuthFlows":["ALLOW_USER_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]`},
	"R19/default-tier": {members: `"ExplicitAuthFlows":["ALLOW_USER_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]`, state: func(st *contracts.State) { st.Pool.Tier = "" }},
	"R19/plus":         {members: `"ExplicitAuthFlows":["ALLOW_USER_AUTH"]`, state: func(st *contracts.State) { st.Pool.Tier = "PLUS" }},
	"R19/lite-other":   {members: `"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH"]`, state: lite},
	"R19/lite":         {members: `"ExplicitAuthFlows":["ALLOW_USER_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]`, state: lite, broken: true},
	// R21 (S7)
	"R21/enabled-without-refresh":   {members: `"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH"],"RefreshTokenRotation":{"Feature":"ENABLED"}`},
	"R21/disabled-with-refresh":     {members: `"ExplicitAuthFlows":["ALLOW_REFRESH_TOKEN_AUTH"],"RefreshTokenRotation":{"Feature":"DISABLED"}`},
	"R21/enabled-with-refresh":      {members: `"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"RefreshTokenRotation":{"Feature":"ENABLED"}`, broken: true},
	"R21/enabled-flows-unspecified": {members: `"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":10}`},
	// R23 (S1 Read/WriteAttributes docs; OB-16)
	"R23/known":            {members: `"ReadAttributes":["email","email_verified","custom:tenant"],"WriteAttributes":["name","custom:tenant"]`},
	"R23/schema-unknown":   {members: `"WriteAttributes":["nickname"]`, state: func(st *contracts.State) { st.Pool.Attributes = nil }},
	"R23/read-unknown":     {members: `"ReadAttributes":["custom:nope"]`, broken: true},
	"R23/write-unknown":    {members: `"WriteAttributes":["email","nickname"]`, broken: true, message: "Invalid write attributes specified while updating a client"},
	"R23/custom-no-prefix": {members: `"WriteAttributes":["tenant"]`, broken: true, message: "Invalid write attributes specified while updating a client"},
	// R24 (S1 SupportedIdentityProviders doc; OB-19)
	"R24/cognito":           {members: `"SupportedIdentityProviders":["COGNITO"]`},
	"R24/configured":        {members: `"SupportedIdentityProviders":["COGNITO","MySAML"]`},
	"R24/google-configured": {members: `"SupportedIdentityProviders":["Google"]`, state: func(st *contracts.State) { st.Pool.IdentityProviders = append(st.Pool.IdentityProviders, "Google") }},
	"R24/google-missing":    {members: `"SupportedIdentityProviders":["COGNITO","Google"]`, broken: true, message: "The provider Google does not exist for User Pool " + poolID},
	"R24/case-sensitive":    {members: `"SupportedIdentityProviders":["cognito"]`, broken: true, message: "The provider cognito does not exist for User Pool " + poolID},
}

var ruleCaseID = regexp.MustCompile(`^(R\d+)/`)

func TestRules(t *testing.T) {
	t.Parallel()
	for name, tc := range ruleCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			id := ruleCaseID.FindStringSubmatch(name)[1]
			rule, ok := contracts.RuleByID(id)
			g.Expect(ok).To(BeTrue())
			body := []byte(`{"UserPoolId":"` + poolID + `","ClientId":"abc123",` + tc.members + `}`)
			g.Expect(contracts.UpdateUserPoolClient.Validate(body)).To(BeEmpty(), "the case must pass the model constraints")
			req, err := contracts.UpdateUserPoolClient.ParseRequest(body)
			g.Expect(err).NotTo(HaveOccurred())
			v := rule.Evaluate(req, stateWith(tc.state))
			if !tc.broken {
				g.Expect(v).To(BeNil())
				return
			}
			g.Expect(v).NotTo(BeNil())
			g.Expect(v.Check).To(Equal(contracts.CheckRule))
			g.Expect(v.Rule).To(Equal(id))
			g.Expect(v.Code).To(Equal(rule.Code))
			g.Expect(v.Message).To(Equal(tc.message))
			g.Expect(v.Member).NotTo(BeEmpty())
			g.Expect(v.Source).To(HavePrefix(id + ": "))
		})
	}
}

// TestRulesTable: R1-R33 all listed, in order, with a basis and a place of enforcement; every
// rule checked from the request has a passing and a failing case above.
func TestRulesTable(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	rules := contracts.Rules()
	g.Expect(rules).To(HaveLen(33))
	passing, failing := map[string]bool{}, map[string]bool{}
	for name, tc := range ruleCases {
		id := ruleCaseID.FindStringSubmatch(name)[1]
		if tc.broken {
			failing[id] = true
		} else {
			passing[id] = true
		}
	}
	probe, _ := contracts.UpdateUserPoolClient.ParseRequest([]byte(`{"UserPoolId":"a_b","ClientId":"c"}`))
	for i, r := range rules {
		g.Expect(r.ID).To(Equal("R" + strconv.Itoa(i+1)))
		g.Expect(r.Summary).NotTo(BeEmpty())
		g.Expect(r.Source).NotTo(BeEmpty())
		g.Expect(r.Basis).To(BeElementOf("documented", "observed", "unverified"))
		g.Expect(r.Enforced).To(BeElementOf("request", "response", "state", "none"))
		if r.Enforced != "request" {
			g.Expect(r.Evaluate(probe, stateWith(nil))).To(BeNil())
		}
		if failing[r.ID] {
			g.Expect(passing[r.ID]).To(BeTrue(), "%s has no passing case", r.ID)
			g.Expect(r.Enforced).To(Equal("request"))
			g.Expect(r.Code).NotTo(BeEmpty())
		}
	}
	for _, id := range []string{"R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R16", "R17", "R19", "R21", "R23", "R24"} {
		g.Expect(failing).To(HaveKey(id), "%s has no failing case", id)
	}
	r33, _ := contracts.RuleByID("R33")
	g.Expect(r33.Enforced).To(Equal("none"))
	g.Expect(r33.Reason).To(ContainSubstring("third-party"))
	// R20 is observed only (OB-15, 2020) and conflicts with R21: listed with its observed
	// text, not enforced, with the reason; it flags nothing, so Predict predicts 200.
	r20, _ := contracts.RuleByID("R20")
	g.Expect(r20.Basis).To(Equal("observed"))
	g.Expect(r20.Enforced).To(Equal("none"))
	g.Expect(r20.Source).To(ContainSubstring("OB-15"))
	g.Expect(r20.Message).To(Equal("REFRESH_TOKEN_AUTH should always be allowed."))
	g.Expect(r20.Reason).To(And(ContainSubstring("OB-15"), ContainSubstring("R21")))
	for _, r := range rules {
		g.Expect(r.Reason == "").To(Equal(r.Enforced != "none"), "%s: a reason exactly when not enforced", r.ID)
	}
	withoutRefresh, _ := contracts.UpdateUserPoolClient.ParseRequest([]byte(`{"UserPoolId":"a_b","ClientId":"c","ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH"]}`))
	g.Expect(r20.Evaluate(withoutRefresh, stateWith(nil))).To(BeNil())
	_, ok := contracts.RuleByID("R99")
	g.Expect(ok).To(BeFalse())
}
