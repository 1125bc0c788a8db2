package contracts

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
)

// keptClients are clients kept from answers: the ones successSeeds compares, and texts with
// what the one-pass decoder reads into the arena's text (escaped names and strings), nested
// containers, duplicates, multibyte characters, numbers, literals, empty ones.
var keptClients = []string{
	currentClient, `{}`, `{"ClientName":"a","ClientName":{"x":[1,2.0]}}`, `{"ClientId":null}`,
	`{"CreationDate":1.5e9,"LastModifiedDate":17e8,"ClientSecret":"s"}`,
	`{"Client\u004eame":"\u00e9x\u2028","ClientId":"a\"b","CallbackURLs":["x","\ud83d\ude00"],"AnalyticsConfiguration":{"a":{"b":[]}}}`,
	`{"UserPoolId":"us-east-1_a","ReadAttributes":["email",{"k":"\u00e9"}],"E":[],"O":{},"T":true,"F":false}`,
	`{"ClientName":"é日本😀","\ud800":"\udc00","":"","n":-0.5e-3}`,
	` {"ws" : [ 1 , 2 ] } `,
}

// keptAgrees: the client CheckKept keeps from a 200 whose UserPoolClient is client is the one
// readBefore reads from client's bytes, member for member (strings, raw texts, counts), and
// stays so after another check overwrites the pooled arena's text; a client the one-pass
// decoder does not read, or that is not an object, is not kept.
func keptAgrees(t *testing.T, client []byte) {
	c := UpdateUserPoolClient
	body := []byte(`{"UserPoolClient":` + string(client) + `}`)
	var k Kept
	c.CheckKept(Prediction{}, Exchange{Status: 200, Header: okHeader(), Body: body}, nil, nil, &k)
	trimmed := bytes.TrimSpace(client)
	want := readBefore(bytes.Clone(trimmed), nil)
	_, fast := decodeNodeView(body, nil, false)
	if !fast || want == nil {
		if k.Holds(trimmed) || k.raw != "" {
			t.Fatalf("%q: kept %q (one-pass read %v, readBefore %v)", client, k.raw, fast, want)
		}
		return
	}
	if !k.Holds(trimmed) {
		t.Fatalf("%q: kept %q, not the client's text", client, k.raw)
	}
	other := Exchange{Status: 200, Header: okHeader(), // overwrites the arena's text
		Body: []byte(`{"UserPoolClient":{"ClientName":"\u00e8\u00e8\u00e8\u00e8\u00e8\u00e8\u00e8\u00e8\u00e8"},"\u00e8\u00e8":"\u00e8\u00e8\u00e8"}`)}
	c.CheckResponse(other)
	for _, name := range beforeNames(want) {
		if got, want := k.cb.get(name), want.get(name); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: member %q:\nkept       %#v\nreadBefore %#v", client, name, got, want)
		}
	}
}

// beforeNames are the names a check may ask a client before the update for (clientBefore.get):
// the members the checks read (echoPlan.beforeReads, which a Kept keeps), every member of cb
// (read from a Kept's text) and a name it does not have.
func beforeNames(cb *clientBefore) []string {
	var names []string
	for _, m := range UpdateUserPoolClient.echoPlan().beforeReads {
		names = append(names, m.name)
	}
	for _, m := range cb.doc.kids {
		names = append(names, m.name)
	}
	return append(names, "Unknown")
}

// keptReading is what a Kept answers: its text and each of names' members.
func keptReading(k *Kept, names []string) string {
	s := fmt.Sprintf("%q", k.raw)
	for _, name := range names {
		s += fmt.Sprintf(" %q:%#v", name, k.cb.get(name))
	}
	return s
}

// The checks read from a kept client before the update only the members it keeps
// (echoPlan.beforeReads): a member read from its text instead (clientBefore.get's fallback)
// would allocate, and a check of a conforming answer against a kept client allocates no more
// than the same check without a client before (successSeeds' conforming answers).
func TestKeptHoldsWhatTheChecksRead(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's sync.Pool drops scratch at random: allocations are not counted")
	}
	c := UpdateUserPoolClient
	checked := 0
	for _, s := range successSeeds(t) {
		var before, keep Kept
		req, body := s[0], s[1]
		p := c.Parse(req)
		c.CheckKept(Prediction{}, Exchange{Request: req, Status: 200, Header: okHeader(), Body: body}, p, nil, &before)
		ex := Exchange{Request: req, Before: []byte(before.raw), Status: 200, Header: okHeader(), Body: body}
		if before.raw == "" || len(c.CheckKept(Prediction{}, ex, p, &before, &keep)) > 0 { // the pools filled
			continue // findings allocate
		}
		none := ex
		none.Before = nil // the checks read no client before
		checked++
		kept := testing.AllocsPerRun(20, func() { c.CheckKept(Prediction{}, ex, p, &before, &keep) })
		if n := testing.AllocsPerRun(20, func() { c.CheckKept(Prediction{}, none, p, nil, &keep) }); kept > n {
			t.Fatalf("request %q: %v allocations a check with the client before kept, %v without one", req, kept, n)
		}
	}
	if checked == 0 {
		t.Fatal("no conforming answer")
	}
}

func TestKeptIsReadBefore(t *testing.T) {
	t.Parallel()
	for _, s := range keptClients {
		keptAgrees(t, []byte(s))
	}
	for _, s := range beforeSeeds {
		keptAgrees(t, []byte(s))
	}
	for _, s := range successSeeds(t) {
		if v, ok := decodeNode(s[1]); ok && v.get("UserPoolClient") != nil {
			keptAgrees(t, []byte(v.get("UserPoolClient").raw))
		}
	}
}

func FuzzKeptIsReadBefore(f *testing.F) {
	for _, s := range append(keptClients, beforeSeeds...) {
		f.Add([]byte(s))
	}
	f.Fuzz(keptAgrees)
}

// checkKeptAgrees: a 200 (req, body2) checked with CheckKept, the client before the update kept
// from the 200 body1 (and Exchange.Before its client's bytes, in memory of their own), has
// CheckParsed's findings to the byte; so has it with a Before other than the kept client's
// bytes (before its own bytes, then another client: decoded as CheckParsed decodes it), and
// with before and keep the same Kept.
func checkKeptAgrees(t *testing.T, req, body1, body2 []byte) {
	c := UpdateUserPoolClient
	p := c.Parse(req)
	var k1, k2 Kept
	ex1 := Exchange{Request: req, Status: 200, Header: okHeader(), Body: body1}
	if got, want := c.CheckKept(Prediction{}, ex1, p, nil, &k1), c.CheckParsed(Prediction{}, ex1, p); !reflect.DeepEqual(got, want) {
		t.Fatalf("body %.300q: CheckKept %v, CheckParsed %v", body1, got, want)
	}
	befores := [][]byte{[]byte(k1.raw), []byte(k1.raw + " "), []byte(`{"ClientId":"other"}`), nil}
	for _, before := range befores {
		ex2 := Exchange{Request: req, Before: before, Status: 200, Header: okHeader(), Body: body2}
		want := fmt.Sprintf("%#v", c.CheckParsed(Prediction{}, ex2, p))
		if got := fmt.Sprintf("%#v", c.CheckKept(Prediction{}, ex2, p, &k1, &k2)); got != want {
			t.Fatalf("request %.300q\nbody %.300q\nbefore %.200q\nCheckKept   %s\nCheckParsed %s", req, body2, before, got, want)
		}
		if got := fmt.Sprintf("%#v", c.CheckKept(Prediction{}, ex2, p, &k2, &k2)); got != want {
			t.Fatalf("before and keep the same: request %.300q\nbody %.300q\nCheckKept   %s\nCheckParsed %s", req, body2, got, want)
		}
		k1, k2 = k2, k1 // k1 is now body2's client, as the harness swaps them
		if !reflect.DeepEqual(c.CheckKept(Prediction{}, ex1, p, nil, &k1), c.CheckParsed(Prediction{}, ex1, p)) {
			t.Fatal("ex1 again")
		}
	}
}

// CheckKept's findings are CheckParsed's, with the client before the update kept or not, over
// successSeeds' answers each checked after the one before it.
func TestCheckKeptIsCheckParsed(t *testing.T) {
	t.Parallel()
	seeds := successSeeds(t)
	findings := 0
	for i, s := range seeds {
		prev := seeds[(i+len(seeds)-1)%len(seeds)]
		checkKeptAgrees(t, s[0], prev[1], s[1])
		findings += len(UpdateUserPoolClient.CheckParsed(Prediction{}, Exchange{Request: s[0], Before: s[2], Status: 200, Header: okHeader(), Body: s[1]}, nil))
	}
	for _, s := range keptClients {
		body := []byte(`{"UserPoolClient":` + s + `}`)
		checkKeptAgrees(t, []byte(`{"UserPoolId":"us-east-1_a","ClientId":"c"}`), []byte(`{"UserPoolClient":`+currentClient+`}`), body)
	}
	if findings < len(seeds) { // the edits break checks: the comparison is not of empty lists only
		t.Fatalf("%d findings over %d answers", findings, len(seeds))
	}
}

// FuzzCheckKept: go test -run '^$' -fuzz FuzzCheckKept ./contracts
func FuzzCheckKept(f *testing.F) {
	seeds := successSeeds(f)
	for i, s := range seeds {
		if i%5 == 0 { // a sample: the corpus stays small
			f.Add(s[0], seeds[(i+1)%len(seeds)][1], s[1])
		}
	}
	f.Fuzz(checkKeptAgrees)
}

// TestKeptOwnsItsMemory: a Kept holds copies, so a body changed after CheckKept kept its client
// (each byte of the client's text changed in turn, then the whole body overwritten) changes
// neither what the Kept reads (its text, names, strings and nested raw texts) nor what it
// holds: Holds is true for the changed client's bytes only when they equal the original.
func TestKeptOwnsItsMemory(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient
	kept := 0
	for _, client := range keptClients {
		body := []byte(`{"UserPoolClient":` + client + `}`)
		var k Kept
		c.CheckKept(Prediction{}, Exchange{Status: 200, Header: okHeader(), Body: body}, nil, nil, &k)
		if k.raw == "" {
			continue
		}
		kept++
		names := beforeNames(readBefore([]byte(client), nil))
		want := keptReading(&k, names)
		orig := string(k.raw)
		lo := bytes.Index(body, []byte(orig))
		text := body[lo : lo+len(orig)] // the client's text in the body
		for i := range text {
			was := text[i]
			text[i] ^= 0x20
			if k.Holds(text) {
				t.Fatalf("%q: holds the changed text %q", client, text)
			}
			text[i] = was
			if !k.Holds(text) {
				t.Fatalf("%q: does not hold its own text again", client)
			}
		}
		for i := range body {
			body[i] = 'x'
		}
		if got := keptReading(&k, names); got != want {
			t.Fatalf("%q: the kept client changed with the body:\n got %s\nwant %s", client, got, want)
		}
		if k.Holds(text) || !k.Holds([]byte(orig)) {
			t.Fatalf("%q: holds the overwritten text %v, the original %v", client, k.Holds(text), k.Holds([]byte(orig)))
		}
	}
	if kept == 0 {
		t.Fatal("no client kept")
	}
}
