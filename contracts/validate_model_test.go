package contracts_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// These cases are generated from the model: every member of UpdateUserPoolClientRequest,
// nested structures and list members included. The expected entries are written from the
// message format of contract-facts §7 and the model's traits, not from Validate's code.

// exampleValues are short valid values of the patterned string shapes; cases pad them with a
// fill character to reach a length. A new patterned shape in a model release fails
// TestValidateFromModel until it gets an example here.
var exampleValues = map[string]string{
	"UserPoolIdType":   "a_b",
	"ClientIdType":     "a",
	"ClientNameType":   "a",
	"ProviderNameType": "a",
	"RedirectUrlType":  "a",
	"ScopeType":        "a",
	"HexStringType":    "a",
	"ArnType":          "arn:a:b::1:c",
}

// fills are tried in order as padding; the first that keeps the value valid is used, and
// "あ" (3 UTF-8 bytes, 1 character) gets extra cases wherever the pattern admits it (R31, OB-35).
var fills = []string{"あ", "a", "1"}

// edgeChars are appended to a valid value to probe a pattern: allowed ones keep the value
// valid, forbidden ones give the pattern entry.
var edgeChars = []string{" ", "!", `"`, "#", "+", "-", "_", "/", ":", `\`, "\t", "あ", "é", "€", "g", "F", "Z", "~", "\x7f"}

// slot is one place a value can go in a request: a member, or the member of a list.
type slot struct {
	path   []string // model path: TokenValidityUnits, AccessToken
	shape  *contracts.Shape
	cons   contracts.Constraints
	inList *contracts.Shape // the list shape when the slot is a list's member
}

func (s slot) model() string { return strings.Join(s.path, ".") }

func (s slot) wire() string {
	parts := make([]string, len(s.path))
	for i, p := range s.path {
		r, n := utf8.DecodeRuneInString(p)
		parts[i] = string(unicode.ToLower(r)) + p[n:]
	}
	return strings.Join(parts, ".")
}

func inputSlots(s *contracts.Shape, prefix []string) []slot {
	var out []slot
	for _, m := range s.Members {
		p := append(append([]string(nil), prefix...), m.Name)
		out = append(out, slot{path: p, shape: m.Target, cons: m.Effective()})
		switch m.Target.Type {
		case "structure":
			out = append(out, inputSlots(m.Target, p)...)
		case "list":
			out = append(out, slot{path: p, shape: m.Target.Member.Target, cons: m.Target.Member.Effective(), inList: m.Target})
		}
	}
	return out
}

// validValue is a value that satisfies a shape's constraints.
func validValue(t *testing.T, s *contracts.Shape, c contracts.Constraints) any {
	switch s.Type {
	case "string":
		min, _ := c.Length.MinInt()
		return sized(t, s, c, max(int(min), utf8.RuneCountInString(exampleOf(s, c, t)), 1), fillFor(t, s, c))
	case "enum":
		return s.EnumValues[0]
	case "integer":
		min, _ := c.Range.MinInt()
		return min
	case "boolean":
		return true
	case "list":
		return []any{validValue(t, s.Member.Target, s.Member.Effective())}
	case "structure":
		obj := map[string]any{}
		for _, m := range s.Members {
			if m.Effective().Required {
				obj[m.Name] = validValue(t, m.Target, m.Effective())
			}
		}
		return obj
	}
	t.Fatalf("no valid value for shape %s of type %s", s.Name, s.Type)
	return nil
}

func exampleOf(s *contracts.Shape, c contracts.Constraints, t *testing.T) string {
	if ex, ok := exampleValues[s.Name]; ok {
		return ex
	}
	if c.Pattern != "" {
		t.Fatalf("shape %s has pattern %s but no example value: add one to exampleValues", s.Name, c.Pattern)
	}
	return ""
}

// sized is a string of n characters: the example padded with fill, or n fills when shorter.
func sized(t *testing.T, s *contracts.Shape, c contracts.Constraints, n int, fill string) string {
	b := exampleOf(s, c, t)
	if k := utf8.RuneCountInString(b); n >= k {
		return b + strings.Repeat(fill, n-k)
	}
	return strings.Repeat(fill, n)
}

func fillFor(t *testing.T, s *contracts.Shape, c contracts.Constraints) string {
	for _, f := range fills[1:] {
		if fillOK(t, s, c, f) {
			return f
		}
	}
	t.Fatalf("no fill character keeps %s valid", s.Name)
	return ""
}

func fillOK(t *testing.T, s *contracts.Shape, c contracts.Constraints, f string) bool {
	re := c.Regexp()
	return re == nil || re.MatchString(exampleOf(s, c, t)+f+f)
}

// body is a valid request with v placed at the slot's path (v already wrapped for lists).
func requestWith(t *testing.T, in *contracts.Shape, path []string, v any, remove bool) []byte {
	top := validValue(t, in, contracts.Constraints{}).(map[string]any)
	obj, s := top, in
	for i, name := range path {
		m, ok := s.MemberNamed(name)
		if !ok {
			t.Fatalf("no member %s in %s", name, s.Name)
		}
		if i == len(path)-1 {
			if remove {
				delete(obj, name)
			} else {
				obj[name] = v
			}
			break
		}
		child, ok := obj[name].(map[string]any)
		if !ok {
			child = validValue(t, m.Target, m.Effective()).(map[string]any)
			obj[name] = child
		}
		obj, s = child, m.Target
	}
	b, err := json.Marshal(top)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type genCase struct {
	name  string
	body  []byte
	want  []string // message entries; nil = valid
	types []string // model paths of expected type violations
}

func javaString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = javaString(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return ""
}

// scalarProblems is what the service says about a scalar, constraint by constraint (§7).
func scalarProblems(s *contracts.Shape, c contracts.Constraints, v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		if s.Type == "enum" {
			ok := false
			for _, e := range s.EnumValues {
				ok = ok || e == x
			}
			if !ok {
				out = append(out, "Member must satisfy enum value set: ["+strings.Join(s.EnumValues, ", ")+"]")
			}
		}
		n := int64(utf8.RuneCountInString(x))
		if max, ok := c.Length.MaxInt(); ok && n > max {
			out = append(out, "Member must have length less than or equal to "+strconv.FormatInt(max, 10))
		}
		if min, ok := c.Length.MinInt(); ok && n < min {
			out = append(out, "Member must have length greater than or equal to "+strconv.FormatInt(min, 10))
		}
		if re := c.Regexp(); re != nil && !re.MatchString(x) {
			out = append(out, "Member must satisfy regular expression pattern: "+strings.TrimSuffix(strings.TrimPrefix(c.Pattern, "^"), "$"))
		}
	case int64:
		if max, ok := c.Range.MaxInt(); ok && x > max {
			out = append(out, "Member must have value less than or equal to "+strconv.FormatInt(max, 10))
		}
		if min, ok := c.Range.MinInt(); ok && x < min {
			out = append(out, "Member must have value greater than or equal to "+strconv.FormatInt(min, 10))
		}
	}
	return out
}

// memberConstraints is the bracketed list the service prints for a list member (§7).
func memberConstraints(s *contracts.Shape, c contracts.Constraints) string {
	var all []string
	if s.Type == "enum" {
		all = append(all, "Member must satisfy enum value set: ["+strings.Join(s.EnumValues, ", ")+"]")
	}
	if max, ok := c.Length.MaxInt(); ok {
		all = append(all, "Member must have length less than or equal to "+strconv.FormatInt(max, 10))
	}
	if min, ok := c.Length.MinInt(); ok {
		all = append(all, "Member must have length greater than or equal to "+strconv.FormatInt(min, 10))
	}
	if c.Pattern != "" {
		all = append(all, "Member must satisfy regular expression pattern: "+strings.TrimSuffix(strings.TrimPrefix(c.Pattern, "^"), "$"))
	}
	return "Member must satisfy constraint: [" + strings.Join(all, ", ") + "]"
}

func entryFor(value, wire, constraint string) string {
	return "Value '" + value + "' at '" + wire + "' failed to satisfy constraint: " + constraint
}

type probe struct {
	label string
	value any
}

// probes are the values tried in a scalar slot: length and range edges, pattern edge
// characters, every enum value and a near miss.
func probesOf(t *testing.T, sl slot) []probe {
	s, c := sl.shape, sl.cons
	var out []probe
	switch s.Type {
	case "string":
		fillsToTry := []string{fillFor(t, s, c)}
		if fillOK(t, s, c, "あ") {
			fillsToTry = append(fillsToTry, "あ")
		}
		for _, f := range fillsToTry {
			kind := "ascii"
			if f == "あ" {
				kind = "multibyte"
			}
			if max, ok := c.Length.MaxInt(); ok {
				out = append(out, probe{"length-max-" + kind, sized(t, s, c, int(max), f)},
					probe{"length-max+1-" + kind, sized(t, s, c, int(max)+1, f)})
			}
			if min, ok := c.Length.MinInt(); ok {
				out = append(out, probe{"length-min-" + kind, sized(t, s, c, int(min), f)})
				if min > 0 {
					out = append(out, probe{"length-min-1-" + kind, sized(t, s, c, int(min)-1, f)})
				}
			}
		}
		if c.Pattern != "" {
			valid := validValue(t, s, c).(string)
			for _, ch := range edgeChars {
				out = append(out, probe{"pattern-char-" + strconv.QuoteToASCII(ch), valid + ch})
			}
		}
	case "enum":
		for _, v := range s.EnumValues {
			out = append(out, probe{"enum-" + v, v}, probe{"enum-near-miss-" + swapCase(v), swapCase(v)})
		}
	case "integer":
		if min, ok := c.Range.MinInt(); ok {
			out = append(out, probe{"range-min", min}, probe{"range-min-1", min - 1})
		}
		if max, ok := c.Range.MaxInt(); ok {
			out = append(out, probe{"range-max", max}, probe{"range-max+1", max + 1})
		}
	case "boolean":
		out = append(out, probe{"true", true}, probe{"false", false})
	}
	return out
}

func swapCase(s string) string {
	if strings.ToLower(s) == s {
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return strings.ToLower(s)
}

// wrongTypes are JSON values of another type than the shape's.
func wrongTypes(s *contracts.Shape) []probe {
	switch s.Type {
	case "string", "enum":
		return []probe{{"number", json.Number("1")}, {"boolean", true}, {"array", []any{}}, {"object", map[string]any{}}}
	case "integer":
		return []probe{{"string", "1"}, {"float", json.Number("1.5")}, {"exponent", json.Number("1e2")},
			{"beyond-int32", json.Number("2147483648")}, {"below-int32", json.Number("-2147483649")}, {"boolean", true}, {"array", []any{json.Number("1")}}}
	case "boolean":
		return []probe{{"string", "true"}, {"number", json.Number("1")}, {"object", map[string]any{}}}
	case "list":
		return []probe{{"string", "x"}, {"object", map[string]any{}}, {"number", json.Number("0")}}
	case "structure":
		return []probe{{"array", []any{}}, {"string", "x"}, {"boolean", false}}
	}
	return nil
}

func generatedCases(t *testing.T, in *contracts.Shape) []genCase {
	var out []genCase
	for _, sl := range inputSlots(in, nil) {
		prefix := sl.model()
		if sl.inList != nil {
			prefix += "/member"
		}
		valid := validValue(t, sl.shape, sl.cons)
		for _, p := range probesOf(t, sl) {
			c := genCase{name: prefix + "/" + p.label}
			problems := scalarProblems(sl.shape, sl.cons, p.value)
			if sl.inList == nil {
				c.body = requestWith(t, in, sl.path, p.value, false)
				for _, pr := range problems {
					c.want = append(c.want, entryFor(javaString(p.value), sl.wire(), pr))
				}
			} else {
				list := []any{valid, p.value}
				c.body = requestWith(t, in, sl.path, list, false)
				if len(problems) > 0 {
					c.want = []string{entryFor(javaString(list), sl.wire(), memberConstraints(sl.shape, sl.cons))}
				}
			}
			out = append(out, c)
		}
		for _, p := range wrongTypes(sl.shape) {
			c := genCase{name: prefix + "/type-" + p.label}
			if sl.inList == nil {
				c.body, c.types = requestWith(t, in, sl.path, p.value, false), []string{sl.model()}
			} else {
				c.body, c.types = requestWith(t, in, sl.path, []any{valid, p.value}, false), []string{sl.model() + "[1]"}
			}
			out = append(out, c)
		}
		if sl.shape.Type == "list" {
			out = append(out, listLengthCases(t, in, sl)...)
		}
		if sl.cons.Required {
			missing := []string{"Value null at '" + sl.wire() + "' failed to satisfy constraint: Member must not be null"}
			out = append(out, genCase{name: prefix + "/required-missing", body: requestWith(t, in, sl.path, nil, true), want: missing},
				genCase{name: prefix + "/required-null", body: requestWith(t, in, sl.path, nil, false), want: missing})
		}
	}
	return out
}

// listLengthCases probe a list's @length with valid members (R27).
func listLengthCases(t *testing.T, in *contracts.Shape, sl slot) []genCase {
	mem := sl.shape.Member
	var out []genCase
	add := func(label string, n int64, constraint string) {
		list := make([]any, n)
		for i := range list {
			if mem.Target.Type == "enum" { // distinct values while there are enough
				list[i] = mem.Target.EnumValues[i%len(mem.Target.EnumValues)]
			} else {
				list[i] = validValue(t, mem.Target, mem.Effective())
			}
		}
		c := genCase{name: sl.model() + "/" + label, body: requestWith(t, in, sl.path, list, false)}
		if constraint != "" {
			c.want = []string{entryFor(javaString(list), sl.wire(), constraint)}
		}
		out = append(out, c)
	}
	if max, ok := sl.cons.Length.MaxInt(); ok {
		add("list-length-max", max, "")
		add("list-length-max+1", max+1, "Member must have length less than or equal to "+strconv.FormatInt(max, 10))
	}
	if min, ok := sl.cons.Length.MinInt(); ok {
		add("list-length-min", min, "")
		if min > 0 {
			add("list-length-min-1", min-1, "Member must have length greater than or equal to "+strconv.FormatInt(min, 10))
		}
	}
	add("empty", 0, lengthMinEntry(sl.cons))
	return out
}

func lengthMinEntry(c contracts.Constraints) string {
	if min, ok := c.Length.MinInt(); ok && min > 0 {
		return "Member must have length greater than or equal to " + strconv.FormatInt(min, 10)
	}
	return ""
}

func TestValidateFromModel(t *testing.T) {
	t.Parallel()
	contract := contracts.UpdateUserPoolClient
	cases := generatedCases(t, contract.Operation.Input)
	seen := map[string]bool{}
	for _, tc := range cases {
		if seen[tc.name] {
			t.Fatalf("duplicate case name %s", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			var entries, types []string
			for _, v := range contract.Validate(tc.body) {
				if v.Rule == "type" {
					g.Expect(v.Code).To(Equal("SerializationException"))
					g.Expect(v.Message).To(BeEmpty())
					types = append(types, v.Member)
					continue
				}
				g.Expect(v.Code).To(Equal("InvalidParameterException"))
				entries = append(entries, v.Message)
			}
			g.Expect(entries).To(Equal(tc.want), "body %s", tc.body)
			g.Expect(types).To(Equal(tc.types), "body %s", tc.body)
		})
	}
}

// TestValidateFromModelCoverage keeps the generator honest: every input member is reached,
// every pattern gets at least one allowed and one forbidden edge character, and the
// multibyte fill is exercised.
func TestValidateFromModelCoverage(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	in := contracts.UpdateUserPoolClient.Operation.Input
	cases := generatedCases(t, in)
	prefixes := map[string]int{}
	allowed, forbidden := map[string]int{}, map[string]int{}
	for _, tc := range cases {
		prefixes[strings.Split(tc.name, "/")[0]]++
		if i := strings.Index(tc.name, "/pattern-char-"); i >= 0 {
			if tc.want == nil {
				allowed[tc.name[:i]]++
			} else {
				forbidden[tc.name[:i]]++
			}
		}
	}
	for _, sl := range inputSlots(in, nil) {
		g.Expect(prefixes).To(HaveKey(sl.model()))
		if sl.cons.Pattern != "" {
			name := sl.model()
			if sl.inList != nil {
				name += "/member"
			}
			g.Expect(allowed[name]).To(BeNumerically(">", 0), "allowed edge char for %s", name)
			g.Expect(forbidden[name]).To(BeNumerically(">", 0), "forbidden edge char for %s", name)
		}
	}
	g.Expect(hasCase(cases, "SupportedIdentityProviders/member/length-max-multibyte")).To(BeTrue())
	g.Expect(len(cases)).To(BeNumerically(">", 300))
}

func hasCase(cases []genCase, name string) bool {
	for _, c := range cases {
		if c.name == name {
			return true
		}
	}
	return false
}
