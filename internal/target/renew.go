package target

import (
	"context"
	"fmt"
)

// RenewClient replaces the app client by a new one created from the same setup (the old one
// is deleted first), and reads the state again: ClientId, ClientSecret and Initial then
// describe the new client. It is how a caller starts over from the setup's client on a
// target that does not restore it with a full-replace update (one that merges updates).
// Cleanup deletes the new client.
func (e *Env) RenewClient(ctx context.Context) error {
	if e == nil || e.ClientId == "" {
		return fmt.Errorf("renew client: no client was provisioned")
	}
	e.mu.Lock()
	for i := range e.undos {
		if u := &e.undos[i]; u.op == "DeleteUserPoolClient" && !u.done && u.req["ClientId"] == e.ClientId {
			if err := Invoke(ctx, e.target, u.op, u.req, nil); err != nil && !IsNotFound(err) {
				e.mu.Unlock()
				return fmt.Errorf("renew client: %w", err)
			}
			u.done = true
		}
	}
	e.mu.Unlock()
	if err := e.createClient(ctx, e.clientReq, e.clientOpts); err != nil {
		return fmt.Errorf("renew client: %w", err)
	}
	st, err := e.State(ctx, e.target)
	if err != nil {
		return fmt.Errorf("renew client: %w", err)
	}
	e.Initial = st
	return nil
}
