package contracts

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// refMemberConstraintText is the former list-member text: each constraint's text built on its
// own, joined, then wrapped.
func refMemberConstraintText(s *Shape, c *Constraints) string {
	var out []string
	if s.Type == "enum" {
		out = append(out, "Member must satisfy enum value set: ["+strings.Join(s.EnumValues, ", ")+"]")
	}
	if max, ok := c.Length.MaxInt(); ok {
		out = append(out, "Member must have length less than or equal to "+strconv.FormatInt(max, 10))
	}
	if min, ok := c.Length.MinInt(); ok {
		out = append(out, "Member must have length greater than or equal to "+strconv.FormatInt(min, 10))
	}
	if c.Pattern != "" {
		p := strings.TrimPrefix(c.Pattern, "^")
		if strings.HasSuffix(p, "$") && !strings.HasSuffix(p, `\$`) {
			p = p[:len(p)-1]
		}
		out = append(out, "Member must satisfy regular expression pattern: "+p)
	}
	if max, ok := c.Range.MaxInt(); ok {
		out = append(out, "Member must have value less than or equal to "+strconv.FormatInt(max, 10))
	}
	if min, ok := c.Range.MinInt(); ok {
		out = append(out, "Member must have value greater than or equal to "+strconv.FormatInt(min, 10))
	}
	return "Member must satisfy constraint: [" + strings.Join(out, ", ") + "]"
}

func TestConstraintTextsAreConcatenations(t *testing.T) {
	t.Parallel()
	for _, n := range []int64{0, 1, -1, 9, 10, 99, 100, 128, 2048, 1 << 31, math.MaxInt64, math.MinInt64} {
		d := strconv.FormatInt(n, 10)
		for got, want := range map[string]string{
			lengthMaxText(n): "Member must have length less than or equal to " + d,
			lengthMinText(n): "Member must have length greater than or equal to " + d,
			rangeMaxText(n):  "Member must have value less than or equal to " + d,
			rangeMinText(n):  "Member must have value greater than or equal to " + d,
		} {
			if got != want {
				t.Fatalf("%q, want %q", got, want)
			}
		}
	}
	for _, values := range [][]string{nil, {""}, {"a"}, {"code", "implicit", "client_credentials"}, {strings.Repeat("v", 600), "w"}} {
		if got, want := enumText(values), "Member must satisfy enum value set: ["+strings.Join(values, ", ")+"]"; got != want {
			t.Fatalf("enumText(%q) = %q", values, got)
		}
	}
	for _, p := range []string{"", "^", "$", "^$", `^a\$`, `a\\$`, `^[\w-]+_[0-9a-zA-Z]+$`, "^(?s)"} {
		if got, want := patternText(p), "Member must satisfy regular expression pattern: "+unanchoredRef(p); got != want {
			t.Fatalf("patternText(%q) = %q, want %q", p, got, want)
		}
	}
}

func unanchoredRef(p string) string {
	p = strings.TrimPrefix(p, "^")
	if strings.HasSuffix(p, "$") && !strings.HasSuffix(p, `\$`) {
		p = p[:len(p)-1]
	}
	return p
}

func TestMemberConstraintTextIsTheJoin(t *testing.T) {
	t.Parallel()
	f := func(x float64) *float64 { return &x }
	shapes := 0
	check := func(s *Shape, c *Constraints) {
		shapes++
		if got, want := memberConstraintText(s, c), refMemberConstraintText(s, c); got != want {
			t.Fatalf("%s: %q, want %q", s.Name, got, want)
		}
	}
	for _, s := range DefaultModel().shapes {
		for _, c := range constraintsOf(s) {
			check(s, &c)
		}
	}
	// Ranges, both bounds of each kind, none at all, a huge enum set (past the stack buffer).
	enum := &Shape{Name: "Big", Type: "enum", EnumValues: []string{strings.Repeat("e", 400), strings.Repeat("f", 400)}}
	for _, c := range []Constraints{{}, {Range: &Bounds{Min: f(-1), Max: f(60)}}, {Length: &Bounds{Min: f(5), Max: f(3)}},
		{Length: &Bounds{Max: f(1)}, Range: &Bounds{Min: f(0.5)}, Pattern: "^x$"}} {
		check(&Shape{Name: "Int", Type: "integer"}, &c)
		check(enum, &c)
	}
	if shapes < 20 {
		t.Fatalf("only %d shapes checked", shapes)
	}
}

// refRenderList is the former renderList: each entry rendered into a slice, joined, wrapped.
func refRenderList(mt *Shape, arr []jmember) string {
	rendered := make([]string, len(arr))
	for i := range arr {
		if arr[i].val.kind == jNull || kindOf(mt) >= kindStructure {
			continue
		}
		if sv, why := scalarOf(kindOf(mt), mt, &arr[i].val); why == "" {
			rendered[i] = sv.render()
		}
	}
	return "[" + strings.Join(rendered, ", ") + "]"
}

func TestRenderListIsTheJoin(t *testing.T) {
	t.Parallel()
	lists := []string{`[]`, `[""]`, `["", ""]`, `["a", null, 1, true, {"x":1}, ["y"]]`, `[1, 2.5, -3, 1e3, null]`,
		`[true, false]`, `["中é\u2028", "it's"]`, `["` + strings.Repeat("u", 600) + `", "v"]`}
	types := []*Shape{{Type: "string"}, {Type: "integer"}, {Type: "double"}, {Type: "boolean"}, {Type: "structure"}, {Type: "enum"}}
	for _, text := range lists {
		arr, err := parseRequestBody([]byte(text))
		if err != nil {
			t.Fatal(text, err)
		}
		for _, mt := range types {
			if got, want := renderList(kindOf(mt), mt, arr.kids), refRenderList(mt, arr.kids); got != want {
				t.Fatalf("%s as %s: %q, want %q", text, mt.Type, got, want)
			}
		}
	}
}

func TestBreaksIsBroken(t *testing.T) {
	t.Parallel()
	var values []jnode
	for _, in := range append(append([]string{}, patternInputs...), "code", "implicit", "ALLOW_USER_SRP_AUTH", "openid",
		strings.Repeat("x", 2049), strings.Repeat("é", 300)) {
		values = append(values, jnode{kind: jString, s: in})
	}
	for _, num := range []string{"0", "-1", "1", "60", "61", "3600", "315360000", "1e3", "2.5", "99999999999"} {
		values = append(values, jnode{kind: jNumber, s: num})
	}
	values = append(values, jnode{kind: jBool, b: true})
	lists := 0
	for _, s := range DefaultModel().shapes {
		if s.Member == nil {
			continue
		}
		lists++
		mt, mc := s.Member.Target, s.Member.effective()
		check := memberCheckOf(mt, mc)
		for i := range values {
			sv, why := scalarOf(check.kind, mt, &values[i])
			sv2, why2 := scalarOf(kindOf(mt), mt, &values[i])
			if why != why2 || sv != sv2 {
				t.Fatalf("%s: scalarOf and scalar differ on %q", s.Name, values[i].s)
			}
			if why != "" {
				continue
			}
			if got, want := sv.breaks(mt, mc, &check), len(sv.broken(mt, mc, nil)) > 0; got != want {
				t.Fatalf("%s member on %q: breaks %v, broken %v", s.Name, values[i].s, got, want)
			}
		}
	}
	if lists < 5 {
		t.Fatalf("only %d list shapes", lists)
	}
}

// TestKindOfIsTypeKind: every shape of the embedded model has the kind its type gives, read
// when the model was loaded; a shape made otherwise is read from its type.
func TestKindOfIsTypeKind(t *testing.T) {
	t.Parallel()
	for _, s := range DefaultModel().Shapes() {
		if s.kind == 0 || kindOf(s) != typeKind(s.Type) {
			t.Fatalf("shape %s (%s): kind %d, typeKind %d", s.Name, s.Type, s.kind, typeKind(s.Type))
		}
	}
	for _, typ := range []string{"string", "enum", "blob", "boolean", "integer", "long", "double", "timestamp", "structure", "union", "list", "set", "map", "document", ""} {
		if s := (&Shape{Type: typ}); kindOf(s) != typeKind(typ) {
			t.Fatalf("a %q shape made by hand: kind %d, want %d", typ, kindOf(s), typeKind(typ))
		}
	}
}
