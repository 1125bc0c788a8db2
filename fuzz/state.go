package fuzz

import (
	"github.com/cognito-contract/cognito-contract/contracts"
)

// stateFor is the state a request meets: st when it names st's pool and client; no client
// when it names another client of the pool; no pool when it names another pool (R3). Members
// are matched by their exact names, as the service matches them.
func stateFor(body []byte, st contracts.State) contracts.State {
	return stateForParsed(contracts.UpdateUserPoolClient.Parse(body), st)
}

// stateForParsed is stateFor on a body already parsed.
func stateForParsed(p *contracts.ParsedRequest, st contracts.State) contracts.State {
	var pool, client any // absent or not a string: names nothing
	if s, ok := p.StringMember("UserPoolId"); ok {
		pool = s
	}
	if s, ok := p.StringMember("ClientId"); ok {
		client = s
	}
	return stateForIDs(pool, client, st)
}

// stateForIDs is stateFor for the ids a request holds (JSON values, any type).
func stateForIDs(poolID, clientID any, st contracts.State) contracts.State {
	out := st
	if poolID != st.Pool.ID {
		out.Pool, out.Client = nil, nil
	} else if clientID != st.Client.ID {
		out.Client = nil
	}
	return out
}
