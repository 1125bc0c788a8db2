package target

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// State reads the service state the contract's rules depend on: the pool's tier and schema
// attribute names (DescribeUserPool; custom ones are "custom:x"), the resource servers with
// their scopes and the identity providers Provision created, and the client as the target
// holds it now (DescribeUserPoolClient). t nil means the target the Env was provisioned on.
func (e *Env) State(ctx context.Context, t Target) (contracts.State, error) {
	if t == nil {
		t = e.target
	}
	var pool struct {
		UserPool struct {
			UserPoolTier     string
			SchemaAttributes []struct{ Name string }
		}
	}
	if err := Invoke(ctx, t, "DescribeUserPool", map[string]any{"UserPoolId": e.UserPoolId}, &pool); err != nil {
		return contracts.State{}, err
	}
	var client struct {
		UserPoolClient json.RawMessage
	}
	if err := Invoke(ctx, t, "DescribeUserPoolClient", map[string]any{"UserPoolId": e.UserPoolId, "ClientId": e.ClientId}, &client); err != nil {
		return contracts.State{}, err
	}
	ps := &contracts.PoolState{
		ID:                e.UserPoolId,
		Tier:              pool.UserPool.UserPoolTier,
		ResourceServers:   slices.Clone(e.resourceServers),
		IdentityProviders: slices.Clone(e.identityProviders),
	}
	for _, a := range pool.UserPool.SchemaAttributes {
		if a.Name != "" && !slices.Contains(ps.Attributes, a.Name) {
			ps.Attributes = append(ps.Attributes, a.Name)
		}
	}
	// A target that lists custom attributes without their prefix still has them.
	for _, a := range e.customAttributes {
		if !slices.Contains(ps.Attributes, a) {
			ps.Attributes = append(ps.Attributes, a)
		}
	}
	var secret struct{ ClientSecret string }
	_ = json.Unmarshal(client.UserPoolClient, &secret) // absent or not an object: no secret
	cs := &contracts.ClientState{
		ID:        e.ClientId,
		HasSecret: e.ClientSecret != "" || secret.ClientSecret != "",
		Current:   client.UserPoolClient,
	}
	return contracts.State{Pool: ps, Client: cs}, nil
}

// Cleanup deletes everything Provision created, in reverse order (client, identity
// providers, resource servers, pool), carrying on after a failed step and returning every
// failure. A resource already gone counts as deleted, and a step that succeeded is not
// repeated, so Cleanup may be called again. It ignores the cancellation of ctx (it must run
// on Ctrl-C), is bounded by CleanupTimeout, and is exempt from the request budget.
func (e *Env) Cleanup(ctx context.Context) error {
	if e == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(Unbudgeted(context.WithoutCancel(ctx)), CleanupTimeout)
	defer cancel()
	e.mu.Lock()
	defer e.mu.Unlock()
	var errs []error
	for i := len(e.undos) - 1; i >= 0; i-- {
		u := &e.undos[i]
		if u.done {
			continue
		}
		err := Invoke(ctx, e.target, u.op, u.req, nil)
		if err == nil || IsNotFound(err) {
			u.done = true
			continue
		}
		errs = append(errs, fmt.Errorf("cleanup %s: %w", u.op, err))
	}
	return errors.Join(errs...)
}

// Placeholders maps the placeholders fixtures use, braces included ("{{UserPoolId}}",
// "{{ClientId}}", "{{ClientSecret}}", "{{Region}}", "{{AccountId}}"), to this Env's values.
// The map holds the client secret: substitute with it, never print it.
func (e *Env) Placeholders() map[string]string {
	return map[string]string{
		"{{UserPoolId}}":   e.UserPoolId,
		"{{ClientId}}":     e.ClientId,
		"{{ClientSecret}}": e.ClientSecret,
		"{{Region}}":       e.Region,
		"{{AccountId}}":    e.AccountID,
	}
}

// String describes the Env without its client secret.
func (e *Env) String() string {
	secret := "none"
	if e.ClientSecret != "" {
		secret = "(hidden)"
	}
	return fmt.Sprintf("pool %s (%s) client %s secret %s region %s", e.UserPoolId, e.PoolName, e.ClientId, secret, e.Region)
}

// GoString keeps %#v from printing the client secret.
func (e *Env) GoString() string { return "target.Env{" + e.String() + "}" }
