package contracts

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	. "github.com/onsi/gomega"
)

// applyCorpus are request bodies on which Apply must give exactly the bytes (or the failure)
// of the reference implementation (apply_ref_test.go).
var applyCorpus = map[string]string{
	"empty":    `{}`,
	"no body":  ``,
	"blank":    " \n\t",
	"ids only": `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"abc"}`,
	"typical": `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"web",
	"AccessTokenValidity":60,"IdTokenValidity":60,"RefreshTokenValidity":30,
	"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"days"},
	"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"SupportedIdentityProviders":["COGNITO"],
	"CallbackURLs":["https://app.example.com/callback"],"LogoutURLs":["https://app.example.com/logout"],
	"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid","email"],"AllowedOAuthFlowsUserPoolClient":true,
	"PreventUserExistenceErrors":"ENABLED","EnableTokenRevocation":true,"AuthSessionValidity":3}`,
	"refresh 0":             `{"RefreshTokenValidity":0,"TokenValidityUnits":{"RefreshToken":"hours"}}`,
	"refresh 0 in seconds":  `{"RefreshTokenValidity":0,"TokenValidityUnits":{"RefreshToken":"seconds","AccessToken":"days"}}`,
	"units only":            `{"TokenValidityUnits":{"AccessToken":"minutes"}}`,
	"units null":            `{"TokenValidityUnits":null,"AccessTokenValidity":null}`,
	"units members null":    `{"TokenValidityUnits":{"AccessToken":null,"IdToken":"days"}}`,
	"units unknown member":  `{"TokenValidityUnits":{"Other":"x","IdToken":"days","IdToken":"hours"}}`,
	"units not object":      `{"TokenValidityUnits":"minutes"}`,
	"unknown unit":          `{"TokenValidityUnits":{"IdToken":"weeks"}}`,
	"rotation":              `{"RefreshTokenRotation":{"Feature":"ENABLED"}}`,
	"rotation null grace":   `{"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":null}}`,
	"rotation with grace":   `{"RefreshTokenRotation":{"RetryGracePeriodSeconds":10,"Feature":"DISABLED","Extra":1}}`,
	"analytics arn":         `{"AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc"}}`,
	"analytics arn role":    `{"AnalyticsConfiguration":{"ApplicationArn":"arn:aws-cn:mobiletargeting:cn-north-1:123456789012:apps/abc","RoleArn":"arn:aws:iam::123456789012:role/x"}}`,
	"analytics id":          `{"AnalyticsConfiguration":{"ApplicationId":"abc","RoleArn":null,"ExternalId":"e","UserDataShared":true}}`,
	"analytics bad arn":     `{"AnalyticsConfiguration":{"ApplicationArn":"nope"}}`,
	"analytics not object":  `{"AnalyticsConfiguration":[1]}`,
	"whitespace and escape": "{ \"ClientName\" : \"a\\u0041\\\"b\" ,\n \"CallbackURLs\" : [ \"https://x\" , \"https://y/<&>\" ] }",
	"nulls":                 `{"ClientName":null,"CallbackURLs":null,"EnableTokenRevocation":null}`,
	"empty lists":           `{"CallbackURLs":[],"ReadAttributes":[]}`,
	"duplicates":            `{"ClientName":"a","ClientName":"b"}`,
	"unknown members":       `{"Foo":1,"clientname":"x","ClientSecret":"nope","CreationDate":1}`,
	"negative zero":         `{"RefreshTokenValidity":-0,"AccessTokenValidity":1}`,
	"not json":              `{`,
	"array":                 `[]`,
	"null":                  `null`,
	"unicode":               `{"ClientName":"あ é"}`,
	// Durations that are not numbers, spaced: the text is compacted as it was sent.
	"durations spaced": `{"AccessTokenValidity":[ 1 , 2 ],"IdTokenValidity":{ "a" : 1 },"RefreshTokenValidity":" 30 ",` +
		`"TokenValidityUnits":{ "AccessToken" : "hours" }}`,
}

var applyCurrents = map[string]string{
	"none":  ``,
	"blank": `  `,
	"full": `{"UserPoolId":"us-east-1_EXAMPLE","ClientName":"old","ClientId":"1example23456789",
		"ClientSecret":"s3cr3ts3cr3ts3cr3ts3cr3t","CreationDate":1600000000,"LastModifiedDate":1650000000.5}`,
	"nulls":      `{"ClientName":null,"ClientSecret":null}`,
	"not object": `"x"`,
	"not json":   `{`,
	// Kept members that are not scalars, spaced: kept and compacted as they are.
	"spaced": `{"UserPoolId":[ "us-east-1_EXAMPLE" ],"ClientId":{ "id" : 1 },"ClientSecret":" s e ",` +
		`"CreationDate":[ 1 , 2 ],"ClientName":[ "n" , 2 ]}`,
}

var applyEquivNow = time.Unix(1700000000, 123e6)

func TestApplyAgreesWithReference(t *testing.T) {
	t.Parallel()
	for bname, body := range applyCorpus {
		for cname, cur := range applyCurrents {
			t.Run(bname+"/"+cname, func(t *testing.T) {
				t.Parallel()
				applyAgrees(NewWithT(t), cur, body)
			})
		}
	}
}

func applyAgrees(g *WithT, cur, body string) {
	// Apply reads a body as an awsJson1_1 server does (RequestBody: an empty or blank body is
	// the empty input "{}", S5), a reading the reference predates; it is given the same input.
	want, wantErr := UpdateUserPoolClient.refApply(json.RawMessage(cur), RequestBody([]byte(body)), applyEquivNow)
	got, err := UpdateUserPoolClient.Apply(json.RawMessage(cur), []byte(body), applyEquivNow)
	if wantErr != nil {
		g.Expect(err).To(HaveOccurred(), "reference failed with %v", wantErr)
		return
	}
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(string(got)).To(Equal(string(want)))
}

// FuzzApplyAgreesWithReference: go test -run '^$' -fuzz FuzzApplyAgreesWithReference ./contracts
func FuzzApplyAgreesWithReference(f *testing.F) {
	for _, body := range applyCorpus {
		f.Add(body, applyCurrents["full"])
	}
	f.Fuzz(func(t *testing.T, body, cur string) {
		if !utf8.ValidString(body) || !utf8.ValidString(cur) {
			t.Skip("the reference stores invalid UTF-8; Predict refuses such a body before Apply")
		}
		applyAgrees(NewWithT(t), cur, body)
	})
}

// TestApplyStoredChainsLikeApply: a chain of updates through ReadClient and ApplyStored gives
// the documents a chain of Apply calls gives, byte for byte, and fails where Apply fails.
func TestApplyStoredChainsLikeApply(t *testing.T) {
	t.Parallel()
	bodies := []string{applyCorpus["typical"], applyCorpus["duplicates"], applyCorpus["whitespace and escape"],
		applyCorpus["empty"], applyCorpus["analytics arn"], applyCorpus["unknown members"], applyCorpus["refresh 0"]}
	for cname, cur := range applyCurrents {
		t.Run(cname, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			c := UpdateUserPoolClient
			stored, rerr := c.ReadClient(json.RawMessage(cur))
			doc := json.RawMessage(cur)
			for i, body := range bodies {
				now := applyEquivNow.Add(time.Duration(i) * time.Second)
				want, err := c.Apply(doc, []byte(body), now)
				if err != nil {
					g.Expect(rerr).To(HaveOccurred(), "Apply failed with %v", err)
					return
				}
				g.Expect(rerr).NotTo(HaveOccurred())
				next, err := c.ApplyStored(stored, c.Parse([]byte(body)), now)
				g.Expect(err).NotTo(HaveOccurred())
				g.Expect(string(next.Doc)).To(Equal(string(want)), "update %d", i)
				doc, stored = want, next
			}
		})
	}
}

// TestApplyUnitTextsAgreeWithReference holds the stored TokenValidityUnits texts of the plan's
// table (unitTexts, R13, R14) to the reference Apply and to the plan without the table (the
// former path, unitsText on every update): every choice of each duration's unit (each of the
// model's units, absent, null, unknown, not a string) with the validities absent, 0 and sent.
func TestApplyUnitTextsAgreeWithReference(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	c := UpdateUserPoolClient
	pl := c.applyPlan()
	g.Expect(pl.unitTexts).NotTo(BeEmpty(), "this model's units are all durations' units")
	former := *pl
	former.unitTexts = nil
	values := append([]string{"", "null", `"weeks"`, "7"}, unitNames...)
	bodies := []string{""}
	for _, d := range pl.durations {
		var next []string
		for _, b := range bodies {
			for _, v := range values {
				if v == "" {
					next = append(next, b)
				} else if v[0] == '"' || v == "null" || v == "7" {
					next = append(next, b+`,"`+d.Unit+`":`+v)
				} else {
					next = append(next, b+`,"`+d.Unit+`":"`+v+`"`)
				}
			}
		}
		bodies = next
	}
	for _, units := range bodies {
		for _, validity := range []string{"", "0", "5"} {
			body := `{"TokenValidityUnits":{` + strings.TrimPrefix(units, ",") + `}`
			for _, d := range pl.durations {
				if validity != "" {
					body += `,"` + d.Member + `":` + validity
				}
			}
			body += "}"
			applyAgrees(g, applyCurrents["full"], body)
			req := c.Parse([]byte(body)).doc
			sent := pl.sentMembers(&req, nil)
			got, want := make([]string, len(pl.client.Members)), make([]string, len(pl.client.Members))
			gotMask, gotErr := pl.applyDurations(&req, sent, got)
			wantMask, wantErr := former.applyDurations(&req, sent, want)
			g.Expect(fmt.Sprint(gotErr)).To(Equal(fmt.Sprint(wantErr)), body)
			g.Expect(got).To(Equal(want), body)
			g.Expect(gotMask).To(Equal(wantMask), body)
			for i, text := range got {
				if gotMask&(1<<i) != 0 {
					g.Expect(string(appendCompactText(nil, text))).To(Equal(text), "%s: slot %d is marked compact", body, i)
				}
			}
		}
	}
}

// TestUnitNamesAreUnitSeconds: applyDurations looks a unit up in unitNames where it looked it up
// in a map built from unitSeconds: the same units, each once, and the table's defaults by unit
// are in the unit they name or the row's default unit, at its place.
func TestUnitNamesAreUnitSeconds(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	g.Expect(unitNames).To(ConsistOf(slices.Collect(maps.Keys(unitSeconds))))
	pl := UpdateUserPoolClient.applyPlan()
	for k, d := range pl.durations {
		g.Expect(pl.durationDefault[k]).To(HaveLen(len(unitNames)))
		for at, def := range pl.durationDefault[k] {
			g.Expect(def.unit).To(Or(Equal(unitNames[at]), Equal(d.DefaultUnit)), d.Member)
			g.Expect(def.unitAt).To(Equal(slices.Index(unitNames, def.unit)), d.Member)
		}
	}
}

// BenchmarkApplyDurations times applyDurations with the plan's units texts (unitTexts) next
// to the former path (the same plan without them: unitsText on every update), alternating in
// one loop, on the typical body of applyCorpus and on one that sends every unit, and reports
// both and their ratio (table/former): go test ./contracts -run '^$' -bench ApplyDurations -benchmem
func BenchmarkApplyDurations(b *testing.B) {
	pl := UpdateUserPoolClient.applyPlan()
	former := *pl
	former.unitTexts = nil
	for name, body := range map[string]string{
		"typical": applyCorpus["typical"],
		"units":   `{"AccessTokenValidity":5,"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"days","RefreshToken":"hours"}}`,
	} {
		b.Run(name, func(b *testing.B) {
			req := UpdateUserPoolClient.Parse([]byte(body)).doc
			sent := pl.sentMembers(&req, nil)
			out := make([]string, len(pl.client.Members))
			const reps = 16 // rounds between two clock readings
			var fast, ref time.Duration
			b.ReportAllocs()
			for b.Loop() {
				t0 := time.Now()
				for range reps {
					_, _ = pl.applyDurations(&req, sent, out)
				}
				t1 := time.Now()
				for range reps {
					_, _ = former.applyDurations(&req, sent, out)
				}
				ref += time.Since(t1)
				fast += t1.Sub(t0)
			}
			b.ReportMetric(float64(fast.Nanoseconds())/float64(b.N*reps), "table-ns/op")
			b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N*reps), "former-ns/op")
			b.ReportMetric(float64(fast)/float64(ref), "table/former")
		})
	}
}

// TestInputOfIsInputAt holds the plan's lookup of input members by name length (inputOf,
// sentMembers's) to the map it replaces: every member's name, and names next to them (a byte
// more or less, another case, a multibyte or invalid UTF-8 byte, a \u escape as written),
// empty, and longer than any member's.
func TestInputOfIsInputAt(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	pl := UpdateUserPoolClient.applyPlan()
	names := []string{"", "\x00", "é", "\xff", `\u0041`, strings.Repeat("A", 300)}
	for _, m := range pl.members {
		n := m.Name
		names = append(names, n, n[1:], n[:len(n)-1], n+"x", "x"+n, strings.ToLower(n), strings.ToUpper(n),
			n[:len(n)-1]+"é", n[:len(n)-1]+"\xff", n+"\x00", `\u00`+n)
	}
	for _, name := range names {
		k, ok := pl.inputOf(name)
		wantK, wantOK := pl.inputAt[name]
		g.Expect(ok).To(Equal(wantOK), "%q", name)
		g.Expect(k).To(Equal(wantK), "%q", name)
	}
}

// FuzzInputOfIsInputAt: go test -run '^$' -fuzz FuzzInputOfIsInputAt ./contracts
func FuzzInputOfIsInputAt(f *testing.F) {
	pl := UpdateUserPoolClient.applyPlan()
	for _, seed := range []string{"", "ClientId", "clientid", "ClientIdé", "\xff", `\u0041`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		k, ok := pl.inputOf(name)
		if wantK, wantOK := pl.inputAt[name]; k != wantK || ok != wantOK {
			t.Fatalf("%q: inputOf %d %v, inputAt %d %v", name, k, ok, wantK, wantOK)
		}
	})
}

// BenchmarkInputOf times inputOf next to the map it replaces (inputAt), alternating in one
// loop, on the member names of the typical body of applyCorpus and of a full request, and
// reports both and their ratio: go test ./contracts -run '^$' -bench InputOf
func BenchmarkInputOf(b *testing.B) {
	pl := UpdateUserPoolClient.applyPlan()
	for name, body := range map[string]string{"typical": applyCorpus["typical"], "full": applyCurrents["full"]} {
		b.Run(name, func(b *testing.B) {
			req := UpdateUserPoolClient.Parse([]byte(body)).doc
			const reps = 16 // rounds between two clock readings
			var fast, ref time.Duration
			sum := 0
			for b.Loop() {
				t0 := time.Now()
				for range reps {
					for k := range req.kids {
						i, _ := pl.inputOf(req.kids[k].name)
						sum += i
					}
				}
				t1 := time.Now()
				for range reps {
					for k := range req.kids {
						i := pl.inputAt[req.kids[k].name]
						sum += i
					}
				}
				ref += time.Since(t1)
				fast += t1.Sub(t0)
			}
			n := float64(b.N * reps * len(req.kids))
			b.ReportMetric(float64(fast.Nanoseconds())/n, "inputOf-ns/name")
			b.ReportMetric(float64(ref.Nanoseconds())/n, "map-ns/name")
			b.ReportMetric(float64(fast)/float64(ref), "inputOf/map")
			if sum < 0 {
				b.Fatal(sum)
			}
		})
	}
}
