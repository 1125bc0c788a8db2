package fuzz

import (
	"reflect"
	"sync"

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
