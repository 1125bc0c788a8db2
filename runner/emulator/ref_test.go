package emulator

import (
	"encoding/json"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// plainBodies are request bodies around the plain form (plainObject): the fast path must read
// the plain ones as encoding/json does and leave every other one to the generic path.
var plainBodies = map[string]string{
	"describe":              `{"UserPoolId":"us-east-1_AbCdEfGhI","ClientId":"abcdefghijklmnopqrstuvwxyz"}`,
	"describe reversed":     `{"ClientId":"abcdefghijklmnopqrstuvwxyz","UserPoolId":"us-east-1_AbCdEfGhI"}`,
	"sorted bad ids":        `{"ClientId":"a b","UserPoolId":"x"}`,
	"sorted three":          `{"A":"1","B":"2","C":"3"}`,
	"sorted prefix names":   `{"A":"1","AB":"2"}`,
	"empty object":          `{}`,
	"one member":            `{"UserPoolId":"us-east-1_AbCdEfGhI"}`,
	"bad pool id":           `{"UserPoolId":"not a pool","ClientId":"abcdefghijklmnopqrstuvwxyz"}`,
	"too long client id":    `{"UserPoolId":"us-east-1_AbCdEfGhI","ClientId":"` + strings.Repeat("a", 200) + `"}`,
	"empty values":          `{"UserPoolId":"","ClientId":""}`,
	"other member":          `{"UserPoolId":"us-east-1_AbCdEfGhI","Other":"x"}`,
	"three members":         `{"UserPoolId":"us-east-1_AbCdEfGhI","ClientId":"abc","X":"y"}`,
	"five members":          `{"A":"1","B":"2","C":"3","D":"4","E":"5"}`,
	"duplicate name":        `{"UserPoolId":"us-east-1_AbCdEfGhI","UserPoolId":"us-east-1_ZZZZZZZZZ"}`,
	"case-insensitive name": `{"userpoolid":"us-east-1_AbCdEfGhI","ClientId":"abcdefghijklmnopqrstuvwxyz"}`,
	"whitespace":            `{"UserPoolId": "us-east-1_AbCdEfGhI","ClientId":"abc"}`,
	"escape":                `{"UserPoolId":"us-east-1_AbCd\u0045fGhI","ClientId":"abc"}`,
	"backslash":             `{"UserPoolId":"us-east-1\\x","ClientId":"abc"}`,
	"html":                  `{"UserPoolId":"us-east-1_<b>","ClientId":"a&b"}`,
	"multibyte":             `{"UserPoolId":"us-east-1_é","ClientId":"abc"}`,
	"invalid UTF-8":         "{\"UserPoolId\":\"us-east-1_\xff\",\"ClientId\":\"abc\"}",
	"control byte":          "{\"UserPoolId\":\"us-east-1_\x01\",\"ClientId\":\"abc\"}",
	"number":                `{"UserPoolId":1,"ClientId":"abc"}`,
	"null":                  `{"UserPoolId":null,"ClientId":"abc"}`,
	"nested":                `{"UserPoolId":{"a":"b"},"ClientId":"abc"}`,
	"trailing comma":        `{"UserPoolId":"a",}`,
	"missing colon":         `{"UserPoolId""a"}`,
	"unterminated":          `{"UserPoolId":"a`,
	"no closing brace":      `{"UserPoolId":"a"`,
	"trailing data":         `{"UserPoolId":"a"}x`,
	"array":                 `["UserPoolId","a"]`,
	"empty":                 ``,
}

// TestPlainObject: whenever plainObject reads a body, encoding/json reads the same members and
// writes them back as plainJSON does.
func TestPlainObject(t *testing.T) {
	t.Parallel()
	for name, body := range plainBodies {
		t.Run(name, func(t *testing.T) {
			checkPlainObject(t, body)
		})
	}
}

func checkPlainObject(t *testing.T, body string) {
	ms, n, ok := plainObject([]byte(body))
	if !ok {
		return
	}
	if !json.Valid([]byte(body)) {
		t.Fatalf("plainObject read %q, which is not valid JSON", body)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &obj); err != nil || len(obj) != n {
		t.Fatalf("plainObject read %d members of %q, encoding/json %d (%v)", n, body, len(obj), err)
	}
	for _, m := range ms[:n] {
		var v string
		if err := json.Unmarshal(obj[string(m.name)], &v); err != nil || v != string(m.value) {
			t.Fatalf("member %s of %q: plainObject %q, encoding/json %q (%v)", m.name, body, m.value, v, err)
		}
	}
	want, _ := json.Marshal(obj)
	if got := plainJSON(ms[:n]); string(got) != string(want) {
		t.Fatalf("plainJSON of %q = %s, json.Marshal = %s", body, got, want)
	}
	if plainSorted(ms[:n]) && body != string(want) {
		t.Fatalf("plainSorted(%q), json.Marshal writes %s", body, want)
	}
}

func FuzzPlainObject(f *testing.F) {
	for _, b := range plainBodies {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body string) { checkPlainObject(t, body) })
}

// TestClientRefOf: the plain fast path answers what the generic path answers, for every body
// (the caller has checked it is a JSON object; the others are left in to show both refuse
// alike or the fast path stays out of the way).
func TestClientRefOf(t *testing.T) {
	t.Parallel()
	e := New(WithSeed(1))
	for name, body := range plainBodies {
		if !json.Valid([]byte(body)) || !strings.HasPrefix(body, "{") {
			continue
		}
		for _, op := range []string{"DescribeUserPoolClient", "DeleteUserPoolClient"} {
			t.Run(name+"/"+op, func(t *testing.T) {
				g := NewWithT(t)
				gp, gc, gerr := e.clientRefOf(op, []byte(body))
				wp, wc, werr := e.clientRefGeneric(op, []byte(body))
				g.Expect(gerr).To(Equal(werr))
				g.Expect([]string{string(gp), string(gc)}).To(Equal([]string{string(wp), string(wc)}))
			})
		}
	}
}

// TestClientRefOfKnownClients: with a client stored under the ids of each plain body (valid
// ones and ones the input's validation refuses), the fast path answers what the generic path
// answers the first time and again once a describe's verdict is recorded
// (client.describeRefValid), which is recorded only for a reference that passed.
func TestClientRefOfKnownClients(t *testing.T) {
	t.Parallel()
	e := New(WithSeed(1))
	var refs []*client
	for _, body := range plainBodies {
		var ids struct{ UserPoolId, ClientId *string }
		if json.Unmarshal([]byte(body), &ids) != nil || ids.UserPoolId == nil || ids.ClientId == nil {
			continue
		}
		p := e.pools[*ids.UserPoolId]
		if p == nil {
			p = &pool{id: *ids.UserPoolId, clients: map[string]*client{}}
			e.pools[p.id] = p
		}
		if p.clients[*ids.ClientId] == nil {
			p.clients[*ids.ClientId] = &client{id: *ids.ClientId}
			refs = append(refs, p.clients[*ids.ClientId])
		}
	}
	g := NewWithT(t)
	g.Expect(len(refs)).To(BeNumerically(">=", 4))
	for name, body := range plainBodies {
		if !json.Valid([]byte(body)) || !strings.HasPrefix(body, "{") {
			continue
		}
		for _, op := range []string{"DescribeUserPoolClient", "DeleteUserPoolClient"} {
			for _, pass := range []string{"first", "again"} {
				gp, gc, gerr := e.clientRefOf(op, []byte(body))
				wp, wc, werr := e.clientRefGeneric(op, []byte(body))
				g.Expect(gerr).To(Equal(werr), "%s %s %s", name, op, pass)
				g.Expect([]string{string(gp), string(gc)}).To(Equal([]string{string(wp), string(wc)}), "%s %s %s", name, op, pass)
			}
		}
	}
	valid := 0
	for pid, p := range e.pools {
		for _, c := range p.clients {
			ref, _ := json.Marshal(map[string]string{"UserPoolId": pid, "ClientId": c.id})
			if _, _, err := e.clientRefGeneric(opDescribe, ref); err != nil {
				g.Expect(c.describeRefValid.Load()).To(BeFalse(), "%s refused, recorded valid", ref)
			}
			if c.describeRefValid.Load() {
				valid++
			}
		}
	}
	g.Expect(valid).To(BeNumerically(">", 0))
	g.Expect(valid).To(BeNumerically("<", len(refs)))
}
