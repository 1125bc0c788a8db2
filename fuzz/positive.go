package fuzz

import (
	"slices"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// positive draws a valid request for state st: each optional member present half the time,
// drawn at its edges; members tied by rules are drawn together so the request stays valid.
// The members are drawn into room on the stack (drawnMembers) and the request's map is made
// once they are known, at their number (requestOf).
func (g *Generator) positive(r rnd, st int) Case {
	var mb [drawnRoom]objectMember
	c, _ := g.positiveIn(r, st, mb[:0])
	return c
}

// positiveIn is positive drawing the request's members into ms (empty: the caller's room),
// which it returns: the two ids first, then the members in the order drawn, each key once,
// the members of the request's map. The body is rendered from them (marshalMembers), and a raw
// case's members are listed from them, instead of from the map.
func (g *Generator) positiveIn(r rnd, st int, ms drawnMembers) (Case, drawnMembers) {
	ms = g.baseMembers(st, ms)
	var done groups
	last := -1
	for i := range g.input.Members {
		if g.inputRequired[i] || r.Intn(2) == 0 {
			continue
		}
		var set bool
		if ms, set = g.validMember(r, st, ms, i, &done); set {
			last = i
		}
	}
	req := requestOf(ms)
	if last < 0 {
		return Case{ID: "request" + validSuffix, Member: "request", Request: req}, ms
	}
	return Case{ID: g.validIDs[last], Member: g.input.Members[last].Name, Request: req}, ms
}

// drawnMembers are the members a draw sets in a request (a key and its value each), in the
// order set, before they go into the request's map (into). A map is then made at the number
// of its members: a positive request holds 2 to 21 of the input's members, most of them 9 to
// 14, and its map, made with room for all of them (1.2 KB in 4 allocations), took half that
// for 9 to 14 members and a quarter for up to 8 (one group, 2 allocations).
type drawnMembers []objectMember

// drawnRoom is the members a positive draw holds on its stack (drawnMembers): every member of
// the input set once fits (TestDrawnRoomHoldsInput); more would grow on the heap.
const drawnRoom = 24

// set returns ms with key set to v: appended, as a draw sets each key once (a key set twice
// goes into the map with its last value, as assigning it twice would).
func (ms drawnMembers) set(key string, v any) drawnMembers { return append(ms, objectMember{key, v}) }

// into sets the members in req, in the order set.
func (ms drawnMembers) into(req map[string]any) {
	for i := range ms {
		req[ms[i].key] = ms[i].value
	}
}

// requestOf returns the request whose members are ms, in a map made at its size.
func requestOf(ms drawnMembers) map[string]any {
	req := make(map[string]any, len(ms))
	ms.into(req)
	return req
}

// validSuffix ends the id of a positive case (Case.ID).
const validSuffix = "/valid"

// group names the members drawn together because rules tie them.
func group(member string) string {
	switch member {
	case "AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity", "TokenValidityUnits":
		return sharedGroups[0] // R13
	case "AllowedOAuthFlowsUserPoolClient", "AllowedOAuthFlows", "AllowedOAuthScopes", "CallbackURLs", "LogoutURLs", "DefaultRedirectURI":
		return sharedGroups[1] // R5-R12
	case "ExplicitAuthFlows", "RefreshTokenRotation":
		return sharedGroups[2] // R17-R21
	}
	return member
}

// sharedGroups are the groups of several members (group): tokens, oauth, flows.
var sharedGroups = [...]string{"tokens", "oauth", "flows"}

// groups records which shared groups a request's draw has met, a bit each (a map per positive
// draw cost an allocation or more). Any other group is one member, which the draw's loop over
// the input's members meets once.
type groups uint8

// first reports whether the shared group of index shared in sharedGroups is met for the first
// time, and records it; a group of one member (shared < 0) is always met for the first time.
func (gs *groups) first(shared int) bool {
	if shared < 0 {
		return true
	}
	bit := groups(1) << shared
	met := *gs&bit != 0
	*gs |= bit
	return !met
}

// memberDraw is how validMember draws an input member, resolved from its name once per
// Generator (memberDrawOf) instead of per draw by its group's name (group, the index of a
// shared group, and a switch on the name: string comparisons for every member drawn).
type memberDraw struct {
	kind   memberKind
	shared int // the index of its group in sharedGroups, -1 for a group of its own
}

// memberKind is what validMember draws for a member (memberDraw).
type memberKind uint8

// The kinds of member draws.
const (
	drawValue      memberKind = iota // a value from its constraints alone (value)
	drawTokens                       // the token validities and their units (validTokens)
	drawOAuth                        // the OAuth configuration (validOAuth)
	drawFlows                        // the auth flows and refresh token rotation (validFlows)
	drawAttributes                   // attributes of the pool (R23)
	drawProviders                    // COGNITO or providers of the pool (R24)
	drawPropagate                    // true only with a client secret (R16)
	drawNone                         // left out of positive mode
)

// memberDrawOf returns the draw of the input member of that name.
func memberDrawOf(name string) memberDraw {
	grp := group(name)
	d := memberDraw{shared: slices.Index(sharedGroups[:], grp)}
	switch grp {
	case "tokens":
		d.kind = drawTokens
	case "oauth":
		d.kind = drawOAuth
	case "flows":
		d.kind = drawFlows
	case "ReadAttributes", "WriteAttributes": // R23: attributes of the pool
		d.kind = drawAttributes
	case "SupportedIdentityProviders": // R24: COGNITO or providers of the pool
		d.kind = drawProviders
	case "EnablePropagateAdditionalUserContextData": // R16: true only with a client secret
		d.kind = drawPropagate
	case "AnalyticsConfiguration":
		// Left out of positive mode: a real service checks the Pinpoint project and role,
		// which no provisioned state has. Negative mode breaks its constraints.
		d.kind = drawNone
	}
	return d
}

// validMember sets a valid value of the input's member i (and of the members of its group) in
// ms; false when nothing was set or its group was drawn before (done).
func (g *Generator) validMember(r rnd, st int, ms drawnMembers, i int, done *groups) (drawnMembers, bool) {
	d := g.memberDraws[i]
	if !done.first(d.shared) {
		return ms, false
	}
	m := g.input.Members[i]
	switch d.kind {
	case drawTokens:
		ms = g.validTokens(r, ms)
	case drawOAuth:
		ms = g.validOAuth(r, st, ms)
	case drawFlows:
		ms = g.validFlows(r, st, ms)
	case drawAttributes:
		ms = ms.set(m.Name, pick(r, g.sets.states[st].attributes, 0))
	case drawProviders:
		ms = ms.set(m.Name, pick(r, g.sets.states[st].providers, 1))
	case drawPropagate:
		ms = ms.set(m.Name, g.states[st].Client.HasSecret && r.Intn(2) == 0)
	case drawNone:
		return ms, false
	default:
		v, ok := g.value(r, m, valid)
		if !ok {
			return ms, false
		}
		ms = ms.set(m.Name, v)
	}
	return ms, true
}

// pick returns a random subset of xs in random order, at least least entries when xs has them.
// xs are boxed once (valueSets): the subset shares their boxes.
func pick(r rnd, xs []any, least int) []any {
	n := least
	if len(xs) > least {
		n = least + r.Intn(len(xs)-least+1)
	}
	n = min(n, len(xs))
	var ib [64]int // the permutation's room, on the stack for the model's sets
	idx := ib[:0]
	for i := range xs {
		idx = append(idx, i)
	}
	out := make([]any, 0, n)
	for i := 0; i < n; i++ {
		j := i + r.Intn(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
		out = append(out, xs[idx[i]])
	}
	return out
}

// value draws a value for a member from its constraints alone.
func (g *Generator) value(r rnd, m *contracts.Member, w want) (any, bool) {
	return g.valueOf(r, m, w, false)
}

// valueOf is value; discard: the caller replaces or deletes the value, so a string value is
// drawn but not made (stringDraw.discard: "", from the same draws).
func (g *Generator) valueOf(r rnd, m *contracts.Member, w want, discard bool) (any, bool) {
	t, c := m.Target, m.Effective()
	switch t.Type {
	case "string":
		d := &stringDraw{c: c, alpha: g.alpha[t], want: w, discard: discard}
		if !d.alpha.free() { // a structured pattern: values come from its example
			d.example, d.stretch = g.example(t), g.stretcherFor(m)
		}
		d.fill(r)
		return d.out, d.ok
	case "integer", "long", "short", "byte":
		d := newIntDraw(c, w)
		d.fill(r)
		return d.out, d.ok
	case "boolean":
		return r.Intn(2) == 0, w == valid
	case "enum":
		d := &enumDraw{values: t.EnumValues, boxes: g.enums[t], want: w}
		d.fill(r)
		if d.box != nil {
			return d.box, d.ok
		}
		return d.out, d.ok
	case "list":
		lo, hi := listBounds(c)
		n := edge(r, lo, min(hi, unboundedLength))
		out := make([]any, 0, n)
		for i := 0; i < n; i++ {
			if v, ok := g.value(r, t.Member, valid); ok {
				out = append(out, v)
			}
		}
		return out, w == valid
	case "structure":
		return g.structure(r, t, nil), w == valid
	}
	return nil, false
}

// structure draws a valid value of the structure t: its required members and each other one
// half the time. The value of member replaced (nil: none), which the caller replaces or
// deletes, is drawn but not made (valueOf's discard).
func (g *Generator) structure(r rnd, t *contracts.Shape, replaced *contracts.Member) map[string]any {
	obj := map[string]any{}
	for _, sm := range t.Members {
		if sm.Effective().Required || r.Intn(2) == 0 {
			if v, ok := g.valueOf(r, sm, valid, sm == replaced); ok {
				obj[sm.Name] = v
			}
		}
	}
	return obj
}

func listBounds(c contracts.Constraints) (lo, hi int) {
	hi = unboundedLength
	if v, ok := c.Length.MinInt(); ok {
		lo = int(v)
	}
	if v, ok := c.Length.MaxInt(); ok {
		hi = int(v)
	}
	return lo, hi
}

// validTokens draws token validities with their units at the edges of R13: for each token the
// window [min, max] seconds becomes [ceil(min/unit), floor(max/unit)] in the drawn unit (the
// default unit when none is sent), intersected with the model's raw range: the token's draws
// in each unit, made once (token.windows), with their edges boxed. TokenValidityUnits is made at the first unit sent,
// of the units boxed once (valueSets.unitBoxes). It returns ms with them set.
func (g *Generator) validTokens(r rnd, ms drawnMembers) drawnMembers {
	var units map[string]any
	unitValues := g.sets.units
	var unitBox any
	for i := range g.sets.tokens {
		t := &g.sets.tokens[i]
		if r.Intn(3) == 0 || t.m == nil {
			continue
		}
		w, explicit := &t.inDefault, len(unitValues) > 0 && r.Intn(2) == 0
		if explicit {
			k := r.Intn(len(unitValues))
			w, unitBox = &t.inUnits[k], g.sets.unitBoxes[k]
		}
		if !w.ok {
			continue
		}
		d := w.d
		d.fill(r)
		if t.value == "RefreshTokenValidity" && r.Intn(10) == 0 {
			d.out = 0 // R14: 0 is accepted and replaced by the default
		}
		ms = ms.set(t.value, w.box(d.out)) // an edge's box made once (tokenWindow.box)
		if explicit {
			if units == nil {
				units = make(map[string]any, len(g.sets.tokens))
			}
			units[t.unit] = unitBox
		}
	}
	if len(units) > 0 {
		ms = ms.set("TokenValidityUnits", units)
	}
	return ms
}

// tokenDraw returns the draw of a token's valid values in a unit, false when none exists.
func (g *Generator) tokenDraw(m *contracts.Member, t token, unit string) (intDraw, bool) {
	us, ok := unitSeconds[unit]
	if !ok {
		return intDraw{}, false
	}
	d := newIntDraw(m.Effective(), valid)
	d.lo = max(d.lo, (t.min+us-1)/us, 1)
	d.hi = min(d.hi, t.max/us)
	return d, d.lo <= d.hi
}

// unitValues are the TimeUnitsType values the model lists that have a known length.
func (g *Generator) unitValues() []string {
	m, ok := g.input.MemberNamed("TokenValidityUnits")
	if !ok || len(m.Target.Members) == 0 {
		return nil
	}
	var out []string
	for _, v := range m.Target.Members[0].Target.EnumValues {
		if _, ok := unitSeconds[v]; ok {
			out = append(out, v)
		}
	}
	return out
}

// validFlows draws ExplicitAuthFlows and RefreshTokenRotation together: legacy values alone
// (R17) or ALLOW_ values with ALLOW_REFRESH_TOKEN_AUTH (R20), without it when rotation is
// ENABLED (R21); ALLOW_USER_AUTH only above the LITE tier (R19). It returns ms with them set.
func (g *Generator) validFlows(r rnd, st int, ms drawnMembers) drawnMembers {
	enabled := false
	if rt := g.sets.rotation; rt != nil && r.Intn(2) == 0 {
		v, _ := g.value(r, rt, valid)
		if obj, ok := v.(map[string]any); ok {
			ms = ms.set("RefreshTokenRotation", obj)
			enabled = obj["Feature"] == featureEnabled
		}
	}
	legacy, allow := g.sets.legacy, g.sets.states[st].flows
	switch r.Intn(3) {
	case 0:
		ms = ms.set("ExplicitAuthFlows", pick(r, legacy, 1))
	case 1:
		flows := pick(r, allow, 0)
		if !enabled {
			flows = append(flows, authFlowRefreshToken)
		}
		if len(flows) > 0 {
			ms = ms.set("ExplicitAuthFlows", flows)
		}
	}
	return ms
}
