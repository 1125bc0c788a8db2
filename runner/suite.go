package runner

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// Spec is one case of the contract suite before it runs: a request body built around the
// value under test, the setup it needs, and what it checks.
type Spec struct {
	ID     string // "ClientName/too-long"
	Rule   string // what the case checks, with its source
	Member string // the model path of the value under test ("TokenValidityUnits.AccessToken")
	Input  string // the value under test on one line
	Setup  string // the setup kind (SetupDefault, ...)
	// Body is the request with {{UserPoolId}} and {{ClientId}} placeholders.
	Body map[string]any
}

// The setup kinds the contract suite provisions, each once per run and shared by its cases.
const (
	SetupDefault   = "default"   // a pool in the service's default tier and a client without secret
	SetupSecret    = "secret"    // a client with a secret (R9, R16)
	SetupLite      = "lite"      // a LITE-tier pool (R19)
	SetupResources = "resources" // a resource server, a custom attribute, a client with a secret (R10, R12, R23)
	// SetupIdentityProvider has an OIDC identity provider (R24). It is its own kind because a
	// real service may refuse the example issuer: only the case that needs it is affected.
	SetupIdentityProvider = "identity-provider"
)

// Generate returns the contract suite of a contract, sorted by id: every boundary of every
// input member read from the model (lengths in characters with multibyte variants, ranges,
// pattern edge characters, each enum value and a near miss, list limits, wrong JSON types,
// required members) and both sides of every request-side semantic rule.
func Generate(c *contracts.Contract) []Spec {
	g := &generator{c: c}
	for _, mem := range c.Operation.Input.Members {
		g.member(mem.Name, mem)
	}
	g.rules()
	sort.SliceStable(g.specs, func(i, j int) bool { return g.specs[i].ID < g.specs[j].ID })
	// Ids are unique: a generated id that repeats gets a numeric suffix.
	seen := map[string]int{}
	for i := range g.specs {
		id := g.specs[i].ID
		if n := seen[id]; n > 0 {
			g.specs[i].ID = fmt.Sprintf("%s-%d", id, n+1)
		}
		seen[id]++
	}
	return g.specs
}

type generator struct {
	c     *contracts.Contract
	specs []Spec
}

// add places value at path in a base request {UserPoolId, ClientId}, adds the companions the
// value needs to be meaningful, and records the case.
func (g *generator) add(path, name, rule string, value any) {
	body := baseBody()
	if value != absent {
		place(body, path, value, g.c.Operation.Input)
	}
	setup := g.companions(body, path)
	g.specs = append(g.specs, Spec{ID: path + "/" + name, Rule: rule, Member: path, Input: describe(path, value), Setup: setup, Body: body})
}

// absent marks a case that removes the member from the base request.
var absent = &struct{ absent bool }{true}

func baseBody() map[string]any {
	return map[string]any{"UserPoolId": "{{UserPoolId}}", "ClientId": "{{ClientId}}"}
}

// place sets value at a dotted path, filling the required siblings of nested structures with
// valid samples so the value under test is the only thing that can be wrong.
func place(body map[string]any, path string, value any, shape *contracts.Shape) {
	parts := strings.Split(path, ".")
	cur := body
	for i, p := range parts {
		mem, ok := shape.MemberNamed(p)
		if !ok {
			return
		}
		if i == len(parts)-1 {
			if value == absent {
				delete(cur, p)
			} else {
				cur[p] = value
			}
			return
		}
		next, ok := cur[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			for _, sib := range mem.Target.Members {
				if sib.Effective().Required {
					next[sib.Name] = sample(sib)
				}
			}
			cur[p] = next
		}
		cur, shape = next, mem.Target
	}
}

// member generates the cases of one member at a dotted path, recursing into structures.
func (g *generator) member(path string, mem *contracts.Member) {
	ec := mem.Effective()
	shape := mem.Target
	if ec.Required {
		g.add(path, "missing", fmt.Sprintf("%s is required (model: @required on %s)", path, parentName(path, g.c)), absent)
	}
	switch {
	case len(shape.EnumValues) > 0:
		for _, v := range enumCases(shape) {
			g.add(path, v.name, fmt.Sprintf("%s enum %s (model: %s)", path, enumSet(shape), shape.Name), v.value)
		}
		g.add(path, "wrong-type", fmt.Sprintf("%s is a string (model: %s)", path, shape.Name), 1)
	case shape.Type == "string":
		for _, v := range stringCases(mem) {
			g.add(path, v.name, stringRule(path, mem)+v.note, v.value)
		}
		g.add(path, "wrong-type", fmt.Sprintf("%s is a string (model: %s)", path, shape.Name), 1)
	case shape.Type == "integer" || shape.Type == "long":
		for _, v := range rangeCases(ec) {
			g.add(path, v.name, fmt.Sprintf("%s range %s (model: %s)", path, boundsText(ec.Range), shape.Name), v.value)
		}
		g.add(path, "wrong-type", fmt.Sprintf("%s is an integer (model: %s)", path, shape.Name), "1")
	case shape.Type == "boolean":
		g.add(path, "true", fmt.Sprintf("%s is a boolean (model: %s)", path, shape.Name), true)
		g.add(path, "false", fmt.Sprintf("%s is a boolean (model: %s)", path, shape.Name), false)
		g.add(path, "wrong-type", fmt.Sprintf("%s is a boolean (model: %s)", path, shape.Name), "true")
	case shape.Type == "list":
		g.list(path, mem)
	case shape.Type == "structure":
		g.add(path, "empty", fmt.Sprintf("%s with no member (model: %s)", path, shape.Name), map[string]any{})
		g.add(path, "wrong-type", fmt.Sprintf("%s is an object (model: %s)", path, shape.Name), []any{})
		for _, sub := range shape.Members {
			g.member(path+"."+sub.Name, sub)
		}
	}
}

// list generates list limits and, for the list's member, every value case in a one-entry list.
func (g *generator) list(path string, mem *contracts.Member) {
	shape := mem.Target
	item := shape.Member
	ec := mem.Effective()
	rule := fmt.Sprintf("%s entries %s (model: %s)", path, boundsText(ec.Length), shape.Name)
	g.add(path, "empty", rule, []any{})
	if min, ok := ec.Length.MinInt(); ok && min > 0 {
		g.add(path, "too-few-items", rule, items(item, int(min)-1))
	}
	if max, ok := ec.Length.MaxInt(); ok {
		g.add(path, "max-items", rule, items(item, int(max)))
		g.add(path, "too-many-items", rule, items(item, int(max)+1))
	}
	g.add(path, "wrong-type", fmt.Sprintf("%s is a list (model: %s)", path, shape.Name), "x")
	switch {
	case len(item.Target.EnumValues) > 0:
		for _, v := range enumCases(item.Target) {
			g.add(path, "item-"+v.name, fmt.Sprintf("%s entries in %s (model: %s)", path, enumSet(item.Target), item.Target.Name), []any{v.value})
		}
	case item.Target.Type == "string":
		for _, v := range stringCases(item) {
			g.add(path, "item-"+v.name, stringRule(path+" entries", item)+v.note, []any{v.value})
		}
	}
}

// items returns n valid, distinct entries for a list member (enum values cycle).
func items(item *contracts.Member, n int) []any {
	out := make([]any, 0, n)
	if vals := item.Target.EnumValues; len(vals) > 0 {
		for i := 0; i < n; i++ {
			out = append(out, vals[i%len(vals)])
		}
		return out
	}
	base := sample(item)
	s, _ := base.(string)
	ec := item.Effective()
	re := ec.Regexp()
	for i := 0; i < n; i++ {
		v := fmt.Sprintf("%s%d", s, i)
		if re != nil && !re.MatchString(v) {
			v = s
		}
		out = append(out, v)
	}
	return out
}

func parentName(path string, c *contracts.Contract) string {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return c.Operation.Input.Name + "." + path
	}
	return path
}

func enumSet(s *contracts.Shape) string { return "[" + strings.Join(s.EnumValues, ", ") + "]" }

func boundsText(b *contracts.Bounds) string {
	lo, hasLo := b.MinInt()
	hi, hasHi := b.MaxInt()
	switch {
	case hasLo && hasHi:
		return fmt.Sprintf("%d..%d", lo, hi)
	case hasLo:
		return fmt.Sprintf("%d..", lo)
	case hasHi:
		return fmt.Sprintf("..%d", hi)
	}
	return "unbounded"
}

// stringRule is the rule text of a string member: its length and pattern as the model states.
func stringRule(path string, mem *contracts.Member) string {
	ec := mem.Effective()
	parts := []string{path}
	if ec.Length != nil {
		parts = append(parts, "length "+boundsText(ec.Length))
	}
	if ec.Pattern != "" {
		parts = append(parts, "pattern "+ec.Pattern)
	}
	return strings.Join(parts, " ") + " (model: " + mem.Target.Name + ")"
}

// runeLen counts characters, the unit of the model's @length (R31, OB-35).
func runeLen(s string) int { return utf8.RuneCountInString(s) }
