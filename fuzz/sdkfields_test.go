package fuzz

import (
	"math"
	"reflect"
	"strings"
	"testing"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// sdkStructs are the SDK structs fillInput fills: the input and the structures it nests.
var sdkStructs = []any{&cip.UpdateUserPoolClientInput{}, &types.TokenValidityUnitsType{},
	&types.AnalyticsConfigurationType{}, &types.RefreshTokenRotationType{}}

// fieldNames are every field name of the SDK structs and names that are none of their own.
func fieldNames() []string {
	names := []string{"", "Unknown", "clientName", "noSmithyDocumentSerde", "NoSmithyDocumentSerde"}
	for _, p := range sdkStructs {
		t := reflect.TypeOf(p).Elem()
		for i := range t.NumField() {
			names = append(names, t.Field(i).Name)
		}
	}
	return names
}

// fieldNamed finds the field FieldByName finds, for every name on every SDK struct.
func TestFieldNamedAsFieldByName(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, p := range sdkStructs {
		v := reflect.ValueOf(p).Elem()
		for _, name := range fieldNames() {
			got, want := fieldNamed(v, name), v.FieldByName(name)
			g.Expect(got.IsValid()).To(Equal(want.IsValid()), "%s.%s", v.Type(), name)
			if want.IsValid() {
				g.Expect(got.Addr().Pointer()).To(Equal(want.Addr().Pointer()), "%s.%s", v.Type(), name)
				g.Expect(got.CanSet()).To(Equal(want.CanSet()), "%s.%s", v.Type(), name)
			}
		}
	}
}

// BenchmarkFieldNamed looks up every field of the input by name: fieldNamed, and
// reflect.Value.FieldByName (what it replaces) in the same run.
func BenchmarkFieldNamed(b *testing.B) {
	v := reflect.ValueOf(&cip.UpdateUserPoolClientInput{}).Elem()
	var names []string // the input's fields: the names of a request's members
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.IsExported() {
			names = append(names, f.Name)
		}
	}
	for name, f := range map[string]func(reflect.Value, string) reflect.Value{
		"fieldNamed":  fieldNamed,
		"FieldByName": reflect.Value.FieldByName,
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, n := range names {
					_ = f(v, n)
				}
			}
		})
	}
}

// membersOf answers what Shape.MemberNamed and the members' Required traits answer, for every
// structure of the input.
func TestMembersOfAsShape(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	in := contracts.UpdateUserPoolClient.Operation.Input
	shapes := []*contracts.Shape{in}
	for _, m := range in.Members {
		if m.Target.Type == "structure" {
			shapes = append(shapes, m.Target)
		}
	}
	for _, s := range shapes {
		ix := membersOf(s)
		var required []string
		for _, m := range s.Members {
			got, want := ix.byName[m.Name], func() *contracts.Member { w, _ := s.MemberNamed(m.Name); return w }()
			g.Expect(got).To(BeIdenticalTo(want), "%s.%s", s.Name, m.Name)
			if m.Effective().Required {
				required = append(required, m.Name)
			}
		}
		g.Expect(ix.required).To(Equal(required), s.Name)
		g.Expect(ix.byName).NotTo(HaveKey("clientName"), s.Name)
	}
}

// fillInputReference is fillInput through reflect.Value alone, as it was before its plan:
// the reference TestFillInputAsReflect holds it to.
func fillInputReference(v reflect.Value, obj map[string]any) (ok, kept bool) {
	kept = true
	for k, sent := range obj {
		f := fieldNamed(v, k)
		if !f.IsValid() || !f.CanSet() {
			return false, false
		}
		ok, nested := setValueReference(f, sent)
		if !ok {
			return false, false
		}
		switch f.Kind() {
		case reflect.Pointer:
			kept = kept && nested
		case reflect.Slice, reflect.Map, reflect.Interface:
		default:
			kept = kept && !f.IsZero()
		}
	}
	return true, kept
}

// setValueReference is setValue with fillInputReference for nested structures.
func setValueReference(f reflect.Value, sent any) (ok, kept bool) {
	switch f.Kind() {
	case reflect.Pointer:
		p := reflect.New(f.Type().Elem())
		if ok, kept = setValueReference(p.Elem(), sent); !ok {
			return false, false
		}
		f.Set(p)
		return true, kept
	case reflect.Struct:
		sub, ok := sent.(map[string]any)
		if !ok {
			return false, false
		}
		return fillInputReference(f, sub)
	}
	return setValue(f, sent)
}

// fillInputCases are requests for TestFillInputAsReflect, one member each (a map's order
// decides which bad member is met first), with the edges of every kind of field.
func fillInputCases() []map[string]any {
	huge := strings.Repeat("é\u2028a", 50000)
	values := []any{"", "a", "é世\u2028", "bad\xff", "\xed\xa0\x80", "\\u0041", "\x00\x1f", huge,
		int64(0), int64(1), int64(-1), int64(math.MaxInt32), int64(math.MaxInt32 + 1), int64(math.MinInt32),
		int64(math.MinInt32 - 1), 1.5, true, false, nil,
		[]any{}, []any{"a", "b"}, []any{"a", int64(1)}, []any{"ok", "bad\xff"}, []any{nil}, []string{"a"},
		map[string]any{}, map[string]any{"ApplicationId": "x", "UserDataShared": true},
		map[string]any{"Feature": "ENABLED", "RetryGracePeriodSeconds": int64(0)},
		map[string]any{"AccessToken": "hours", "Unknown": "x"}, map[string]any{"IdToken": int64(3)}}
	var cases []map[string]any
	for _, name := range fieldNames() {
		for _, v := range values {
			cases = append(cases, map[string]any{name: v})
		}
	}
	return append(cases, map[string]any{}, map[string]any{"ClientName": "a", "RefreshTokenValidity": int64(0)},
		map[string]any{"AllowedOAuthFlowsUserPoolClient": true, "PreventUserExistenceErrors": "ENABLED",
			"AnalyticsConfiguration": map[string]any{"ApplicationId": "x", "UserDataShared": false}})
}

// TestFillInputAsReflect: fillInput fills every SDK struct as fillInputReference does (the
// same struct, ok and kept) for every field name and values of every type at their edges:
// invalid UTF-8, surrogates, control characters, multibyte, empty, huge, int32 bounds, wrong
// types, nested structures with unknown members.
func TestFillInputAsReflect(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, p := range sdkStructs {
		typ := reflect.TypeOf(p).Elem()
		for _, obj := range fillInputCases() {
			got, want := reflect.New(typ), reflect.New(typ)
			gotOK, gotKept := fillInput(got.Elem(), obj)
			wantOK, wantKept := fillInputReference(want.Elem(), obj)
			g.Expect(gotOK).To(Equal(wantOK), "%s %v", typ, obj)
			g.Expect(gotKept).To(Equal(wantKept), "%s %v", typ, obj)
			if wantOK {
				g.Expect(reflect.DeepEqual(got.Interface(), want.Interface())).To(BeTrue(), "%s %v", typ, obj)
			}
		}
	}
}

// FuzzFillInputAsReflect holds fillInput to fillInputReference on the input struct for a
// member of any name holding a string, a number, a bool or a list of two strings.
func FuzzFillInputAsReflect(f *testing.F) {
	f.Add("ClientName", "é\u2028", int64(1), true, 0)
	f.Add("RefreshTokenValidity", "", int64(0), false, 1)
	f.Add("CallbackURLs", "bad\xff", int64(math.MaxInt32+1), false, 3)
	f.Add("AllowedOAuthFlowsUserPoolClient", "x", int64(-1), false, 2)
	f.Add("PreventUserExistenceErrors", "", int64(0), false, 0)
	f.Add("TokenValidityUnits", "", int64(0), false, 4)
	f.Fuzz(func(t *testing.T, name, s string, n int64, b bool, which int) {
		vals := []any{s, n, b, []any{s, s}, map[string]any{"AccessToken": s, "IdToken": n}}
		obj := map[string]any{name: vals[((which%len(vals))+len(vals))%len(vals)]}
		got, want := &cip.UpdateUserPoolClientInput{}, &cip.UpdateUserPoolClientInput{}
		gotOK, gotKept := fillInput(reflect.ValueOf(got).Elem(), obj)
		wantOK, wantKept := fillInputReference(reflect.ValueOf(want).Elem(), obj)
		if gotOK != wantOK || gotKept != wantKept || (wantOK && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%v: fillInput %v %v %+v, reference %v %v %+v", obj, gotOK, gotKept, got, wantOK, wantKept, want)
		}
	})
}

// BenchmarkFillInput fills the SDK input of drawn requests (every mode) through fillInput's
// plan and through reflect.Value alone (fillInputReference, what it replaces) in the same run.
func BenchmarkFillInput(b *testing.B) {
	gen, _, _ := benchHarnessOn(b, nil)
	var reqs []map[string]any
	for i := range 256 {
		c := gen.DrawMode(NewSource(int64(i)), 0)
		if c.Request != nil && expressible(contracts.UpdateUserPoolClient.Operation.Input, c.Request) {
			reqs = append(reqs, c.Request)
		}
	}
	for name, fill := range map[string]func(reflect.Value, map[string]any) (bool, bool){
		"plan":    fillInput,
		"reflect": fillInputReference,
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, r := range reqs {
					fill(reflect.ValueOf(&cip.UpdateUserPoolClientInput{}).Elem(), r)
				}
			}
		})
	}
}
