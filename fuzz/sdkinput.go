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
func fillInput(v reflect.Value, obj map[string]any) bool {
	for k, sent := range obj {
		f := fieldNamed(v, k)
		if !f.IsValid() || !f.CanSet() || !setValue(f, sent) {
			return false
		}
	}
	return true
}

func setValue(f reflect.Value, sent any) bool {
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		if !setValue(p.Elem(), sent) {
			return false
		}
		f.Set(p)
		return true
	}
	switch f.Kind() {
	case reflect.String:
		s, ok := sent.(string)
		if !ok || !utf8.ValidString(s) { // encoding/json reads invalid UTF-8 as U+FFFD
			return false
		}
		f.SetString(s)
	case reflect.Int32:
		n, ok := sent.(int64)
		if !ok || n < math.MinInt32 || n > math.MaxInt32 {
			return false
		}
		f.SetInt(n)
	case reflect.Bool:
		b, ok := sent.(bool)
		if !ok {
			return false
		}
		f.SetBool(b)
	case reflect.Slice:
		list, ok := sent.([]any)
		if !ok || f.Type().Elem().Kind() != reflect.String {
			return false
		}
		out := reflect.MakeSlice(f.Type(), len(list), len(list))
		for i, e := range list {
			if !setValue(out.Index(i), e) {
				return false
			}
		}
		f.Set(out)
	case reflect.Struct:
		sub, ok := sent.(map[string]any)
		if !ok {
			return false
		}
		return fillInput(f, sub)
	default:
		return false
	}
	return true
}
