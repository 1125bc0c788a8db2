package contracts

import (
	"bytes"
	"fmt"
	"reflect"
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

// beforeReference is the client before the update as CheckResponse read it before readBefore:
// decodeAny's object, nil when blank or not an object.
func beforeReference(b []byte) map[string]any {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	v, _ := decodeAny(b)
	m, _ := v.(map[string]any)
	return m
}

var beforeSeeds = []string{
	currentClient, `{}`, `null`, `[]`, ``, ` `, `{"ClientName":"a","ClientName":{"x":[1,2.0]}}`, `{"ClientId":null}`,
	`{"CreationDate":1.5e9,"LastModifiedDate":17e8,"ClientSecret":"s"}`, "{\"ClientName\":\"x\xff\"}", `{"a":1} x`,
	`{"UserPoolId":"us-east-1_a","ReadAttributes":["email",{"k":"\u00e9"}]}`,
}

// readBefore's member-by-member reading equals the decoded map's, for every member the checks read.
func beforeAgrees(t *testing.T, b []byte) {
	want, got := beforeReference(b), readBefore(b, nil)
	if (want == nil) != (got == nil) {
		t.Fatalf("%q: decodeAny object %v, readBefore %v", b, want, got)
	}
	if got == nil {
		return
	}
	for _, name := range []string{"UserPoolId", "ClientId", "CreationDate", "ClientSecret", "LastModifiedDate", "ClientName", "ReadAttributes", "a"} {
		if w, g := want[name], nodeAny(got.get(name)); !reflect.DeepEqual(w, g) {
			t.Fatalf("%q: %s: decodeAny %#v, readBefore %#v", b, name, w, g)
		}
	}
}

func TestReadBefore(t *testing.T) {
	t.Parallel()
	for _, b := range beforeSeeds {
		beforeAgrees(t, []byte(b))
	}
}

func FuzzReadBefore(f *testing.F) {
	for _, b := range beforeSeeds {
		f.Add([]byte(b))
	}
	f.Fuzz(beforeAgrees)
}

// TestFindingsDoNotShareBefore: the client before the update is read in place (decodeNodeView);
// findings about it (identity changed, a value neither sent nor kept) must hold copies, so
// overwriting Exchange.Before after the check changes none of them.
func TestFindingsDoNotShareBefore(t *testing.T) {
	t.Parallel()
	before := []byte(`{"UserPoolId":"us-east-1_BEFORE","ClientId":"beforeclientid1","ClientSecret":"beforesecret",` +
		`"CreationDate":1600000000,"LastModifiedDate":1750000000,"ClientName":"before-name",` +
		`"CallbackURLs":["https://before.example.com/cb"],"RefreshTokenValidity":10}`)
	req := []byte(`{"UserPoolId":"us-east-1_BEFORE","ClientId":"beforeclientid1"}`)
	body := []byte(`{"UserPoolClient":{"UserPoolId":"us-east-1_AFTER","ClientId":"afterclientid22","ClientSecret":"aftersecret",` +
		`"CreationDate":1600000000,"LastModifiedDate":1650000000,"ClientName":"after-name",` +
		`"CallbackURLs":["https://after.example.com/cb"],"RefreshTokenValidity":20}}`)
	ex := Exchange{Request: req, Before: before, Status: 200, Header: okHeader(), Body: body}
	fs := UpdateUserPoolClient.CheckResponse(ex)
	if len(fs) == 0 {
		t.Fatal("no finding about the client before the update")
	}
	want := fmt.Sprint(fs)
	for i := range before {
		before[i] = 'x'
	}
	if got := fmt.Sprint(fs); got != want {
		t.Fatalf("the findings changed with Exchange.Before:\n got %s\nwant %s", got, want)
	}
}

// TestFindingsDoNotShareBody: the body of a 200 is read in place (decodeTreeView); every
// finding must hold copies (ownFindings), so overwriting Exchange.Body after the check, and
// another check (whose unescaped strings overwrite the pooled arena's text), change none of them, for every answer of successSeeds (unknown members, wrong types and values,
// strings with escapes and multibyte characters) and a top-level member of its own.
func TestFindingsDoNotShareBody(t *testing.T) {
	t.Parallel()
	seeds := successSeeds(t)
	seeds = append(seeds, [3][]byte{[]byte(`{"UserPoolId":"us-east-1_AbC","ClientId":"abc"}`),
		[]byte(`{"UserPoolClient":{"ClientName":"\u00e9\u2028x"},"Unknown\u00e9":"v\u00e9","UnknownToo":[1,"é"]}`), nil})
	// another check between: its unescaped strings overwrite the arena's text
	other := Exchange{Request: seeds[len(seeds)-1][0], Status: 200, Header: okHeader(),
		Body: []byte(`{"UserPoolClient":{"ClientName":"\u00e8\u00e8\u00e8\u00e8\u00e8\u00e8\u00e8"},"Other\u00e8\u00e8":"\u00e8\u00e8\u00e8\u00e8"}`)}
	findings := 0
	for _, s := range seeds {
		body := bytes.Clone(s[1])
		ex := Exchange{Request: s[0], Before: s[2], Status: 200, Header: okHeader(), Body: body}
		fs := UpdateUserPoolClient.CheckResponse(ex)
		findings += len(fs)
		want := fmt.Sprintf("%#v", fs)
		for i := range body {
			body[i] = 'x'
		}
		UpdateUserPoolClient.CheckResponse(other) // reuses the pooled arena's text (nodeArena.text)
		if got := fmt.Sprintf("%#v", fs); got != want {
			t.Fatalf("the findings changed with Exchange.Body %.200q:\n got %s\nwant %s", s[1], got, want)
		}
	}
	if findings < len(seeds) {
		t.Fatalf("%d findings over %d answers", findings, len(seeds))
	}
}

// BenchmarkCheckSuccessView checks the conforming 200s of successSeeds (what a fuzz run
// against a conforming target checks) as CheckResponse does (checkSuccessKept: the body read
// in place, findings copied: ownFindings) and with the body's text copied first (decodeTreeIn, what it replaces)
// in the same run.
func BenchmarkCheckSuccessView(b *testing.B) {
	c := UpdateUserPoolClient
	var exs []Exchange
	for _, s := range successSeeds(b) {
		ex := Exchange{Request: s[0], Before: s[2], Status: 200, Header: okHeader(), Body: s[1]}
		if len(c.checkSuccessKept(ex, nil, nil)) == 0 {
			exs = append(exs, ex)
		}
	}
	view := func(ex Exchange, p *ParsedRequest) []Finding { return ownFindings(c.checkSuccessKept(ex, p, nil)) }
	copied := func(ex Exchange, p *ParsedRequest) []Finding {
		ex.Body = bytes.Clone(ex.Body) // the copy decodeTreeIn made (string(b)): one allocation
		return c.checkSuccessKept(ex, p, nil)
	}
	for name, check := range map[string]func(Exchange, *ParsedRequest) []Finding{"view": view, "copy": copied} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, ex := range exs {
					check(ex, nil)
				}
			}
		})
	}
}
