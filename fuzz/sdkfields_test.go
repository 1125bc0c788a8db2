package fuzz

import (
	"reflect"
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
