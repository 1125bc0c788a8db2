package contracts

import (
	"testing"

	. "github.com/onsi/gomega"
)

// parsedCheckSeeds are requests against the answer of checkParsedAgrees: echoes and resets,
// numbers kept as text, duplicates, escapes, and bodies Parse refuses (invalid UTF-8, a form
// feed) or reads differently from a blank check (whitespace around the value).
var parsedCheckSeeds = []string{
	`{` + ids + `}`,
	`{` + ids + `,"ClientName":"n","RefreshTokenValidity":10,"TokenValidityUnits":{"RefreshToken":"days"}}`,
	`{` + ids + `,"ClientName":"a","ClientName":"b"}`,
	`{` + ids + `,"ClientName":"\u00e9\ud83d\ude00","AccessTokenValidity":1.0e0}`,
	`{` + ids + `,"ClientName":"x` + "\xff" + `"}`,
	" \t{" + ids + "}\r\n",
	"{" + ids + "}\f",
	`{` + ids + `,"CallbackURLs":["https://a.example"],"AllowedOAuthFlows":["code"]}`,
	`[]`, `null`, `{`, ``, ` `,
}

// checkParsedAgrees compares Check and CheckParsed on one request and a fixed 200 answer.
func checkParsedAgrees(t *testing.T, req []byte) {
	c := UpdateUserPoolClient
	ex := echoExchange(string(req), `{`+stored+`,"ClientName":"n","RefreshTokenValidity":10}`)
	p := c.Predict(req, State{})
	want, got := c.Check(p, ex), c.CheckParsed(p, ex, c.Parse(req))
	if len(want) != len(got) {
		t.Fatalf("%q: Check %v, CheckParsed %v", req, want, got)
	}
	for i := range want {
		if want[i] != got[i] {
			t.Fatalf("%q: finding %d: Check %+v, CheckParsed %+v", req, i, want[i], got[i])
		}
	}
}

// CheckParsed reads the parsed request where Check decodes ex.Request: same findings.
func TestCheckParsedIsCheck(t *testing.T) {
	t.Parallel()
	for _, req := range parsedCheckSeeds {
		checkParsedAgrees(t, []byte(req))
	}
	// And on an error answer, where the request is not read.
	g := NewWithT(t)
	c := UpdateUserPoolClient
	req := []byte(`{` + ids + `,"ClientName":""}`)
	ex := Exchange{Request: req, Status: 400, Header: okHeader(), Body: []byte(`{"__type":"InvalidParameterException","message":"m"}`)}
	p := c.Predict(req, State{})
	g.Expect(c.CheckParsed(p, ex, c.Parse(req))).To(Equal(c.Check(p, ex)))
}

func FuzzCheckParsed(f *testing.F) {
	for _, s := range parsedCheckSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkParsedAgrees)
}
