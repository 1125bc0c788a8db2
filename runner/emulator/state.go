package emulator

import (
	"encoding/json"
	"fmt"
	"sort"
	"sync/atomic"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// pool is one user pool. Every field is guarded by Emulator.mu.
type pool struct {
	id, name, tier string
	created, mod   time.Time
	// echo holds CreateUserPool members that DescribeUserPool returns under the same name
	// (chosen from the model, see echoedPoolMembers).
	echo            map[string]json.RawMessage
	schema          []schemaAttribute
	resourceServers map[string]*resourceServer
	rsOrder         []string
	idps            map[string]*identityProvider
	idpOrder        []string
	clients         map[string]*client
	clientOrder     []string
	// disabled operations answer OperationNotEnabledException (R30): a replica pool, for
	// example, has UpdateUserPoolClient disabled.
	disabled map[string]bool
	// state is the contract's view of the pool, built on first use and dropped by
	// stateChanged whenever its tier, schema, resource servers or providers change. Atomic:
	// readers holding Emulator.mu for reading may build it at the same time.
	state atomic.Pointer[contracts.PoolState]
}

// stateChanged drops the cached contract view; call it on every change of what stateFor
// reads. The caller holds e.mu for writing.
func (p *pool) stateChanged() { p.state.Store(nil) }

// client is one app client: the UserPoolClientType JSON object as the service holds it.
type client struct {
	id        string
	hasSecret bool
	doc       json.RawMessage
	// out is the answer that carries doc, {"UserPoolClient":doc}, written once per version of
	// doc (by the create or update that stored it) and handed to every describe as it is:
	// answers are only ever read.
	out []byte
	// stored is doc as the contract read it for the next update (nil until the first one); it
	// stands only while stored.Doc is doc.
	stored *contracts.StoredClient
	// slot is the memory of stored once an update made it (contracts.ApplyStoredOutputIn): each
	// update writes the next version over it, once done reading the version before. Only an
	// update reads stored, under Emulator.mu held for writing, so nothing else reads it then.
	slot contracts.StoredSlot
	// state is the client as stateFor hands it to the contract, made anew by snapshot whenever
	// doc changes and never changed in place: a State read before an update stays the client as
	// it was, and a request costs no allocation for it. It stands only while state.Current is doc.
	state *contracts.ClientState
	// describeRefValid records that the plain reference to this client, the describe body
	// {"ClientId":id,"UserPoolId":pool id} (clientRefOf), passed the DescribeUserPoolClient
	// input's validation: a verdict on the two ids alone, which never change, so a describe of
	// the same plain reference takes it instead of validating the same text again. Atomic:
	// describes holding Emulator.mu for reading may record it at the same time.
	describeRefValid atomic.Bool
}

// snapshot makes state the client as it now is. The caller holds e.mu for writing.
func (c *client) snapshot() {
	c.state = &contracts.ClientState{ID: c.id, HasSecret: c.hasSecret, Current: c.doc}
}

// read returns the client as the contract reads it for an update, reading doc again only
// when it changed since. The caller holds e.mu for writing.
func (c *client) read(ct *contracts.Contract) (*contracts.StoredClient, error) {
	if c.stored != nil && sameBytes(c.stored.Doc, c.doc) {
		return c.stored, nil
	}
	s, err := ct.ReadClient(c.doc)
	if err != nil {
		return nil, err
	}
	c.stored = s
	return s, nil
}

// sameBytes reports whether two slices are the same memory (not merely equal bytes).
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

type resourceServer struct {
	Identifier string          `json:"Identifier"`
	Name       string          `json:"Name"`
	UserPoolID string          `json:"UserPoolId"`
	Scopes     []resourceScope `json:"Scopes,omitempty"`
}

type resourceScope struct {
	ScopeName        string `json:"ScopeName"`
	ScopeDescription string `json:"ScopeDescription"`
}

type identityProvider struct {
	UserPoolID       string            `json:"UserPoolId"`
	ProviderName     string            `json:"ProviderName"`
	ProviderType     string            `json:"ProviderType"`
	ProviderDetails  map[string]string `json:"ProviderDetails,omitempty"`
	AttributeMapping map[string]string `json:"AttributeMapping,omitempty"`
	IdpIdentifiers   []string          `json:"IdpIdentifiers,omitempty"`
	CreationDate     epoch             `json:"CreationDate"`
	LastModifiedDate epoch             `json:"LastModifiedDate"`
}

// epoch is a timestamp written the awsJson way: epoch seconds as a JSON number, with
// milliseconds (S5; "Amazon Cognito returns this timestamp in UNIX epoch time format").
type epoch time.Time

// MarshalJSON writes epoch seconds with millisecond precision.
func (t epoch) MarshalJSON() ([]byte, error) {
	ms := time.Time(t).UnixMilli()
	return json.Marshal(json.Number(formatEpochMillis(ms)))
}

func formatEpochMillis(ms int64) string {
	sec, frac := ms/1000, ms%1000
	if frac < 0 {
		sec, frac = sec-1, frac+1000
	}
	return fmt.Sprintf("%d.%03d", sec, frac)
}

// clientKey names a client of a pool (a struct, not a joined string: no allocation per update).
type clientKey struct{ pool, client string }

// stateFor builds the contract's view of a pool and client (nil when they do not exist).
// The caller holds e.mu.
func (p *pool) stateFor(clientID string) contracts.State {
	if p == nil {
		return contracts.State{}
	}
	ps := p.state.Load()
	if ps == nil {
		ps = p.buildState()
		p.state.Store(ps)
	}
	st := contracts.State{Pool: ps}
	if c, ok := p.clients[clientID]; ok {
		if st.Client = c.state; st.Client == nil || !sameBytes(st.Client.Current, c.doc) {
			// doc changed without a snapshot: the client as it now is, for this request only
			// (the caller may hold e.mu for reading alone).
			st.Client = &contracts.ClientState{ID: c.id, HasSecret: c.hasSecret, Current: c.doc}
		}
	}
	return st
}

// buildState is the contract's view of the pool. The contract only reads it, so one value
// serves every request until the pool changes.
func (p *pool) buildState() *contracts.PoolState {
	ps := &contracts.PoolState{ID: p.id, Tier: p.tier}
	for _, id := range p.rsOrder {
		rs := p.resourceServers[id]
		r := contracts.ResourceServer{Identifier: rs.Identifier}
		for _, s := range rs.Scopes {
			r.Scopes = append(r.Scopes, s.ScopeName)
		}
		ps.ResourceServers = append(ps.ResourceServers, r)
	}
	ps.IdentityProviders = append(ps.IdentityProviders, p.idpOrder...)
	for _, a := range p.schema {
		ps.Attributes = append(ps.Attributes, a.Name)
	}
	return ps
}

// sortedKeys returns a map's keys in order, for stable output.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// remove deletes s from a slice, keeping the order.
func remove(list []string, s string) []string {
	for i, v := range list {
		if v == s {
			return append(list[:i:i], list[i+1:]...)
		}
	}
	return list
}
