package fuzz

import (
	"encoding/json"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// stateFor is the state a request meets: st when it names st's pool and client; no client
// when it names another client of the pool; no pool when it names another pool (R3).
func stateFor(body []byte, st contracts.State) contracts.State {
	var ids struct {
		UserPoolId, ClientId any
	}
	_ = json.Unmarshal(body, &ids) // a body that is not an object names nothing
	return stateForIDs(ids.UserPoolId, ids.ClientId, st)
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
