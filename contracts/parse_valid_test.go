package contracts

import (
	"encoding/json"
	"testing"

	. "github.com/onsi/gomega"
)

// validJSONAgrees checks ParsedRequest.ValidJSON on a body against json.Valid on the text Parse
// reads (RequestBody): the same verdict whenever it is known, and known for every body but
// those refused for invalid UTF-8.
func validJSONAgrees(g *WithT, body []byte) {
	p := UpdateUserPoolClient.WithoutParseMemo().Parse(body)
	valid, known := p.ValidJSON()
	g.Expect(known).To(Equal(p.Err() == nil || p.Err().Error() != textNotUTF8), "known, for %v", p.Err())
	if known {
		g.Expect(valid).To(Equal(json.Valid(RequestBody(body))), "verdict, for %v", p.Err())
	}
}

func TestValidJSONIsJSONValid(t *testing.T) {
	t.Parallel()
	bodies := treeBodies()
	for name, body := range map[string]string{
		"trailing, invalid utf-8":       "{}x\xff",
		"cut, invalid utf-8":            "{\"a\":\"\xff",
		"bad syntax, then invalid":      "{\"a\":x\xff}",
		"invalid utf-8 in a valid body": "{\"a\":\"\xc3\"}",
		"null":                          `null`,
	} {
		bodies[name] = body
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			validJSONAgrees(NewWithT(t), []byte(body))
		})
	}
}

// FuzzValidJSON: go test -run '^$' -fuzz FuzzValidJSON ./contracts
func FuzzValidJSON(f *testing.F) {
	for _, body := range treeBodies() {
		if len(body) < 4000 {
			f.Add([]byte(body))
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) { validJSONAgrees(NewWithT(t), body) })
}
