package fuzz

import (
	"reflect"
	"sync"
)

// structFields maps a struct type to the indexes of its own exported fields by name, listed
// once per type: fillInput and noDroppedZero look up every member of every request.
var structFields sync.Map // reflect.Type -> map[string]int

// fieldNamed is v.FieldByName(name) for a struct value v: a field of v's own, found through
// the type's index, is the one FieldByName returns (a shallower field wins over promoted
// ones); any other name (promoted, unexported, unknown) goes to FieldByName itself.
func fieldNamed(v reflect.Value, name string) reflect.Value {
	t := v.Type()
	idx, ok := structFields.Load(t)
	if !ok {
		m := make(map[string]int, t.NumField())
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && !f.Anonymous {
				m[f.Name] = i
			}
		}
		idx, _ = structFields.LoadOrStore(t, m)
	}
	if i, ok := idx.(map[string]int)[name]; ok {
		return v.Field(i)
	}
	return v.FieldByName(name)
}
