package contracts

import (
	"testing"

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
