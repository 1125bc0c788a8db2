package targettest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Pool is a user pool held by Cognito.
type Pool struct {
	Id, Name, Tier  string
	Tags            map[string]string
	Created         time.Time
	Attributes      []string
	Clients         map[string]json.RawMessage // client id -> UserPoolClientType
	ResourceServers map[string]json.RawMessage
	Providers       map[string]bool
}

// Cognito is an http.Handler answering the awsJson1_1 operations that provisioning needs.
// Fail scripts answers: operation -> error code (answered with 400 and a message). Unknown
// operations are answered with UnknownOperationException. Safe for concurrent use.
type Cognito struct {
	Region    string
	AccountID string // "" → pool answers carry no Arn
	Now       func() time.Time

	mu     sync.Mutex
	Pools  map[string]*Pool
	Fail   map[string]string
	Calls  []string // operations received, in order
	Bodies [][]byte
	seq    int
}

// NewCognito returns an empty Cognito in us-east-1 with account 123456789012.
func NewCognito() *Cognito {
	return &Cognito{Region: "us-east-1", AccountID: "123456789012", Now: time.Now,
		Pools: map[string]*Pool{}, Fail: map[string]string{}}
}

// SetFail makes operation answer with the error code ("" removes the script).
func (c *Cognito) SetFail(op, code string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if code == "" {
		delete(c.Fail, op)
		return
	}
	c.Fail[op] = code
}

// CallLog returns the operations received so far.
func (c *Cognito) CallLog() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.Calls...)
}

// PoolCount returns how many pools exist.
func (c *Cognito) PoolCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.Pools)
}

// AddPool inserts a pool directly (for sweep tests).
func (c *Cognito) AddPool(p *Pool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p.Clients == nil {
		p.Clients = map[string]json.RawMessage{}
	}
	c.Pools[p.Id] = p
}

type apiError struct{ code, msg string }

func (c *Cognito) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AWSCognitoIdentityProviderService.")
	body, _ := io.ReadAll(r.Body)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Calls = append(c.Calls, op)
	c.Bodies = append(c.Bodies, body)
	var in map[string]any
	var out any
	var err *apiError
	if code := c.Fail[op]; code != "" {
		err = &apiError{code, "scripted failure of " + op}
	} else if jerr := json.Unmarshal(body, &in); jerr != nil {
		err = &apiError{"SerializationException", jerr.Error()}
	} else if h, ok := c.handlers()[op]; ok {
		out, err = h(in)
	} else {
		err = &apiError{"UnknownOperationException", ""}
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-RequestId", fmt.Sprintf("req-%d", len(c.Calls)))
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"__type": err.code, "message": err.msg})
		return
	}
	_ = json.NewEncoder(w).Encode(out)
}

func (c *Cognito) handlers() map[string]func(map[string]any) (any, *apiError) {
	return map[string]func(map[string]any) (any, *apiError){
		"CreateUserPool":         c.createUserPool,
		"DescribeUserPool":       c.describeUserPool,
		"DeleteUserPool":         c.deleteUserPool,
		"ListUserPools":          c.listUserPools,
		"AddCustomAttributes":    c.addCustomAttributes,
		"CreateResourceServer":   c.createResourceServer,
		"DeleteResourceServer":   c.deleteResourceServer,
		"CreateIdentityProvider": c.createIdentityProvider,
		"DeleteIdentityProvider": c.deleteIdentityProvider,
		"CreateUserPoolClient":   c.createClient,
		"DescribeUserPoolClient": c.describeClient,
		"DeleteUserPoolClient":   c.deleteClient,
	}
}

func (c *Cognito) pool(in map[string]any) (*Pool, *apiError) {
	id, _ := in["UserPoolId"].(string)
	p := c.Pools[id]
	if p == nil {
		return nil, &apiError{"ResourceNotFoundException", "User pool " + id + " does not exist."}
	}
	return p, nil
}
