package contracts

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// echoedDecodeAgrees: the answer body read with the request req's members as echoes (the
// answer's client members whose text is a request member's take its node, nodeDecoder.echoed)
// reads as without them: accepted alike, to the same value, each node's raw text its own
// (checkNodeRaw), and only the members of the client (echoClient) take the request's node;
// whether the echoes are known to be Parse's (echoSource.parsed: their texts not checked again)
// or not. It returns how many of them did (Parse's).
func echoedDecodeAgrees(t *testing.T, req, body []byte) int {
	t.Helper()
	echoedDecodeAgreesAs(t, req, body, false)
	return echoedDecodeAgreesAs(t, req, body, true)
}

// echoedDecodeAgreesAs is echoedDecodeAgrees with the echo source's parsed as given.
func echoedDecodeAgreesAs(t *testing.T, req, body []byte, parsed bool) int {
	t.Helper()
	p := UpdateUserPoolClient.Parse(req)
	if p.err != nil || p.doc.kind != jObject {
		return 0
	}
	in := UpdateUserPoolClient.Operation.Input
	a := newArena()
	defer a.release()
	sent := a.sentSlots(in)
	memberSlots(in, &p.doc, sent)
	a.echo = echoSource{shape: in, slots: sent, parsed: parsed}
	got, ok := decodeNodeView(body, a, false)
	a.echo = echoSource{}
	want, wantOK := decodeNode(body)
	if ok != wantOK || (ok && fmt.Sprint(got.toAny()) != fmt.Sprint(want.toAny())) {
		t.Fatalf("request %.200q\nbody %.200q: read with echoes %v %.200v, without %v %.200v", req, body, ok, got.toAny(), wantOK, want.toAny())
	}
	if !ok {
		return 0
	}
	checkNodeRaw(t, body, &got)
	taken := 0
	for _, top := range got.kids {
		for _, m := range top.val.kids {
			for _, s := range sent {
				if s != nil && len(s.kids) > 0 && len(m.val.kids) > 0 && &s.kids[0] == &m.val.kids[0] {
					if got.kind != jObject || top.name != echoClient {
						t.Fatalf("request %.200q\nbody %.200q: member %q of %q took the request's node, not a member of the client",
							req, body, m.name, top.name)
					}
					taken++
				}
			}
		}
	}
	return taken
}

// echoedRequests are requests whose members an answer echoes: lists, structures, empty ones,
// escapes, multibyte characters, spaces inside, duplicates.
var echoedRequests = []string{
	`{"ClientId":"c","CallbackURLs":["https://a.example/cb","https://b.example/\u00e9"],"TokenValidityUnits":{"AccessToken":"hours","IdToken":"minutes"},"AllowedOAuthScopes":[]}`,
	`{"LogoutURLs":[ "https://x.example" , "https://y.example/中" ],"AnalyticsConfiguration":{"ApplicationId":"a\"b","UserDataShared":true},"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH"]}`,
	`{"ReadAttributes":["email"],"ReadAttributes":["name","email"],"WriteAttributes":[{"x":[1,{"y":null}]},"\ud83d\ude00"]}`,
	`{"CallbackURLs":{},"LogoutURLs":[[]],"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":0}}`,
}

// TestEchoedDecode: answers holding the requests' members as written (taken from the request),
// written otherwise, changed, cut or followed by what does not parse read as without echoes;
// held under another member or in a top-level array, they are not taken (echoClient).
func TestEchoedDecode(t *testing.T) {
	t.Parallel()
	taken := 0
	for _, req := range echoedRequests {
		var m []jmember
		if n, ok := decodeNode([]byte(req)); ok {
			m = n.kids
		}
		var parts []string
		for _, k := range m {
			parts = append(parts, strconv.Quote(k.name)+":"+k.val.raw)
		}
		client := "{" + strings.Join(parts, ",") + "}"
		for _, body := range []string{
			`{"UserPoolClient":` + client + `}`,                                  // as written: taken
			` { "UserPoolClient" : ` + client + ` , "X" : ` + client + ` } `,     // spaces around, and under another member
			`{"UserPoolClient":` + strings.ReplaceAll(client, `",`, `" ,`) + `}`, // written otherwise
			`{"UserPoolClient":` + strings.ReplaceAll(client, `.example`, `.exampl3`) + `}`,
			`{"UserPoolClient":` + client[:len(client)-2] + `}`, // cut
			`{"UserPoolClient":` + client + `x}`,
			`{"UserPoolClient":` + strings.ReplaceAll(client, `]`, `],]`) + `}`,
			`[` + client + `]`, client,
		} {
			taken += echoedDecodeAgrees(t, []byte(req), []byte(body))
		}
	}
	if taken < 8 {
		t.Fatalf("%d members took the request's node", taken)
	}
}

// TestEchoedDeepDecode: a request member nested as deep as Parse reads (its text past
// echoTrusted), echoed in an answer that nests it one level deeper, past decodeNode's limit, is
// refused with the echoes (Parse's) as without; one level less is read alike, taking the
// request's node, and so is a member as long as echoTrusted, taken unchecked.
func TestEchoedDeepDecode(t *testing.T) {
	t.Parallel()
	in := UpdateUserPoolClient.Operation.Input
	for _, depth := range []int{nodeMaxDepth - 1, nodeMaxDepth - 2, echoTrusted / 2} {
		list := strings.Repeat("[", depth) + strings.Repeat("]", depth)
		p := UpdateUserPoolClient.Parse([]byte(`{"CallbackURLs":` + list + `}`))
		if p.err != nil {
			t.Fatalf("depth %d: Parse refuses the request: %v", depth, p.err)
		}
		body := []byte(`{"UserPoolClient":{"CallbackURLs":` + list + `}}`)
		_, wantOK := decodeNode(body)
		if want := depth+2 <= nodeMaxDepth; wantOK != want {
			t.Fatalf("depth %d: decodeNode reads the answer: %v, want %v", depth, wantOK, want)
		}
		a := newArena()
		sent := a.sentSlots(in)
		memberSlots(in, &p.doc, sent)
		a.echo = echoSource{shape: in, slots: sent, parsed: true}
		got, ok := decodeNodeView(body, a, false)
		a.echo = echoSource{}
		if ok != wantOK {
			t.Fatalf("depth %d: read with echoes %v, without %v", depth, ok, wantOK)
		}
		if ok {
			m := got.kids[0].val.kids[0].val
			if m.raw != list || len(m.kids) != 1 || &m.kids[0] != &p.doc.kids[0].val.kids[0] {
				t.Fatalf("depth %d: the echoed member is not the request's node", depth)
			}
		}
		a.release()
	}
}

func FuzzEchoedDecode(f *testing.F) {
	for _, req := range echoedRequests {
		f.Add([]byte(req), []byte(`{"UserPoolClient":`+req+`}`))
	}
	f.Fuzz(func(t *testing.T, req, body []byte) { echoedDecodeAgrees(t, req, body) })
}

// TestReleaseClearsSlots: a released arena points to none of the nodes of the last check's
// request (sent) or answer (slots), which would keep their texts alive while the arena is
// pooled. Not parallel: the arena is read after release put it in the pool, where no other
// test takes it meanwhile (the parallel tests start after this one).
func TestReleaseClearsSlots(t *testing.T) {
	c := UpdateUserPoolClient
	p := c.Parse([]byte(echoedRequests[0]))
	if p.Err() != nil {
		t.Fatal(p.Err())
	}
	a := newArena()
	in, client := c.Operation.Input, c.echoPlan().client
	memberSlots(in, &p.doc, a.sentSlots(in))
	back := a.clientSlots(client)
	for i := range back {
		back[i] = &p.doc
	}
	a.release()
	for i := range a.sent {
		if a.sent[i] != nil || a.slots[i] != nil {
			t.Fatalf("slot %d of a released arena: sent %p, slots %p", i, a.sent[i], a.slots[i])
		}
	}
}
