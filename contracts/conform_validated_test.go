package contracts

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// validatedWalkAgrees checks one 200 to a request parsed by c (the findings of the walk that
// skips the request's validated echoed lists, and of the walk of the whole answer): the same
// findings, in the same order, to the byte. It returns them.
func validatedWalkAgrees(t *testing.T, c *Contract, p *ParsedRequest, req, body, before []byte) []Finding {
	t.Helper()
	ex := Exchange{Request: req, Before: before, Status: 200, Header: okHeader(), Body: body}
	got, want := c.checkSuccess(ex, p, nil, true), c.checkSuccess(ex, p, nil, false)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("request %.300q\nbody %.300q\nwith the deduction: %v\nwhole walk:         %v", req, body, got, want)
	}
	return got
}

// validatedLists is a request that validates, with a list of every kind the client echoes
// (URLs with escapes and multibyte text, enums, attribute names), some with one entry, some
// with many, strings (an escaped name, a URL, an enum) and integers.
const validatedLists = `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"w\u0065b 1",` +
	`"DefaultRedirectURI":"https://app.example.com/cb","PreventUserExistenceErrors":"ENABLED",` +
	`"AccessTokenValidity":60,"AuthSessionValidity":3,` +
	`"CallbackURLs":["https://app.example.com/cb","https://\u00e9.example/\ud83d\ude00","myapp://x?a=\"b\""],` +
	`"LogoutURLs":["https://a.example/日本"],"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],` +
	`"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid","email"],"SupportedIdentityProviders":["COGNITO"],` +
	`"ReadAttributes":["email","custom:a"],"WriteAttributes":["email"]}`

// appliedAnswer is the 200 a conforming service gives to req on the client before: Apply's
// client, {"UserPoolClient":client}, its lists written as the request wrote them.
func appliedAnswer(t testing.TB, c *Contract, req, before string) []byte {
	t.Helper()
	client, err := c.Apply(json.RawMessage(before), []byte(req), applyEquivNow)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(`{"UserPoolClient":` + string(client) + `}`)
}

// validatedCases are (request, answer) pairs around the deduction: a validated request
// answered with its lists echoed, with an echoed list changed (an emulator's deviation), with
// duplicated members on either side, and invalid requests answered 200 with their lists echoed.
func validatedCases(t testing.TB) [][2]string {
	t.Helper()
	c := UpdateUserPoolClient
	before := applyCurrents["full"]
	ok := string(appliedAnswer(t, c, validatedLists, before))
	cb := `"CallbackURLs":["https://app.example.com/cb","https://\u00e9.example/\ud83d\ude00","myapp://x?a=\"b\""]`
	if !strings.Contains(ok, cb) {
		t.Fatalf("the applied answer does not echo the request's CallbackURLs: %s", ok)
	}
	// The model's limits, each passed by one.
	in := c.Operation.Input
	limit := func(name string, of func(m *Member) *Bounds) int {
		m, _ := in.MemberNamed(name)
		hi, ok := of(m).MaxInt()
		if !ok {
			t.Fatalf("%s has no upper bound", name)
		}
		return int(hi)
	}
	urlMax := limit("CallbackURLs", func(m *Member) *Bounds { return m.Target.Member.Effective().Length })
	listMax := limit("CallbackURLs", func(m *Member) *Bounds { return m.Effective().Length })
	nameMax := limit("ClientName", func(m *Member) *Bounds { return m.Effective().Length })
	overSession := `"AuthSessionValidity":` + strconv.Itoa(limit("AuthSessionValidity", func(m *Member) *Bounds { return m.Effective().Range })+1)
	longName := `"ClientName":"` + strings.Repeat("n", nameMax+1) + `"`
	bad := `"CallbackURLs":["https://app.example.com/cb","https://b\u0001.example","` + strings.Repeat("é", urlMax+1) + `"]`
	invalid := strings.Replace(validatedLists, cb, bad, 1) // R31 length, pattern
	many := `"CallbackURLs":[` + strings.Repeat(`"https://a",`, listMax) + `"https://a"]`
	tooMany := strings.Replace(validatedLists, cb, many, 1)
	lastNull := strings.Replace(validatedLists, cb, cb+`,"CallbackURLs":null`, 1)
	lastOK := strings.Replace(validatedLists, cb, bad+","+cb, 1)
	badEnum := strings.Replace(validatedLists, `["code"]`, `["code","token"]`, 1)
	badElse := strings.Replace(validatedLists, `"ClientId":"1example23456789"`, `"ClientId":"1example23456789",`+longName, 1)
	nullEntry := strings.Replace(validatedLists, `["openid","email"]`, `["openid",null]`, 1)
	badName := strings.Replace(validatedLists, `"ClientName":"w\u0065b 1"`, longName, 1)
	badEnum2 := strings.Replace(validatedLists, `"PreventUserExistenceErrors":"ENABLED"`, `"PreventUserExistenceErrors":"LEGACYX"`, 1)
	badNumber := strings.Replace(validatedLists, `"AuthSessionValidity":3`, overSession, 1)
	if !strings.Contains(ok, `"AuthSessionValidity":3`) || !strings.Contains(ok, `"AccessTokenValidity":60`) ||
		!strings.Contains(ok, `"ClientName":"w\u0065b 1"`) || !strings.Contains(ok, `"PreventUserExistenceErrors":"ENABLED"`) {
		t.Fatalf("the applied answer does not hold the request's strings: %s", ok)
	}
	return [][2]string{
		{validatedLists, ok},                              // every list echoed: skipped
		{validatedLists, strings.Replace(ok, cb, bad, 1)}, // a deviation: the answer's own list, walked
		{validatedLists, strings.Replace(ok, `["code"]`, `["code","token"]`, 1)},
		{validatedLists, strings.Replace(ok, cb, cb+","+strings.Replace(bad, `"https://app`, `"x\u0001`, 1), 1)}, // echoed, then a bad duplicate (the last counts)
		{validatedLists, strings.Replace(ok, cb, bad+","+cb, 1)},                                                 // a bad list, then the echoed one
		{validatedLists, strings.Replace(ok, `"LogoutURLs":["https://a.example/日本"]`, `"LogoutURLs":[]`, 1)},
		{invalid, string(appliedAnswer(t, c, validatedLists, before))},
		{invalid, strings.Replace(ok, cb, bad, 1)}, // invalid, its bad list echoed: walked
		{tooMany, strings.Replace(ok, cb, many, 1)},
		{lastNull, ok}, // the request's last CallbackURLs is null: not the echoed list
		{lastOK, ok},   // the request's last CallbackURLs is the valid one the answer echoes
		{lastOK, strings.Replace(ok, cb, bad, 1)},
		{badEnum, strings.Replace(ok, `["code"]`, `["code","token"]`, 1)}, // an enum outside AllowedOAuthFlows, echoed
		{badElse, strings.Replace(ok, `"AllowedOAuthScopes":["openid","email"]`, `"AllowedOAuthScopes":["openid","email"],"AllowedOAuthScopes":["openid","email"]`, 1)},
		{nullEntry, strings.Replace(ok, `["openid","email"]`, `["openid",null]`, 1)}, // a null entry, echoed
		// Strings: another name than sent (one @pattern refuses, one too long), another enum.
		{validatedLists, strings.Replace(ok, `"ClientName":"w\u0065b 1"`, `"ClientName":"w\u0001b"`, 1)},
		{validatedLists, strings.Replace(ok, `"ClientName":"w\u0065b 1"`, `"ClientName":"`+strings.Repeat("é", nameMax+1)+`"`, 1)},
		{validatedLists, strings.Replace(ok, `"PreventUserExistenceErrors":"ENABLED"`, `"PreventUserExistenceErrors":"enabled"`, 1)},
		{validatedLists, strings.Replace(ok, `"ClientName":"w\u0065b 1"`, `"ClientName":"web 1"`, 1)}, // the same value, another text: walked
		{badName, strings.Replace(ok, `"ClientName":"w\u0065b 1"`, longName, 1)},
		{badEnum2, strings.Replace(ok, `"PreventUserExistenceErrors":"ENABLED"`, `"PreventUserExistenceErrors":"LEGACYX"`, 1)},
		// Integers: another value (out of @range), the same one written otherwise, an invalid one
		// answered as sent.
		{validatedLists, strings.Replace(ok, `"AuthSessionValidity":3`, overSession, 1)},
		{validatedLists, strings.Replace(ok, `"AuthSessionValidity":3`, `"AuthSessionValidity":3.0`, 1)},
		{validatedLists, strings.Replace(ok, `"AccessTokenValidity":60`, `"AccessTokenValidity":6e1`, 1)},
		{badNumber, strings.Replace(ok, `"AuthSessionValidity":3`, overSession, 1)},
		{badNumber, strings.Replace(ok, `"AuthSessionValidity":3`, `"AuthSessionValidity":-0`, 1)},
	}
}

// The walk that skips a validated request's echoed lists finds what the walk of the whole
// answer finds: on the success seeds (every request of applyCorpus under every edit of its
// applied client), on validatedCases, the request parsed (the deduction's case) and not.
func TestValidatedWalkIsFullWalk(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient
	for _, s := range successSeeds(t) {
		validatedWalkAgrees(t, c, c.Parse(s[0]), s[0], s[1], s[2])
	}
	found := 0
	for _, vc := range validatedCases(t) {
		req, body := []byte(vc[0]), []byte(vc[1])
		for _, p := range []*ParsedRequest{c.Parse(req), nil} {
			found += len(validatedWalkAgrees(t, c, p, req, body, []byte(applyCurrents["full"])))
		}
	}
	if found < 20 { // the invalid requests and the deviations are found
		t.Fatalf("%d findings over the validated cases", found)
	}
}

// The deduction is taken: the answer's echoed lists and strings to a request whose validation
// found nothing are the request's values (isValidatedNode), under client members that
// walkedAsValidated accepts (every list and string member the client shares with the input,
// the model's), and none to an invalid request.
func TestEchoedListsAreValidated(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient
	pl := c.echoPlan()
	kinds := map[string]int{}
	for i, m := range pl.client.Members {
		if pl.walkedIn[i] >= 0 {
			in := c.Operation.Input.Members[pl.walkedIn[i]]
			if in.Name != m.Name || in.Target != m.Target {
				t.Fatalf("%s stands for %s", in.Name, m.Name)
			}
			kinds[m.Target.Type]++
		}
	}
	if kinds["list"] < 8 || kinds["string"] < 4 || kinds["enum"] < 1 || kinds["integer"] < 4 || len(kinds) != 4 {
		t.Fatalf("the client members that stand for their validated request's: %v", kinds)
	}
	cases := validatedCases(t)
	if got := echoedValidated(t, c, cases[0][0], cases[0][1]); got != 8+5+2 { // the lists, the ids, name, URI, enum, two validities
		t.Fatalf("%d of the echoed lists, strings and numbers taken as validated, want 15", got)
	}
	if got := echoedValidated(t, c, cases[6][0], cases[6][1]); got != 0 {
		t.Fatalf("%d echoed values of an invalid request taken as validated", got)
	}
	// The request's name "w\u0065b 1" answered "web 1": the same value, not the same text.
	unescaped := strings.Replace(cases[0][1], `"ClientName":"w\u0065b 1"`, `"ClientName":"web 1"`, 1)
	if got := echoedValidated(t, c, cases[0][0], unescaped); got != 8+5+2-1 {
		t.Fatalf("%d of the echoed values taken as validated with the name unescaped, want 14 (the name walked)", got)
	}
}

// echoedValidated counts the members of the answer's client that the walk of checkSuccess
// skips: it reads the request and the answer as checkSuccess does.
func echoedValidated(t *testing.T, c *Contract, req, body string) int {
	t.Helper()
	a := newArena()
	defer a.release()
	p := c.Parse([]byte(req))
	reqObj, err := requestNode([]byte(req), p, a)
	if err != nil {
		t.Fatal(err)
	}
	in, pl := c.Operation.Input, c.echoPlan()
	sent := a.sentSlots(in)
	memberSlots(in, reqObj, sent)
	a.echo = echoSource{shape: in, slots: sent, parsed: true}
	doc, _, err := decodeTreeView([]byte(body), a, false)
	a.echo = echoSource{}
	if err != nil || !c.validatedRequest(p) {
		return 0
	}
	back := a.clientSlots(pl.client)
	memberSlots(pl.client, member(&doc, "UserPoolClient"), back)
	n := 0
	for i, j := range pl.walkedIn {
		if j >= 0 && back[i] != nil && isValidatedNode(back[i], sent[j]) {
			n++
		}
	}
	return n
}

// A client member whose constraints or target differ from the input member's is walked whole:
// a model whose client CallbackURLs allow one entry, or are ClientNameType strings, whose client
// ClientName allows two characters or another pattern, whose client AccessTokenValidity allows
// at most 10, or whose client PreventUserExistenceErrors is another enum, finds the validated request's echoed values
// breaking them; so does a request parsed by another contract.
func TestValidatedWalkNeedsTheSameShape(t *testing.T) {
	t.Parallel()
	client := Namespace + "#UserPoolClientType"
	edits := map[string]func(shapes map[string]any){
		"client length": func(shapes map[string]any) {
			m := shapes[client].(map[string]any)["members"].(map[string]any)["CallbackURLs"].(map[string]any)
			m["traits"] = map[string]any{"smithy.api#length": map[string]any{"max": 1}}
		},
		"client name length": func(shapes map[string]any) {
			m := shapes[client].(map[string]any)["members"].(map[string]any)["ClientName"].(map[string]any)
			m["traits"] = map[string]any{"smithy.api#length": map[string]any{"max": 2}}
		},
		"client name pattern": func(shapes map[string]any) {
			m := shapes[client].(map[string]any)["members"].(map[string]any)["ClientName"].(map[string]any)
			m["traits"] = map[string]any{"smithy.api#pattern": "^[a-z]+$"}
		},
		"client validity range": func(shapes map[string]any) {
			m := shapes[client].(map[string]any)["members"].(map[string]any)["AccessTokenValidity"].(map[string]any)
			m["traits"] = map[string]any{"smithy.api#range": map[string]any{"max": 10}}
		},
		"client enum target": func(shapes map[string]any) {
			shapes[Namespace+"#OtherEnum"] = map[string]any{"type": "enum", "members": map[string]any{
				"LEGACY": map[string]any{"target": "smithy.api#Unit", "traits": map[string]any{"smithy.api#enumValue": "LEGACY"}}}}
			m := shapes[client].(map[string]any)["members"].(map[string]any)["PreventUserExistenceErrors"].(map[string]any)
			m["target"] = Namespace + "#OtherEnum"
		},
		"client target": func(shapes map[string]any) {
			shapes[Namespace+"#NameList"] = map[string]any{"type": "list", "member": map[string]any{"target": Namespace + "#ClientNameType"}}
			m := shapes[client].(map[string]any)["members"].(map[string]any)["CallbackURLs"].(map[string]any)
			m["target"] = Namespace + "#NameList"
		},
	}
	for name, edit := range edits {
		m, err := ModelWithShapes(t, edit)
		if err != nil {
			t.Fatal(err)
		}
		c, err := New(m)
		if err != nil {
			t.Fatal(err)
		}
		before := applyCurrents["full"]
		body := appliedAnswer(t, c, validatedLists, before)
		for _, p := range []*ParsedRequest{c.Parse([]byte(validatedLists)), UpdateUserPoolClient.Parse([]byte(validatedLists))} {
			if !UpdateUserPoolClient.validatedRequest(UpdateUserPoolClient.Parse([]byte(validatedLists))) {
				t.Fatal("validatedLists does not validate")
			}
			if fs := validatedWalkAgrees(t, c, p, []byte(validatedLists), body, []byte(before)); len(fs) == 0 {
				t.Fatalf("%s: no finding", name)
			}
		}
	}
}

// An integer member whose @range has a bound beyond ±2^53 (1e300, -1e300, 2^63: no exact
// int64 ceiling or floor, int64(math.Floor(1e300)) being MinInt64 on amd64) is walked whole,
// on both sides of the model; a bound of 2^53 is still deduced.
func TestValidatedWalkNeedsExactRange(t *testing.T) {
	t.Parallel()
	ranges := map[string]map[string]any{
		"max 1e300":  {"min": 1, "max": 1e300},
		"min -1e300": {"min": -1e300, "max": 86400},
		"max 2^63":   {"min": 1, "max": float64(1 << 63)},
		"max 2^53+2": {"min": 1, "max": float64(1<<53 + 2)},
		"max 2^53":   {"min": 1, "max": float64(1 << 53)},
	}
	for name, r := range ranges {
		m, err := ModelWithShapes(t, func(shapes map[string]any) {
			shapes[Namespace+"#AccessTokenValidityType"].(map[string]any)["traits"] = map[string]any{"smithy.api#range": r}
		})
		if err != nil {
			t.Fatal(err)
		}
		c, err := New(m)
		if err != nil {
			t.Fatal(err)
		}
		pl := c.echoPlan()
		i := memberIndex(pl.client, "AccessTokenValidity", -1)
		if i < 0 {
			t.Fatal("the client has no AccessTokenValidity")
		}
		if deduced, want := pl.walkedIn[i] >= 0, name == "max 2^53"; deduced != want {
			t.Fatalf("%s: AccessTokenValidity deduced %v, want %v", name, deduced, want)
		}
		before := applyCurrents["full"]
		body := appliedAnswer(t, c, validatedLists, before)
		validatedWalkAgrees(t, c, c.Parse([]byte(validatedLists)), []byte(validatedLists), body, []byte(before))
	}
}

// FuzzValidatedWalk: go test -run '^$' -fuzz FuzzValidatedWalk ./contracts
func FuzzValidatedWalk(f *testing.F) {
	for _, vc := range validatedCases(f) {
		f.Add([]byte(vc[0]), []byte(vc[1]))
	}
	for i, s := range successSeeds(f) {
		if i%7 == 0 {
			f.Add(s[0], s[1])
		}
	}
	f.Fuzz(func(t *testing.T, req, body []byte) {
		c := UpdateUserPoolClient
		validatedWalkAgrees(t, c, c.Parse(req), req, body, []byte(applyCurrents["full"]))
	})
}
