package target

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// Setup is what a case needs to exist before its request is sent. Each field holds the
// members of the create operation's request, as JSON; ids are filled in by Provision.
type Setup struct {
	UserPool          json.RawMessage   // CreateUserPool members without ids (PoolName filled in if absent)
	Client            json.RawMessage   // CreateUserPoolClient members (UserPoolId filled in; ClientName if absent)
	ResourceServers   []json.RawMessage // CreateResourceServer members
	IdentityProviders []json.RawMessage // CreateIdentityProvider members
	CustomAttributes  []json.RawMessage // SchemaAttributeType entries for AddCustomAttributes
}

// DefaultNamePrefix starts the name of everything Provision creates when
// ProvisionOptions.NamePrefix is empty.
const DefaultNamePrefix = "cognito-contract"

// ProvisionOptions name and tag what Provision creates. On AWS the safety rules need
// NamePrefix "cognito-contract-<run id>" and the run's tags (see internal/awssafety).
type ProvisionOptions struct {
	// NamePrefix starts every pool and client name; a name given in the Setup that does not
	// start with it is prefixed ("<prefix>-<name>"). Default DefaultNamePrefix.
	NamePrefix string
	// Tags are added to the pool's UserPoolTags (they win over the Setup's).
	Tags map[string]string
}

// CleanupTimeout bounds a Cleanup, which ignores the cancellation of its context so that it
// still runs after Ctrl-C.
const CleanupTimeout = 2 * time.Minute

// NullAccountID is the account id of targets that return no pool ARN.
const NullAccountID = "000000000000"

// Env is a provisioned setup: the ids a case's request refers to and what Cleanup deletes.
// ClientSecret is a secret: Env's String hides it; never log it.
type Env struct {
	Region, AccountID, UserPoolId, ClientId, ClientSecret string
	PoolName, ClientName                                  string
	// Initial is the service state at provisioning time (pool tier, resource servers and
	// scopes, identity providers, attributes, the client as created).
	Initial contracts.State

	target            Target
	clientReq         json.RawMessage // the setup's CreateUserPoolClient members, for RenewClient
	clientOpts        ProvisionOptions
	resourceServers   []contracts.ResourceServer
	identityProviders []string
	customAttributes  []string

	mu    sync.Mutex
	undos []undo // in creation order; Cleanup runs them backwards
}

type undo struct {
	op   string
	req  map[string]any
	done bool
}

// Provision creates the setup on t in order: user pool, custom attributes, resource servers,
// identity providers, app client; then reads the pool's state. A step the target answers
// with an error gives a *StepError naming the step and the answer (or *NotApplicableError when
// the target lacks the operation); what was already created is deleted before it returns.
func Provision(ctx context.Context, t Target, s Setup, o ProvisionOptions) (*Env, error) {
	if t == nil {
		return nil, errors.New("provision: no target")
	}
	if o.NamePrefix == "" {
		o.NamePrefix = DefaultNamePrefix
	}
	e := &Env{Region: t.Region(), target: t}
	if err := e.provision(ctx, s, o); err != nil {
		if cerr := e.Cleanup(ctx); cerr != nil {
			err = errors.Join(err, fmt.Errorf("cleaning up the partial setup: %w", cerr))
		}
		return nil, err
	}
	return e, nil
}

func (e *Env) provision(ctx context.Context, s Setup, o ProvisionOptions) error {
	if err := e.createPool(ctx, s.UserPool, o); err != nil {
		return err
	}
	if err := e.addCustomAttributes(ctx, s.CustomAttributes); err != nil {
		return err
	}
	for i, raw := range s.ResourceServers {
		if err := e.createResourceServer(ctx, fmt.Sprintf("Setup.ResourceServers[%d]", i), raw); err != nil {
			return err
		}
	}
	for i, raw := range s.IdentityProviders {
		if err := e.createIdentityProvider(ctx, fmt.Sprintf("Setup.IdentityProviders[%d]", i), raw); err != nil {
			return err
		}
	}
	e.clientReq, e.clientOpts = s.Client, o
	if err := e.createClient(ctx, s.Client, o); err != nil {
		return err
	}
	st, err := e.State(ctx, e.target)
	if err != nil {
		return err
	}
	e.Initial = st
	return nil
}

var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

func (e *Env) createPool(ctx context.Context, raw json.RawMessage, o ProvisionOptions) error {
	req, err := object("Setup.UserPool", raw)
	if err != nil {
		return err
	}
	if dp, _ := req["DeletionProtection"].(string); dp == "ACTIVE" {
		return errors.New(`Setup.UserPool: DeletionProtection "ACTIVE" would keep Cleanup from deleting the pool; leave it out or set "INACTIVE"`)
	}
	e.PoolName = ownName(o.NamePrefix, req["PoolName"], "pool")
	req["PoolName"] = e.PoolName
	if len(o.Tags) > 0 {
		tags, _ := req["UserPoolTags"].(map[string]any)
		if tags == nil {
			tags = map[string]any{}
		}
		for k, v := range o.Tags {
			tags[k] = v
		}
		req["UserPoolTags"] = tags
	}
	var out struct {
		UserPool struct{ Id, Arn string }
	}
	if err := Invoke(ctx, e.target, "CreateUserPool", req, &out); err != nil {
		return err
	}
	if out.UserPool.Id == "" {
		return &StepError{Step: "CreateUserPool", Target: e.target.Name(), Status: 200, Message: "the answer has no UserPool.Id"}
	}
	e.UserPoolId = out.UserPool.Id
	e.push("DeleteUserPool", map[string]any{"UserPoolId": e.UserPoolId})
	e.AccountID = NullAccountID
	// arn:<partition>:cognito-idp:<region>:<account>:userpool/<id>
	if parts := strings.Split(out.UserPool.Arn, ":"); len(parts) >= 6 && accountIDPattern.MatchString(parts[4]) {
		e.AccountID = parts[4]
	}
	return nil
}

func (e *Env) addCustomAttributes(ctx context.Context, raws []json.RawMessage) error {
	if len(raws) == 0 {
		return nil
	}
	attrs := make([]any, 0, len(raws))
	for i, raw := range raws {
		a, err := object(fmt.Sprintf("Setup.CustomAttributes[%d]", i), raw)
		if err != nil {
			return err
		}
		if n, _ := a["Name"].(string); n != "" {
			e.customAttributes = append(e.customAttributes, "custom:"+strings.TrimPrefix(n, "custom:"))
		}
		attrs = append(attrs, a)
	}
	return Invoke(ctx, e.target, "AddCustomAttributes", map[string]any{"UserPoolId": e.UserPoolId, "CustomAttributes": attrs}, nil)
}

func (e *Env) createResourceServer(ctx context.Context, field string, raw json.RawMessage) error {
	req, err := object(field, raw)
	if err != nil {
		return err
	}
	req["UserPoolId"] = e.UserPoolId
	var out struct {
		ResourceServer struct {
			Identifier string
			Scopes     []struct{ ScopeName string }
		}
	}
	if err := Invoke(ctx, e.target, "CreateResourceServer", req, &out); err != nil {
		return err
	}
	id := out.ResourceServer.Identifier
	if id == "" {
		id, _ = req["Identifier"].(string)
	}
	e.push("DeleteResourceServer", map[string]any{"UserPoolId": e.UserPoolId, "Identifier": id})
	rs := contracts.ResourceServer{Identifier: id}
	for _, sc := range out.ResourceServer.Scopes {
		rs.Scopes = append(rs.Scopes, sc.ScopeName)
	}
	e.resourceServers = append(e.resourceServers, rs)
	return nil
}

func (e *Env) createIdentityProvider(ctx context.Context, field string, raw json.RawMessage) error {
	req, err := object(field, raw)
	if err != nil {
		return err
	}
	req["UserPoolId"] = e.UserPoolId
	var out struct {
		IdentityProvider struct{ ProviderName string }
	}
	if err := Invoke(ctx, e.target, "CreateIdentityProvider", req, &out); err != nil {
		return err
	}
	name := out.IdentityProvider.ProviderName
	if name == "" {
		name, _ = req["ProviderName"].(string)
	}
	e.push("DeleteIdentityProvider", map[string]any{"UserPoolId": e.UserPoolId, "ProviderName": name})
	e.identityProviders = append(e.identityProviders, name)
	return nil
}

func (e *Env) createClient(ctx context.Context, raw json.RawMessage, o ProvisionOptions) error {
	req, err := object("Setup.Client", raw)
	if err != nil {
		return err
	}
	req["UserPoolId"] = e.UserPoolId
	e.ClientName = ownName(o.NamePrefix, req["ClientName"], "client")
	req["ClientName"] = e.ClientName
	var out struct {
		UserPoolClient struct{ ClientId, ClientSecret string }
	}
	if err := Invoke(ctx, e.target, "CreateUserPoolClient", req, &out); err != nil {
		return err
	}
	if out.UserPoolClient.ClientId == "" {
		return &StepError{Step: "CreateUserPoolClient", Target: e.target.Name(), Status: 200, Message: "the answer has no UserPoolClient.ClientId"}
	}
	e.ClientId, e.ClientSecret = out.UserPoolClient.ClientId, out.UserPoolClient.ClientSecret
	e.push("DeleteUserPoolClient", map[string]any{"UserPoolId": e.UserPoolId, "ClientId": e.ClientId})
	return nil
}

func (e *Env) push(op string, req map[string]any) {
	e.mu.Lock()
	e.undos = append(e.undos, undo{op: op, req: req})
	e.mu.Unlock()
}

// object decodes a Setup field that must be a JSON object (empty means {}).
func object(field string, raw json.RawMessage) (map[string]any, error) {
	m := map[string]any{}
	if len(strings.TrimSpace(string(raw))) == 0 || string(raw) == "null" {
		return m, nil
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: expected a JSON object of request members: %w", field, err)
	}
	return m, nil
}

// ownName returns given when it starts with prefix, prefix-given otherwise, prefix-def when
// nothing was given.
func ownName(prefix string, given any, def string) string {
	s, _ := given.(string)
	switch {
	case s == "":
		return prefix + "-" + def
	case strings.HasPrefix(s, prefix):
		return s
	default:
		return prefix + "-" + s
	}
}
