package contracts

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// currentClient is a client as the service held it before an update, with every member set to
// a non-default value so a merge instead of a replace shows.
const currentClient = `{
	"UserPoolId":"us-east-1_EXAMPLE","ClientName":"old-name","ClientId":"1example23456789",
	"ClientSecret":"secretsecretsecretsecret01","LastModifiedDate":1600000000,"CreationDate":1500000000.5,
	"RefreshTokenValidity":10,"AccessTokenValidity":2,"IdTokenValidity":3,
	"TokenValidityUnits":{"AccessToken":"hours","IdToken":"hours","RefreshToken":"days"},
	"ReadAttributes":["email"],"WriteAttributes":["email"],"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],
	"SupportedIdentityProviders":["COGNITO"],"CallbackURLs":["https://example.com/cb"],"LogoutURLs":["https://example.com/out"],
	"DefaultRedirectURI":"https://example.com/cb","AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid"],
	"AllowedOAuthFlowsUserPoolClient":true,"PreventUserExistenceErrors":"ENABLED","EnableTokenRevocation":false,
	"EnablePropagateAdditionalUserContextData":true,"AuthSessionValidity":10,
	"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":30},
	"AnalyticsConfiguration":{"ApplicationId":"abc123","RoleArn":"arn:aws:iam::123456789012:role/r","ExternalId":"x","UserDataShared":true}}`

var applyNow = time.Unix(1700000000, 250e6)

const identity = `"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientSecret":"secretsecretsecretsecret01","LastModifiedDate":1700000000.25,"CreationDate":1500000000.5`

func TestApply(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		body string
		want string
	}{
		// R1 full replace: every omitted member takes its row of the defaults table.
		"omitted/all-defaults": {`{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789"}`,
			`{` + identity + `,"ClientName":"old-name","RefreshTokenValidity":30,"AccessTokenValidity":1,"IdTokenValidity":1,
			"TokenValidityUnits":{"AccessToken":"hours","IdToken":"hours","RefreshToken":"days"},
			"AllowedOAuthFlowsUserPoolClient":false,"EnableTokenRevocation":true,"AuthSessionValidity":3}`},
		// R14: RefreshTokenValidity 0 is stored as 30 days, in the unit sent when it divides evenly.
		"RefreshTokenValidity/zero-in-hours": {`{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","RefreshTokenValidity":0,
			"TokenValidityUnits":{"RefreshToken":"hours"}}`,
			`{` + identity + `,"ClientName":"old-name","RefreshTokenValidity":720,"AccessTokenValidity":1,"IdTokenValidity":1,
			"TokenValidityUnits":{"AccessToken":"hours","IdToken":"hours","RefreshToken":"hours"},
			"AllowedOAuthFlowsUserPoolClient":false,"EnableTokenRevocation":true,"AuthSessionValidity":3}`},
		// R14/R13: one hour in minutes is 60; one hour in days does not divide, so hours are stored.
		"AccessTokenValidity/default-in-other-units": {`{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789",
			"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"days"}}`,
			`{` + identity + `,"ClientName":"old-name","RefreshTokenValidity":30,"AccessTokenValidity":60,"IdTokenValidity":1,
			"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"hours","RefreshToken":"days"},
			"AllowedOAuthFlowsUserPoolClient":false,"EnableTokenRevocation":true,"AuthSessionValidity":3}`},
		// R22/OB-32: rotation without a grace period stores 0.
		"RefreshTokenRotation/grace-default": {`{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"n",
			"RefreshTokenRotation":{"Feature":"ENABLED"}}`,
			`{` + identity + `,"ClientName":"n","RefreshTokenValidity":30,"AccessTokenValidity":1,"IdTokenValidity":1,
			"TokenValidityUnits":{"AccessToken":"hours","IdToken":"hours","RefreshToken":"days"},
			"AllowedOAuthFlowsUserPoolClient":false,"EnableTokenRevocation":true,"AuthSessionValidity":3,
			"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":0}}`},
		// R28/OB-34: an ApplicationArn alone gets the service-linked role of its account;
		// UserDataShared takes the model's @default(false).
		"AnalyticsConfiguration/role-fill": {`{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"n",
			"AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:210987654321:apps/abc"}}`,
			`{` + identity + `,"ClientName":"n","RefreshTokenValidity":30,"AccessTokenValidity":1,"IdTokenValidity":1,
			"TokenValidityUnits":{"AccessToken":"hours","IdToken":"hours","RefreshToken":"days"},
			"AllowedOAuthFlowsUserPoolClient":false,"EnableTokenRevocation":true,"AuthSessionValidity":3,
			"AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:210987654321:apps/abc",
			"RoleArn":"arn:aws:iam::210987654321:role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp","UserDataShared":false}}`},
		// R1: every member sent is stored as sent (and an explicit null counts as omitted).
		"sent/echoed": {`{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"new",
			"RefreshTokenValidity":5,"AccessTokenValidity":15,"IdTokenValidity":20,"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"days"},
			"ReadAttributes":["email","name"],"WriteAttributes":["name"],"ExplicitAuthFlows":["ALLOW_USER_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],
			"SupportedIdentityProviders":["COGNITO","Google"],"CallbackURLs":["https://a.example/cb","myapp://cb"],"LogoutURLs":[],
			"DefaultRedirectURI":"myapp://cb","AllowedOAuthFlows":["code","implicit"],"AllowedOAuthScopes":["openid","email"],
			"AllowedOAuthFlowsUserPoolClient":true,"PreventUserExistenceErrors":"LEGACY","EnableTokenRevocation":false,
			"EnablePropagateAdditionalUserContextData":false,"AuthSessionValidity":15,
			"RefreshTokenRotation":{"Feature":"DISABLED","RetryGracePeriodSeconds":60},
			"AnalyticsConfiguration":{"ApplicationId":"abc","RoleArn":"arn:aws:iam::123456789012:role/x","ExternalId":"e","UserDataShared":true},
			"ClientSecret":null}`,
			`{` + identity + `,"ClientName":"new","RefreshTokenValidity":5,"AccessTokenValidity":15,"IdTokenValidity":20,
			"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"days"},
			"ReadAttributes":["email","name"],"WriteAttributes":["name"],"ExplicitAuthFlows":["ALLOW_USER_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],
			"SupportedIdentityProviders":["COGNITO","Google"],"CallbackURLs":["https://a.example/cb","myapp://cb"],"LogoutURLs":[],
			"DefaultRedirectURI":"myapp://cb","AllowedOAuthFlows":["code","implicit"],"AllowedOAuthScopes":["openid","email"],
			"AllowedOAuthFlowsUserPoolClient":true,"PreventUserExistenceErrors":"LEGACY","EnableTokenRevocation":false,
			"EnablePropagateAdditionalUserContextData":false,"AuthSessionValidity":15,
			"RefreshTokenRotation":{"Feature":"DISABLED","RetryGracePeriodSeconds":60},
			"AnalyticsConfiguration":{"ApplicationId":"abc","RoleArn":"arn:aws:iam::123456789012:role/x","ExternalId":"e","UserDataShared":true}}`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			got, err := UpdateUserPoolClient.Apply(json.RawMessage(currentClient), []byte(tc.body), applyNow)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(string(got)).To(MatchJSON(tc.want))

			// What Apply stores is what CheckResponse accepts for the same exchange.
			ex := Exchange{Request: json.RawMessage(tc.body), Before: json.RawMessage(currentClient), Status: 200,
				Header: okHeader(), Body: []byte(`{"UserPoolClient":` + string(got) + `}`)}
			g.Expect(UpdateUserPoolClient.CheckResponse(ex)).To(BeEmpty())
		})
	}
}

func TestApplyIdentityFromRequestWithoutCurrent(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	got, err := UpdateUserPoolClient.Apply(nil, []byte(`{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"abc"}`), applyNow)
	g.Expect(err).NotTo(HaveOccurred())
	var m map[string]any
	g.Expect(json.Unmarshal(got, &m)).To(Succeed())
	g.Expect(m).To(HaveKeyWithValue("UserPoolId", "us-east-1_EXAMPLE"))
	g.Expect(m).To(HaveKeyWithValue("ClientId", "abc"))
	g.Expect(m).NotTo(HaveKey("ClientSecret"))
	g.Expect(m).NotTo(HaveKey("CreationDate"))
}

func TestApplyBadInput(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		current, body, err string
	}{
		"body/not-json":      {currentClient, `{`, "request body: want a JSON object"},
		"body/array":         {currentClient, `[]`, "request body: want a JSON object"},
		"body/null":          {currentClient, `null`, "request body: want a JSON object, got null"},
		"current/not-object": {`"x"`, `{}`, "current client: want a JSON object"},
		"TokenValidityUnits/unknown-unit": {currentClient, `{"TokenValidityUnits":{"IdToken":"weeks"}}`,
			`request body: TokenValidityUnits.IdToken: unknown time unit "weeks"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			_, err := UpdateUserPoolClient.Apply(json.RawMessage(tc.current), []byte(tc.body), applyNow)
			g.Expect(err).To(MatchError(ContainSubstring(tc.err)))
		})
	}
}

func okHeader() http.Header {
	return http.Header{"Content-Type": {ContentType}, "X-Amzn-Requestid": {"c0ffee00-0000-4000-8000-000000000000"}}
}
