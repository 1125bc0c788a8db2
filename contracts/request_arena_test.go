package contracts

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// TestReqArenaOverflow: past its capacity the arena still hands out distinct pointers to the
// right values (from the heap).
func TestReqArenaOverflow(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	var a reqArena
	var strs []*string
	var ints []*int32
	var bools []*bool
	for i := range 40 {
		strs = append(strs, a.str(string(rune('a'+i%26))))
		ints = append(ints, a.int32(int32(i)))
		bools = append(bools, a.bool(i%2 == 0))
	}
	for i := range 40 {
		g.Expect(*strs[i]).To(Equal(string(rune('a' + i%26))))
		g.Expect(*ints[i]).To(Equal(int32(i)))
		g.Expect(*bools[i]).To(Equal(i%2 == 0))
		for j := range i {
			g.Expect(strs[i]).NotTo(BeIdenticalTo(strs[j]))
			g.Expect(ints[i]).NotTo(BeIdenticalTo(ints[j]))
			g.Expect(bools[i]).NotTo(BeIdenticalTo(bools[j]))
		}
	}
}

// TestRequestListsFromTheArena: lists share a backing array but stay independent; an empty
// list is empty, not absent.
func TestRequestListsFromTheArena(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	r, err := UpdateUserPoolClient.ParseRequest([]byte(`{"CallbackURLs":[],"LogoutURLs":["a","b"],"AllowedOAuthScopes":["c"],"ReadAttributes":null}`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(r.CallbackURLs).NotTo(BeNil())
	g.Expect(r.CallbackURLs).To(BeEmpty())
	g.Expect(r.ReadAttributes).To(BeNil())
	r.LogoutURLs = append(r.LogoutURLs, "x")
	g.Expect(r.AllowedOAuthScopes).To(Equal([]string{"c"}))
	g.Expect(r.LogoutURLs).To(Equal([]string{"a", "b", "x"}))
}

// TestRequestReadsModelledMembersOnly: a member the model's structure lacks stays absent from
// the Request though the body sends it (at the top level and in a nested structure), and the
// members it has are read as with the embedded model.
func TestRequestReadsModelledMembersOnly(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	m, err := ModelWithShapes(t, func(shapes map[string]any) {
		for shape, member := range map[string]string{"UpdateUserPoolClientRequest": "ClientName", "TokenValidityUnitsType": "IdToken"} {
			delete(shapes[Namespace+"#"+shape].(map[string]any)["members"].(map[string]any), member)
		}
	})
	g.Expect(err).NotTo(HaveOccurred())
	c, err := New(m)
	g.Expect(err).NotTo(HaveOccurred())
	body := []byte(`{"UserPoolId":"p","ClientId":"c","ClientName":"n","TokenValidityUnits":{"AccessToken":"hours","IdToken":"days"}}`)
	r, err := c.ParseRequest(body)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(r.ClientName).To(BeNil())
	g.Expect(r.TokenValidityUnits.IdToken).To(BeNil())
	g.Expect(*r.TokenValidityUnits.AccessToken).To(Equal("hours"))
	g.Expect([]string{r.UserPoolId, r.ClientId}).To(Equal([]string{"p", "c"}))
	full, err := UpdateUserPoolClient.ParseRequest(body)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(*full.ClientName).To(Equal("n"))
	g.Expect(*full.TokenValidityUnits.IdToken).To(Equal("days"))
}

// requestBodies are well-typed bodies for the Request's slab: no lists, empty ones, many
// entries (past any fixed block), null entries and members, escapes, multibyte and empty
// strings, a duplicated scalar, unknown members holding arrays and strings, every structure.
var requestBodies = []string{
	`{}`,
	`{"UserPoolId":"p","ClientId":"c"}`,
	`{"UserPoolId":"p","ClientId":"c","ClientName":"","CallbackURLs":[],"LogoutURLs":null}`,
	`{"ClientName":"a\u00e9\ud83d\ude00\n\"","ClientName":"中é","ReadAttributes":["x",null,""],"Unknown":["u","v"],"Other":"s"}`,
	`{"CallbackURLs":[` + strings.TrimSuffix(strings.Repeat(`"https://a.example/é",`, 40), ",") + `],"LogoutURLs":["l"],"AllowedOAuthScopes":["openid","email"]}`,
	`{"TokenValidityUnits":{"AccessToken":"hours","IdToken":null,"RefreshToken":"days"},"AccessTokenValidity":1,"IdTokenValidity":-3,"RefreshTokenValidity":2147483647}`,
	`{"AnalyticsConfiguration":{"ApplicationId":"i","ApplicationArn":"arn:x","RoleArn":"r","ExternalId":"` + strings.Repeat("あ", 300) + `","UserDataShared":true}}`,
	`{"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":60},"EnableTokenRevocation":false,"AllowedOAuthFlowsUserPoolClient":true,"EnablePropagateAdditionalUserContextData":true,"AuthSessionValidity":3}`,
	`{"ExplicitAuthFlows":["ALLOW_REFRESH_TOKEN_AUTH"],"SupportedIdentityProviders":["COGNITO"],"WriteAttributes":["w"],"AllowedOAuthFlows":["code"],"DefaultRedirectURI":"https://d","PreventUserExistenceErrors":"ENABLED","ReadAttributes":["r1","r2"]}`,
}

// requestErrorBodies are bodies with members of the wrong JSON type (which Validate rejects
// first): at the top level and in the structures, a structure that is not an object,
// duplicates whose last one is wrong or null, and more members than an index holds.
var requestErrorBodies = []string{
	`{"ClientName":1}`,
	`{"TokenValidityUnits":{"AccessToken":1},"AuthSessionValidity":"x","ClientId":true,"CallbackURLs":["a",2]}`,
	`{"AnalyticsConfiguration":"x","RefreshTokenRotation":{"Feature":1},"ReadAttributes":"r"}`,
	`{"ClientName":"n","ClientName":2,"ClientId":1,"ClientId":null,"AccessTokenValidity":1.5}`,
	`{"IdTokenValidity":2147483648,"EnableTokenRevocation":"yes","LogoutURLs":{}}`,
	`{"UserPoolId":"p",` + strings.Repeat(`"x":1,`, maxFinderKids) + `"ClientId":2,"ClientName":"n"}`,
}

// TestRequestErrorsInOrder: the errors of a body with several wrong members come in the order
// they always did, the top level's other members in model order, then the structures'.
func TestRequestErrorsInOrder(t *testing.T) {
	t.Parallel()
	for _, body := range requestErrorBodies {
		checkRequestOf(t, body)
	}
	_, err := UpdateUserPoolClient.ParseRequest([]byte(requestErrorBodies[1]))
	want := []string{"ClientId: ", "CallbackURLs[1]: ", "AuthSessionValidity: ", "TokenValidityUnits.AccessToken: "}
	at := 0
	for _, w := range want {
		i := strings.Index(err.Error()[at:], w)
		if i < 0 {
			t.Fatalf("%v: want %q after offset %d", err, w, at)
		}
		at += i + len(w)
	}
}

// TestRequestOfIsUnmarshal holds requestOf to encoding/json's Unmarshal of the same bodies
// (names in their exact case, so its case-insensitive matching plays no part), then writes
// through every pointer and appends to every list of both: they must stay equal (the Request's
// strings and lists share one slab; Unmarshal's are all apart).
func TestRequestOfIsUnmarshal(t *testing.T) {
	t.Parallel()
	for _, body := range requestBodies {
		checkRequestOf(t, body)
	}
}

// FuzzRequestOf: go test -run '^$' -fuzz FuzzRequestOf ./contracts
func FuzzRequestOf(f *testing.F) {
	for _, body := range append(requestBodies, requestErrorBodies...) {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) { checkRequestOf(t, body) })
}

// foldedName reports whether obj or an object inside it has a member whose name matches a
// field of Request or of its structures only in another case ("clientname"), which Unmarshal
// reads and the service ignores: such bodies are not compared.
func foldedName(obj *jnode) bool {
	for k := range obj.kids {
		name := obj.kids[k].name
		for _, typ := range []reflect.Type{reflect.TypeFor[Request](), reflect.TypeFor[TokenValidityUnits](),
			reflect.TypeFor[AnalyticsConfiguration](), reflect.TypeFor[RefreshTokenRotation]()} {
			for i := range typ.NumField() {
				if f := typ.Field(i).Name; f != name && strings.EqualFold(f, name) {
					return true
				}
			}
		}
		if v := &obj.kids[k].val; v.kind == jObject && foldedName(v) {
			return true
		}
	}
	return false
}

func checkRequestOf(t *testing.T, body string) {
	t.Helper()
	doc, err := parseRequestBody([]byte(body))
	if err != nil || doc.kind != jObject || foldedName(&doc) {
		return
	}
	got, err := UpdateUserPoolClient.requestOf(&doc)
	checkRequestWalked(t, body, &doc, got, err)
	var want Request
	if uerr := json.Unmarshal(RequestBody([]byte(body)), &want); (err == nil) != (uerr == nil) {
		t.Fatalf("body %.80q: requestOf error %v, Unmarshal error %v", body, err, uerr)
	}
	if err != nil {
		return
	}
	got.rm = nil
	if !reflect.DeepEqual(*got, want) {
		t.Fatalf("body %.80q:\n got %+v\nwant %+v", body, *got, want)
	}
	// The same writes through both: Unmarshal's fields are independent, so the slab's must be.
	g, w := reflect.ValueOf(got).Elem(), reflect.ValueOf(&want).Elem()
	for i := range g.NumField() {
		if g.Type().Field(i).IsExported() {
			scribble(g.Field(i))
			scribble(w.Field(i))
		}
	}
	if !reflect.DeepEqual(*got, want) {
		t.Fatalf("body %.80q: after writing through every field\n got %+v\nwant %+v", body, *got, want)
	}
}

// checkRequestWalked holds requestFound reading where validateFound found the members
// (finderIndex.at, fixedOf's path) to requestOf looking them up (the Request got and its error
// err), whatever the validation found; an object with more members than maxFinderKids is not
// indexed, and then looked up by both.
func checkRequestWalked(t *testing.T, body string, doc *jnode, got *Request, err error) {
	t.Helper()
	var idx finderIndex
	top := indexMembers(doc, &idx)
	validateFound(UpdateUserPoolClient.Operation.Input, top, false)
	if top.byLen != nil && idx.walked != UpdateUserPoolClient.Operation.Input {
		t.Fatalf("body %.80q: validateFound recorded nothing", body)
	}
	walked, werr := UpdateUserPoolClient.requestFound(doc, top.byLen)
	if fmt.Sprint(werr) != fmt.Sprint(err) || !reflect.DeepEqual(walked, got) {
		t.Fatalf("body %.80q:\nwalked %+v, %v\nlooked up %+v, %v", body, walked, werr, got, err)
	}
	// A Contract not made by New has no fields table: each member's field is read from its name.
	bare := Contract{Model: UpdateUserPoolClient.Model, Operation: UpdateUserPoolClient.Operation, rules: UpdateUserPoolClient.rules}
	for _, idx := range []*finderIndex{top.byLen, nil} {
		named, nerr := bare.requestFound(doc, idx)
		if fmt.Sprint(nerr) != fmt.Sprint(err) || !reflect.DeepEqual(named, got) {
			t.Fatalf("body %.80q:\nby name %+v, %v\nlooked up %+v, %v", body, named, nerr, got, err)
		}
	}
}

// TestFieldNamesAreRequestFields: every reqField but fieldNone names an exported field of
// Request and each exported field has one; the embedded model's input members all set a field.
func TestFieldNamesAreRequestFields(t *testing.T) {
	t.Parallel()
	typ := reflect.TypeFor[Request]()
	seen := map[string]bool{}
	for f := fieldNone + 1; f < numFields; f++ {
		name := fieldNames[f]
		if sf, ok := typ.FieldByName(name); !ok || !sf.IsExported() || seen[name] {
			t.Fatalf("field %d: %q is not a Request field, or named twice", f, name)
		}
		seen[name] = true
		if fieldOf(name) != f {
			t.Fatalf("fieldOf(%q) = %d, want %d", name, fieldOf(name), f)
		}
	}
	for i := range typ.NumField() {
		if sf := typ.Field(i); sf.IsExported() && !seen[sf.Name] {
			t.Fatalf("Request.%s has no reqField", sf.Name)
		}
	}
	for i, m := range UpdateUserPoolClient.Operation.Input.Members {
		if f := UpdateUserPoolClient.fields[i]; f == fieldNone || fieldNames[f] != m.Name {
			t.Fatalf("input member %s: field %d", m.Name, f)
		}
	}
	if fieldOf("clientId") != fieldNone || fieldOf("") != fieldNone {
		t.Fatal("a name the Request lacks has a field")
	}
}

// scribble writes through a Request field: a string pointer's target, each list entry, and a
// list's append (which must not reach a neighbour), recursively into the structures.
func scribble(f reflect.Value) {
	switch f.Kind() {
	case reflect.Pointer:
		if f.IsNil() {
			return
		}
		if e := f.Elem(); e.Kind() == reflect.String {
			e.SetString(e.String() + "!")
		} else if e.Kind() == reflect.Struct {
			for i := range e.NumField() {
				if e.Type().Field(i).IsExported() {
					scribble(e.Field(i))
				}
			}
		}
	case reflect.Slice:
		for i := range f.Len() {
			f.Index(i).SetString("!")
		}
		f.Set(reflect.Append(f, reflect.ValueOf("appended")))
	}
}

// BenchmarkRequestOf times requestOf against parseText on the same bodies (a client reference
// with one list, and a full request), alternating in one loop: request/parse is their ratio.
func BenchmarkRequestOf(b *testing.B) {
	bodies := map[string]string{
		"small": `{"ClientId":"j9e4ddr2g0ztmcqjnz45k9pkr4","ReadAttributes":["email"],"UserPoolId":"us-east-1_AbCdEf123"}`,
		"full":  parseCases["typical"],
	}
	for _, name := range []string{"small", "full"} {
		body := bodies[name]
		doc, err := parseText(body, false, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var req, parse time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := UpdateUserPoolClient.requestOf(&doc); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				_, _ = parseText(body, false, nil)
				parse += time.Since(t1)
				req += t1.Sub(t0)
			}
			b.ReportMetric(float64(req)/float64(parse), "request/parse")
		})
	}
}
