package contracts

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

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

// memberSlotsReference is memberSlots looking every name up (info.index): the slots encoding/json's
// map gives, the last of duplicates winning.
func memberSlotsReference(s *Shape, obj *jnode, slots []*jnode) (unknown bool) {
	info := infoOf(s)
	for i := range obj.kids {
		j, ok := info.index[obj.kids[i].name]
		if !ok {
			unknown = true
			continue
		}
		slots[j] = &obj.kids[i].val
	}
	return unknown
}

// memberSlots (names compared with the members just ahead first) fills the slots the lookup by
// name fills: model order with and without gaps (wider than slotAhead too), sorted, reversed,
// duplicates, unknown and near-miss names, escaped and multibyte names, none.
func TestMemberSlotsAsReference(t *testing.T) {
	t.Parallel()
	s := UpdateUserPoolClient.Operation.Output.Members[0].Target
	var names []string
	for _, m := range s.Members {
		names = append(names, m.Name)
	}
	sorted := slices.Sorted(slices.Values(names))
	reversed := slices.Clone(names)
	slices.Reverse(reversed)
	var gaps, wide []string
	for i, n := range names {
		if i%3 == 0 {
			gaps = append(gaps, n)
		}
		if i%(slotAhead+2) == 0 {
			wide = append(wide, n)
		}
	}
	cases := [][]string{names, sorted, reversed, gaps, wide, {}, {names[0], names[0]}, {names[2], names[1], names[2]},
		{"Unknown", names[0], "clientName", names[1] + "x", "", "é\u2028", names[len(names)-1], names[0]}}
	for _, keys := range cases {
		doc := keyedObject(keys)
		obj, ok := decodeNode([]byte(doc))
		if !ok {
			t.Fatalf("%s: not read", doc)
		}
		for _, sh := range []*Shape{s, unindexed(s)} { // through the name index, and ahead then by name
			got, want := make([]*jnode, len(sh.Members)), make([]*jnode, len(sh.Members))
			gu, wu := memberSlots(sh, &obj, got), memberSlotsReference(sh, &obj, want)
			if gu != wu || !slices.Equal(got, want) {
				t.Fatalf("%s (indexed %v): memberSlots unknown %v %v, the lookup %v %v", doc, sh.names != nil, gu, got, wu, want)
			}
		}
	}
}

// unindexed is a structure shape with s's members whose names are not indexed (Shape.names
// nil), as a shape made by hand is.
func unindexed(s *Shape) *Shape {
	return &Shape{ID: s.ID, Name: s.Name, Type: s.Type, Members: s.Members}
}

// formerMemberSlots is memberSlots as it was before memberAhead: the member just after the last
// one found, then the lookup by name.
func formerMemberSlots(s *Shape, obj *jnode, slots []*jnode) (unknown bool) {
	info := infoOf(s)
	next := 0
	for i := range obj.kids {
		name := obj.kids[i].name
		j := next
		if j >= len(s.Members) || s.Members[j].Name != name {
			var ok bool
			if j, ok = info.index[name]; !ok {
				unknown = true
				continue
			}
		}
		slots[j], next = &obj.kids[i].val, j+1
	}
	return unknown
}

// BenchmarkMemberSlots slots a client's members in model order with every other one left out
// (an answer with some members absent) and sorted (encoding/json's order, a drawn request's),
// through the name index (slots), ahead then by name (ahead: the same shape unindexed) and with
// formerMemberSlots in one loop, the order turning; reported: each one's fastest pass over
// 1000 slottings, per slotting, and slots/ahead.
//
//	go test ./contracts -run '^$' -bench '^BenchmarkMemberSlots$' -benchtime 200x -count 3
func BenchmarkMemberSlots(b *testing.B) {
	s := UpdateUserPoolClient.Operation.Output.Members[0].Target
	var gaps []string
	for i, m := range s.Members {
		if i%2 == 0 {
			gaps = append(gaps, m.Name)
		}
	}
	hand := unindexed(s)
	for name, keys := range map[string][]string{"model-order-gaps": gaps, "sorted": slices.Sorted(slices.Values(gaps))} {
		doc := keyedObject(keys)
		obj, _ := decodeNode([]byte(doc))
		slots := make([]*jnode, len(s.Members))
		ways := [...]func(){
			func() { memberSlots(s, &obj, slots) },
			func() { memberSlots(hand, &obj, slots) },
			func() { formerMemberSlots(s, &obj, slots) },
		}
		b.Run(name, func(b *testing.B) {
			best := [len(ways)]time.Duration{time.Hour, time.Hour, time.Hour}
			for i := 0; b.Loop(); i++ {
				for k := range ways {
					j := (k + i) % len(ways)
					start := time.Now()
					for range 1000 {
						ways[j]()
					}
					best[j] = min(best[j], time.Since(start))
				}
			}
			for k, label := range [...]string{"slots", "ahead", "former"} {
				b.ReportMetric(float64(best[k].Nanoseconds())/1000, label+"-ns")
			}
			b.ReportMetric(float64(best[0])/float64(best[1]), "slots/ahead")
		})
	}
}

// keyedObject is the JSON object of keys in their order, each key's value its index.
func keyedObject(keys []string) string {
	var doc strings.Builder
	doc.WriteString("{")
	for i, k := range keys {
		if i > 0 {
			doc.WriteString(",")
		}
		fmt.Fprintf(&doc, "%q:%d", k, i)
	}
	doc.WriteString("}")
	return doc.String()
}

// treeStringsWellFormed reports whether every string and member name of a tree is valid UTF-8.
func treeStringsWellFormed(n *jnode) bool {
	if n.kind == jString && !utf8.ValidString(n.s) {
		return false
	}
	for i := range n.kids {
		if !utf8.ValidString(n.kids[i].name) || !treeStringsWellFormed(&n.kids[i].val) {
			return false
		}
	}
	return true
}

// wellFormedBodies are 200 bodies whose strings are not plain: invalid UTF-8 as is, escaped
// lone and paired surrogates, escaped controls, multibyte, in values and in names.
var wellFormedBodies = []string{
	"{\"UserPoolClient\":{\"ClientName\":\"a\xffb\",\"CallbackURLs\":[\"\xed\xa0\x80\",\"\xc3\"]}}",
	`{"UserPoolClient":{"ClientName":"\ud800","LogoutURLs":["\udc00x","\ud83d\ude00","\ud83d"]}}`,
	"{\"UserPoolClient\":{\"ClientName\":\"\\u0000\\n\\u2028é€😀\",\"Cl\\u00e9\":\"\\ud800\\u0041\"}}",
	"{\"UserPoolClient\":{\"ClientName\":\"é\xe2\x82\",\"\xff\":1,\"a\\u00e9\xc3\":\"\\\"\xf0\x9f\"}}",
}

// TestDecodeTreeViewIsWellFormed: the trees checkSuccessKept walks (decodeTreeView, in the
// check's arena) hold valid UTF-8 alone, the promise shapeWalk.wellFormed reads.
func TestDecodeTreeViewIsWellFormed(t *testing.T) {
	t.Parallel()
	for _, body := range wellFormedBodies {
		a := newArena()
		n, _, err := decodeTreeView([]byte(body), a, false)
		if err != nil || !treeStringsWellFormed(&n) {
			t.Fatalf("%q: %v, a string not valid UTF-8 in %+v", body, err, n)
		}
		a.release()
	}
}

// FuzzDecodeTreeViewIsWellFormed holds decodeTreeView's trees to valid UTF-8 for any text.
func FuzzDecodeTreeViewIsWellFormed(f *testing.F) {
	for _, body := range wellFormedBodies {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		a := newArena()
		defer a.release()
		if n, _, err := decodeTreeView([]byte(body), a, false); err == nil && !treeStringsWellFormed(&n) {
			t.Fatalf("%q: a string not valid UTF-8 in %+v", body, n)
		}
	})
}

// The walk's infos (echoPlan.infos) are infoOf's answers, the same ones, for every structure
// the output reaches (the client and its nested structures among them), each once.
func TestWalkInfosAreInfoOf(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient
	pl := c.echoPlan()
	seen := map[*Shape]bool{}
	for _, in := range pl.infos {
		if seen[in.shape] || in.info != infoOf(in.shape) || (in.shape.Type != "structure" && in.shape.Type != "union") {
			t.Fatalf("%s: held twice, not infoOf's or not a structure", in.shape.Name)
		}
		seen[in.shape] = true
	}
	for _, s := range []*Shape{c.Operation.Output, pl.client} {
		if !seen[s] {
			t.Fatalf("%s is not held", s.Name)
		}
		for _, m := range s.Members {
			if m.Target.Type == "structure" && !seen[m.Target] {
				t.Fatalf("%s.%s (%s) is not held", s.Name, m.Name, m.Target.Name)
			}
		}
	}
	w := shapeWalk{infos: pl.infos}
	other := &Shape{Name: "Other", Type: "structure"}
	if w.info(pl.client) != infoOf(pl.client) || w.info(other) != infoOf(other) {
		t.Fatal("info is not infoOf")
	}
}
