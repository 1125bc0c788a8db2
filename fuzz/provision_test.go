package fuzz

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// The answers by which targets say an operation is missing.
const (
	// cognito-local 5.3.0 (lib/server/server.js: an x-amz-target it has no handler for).
	cognitoLocalUnsupported = `{"code":"CognitoLocal#Unsupported","message":"Cognito Local unsupported feature: Unsupported x-amz-target header \"%s\""}`
	// moto and LocalStack style.
	unknownOperation = `{"__type":"UnknownOperationException","message":"not implemented"}`
)

// lacking wraps a handler with a target that lacks some operations, answering them the way
// status and body say, and counts the calls to each.
type lacking struct {
	h      http.Handler
	status int
	body   string
	ops    map[string]bool

	mu    sync.Mutex
	calls map[string]int
}

func newLacking(h http.Handler, status int, body string, ops ...string) *lacking {
	l := &lacking{h: h, status: status, body: body, ops: map[string]bool{}, calls: map[string]int{}}
	for _, op := range ops {
		l.ops[op] = true
	}
	return l
}

func (l *lacking) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, op, _ := strings.Cut(r.Header.Get("X-Amz-Target"), ".")
	l.mu.Lock()
	l.calls[op]++
	l.mu.Unlock()
	if !l.ops[op] {
		l.h.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.WriteHeader(l.status)
	_, _ = w.Write([]byte(strings.ReplaceAll(l.body, "%s", r.Header.Get("X-Amz-Target"))))
}

func (l *lacking) callsTo(op string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.calls[op]
}

// A campaign against a target without CreateResourceServer (cognito-local) or without
// AddCustomAttributes runs without those parts instead of being not applicable, says which
// parts it left out and why, and its predictions still hold: the emulator, which conforms,
// yields no finding.
func TestCampaignDropsPartsTheTargetLacks(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		status  int
		body    string
		lacks   []string
		dropped []string // parts, in the order dropped
	}{
		"cognito-local without resource servers": {500, cognitoLocalUnsupported, []string{"CreateResourceServer"}, []string{"ResourceServers"}},
		"unknown operation":                      {400, unknownOperation, []string{"CreateResourceServer"}, []string{"ResourceServers"}},
		"no custom attributes either":            {400, unknownOperation, []string{"CreateResourceServer", "AddCustomAttributes"}, []string{"CustomAttributes", "ResourceServers"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			l := newLacking(emulator.New(emulator.WithSeed(2)), tc.status, tc.body, tc.lacks...)
			rep, err := Campaign{Target: target.NewInProcess(l, target.Options{}), Seed: 2, N: 150}.Run(context.Background())
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(rep.Executions).To(Equal(150))
			g.Expect(rep.Findings).To(BeEmpty(), "the predictions hold for states without the dropped parts: %v", rep.Findings)
			var parts []string
			for _, d := range rep.Dropped {
				parts = append(parts, d.Part)
				g.Expect(tc.lacks).To(ContainElement(d.Operation))
				g.Expect(d.Reason).NotTo(BeEmpty())
				g.Expect(d.String()).To(HavePrefix(d.Part + " left out: the target lacks " + d.Operation + " ("))
			}
			g.Expect(parts).To(Equal(tc.dropped), "each part dropped once, for both setups")
			for _, op := range tc.lacks {
				g.Expect(l.callsTo(op)).To(Equal(1), "the second setup is provisioned without %s from the start", op)
			}
		})
	}
}

// A campaign still fails as not applicable when the target lacks an operation it cannot do
// without (CreateUserPoolClient).
func TestCampaignNeedsAnAppClient(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	l := newLacking(emulator.New(), 400, unknownOperation, "CreateUserPoolClient", "CreateResourceServer")
	_, err := Campaign{Target: target.NewInProcess(l, target.Options{}), Seed: 1, N: 5}.Run(context.Background())
	var na *target.NotApplicableError
	g.Expect(err).To(MatchError(ContainSubstring("CreateUserPoolClient")))
	g.Expect(errors.As(err, &na)).To(BeTrue())
	g.Expect(na.Operation).To(Equal("CreateUserPoolClient"))
}

// Without resource servers the generator draws no case that needs one: every positive case
// is predicted a 200 and every negative case an error for states whose pools have no
// resource server (no custom scope), no identity provider and no custom attribute.
func TestGeneratorWithoutOptionalParts(t *testing.T) {
	t.Parallel()
	states := testStates()
	for i := range states {
		p := *states[i].Pool
		p.ResourceServers, p.IdentityProviders = nil, nil
		p.Attributes = []string{"email", "name", "phone_number"}
		states[i].Pool = &p
	}
	for _, mode := range []Mode{Positive, Negative} {
		t.Run(mode.String(), func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			gen, err := NewGenerator(nil, states...)
			g.Expect(err).NotTo(HaveOccurred())
			src := NewSource(4)
			for i := 0; i < 400; i++ {
				c := gen.DrawMode(src, mode)
				p := contracts.UpdateUserPoolClient.Predict(c.Body, stateFor(c.Body, states[c.State]))
				if mode == Positive {
					g.Expect(p.OK()).To(BeTrue(), "case %s predicted %s %v\nbody %s", c.ID, p.Code, p.Violations, c.Body)
					g.Expect(string(c.Body)).NotTo(ContainSubstring("custom:"), "no custom attribute drawn")
				} else {
					g.Expect(p.OK()).To(BeFalse(), "case %s predicted OK\nbody %s", c.ID, c.Body)
				}
			}
		})
	}
}
