package emulator

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
)

type createPoolInput struct {
	PoolName     *string       `json:"PoolName"`
	UserPoolTier *string       `json:"UserPoolTier"`
	Schema       []schemaInput `json:"Schema"`
}

// defaultTier is the tier of a pool created without UserPoolTier: the model's doc of
// CreateUserPoolRequest.UserPoolTier says "Defaults to ESSENTIALS".
const defaultTier = "ESSENTIALS"

func (e *Emulator) createUserPool(_ context.Context, raw []byte) ([]byte, *apiError) {
	const op = "CreateUserPool"
	obj, aerr := object(raw)
	if aerr != nil {
		return nil, aerr
	}
	var in createPoolInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	if err := e.validateInput(op, obj); err != nil {
		return nil, err
	}
	tier := defaultTier
	if in.UserPoolTier != nil {
		tier = *in.UserPoolTier // an enum value: validateInput checked it against the model
	}
	schema, dup, ok := applySchema(standardAttributes(), in.Schema, true)
	if !ok {
		return nil, e.badSchema(dup)
	}
	now := e.clock()
	p := &pool{
		id: e.ids.poolID(e.region), name: *in.PoolName, tier: tier, created: now, mod: now,
		echo: map[string]json.RawMessage{}, schema: schema,
		resourceServers: map[string]*resourceServer{}, idps: map[string]*identityProvider{},
		clients: map[string]*client{},
	}
	for _, name := range e.echoedPoolMembers() {
		if v, ok := obj[name]; ok {
			p.echo[name] = v
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.pools[p.id] = p
	e.order = append(e.order, p.id)
	return e.describePool(p)
}

// echoedPoolMembers are the CreateUserPool members that DescribeUserPool returns under the
// same name (read from the model: the members CreateUserPoolRequest and UserPoolType share),
// less those the emulator writes itself.
func (e *Emulator) echoedPoolMembers() []string {
	var out []string
	for _, n := range e.sharedMembers("CreateUserPoolRequest", "UserPoolType") {
		if n != "UserPoolTier" {
			out = append(out, n)
		}
	}
	return out
}

func (e *Emulator) badSchema(dup string) *apiError {
	if dup == "" {
		return clientError("InvalidParameterException", "Schema attribute name must not be empty.")
	}
	return clientError("InvalidParameterException", "Existing attribute already has name "+dup+".")
}

func (e *Emulator) arn(poolID string) string {
	return "arn:aws:cognito-idp:" + e.region + ":" + e.account + ":userpool/" + poolID
}

// describePool writes {"UserPool": UserPoolType}. The caller holds e.mu.
func (e *Emulator) describePool(p *pool) ([]byte, *apiError) {
	out := map[string]any{}
	for k, v := range p.echo {
		out[k] = v
	}
	out["Id"] = p.id
	out["Name"] = p.name
	out["Arn"] = e.arn(p.id)
	out["CreationDate"] = epoch(p.created)
	out["LastModifiedDate"] = epoch(p.mod)
	out["UserPoolTier"] = p.tier
	out["SchemaAttributes"] = p.schema
	out["EstimatedNumberOfUsers"] = 0
	return marshal(map[string]any{"UserPool": out})
}

type poolRef struct {
	UserPoolID *string `json:"UserPoolId"`
}

// lookupPool finds the pool a request names. The caller holds e.mu.
func (e *Emulator) lookupPool(op string, raw []byte, in any) (*pool, *apiError) {
	obj, aerr := object(raw)
	if aerr != nil {
		return nil, aerr
	}
	if err := decode(raw, in); err != nil {
		return nil, err
	}
	if err := e.validateInput(op, obj); err != nil {
		return nil, err
	}
	var ref poolRef
	_ = json.Unmarshal(raw, &ref)
	if ref.UserPoolID == nil {
		return nil, nil
	}
	p := e.pools[*ref.UserPoolID]
	if p == nil {
		return nil, poolNotFound(*ref.UserPoolID)
	}
	if err := e.operationDisabled(p, op); err != nil {
		return nil, err
	}
	return p, nil
}

func (e *Emulator) describeUserPool(_ context.Context, raw []byte) ([]byte, *apiError) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	p, err := e.lookupPool("DescribeUserPool", raw, &poolRef{})
	if err != nil {
		return nil, err
	}
	return e.describePool(p)
}

func (e *Emulator) deleteUserPool(_ context.Context, raw []byte) ([]byte, *apiError) {
	e.mu.Lock()
	defer e.mu.Unlock()
	p, err := e.lookupPool("DeleteUserPool", raw, &poolRef{})
	if err != nil {
		return nil, err
	}
	delete(e.pools, p.id)
	e.order = remove(e.order, p.id)
	return []byte("{}"), nil
}

func (e *Emulator) listUserPools(_ context.Context, raw []byte) ([]byte, *apiError) {
	const op = "ListUserPools"
	var in listInput
	e.mu.RLock()
	defer e.mu.RUnlock()
	if _, err := e.lookupPool(op, raw, &in); err != nil {
		return nil, err
	}
	from, to, next, err := e.page(op, len(e.order), in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	type description struct {
		ID               string   `json:"Id"`
		Name             string   `json:"Name"`
		LambdaConfig     struct{} `json:"LambdaConfig"`
		CreationDate     epoch    `json:"CreationDate"`
		LastModifiedDate epoch    `json:"LastModifiedDate"`
	}
	out := struct {
		UserPools []description `json:"UserPools"`
		NextToken string        `json:"NextToken,omitempty"`
	}{UserPools: []description{}, NextToken: next}
	for _, id := range e.order[from:to] {
		p := e.pools[id]
		out.UserPools = append(out.UserPools, description{ID: p.id, Name: p.name, CreationDate: epoch(p.created), LastModifiedDate: epoch(p.mod)})
	}
	return marshal(out)
}

// page selects [from, to) of n items for MaxResults (the model's maximum when absent) and an
// opaque NextToken.
func (e *Emulator) page(op string, n int, maxResults *int64, token *string) (from, to int, next string, err *apiError) {
	limit := int64(n)
	if m, ok := e.inputMember(op, "MaxResults"); ok {
		if hi, ok := m.Effective().Range.MaxInt(); ok {
			limit = hi
		}
	}
	if maxResults != nil { // validateInput checked it against the model's range
		limit = *maxResults
	}
	if token != nil {
		b, derr := base64.RawURLEncoding.DecodeString(*token)
		off, perr := strconv.Atoi(strings.TrimPrefix(string(b), "offset:"))
		if derr != nil || perr != nil || off < 0 || off > n {
			return 0, 0, "", clientError("InvalidParameterException", "Invalid pagination token.")
		}
		from = off
	}
	to = from + int(min(limit, int64(n-from)))
	if to < n {
		next = base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(to)))
	}
	return from, to, next, nil
}

type customAttributesInput struct {
	UserPoolID       *string       `json:"UserPoolId"`
	CustomAttributes []schemaInput `json:"CustomAttributes"`
}

func (e *Emulator) addCustomAttributes(_ context.Context, raw []byte) ([]byte, *apiError) {
	var in customAttributesInput
	e.mu.Lock()
	defer e.mu.Unlock()
	p, err := e.lookupPool("AddCustomAttributes", raw, &in)
	if err != nil {
		return nil, err
	}
	schema, dup, ok := applySchema(p.schema, in.CustomAttributes, false)
	if !ok {
		return nil, e.badSchema(dup)
	}
	p.schema = schema
	p.stateChanged()
	p.mod = e.clock()
	return []byte("{}"), nil
}

type resourceServerInput struct {
	UserPoolID *string         `json:"UserPoolId"`
	Identifier *string         `json:"Identifier"`
	Name       *string         `json:"Name"`
	Scopes     []resourceScope `json:"Scopes"`
}

func (e *Emulator) createResourceServer(_ context.Context, raw []byte) ([]byte, *apiError) {
	var in resourceServerInput
	e.mu.Lock()
	defer e.mu.Unlock()
	p, err := e.lookupPool("CreateResourceServer", raw, &in)
	if err != nil {
		return nil, err
	}
	if _, dup := p.resourceServers[*in.Identifier]; dup {
		return nil, clientError("InvalidParameterException", *in.Identifier+" already exists in pool "+p.id+".")
	}
	rs := &resourceServer{Identifier: *in.Identifier, Name: *in.Name, UserPoolID: p.id, Scopes: in.Scopes}
	p.resourceServers[rs.Identifier] = rs
	p.rsOrder = append(p.rsOrder, rs.Identifier)
	p.stateChanged()
	return marshal(map[string]any{"ResourceServer": rs})
}

func (e *Emulator) deleteResourceServer(_ context.Context, raw []byte) ([]byte, *apiError) {
	var in resourceServerInput
	e.mu.Lock()
	defer e.mu.Unlock()
	p, err := e.lookupPool("DeleteResourceServer", raw, &in)
	if err != nil {
		return nil, err
	}
	if _, ok := p.resourceServers[*in.Identifier]; !ok {
		return nil, clientError("ResourceNotFoundException", "Resource server "+*in.Identifier+" does not exist.")
	}
	delete(p.resourceServers, *in.Identifier)
	p.rsOrder = remove(p.rsOrder, *in.Identifier)
	p.stateChanged()
	return []byte("{}"), nil
}

type identityProviderInput struct {
	UserPoolID       *string           `json:"UserPoolId"`
	ProviderName     *string           `json:"ProviderName"`
	ProviderType     *string           `json:"ProviderType"`
	ProviderDetails  map[string]string `json:"ProviderDetails"`
	AttributeMapping map[string]string `json:"AttributeMapping"`
	IdpIdentifiers   []string          `json:"IdpIdentifiers"`
}

func (e *Emulator) createIdentityProvider(_ context.Context, raw []byte) ([]byte, *apiError) {
	const op = "CreateIdentityProvider"
	var in identityProviderInput
	e.mu.Lock()
	defer e.mu.Unlock()
	p, err := e.lookupPool(op, raw, &in)
	if err != nil {
		return nil, err
	}
	if _, dup := p.idps[*in.ProviderName]; dup {
		return nil, clientError("DuplicateProviderException", "A provider with the name "+*in.ProviderName+" already exists in this user pool.")
	}
	now := e.clock()
	idp := &identityProvider{UserPoolID: p.id, ProviderName: *in.ProviderName, ProviderType: *in.ProviderType,
		ProviderDetails: in.ProviderDetails, AttributeMapping: in.AttributeMapping, IdpIdentifiers: in.IdpIdentifiers,
		CreationDate: epoch(now), LastModifiedDate: epoch(now)}
	p.idps[idp.ProviderName] = idp
	p.idpOrder = append(p.idpOrder, idp.ProviderName)
	p.stateChanged()
	return marshal(map[string]any{"IdentityProvider": idp})
}

func (e *Emulator) deleteIdentityProvider(_ context.Context, raw []byte) ([]byte, *apiError) {
	var in identityProviderInput
	e.mu.Lock()
	defer e.mu.Unlock()
	p, err := e.lookupPool("DeleteIdentityProvider", raw, &in)
	if err != nil {
		return nil, err
	}
	if _, ok := p.idps[*in.ProviderName]; !ok {
		return nil, clientError("ResourceNotFoundException", "Identity provider "+*in.ProviderName+" does not exist.")
	}
	delete(p.idps, *in.ProviderName)
	p.idpOrder = remove(p.idpOrder, *in.ProviderName)
	p.stateChanged()
	return []byte("{}"), nil
}

func (e *Emulator) listTagsForResource(_ context.Context, raw []byte) ([]byte, *apiError) {
	var in struct {
		ResourceArn *string `json:"ResourceArn"`
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	if _, err := e.lookupPool("ListTagsForResource", raw, &in); err != nil {
		return nil, err
	}
	for _, p := range e.pools {
		if e.arn(p.id) == *in.ResourceArn {
			tags := json.RawMessage("{}")
			if t, ok := p.echo["UserPoolTags"]; ok {
				tags = t
			}
			return marshal(map[string]any{"Tags": tags})
		}
	}
	return nil, clientError("ResourceNotFoundException", "Resource "+*in.ResourceArn+" does not exist.")
}
