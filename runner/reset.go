package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/cognito-contract/cognito-contract/internal/target"
)

// Every case starts from the setup's client (audit of issue 7, item 7): the cases of a setup
// share one app client, so on a target that merges updates a value one case left would show
// up as deviations of later cases, and the expected list of a conformance run would depend on
// case order. After a case whose update was accepted, the next case of the setup first puts
// the client back with a full-replace update holding the setup's values (one request); a
// target that answers that update with another client than the setup's (it merges) gets a new
// client of the same setup instead (target.Env.RenewClient). Neither is a case: their answers
// are not judged.

// restore puts the setup's client back when the last update of the setup was accepted. A
// target error stops the run and is returned; any other failure is returned for the case.
func (rs *runState) restore(ctx context.Context, es *envState) error {
	if !es.dirty {
		return nil
	}
	es.dirty = false
	initial := es.env.Initial.Client.Current
	if sameStored(es.current, initial) {
		return nil
	}
	resp, err := rs.t.Call(ctx, rs.c.Operation.Name, rs.resetBody(es))
	if err != nil {
		if isTargetError(err) {
			rs.stop(err)
		}
		return fmt.Errorf("restoring the setup's client: %w", err)
	}
	if resp.Status == 200 {
		if cl := clientOf(resp.Body); len(cl) > 0 && sameStored(cl, initial) {
			es.current = cl
			return nil
		}
	}
	if err := es.env.RenewClient(ctx); err != nil {
		if isTargetError(err) {
			rs.stop(err)
		}
		return fmt.Errorf("restoring the setup's client: %w", err)
	}
	es.scrub = envScrubber(es.env)
	es.current = es.env.Initial.Client.Current
	return nil
}

// resetBody is the full-replace update that holds the setup's client: every member of the
// operation's input that the client as provisioned has, with its value.
func (rs *runState) resetBody(es *envState) []byte {
	var cl map[string]any
	_ = json.Unmarshal(es.env.Initial.Client.Current, &cl)
	body := map[string]any{"UserPoolId": es.env.UserPoolId, "ClientId": es.env.ClientId}
	for _, m := range rs.c.Operation.Input.Members {
		if v, ok := cl[m.Name]; ok && body[m.Name] == nil {
			body[m.Name] = v
		}
	}
	return substitute(body, nil)
}

// storedVolatile are the members that differ between two otherwise equal clients.
var storedVolatile = map[string]bool{"CreationDate": true, "LastModifiedDate": true, "ClientSecret": true}

// sameStored reports whether two clients (UserPoolClientType JSON) hold the same values,
// dates and secret aside.
func sameStored(a, b json.RawMessage) bool {
	var x, y map[string]any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	for k := range storedVolatile {
		delete(x, k)
		delete(y, k)
	}
	return reflect.DeepEqual(x, y)
}

// envScrubber is the scrubber of a provisioned setup: its placeholders, and its pool and
// client names, which carry the run id ({{PoolName}}, {{ClientName}}), so that reports of
// two runs read the same.
func envScrubber(env *target.Env) func(string) string {
	ph := env.Placeholders()
	ph["{{PoolName}}"], ph["{{ClientName}}"] = env.PoolName, env.ClientName
	return newScrubber(ph)
}
