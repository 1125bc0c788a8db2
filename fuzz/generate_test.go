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

func TestEveryBreakIsPredictedAnError(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	states := testStates()
	gen, err := NewGenerator(nil, states...)
	g.Expect(err).NotTo(HaveOccurred())
	src := NewSource(5)
	ids := map[string]bool{}
	for i := 0; i < gen.Breaks(); i++ {
		c := gen.DrawBreak(src, i)
		ids[c.ID] = true
		p := contracts.UpdateUserPoolClient.Predict(c.Body, stateFor(c.Body, states[c.State]))
		g.Expect(p.OK()).To(BeFalse(), "break %d %s predicted OK\nbody %.300s", i, c.ID, c.Body)
	}
	// Every break has its own id; the ones the test states cannot host (R19 needs a LITE pool)
	// fall back to another break.
	g.Expect(len(ids)).To(BeNumerically(">=", gen.Breaks()-2), "%v", ids)
	for _, id := range []string{"ClientName/too-long", "UserPoolId/missing", "TokenValidityUnits.AccessToken/not-in-enum",
		"CallbackURLs/entry-pattern", "AllowedOAuthFlows/too-long", "AllowedOAuthFlows/client-credentials-mixed",
		"AllowedOAuthFlows/client-credentials-no-secret", "RefreshTokenValidity/out-of-window"} {
		g.Expect(ids).To(HaveKey(id))
	}
}
