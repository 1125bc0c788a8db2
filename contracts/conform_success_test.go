package contracts

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// successEdits turn a conforming client (what Apply stores) into answers that break each check
// of a 200 in turn; each edits the decoded client, or returns a whole body (raw).
var successEdits = map[string]func(m map[string]any) (raw string){
	"as applied":        func(map[string]any) string { return "" },
	"reordered lists":   func(m map[string]any) string { reverseLists(m); return "" },
	"name too long":     func(m map[string]any) string { m["ClientName"] = strings.Repeat("né", 65); return "" },
	"name not a string": func(m map[string]any) string { m["ClientName"] = json.Number("12"); return "" },
	"name null":         func(m map[string]any) string { m["ClientName"] = nil; return "" },
	"id removed":        func(m map[string]any) string { delete(m, "ClientId"); return "" },
	"secret changed":    func(m map[string]any) string { m["ClientSecret"] = "other"; return "" },
	"unknown members":   func(m map[string]any) string { m["Zeta"], m["alpha"] = []any{}, map[string]any{}; return "" },
	"dates wrong": func(m map[string]any) string {
		m["CreationDate"], m["LastModifiedDate"] = "x", json.Number("-0")
		return ""
	},
	"modified before":   func(m map[string]any) string { m["LastModifiedDate"] = json.Number("1.0e3"); return "" },
	"validity as float": func(m map[string]any) string { m["AccessTokenValidity"] = json.Number("60.0"); return "" },
	"validity changed": func(m map[string]any) string {
		m["IdTokenValidity"], m["RefreshTokenValidity"] = json.Number("7"), json.Number("0")
		return ""
	},
	"validity out of range": func(m map[string]any) string {
		m["AuthSessionValidity"], m["AccessTokenValidity"] = json.Number("16"), json.Number("1e999")
		return ""
	},
	"numbers by value": func(m map[string]any) string {
		m["AuthSessionValidity"], m["RefreshTokenRotation"] = json.Number("3.00"), map[string]any{"Feature": "ENABLED", "RetryGracePeriodSeconds": json.Number("0e1")}
		return ""
	},
	"units invented": func(m map[string]any) string {
		m["TokenValidityUnits"] = map[string]any{"IdToken": "weeks", "X": nil}
		return ""
	},
	"units not an object": func(m map[string]any) string { m["TokenValidityUnits"] = "days"; return "" },
	"enum off":            func(m map[string]any) string { m["PreventUserExistenceErrors"] = "MAYBE"; return "" },
	"list entries wrong": func(m map[string]any) string {
		m["CallbackURLs"] = []any{nil, true, "https://a", "https://a"}
		return ""
	},
	"list strings broken": func(m map[string]any) string { // entries past @length and off @pattern among fitting ones
		m["CallbackURLs"] = []any{"https://a.example/cb", "", strings.Repeat("é", 1100), "https://b\u0001.example", "https://é.example", "x\xffy"}
		m["ReadAttributes"] = []any{"email", strings.Repeat("n", 3000), ""}
		return ""
	},
	"list duplicated": func(m map[string]any) string { m["AllowedOAuthFlows"] = []any{"code", "code"}; return "" },
	"empty lists":     func(m map[string]any) string { m["LogoutURLs"], m["ReadAttributes"] = []any{}, []any{}; return "" },
	"defaults returned": func(m map[string]any) string {
		m["AllowedOAuthFlowsUserPoolClient"], m["AuthSessionValidity"] = false, json.Number("3")
		return ""
	},
	"rotation off": func(m map[string]any) string {
		m["RefreshTokenRotation"] = map[string]any{"Feature": "ENABLED"}
		return ""
	},
	"analytics role lost": func(m map[string]any) string {
		m["AnalyticsConfiguration"] = map[string]any{"ApplicationId": "x"}
		return ""
	},
	"analytics not object": func(m map[string]any) string { m["AnalyticsConfiguration"] = []any{json.Number("1")}; return "" },
	"sensitive":            func(m map[string]any) string { m["ClientSecret"] = json.Number("5"); return "" },
	"nested escape":        func(m map[string]any) string { m["DefaultRedirectURI"] = "https://x/\u2028<&>\"\\"; return "" },
	"client null":          func(map[string]any) string { return `{"UserPoolClient":null}` },
	"client list":          func(map[string]any) string { return `{"UserPoolClient":[]}` },
	"top null":             func(map[string]any) string { return `null` },
	"top list":             func(map[string]any) string { return `[{"UserPoolClient":{}}]` },
	"not json":             func(map[string]any) string { return `{"UserPoolClient":` },
	"trailing bracket":     func(map[string]any) string { return `{"UserPoolClient":{}} ]` },
	"invalid utf-8": func(map[string]any) string {
		return "{\"UserPoolClient\":{\"ClientName\":\"a\xffb\",\"ClientId\":\"\xc3\"}}"
	},
	"duplicates": func(map[string]any) string {
		return `{"UserPoolClient":{"ClientName":1},"UserPoolClient":{"ClientName":"a","ClientName":null,"Zeta":1,"Zeta":2}}`
	},
	"invariants duplicated": func(map[string]any) string { // the last of each counts, as memberSlots slots it
		return `{"UserPoolClient":{"ClientId":"x","UserPoolId":"p","ClientId":null,"CreationDate":2,"LastModifiedDate":9,` +
			`"CreationDate":1e10,"LastModifiedDate":1,"ClientSecret":"s","ClientSecret":"t","UserPoolId":{"a":[1]}}}`
	},
	"escapes": func(map[string]any) string {
		return `{"Unknown\u0041":1,"UserPoolClient":{"Client\u004eame":"\ud83d\ude00\ud800","Callback\u0055RLs":["\u0068ttps://x"]}}`
	},
}

// reverseLists reverses every list of a client (the service prints lists in its own order).
func reverseLists(m map[string]any) {
	for _, v := range m {
		if l, ok := v.([]any); ok {
			for i, j := 0, len(l)-1; i < j; i, j = i+1, j-1 {
				l[i], l[j] = l[j], l[i]
			}
		}
	}
}

// successSeeds are (request, body, before) triples: every request of applyCorpus answered
// with its applied client under every edit, against the clients before of applyCurrents in turn.
func successSeeds(t testing.TB) [][3][]byte {
	var out [][3][]byte
	currents := sortedStrings(applyCurrents)
	for i, req := range sortedStrings(applyCorpus) {
		for j, edit := range sortedStrings(successEdits) {
			cur := currents[(i+j)%len(currents)]
			client, err := UpdateUserPoolClient.Apply(json.RawMessage(cur), []byte(req), applyEquivNow)
			if err != nil {
				client = json.RawMessage(`{` + stored + `}`)
			}
			var m map[string]any
			if err := json.Unmarshal(client, &m); err != nil {
				t.Fatal(err)
			}
			body := edit(m)
			if body == "" {
				b, _ := json.Marshal(map[string]any{"UserPoolClient": m})
				body = string(b)
			}
			out = append(out, [3][]byte{[]byte(req), []byte(body), []byte(cur)})
		}
	}
	return out
}

// sortedStrings are a map's values in key order.
func sortedStrings[V any](m map[string]V) []V {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]V, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// successAgrees checks one 200 with the tree checks and with the map[string]any reference,
// with the request parsed and not: the same findings, in the same order, to the byte.
func successAgrees(t *testing.T, req, body, before []byte) {
	c := UpdateUserPoolClient
	ex := Exchange{Request: req, Before: before, Status: 200, Header: okHeader(), Body: body}
	for _, p := range []*ParsedRequest{nil, c.Parse(req)} {
		got, want := c.checkSuccessKept(ex, p, nil), c.refCheckSuccess(ex, p)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("request %.300q\nbody %.300q\nbefore %.200q\ntree checks: %v\nreference:   %v", req, body, before, got, want)
		}
	}
}

// The tree checks of a 200 are the map[string]any checks they replace, finding for finding.
func TestCheckSuccessIsReference(t *testing.T) {
	t.Parallel()
	seeds := successSeeds(t)
	findings := 0
	for _, s := range seeds {
		successAgrees(t, s[0], s[1], s[2])
		findings += len(UpdateUserPoolClient.CheckResponse(Exchange{Request: s[0], Before: s[2], Status: 200, Header: okHeader(), Body: s[1]}))
	}
	if findings < len(seeds) { // the edits break checks: the comparison is not of empty lists only
		t.Fatalf("%d findings over %d answers", findings, len(seeds))
	}
}

// FuzzCheckSuccess: go test -run '^$' -fuzz FuzzCheckSuccess ./contracts
func FuzzCheckSuccess(f *testing.F) {
	for i, s := range successSeeds(f) {
		if i%3 == 0 { // a sample: every edit and request appear, the corpus stays small
			f.Add(s[0], s[1], s[2])
		}
	}
	f.Fuzz(successAgrees)
}

// BenchmarkCheckSuccessVsReference checks the typical 200 of BenchmarkCheckResponse (request
// parsed, as CheckParsed reads it) with the tree checks and with the map[string]any reference,
// in alternating blocks of the same run; the fastest block of each is reported (ns/op of each,
// and their ratio), so load from elsewhere weighs on neither.
func BenchmarkCheckSuccessVsReference(b *testing.B) {
	c := UpdateUserPoolClient
	req := []byte(applyCorpus["typical"])
	before := []byte(applyCurrents["full"])
	client, err := c.Apply(before, req, applyEquivNow)
	if err != nil {
		b.Fatal(err)
	}
	ex := Exchange{Request: req, Before: before, Status: 200, Header: okHeader(), Body: []byte(`{"UserPoolClient":` + string(client) + `}`)}
	parsed := c.Parse(req)
	if fs := c.checkSuccessKept(ex, parsed, nil); len(fs) != 0 {
		b.Fatal(fs)
	}
	const block = 200
	best := [2]time.Duration{time.Hour, time.Hour}
	tree := func(ex Exchange, p *ParsedRequest) []Finding { return ownFindings(c.checkSuccessKept(ex, p, nil)) }
	impls := [2]func(Exchange, *ParsedRequest) []Finding{tree, c.refCheckSuccess}
	b.ReportAllocs()
	for i := 0; i < b.N; i += block {
		for k, check := range impls {
			start := time.Now()
			for j := 0; j < block; j++ {
				check(ex, parsed)
			}
			best[k] = min(best[k], time.Since(start))
		}
	}
	b.ReportMetric(float64(best[0].Nanoseconds())/block, "tree-ns/op")
	b.ReportMetric(float64(best[1].Nanoseconds())/block, "ref-ns/op")
	b.ReportMetric(float64(best[0])/float64(best[1]), "tree/ref")
}

// The walk of a decoded value (shapeWalk.value, the SDK matcher's) reads the tree treeOf builds
// as it reads fromAny's: the same findings, for every answer of successSeeds.
func TestTreeOfIsFromAny(t *testing.T) {
	t.Parallel()
	out := UpdateUserPoolClient.Operation.Output
	for _, s := range successSeeds(t) {
		v, err := decodeAny(s[1])
		if err != nil {
			continue
		}
		tree := treeOf(v)
		if got := tree.toAny(); !reflect.DeepEqual([]any{got}, []any{v}) {
			t.Fatalf("%.200q: treeOf %v, decoded %v", s[1], got, v)
		}
		w1, w2 := &shapeWalk{}, &shapeWalk{}
		w1.value(out, out.Constraints, v, "")
		ref := fromAny(v)
		w2.node(out, out.Constraints, &ref, "")
		if !reflect.DeepEqual(w1.findings, w2.findings) {
			t.Fatalf("%.200q: treeOf %v, fromAny %v", s[1], w1.findings, w2.findings)
		}
	}
}

// BenchmarkClientSlots times how checkSuccessKept finds the answer's client members (one
// memberSlots into the pooled arena's slots, shared by the walk, checkAgainstRequest and
// checkInvariants, which reads the invariant members from the slots) next to what it replaces
// (memberSlots into a stack array by the walk and again by checkAgainstRequest, jnode.get for
// each member checkInvariants reads), alternating in one loop, on the clients of successSeeds:
// go test ./contracts -run '^$' -bench ClientSlots
func BenchmarkClientSlots(b *testing.B) {
	pl := UpdateUserPoolClient.echoPlan()
	var gots []*jnode
	for _, s := range successSeeds(b) {
		if n, err := decodeTree(s[1]); err == nil {
			if g := member(&n, "UserPoolClient"); g != nil && g.kind == jObject {
				gots = append(gots, g)
			}
		}
	}
	reads := append(pl.invariants[:], pl.lastModified, pl.creation)
	var shared, former time.Duration
	found := 0
	for b.Loop() {
		t0 := time.Now()
		for _, g := range gots {
			a := newArena()
			back := a.clientSlots(pl.client)
			memberSlots(pl.client, g, back)
			for _, m := range reads {
				if m.of(g, back) != nil {
					found++
				}
			}
			a.release()
		}
		t1 := time.Now()
		for _, g := range gots {
			for range 2 {
				var buf [64]*jnode
				memberSlots(pl.client, g, slotsFor(pl.client, buf[:]))
			}
			for _, m := range reads {
				if g.get(m.name) != nil {
					found++
				}
			}
		}
		former += time.Since(t1)
		shared += t1.Sub(t0)
	}
	n := float64(b.N * len(gots))
	b.ReportMetric(float64(shared.Nanoseconds())/n, "shared-ns/client")
	b.ReportMetric(float64(former.Nanoseconds())/n, "former-ns/client")
	b.ReportMetric(float64(shared)/float64(former), "shared/former")
	if found == 0 {
		b.Fatal("no member read")
	}
}
