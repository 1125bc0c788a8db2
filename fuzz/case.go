package fuzz

import (
	"fmt"
	"unsafe"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// Mode is how a case was drawn.
type Mode int

// The modes.
const (
	Positive Mode = iota + 1 // valid request at the edges: a 200 is predicted
	Negative                 // exactly one constraint or rule broken: a known error is predicted
	Raw                      // JSON text mutated: wrong types, unknown members, duplicate keys, ...
)

var modeNames = map[Mode]string{Positive: "positive", Negative: "negative", Raw: "raw"}

func (m Mode) String() string {
	if s, ok := modeNames[m]; ok {
		return s
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Case is one generated request.
type Case struct {
	// ID names the case the way fixtures do, "Member/case": "ClientName/max-length",
	// "AllowedOAuthFlows/client-credentials-mixed", "body/duplicate-key".
	ID     string
	Mode   Mode
	Member string // the model path the case is about ("" for the whole body)
	// Rule is the semantic rule a Negative case breaks ("R8"), "" when it breaks a constraint.
	Rule string
	// Request is the structured request: JSON values (string, int64, bool, []any,
	// map[string]any). For a Raw case it is the request before the mutation.
	Request map[string]any
	// Body is what is sent: Request as JSON, or the mutated text of a Raw case. It is read
	// only: the body of a drawn case goes to an in-process emulator without a copy, and the
	// contract's parse memo may keep a view of it after the execution (see rendered). Make a
	// variant from a copy (bytes.Clone), never by writing into Body.
	Body []byte
	// State is the index of the provisioned state (pool and client) the case was drawn for.
	State int

	mutation *mutation // Raw cases: how Body derives from Request
	// rendered is the body the draw (Source.drawCase) or the shrinker (candidates) made for
	// this case alone, in new memory that nothing writes afterwards (Body's doc). While Body is
	// still that very memory (ownBody), the harness sends a raw Body as immutable
	// (membody.NewImmutable) and an in-process emulator parses it through a view of its bytes
	// (contracts.ParseImmutable) instead of a copy. A Case built otherwise (a literal:
	// FuzzRawBody's bytes, which the go test -fuzz engine reuses, a fixture's, a caller's) or
	// whose Body was replaced since (a copy of a drawn case given the caller's buffer) has its
	// body copied.
	rendered []byte
}

// ownBody reports whether c's Body is the memory its draw rendered (Case.rendered): the same
// bytes at the same address, so no other buffer was put in its place.
func (c *Case) ownBody() bool {
	return len(c.Body) > 0 && len(c.Body) == len(c.rendered) && unsafe.SliceData(c.Body) == unsafe.SliceData(c.rendered)
}

// Generator draws cases for a contract from its model and the provisioned states.
type Generator struct {
	contract *contracts.Contract
	input    *contracts.Shape
	states   []contracts.State
	alpha    map[*contracts.Shape]alphabet
	// urlAlpha are the alphabets narrowed to what URL paths keep (unreserved), computed once
	// instead of per drawn URL.
	urlAlpha map[*contracts.Shape]alphabet
	// breaks are the input's breakable constraints (shapeBreaks), listed once.
	breaks []shapeBreak
	// stretchers make the values of the members whose pattern is structured, searched once.
	stretchers map[*contracts.Member]*stretcher
	// sets are the value sets draws pick from, boxed once.
	sets valueSets
	// enums are the values of the input's enum shapes, boxed once in the order of their
	// EnumValues: an enum member's drawn value is one of them (valueOf), where it was boxed
	// per draw (runtime.convTstring: 16 bytes and an allocation, some 140 a mixed cycle of 256
	// cases).
	enums map[*contracts.Shape][]any
	// rawIDs are the raw cases' ids of the input's members and the whole body (listRawIDs).
	rawIDs rawIDs
	// inputRequired tells, for each member of the input in order, whether it is required.
	inputRequired []bool
	// validIDs are the ids of positive cases, "<member>/valid", for each member of the input
	// in order (positive names a case by the last member it set).
	validIDs []string
	// memberDraws are how validMember draws each member of the input, in order (memberDrawOf).
	memberDraws []memberDraw
	// urlPrefixes are the texts of the URL prefixes of the URL lists' indexes (urlPrefixTexts).
	urlPrefixes urlPrefixTexts
	// plainKeys: every input member's name needs no escape in a JSON string (plainTexts), so
	// the keys of a positive request, which are such names, are copied into its body as they
	// are (appendKey).
	plainKeys bool
}

// NewGenerator returns a generator of UpdateUserPoolClient requests for the given states (a
// pool with an app client each; cases pick one). Each state needs a Pool and a Client.
func NewGenerator(c *contracts.Contract, states ...contracts.State) (*Generator, error) {
	if c == nil {
		c = contracts.UpdateUserPoolClient
	}
	if len(states) == 0 {
		return nil, fmt.Errorf("fuzz: NewGenerator needs at least one state (a provisioned pool and client)")
	}
	for i, st := range states {
		if st.Pool == nil || st.Client == nil || st.Pool.ID == "" || st.Client.ID == "" {
			return nil, fmt.Errorf("fuzz: NewGenerator: states[%d] has no pool or client id", i)
		}
	}
	g := &Generator{contract: c, input: c.Operation.Input, states: states, alpha: map[*contracts.Shape]alphabet{},
		urlAlpha: map[*contracts.Shape]alphabet{}, stretchers: map[*contracts.Member]*stretcher{}, enums: map[*contracts.Shape][]any{}}
	var walk func(s *contracts.Shape)
	member := func(m *contracts.Member) {
		walk(m.Target)
		if _, done := g.stretchers[m]; !done && m.Target.Type == "string" && !g.alpha[m.Target].free() {
			c := m.Effective()
			g.stretchers[m] = newStretcher(g.example(m.Target), g.alpha[m.Target].ascii, c.Regexp())
		}
	}
	walk = func(s *contracts.Shape) {
		if _, done := g.alpha[s]; done {
			return
		}
		g.alpha[s] = alphabetOf(s.Regexp())
		g.urlAlpha[s] = g.alpha[s].narrow(unreserved)
		if s.Type == "enum" {
			g.enums[s] = boxed(s.EnumValues)
		}
		for _, m := range s.Members {
			member(m)
		}
		if s.Member != nil {
			member(s.Member)
		}
	}
	walk(g.input)
	names := make([]string, 0, len(g.input.Members))
	for _, m := range g.input.Members {
		names = append(names, m.Name)
		g.inputRequired = append(g.inputRequired, m.Effective().Required)
		g.validIDs = append(g.validIDs, m.Name+validSuffix)
		g.memberDraws = append(g.memberDraws, memberDrawOf(m.Name))
	}
	g.plainKeys = plainTexts(names...)
	g.rawIDs = listRawIDs(names)
	g.breaks = g.listShapeBreaks()
	g.urlPrefixes = g.listURLPrefixes()
	g.sets = g.listSets()
	if err := g.checkNames(); err != nil {
		return nil, err
	}
	return g, nil
}

// Draw draws one case in a mode chosen by the source.
func (g *Generator) Draw(s *Source) Case { return g.DrawMode(s, 0) }

// DrawMode draws one case in mode m (0: chosen by the source: positive 40%, negative 40%, raw 20%).
func (g *Generator) DrawMode(s *Source, m Mode) Case { return s.drawCase(caseDraw{g: g, mode: m}) }

// Breaks is the number of single breaks negative mode knows: every breakable constraint of
// the model and every rule break. DrawBreak(s, i) draws the i-th.
func (g *Generator) Breaks() int { return len(g.shapeBreaks()) + len(ruleBreaks) }

// DrawBreak draws a negative case for break i (0 <= i < Breaks()): constraints in model
// order, then the rules. A campaign starts with every break once, so a short run still
// covers every constraint and rule; a break no state can host becomes a random negative case.
func (g *Generator) DrawBreak(s *Source, i int) Case {
	return s.drawCase(caseDraw{g: g, mode: Negative, brk: i + 1})
}

// caseDraw is the top-level draw: its custom fuzz function (gofuzz.go) builds a whole case.
type caseDraw struct {
	g    *Generator
	mode Mode
	brk  int // 1 + the index of the break to draw; 0: any case
	out  Case
}

func (d *caseDraw) fill(r rnd) {
	if d.brk > 0 {
		c, st, ok := d.g.drawBreak(r, d.brk-1)
		if !ok {
			st = r.Intn(len(d.g.states))
			c = d.g.negative(r, st)
		}
		c.Mode, c.State, c.Body = Negative, st, r.texts.marshal(c.Request)
		d.out = c
		return
	}
	mode := d.mode
	if mode == 0 {
		mode = []Mode{Positive, Positive, Negative, Negative, Raw}[r.Intn(5)]
	}
	st := r.Intn(len(d.g.states))
	var c Case
	switch mode {
	case Negative:
		c = d.g.negative(r, st)
	case Raw:
		c = d.g.raw(r, st)
	default:
		var mb [drawnRoom]objectMember
		var ms drawnMembers
		c, ms = d.g.positiveIn(r, st, mb[:0])
		c.Body = r.texts.marshalMembers(ms, c.Request, d.g.plainKeys)
	}
	c.Mode, c.State = mode, st
	if c.Body == nil {
		c.Body = r.texts.marshal(c.Request)
	}
	d.out = c
}

// base returns the required members for state st: the provisioned pool and client.
func (g *Generator) base(st int) map[string]any {
	var mb [2]objectMember
	return requestOf(g.baseMembers(st, mb[:0]))
}

// baseMembers returns ms with base's members appended (positiveIn draws after them).
func (g *Generator) baseMembers(st int, ms drawnMembers) drawnMembers {
	ids := &g.sets.states[st]
	return ms.set("UserPoolId", ids.poolID).set("ClientId", ids.clientID)
}

// Clone returns a deep copy of a structured request.
func Clone(req map[string]any) map[string]any {
	out, _ := cloneValue(req).(map[string]any)
	return out
}

func cloneValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = cloneValue(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = cloneValue(e)
		}
		return l
	default:
		return v
	}
}
