package contracts_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// rawModel is the embedded file decoded generically: the independent reading the interpreter
// is compared with.
func rawModel(t *testing.T) map[string]map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("model", "cognito-idp.smithy.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Shapes map[string]map[string]any `json:"shapes"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Shapes
}

func bound(b *contracts.Bounds, side string) any {
	if b == nil {
		return nil
	}
	v := b.Min
	if side == "max" {
		v = b.Max
	}
	if v == nil {
		return nil
	}
	return *v
}

// Every constraint trait of every shape in the file reads back from the interpreter unchanged:
// lengths, ranges, patterns, enum values (in model order), error kinds, defaults.
func TestModelReadsEveryConstraintAsData(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	raw := rawModel(t)
	m := contracts.DefaultModel()
	checked := 0
	for id, body := range raw {
		typ, _ := body["type"].(string)
		if typ == "operation" || typ == "service" {
			continue
		}
		s, ok := m.Shape(id)
		g.Expect(ok).To(BeTrue(), id)
		g.Expect(s.Type).To(Equal(typ), id)
		traits, _ := body["traits"].(map[string]any)
		for trait, got := range map[string]*contracts.Bounds{"smithy.api#length": s.Length, "smithy.api#range": s.Range} {
			want, has := traits[trait].(map[string]any)
			if !has {
				g.Expect(got).To(BeNil(), id+" "+trait)
				continue
			}
			for _, side := range []string{"min", "max"} {
				if want[side] == nil {
					g.Expect(bound(got, side)).To(BeNil(), id+" "+trait+" "+side)
				} else {
					g.Expect(bound(got, side)).To(Equal(want[side]), id+" "+trait+" "+side)
				}
			}
			checked++
		}
		if p, has := traits["smithy.api#pattern"].(string); has {
			g.Expect(s.Pattern).To(Equal(p), id)
			g.Expect(s.Regexp()).NotTo(BeNil(), id)
			checked++
		}
		if e, has := traits["smithy.api#error"].(string); has {
			g.Expect(s.Error).To(Equal(e), id)
		}
		if typ == "enum" {
			var want []string
			for _, name := range orderedMemberNames(t, id) {
				mt := body["members"].(map[string]any)[name].(map[string]any)["traits"].(map[string]any)
				want = append(want, mt["smithy.api#enumValue"].(string))
			}
			g.Expect(s.EnumValues).To(Equal(want), id)
			checked++
		}
	}
	g.Expect(checked).To(BeNumerically(">", 50))
}

// orderedMemberNames reads a shape's member names in file order with a streaming decoder.
func orderedMemberNames(t *testing.T, id string) []string {
	t.Helper()
	s, ok := contracts.DefaultModel().Shape(id)
	if !ok {
		t.Fatalf("no shape %s", id)
	}
	b, _ := os.ReadFile(filepath.Join("model", "cognito-idp.smithy.json"))
	// The file's member order for this shape: find each member key's first offset after the
	// shape id, and check the interpreter kept that order.
	start := bytes.Index(b, []byte(`"`+id+`": {`))
	if start < 0 {
		t.Fatalf("shape %s not found in the file", id)
	}
	var names []string
	last := start
	for _, mem := range s.Members {
		i := bytes.Index(b[start:], []byte(`"`+mem.Name+`": {`))
		if i < 0 || start+i < last {
			t.Fatalf("%s: member %s out of file order", id, mem.Name)
		}
		last = start + i
		names = append(names, mem.Name)
	}
	return names
}

// The operation as the contract facts state it (§1, §2, §3, §5): 23 input members in model
// order, the 26-member client type, and the 10 errors of the current botocore / Go SDK list.
func TestModelUpdateUserPoolClientOperation(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	op := contracts.UpdateUserPoolClient.Operation
	g.Expect(op.Input.Members).To(HaveLen(23))
	g.Expect(op.Input.Members[0].Name).To(Equal("UserPoolId"))
	g.Expect(op.Input.Members[0].Effective().Required).To(BeTrue())
	g.Expect(op.Input.Members[1].Name).To(Equal("ClientId"))
	g.Expect(op.Input.Members[1].Target.Sensitive).To(BeTrue())
	client, ok := op.Output.MemberNamed("UserPoolClient")
	g.Expect(ok).To(BeTrue())
	g.Expect(client.Target.Members).To(HaveLen(26))
	var errs []string
	for _, e := range op.Errors {
		errs = append(errs, e.Name)
	}
	g.Expect(errs).To(ConsistOf("ConcurrentModificationException", "FeatureUnavailableInTierException",
		"InternalErrorException", "InvalidOAuthFlowException", "InvalidParameterException",
		"NotAuthorizedException", "OperationNotEnabledException", "ResourceNotFoundException",
		"ScopeDoesNotExistException", "TooManyRequestsException"))
	internal, _ := op.ErrorNamed("InternalErrorException")
	g.Expect(internal.Error).To(Equal("server"))
	g.Expect(contracts.UpdateUserPoolClient.Target()).To(Equal("AWSCognitoIdentityProviderService.UpdateUserPoolClient"))
	// The member-level @default(false) of the request and @default(null) of the output (§3).
	flag, _ := op.Input.MemberNamed("AllowedOAuthFlowsUserPoolClient")
	g.Expect(string(flag.Effective().Default)).To(Equal("false"))
	outFlag, _ := client.Target.MemberNamed("AllowedOAuthFlowsUserPoolClient")
	g.Expect(string(outFlag.Effective().Default)).To(Equal("null"))
}

// MemberIndex finds the first member of a name, as a search member by member does, through a
// loaded structure's name index and in a shape made by hand with the same members: every
// member's name of every structure, names one byte off, cut, lengthened, in another case, empty
// and longer than any (the index groups lengths modulo 32); MemberNamed answers that member.
func TestMemberIndexIsFirstByName(t *testing.T) {
	t.Parallel()
	first := func(s *contracts.Shape, name string) int {
		for j, m := range s.Members {
			if m.Name == name {
				return j
			}
		}
		return -1
	}
	dup := &contracts.Shape{ID: "x#Dup", Name: "Dup", Type: "structure",
		Members: []*contracts.Member{{Name: "A"}, {Name: "B"}, {Name: "A"}}}
	structures := []*contracts.Shape{dup}
	for _, s := range contracts.DefaultModel().Shapes() {
		if s.Type == "structure" {
			structures = append(structures, s)
		}
	}
	for _, s := range structures {
		byHand := &contracts.Shape{ID: s.ID, Name: s.Name, Type: s.Type, Members: s.Members}
		names := []string{"", "x", strings.Repeat("a", 200), "userPoolId", "CLIENTID"}
		for _, m := range s.Members {
			n := m.Name
			names = append(names, n, n[:len(n)-1], n+"s", strings.ToLower(n), n[:len(n)-1]+"_",
				n+strings.Repeat("x", 32))
		}
		for _, name := range names {
			want := first(s, name)
			if got, hand := s.MemberIndex(name), byHand.MemberIndex(name); got != want || hand != want {
				t.Fatalf("%s: MemberIndex(%q) = %d, by hand %d, want %d", s.ID, name, got, hand, want)
			}
			if m, ok := s.MemberNamed(name); ok != (want >= 0) || ok && m != s.Members[want] {
				t.Fatalf("%s: MemberNamed(%q) = %v, %v, want member %d", s.ID, name, m, ok, want)
			}
		}
	}
}

// A newer model loads at run time and changes the contract without a code change: the same
// file with ClientNameType's maximum lowered moves the boundary Validate enforces.
func TestLoadModelFileChangesTheContract(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	raw, err := os.ReadFile(filepath.Join("model", "cognito-idp.smithy.json"))
	g.Expect(err).NotTo(HaveOccurred())
	var doc map[string]any
	g.Expect(json.Unmarshal(raw, &doc)).To(Succeed())
	name := doc["shapes"].(map[string]any)[contracts.Namespace+"#ClientNameType"].(map[string]any)
	name["traits"].(map[string]any)["smithy.api#length"] = map[string]any{"min": 1, "max": 10}
	b, _ := json.Marshal(doc)
	path := filepath.Join(t.TempDir(), "newer.json")
	g.Expect(os.WriteFile(path, b, 0o644)).To(Succeed())

	m, err := contracts.LoadModelFile(path)
	g.Expect(err).NotTo(HaveOccurred())
	c, err := contracts.New(m)
	g.Expect(err).NotTo(HaveOccurred())
	body := []byte(`{"UserPoolId":"us-east-1_abc","ClientId":"abc","ClientName":"elevenchars"}`)
	g.Expect(contracts.UpdateUserPoolClient.Validate(body)).To(BeEmpty())
	v := c.Validate(body)
	g.Expect(v).To(HaveLen(1))
	g.Expect(v[0].Message).To(Equal("Value 'elevenchars' at 'clientName' failed to satisfy constraint: Member must have length less than or equal to 10"))
}

// A model that cannot be interpreted is an error naming the file and what is wrong; nothing panics.
func TestLoadModelErrors(t *testing.T) {
	t.Parallel()
	svc := `"com.amazonaws.cognitoidentityprovider#S":{"type":"service"}`
	cases := map[string]struct{ body, want string }{
		"not-json":         {`{`, "not a Smithy JSON AST"},
		"smithy-1":         {`{"smithy":"1.0","shapes":{}}`, `field "smithy": want a 2.x Smithy JSON AST, got "1.0"`},
		"no-service":       {`{"smithy":"2.0","shapes":{}}`, "no service shape"},
		"undefined":        {`{"smithy":"2.0","shapes":{` + svc + `,"a#L":{"type":"list","member":{"target":"a#Missing"}}}}`, `shapes["a#L"]: member: target "a#Missing" is not defined`},
		"bad-pattern":      {`{"smithy":"2.0","shapes":{` + svc + `,"a#S":{"type":"string","traits":{"smithy.api#pattern":"(["}}}}`, `shapes["a#S"]: smithy.api#pattern "([" does not compile`},
		"bad-length":       {`{"smithy":"2.0","shapes":{` + svc + `,"a#S":{"type":"string","traits":{"smithy.api#length":{"min":"x"}}}}}`, `shapes["a#S"]: smithy.api#length`},
		"missing-op":       {`{"smithy":"2.0","shapes":{` + svc + `}}`, ""},
		"shape-not-object": {`{"smithy":"2.0","shapes":{` + svc + `,"a#S":[]}}`, `shapes["a#S"]`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			path := filepath.Join(t.TempDir(), "m.json")
			g.Expect(os.WriteFile(path, []byte(tc.body), 0o644)).To(Succeed())
			m, err := contracts.LoadModelFile(path)
			if tc.want == "" { // loads, but has no UpdateUserPoolClient to test
				g.Expect(err).NotTo(HaveOccurred())
				_, err = contracts.New(m)
				g.Expect(err).To(MatchError(ContainSubstring(`operation "UpdateUserPoolClient" is not in the model`)))
				return
			}
			g.Expect(err).To(HaveOccurred())
			g.Expect(err.Error()).To(HavePrefix(path + ": "))
			g.Expect(err.Error()).To(ContainSubstring(tc.want))
			g.Expect(strings.Count(err.Error(), path)).To(Equal(1))
		})
	}
}

// modelWith is contracts.ModelWithShapes: the embedded model with edit applied to its shapes,
// loaded with LoadModelFile.
func modelWith(t *testing.T, edit func(shapes map[string]any)) (*contracts.Model, error) {
	t.Helper()
	return contracts.ModelWithShapes(t, edit)
}

// The semantic rules read the Contract's model, not the embedded one: a newer model moves
// R13's upper bound (AccessTokenValidityType's @range max) and adds a legacy flow to R17.
func TestNewModelMovesTheRules(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	m, err := modelWith(t, func(shapes map[string]any) {
		acc := shapes[contracts.Namespace+"#AccessTokenValidityType"].(map[string]any)
		acc["traits"].(map[string]any)["smithy.api#range"] = map[string]any{"min": 1, "max": 3600}
		flows := shapes[contracts.Namespace+"#ExplicitAuthFlowsType"].(map[string]any)
		flows["members"].(map[string]any)["NEW_LEGACY_AUTH"] = map[string]any{"target": "smithy.api#Unit",
			"traits": map[string]any{"smithy.api#enumValue": "NEW_LEGACY_AUTH"}}
	})
	g.Expect(err).NotTo(HaveOccurred())
	c, err := contracts.New(m)
	g.Expect(err).NotTo(HaveOccurred())
	st := contracts.State{Pool: &contracts.PoolState{ID: "us-east-1_abc"}, Client: &contracts.ClientState{ID: "abc"}}

	// R13: two hours of access token is within the embedded model's one day, outside 3600 s.
	body := []byte(`{"UserPoolId":"us-east-1_abc","ClientId":"abc","AccessTokenValidity":2,"TokenValidityUnits":{"AccessToken":"hours"}}`)
	g.Expect(contracts.UpdateUserPoolClient.Predict(body, st).OK()).To(BeTrue())
	p := c.Predict(body, st)
	g.Expect(p.Code).To(Equal("InvalidParameterException"))
	g.Expect(p.Violations).To(ConsistOf(HaveField("Rule", "R13")))
	g.Expect(p.Violations[0].Source).To(ContainSubstring(" 300..3600 seconds"))
	one := []byte(`{"UserPoolId":"us-east-1_abc","ClientId":"abc","AccessTokenValidity":1,"TokenValidityUnits":{"AccessToken":"hours"}}`)
	g.Expect(c.Predict(one, st).OK()).To(BeTrue())

	// R17: the new value has no ALLOW_ prefix, so it is legacy and can't be mixed with ALLOW_.
	mixed := []byte(`{"UserPoolId":"us-east-1_abc","ClientId":"abc","ExplicitAuthFlows":["NEW_LEGACY_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}`)
	p = c.Predict(mixed, st)
	g.Expect(p.Violations).To(ConsistOf(HaveField("Rule", "R17")))
	g.Expect(p.Violations[0].Source).To(ContainSubstring("NEW_LEGACY_AUTH"))
	alone := []byte(`{"UserPoolId":"us-east-1_abc","ClientId":"abc","ExplicitAuthFlows":["NEW_LEGACY_AUTH"]}`)
	g.Expect(c.Predict(alone, st).OK()).To(BeTrue())
}

// New fails naming the rule and the shape when the model lacks what a rule reads.
func TestNewNamesWhatARuleLacks(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		edit func(shapes map[string]any)
		want string
	}{
		// R13 reads the token validity @range max.
		"no-range": {func(s map[string]any) {
			delete(s[contracts.Namespace+"#IdTokenValidityType"].(map[string]any)["traits"].(map[string]any), "smithy.api#range")
		}, "rule R13: shape IdTokenValidityType has no @range max"},
		// R17 reads ExplicitAuthFlowsType's enum values.
		"no-enum-values": {func(s map[string]any) {
			s[contracts.Namespace+"#ExplicitAuthFlowsType"].(map[string]any)["members"] = map[string]any{}
		}, "rule R17: shape ExplicitAuthFlowsType has no enum values"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			m, err := modelWith(t, tc.edit)
			g.Expect(err).NotTo(HaveOccurred())
			_, err = contracts.New(m)
			g.Expect(err).To(MatchError(ContainSubstring(tc.want)))
		})
	}
}
