package contracts

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// msgState is a pool and client the rules are evaluated in, so that the rules quoting request
// values (R5, R24) and the lookup (R3, with State{}) are reached.
func msgState() State {
	return State{Pool: &PoolState{ID: "us-east-1_EXAMPLE", Attributes: []string{"email"}},
		Client: &ClientState{ID: "1example23456789", HasSecret: true}}
}

// msgMaxLength is the @length maximum of a member of the request, read from the model.
func msgMaxLength(t testing.TB, path ...string) int {
	t.Helper()
	s, _ := DefaultModel().Shape("UpdateUserPoolClientRequest")
	var m *Member
	for _, name := range path {
		var ok bool
		if m, ok = s.MemberNamed(name); !ok {
			t.Fatalf("no member %s", name)
		}
		s = m.Target
	}
	max, ok := m.Effective().Length.MaxInt()
	if !ok {
		t.Fatalf("%v has no maximum length", path)
	}
	return int(max)
}

// msgBody is a request body with the pool and client ids and members (JSON members, as written).
func msgBody(members string) []byte {
	b := `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789"`
	if members != "" {
		b += "," + members
	}
	return []byte(b + "}")
}

// msgBodies are bodies whose predicted messages quote request values of every kind the
// parser reads: multibyte, four-byte, escaped characters, lone surrogates (U+FFFD), escaped
// control characters, invalid UTF-8 (refused: no message), huge values, in validation entries
// (values, list members, enum values, map keys) and in rule messages (R3, R5, R24).
func msgBodies(t testing.TB) map[string][]byte {
	name := msgMaxLength(t, "ClientName")
	ext := msgMaxLength(t, "AnalyticsConfiguration", "ExternalId")
	long := func(unit string, chars int) string { // chars characters of unit's runes, repeated
		r := []rune(unit)
		var sb strings.Builder
		for i := 0; i < chars; i++ {
			sb.WriteRune(r[i%len(r)])
		}
		return sb.String()
	}
	return map[string][]byte{
		"multibyte":        msgBody(`"ClientName":"` + long("é中한\u3000あ", name+1) + `"`),
		"four-byte":        msgBody(`"ClientName":"` + long("😀𝄞", name+1) + `"`),
		"escaped":          msgBody(`"ClientName":"` + strings.Repeat(`\u00e9\u4e2d\"\\\/`, name) + `"`),
		"surrogate-pair":   msgBody(`"ClientName":"` + strings.Repeat(`\ud83d\ude00`, name+1) + `"`),
		"lone-surrogates":  msgBody(`"ClientName":"` + strings.Repeat(`\ud800x\udfffy\ud83d`, name) + `"`),
		"control-escapes":  msgBody(`"ClientName":"` + strings.Repeat(`\u0000\u001f\n\t`, name) + `"`),
		"invalid-utf8":     msgBody(`"ClientName":"` + strings.Repeat("a\xffb\xed\xa0\x80", name) + `"`),
		"empty":            msgBody(`"ClientName":""`),
		"huge-externalid":  msgBody(`"AnalyticsConfiguration":{"ExternalId":"` + long("\u3000٣—é中한¿∑\u200bЖ«½ß\u2028©\u0301€>&", ext+1) + `"}`),
		"enum-multibyte":   msgBody(`"ExplicitAuthFlows":["ALLOW_é","\ud800"]`),
		"list-members":     msgBody(`"CallbackURLs":["` + long("é", 2000) + `","\u2028"]`),
		"map-key":          msgBody(`"TokenValidityUnits":{"AccessToken":"é\ud800"}`),
		"pool-id":          []byte(`{"UserPoolId":"é\ud800_中","ClientId":"😀"}`),
		"missing":          []byte(`{}`),
		"r5-http-url":      msgBody(`"AllowedOAuthFlowsUserPoolClient":true,"CallbackURLs":["http://example.com/é中\ud800\u00e9"]`),
		"r24-provider":     msgBody(`"SupportedIdentityProviders":["Prov\u00e9\ud800中"]`),
		"r23-write":        msgBody(`"WriteAttributes":["é"]`),
		"r3-lookup-pool":   msgBody(`"ClientName":"ok"`),
		"not-json":         []byte(`{"ClientName":`),
		"not-an-object":    []byte(`["é"]`),
		"wrong-type":       msgBody(`"ClientName":7`),
		"unknown-member":   msgBody(`"Unknown\u00e9":"\ud800"`),
		"huge-invalid":     msgBody(`"ClientName":"` + strings.Repeat("é\xc3", ext) + `"`),
		"number-too-large": msgBody(`"RefreshTokenValidity":1e400`),
	}
}

// TestPredictedMessageIsValidUTF8 holds utf8Message's claim to every message PredictParsed makes
// from the bodies above, in a pool (the rules) and without one (R3): a message recorded as
// known valid is valid UTF-8, and is the prediction's Message itself.
func TestPredictedMessageIsValidUTF8(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient.WithoutParseMemo()
	messages := 0
	for name, body := range msgBodies(t) {
		for _, st := range []State{msgState(), {}} {
			p := c.Predict(body, st)
			if p.Message != "" {
				messages++
			}
			msgHolds(t, name, p)
		}
	}
	if messages < 20 {
		t.Errorf("only %d predictions with a message: the bodies do not reach the message paths", messages)
	}
}

func msgHolds(t *testing.T, name string, p Prediction) {
	t.Helper()
	if p.messageKnownValid() && !utf8.ValidString(p.Message) {
		t.Errorf("%s: message %.80q recorded as valid UTF-8, is not", name, p.Message)
	}
	if p.Message != "" && !p.messageKnownValid() {
		t.Errorf("%s: PredictParsed's message %.80q not recorded as valid", name, p.Message)
	}
}

// FuzzPredictedMessageIsValidUTF8: go test -run '^$' -fuzz FuzzPredictedMessageIsValidUTF8 ./contracts
func FuzzPredictedMessageIsValidUTF8(f *testing.F) {
	for _, body := range msgBodies(f) {
		if len(body) < 4096 {
			f.Add(body)
		}
	}
	c := UpdateUserPoolClient.WithoutParseMemo()
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, st := range []State{msgState(), {}} {
			msgHolds(t, "fuzzed", c.Predict(body, st))
		}
	})
}

// TestUnknownMessageIsChecked: a message PredictParsed did not make, or one changed after it
// did (even to equal text), is not taken as known valid, and an invalid one is checked: the
// answer echoing its invalid bytes is not taken for it.
func TestUnknownMessageIsChecked(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient
	p := c.Predict(msgBodies(t)["r5-http-url"], msgState()) // multibyte, no backslash
	if !p.messageKnownValid() || !strings.Contains(p.Message, "é中") {
		t.Fatalf("predicted message %.80q not known valid", p.Message)
	}
	copied := p
	copied.Message = string([]byte(p.Message)) // equal text, another string
	invalid := p
	invalid.Message = p.Message[:len(p.Message)-1] + "\xff"
	handMade := Prediction{Status: p.Status, Code: p.Code, Message: "bad \xff value"}
	for name, q := range map[string]Prediction{"copied": copied, "changed": invalid, "hand-made": handMade, "cleared": {Status: 400, Code: p.Code}} {
		if q.messageKnownValid() {
			t.Errorf("%s: message known valid", name)
		}
	}
	// The answer carries the invalid message's bytes as they are (not JSON: invalid UTF-8).
	for name, q := range map[string]Prediction{"changed": invalid, "hand-made": handMade} {
		body := []byte(`{"__type":"` + q.Code + `","message":"` + q.Message + `"}`)
		ex := Exchange{Request: msgBody(""), Status: 400, Header: okHeader(), Body: body}
		if _, msg, _ := errorCodeFor(ex.Header, ex.Body, q.Message, q.messageKnownValid(), func(string) bool { return true }); msg == q.Message {
			t.Errorf("%s: the invalid message was taken as the answer's", name)
		}
		forced := q
		forced.validMessage = q.Message // what a wrong claim would do: the bytes pass unchecked
		if _, msg, _ := errorCodeFor(ex.Header, ex.Body, forced.Message, forced.messageKnownValid(), func(string) bool { return true }); msg != q.Message {
			t.Errorf("%s: a wrong claim of validity is not what the check trusts (test broken)", name)
		}
		if fs := c.Check(q, ex); len(fs) == 0 {
			t.Errorf("%s: an answer with invalid UTF-8 passes the check", name)
		}
	}
}

// BenchmarkCheckKnownMessage checks the costliest negative case's answer (a too-long
// ExternalId of multibyte text, its message echoing the value, as the emulator writes it)
// against its prediction, whose message PredictParsed knows valid, and, alternating in the
// same loop, against the same prediction with the message not known valid (checked as before
// utf8Message). Reported: each one's best time and their ratio.
func BenchmarkCheckKnownMessage(b *testing.B) {
	c := UpdateUserPoolClient
	body := msgBodies(b)["huge-externalid"]
	p := c.Predict(body, msgState())
	ans, _ := json.Marshal(map[string]string{"__type": p.Code, "message": p.Message})
	ex := Exchange{Request: body, Status: 400, Header: okHeader(), Body: ans}
	req := c.Parse(body)
	unknown := p
	unknown.validMessage = ""
	if !p.messageKnownValid() || len(c.CheckParsed(p, ex, req)) != 0 || len(c.CheckParsed(unknown, ex, req)) != 0 {
		b.Fatal("not the case measured")
	}
	b.ReportAllocs()
	bestKnown, bestUnknown := time.Duration(1<<62), time.Duration(1<<62)
	for b.Loop() {
		t0 := time.Now()
		fk := c.CheckParsed(p, ex, req)
		t1 := time.Now()
		fu := c.CheckParsed(unknown, ex, req)
		bestKnown, bestUnknown = min(bestKnown, t1.Sub(t0)), min(bestUnknown, time.Since(t1))
		if len(fk)+len(fu) != 0 {
			b.Fatal(fk, fu)
		}
	}
	b.ReportMetric(float64(bestKnown.Nanoseconds()), "known-best-ns")
	b.ReportMetric(float64(bestUnknown.Nanoseconds()), "checked-best-ns")
	b.ReportMetric(float64(bestKnown)/float64(bestUnknown), "known/checked")
}
