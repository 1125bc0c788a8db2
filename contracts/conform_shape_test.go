package contracts

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// modelMaxLen and friends read a bound from the model, so no test types a model number.
func modelMaxLen(t *testing.T, shape string) int {
	s, ok := UpdateUserPoolClient.Model.Shape(shape)
	if !ok {
		t.Fatalf("shape %s not in the model", shape)
	}
	n, ok := s.Length.MaxInt()
	if !ok {
		t.Fatalf("shape %s has no max length", shape)
	}
	return int(n)
}

func modelMinLen(t *testing.T, shape string) int {
	s, _ := UpdateUserPoolClient.Model.Shape(shape)
	n, ok := s.Length.MinInt()
	if !ok {
		t.Fatalf("shape %s has no min length", shape)
	}
	return int(n)
}

func modelMaxRange(t *testing.T, shape string) int {
	s, _ := UpdateUserPoolClient.Model.Shape(shape)
	n, ok := s.Range.MaxInt()
	if !ok {
		t.Fatalf("shape %s has no max range", shape)
	}
	return int(n)
}

// validClient is a conforming UserPoolClientType value.
func validClient() map[string]any {
	var m map[string]any
	if err := json.Unmarshal([]byte(currentClient), &m); err != nil {
		panic(err)
	}
	return m
}

func shapeExchange(client map[string]any) Exchange {
	b, _ := json.Marshal(map[string]any{"UserPoolClient": client})
	return Exchange{Status: 200, Header: okHeader(), Body: b}
}

func TestCheckResponseShape(t *testing.T) {
	t.Parallel()
	fourFlows := []any{}
	for i := 0; i <= modelMaxLen(t, "OAuthFlowsType"); i++ {
		fourFlows = append(fourFlows, "code")
	}
	secret := strings.Repeat("s", modelMinLen(t, "ClientSecretType")-1)
	cases := map[string]struct {
		edit func(m map[string]any)
		want []string // Check|Rule|Member|Actual
	}{
		"conforming": {func(map[string]any) {}, nil},
		// R31: lengths count characters, not bytes: 32 × "あ" is a valid provider name.
		"SupportedIdentityProviders/characters-not-bytes": {func(m map[string]any) {
			m["SupportedIdentityProviders"] = []any{strings.Repeat("あ", modelMaxLen(t, "ProviderNameType"))}
		}, nil},
		"ClientName/wrong-type": {func(m map[string]any) { m["ClientName"] = 7 },
			[]string{"shape|type|UserPoolClient.ClientName|a number 7"}},
		"ClientName/too-long": {func(m map[string]any) { m["ClientName"] = strings.Repeat("a", modelMaxLen(t, "ClientNameType")+1) },
			[]string{"shape|length|UserPoolClient.ClientName|" + strconv.Itoa(modelMaxLen(t, "ClientNameType")+1) + " characters"}},
		"ClientName/pattern": {func(m map[string]any) { m["ClientName"] = "bad/name" },
			[]string{`shape|pattern|UserPoolClient.ClientName|"bad/name"`}},
		"PreventUserExistenceErrors/bad-enum": {func(m map[string]any) { m["PreventUserExistenceErrors"] = "MAYBE" },
			[]string{`shape|enum|UserPoolClient.PreventUserExistenceErrors|"MAYBE"`}},
		"TokenValidityUnits.AccessToken/bad-enum": {func(m map[string]any) {
			m["TokenValidityUnits"] = map[string]any{"AccessToken": "weeks"}
		}, []string{`shape|enum|UserPoolClient.TokenValidityUnits.AccessToken|"weeks"`}},
		"ExplicitAuthFlows/bad-enum-entry": {func(m map[string]any) { m["ExplicitAuthFlows"] = []any{"ALLOW_USER_SRP_AUTH", "allow_x"} },
			[]string{`shape|enum|UserPoolClient.ExplicitAuthFlows[1]|"allow_x"`}},
		"AllowedOAuthFlows/too-many": {func(m map[string]any) { m["AllowedOAuthFlows"] = fourFlows },
			[]string{"shape|length|UserPoolClient.AllowedOAuthFlows|" + strconv.Itoa(len(fourFlows)) + " entries"}},
		"AuthSessionValidity/out-of-range": {func(m map[string]any) { m["AuthSessionValidity"] = modelMaxRange(t, "AuthSessionValidityType") + 1 },
			[]string{"shape|range|UserPoolClient.AuthSessionValidity|" + strconv.Itoa(modelMaxRange(t, "AuthSessionValidityType")+1)}},
		"AuthSessionValidity/fraction": {func(m map[string]any) { m["AuthSessionValidity"] = 3.5 },
			[]string{"shape|type|UserPoolClient.AuthSessionValidity|a number 3.5"}},
		"EnableTokenRevocation/string": {func(m map[string]any) { m["EnableTokenRevocation"] = "true" },
			[]string{`shape|type|UserPoolClient.EnableTokenRevocation|a string "true"`}},
		"LastModifiedDate/string": {func(m map[string]any) { m["LastModifiedDate"] = "2023-11-14T22:13:20Z" },
			[]string{`shape|type|UserPoolClient.LastModifiedDate|a string "2023-11-14T22:13:20Z"`}},
		"CreationDate/fraction-allowed": {func(m map[string]any) { m["CreationDate"] = 1500000000.123 }, nil},
		"unknown-member": {func(m map[string]any) { m["GenerateSecret"] = true },
			[]string{`shape|unknown-member|UserPoolClient.GenerateSecret|unknown member "GenerateSecret"`}},
		"RefreshTokenRotation/missing-required": {func(m map[string]any) { m["RefreshTokenRotation"] = map[string]any{"RetryGracePeriodSeconds": 0} },
			[]string{"shape|required|UserPoolClient.RefreshTokenRotation.Feature|absent"}},
		"CallbackURLs/not-a-list": {func(m map[string]any) { m["CallbackURLs"] = "https://example.com" },
			[]string{`shape|type|UserPoolClient.CallbackURLs|a string "https://example.com"`}},
		// @sensitive: the value is redacted, only its length shows.
		"ClientSecret/too-short-redacted": {func(m map[string]any) { m["ClientSecret"] = secret },
			[]string{"shape|length|UserPoolClient.ClientSecret|" + strconv.Itoa(len(secret)) + " characters"}},
		"ClientId/wrong-type-redacted": {func(m map[string]any) { m["ClientId"] = 12345 },
			[]string{"shape|type|UserPoolClient.ClientId|a number <redacted>"}},
		"ClientSecret/pattern-redacted": {func(m map[string]any) { m["ClientSecret"] = "secret-with-dash-secret-01" },
			[]string{"shape|pattern|UserPoolClient.ClientSecret|<redacted, 26 chars>"}},
		// Every departure is listed, not only the first.
		"several": {func(m map[string]any) { m["ClientName"] = 1; m["AuthSessionValidity"] = "3"; m["Extra"] = nil },
			[]string{"shape|type|UserPoolClient.ClientName|a number 1", `shape|type|UserPoolClient.AuthSessionValidity|a string "3"`,
				`shape|unknown-member|UserPoolClient.Extra|unknown member "Extra"`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			m := validClient()
			tc.edit(m)
			fs := UpdateUserPoolClient.CheckResponse(shapeExchange(m))
			g.Expect(findingKeys(fs)).To(ConsistOf(tc.want))
			for _, f := range fs {
				g.Expect(f.String()).NotTo(ContainSubstring("secretsecret"), "no secret in a finding")
			}
		})
	}
}

func TestCheckResponseBodyNotObject(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, body := range []string{``, `[]`, `{"UserPoolClient":{}} trailing`, `{"UserPoolClient":[]}`} {
		fs := UpdateUserPoolClient.CheckResponse(Exchange{Status: 200, Header: okHeader(), Body: []byte(body)})
		g.Expect(fs).To(HaveLen(1), body)
		g.Expect(fs[0].Check).To(Equal(CheckShape), body)
		g.Expect(fs[0].Rule).To(Equal("type"), body)
	}
}
