package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/cognito-contract/cognito-contract/contracts"
)

const (
	opUpdate   = "UpdateUserPoolClient"
	opDescribe = "DescribeUserPoolClient"
)

// poolNotFound and clientNotFound are the service's texts for R3 (OB-14, OB-13).
func poolNotFound(id string) *apiError {
	return clientError("ResourceNotFoundException", "User pool "+id+" does not exist.")
}

func clientNotFound(id string) *apiError {
	return clientError("ResourceNotFoundException", "User pool client "+id+" does not exist.")
}

// answerPrediction turns a predicted error into the answer: its status, code and message. When
// the contract asserts no message (the service's text was never observed), the text names the
// broken rules so a user can read it; nothing asserts it.
func (e *Emulator) answerPrediction(p contracts.Prediction) *apiError {
	status := p.Status
	if status == 0 || status == http.StatusOK {
		status = e.statusOf(p.Code)
	}
	msg := p.Message
	if msg == "" {
		msg = invalidMessage(p)
	}
	return &apiError{Status: status, Code: p.Code, Message: msg}
}

// invalidMessage is the message of a prediction that has none: "Invalid request (R5
// CallbackURLs, R8 AllowedOAuthFlows)." naming each violation of the prediction's code by its
// rule and member (strings.TrimSpace of rule, " " and member), "Invalid request." when none
// has it. It is written in one buffer, each name trimmed where it was written, and made a
// string once.
func invalidMessage(p contracts.Prediction) string {
	var small [160]byte
	b := append(small[:0], "Invalid request"...)
	n := 0
	for i := range p.Violations {
		v := &p.Violations[i]
		if v.Code != p.Code {
			continue
		}
		if n == 0 {
			b = append(b, " ("...)
		} else {
			b = append(b, ", "...)
		}
		n++
		start := len(b)
		b = append(append(append(b, v.Rule...), ' '), v.Member...)
		name := bytes.TrimSpace(b[start:])
		b = b[:start+copy(b[start:], name)]
	}
	if n > 0 {
		b = append(b, ')')
	}
	return string(append(b, '.'))
}

// updateUserPoolClient answers exactly what the contract predicts (contracts.Predict) and, on
// success, stores what contracts.Apply returns: the emulator states no rule of its own.
func (e *Emulator) updateUserPoolClient(ctx context.Context, raw []byte) ([]byte, *apiError) {
	return e.update(ctx, e.contract.Parse(raw))
}

// update is updateUserPoolClient on a body the contract decoded once, for the prediction and
// the update alike. UserPoolId and ClientId are read when they are strings (exact member names,
// as the contract reads them); anything else is left to the contract's validation.
func (e *Emulator) update(ctx context.Context, parsed *contracts.ParsedRequest) ([]byte, *apiError) {
	poolID, _ := parsed.StringMember("UserPoolId")
	clientID, _ := parsed.StringMember("ClientId")
	e.mu.RLock()
	p := e.pools[poolID]
	if err := e.operationDisabled(p, opUpdate); err != nil {
		e.mu.RUnlock()
		return nil, err
	}
	st := p.stateFor(clientID)
	e.mu.RUnlock()

	pred := e.contract.PredictParsed(parsed, st)
	if !pred.OK() {
		return nil, e.answerPrediction(pred)
	}
	// R29: only one update of a client at a time; the service's text is OB-20.
	key := clientKey{poolID, clientID}
	e.mu.Lock()
	if e.inflight[key] {
		e.mu.Unlock()
		return nil, clientError("ConcurrentModificationException", faultMessages["ConcurrentModificationException"])
	}
	if e.updateWaits() {
		// The update holds its client while it waits (Latency, HoldUpdates): the in-flight
		// mark is what a second update of the client meets meanwhile.
		e.inflight[key] = true
		e.mu.Unlock()
		defer func() {
			e.mu.Lock()
			delete(e.inflight, key)
			e.mu.Unlock()
		}()
		e.delay(ctx, opUpdate)
		e.waitHold(ctx, clientID)
		e.mu.Lock()
	}
	// An update that does not wait is applied under the lock it was checked under: no other
	// update can meet it in flight, so it needs no mark (one critical section, not three).
	defer e.mu.Unlock()
	p = e.pools[poolID]
	if p == nil {
		return nil, poolNotFound(poolID)
	}
	c := p.clients[clientID]
	if c == nil {
		return nil, clientNotFound(clientID)
	}
	cur, err := c.read(e.contract)
	var next *contracts.StoredClient
	var out []byte
	if err == nil {
		// The contract writes the answer, {"UserPoolClient":doc}, with the document: no copy;
		// the client as read for the next update goes over the one before, in c.slot (under
		// e.mu held for writing, as every read of c.stored is).
		next, out, err = e.contract.ApplyStoredOutputIn(&c.slot, cur, parsed, e.clock())
	}
	if err != nil {
		return nil, &apiError{Status: http.StatusInternalServerError, Code: "InternalErrorException",
			Message: "emulator: the contract could not apply the update: " + err.Error()}
	}
	if len(out) == len(next.Doc) { // a contract whose output is the client itself: wrap it as always
		out, _ = wrap("UserPoolClient", next.Doc)
	}
	c.doc, c.stored, c.out = next.Doc, next, out
	c.snapshot()
	return out, nil
}

// wrap writes {"<name>": doc}; doc is a JSON object the contract or the emulator produced.
func wrap(name string, doc json.RawMessage) ([]byte, *apiError) {
	b := make([]byte, 0, len(name)+len(doc)+5)
	b = append(b, `{"`...)
	b = append(b, name...)
	b = append(b, `":`...)
	b = append(b, doc...)
	return append(b, '}'), nil
}

func marshal(v any) ([]byte, *apiError) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, &apiError{Status: http.StatusInternalServerError, Code: "InternalErrorException", Message: "emulator: " + err.Error()}
	}
	return b, nil
}

type createClientInput struct {
	UserPoolID            *string `json:"UserPoolId"`
	ClientName            *string `json:"ClientName"`
	GenerateSecret        *bool   `json:"GenerateSecret"`
	ClientSecret          *string `json:"ClientSecret"`
	EnableTokenRevocation *bool   `json:"EnableTokenRevocation"`
}

// createUserPoolClient creates a client the way an update of a fresh client would store it:
// the request, less the members UpdateUserPoolClient does not have (GenerateSecret,
// ClientSecret), is predicted and applied by the contract, so constraints, rules and defaults
// are the contract's. Create-only behaviour is the emulator's: the secret (GenerateSecret or a
// ClientSecret that satisfies ClientSecretType) and R26 (token revocation on by default).
func (e *Emulator) createUserPoolClient(_ context.Context, raw []byte) ([]byte, *apiError) {
	const op = "CreateUserPoolClient"
	obj, aerr := object(raw)
	if aerr != nil {
		return nil, aerr
	}
	var in createClientInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	if err := e.validateInput(op, obj, "ClientSecret"); err != nil {
		return nil, err
	}
	id := e.ids.clientID()
	var secret string
	switch {
	case in.ClientSecret != nil:
		if err := e.checkString("ClientSecretType", "clientSecret", *in.ClientSecret); err != nil {
			return nil, err
		}
		secret = *in.ClientSecret
	case in.GenerateSecret != nil && *in.GenerateSecret:
		s, err := e.ids.clientSecret(e.contract.Model)
		if err != nil {
			return nil, &apiError{Status: http.StatusInternalServerError, Code: "InternalErrorException", Message: "emulator: " + err.Error()}
		}
		secret = s
	}

	e.mu.Lock()
	defer e.mu.Unlock()
	p := e.pools[*in.UserPoolID]
	if p == nil {
		return nil, poolNotFound(*in.UserPoolID)
	}
	if err := e.operationDisabled(p, op); err != nil {
		return nil, err
	}
	now := e.clock()
	current := map[string]any{"UserPoolId": p.id, "ClientId": id, "ClientName": *in.ClientName,
		"CreationDate": epoch(now), "LastModifiedDate": epoch(now)}
	if secret != "" {
		current["ClientSecret"] = secret
	}
	cur, _ := json.Marshal(current)

	update := e.inputNames(opUpdate)
	body := map[string]json.RawMessage{}
	for k, v := range obj {
		if update[k] {
			body[k] = v
		}
	}
	body["ClientId"], _ = json.Marshal(id)
	ub, _ := json.Marshal(body)

	st := p.stateFor("")
	st.Client = &contracts.ClientState{ID: id, HasSecret: secret != "", Current: cur}
	if pred := e.contract.Predict(ub, st); !pred.OK() {
		return nil, e.answerPrediction(pred)
	}
	doc, err := e.contract.Apply(cur, ub, now)
	if err != nil {
		return nil, &apiError{Status: http.StatusInternalServerError, Code: "InternalErrorException",
			Message: "emulator: the contract could not apply the new client: " + err.Error()}
	}
	if in.EnableTokenRevocation == nil {
		// R26: "When you create a new user pool client, token revocation is activated by
		// default." (S1 UserPoolClientType.EnableTokenRevocation doc).
		if doc, err = setMember(doc, "EnableTokenRevocation", true); err != nil {
			return nil, &apiError{Status: http.StatusInternalServerError, Code: "InternalErrorException", Message: "emulator: " + err.Error()}
		}
	}
	out, _ := wrap("UserPoolClient", doc)
	c := &client{id: id, hasSecret: secret != "", doc: doc, out: out}
	c.snapshot()
	p.clients[id] = c
	p.clientOrder = append(p.clientOrder, id)
	return out, nil
}

// setMember sets one member of a JSON object.
func setMember(doc json.RawMessage, name string, v any) (json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(doc, &obj); err != nil {
		return nil, fmt.Errorf("client document is not a JSON object: %w", err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	obj[name] = b
	return json.Marshal(obj)
}

type clientRef struct {
	UserPoolID *string `json:"UserPoolId"`
	ClientID   *string `json:"ClientId"`
}

// lookupClient finds a client for Describe and Delete. The caller holds e.mu.
func (e *Emulator) lookupClient(op string, raw []byte) (*pool, *client, *apiError) {
	poolID, clientID, aerr := e.clientRefOf(op, raw)
	if aerr != nil {
		return nil, nil, aerr
	}
	p := e.pools[string(poolID)] // the ids are looked up as they are, not copied
	if p == nil {
		return nil, nil, poolNotFound(string(poolID))
	}
	if err := e.operationDisabled(p, op); err != nil {
		return nil, nil, err
	}
	c := p.clients[string(clientID)]
	if c == nil {
		return nil, nil, clientNotFound(string(clientID))
	}
	return p, c, nil
}

func (e *Emulator) describeUserPoolClient(_ context.Context, raw []byte) ([]byte, *apiError) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	_, c, err := e.lookupClient(opDescribe, raw)
	if err != nil {
		return nil, err
	}
	return c.out, nil // written when doc was stored: a describe copies nothing
}

func (e *Emulator) deleteUserPoolClient(_ context.Context, raw []byte) ([]byte, *apiError) {
	e.mu.Lock()
	defer e.mu.Unlock()
	p, c, err := e.lookupClient("DeleteUserPoolClient", raw)
	if err != nil {
		return nil, err
	}
	delete(p.clients, c.id)
	p.clientOrder = remove(p.clientOrder, c.id)
	return []byte("{}"), nil
}

type listInput struct {
	UserPoolID *string `json:"UserPoolId"`
	MaxResults *int64  `json:"MaxResults"`
	NextToken  *string `json:"NextToken"`
}

func (e *Emulator) listUserPoolClients(_ context.Context, raw []byte) ([]byte, *apiError) {
	const op = "ListUserPoolClients"
	obj, aerr := object(raw)
	if aerr != nil {
		return nil, aerr
	}
	var in listInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	if err := e.validateInput(op, obj); err != nil {
		return nil, err
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	p := e.pools[*in.UserPoolID]
	if p == nil {
		return nil, poolNotFound(*in.UserPoolID)
	}
	if err := e.operationDisabled(p, op); err != nil {
		return nil, err
	}
	from, to, next, err := e.page(op, len(p.clientOrder), in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	type description struct {
		ClientID   string `json:"ClientId"`
		UserPoolID string `json:"UserPoolId"`
		ClientName string `json:"ClientName,omitempty"`
	}
	out := struct {
		UserPoolClients []description `json:"UserPoolClients"`
		NextToken       string        `json:"NextToken,omitempty"`
	}{UserPoolClients: []description{}, NextToken: next}
	for _, id := range p.clientOrder[from:to] {
		var doc struct{ ClientName string }
		_ = json.Unmarshal(p.clients[id].doc, &doc)
		out.UserPoolClients = append(out.UserPoolClients, description{id, p.id, doc.ClientName})
	}
	return marshal(out)
}
