package contracts

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

// urlListsBody is a positive request with CallbackURLs, LogoutURLs and AllowedOAuthScopes at
// their maximum entry counts (read from the model), the fuzzer's costliest positive shape.
func urlListsBody(tb testing.TB) []byte {
	in := UpdateUserPoolClient.Operation.Input
	count := func(name string) int {
		m, ok := in.MemberNamed(name)
		if !ok {
			tb.Fatalf("no member %s", name)
		}
		n, ok := m.effective().Length.MaxInt()
		if !ok {
			tb.Fatalf("%s has no @length max", name)
		}
		return int(n)
	}
	list := func(n int, entry func(i int) string) string {
		quoted := make([]string, n)
		for i := range quoted {
			quoted[i] = strconv.Quote(entry(i))
		}
		return "[" + strings.Join(quoted, ",") + "]"
	}
	return []byte(`{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AllowedOAuthFlowsUserPoolClient":true,` +
		`"AllowedOAuthFlows":["code"],` +
		`"CallbackURLs":` + list(count("CallbackURLs"), func(i int) string { return "myapp://cb" + strconv.Itoa(i) + "/é中" }) + `,` +
		`"LogoutURLs":` + list(count("LogoutURLs"), func(i int) string { return "https://example.com/bye/" + strconv.Itoa(i) }) + `,` +
		`"AllowedOAuthScopes":` + list(count("AllowedOAuthScopes"), func(i int) string { return "openid" }) + `}`)
}

// BenchmarkValidateDoc times validateDoc alone on parsed bodies (a typical request and one
// with URL lists at their maximum) next to json.Valid over the same bytes, alternating in one
// loop, and reports both and their ratio (validate/valid).
func BenchmarkValidateDoc(b *testing.B) {
	for name, body := range map[string][]byte{"typical": []byte(ruleBenchBodies["typical"]), "url-lists": urlListsBody(b)} {
		doc, err := parseRequestBody(body)
		if err != nil {
			b.Fatal(err)
		}
		in := UpdateUserPoolClient.Operation.Input
		if vs := validateDoc(in, &doc); len(vs) != 0 {
			b.Fatalf("%s: %+v", name, vs)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			againstValid(b, "validate", 4, body, func() { validateDoc(in, &doc) })
		})
	}
}

// againstValid times reps calls of f, then reps of json.Valid over body, alternating in one
// b.Loop (reps calls between two clock readings), and reports name-ns/op, valid-ns/op and
// their ratio, name/valid.
func againstValid(b *testing.B, name string, reps int, body []byte, f func()) {
	var work, valid time.Duration
	for b.Loop() {
		t0 := time.Now()
		for range reps {
			f()
		}
		t1 := time.Now()
		for range reps {
			json.Valid(body)
		}
		valid += time.Since(t1)
		work += t1.Sub(t0)
	}
	b.ReportMetric(float64(work.Nanoseconds())/float64(b.N*reps), name+"-ns/op")
	b.ReportMetric(float64(valid.Nanoseconds())/float64(b.N*reps), "valid-ns/op")
	b.ReportMetric(float64(work)/float64(valid), name+"/valid")
}
