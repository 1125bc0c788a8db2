package fuzz

import (
	"fmt"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// testStates are two provisioned-looking states: a client with a secret in a pool with a
// resource server, and one without a secret.
func testStates() []contracts.State {
	pool := func(id string) *contracts.PoolState {
		return &contracts.PoolState{
			ID:              id,
			ResourceServers: []contracts.ResourceServer{{Identifier: "https://api.example.com", Scopes: []string{"read", "write"}}},
			Attributes:      []string{"email", "name", "phone_number", "custom:tenant"},
		}
	}
	return []contracts.State{
		{Pool: pool("us-east-1_AbC123xyz"), Client: &contracts.ClientState{ID: "abcdefghijklmnopqrstuvwxyz", HasSecret: true}},
		{Pool: pool("us-east-1_ZyX987abc"), Client: &contracts.ClientState{ID: "zyxwvutsrqponmlkjihgfedcba"}},
	}
}

func TestGeneratorModesMatchPredict(t *testing.T) {
	t.Parallel()
	states := testStates()
	g, err := NewGenerator(nil, states...)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []Mode{Positive, Negative} {
		t.Run(mode.String(), func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			gen, _ := NewGenerator(nil, states...)
			src := NewSource(1)
			ids := map[string]int{}
			for i := 0; i < 1000; i++ {
				c := gen.DrawMode(src, mode)
				p := contracts.UpdateUserPoolClient.Predict(c.Body, stateFor(c.Body, states[c.State]))
				ids[c.ID]++
				if mode == Positive {
					g.Expect(p.OK()).To(BeTrue(), "case %s predicted %s %v\nbody %s", c.ID, p.Code, p.Violations, c.Body)
				} else {
					g.Expect(p.OK()).To(BeFalse(), "case %s predicted OK\nbody %s", c.ID, c.Body)
					for _, v := range p.Violations {
						if c.Rule != "" { // exactly the rule broken
							g.Expect(v.Rule).To(Equal(c.Rule), "case %s: %s\nbody %s", c.ID, fmt.Sprint(p.Violations), c.Body)
							continue
						} // one member broken, maybe two of its constraints ('' is too short and off-pattern)
						g.Expect(v.Member).To(HavePrefix(c.Member), "case %s: %s\nbody %s", c.ID, fmt.Sprint(p.Violations), c.Body)
					}
				}
			}
			t.Logf("%d distinct case ids", len(ids))
		})
	}
	_ = g
}
