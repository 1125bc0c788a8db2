package target

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// poolGuard keeps a target to the user pools it created itself (Options.OnlyOwnPools): a
// request naming any other pool is refused before it is sent. CreateUserPool and ListUserPools
// name no pool and pass; a pool id is learned from each successful CreateUserPool answer.
type poolGuard struct {
	mu  sync.Mutex
	own map[string]bool
}

// check refuses a body whose top-level object names a pool that is not ours. Every
// "UserPoolId" key counts, whatever its case, duplicates included. A body that does not start
// with a JSON object cannot address a pool and passes.
func (g *poolGuard) check(operation string, body []byte) error {
	ids, ok := topLevelPoolIDs(body)
	if !ok {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, id := range ids {
		if !g.own[id] {
			return fmt.Errorf("%w: %s names user pool %q, which this run did not create (OnlyOwnPools)", ErrOperationNotAllowed, operation, id)
		}
	}
	return nil
}

// learn records the pool a successful CreateUserPool answer created.
func (g *poolGuard) learn(operation string, r *Response) {
	if operation != "CreateUserPool" || r.Status != 200 {
		return
	}
	var out struct{ UserPool struct{ Id string } }
	if json.Unmarshal(r.Body, &out) != nil || out.UserPool.Id == "" {
		return
	}
	g.mu.Lock()
	g.own[out.UserPool.Id] = true
	g.mu.Unlock()
}

// topLevelPoolIDs returns the string values of every top-level key equal to "UserPoolId"
// ignoring case, read from the first JSON object of body up to where it stops being valid
// JSON. Trailing data and truncation do not hide an id: lenient servers (Jackson ignores
// trailing tokens by default) may still act on it. ok is false when body does not start
// with an object.
func topLevelPoolIDs(body []byte) (ids []string, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			break
		}
		var id string
		if strings.EqualFold(key, "UserPoolId") && json.Unmarshal(v, &id) == nil {
			ids = append(ids, id)
		}
	}
	return ids, true
}
