package contracts

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// embeddedModel is the trimmed official Smithy JSON AST (see model/SOURCE.md).
//
//go:embed model/cognito-idp.smithy.json
var embeddedModel []byte

// Namespace is the Smithy namespace of the Cognito Identity Provider shapes.
const Namespace = "com.amazonaws.cognitoidentityprovider"

// Model is an interpreted Smithy JSON AST: every shape with its constraints, as data.
type Model struct {
	// Service is the service shape's local name, the awsJson X-Amz-Target prefix.
	Service string
	// Metadata is the file's metadata object (provenance of the copy).
	Metadata map[string]any
	shapes   map[string]*Shape
	ops      map[string]*Operation
}

// Shape is one Smithy shape with the traits cognito-contract interprets.
//
// The shapes of a loaded model are read-only. LoadModel derives values from their exported
// fields once and does not recompute them: the kind the validator reads from Type, the index of
// a structure's member names from Members, the compiled forms of a Pattern. A field changed
// afterwards is not seen by what reads the derived value. To check against a changed model,
// change the Smithy JSON and load it again.
type Shape struct {
	ID   string // absolute shape id, "com.amazonaws.cognitoidentityprovider#ClientNameType"
	Name string // local name, "ClientNameType"
	Type string // Smithy type: string, integer, long, boolean, timestamp, structure, list, map, enum, ...
	// Members of a structure or enum, in model order.
	Members []*Member
	// Member of a list; Key and Value of a map.
	Member, Key, Value *Member
	Constraints
	// EnumValues of an enum shape, in model order.
	EnumValues []string
	// Error is "client" or "server" on error structures, "" elsewhere.
	Error string
	// HTTPError is the @httpError trait (0 when absent; note the real service sends 400 anyway).
	HTTPError int
	Sensitive bool
	Doc       string
	// kind is typeKind(Type) + 1, read once when the model is loaded (newShape), for the
	// validator's kindOf; 0 for a shape made otherwise, whose kind is read from Type each time.
	kind scalarKind
	// names indexes a loaded structure's member names (indexNames) for MemberIndex and the
	// validator's top level (fillAt); nil for other shapes and shapes made otherwise.
	names *nameIndex
}

// newShape is a shape of a loaded model, its kind read from its type.
func newShape(id, typ string) *Shape {
	return &Shape{ID: id, Name: localName(id), Type: typ, kind: typeKind(typ) + 1}
}

// Constraints are the validation traits of a shape or member.
type Constraints struct {
	Length  *Bounds // @length: characters of a string, entries of a list or map
	Range   *Bounds // @range: numeric value
	Pattern string  // @pattern as written in the model (anchored, ECMA 262 / RE2 compatible here)
	// Default is the @default trait's JSON value; HasDefault tells a null default from none.
	Default    json.RawMessage
	HasDefault bool
	Required   bool // @required (members only)
	re         *regexp.Regexp
	class      *runeClass  // the same pattern without the regexp machine, when it is ^[class]+$
	seq        *seqPattern // the same, when it is another anchored sequence of pieces (fast_pattern.go)
	nfa        *nfaPattern // the same, for other anchored patterns of up to 64 instructions (fast_nfa.go)
	// texts are the constraints' violation texts, written once when these are a member's
	// effective constraints (Member.effective; valid_texts.go), nil otherwise.
	texts *constraintTexts
}

// Member is a structure, enum, list or map member.
type Member struct {
	Name   string
	Target *Shape
	// Constraints holds the member's own traits (Smithy lets them refine the target's).
	Constraints
	Doc string
	// eff is Effective(), computed once for the validator (fast_effective.go).
	effOnce sync.Once
	eff     *Constraints
}

// Operation is an operation shape with its resolved input, output and error shapes.
type Operation struct {
	Name          string
	Input, Output *Shape
	Errors        []*Shape
}

// DefaultModel returns the embedded model. It is parsed once at package initialisation.
func DefaultModel() *Model { return defaultModel }

var defaultModel = mustLoad(embeddedModel)

func mustLoad(b []byte) *Model {
	m, err := LoadModel(bytes.NewReader(b))
	if err != nil {
		panic("contracts: embedded model: " + err.Error())
	}
	return m
}

// LoadModelFile loads a Smithy JSON AST from a file, so a model release needs no code change.
func LoadModelFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := LoadModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

type rawShape struct {
	Type    string                     `json:"type"`
	Members json.RawMessage            `json:"members"`
	Member  *rawMember                 `json:"member"`
	Key     *rawMember                 `json:"key"`
	Value   *rawMember                 `json:"value"`
	Input   *rawMember                 `json:"input"`
	Output  *rawMember                 `json:"output"`
	Errors  []rawMember                `json:"errors"`
	Ops     []rawMember                `json:"operations"`
	Traits  map[string]json.RawMessage `json:"traits"`
}

type rawMember struct {
	Target string                     `json:"target"`
	Traits map[string]json.RawMessage `json:"traits"`
}

// LoadModel parses a Smithy 2.0 JSON AST and resolves every shape the model's service reaches.
func LoadModel(r io.Reader) (*Model, error) {
	var doc struct {
		Smithy   string                     `json:"smithy"`
		Metadata map[string]any             `json:"metadata"`
		Shapes   map[string]json.RawMessage `json:"shapes"`
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not a Smithy JSON AST: %w", err)
	}
	if !strings.HasPrefix(doc.Smithy, "2.") {
		return nil, fmt.Errorf(`field "smithy": want a 2.x Smithy JSON AST, got %q`, doc.Smithy)
	}
	m := &Model{Metadata: doc.Metadata, shapes: map[string]*Shape{}, ops: map[string]*Operation{}}
	raws := map[string]*rawShape{}
	for id, body := range doc.Shapes {
		var rs rawShape
		if err := json.Unmarshal(body, &rs); err != nil {
			return nil, fmt.Errorf("shapes[%q]: %w", id, err)
		}
		raws[id] = &rs
		if rs.Type != "operation" && rs.Type != "service" {
			m.shapes[id] = newShape(id, rs.Type)
		}
	}
	for id, rs := range raws {
		if err := m.resolve(id, rs, raws); err != nil {
			return nil, fmt.Errorf("shapes[%q]: %w", id, err)
		}
	}
	for _, s := range m.shapes {
		if kindOf(s) == kindStructure {
			s.names = indexNames(s)
		}
	}
	if m.Service == "" {
		return nil, fmt.Errorf("no service shape in the model")
	}
	return m, nil
}

func (m *Model) resolve(id string, rs *rawShape, raws map[string]*rawShape) error {
	switch rs.Type {
	case "service":
		m.Service = localName(id)
		return nil
	case "operation":
		op := &Operation{Name: localName(id)}
		var err error
		if rs.Input != nil {
			if op.Input, err = m.shape(rs.Input.Target); err != nil {
				return err
			}
		}
		if rs.Output != nil {
			if op.Output, err = m.shape(rs.Output.Target); err != nil {
				return err
			}
		}
		for _, e := range rs.Errors {
			s, err := m.shape(e.Target)
			if err != nil {
				return err
			}
			op.Errors = append(op.Errors, s)
		}
		m.ops[op.Name] = op
		return nil
	}
	s := m.shapes[id]
	c, err := parseConstraints(rs.Traits)
	if err != nil {
		return err
	}
	s.Constraints = c
	s.Doc = traitString(rs.Traits, "smithy.api#documentation")
	_, s.Sensitive = rs.Traits["smithy.api#sensitive"]
	s.Error = traitString(rs.Traits, "smithy.api#error")
	if h, ok := rs.Traits["smithy.api#httpError"]; ok {
		_ = json.Unmarshal(h, &s.HTTPError)
	}
	if len(rs.Members) > 0 {
		names, err := orderedKeys(rs.Members)
		if err != nil {
			return fmt.Errorf("members: %w", err)
		}
		var members map[string]rawMember
		if err := json.Unmarshal(rs.Members, &members); err != nil {
			return fmt.Errorf("members: %w", err)
		}
		for _, name := range names {
			mem, err := m.member(name, members[name])
			if err != nil {
				return fmt.Errorf("members[%q]: %w", name, err)
			}
			s.Members = append(s.Members, mem)
			if s.Type == "enum" {
				v := name
				if raw, ok := members[name].Traits["smithy.api#enumValue"]; ok {
					_ = json.Unmarshal(raw, &v)
				}
				s.EnumValues = append(s.EnumValues, v)
			}
		}
	}
	for _, p := range []struct {
		raw *rawMember
		dst **Member
		n   string
	}{{rs.Member, &s.Member, "member"}, {rs.Key, &s.Key, "key"}, {rs.Value, &s.Value, "value"}} {
		if p.raw != nil {
			mem, err := m.member(p.n, *p.raw)
			if err != nil {
				return fmt.Errorf("%s: %w", p.n, err)
			}
			*p.dst = mem
		}
	}
	return nil
}

func (m *Model) member(name string, rm rawMember) (*Member, error) {
	t, err := m.shape(rm.Target)
	if err != nil {
		return nil, err
	}
	c, err := parseConstraints(rm.Traits)
	if err != nil {
		return nil, err
	}
	return &Member{Name: name, Target: t, Constraints: c, Doc: traitString(rm.Traits, "smithy.api#documentation")}, nil
}

// prelude holds the smithy.api shapes a model may target without defining them.
var prelude = map[string]string{
	"String": "string", "Integer": "integer", "Long": "long", "Boolean": "boolean", "Timestamp": "timestamp",
	"Blob": "blob", "Double": "double", "Float": "float", "Document": "document", "Unit": "structure",
	"PrimitiveBoolean": "boolean", "PrimitiveInteger": "integer", "PrimitiveLong": "long",
}

func (m *Model) shape(id string) (*Shape, error) {
	if s, ok := m.shapes[id]; ok {
		return s, nil
	}
	if t, ok := prelude[strings.TrimPrefix(id, "smithy.api#")]; ok && strings.HasPrefix(id, "smithy.api#") {
		s := newShape(id, t)
		m.shapes[id] = s
		return s, nil
	}
	return nil, fmt.Errorf("target %q is not defined in the model", id)
}

func parseConstraints(traits map[string]json.RawMessage) (Constraints, error) {
	var c Constraints
	if raw, ok := traits["smithy.api#length"]; ok {
		b, err := parseBounds(raw)
		if err != nil {
			return c, fmt.Errorf("smithy.api#length: %w", err)
		}
		c.Length = b
	}
	if raw, ok := traits["smithy.api#range"]; ok {
		b, err := parseBounds(raw)
		if err != nil {
			return c, fmt.Errorf("smithy.api#range: %w", err)
		}
		c.Range = b
	}
	if raw, ok := traits["smithy.api#pattern"]; ok {
		if err := json.Unmarshal(raw, &c.Pattern); err != nil {
			return c, fmt.Errorf("smithy.api#pattern: %w", err)
		}
		re, err := regexp.Compile(c.Pattern)
		if err != nil {
			return c, fmt.Errorf("smithy.api#pattern %q does not compile: %w", c.Pattern, err)
		}
		c.re, c.class = re, compileRuneClass(c.Pattern)
		if c.class == nil {
			c.seq = compileSeq(c.Pattern)
		}
		if c.class == nil && c.seq == nil {
			c.nfa = compileNFA(c.Pattern)
		}
	}
	if raw, ok := traits["smithy.api#default"]; ok {
		c.Default, c.HasDefault = raw, true
	}
	_, c.Required = traits["smithy.api#required"]
	return c, nil
}

// Regexp returns the compiled @pattern, or nil when there is none.
func (c *Constraints) Regexp() *regexp.Regexp { return c.re }

// Effective merges a member's own traits over its target's: the constraints that apply to a value.
func (mem *Member) Effective() Constraints {
	c := mem.Target.Constraints
	if mem.Length != nil {
		c.Length = mem.Length
	}
	if mem.Range != nil {
		c.Range = mem.Range
	}
	if mem.Pattern != "" {
		c.Pattern, c.re, c.class, c.seq, c.nfa = mem.Pattern, mem.re, mem.class, mem.seq, mem.nfa
	}
	if mem.HasDefault {
		c.Default, c.HasDefault = mem.Default, true
	}
	c.Required = mem.Required
	return c
}

// Shape returns a shape by local name or absolute id.
func (m *Model) Shape(name string) (*Shape, bool) {
	if !strings.Contains(name, "#") {
		name = Namespace + "#" + name
	}
	s, ok := m.shapes[name]
	return s, ok
}

// Shapes returns every shape of the model (prelude shapes included once targeted), sorted by id.
func (m *Model) Shapes() []*Shape {
	out := make([]*Shape, 0, len(m.shapes))
	for _, s := range m.shapes {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Operation returns an operation by name.
func (m *Model) Operation(name string) (*Operation, error) {
	op, ok := m.ops[name]
	if !ok {
		return nil, fmt.Errorf("operation %q is not in the model", name)
	}
	return op, nil
}

// MemberNamed returns a structure member by name (the first of that name: MemberIndex's).
func (s *Shape) MemberNamed(name string) (*Member, bool) {
	if j := s.MemberIndex(name); j >= 0 {
		return s.Members[j], true
	}
	return nil, false
}

// MemberIndex returns the index in s.Members of the structure member named name (the first of
// that name), -1 when none is. A structure of a loaded model is looked up through its name
// index (only the members of the name's length compared), made when the model is loaded from
// the members it has then; a shape made otherwise is searched member by member.
func (s *Shape) MemberIndex(name string) int {
	if s.names != nil {
		return s.names.find(s, name)
	}
	for j, mem := range s.Members {
		if mem.Name == name {
			return j
		}
	}
	return -1
}

// ErrorNamed returns one of the operation's errors by shape name.
func (op *Operation) ErrorNamed(name string) (*Shape, bool) {
	for _, e := range op.Errors {
		if e.Name == name {
			return e, true
		}
	}
	return nil, false
}

func localName(id string) string {
	if i := strings.LastIndexByte(id, '#'); i >= 0 {
		return id[i+1:]
	}
	return id
}

func traitString(traits map[string]json.RawMessage, name string) string {
	var s string
	if raw, ok := traits[name]; ok {
		_ = json.Unmarshal(raw, &s)
	}
	return s
}

// orderedKeys returns the keys of a JSON object in document order.
func orderedKeys(raw json.RawMessage) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("want an object")
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}
