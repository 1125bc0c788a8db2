package fuzz

import (
	"math"
	"reflect"
	"unicode/utf8"
)

// fillInput sets the fields of the SDK input struct v from a structured request's JSON values
// as json.Unmarshal of the request's JSON would set them, without rendering and scanning the
// JSON: strings (valid UTF-8 only), int64 within int32 range, bools, lists of strings and
// nested structures, into fields of the same name. It reports false for anything else (a
// value json.Unmarshal would refuse or convert); sdkInput then falls back to json.Unmarshal.
// kept is noDroppedZero's answer for the filled struct, found on the way (no second lookup of
// every member).
func fillInput(v reflect.Value, obj map[string]any) (ok, kept bool) {
	ix := indexOf(v.Type())
	kept = true
	for k, sent := range obj {
		f := ix.field(v, k)
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
	}
	return true, kept
}

// setValue sets f from sent; kept is fillInput's for a nested structure (true otherwise).
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
		if !ok || !utf8.ValidString(s) { // encoding/json reads invalid UTF-8 as U+FFFD
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
			if !ok || !utf8.ValidString(s) {
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
