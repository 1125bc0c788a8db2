package fuzz

import (
	"math"
	"reflect"
	"sync"
	"unsafe"

	"github.com/cognito-contract/cognito-contract/internal/jsontext"
)

// fillInput sets the fields of the SDK input struct v from a structured request's JSON values
// as json.Unmarshal of the request's JSON would set them, without rendering and scanning the
// JSON: strings (valid UTF-8 only), int64 within int32 range, bools, lists of strings and
// nested structures, into fields of the same name. It reports false for anything else (a
// value json.Unmarshal would refuse or convert); sdkInput then falls back to json.Unmarshal.
// kept is noDroppedZero's answer for the filled struct, found on the way (no second lookup of
// every member). v must be addressable. The fields are written through a plan of the struct
// made once (fillPlan: offsets and kinds), not through reflect.Value's calls per field; a
// name the plan does not hold (promoted, unexported, unknown) is set as setValue sets it.
func fillInput(v reflect.Value, obj map[string]any) (ok, kept bool) {
	slab := newStrSlab(len(obj) + strSlack)
	return planOf(v.Type()).fill(unsafe.Pointer(v.UnsafeAddr()), obj, &slab)
}

// strSlab is memory for the strings one fill stores behind pointers and in lists (*string
// fields, []string fields), carved from chunks instead of allocated one by one: a request's
// strings share a few allocations. A chunk's strings live as long as any input that points
// into it. Until the slab is refilled each take is room no other take returns; refill clears
// the current chunk and carves it again, and hands the ints, bools and structs out again, so
// a slab is refilled only when nothing reads an input it filled any more: the harness's
// (Harness.sdkInput) is, before every update, since the SDK keeps nothing of an input past
// its call and the harness makes one call at a time.
//
// It holds the fill's other pointed-to values too: the *int32 and *bool fields' values, carved
// from chunks of their own (ints, bools), and, once refilled, the nested structures (structs).
type strSlab struct {
	free  []string // the current chunk: room from len to cap
	taken int      // the strings taken since the slab was made or refilled, chunks and lists of their own alike
	ints  []int32  // room for the *int32 fields' values, from len to cap
	bools []bool   // room for the *bool fields' values, from len to cap
	// structs are the nested structures a refilled slab hands out again (structOf), each
	// zeroed and marked used when it is; nil until the slab is refilled.
	structs []reusedStruct
}

// reusedStruct is a nested structure of type typ at p, used by the fill in progress or free.
type reusedStruct struct {
	typ  reflect.Type
	p    unsafe.Pointer
	used bool
}

// scalarChunk is how many values a chunk of ints or bools holds.
const scalarChunk = 8

// refill makes the slab's memory room for a fill whose input replaces the one it last filled:
// the current chunk is emptied (its strings cleared, so that it keeps none of the last
// request's alive) and taken again from its start; a slab whose last fill took more than the
// chunk holds gets a chunk of that size, once, so that a like request fits it. The ints and
// bools are taken again from their chunks' start, the nested structures handed out again
// (structOf). So the next fill writes over memory the inputs filled before point into: refill
// only when nothing reads them any more. Harness.sdkInput's refill before every update holds
// to this because the SDK keeps nothing of an input past its call and the harness makes one
// call at a time.
func (s *strSlab) refill() {
	if s.taken > cap(s.free) {
		s.free = make([]string, 0, s.taken)
	} else {
		clear(s.free)
		s.free = s.free[:0]
	}
	s.taken = 0
	s.ints, s.bools = s.ints[:0], s.bools[:0]
	if s.structs == nil {
		s.structs = []reusedStruct{}
	}
	for i := range s.structs {
		s.structs[i].used = false
	}
}

// int32Of is a pointer to a new int32 holding n, carved from the slab's ints.
func (s *strSlab) int32Of(n int32) *int32 {
	if len(s.ints) == cap(s.ints) {
		s.ints = make([]int32, 0, scalarChunk)
	}
	s.ints = append(s.ints, n)
	return &s.ints[len(s.ints)-1]
}

// boolOf is a pointer to a new bool holding b, carved from the slab's bools.
func (s *strSlab) boolOf(b bool) *bool {
	if len(s.bools) == cap(s.bools) {
		s.bools = make([]bool, 0, scalarChunk)
	}
	s.bools = append(s.bools, b)
	return &s.bools[len(s.bools)-1]
}

// structOf is a pointer to a zero struct of type t, as reflect.New(t) gives: a new one, unless
// the slab was refilled and holds one of that type that the fill in progress has not taken
// (structs), which is zeroed and taken.
func (s *strSlab) structOf(t reflect.Type) unsafe.Pointer {
	if s.structs == nil {
		return reflect.New(t).UnsafePointer()
	}
	for i := range s.structs {
		if r := &s.structs[i]; r.typ == t && !r.used {
			reflect.NewAt(t, r.p).Elem().SetZero()
			r.used = true
			return r.p
		}
	}
	p := reflect.New(t).UnsafePointer()
	s.structs = append(s.structs, reusedStruct{typ: t, p: p, used: true})
	return p
}

// newStrSlab returns a slab whose first chunk holds n strings: about what a request of n
// members stores behind pointers (one each, a few more for a nested structure's), and its
// short lists when they fit.
func newStrSlab(n int) strSlab { return strSlab{free: make([]string, 0, n)} }

// strChunk is the number of strings a chunk after the first holds; a list of more than half
// as many that does not fit the current chunk gets room of its own, of its size.
const strChunk = 16

// strSlack is the room a first chunk has beyond one string per member: a nested structure's
// (AnalyticsConfiguration's four ids and ARNs) and a short list.
const strSlack = 4

// take returns room for n strings, capped at n (an append to it cannot reach the room the
// next take returns); for n == 0 an empty list that is not nil (a JSON [] is sent, a nil list
// is left out).
func (s *strSlab) take(n int) []string {
	if n == 0 {
		return []string{}
	}
	s.taken += n
	if cap(s.free)-len(s.free) < n {
		if n > strChunk/2 {
			return make([]string, n)
		}
		s.free = make([]string, 0, strChunk)
	}
	start := len(s.free)
	s.free = s.free[:start+n]
	return s.free[start : start+n : start+n]
}

// fillPlan is how fillInput writes the own exported fields of one struct type.
type fillPlan struct {
	typ    reflect.Type
	fields map[string]*fieldPlan
}

// fieldPlan is one field: where it is and what setValue would store in it.
type fieldPlan struct {
	index int          // the field's index (for setValue's way)
	off   uintptr      // its offset in the struct
	kind  reflect.Kind // its kind, or the pointed-to type's for a pointer
	ptr   bool         // a pointer to a value of kind
	elem  reflect.Type // the pointed-to type of a pointer to a struct
	sub   *fillPlan    // that struct's plan
	slow  bool         // left to setValue: a kind the plan does not write itself
}

// fillPlans maps a struct type to its *fillPlan, made once per type.
var fillPlans sync.Map // reflect.Type -> *fillPlan

// planOf returns the fill plan of struct type t.
func planOf(t reflect.Type) *fillPlan {
	if p, ok := fillPlans.Load(t); ok {
		return p.(*fillPlan)
	}
	p := &fillPlan{typ: t, fields: map[string]*fieldPlan{}}
	for name, i := range indexOf(t) {
		sf := t.Field(i)
		fp := &fieldPlan{index: i, off: sf.Offset, kind: sf.Type.Kind()}
		ft := sf.Type
		if fp.kind == reflect.Pointer {
			fp.ptr, ft = true, ft.Elem()
			fp.kind = ft.Kind()
		}
		switch {
		case fp.kind == reflect.String, fp.kind == reflect.Int32, fp.kind == reflect.Bool:
		case fp.kind == reflect.Slice && !fp.ptr && ft.Elem().Kind() == reflect.String:
		case fp.kind == reflect.Struct && fp.ptr:
			fp.elem, fp.sub = ft, planOf(ft)
		default:
			fp.slow = true
		}
		p.fields[name] = fp
	}
	stored, _ := fillPlans.LoadOrStore(t, p)
	return stored.(*fillPlan)
}

// fill is fillInput on the struct of the plan's type at base, its strings carved from slab.
func (p *fillPlan) fill(base unsafe.Pointer, obj map[string]any, slab *strSlab) (ok, kept bool) {
	kept = true
	for k, sent := range obj {
		if ok, kept = p.member(base, k, p.fields[k], sent, kept, slab); !ok {
			return false, false
		}
	}
	return true, kept
}

// member sets the field named k (fp: its plan, nil when the plan has none) of the struct at
// base from sent, as fill sets each member; kept is fill's answer so far, stillKept with this
// member's field read as noDroppedZero reads it. Its strings are carved from slab.
func (p *fillPlan) member(base unsafe.Pointer, k string, fp *fieldPlan, sent any, kept bool, slab *strSlab) (ok, stillKept bool) {
	if fp == nil || fp.slow {
		return fillSlow(reflect.NewAt(p.typ, base).Elem(), k, sent, kept)
	}
	ok, nonZero := fp.set(unsafe.Add(base, fp.off), sent, slab)
	if !ok {
		return false, false
	}
	if fp.kind != reflect.Slice { // as noDroppedZero reads the field
		kept = kept && nonZero
	}
	return true, kept
}

// fillSlow sets the field named k of v from sent as fillInput did through reflect.Value
// alone, for the names fillPlan leaves to it.
func fillSlow(v reflect.Value, k string, sent any, kept bool) (ok, stillKept bool) {
	f := indexOf(v.Type()).field(v, k)
	if !f.IsValid() || !f.CanSet() {
		return false, false
	}
	ok, nested := setValue(f, sent)
	if !ok {
		return false, false
	}
	switch f.Kind() { // as noDroppedZero reads the field
	case reflect.Pointer:
		kept = kept && nested
	case reflect.Slice, reflect.Map, reflect.Interface:
	default:
		kept = kept && !f.IsZero()
	}
	return true, kept
}

// set stores sent in the field at f as setValue stores it, a pointed-to value (string, int32,
// bool, nested structure) and a list's strings in room of slab. kept is what noDroppedZero asks of the field: for a pointer, the
// nested structure's answer (true for a scalar); for any other, that the value is not the zero
// value. Strings are checked by jsontext.ValidUTF8 (utf8.ValidString's answer, about twice as
// fast on the drawn multibyte values).
func (fp *fieldPlan) set(f unsafe.Pointer, sent any, slab *strSlab) (ok, kept bool) {
	switch fp.kind {
	case reflect.String:
		s, ok := sent.(string)
		if !ok || !jsontext.ValidUTF8(s) { // encoding/json reads invalid UTF-8 as U+FFFD
			return false, false
		}
		if fp.ptr {
			box := slab.take(1)
			box[0] = s
			*(**string)(f) = &box[0]
			return true, true
		}
		*(*string)(f) = s // a named string type (an enum) has string's layout
		return true, s != ""
	case reflect.Int32:
		n, ok := sent.(int64)
		if !ok || n < math.MinInt32 || n > math.MaxInt32 {
			return false, false
		}
		if fp.ptr {
			*(**int32)(f) = slab.int32Of(int32(n))
			return true, true
		}
		*(*int32)(f) = int32(n)
		return true, n != 0
	case reflect.Bool:
		b, ok := sent.(bool)
		if !ok {
			return false, false
		}
		if fp.ptr {
			*(**bool)(f) = slab.boolOf(b)
			return true, true
		}
		*(*bool)(f) = b
		return true, b
	case reflect.Slice:
		list, ok := sent.([]any)
		if !ok {
			return false, false
		}
		out := slab.take(len(list)) // a list of a named string type has []string's layout
		for i, e := range list {
			s, ok := e.(string)
			if !ok || !jsontext.ValidUTF8(s) {
				return false, false
			}
			out[i] = s
		}
		*(*[]string)(f) = out
		return true, true
	case reflect.Struct:
		sub, ok := sent.(map[string]any)
		if !ok {
			return false, false
		}
		p := slab.structOf(fp.elem)
		if ok, kept = fp.sub.fill(p, sub, slab); !ok {
			return false, false
		}
		*(*unsafe.Pointer)(f) = p
		return true, kept
	}
	return false, false
}

// setValue sets f from sent; kept is fillInput's for a nested structure (true otherwise).
// fillInput sets the fields its plan does not write this way.
func setValue(f reflect.Value, sent any) (ok, kept bool) {
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		if ok, kept = setValue(p.Elem(), sent); !ok {
			return false, false
		}
		f.Set(p)
		return true, kept
	}
	switch f.Kind() {
	case reflect.String:
		s, ok := sent.(string)
		if !ok || !jsontext.ValidUTF8(s) { // encoding/json reads invalid UTF-8 as U+FFFD
			return false, false
		}
		f.SetString(s)
	case reflect.Int32:
		n, ok := sent.(int64)
		if !ok || n < math.MinInt32 || n > math.MaxInt32 {
			return false, false
		}
		f.SetInt(n)
	case reflect.Bool:
		b, ok := sent.(bool)
		if !ok {
			return false, false
		}
		f.SetBool(b)
	case reflect.Slice:
		list, ok := sent.([]any)
		if !ok || f.Type().Elem().Kind() != reflect.String {
			return false, false
		}
		out := reflect.MakeSlice(f.Type(), len(list), len(list))
		for i, e := range list {
			s, ok := e.(string)
			if !ok || !jsontext.ValidUTF8(s) {
				return false, false
			}
			out.Index(i).SetString(s)
		}
		f.Set(out)
	case reflect.Struct:
		sub, ok := sent.(map[string]any)
		if !ok {
			return false, false
		}
		return fillInput(f, sub)
	default:
		return false, false
	}
	return true, true
}
