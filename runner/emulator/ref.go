package emulator

import (
	"encoding/json"

	"github.com/cognito-contract/cognito-contract/internal/jsontext"
)

// plainMember is one member of a plain object body (plainObject).
type plainMember struct{ name, value []byte }

// maxPlainMembers bounds the members plainObject reads: more go the generic way.
const maxPlainMembers = 4

// plainObject reads a body of the form an SDK sends for DescribeUserPoolClient,
// {"Name":"value",...}: a flat JSON object of string members, no whitespace, every name and
// value printable ASCII without the bytes encoding/json escapes ('"', '\\', '<', '>', '&'),
// no name twice, at most maxPlainMembers members. For such a body encoding/json's readings
// are the texts themselves: it is valid, Unmarshal into a map or a struct gives the values as
// written, and Marshal of that map writes the same members in sorted order. ok is false for
// any other body, which then takes the generic path (nothing is refused here).
func plainObject(b []byte) (ms [maxPlainMembers]plainMember, n int, ok bool) {
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return ms, 0, false
	}
	i := 1
	if len(b) == 2 {
		return ms, 0, true
	}
	for {
		if n == maxPlainMembers {
			return ms, 0, false
		}
		name, next, ok := plainString(b, i)
		if !ok || next >= len(b) || b[next] != ':' {
			return ms, 0, false
		}
		value, next, ok := plainString(b, next+1)
		if !ok {
			return ms, 0, false
		}
		for _, m := range ms[:n] {
			if string(m.name) == string(name) {
				return ms, 0, false
			}
		}
		ms[n] = plainMember{name, value}
		n++
		switch {
		case next == len(b)-1:
			return ms, n, true
		case b[next] != ',':
			return ms, 0, false
		}
		i = next + 1
	}
}

// plainString reads a string of plain bytes (see plainObject) that starts at b[i]; next is the
// index after its closing quote.
func plainString(b []byte, i int) (s []byte, next int, ok bool) {
	if i >= len(b) || b[i] != '"' {
		return s, 0, false
	}
	for j := i + 1; j < len(b); j++ {
		c := b[j]
		if c == '"' {
			return b[i+1 : j], j + 1, true
		}
		if !jsontext.Plain(c) {
			return s, 0, false
		}
	}
	return s, 0, false
}

// plainSorted reports whether a plain object's members are in the order plainJSON writes
// them (sorted by name, none twice): then plainJSON writes the body itself, byte for byte (a
// plain body has no whitespace and every string as encoding/json writes it).
func plainSorted(ms []plainMember) bool {
	for i := 1; i < len(ms); i++ {
		if string(ms[i-1].name) >= string(ms[i].name) {
			return false
		}
	}
	return true
}

// plainJSON is what json.Marshal writes for the map[string]json.RawMessage that Unmarshal
// reads from a plain object: its members sorted by name.
func plainJSON(ms []plainMember) []byte {
	var sorted [maxPlainMembers]plainMember
	n := copy(sorted[:], ms)
	for i := 1; i < n; i++ { // insertion sort: a handful of members
		for j := i; j > 0 && string(sorted[j].name) < string(sorted[j-1].name); j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	size := 2
	for _, m := range sorted[:n] {
		size += len(m.name) + len(m.value) + 6
	}
	out := append(make([]byte, 0, size), '{')
	for i, m := range sorted[:n] {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '"')
		out = append(out, m.name...)
		out = append(out, `":"`...)
		out = append(out, m.value...)
		out = append(out, '"')
	}
	return append(out, '}')
}

// clientRefOf reads a client reference {UserPoolId, ClientId} the way lookupClient's generic
// path does (object, decode, validateInput), without encoding/json when the body is plain, and
// without validating a describe's plain reference to a client again once it passed
// (client.describeRefValid). The caller holds e.mu. The
// ids of a plain body are read in place: they are views of raw, to be read only while raw is
// (the request's, which a describe's scratch buffer holds until the answer is written), never
// kept.
func (e *Emulator) clientRefOf(op string, raw []byte) (poolID, clientID []byte, aerr *apiError) {
	if ms, n, ok := plainObject(raw); ok && n == 2 {
		var seen int
		for _, m := range ms[:n] {
			switch string(m.name) {
			case "UserPoolId":
				poolID, seen = m.value, seen|1
			case "ClientId":
				clientID, seen = m.value, seen|2
			}
		}
		if seen == 3 {
			// A describe of a client whose plain reference passed validation before is valid:
			// the text validated is the same (plainJSON of the same two members).
			known := e.knownClient(op, poolID, clientID)
			if known != nil && known.describeRefValid.Load() {
				return poolID, clientID, nil
			}
			doc := raw // a plain body in sorted order is the text plainJSON writes (the SDK's order)
			if !plainSorted(ms[:n]) {
				doc = plainJSON(ms[:n])
			}
			if err := e.validateJSON(op, doc); err != nil {
				return nil, nil, err
			}
			if known != nil {
				known.describeRefValid.Store(true)
			}
			return poolID, clientID, nil
		}
	}
	return e.clientRefGeneric(op, raw)
}

// knownClient is the client that a describe's plain reference names, nil when op is not a
// describe or no such client exists. The caller holds e.mu.
func (e *Emulator) knownClient(op string, poolID, clientID []byte) *client {
	if op != opDescribe {
		return nil
	}
	p := e.pools[string(poolID)]
	if p == nil {
		return nil
	}
	return p.clients[string(clientID)]
}

// clientRefGeneric is clientRefOf for any body, with encoding/json.
func (e *Emulator) clientRefGeneric(op string, raw []byte) (poolID, clientID []byte, aerr *apiError) {
	obj, aerr := object(raw)
	if aerr != nil {
		return nil, nil, aerr
	}
	var in clientRef
	if err := decode(raw, &in); err != nil {
		return nil, nil, err
	}
	if err := e.validateInput(op, obj); err != nil {
		return nil, nil, err
	}
	return []byte(*in.UserPoolID), []byte(*in.ClientID), nil
}

// objectValid is json.Valid for a body that is plain (plainObject) without scanning it again.
func objectValid(t []byte) bool {
	if _, _, ok := plainObject(t); ok {
		return true
	}
	return json.Valid(t)
}
