package fuzz

import (
	"strconv"
	"testing"
)

// rawIDSink keeps TestRawIDsAsJoined's ids from being optimized away.
var rawIDSink string

// A raw case's id read from the ids listed once (Generator.rawIDs) is "<member>/<kind>", or
// "body/<kind>" without a member, for every input member, the whole body and a member not
// listed (joined then), every kind; a listed id allocates nothing; drawn raw cases, seeded and
// from bytes, carry the id of their mutation.
func TestRawIDsAsJoined(t *testing.T) {
	g, err := NewGenerator(nil, testStates()...)
	if err != nil {
		t.Fatal(err)
	}
	members := []string{"", "NotAMember"}
	for _, m := range g.input.Members {
		members = append(members, m.Name)
	}
	for _, member := range members {
		prefix := member
		if prefix == "" {
			prefix = "body"
		}
		for k, kind := range mutationKinds {
			if got, want := g.rawIDs.id(member, k), prefix+"/"+kind.name; got != want {
				t.Fatalf("member %q, kind %s: id %q, want %q", member, kind.name, got, want)
			}
		}
	}
	if a := testing.AllocsPerRun(20, func() { rawIDSink = g.rawIDs.id("ClientName", 3) }); a != 0 {
		t.Errorf("%v allocations reading a listed id", a)
	}
	for seed := range int64(300) {
		for _, s := range []*Source{NewSource(seed), NewFromGoFuzz([]byte(strconv.FormatInt(seed*7919, 3)))} {
			c := g.DrawMode(s, Raw)
			prefix := c.mutation.member
			if prefix == "" {
				prefix = "body"
			}
			if c.ID != prefix+"/"+c.mutation.kind || c.Member != c.mutation.member {
				t.Fatalf("seed %d: id %q, member %q for mutation %+v", seed, c.ID, c.Member, *c.mutation)
			}
		}
	}
}
