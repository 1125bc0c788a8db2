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

// strReference is shapeWalk.str as it was before countWithin: every string not counted as it
// was read is counted.
func (w *shapeWalk) strReference(s *Shape, c *Constraints, n *jnode) {
	v, sensitive := n.s, s.Sensitive
	if s.Type == "enum" && !contains(s.EnumValues, v) {
		w.add("enum", w.pathString(), "one of ["+strings.Join(s.EnumValues, ", ")+"]", showValue(v, sensitive), src(s))
		return
	}
	chars := float64(n.chars)
	if !n.counted {
		chars = float64(runeCount(v))
	}
	w.bounds("length", c.Length, chars, "characters", s)
	if !c.matchPattern(v) {
		w.add("pattern", w.pathString(), "a value matching "+c.Pattern, showValue(v, sensitive), src(s))
	}
}

// lengthTexts are texts of about n characters or n bytes for the length checks: ASCII, two-,
// three- and four-byte characters, invalid bytes, encoded surrogates, mixed, and each a
// character shorter and longer.
func lengthTexts(n int) []string {
	units := []string{"a", "é", "€", "😀", "\xff", "\xed\xa0\x80", "a€\xc3", "\\u0041", "\x01"}
	tails := []string{"", "a"}
	if n > 1<<12 { // a huge bound: one unit of each byte length and an invalid byte, no tail
		units, tails = []string{"a", "é", "€", "😀", "\xff"}, tails[:1]
	}
	var out []string
	for _, u := range units {
		for _, k := range []int{n - 1, n, n + 1, n / 2, n / 4, (n + 3) / 4, n/4 - 1, n/4 + 1, n/3 + 1, n / 3} {
			for _, tail := range tails {
				if k >= 0 {
					out = append(out, strings.Repeat(u, k)+tail)
				}
			}
		}
	}
	return out
}

// TestStrLengthAsCounted: a string's length findings are those of counting its characters
// (strReference) for every string shape of the model with a @length, texts around both
// bounds in every kind of byte (countWithin's ends: a byte a character, utf8.UTFMax bytes a
// character), counted as read or not, valid ones in a well-formed walk too (wellFormedChars),
// and with no bounds at all.
func TestStrLengthAsCounted(t *testing.T) {
	t.Parallel()
	seen := map[[2]int64]bool{} // shapes of the same bounds are checked once
	for _, s := range UpdateUserPoolClient.Model.Shapes() {
		if s.Type != "string" || s.Length == nil {
			continue
		}
		lo, hasLo := s.Length.MinInt()
		hi, hasHi := s.Length.MaxInt()
		if seen[[2]int64{lo, hi}] {
			continue
		}
		seen[[2]int64{lo, hi}] = true
		var sizes []int // lengthTexts(n) has texts of n/4..n+1 characters of 1..4 bytes
		if hasLo {
			sizes = append(sizes, int(lo), int(lo)*utf8.UTFMax)
		}
		if hasHi {
			sizes = append(sizes, int(hi))
		}
		sizes = append(sizes, 0, 1, 2, 5)
		for _, c := range []Constraints{{Length: s.Length}, {}} { // the length alone: no pattern
			for _, size := range sizes {
				for _, v := range lengthTexts(size) {
					for _, counted := range []bool{false, true} {
						n := jnode{kind: jString, s: v}
						if counted {
							n.counted, n.chars = true, uint32(utf8.RuneCountInString(v))
						}
						for _, wellFormed := range []bool{false, utf8.ValidString(v)} { // a decoded tree's strings are valid
							got, want := shapeWalk{wellFormed: wellFormed}, shapeWalk{}
							got.path, want.path = []wstep{{name: "P"}}, []wstep{{name: "P"}}
							got.str(s, &c, &n)
							want.strReference(s, &c, &n)
							if !slices.Equal(got.findings, want.findings) {
								t.Fatalf("%s %q (%d bytes, counted %v, well-formed %v): str %v, counting %v", s.Name, v, len(v), counted, wellFormed, got.findings, want.findings)
							}
							strFitsAgrees(t, wellFormed, s, &c, &n)
						}
					}
				}
			}
		}
	}
	if len(seen) == 0 {
		t.Fatal("no string shape with a @length in the model")
	}
}

// FuzzStrLength holds shapeWalk.str's length findings to strReference for any text and the
// model's ClientNameType bounds and none, in a well-formed walk when the text is valid UTF-8.
func FuzzStrLength(f *testing.F) {
	for _, v := range lengthTexts(5) {
		f.Add(v)
	}
	s, _ := UpdateUserPoolClient.Model.Shape("ClientNameType")
	f.Fuzz(func(t *testing.T, v string) {
		for _, c := range []Constraints{s.Constraints, {}} {
			n := jnode{kind: jString, s: v}
			got, want := shapeWalk{wellFormed: utf8.ValidString(v)}, shapeWalk{}
			got.str(s, &c, &n)
			want.strReference(s, &c, &n)
			if !slices.Equal(got.findings, want.findings) {
				t.Fatalf("%q: str %v, counting %v", v, got.findings, want.findings)
			}
			strFitsAgrees(t, got.wellFormed, s, &c, &n)
		}
	})
}

// strFitsAgrees: strFits answers for n, in a walk well-formed or not, whether str adds no
// finding for it (s: a shape of type "string", whose str checks @length and @pattern only).
func strFitsAgrees(t testing.TB, wellFormed bool, s *Shape, c *Constraints, n *jnode) {
	t.Helper()
	w := shapeWalk{wellFormed: wellFormed, path: []wstep{{name: "P"}}}
	w.str(s, c, n)
	if fits := w.strFits(c, n); fits != (len(w.findings) == 0) {
		t.Fatalf("%s %.80q (counted %v, well-formed %v): strFits %v, str %v", s.Name, n.s, n.counted, wellFormed, fits, w.findings)
	}
}

// TestStrFitsIsStr: strFits answers whether str adds no finding for every string shape of the
// model under its own constraints (@length and @pattern) and none, for texts around its bounds
// in every kind of byte (lengthTexts: multibyte, invalid UTF-8, a surrogate's encoding, an escape
// as text, a control character), values its pattern takes and leaves (URLs, names, spaces, line
// breaks), empty and huge, counted as read or not, in a well-formed walk when valid.
func TestStrFitsIsStr(t *testing.T) {
	t.Parallel()
	values := []string{"", "a", "https://a.example/cb", "http://localhost:8080/x", "email", "custom:tenant",
		"a b", "a\nb", "a\u0000", "https://é.example", `\ud83d\ude00`, "😀", "x\xffy", strings.Repeat("a", 70000)}
	fits, broken := 0, 0
	for _, s := range UpdateUserPoolClient.Model.Shapes() {
		if s.Type != "string" {
			continue
		}
		texts := append(lengthTexts(5), values...)
		if hi, ok := s.Length.MaxInt(); ok && hi <= 1<<12 {
			texts = append(texts, lengthTexts(int(hi))...)
		}
		for _, c := range []Constraints{s.Constraints, {Length: s.Length}, {}} {
			for _, v := range texts {
				for _, counted := range []bool{false, true} {
					n := jnode{kind: jString, s: v}
					if counted {
						n.counted, n.chars = true, uint32(utf8.RuneCountInString(v))
					}
					for _, wellFormed := range []bool{false, utf8.ValidString(v)} {
						strFitsAgrees(t, wellFormed, s, &c, &n)
					}
					w := shapeWalk{wellFormed: utf8.ValidString(v)}
					if w.strFits(&c, &n) {
						fits++
					} else {
						broken++
					}
				}
			}
		}
	}
	if fits == 0 || broken == 0 {
		t.Fatalf("%d texts fit, %d do not: both kinds wanted", fits, broken)
	}
}

// BenchmarkStrLength times shapeWalk.str in a well-formed walk (a decoded answer's) on names
// not counted as read under ClientNameType's @length next to strReference, which counts every
// one, alternating in one loop, and reports both and their ratio: short multibyte and ASCII at
// the bound (the bytes decide), multibyte at the bound (more bytes than the bound: counted by
// wellFormedChars). go test ./contracts -run '^$' -bench StrLength
func BenchmarkStrLength(b *testing.B) {
	s, _ := UpdateUserPoolClient.Model.Shape("ClientNameType")
	hi, _ := s.Length.MaxInt()
	c := Constraints{Length: s.Length}
	texts := map[string]string{"short": "café-ñandú-😀", "at-max": strings.Repeat("é", int(hi)), "ascii-max": strings.Repeat("a", int(hi))}
	for name, v := range texts {
		b.Run(name, func(b *testing.B) {
			n := jnode{kind: jString, s: v}
			const reps = 16 // rounds between two clock readings
			var fast, ref time.Duration
			w := shapeWalk{wellFormed: true}
			for b.Loop() {
				t0 := time.Now()
				for range reps {
					w.str(s, &c, &n)
				}
				t1 := time.Now()
				for range reps {
					w.strReference(s, &c, &n)
				}
				ref += time.Since(t1)
				fast += t1.Sub(t0)
			}
			if len(w.findings) > 0 {
				b.Fatal(w.findings)
			}
			per := float64(b.N * reps)
			b.ReportMetric(float64(fast.Nanoseconds())/per, "str-ns/op")
			b.ReportMetric(float64(ref.Nanoseconds())/per, "counting-ns/op")
			b.ReportMetric(float64(fast)/float64(ref), "str/counting")
		})
	}
}

// wellFormedTexts are valid UTF-8 texts for wellFormedChars: every mix of one- to four-byte
// characters of up to three characters at every offset of a word, long runs, empty.
func wellFormedTexts() []string {
	chars := []string{"a", "\x7f", "é", "\u07ff", "€", "\u2028", "\uffff", "😀", "\U0010ffff", "\x00"}
	out := []string{"", strings.Repeat("é€😀a", 5000)}
	for _, pre := range []string{"", "a", "abc", "abcdefg", "abcdefgh", "abcdefghijklmno"} {
		for _, a := range chars {
			for _, b := range chars {
				out = append(out, pre+a+b, pre+a+b+a+"x")
			}
		}
	}
	return out
}

// TestWellFormedCharsIsRuneCount: wellFormedChars counts valid UTF-8 as
// utf8.RuneCountInString does.
func TestWellFormedCharsIsRuneCount(t *testing.T) {
	t.Parallel()
	for _, v := range wellFormedTexts() {
		if got, want := wellFormedChars(v), int64(utf8.RuneCountInString(v)); got != want {
			t.Fatalf("%q: %d characters, utf8.RuneCountInString %d", v, got, want)
		}
	}
}

// FuzzWellFormedChars holds wellFormedChars to utf8.RuneCountInString for valid UTF-8.
func FuzzWellFormedChars(f *testing.F) {
	for _, v := range wellFormedTexts()[:40] {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if !utf8.ValidString(v) {
			v = strings.ToValidUTF8(v, "\uFFFD")
		}
		if got, want := wellFormedChars(v), int64(utf8.RuneCountInString(v)); got != want {
			t.Fatalf("%q: %d characters, utf8.RuneCountInString %d", v, got, want)
		}
	})
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
