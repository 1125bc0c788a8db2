package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jarcoal/httpmock"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/scrub"
)

func TestSourcesAreDeterministic(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, err := NewGenerator(nil, testStates()...)
	g.Expect(err).NotTo(HaveOccurred())
	for name, pair := range map[string][2]*Source{
		"same seed":  {NewSource(42), NewSource(42)},
		"same bytes": {NewFromGoFuzz([]byte("cognito-contract")), NewFromGoFuzz([]byte("cognito-contract"))},
	} {
		for i := 0; i < 200; i++ {
			a, b := gen.Draw(pair[0]), gen.Draw(pair[1])
			g.Expect(a.ID).To(Equal(b.ID), name)
			g.Expect(a.Body).To(Equal(b.Body), name)
		}
	}
	a, b := gen.Draw(NewSource(1)), gen.Draw(NewSource(2))
	g.Expect(a.Body).NotTo(Equal(b.Body), "different seeds draw different requests")
}

func TestNewGeneratorRejectsBadStates(t *testing.T) {
	t.Parallel()
	for name, states := range map[string][]contracts.State{
		"no state":     nil,
		"no pool":      {{Client: &contracts.ClientState{ID: "c"}}},
		"no client id": {{Pool: &contracts.PoolState{ID: "us-east-1_a"}, Client: &contracts.ClientState{}}},
	} {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			_, err := NewGenerator(nil, states...)
			g.Expect(err).To(MatchError(ContainSubstring("NewGenerator")))
		})
	}
}

func TestAlphabetsComeFromThePatterns(t *testing.T) {
	t.Parallel()
	m := contracts.DefaultModel()
	for name, tc := range map[string]struct {
		shape          string
		allows, denies []rune
	}{
		"ClientIdType: \\w and + only, no '-' (OB-07)":      {"ClientIdType", []rune{'a', '_', '+'}, []rune{'-', ' ', 'é'}},
		"RedirectUrlType: L M S N P, no spaces (R5, R31)":   {"RedirectUrlType", []rune{'あ', '/', '€', '\u0301'}, []rune{' ', '\u3000', '\u200b'}},
		"ProviderNameType: Z allowed since 2023-08 (§9)":    {"ProviderNameType", []rune{' ', '\u3000', 'あ'}, []rune{'\u200b'}},
		"ScopeType: printable ASCII but '\"' and '\\\\'":    {"ScopeType", []rune{'!', '~', '/'}, []rune{'"', '\\', ' '}},
		"UserPoolIdType: structured, no rune alone matches": {"UserPoolIdType", nil, []rune{'a', '_'}},
	} {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			s, ok := m.Shape(tc.shape)
			g.Expect(ok).To(BeTrue())
			a := alphabetOf(s.Regexp())
			all := append(append([]rune{}, a.ascii...), a.multibyte...)
			for _, r := range tc.allows {
				g.Expect(all).To(ContainElement(r))
			}
			for _, r := range tc.denies {
				g.Expect(a.denied).To(ContainElement(r))
			}
		})
	}
}

func TestPositiveDrawsHitTheEdges(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, _ := NewGenerator(nil, testStates()...)
	src := NewSource(3)
	name, _ := contracts.UpdateUserPoolClient.Operation.Input.MemberNamed("ClientName")
	lo, _ := name.Effective().Length.MinInt()
	hi, _ := name.Effective().Length.MaxInt()
	lengths, enums, multibyte := map[int]bool{}, map[string]bool{}, false
	for i := 0; i < 2000; i++ {
		c := gen.DrawMode(src, Positive)
		if s, ok := c.Request["ClientName"].(string); ok {
			lengths[utf8.RuneCountInString(s)] = true
		}
		if v, ok := c.Request["PreventUserExistenceErrors"].(string); ok {
			enums[v] = true
		}
		if cb, ok := c.Request["CallbackURLs"].([]any); ok {
			for _, u := range cb {
				multibyte = multibyte || utf8.RuneCountInString(u.(string)) != len(u.(string))
			}
		}
	}
	g.Expect(lengths).To(HaveKey(int(lo)), "minimum length")
	g.Expect(lengths).To(HaveKey(int(hi)), "maximum length")
	pue, _ := contracts.UpdateUserPoolClient.Operation.Input.MemberNamed("PreventUserExistenceErrors")
	g.Expect(enums).To(HaveLen(len(pue.Target.EnumValues)), "every enum value")
	g.Expect(multibyte).To(BeTrue(), "multibyte URLs (R31)")
}

func TestMutations(t *testing.T) {
	t.Parallel()
	req := map[string]any{"UserPoolId": "us-east-1_AbC", "ClientId": "abc", "ClientName": "app", "AuthSessionValidity": int64(3)}
	for name, tc := range map[string]struct {
		m     mutation
		check func(g *WithT, body []byte)
	}{
		"wrong type": {mutation{kind: "wrong-type", member: "ClientName"}, func(g *WithT, b []byte) {
			g.Expect(string(b)).To(ContainSubstring(`"ClientName":12`))
		}},
		"duplicate key keeps both": {mutation{kind: "duplicate-key", member: "ClientName"}, func(g *WithT, b []byte) {
			g.Expect(strings.Count(string(b), `"ClientName"`)).To(Equal(2))
			g.Expect(json.Valid(b)).To(BeTrue())
		}},
		"invalid UTF-8": {mutation{kind: "invalid-utf8", member: "ClientName"}, func(g *WithT, b []byte) {
			g.Expect(utf8.Valid(b)).To(BeFalse())
		}},
		"unknown member (R32)": {mutation{kind: "unknown-member"}, func(g *WithT, b []byte) {
			g.Expect(string(b)).To(HaveSuffix(`,"GenerateSecret":true}`))
		}},
		"case-variant key": {mutation{kind: "case-variant-key", member: "ClientName"}, func(g *WithT, b []byte) {
			g.Expect(string(b)).To(ContainSubstring(`"clientName":"app"`))
		}},
		"huge string": {mutation{kind: "huge-string", member: "ClientName"}, func(g *WithT, b []byte) {
			g.Expect(len(b)).To(BeNumerically(">", hugeLength))
		}},
		"truncated after n bytes": {mutation{kind: "truncated", n: 10}, func(g *WithT, b []byte) {
			g.Expect(b).To(HaveLen(10))
			g.Expect(json.Valid(b)).To(BeFalse())
		}},
		// S5: an empty body is the empty input {} (contracts.RequestBody).
		"truncated to nothing": {mutation{kind: "truncated", n: 0}, func(g *WithT, b []byte) {
			g.Expect(b).To(BeEmpty())
		}},
		"empty body": {mutation{kind: "empty-body", n: 0}, func(g *WithT, b []byte) {
			g.Expect(b).To(BeEmpty())
		}},
		"whitespace body": {mutation{kind: "empty-body", n: 2}, func(g *WithT, b []byte) {
			g.Expect(string(b)).To(Equal("\r\n\t "))
		}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tc.check(NewWithT(t), tc.m.apply(req))
		})
	}
}

func TestSDKExpressible(t *testing.T) {
	t.Parallel()
	base := func(extra map[string]any) map[string]any {
		r := map[string]any{"UserPoolId": "us-east-1_AbC", "ClientId": "abc"}
		for k, v := range extra {
			r[k] = v
		}
		return r
	}
	for name, tc := range map[string]struct {
		req map[string]any
		ok  bool
	}{
		"plain": {base(map[string]any{"ClientName": "a", "AuthSessionValidity": int64(3)}), true},
		"RefreshTokenValidity 0 is dropped (§8)":  {base(map[string]any{"RefreshTokenValidity": int64(0)}), false},
		"flag false is dropped (§8)":              {base(map[string]any{"AllowedOAuthFlowsUserPoolClient": false}), false},
		"pointer false is sent (§8)":              {base(map[string]any{"EnableTokenRevocation": false}), true},
		"missing ClientId fails client-side (§8)": {map[string]any{"UserPoolId": "us-east-1_AbC"}, false},
		"rotation without Feature fails (R4, §8)": {base(map[string]any{"RefreshTokenRotation": map[string]any{}}), false},
		"value beyond int32":                      {base(map[string]any{"AuthSessionValidity": int64(1) << 40}), false},
		"unknown member":                          {base(map[string]any{"GenerateSecret": true}), false},
		"empty list is sent as [] (§8)":           {base(map[string]any{"CallbackURLs": []any{}}), true},
	} {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			_, ok := sdkInput(contracts.UpdateUserPoolClient, tc.req, marshal(tc.req))
			g.Expect(ok).To(Equal(tc.ok))
		})
	}
}

func TestFindingRendering(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	const secret = "s3cr3tS3cr3tS3cr3tS3cr3tS3cr3t"
	req := map[string]any{"UserPoolId": "us-east-1_AbC", "ClientId": "abc123", "ClientName": "it's"}
	fd := Finding{
		Check: contracts.CheckErrorCode, Member: "ClientName",
		Departure: contracts.Finding{Check: contracts.CheckErrorCode, Member: "ClientName", Expected: "InvalidParameterException", Actual: "200 with " + secret},
		Case:      Case{ID: "ClientName/too-long", Request: req, Body: marshal(req)},
		Result:    Result{Prediction: contracts.Prediction{Status: 400, Code: "InvalidParameterException"}},
		Target:    "mock", Seed: 7,
		scrubber: scrub.New(map[string]string{"{{UserPoolId}}": "us-east-1_AbC", "{{ClientId}}": "abc123", "{{ClientSecret}}": secret}),
	}
	fx := fd.Fixture()
	g.Expect(bytes.Contains(fx, []byte(secret))).To(BeFalse(), "the client secret never reaches a fixture")
	g.Expect(string(fx)).To(ContainSubstring(`"UserPoolId": "{{UserPoolId}}"`))
	g.Expect(string(fx)).To(ContainSubstring("found by cognito-contract fuzz seed 7 against mock"))
	g.Expect(fd.String()).NotTo(ContainSubstring(secret))
	g.Expect(fd.CLICommand()).To(Equal(`aws cognito-idp update-user-pool-client --cli-input-json '{"ClientId":"'"$CLIENT_ID"'","ClientName":"it'\''s","UserPoolId":"'"$USER_POOL_ID"'"}'`))
	g.Expect(fd.String()).To(ContainSubstring("rerun:    cognito-contract fuzz --target mock --seed 7\n"))
	for name, want := range map[string]string{
		"http://127.0.0.1:9229": "--target http://127.0.0.1:9229 --seed 7",
		"aws:eu-west-1":         `--target aws --region eu-west-1 --sandbox-account "$SANDBOX_ACCOUNT" --seed 7`,
	} {
		fd.Target = name
		g.Expect(fd.String()).To(ContainSubstring("rerun:    cognito-contract fuzz "+want+"\n"), "target %s", name)
	}
}

// TestEmptyBodiesAreTheEmptyInput sends empty and whitespace bodies raw to the emulator, both
// ways the harness sends (through the target, and directly over httpmock): each is the empty
// input {} (S5; contracts.RequestBody), so the required ids are null, and the oracle agrees
// with the answer.
func TestEmptyBodiesAreTheEmptyInput(t *testing.T) {
	t.Parallel()
	_, direct, _ := benchHarnessOn(t, func(mt *httpmock.MockTransport) http.RoundTripper { return mt })
	_, viaTarget, _ := benchHarnessOn(t, nil)
	for name, h := range map[string]*Harness{"direct": direct, "target": viaTarget} {
		for _, body := range []string{"", " ", "\r\n\t ", "{}"} {
			t.Run(fmt.Sprintf("%s/%q", name, body), func(t *testing.T) {
				g := NewWithT(t)
				res, err := h.Execute(context.Background(), Case{ID: "body/empty-body", Mode: Raw, Body: []byte(body)})
				g.Expect(err).NotTo(HaveOccurred())
				g.Expect(res.Findings).To(BeEmpty())
				g.Expect(res.ViaSDK).To(BeFalse())
				g.Expect(res.Exchange.Status).To(Equal(http.StatusBadRequest))
				g.Expect(res.Prediction.Code).To(Equal("InvalidParameterException"))
				g.Expect(res.Prediction.Message).To(ContainSubstring("Value null at 'userPoolId' failed to satisfy constraint: Member must not be null"))
			})
		}
	}
}

// TestRuleBreaksNameContractRules checks that every rule break names a rule of the contract
// (a misspelt id would silently drop the break), and that exactly the enforced ones are drawn.
func TestRuleBreaksNameContractRules(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	byID := map[string]contracts.Rule{}
	for _, r := range contracts.Rules() {
		byID[r.ID] = r
	}
	drawn := 0
	for _, b := range allRuleBreaks {
		r, ok := byID[b.rule]
		g.Expect(ok).To(BeTrue(), "break %s names rule %s", b.id, b.rule)
		if r.Enforced == "request" {
			drawn++
		}
	}
	g.Expect(ruleBreaks).To(HaveLen(drawn))
}
