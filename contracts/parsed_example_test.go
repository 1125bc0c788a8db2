package contracts_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// Parse decodes a request once for the prediction and the update: how an emulator answers
// UpdateUserPoolClient without decoding the body or the stored client twice.
func ExampleContract_Parse() {
	c := contracts.UpdateUserPoolClient
	stored, err := c.ReadClient(json.RawMessage(`{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123",
		"ClientName":"web","CreationDate":1700000000}`))
	if err != nil {
		panic(err)
	}
	st := contracts.State{
		Pool:   &contracts.PoolState{ID: "us-east-1_AbCdEf123"},
		Client: &contracts.ClientState{ID: "abc123", Current: stored.Doc},
	}
	req := c.Parse([]byte(`{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AuthSessionValidity":5}`))
	if p := c.PredictParsed(req, st); !p.OK() {
		fmt.Println(p.Status, p.Code, p.Message)
		return
	}
	next, err := c.ApplyStored(stored, req, time.Unix(1700000100, 0))
	if err != nil {
		panic(err)
	}
	var client struct {
		ClientName          string
		AuthSessionValidity int
		AccessTokenValidity int
		TokenValidityUnits  struct{ AccessToken string }
	}
	_ = json.Unmarshal(next.Doc, &client)
	fmt.Println(client.ClientName, client.AuthSessionValidity, client.AccessTokenValidity, client.TokenValidityUnits.AccessToken)
	// Output:
	// web 5 1 hours
}

// ValidJSON answers a server's first question about a body, whether it is JSON at all, from the
// parse it made anyway: only a body refused for invalid UTF-8 alone needs json.Valid.
func ExampleParsedRequest_ValidJSON() {
	c := contracts.UpdateUserPoolClient
	for _, body := range []string{`{"ClientId":"abc123"}`, `{"ClientId":"abc123"} x`, `[[[`, "{\"ClientId\":\"\xff\"}"} {
		valid, known := c.Parse([]byte(body)).ValidJSON()
		if !known {
			valid = json.Valid([]byte(body))
		}
		fmt.Println(valid, known)
	}
	// Output:
	// true true
	// false true
	// false true
	// true false
}
