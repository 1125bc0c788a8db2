package contracts_test

import (
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// existing is a State in which the pool and the client exist, so Predict reaches the rules.
var existing = contracts.State{
	Pool:   &contracts.PoolState{ID: "us-east-1_AbCdEf123", Tier: "ESSENTIALS"},
	Client: &contracts.ClientState{ID: "abc123", HasSecret: true},
}

// TestPredictObservedMessages reproduces real service messages quoted in public reports from
// the requests that caused them.
func TestPredictObservedMessages(t *testing.T) {
	t.Parallel()
	urlEntry := func(at string) string {
		return `Value '[]' at '` + at + `' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+]`
	}
	cases := map[string]struct {
		body     string
		observed string
		exact    bool // the observed text is also our exact text (same entry order)
	}{
		// R2, OB-06: a leading space breaks the UserPoolId pattern; pattern printed without anchors.
		"UserPoolId/leading-space": {
			body:     `{"UserPoolId":" us-east-1_AbCdEf123","ClientId":"abc123"}`,
			observed: `1 validation error detected: Value ' us-east-1_AbCdEf123' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+`,
			exact:    true,
		},
		// R2, OB-07: a user pool id passed as ClientId ('-' is not in [\w+]).
		"ClientId/pool-id-as-client-id": {
			body:     `{"UserPoolId":"ap-northeast-1_AbCdEf123","ClientId":"ap-northeast-1_AbCdEf123"}`,
			observed: `1 validation error detected: Value 'ap-northeast-1_AbCdEf123' at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+]+`,
			exact:    true,
		},
		// R2, required: the format of PX-01, amazon-archives/amazon-cognito-auth-js#65 ("Value null", no quotes).
		"ClientId/missing": {
			body:     `{"UserPoolId":"us-east-1_AbCdEf123"}`,
			observed: `1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null`,
			exact:    true,
		},
		// PX-02, aws/aws-sdk-java-v2#5528: [""] renders '[]'; the service listed logoutURLs first.
		"CallbackURLs/empty-string-entry": {
			body:     `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AllowedOAuthFlowsUserPoolClient":true,"CallbackURLs":[""],"LogoutURLs":[""]}`,
			observed: "2 validation errors detected: " + urlEntry("logoutURLs") + "; " + urlEntry("callbackURLs"),
		},
		// R27, OB-03, PX-03 (awsdocs/aws-cloudformation-user-guide#563): enum set in the service's order.
		"AllowedOAuthFlows/unknown-flow": {
			body:     `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AllowedOAuthFlowsUserPoolClient":true,"CallbackURLs":["https://example.com/cb"],"AllowedOAuthFlows":["code","token"]}`,
			observed: `1 validation error detected: Value '[code, token]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [implicit, client_credentials, code]]`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			p := contracts.UpdateUserPoolClient.Predict([]byte(tc.body), existing)
			g.Expect(p.Status).To(Equal(400))
			g.Expect(p.Code).To(Equal("InvalidParameterException"))
			g.Expect(contracts.SameMessage(tc.observed, p.Message)).To(BeTrue(), "observed %q\npredicted %q", tc.observed, p.Message)
			if tc.exact {
				g.Expect(p.Message).To(Equal(tc.observed))
			}
		})
	}
}

// TestValidateBody covers bodies the Go SDK cannot send.
func TestValidateBody(t *testing.T) {
	t.Parallel()
	const ok = `"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123"`
	cases := map[string]struct {
		body  string
		types []string // model paths of SerializationException violations
		want  []string // InvalidParameterException entries
	}{
		"body/malformed": {body: `{"UserPoolId":`, types: []string{""}},
		// An empty body is the empty input "{}" (contracts.RequestBody, S5).
		"body/empty": {body: ``, want: []string{
			"Value null at 'userPoolId' failed to satisfy constraint: Member must not be null",
			"Value null at 'clientId' failed to satisfy constraint: Member must not be null"}},
		"body/trailing-data":                    {body: `{` + ok + `} {}`, types: []string{""}},
		"body/array":                            {body: `[]`, types: []string{""}},
		"body/string":                           {body: `"x"`, types: []string{""}},
		"body/null":                             {body: `null`, types: []string{""}},
		"body/invalid-utf8":                     {body: "{" + ok + `,"ClientName":"a` + "\xff" + `"}`, types: []string{""}},
		"body/minimal":                          {body: `{` + ok + `}`},
		"body/unknown-member":                   {body: `{` + ok + `,"GenerateSecret":true,"ClientSecret":"x"}`}, // R32: not a modelled error
		"body/unknown-nested":                   {body: `{` + ok + `,"TokenValidityUnits":{"Weeks":"x"}}`},
		"body/member-name-case":                 {body: `{` + ok + `,"clientName":7}`}, // unknown member: names are case-sensitive
		"body/null-is-absent":                   {body: `{` + ok + `,"ClientName":null,"CallbackURLs":null,"TokenValidityUnits":null}`},
		"body/required-null":                    {body: `{"UserPoolId":null,"ClientId":"abc123"}`, want: []string{"Value null at 'userPoolId' failed to satisfy constraint: Member must not be null"}},
		"body/both-required":                    {body: `{}`, want: []string{"Value null at 'userPoolId' failed to satisfy constraint: Member must not be null", "Value null at 'clientId' failed to satisfy constraint: Member must not be null"}},
		"body/null-in-list":                     {body: `{` + ok + `,"CallbackURLs":["https://a",null]}`, types: []string{"CallbackURLs[1]"}},
		"body/huge-integer":                     {body: `{` + ok + `,"AuthSessionValidity":123456789012345678901234567890}`, types: []string{"AuthSessionValidity"}},
		"RefreshTokenValidity/0":                {body: `{` + ok + `,"RefreshTokenValidity":0}`}, // R14: allowed, replaced by 30 days
		"RefreshTokenValidity/-0":               {body: `{` + ok + `,"RefreshTokenValidity":-0}`},
		"AllowedOAuthFlowsUserPoolClient/false": {body: `{` + ok + `,"AllowedOAuthFlowsUserPoolClient":false}`},
		// ClientName: empty breaks min length AND pattern: two entries, length first.
		"ClientName/empty": {body: `{` + ok + `,"ClientName":""}`, want: []string{
			"Value '' at 'clientName' failed to satisfy constraint: Member must have length greater than or equal to 1",
			`Value '' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w\s+=,.@-]+`}},
		// Too long and a bad character: max length then pattern.
		"ClientName/too-long-and-pattern": {body: `{` + ok + `,"ClientName":"` + strings.Repeat("a", 128) + `!"}`, want: []string{
			"Value '" + strings.Repeat("a", 128) + "!' at 'clientName' failed to satisfy constraint: Member must have length less than or equal to 128",
			`Value '` + strings.Repeat("a", 128) + `!' at 'clientName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w\s+=,.@-]+`}},
		// Member order of the model, nested paths lower-cased per segment.
		"order/model-order": {body: `{"RefreshTokenRotation":{"Feature":"on"},"AccessTokenValidity":0,"ClientId":"a-b","UserPoolId":"us-east-1_AbCdEf123","TokenValidityUnits":{"IdToken":"weeks"}}`, want: []string{
			`Value 'a-b' at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+]+`,
			"Value '0' at 'accessTokenValidity' failed to satisfy constraint: Member must have value greater than or equal to 1",
			"Value 'weeks' at 'tokenValidityUnits.idToken' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]",
			"Value 'on' at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]"}},
		// R31, OB-35: lengths count characters: 32 × "あ" is a valid provider name…
		"SupportedIdentityProviders/32-multibyte": {body: `{` + ok + `,"SupportedIdentityProviders":["` + strings.Repeat("あ", 32) + `"]}`},
		// …and a 1024-character URL holding 991 × "あ" is accepted.
		"CallbackURLs/1024-chars-multibyte": {body: `{` + ok + `,"CallbackURLs":["https://example.com/` + strings.Repeat("あ", 991) + `/abcd"]}`},
		// ProviderNameType admits spaces (\p{Z}) since 2023-08; RedirectUrlType does not.
		"SupportedIdentityProviders/space": {body: `{` + ok + `,"SupportedIdentityProviders":["My IdP"]}`},
		"LogoutURLs/space": {body: `{` + ok + `,"LogoutURLs":["https://a b"]}`, want: []string{
			`Value '[https://a b]' at 'logoutURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+]`}},
		// ScopeType: printable ASCII except '"' and '\'.
		"AllowedOAuthScopes/backslash": {body: `{` + ok + `,"AllowedOAuthScopes":["openid","a\\b"]}`, want: []string{
			`Value '[openid, a\b]' at 'allowedOAuthScopes' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\x21\x23-\x5B\x5D-\x7E]+]`}},
		// ExplicitAuthFlows: lower case is a near miss; one entry for the list.
		"ExplicitAuthFlows/lower-case": {body: `{` + ok + `,"ExplicitAuthFlows":["ALLOW_REFRESH_TOKEN_AUTH","allow_user_srp_auth"]}`, want: []string{
			"Value '[ALLOW_REFRESH_TOKEN_AUTH, allow_user_srp_auth]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_CUSTOM_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_AUTH]]"}},
		// Type errors are reported for every member, alongside nothing else of that member.
		"types/several": {body: `{` + ok + `,"ClientName":1,"AccessTokenValidity":"1","CallbackURLs":"https://a","AnalyticsConfiguration":[]}`,
			types: []string{"ClientName", "AccessTokenValidity", "CallbackURLs", "AnalyticsConfiguration"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			var types, want []string
			for _, v := range contracts.UpdateUserPoolClient.Validate([]byte(tc.body)) {
				g.Expect(v.Check).To(Equal(contracts.CheckShape))
				if v.Rule == "type" {
					g.Expect(v.Code).To(Equal("SerializationException"))
					g.Expect(v.Source).NotTo(BeEmpty())
					types = append(types, v.Member)
				} else {
					g.Expect(v.Code).To(Equal("InvalidParameterException"))
					want = append(want, v.Message)
				}
			}
			g.Expect(types).To(Equal(tc.types))
			g.Expect(want).To(Equal(tc.want))
		})
	}
}

func TestParseRequest(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	r, err := contracts.UpdateUserPoolClient.ParseRequest([]byte(`{"UserPoolId":"us-east-1_A","ClientId":"c","clientname":"ignored",
		"AccessTokenValidity":5,"TokenValidityUnits":{"AccessToken":"minutes","accesstoken":"days"},
		"CallbackURLs":["https://a"],"RefreshTokenRotation":{"Feature":"ENABLED"},"EnableTokenRevocation":false}`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(r.UserPoolId).To(Equal("us-east-1_A"))
	g.Expect(r.ClientName).To(BeNil(), "member names match exactly, as on the wire")
	g.Expect(*r.AccessTokenValidity).To(BeEquivalentTo(5))
	g.Expect(*r.TokenValidityUnits.AccessToken).To(Equal("minutes"))
	g.Expect(r.TokenValidityUnits.IdToken).To(BeNil())
	g.Expect(r.CallbackURLs).To(Equal([]string{"https://a"}))
	g.Expect(r.LogoutURLs).To(BeNil())
	g.Expect(r.RefreshTokenRotation.Feature).To(Equal("ENABLED"))
	g.Expect(*r.EnableTokenRevocation).To(BeFalse())

	_, err = contracts.UpdateUserPoolClient.ParseRequest([]byte(`{"ClientName":1}`))
	g.Expect(err).To(MatchError(ContainSubstring("UpdateUserPoolClient request body")))
}

// TestValidateInputOtherOperation: the walk serves any operation's input, e.g.
// CreateUserPoolClient, whose ClientName is required.
func TestValidateInputOtherOperation(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	op, err := contracts.DefaultModel().Operation("CreateUserPoolClient")
	g.Expect(err).NotTo(HaveOccurred())
	var msgs []string
	for _, v := range contracts.ValidateInput(op.Input, []byte(`{"UserPoolId":"us-east-1_AbCdEf123","AuthSessionValidity":16}`)) {
		msgs = append(msgs, v.Message)
	}
	g.Expect(msgs).To(Equal([]string{
		"Value null at 'clientName' failed to satisfy constraint: Member must not be null",
		"Value '16' at 'authSessionValidity' failed to satisfy constraint: Member must have value less than or equal to 15",
	}))
}
