package contracts

import (
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
