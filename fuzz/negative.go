package fuzz

import (
	"strings"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// breakKind is one way of breaking one model constraint.
type breakKind struct {
	want want
	name string // the case suffix: "too-long"
}

var (
	breakTooShort = breakKind{tooShort, "too-short"}
	breakTooLong  = breakKind{tooLong, "too-long"}
	breakPattern  = breakKind{badPattern, "pattern"}
	breakEnum     = breakKind{nearMiss, "not-in-enum"}
	breakRequired = breakKind{valid, "missing"}
)

// shapeBreak is one constraint of one member path that negative mode can break.
type shapeBreak struct {
	path []string // "TokenValidityUnits", "AccessToken"
	// chain are the members path names, each in its parent (the input first), resolved once
	// by listShapeBreaks for breakShape's walk.
	chain []*contracts.Member
	entry bool // the constraint is on the list's entries, not the list
	top   int  // the index of chain[0], the top-level member, in the input's members
	mem   *contracts.Member
	kind  breakKind
	// caseID and member are the id and member of the cases that break it (id, the path
	// joined), made once by kindsOf.
	caseID, member string
}

func (b shapeBreak) id() string {
	name := b.kind.name
	if b.entry {
		name = "entry-" + name
	}
	return strings.Join(b.path, ".") + "/" + name
}

// shapeBreaks is every breakable constraint of the input, from the model (listed once by
// NewGenerator; callers do not modify it).
func (g *Generator) shapeBreaks() []shapeBreak { return g.breaks }

// listShapeBreaks lists every breakable constraint of the input, from the model.
func (g *Generator) listShapeBreaks() []shapeBreak {
	var out []shapeBreak
	var walk func(s *contracts.Shape, path []string, chain []*contracts.Member)
	walk = func(s *contracts.Shape, path []string, chain []*contracts.Member) {
		for _, m := range s.Members {
			p := append(append([]string{}, path...), m.Name)
			ch := append(append([]*contracts.Member{}, chain...), m)
			out = append(out, kindsOf(m, p, ch, false)...)
			switch m.Target.Type {
			case "structure":
				walk(m.Target, p, ch)
			case "list":
				out = append(out, kindsOf(m.Target.Member, p, ch, true)...)
			}
		}
	}
	walk(g.input, nil, nil)
	for i := range out {
		out[i].top = g.input.MemberIndex(out[i].chain[0].Name)
	}
	return out
}

func kindsOf(m *contracts.Member, path []string, chain []*contracts.Member, entry bool) []shapeBreak {
	c := m.Effective()
	var ks []breakKind
	if c.Required && !entry {
		ks = append(ks, breakRequired)
	}
	switch m.Target.Type {
	case "string", "list":
		if v, ok := c.Length.MinInt(); ok && v > 0 {
			ks = append(ks, breakTooShort)
		}
		if _, ok := c.Length.MaxInt(); ok {
			ks = append(ks, breakTooLong)
		}
		if c.Pattern != "" {
			ks = append(ks, breakPattern)
		}
	case "integer", "long":
		if _, ok := c.Range.MinInt(); ok {
			ks = append(ks, breakTooShort)
		}
		if _, ok := c.Range.MaxInt(); ok {
			ks = append(ks, breakTooLong)
		}
	case "enum":
		ks = append(ks, breakEnum)
	}
	out := make([]shapeBreak, len(ks))
	for i, k := range ks {
		out[i] = shapeBreak{path: path, chain: chain, entry: entry, mem: m, kind: k, member: strings.Join(path, ".")}
		out[i].caseID = out[i].id()
	}
	return out
}

// negative draws a request that breaks exactly one model constraint or one semantic rule.
func (g *Generator) negative(r rnd, st int) Case {
	if r.Intn(2) == 0 {
		if c, ok := g.breakRule(r, st); ok {
			return c
		}
	}
	breaks := g.shapeBreaks()
	for try := 0; try < 8; try++ {
		b := breaks[r.Intn(len(breaks))]
		if c, ok := g.breakShape(r, st, b); ok {
			return c
		}
	}
	c := g.positive(r, st) // every draw failed: should not happen with the current model
	return c
}

// drawBreak draws break i in the first state that can host it.
func (g *Generator) drawBreak(r rnd, i int) (Case, int, bool) {
	shapes := g.shapeBreaks()
	for st := range g.states {
		if i < len(shapes) {
			if c, ok := g.breakShape(r, st, shapes[i]); ok {
				return c, st, true
			}
			continue
		}
		b := ruleBreaks[i-len(shapes)]
		req := g.base(st)
		if b.fn(g, r, st, req) {
			member, _, _ := strings.Cut(b.id, "/")
			return Case{ID: b.id, Member: member, Rule: b.rule, Request: req}, st, true
		}
	}
	return Case{}, 0, false
}

// breakShape sets the top-level member of b (with its rule group, valid), then breaks b.
func (g *Generator) breakShape(r rnd, st int, b shapeBreak) (Case, bool) {
	req := g.base(st)
	top := b.chain[0]
	if !top.Effective().Required {
		var mb [drawnRoom]objectMember
		ms, _ := g.validMember(r, st, mb[:0], b.top, new(groups))
		ms.into(req)
	}
	parent := req
	for i, name := range b.path[:len(b.path)-1] { // nested structures: make them valid first
		m := b.chain[i]
		child, ok := parent[name].(map[string]any)
		if !ok {
			var replaced *contracts.Member // the leaf, when its drawn value is replaced or deleted below
			if i == len(b.path)-2 && !b.entry {
				replaced = b.mem
			}
			if m.Target.Type == "structure" {
				child = g.structure(r, m.Target, replaced)
			} else {
				v, _ := g.value(r, m, valid)
				child, _ = v.(map[string]any)
			}
			if child == nil {
				child = map[string]any{}
			}
			parent[name] = child
		}
		parent = child
	}
	leaf := b.path[len(b.path)-1]
	switch {
	case b.kind == breakRequired:
		delete(parent, leaf)
	case b.entry:
		v, ok := g.value(r, b.mem, b.kind.want)
		if !ok {
			return Case{}, false
		}
		list, _ := parent[leaf].([]any)
		if len(list) == 0 {
			list = []any{v}
		} else {
			list = append([]any{}, list...)
			list[r.Intn(len(list))] = v
		}
		parent[leaf] = list
		if top.Name == "CallbackURLs" {
			delete(req, "DefaultRedirectURI") // R6 would be broken too
		}
	default: // b.mem: the leaf's member, the constraint being on it (not an entry's)
		v, ok := g.broken(r, st, b.mem, b)
		if !ok {
			return Case{}, false
		}
		parent[leaf] = v
	}
	return Case{ID: b.caseID, Member: b.member, Request: req}, true
}

// broken draws the broken value of a member; lists too long are filled with valid entries.
func (g *Generator) broken(r rnd, st int, m *contracts.Member, b shapeBreak) (any, bool) {
	if m.Target.Type != "list" {
		return g.value(r, m, b.kind.want)
	}
	lo, hi := listBounds(m.Effective())
	n := hi + 1
	if b.kind == breakTooShort {
		n = lo - 1
	}
	if isURLList(m) && n > 0 { // entry's URLs, written into one buffer
		return g.urlList(r, m.Target.Member, n, false), true
	}
	out := make([]any, 0, max(n, 0))
	for i := 0; i < n; i++ {
		out = append(out, g.entry(r, st, m, i))
	}
	return out, n >= 0
}

// isURLList reports whether m is a list of redirect URLs (R5).
func isURLList(m *contracts.Member) bool { return m.Name == "CallbackURLs" || m.Name == "LogoutURLs" }

// entry draws the i-th valid entry of a list member, honouring the rules on its values.
func (g *Generator) entry(r rnd, st int, m *contracts.Member, i int) any {
	switch {
	case isURLList(m):
		return g.url(r, m.Target.Member, i, false)
	case m.Name == "AllowedOAuthScopes":
		all := g.sets.states[st].scopes
		return all[i%len(all)]
	}
	v, _ := g.value(r, m.Target.Member, valid)
	return v
}
