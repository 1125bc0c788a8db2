package fuzz

import (
	"reflect"
	"sync"
	"unsafe"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// structFields maps a struct type to its structIndex, listed once per type: fillInput and
// noDroppedZero look up every member of every request.
var structFields sync.Map // reflect.Type -> structIndex

// structIndex maps the names of a struct type's own exported fields to their indexes.
type structIndex map[string]int

// indexOf returns the index of struct type t.
func indexOf(t reflect.Type) structIndex {
	if ix, ok := structFields.Load(t); ok {
		return ix.(structIndex)
	}
	ix := make(structIndex, t.NumField())
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && !f.Anonymous {
			ix[f.Name] = i
		}
	}
	stored, _ := structFields.LoadOrStore(t, ix)
	return stored.(structIndex)
}

// field is v.FieldByName(name) for a struct value v of the indexed type: a field of v's own,
// found through the index, is the one FieldByName returns (a shallower field wins over
// promoted ones); any other name (promoted, unexported, unknown) goes to FieldByName itself.
func (ix structIndex) field(v reflect.Value, name string) reflect.Value {
	if i, ok := ix[name]; ok {
		return v.Field(i)
	}
	return v.FieldByName(name)
}

// fieldNamed is v.FieldByName(name) through v's type's index.
func fieldNamed(v reflect.Value, name string) reflect.Value { return indexOf(v.Type()).field(v, name) }

// shapeMembers maps a model shape to its memberIndex, listed once per shape: expressible looks
// up every member of every request.
var shapeMembers sync.Map // *contracts.Shape -> *memberIndex

// memberIndex is what expressible asks of a structure shape.
type memberIndex struct {
	required []string                     // the names of the required members
	byName   map[string]*contracts.Member // Shape.MemberNamed's answers: the first member of a name
}

// membersOf returns the member index of shape s.
func membersOf(s *contracts.Shape) *memberIndex {
	if ix, ok := shapeMembers.Load(s); ok {
		return ix.(*memberIndex)
	}
	ix := &memberIndex{byName: make(map[string]*contracts.Member, len(s.Members))}
	for _, m := range s.Members {
		if m.Effective().Required {
			ix.required = append(ix.required, m.Name)
		}
		if _, dup := ix.byName[m.Name]; !dup {
			ix.byName[m.Name] = m
		}
	}
	stored, _ := shapeMembers.LoadOrStore(s, ix)
	return stored.(*memberIndex)
}

// inputPlan is sdkInput's one pass over a structured request: the input shape's members as
// expressible reads them joined with the fields of the SDK input as fillInput writes them, so
// that each member of a request is ranged over and looked up once, not once to decide that
// the SDK can express the request and once more to fill the input.
type inputPlan struct {
	fields   *fillPlan // the SDK input's (UpdateUserPoolClientInput)
	required int       // how many names the shape requires (membersOf's, distinct)
	// shape is the input shape, members its members' plans by their index in shape.Members: a
	// request's name is looked up by shape.MemberIndex (a loaded structure's name index: only
	// the members of its length compared) instead of being hashed for a map.
	shape   *contracts.Shape
	members []inputMember
}

// member is the input shape's member named k (known false: none), the first of that name as
// membersOf's byName holds it.
func (p *inputPlan) member(k string) (m inputMember, known bool) {
	if j := p.shape.MemberIndex(k); j >= 0 {
		return p.members[j], true
	}
	return inputMember{}, false
}

// inputMember is one member of the input shape.
type inputMember struct {
	field     *fieldPlan       // the SDK input's field of that name, nil when fill has none
	structure *contracts.Shape // the member's target when it is a structure, else nil
	required  bool             // its name is one the shape requires
	// nested is the plan of the structure and of the field's struct (a pointer to one that
	// fill writes itself), nil for any other member: a nested object is then read once, for
	// expressible and for its fields (fillNested), instead of once by each.
	nested *inputPlan
}

// inputPlans maps an input shape to its *inputPlan, made once per shape.
var inputPlans sync.Map // *contracts.Shape -> *inputPlan

// inputPlanOf returns the plan of input shape s carried by cip.UpdateUserPoolClientInput.
func inputPlanOf(s *contracts.Shape) *inputPlan {
	if p, ok := inputPlans.Load(s); ok {
		return p.(*inputPlan)
	}
	p := planFor(s, planOf(reflect.TypeFor[cip.UpdateUserPoolClientInput]()))
	stored, _ := inputPlans.LoadOrStore(s, p)
	return stored.(*inputPlan)
}

// planFor is the plan of structure shape s carried by the struct of plan fields, and of the
// structures it nests (inputMember.nested), each carried by its field's struct.
func planFor(s *contracts.Shape, fields *fillPlan) *inputPlan {
	ix := membersOf(s)
	p := &inputPlan{fields: fields}
	required := map[string]bool{}
	for _, name := range ix.required {
		required[name] = true
	}
	p.required = len(required)
	p.shape, p.members = s, make([]inputMember, len(s.Members))
	for j, m := range s.Members {
		im := inputMember{field: p.fields.fields[m.Name], required: required[m.Name]}
		if m.Target.Type == "structure" {
			im.structure = m.Target
			if f := im.field; f != nil && !f.slow && f.sub != nil {
				im.nested = planFor(m.Target, f.sub)
			}
		}
		p.members[j] = im
	}
	return p
}

// fill fills the SDK input at in, whose fields are all zero (a new one or one emptied), from a
// structured request, its strings carved from slab (nil: a new slab of the input's own): can
// is expressible's answer for the plan's shape; when it is true, ok and kept are fillInput's.
// Once a member cannot be filled the rest is only read for expressible (sdkInputInto then
// leaves the input to json.Unmarshal).
func (p *inputPlan) fill(in *cip.UpdateUserPoolClientInput, obj map[string]any, slab *strSlab) (can, ok, kept bool) {
	if slab == nil {
		s := newStrSlab(len(obj) + strSlack) // the input's strings
		slab = &s
	}
	return p.fillAt(unsafe.Pointer(in), obj, slab)
}

// fillAt is fill on the struct of the plan's type at base, its strings carved from slab.
func (p *inputPlan) fillAt(base unsafe.Pointer, obj map[string]any, slab *strSlab) (can, ok, kept bool) {
	ok, kept = true, true
	required := 0
	for k, sent := range obj {
		m, known := p.member(k)
		if !known || sent == nil {
			return false, false, false
		}
		if m.required {
			required++
		}
		sub, isObj := sent.(map[string]any)
		switch {
		case isObj && m.nested != nil && ok:
			if !m.nested.fillNested(base, m.field, sub, &ok, &kept, slab) {
				return false, false, false
			}
			continue
		case isObj && m.structure != nil && !expressible(m.structure, sub):
			return false, false, false
		}
		if ok {
			ok, kept = p.fields.member(base, k, m.field, sent, kept, slab)
		}
	}
	return required == p.required, ok, ok && kept
}

// fillNested is fillAt for a nested object obj, the value of the field f of the struct at base
// (a pointer to a struct of p's type, which it sets when obj fills it): it reports expressible's
// answer for p's shape, and updates ok and kept as fieldPlan.member would for the field (set's
// nested structure, then noDroppedZero's reading of a pointer).
func (p *inputPlan) fillNested(base unsafe.Pointer, f *fieldPlan, obj map[string]any, ok, kept *bool, slab *strSlab) bool {
	v := slab.structOf(f.elem)
	can, subOK, subKept := p.fillAt(v, obj, slab)
	if !can {
		return false
	}
	if !subOK {
		*ok, *kept = false, false
		return true
	}
	*(*unsafe.Pointer)(unsafe.Add(base, f.off)) = v
	*kept = *kept && subKept
	return true
}
