package fuzz

import (
	"encoding/json"
	"maps"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

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

// TestStrSlabTake: the room strSlab.take returns is n strings, capped at n, never room of
// another take (every string written stays), and an empty list that is not nil for n == 0;
// short lists share chunks, a long one that does not fit has room of its own.
func TestStrSlabTake(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	slab := newStrSlab(3)
	var taken [][]string
	for i, n := range []int{1, 1, 0, 2, 1, strChunk, 3, strChunk/2 + 1, 1, 0, strChunk} {
		room := slab.take(n)
		g.Expect(room).NotTo(BeNil(), "take(%d)", n)
		g.Expect(room).To(HaveLen(n))
		g.Expect(cap(room)).To(Equal(n), "take(%d)", n)
		for k := range room {
			room[k] = strings.Repeat("x", i+1)
		}
		taken = append(taken, room)
	}
	for i, room := range taken {
		for _, s := range room {
			g.Expect(s).To(Equal(strings.Repeat("x", i+1)), "take %d overwritten", i)
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

// sdkInputReference is sdkInput as it was before its one pass (inputPlan): expressible over
// the request, then fillInput, then json.Unmarshal of the body when fillInput cannot.
func sdkInputReference(c *contracts.Contract, req map[string]any, body []byte) (*cip.UpdateUserPoolClientInput, bool) {
	if req == nil || !expressible(c.Operation.Input, req) {
		return nil, false
	}
	in := &cip.UpdateUserPoolClientInput{}
	if ok, kept := fillInput(reflect.ValueOf(in).Elem(), req); ok {
		return in, kept
	}
	in = &cip.UpdateUserPoolClientInput{}
	if err := json.Unmarshal(body, in); err != nil {
		return nil, false
	}
	return in, noDroppedZero(reflect.ValueOf(in).Elem(), req)
}

// sdkInputRequests are requests for TestSDKInputAsReference: drawn ones of every mode, and
// the ids with every fillInputCases member, with a member fillInput cannot set (int32
// overflow, invalid UTF-8) next to one the SDK cannot express (unknown, null, a nested
// unknown member), with a required id missing or null, empty and nil.
func sdkInputRequests(t testing.TB) []map[string]any {
	gen, _, _ := benchHarnessOn(t, nil)
	var reqs []map[string]any
	for i := range 200 {
		if c := gen.DrawMode(NewSource(int64(i)), 0); c.Request != nil {
			reqs = append(reqs, c.Request)
		}
	}
	ids := func(extra ...map[string]any) map[string]any {
		r := map[string]any{"UserPoolId": "us-east-1_AbC", "ClientId": "abc"}
		for _, e := range extra {
			maps.Copy(r, e)
		}
		return r
	}
	for _, m := range fillInputCases() {
		reqs = append(reqs, ids(m))
	}
	unfillable := []map[string]any{{"AuthSessionValidity": int64(math.MaxInt32 + 1)}, {"ClientName": "bad\xff"},
		{"CallbackURLs": []any{"a", int64(1)}}, {"TokenValidityUnits": map[string]any{"AccessToken": int64(1)}},
		{"AnalyticsConfiguration": map[string]any{"ApplicationId": "bad\xff", "UserDataShared": true}},
		{"RefreshTokenRotation": map[string]any{"Feature": "ENABLED", "RetryGracePeriodSeconds": int64(math.MaxInt32 + 1)}}}
	// Nested objects the SDK drops a zero of (not kept) or keeps, next to other members.
	for _, nested := range []map[string]any{
		{"TokenValidityUnits": map[string]any{"AccessToken": "", "IdToken": "hours"}},
		{"TokenValidityUnits": map[string]any{"AccessToken": "days", "IdToken": "hours", "RefreshToken": "days"}, "ClientName": "a"},
		{"RefreshTokenRotation": map[string]any{"Feature": "DISABLED", "RetryGracePeriodSeconds": int64(0)}, "AuthSessionValidity": int64(3)},
		{"AnalyticsConfiguration": map[string]any{"ApplicationId": "x", "UserDataShared": false}, "EnableTokenRevocation": true},
	} {
		reqs = append(reqs, ids(nested))
	}
	inexpressible := []map[string]any{{"Unknown": "x"}, {"ClientName": nil}, {"clientName": "x"},
		{"AnalyticsConfiguration": map[string]any{"ApplicationId": "x", "Unknown": true}},
		{"AnalyticsConfiguration": map[string]any{"ApplicationId": nil}}, {"RefreshTokenRotation": map[string]any{}}}
	for _, u := range unfillable {
		reqs = append(reqs, ids(u))
		for _, x := range inexpressible {
			reqs = append(reqs, ids(u, x), ids(x))
		}
	}
	return append(reqs, map[string]any{"UserPoolId": "us-east-1_AbC"}, map[string]any{"ClientId": "abc"},
		ids(map[string]any{"ClientId": nil}), map[string]any{}, nil)
}

// TestSDKInputAsReference: sdkInput builds the input sdkInputReference builds (the same
// struct, the same answer) for every request of sdkInputRequests, each three times (a map's
// order decides which member the one pass meets first).
func TestSDKInputAsReference(t *testing.T) {
	t.Parallel()
	for _, req := range sdkInputRequests(t) {
		body := marshal(req)
		want, wantOK := sdkInputReference(contracts.UpdateUserPoolClient, req, body)
		for range 3 {
			got, gotOK := sdkInput(contracts.UpdateUserPoolClient, req, body)
			if gotOK != wantOK || (got == nil) != (want == nil) || !reflect.DeepEqual(got, want) {
				t.Fatalf("%v: sdkInput %+v %v, reference %+v %v", req, got, gotOK, want, wantOK)
			}
		}
	}
}

// FuzzSDKInputAsReference holds sdkInput to sdkInputReference for the ids and two members of
// any names, each holding a string, a number, a bool, null, a list or a nested object.
func FuzzSDKInputAsReference(f *testing.F) {
	f.Add("ClientName", "Unknown", "é\u2028", int64(1), 0, 1)
	f.Add("RefreshTokenValidity", "ClientName", "", int64(0), 1, 3)
	f.Add("AuthSessionValidity", "UserPoolId", "bad\xff", int64(math.MaxInt32+1), 1, 0)
	f.Add("AnalyticsConfiguration", "CallbackURLs", "x", int64(-1), 5, 4)
	f.Add("ClientId", "TokenValidityUnits", "", int64(0), 3, 6)
	f.Fuzz(func(t *testing.T, name1, name2, s string, n int64, which1, which2 int) {
		vals := []any{s, n, n != 0, nil, []any{s, s}, map[string]any{"ApplicationId": s, "Unknown": n},
			map[string]any{"AccessToken": s, "IdToken": n}}
		pick := func(w int) any { return vals[((w%len(vals))+len(vals))%len(vals)] }
		req := map[string]any{"UserPoolId": "us-east-1_AbC", "ClientId": "abc", name1: pick(which1), name2: pick(which2)}
		body := marshal(req)
		got, gotOK := sdkInput(contracts.UpdateUserPoolClient, req, body)
		want, wantOK := sdkInputReference(contracts.UpdateUserPoolClient, req, body)
		if gotOK != wantOK || !reflect.DeepEqual(got, want) {
			t.Fatalf("%v: sdkInput %+v %v, reference %+v %v", req, got, gotOK, want, wantOK)
		}
	})
}

// BenchmarkSDKInput times sdkInput on drawn requests (every mode) next to sdkInputReference,
// alternating in one loop, and reports both and their ratio:
// go test ./fuzz -run '^$' -bench SDKInput
func BenchmarkSDKInput(b *testing.B) {
	gen, _, _ := benchHarnessOn(b, nil)
	var reqs []map[string]any
	var bodies [][]byte
	for i := range 256 {
		if c := gen.DrawMode(NewSource(int64(i)), 0); c.Request != nil && c.mutation == nil && len(c.Body) <= maxSDKBody {
			reqs, bodies = append(reqs, c.Request), append(bodies, c.Body)
		}
	}
	var fast, ref time.Duration
	for b.Loop() {
		t0 := time.Now()
		for i, r := range reqs {
			sdkInput(contracts.UpdateUserPoolClient, r, bodies[i])
		}
		t1 := time.Now()
		for i, r := range reqs {
			sdkInputReference(contracts.UpdateUserPoolClient, r, bodies[i])
		}
		ref += time.Since(t1)
		fast += t1.Sub(t0)
	}
	n := float64(b.N * len(reqs))
	b.ReportMetric(float64(fast.Nanoseconds())/n, "sdkInput-ns/req")
	b.ReportMetric(float64(ref.Nanoseconds())/n, "reference-ns/req")
	b.ReportMetric(float64(fast)/float64(ref), "sdkInput/reference")
}

// inputPlan.member finds the members membersOf's byName holds, with the plan's field and
// structure for each, and no other name: every member's name, names one byte off, cut,
// lengthened, in another case, empty and longer than any.
func TestInputPlanMemberIsByName(t *testing.T) {
	t.Parallel()
	s := contracts.UpdateUserPoolClient.Operation.Input
	p, ix := inputPlanOf(s), membersOf(s)
	names := []string{"", "x", strings.Repeat("a", 200), "userPoolId", "CLIENTID"}
	for name := range ix.byName {
		names = append(names, name, name[:len(name)-1], name+"s", strings.ToLower(name), name[:len(name)-1]+"_")
	}
	found := 0
	for _, name := range names {
		m, known := p.member(name)
		want, wantKnown := ix.byName[name]
		if known != wantKnown {
			t.Fatalf("%q: member %v, byName %v", name, known, wantKnown)
		}
		if !known {
			continue
		}
		found++
		if m.field != p.fields.fields[name] || (m.structure != nil) != (want.Target.Type == "structure") {
			t.Fatalf("%q: member %+v, byName %+v", name, m, want)
		}
	}
	if found != len(ix.byName) {
		t.Fatalf("found %d of %d members", found, len(ix.byName))
	}
}
