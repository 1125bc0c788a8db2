package contracts

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

const ids = `"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789"`

// stored is the identity part of a returned client, unchanged from currentClient.
const stored = ids + `,"ClientSecret":"secretsecretsecretsecret01","CreationDate":1500000000.5,"LastModifiedDate":1700000000`

func echoExchange(req, client string) Exchange {
	return Exchange{Request: json.RawMessage(req), Before: json.RawMessage(currentClient), Status: 200, Header: okHeader(),
		Body: []byte(`{"UserPoolClient":` + client + `}`)}
}

func TestCheckResponseEcho(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		req, client string
		want        []string // Check|Rule|Member|Actual
	}{
		// R1: a conforming minimal answer: everything omitted comes back absent.
		"minimal/absent": {`{` + ids + `}`, `{` + stored + `}`, nil},
		// R1: a merge instead of a replace keeps the old values: each one is a reset-to-default finding;
		// ClientName (kept) and EnableTokenRevocation (R26, never asserted) are not.
		"minimal/merge-instead-of-replace": {`{` + ids + `}`, currentClient, []string{
			"reset-to-default||RefreshTokenValidity|10 days (10 days)",
			"reset-to-default||AccessTokenValidity|2 hours (2 hours)",
			"reset-to-default||IdTokenValidity|3 hours (3 hours)",
			`reset-to-default||ReadAttributes|["email"]`,
			`reset-to-default||WriteAttributes|["email"]`,
			`reset-to-default||ExplicitAuthFlows|["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]`,
			`reset-to-default||SupportedIdentityProviders|["COGNITO"]`,
			`reset-to-default||CallbackURLs|["https://example.com/cb"]`,
			`reset-to-default||LogoutURLs|["https://example.com/out"]`,
			`reset-to-default||DefaultRedirectURI|"https://example.com/cb"`,
			`reset-to-default||AllowedOAuthFlows|["code"]`,
			`reset-to-default||AllowedOAuthScopes|["openid"]`,
			"reset-to-default||AllowedOAuthFlowsUserPoolClient|true",
			`reset-to-default||PreventUserExistenceErrors|"ENABLED"`,
			"reset-to-default||EnablePropagateAdditionalUserContextData|true",
			"reset-to-default||AuthSessionValidity|10",
			`reset-to-default||RefreshTokenRotation|{"Feature":"ENABLED","RetryGracePeriodSeconds":30}`,
			`reset-to-default||AnalyticsConfiguration|{"ApplicationId":"abc123","ExternalId":"x","RoleArn":"arn:aws:iam::<account>:role/r","UserDataShared":true}`,
		}},
		// Documented defaults are accepted in place of absence: R18 set in any order, R25 LEGACY,
		// S1 @default(false), R15 3, R14 30 days as 720 hours, DISABLED rotation.
		"minimal/documented-defaults": {`{` + ids + `}`, `{` + stored + `,"ExplicitAuthFlows":["ALLOW_CUSTOM_AUTH","ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],
			"PreventUserExistenceErrors":"LEGACY","AllowedOAuthFlowsUserPoolClient":false,"AuthSessionValidity":3,
			"RefreshTokenValidity":720,"AccessTokenValidity":60,"IdTokenValidity":3600,
			"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"seconds","RefreshToken":"hours"},
			"EnablePropagateAdditionalUserContextData":false,"CallbackURLs":[],
			"RefreshTokenRotation":{"Feature":"DISABLED","RetryGracePeriodSeconds":0}}`, nil},
		// R26: EnableTokenRevocation omitted is never asserted, either value.
		"EnableTokenRevocation/omitted-true":  {`{` + ids + `}`, `{` + stored + `,"EnableTokenRevocation":true}`, nil},
		"EnableTokenRevocation/omitted-false": {`{` + ids + `}`, `{` + stored + `,"EnableTokenRevocation":false}`, nil},
		// ...but a sent value must come back.
		"EnableTokenRevocation/sent": {`{` + ids + `,"EnableTokenRevocation":false}`, `{` + stored + `,"EnableTokenRevocation":true}`,
			[]string{"echo||EnableTokenRevocation|true"}},
		// ClientName omitted: absent or the name before the update (the emulator keeps it).
		"ClientName/omitted-kept":    {`{` + ids + `}`, `{` + stored + `,"ClientName":"old-name"}`, nil},
		"ClientName/omitted-changed": {`{` + ids + `}`, `{` + stored + `,"ClientName":"other"}`, []string{`reset-to-default||ClientName|"other"`}},
		"ClientName/sent":            {`{` + ids + `,"ClientName":"new"}`, `{` + stored + `,"ClientName":"new"}`, nil},
		"ClientName/not-echoed":      {`{` + ids + `,"ClientName":"new"}`, `{` + stored + `,"ClientName":"old-name"}`, []string{`echo||ClientName|"old-name"`}},
		"ClientName/dropped":         {`{` + ids + `,"ClientName":"new"}`, `{` + stored + `}`, []string{"echo||ClientName|absent"}},
		// Lists compare as sets.
		"AllowedOAuthFlows/reordered": {`{` + ids + `,"AllowedOAuthFlows":["code","implicit"]}`,
			`{` + stored + `,"AllowedOAuthFlows":["implicit","code"]}`, nil},
		"AllowedOAuthFlows/missing-entry": {`{` + ids + `,"AllowedOAuthFlows":["code","implicit"]}`,
			`{` + stored + `,"AllowedOAuthFlows":["code"]}`, []string{`echo||AllowedOAuthFlows|["code"]`}},
		"ExplicitAuthFlows/omitted-other-set": {`{` + ids + `}`, `{` + stored + `,"ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH"]}`,
			[]string{`reset-to-default||ExplicitAuthFlows|["ALLOW_USER_PASSWORD_AUTH"]`}},
		// R13: durations compare as value × unit.
		"AccessTokenValidity/1-hour-as-60-minutes": {`{` + ids + `,"AccessTokenValidity":1,"TokenValidityUnits":{"AccessToken":"hours"}}`,
			`{` + stored + `,"AccessTokenValidity":60,"TokenValidityUnits":{"AccessToken":"minutes"}}`, nil},
		"AccessTokenValidity/wrong-duration": {`{` + ids + `,"AccessTokenValidity":1,"TokenValidityUnits":{"AccessToken":"hours"}}`,
			`{` + stored + `,"AccessTokenValidity":2}`, []string{"echo||AccessTokenValidity|2 hours (2 hours)"}},
		"AccessTokenValidity/unit-dropped": {`{` + ids + `,"AccessTokenValidity":30,"TokenValidityUnits":{"AccessToken":"minutes"}}`,
			`{` + stored + `,"AccessTokenValidity":30}`, []string{"echo||AccessTokenValidity|30 hours (30 hours)"}},
		// R14: RefreshTokenValidity 0 is stored as 30 days.
		"RefreshTokenValidity/zero-as-30-days": {`{` + ids + `,"RefreshTokenValidity":0}`, `{` + stored + `,"RefreshTokenValidity":30}`, nil},
		"RefreshTokenValidity/zero-stored": {`{` + ids + `,"RefreshTokenValidity":0}`, `{` + stored + `,"RefreshTokenValidity":0}`,
			[]string{"rule|R14|RefreshTokenValidity|0 days (0 seconds)"}},
		// R22/OB-32: rotation without a grace period comes back with 0.
		"RefreshTokenRotation/grace-0": {`{` + ids + `,"RefreshTokenRotation":{"Feature":"ENABLED"}}`,
			`{` + stored + `,"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":0}}`, nil},
		"RefreshTokenRotation/grace-absent": {`{` + ids + `,"RefreshTokenRotation":{"Feature":"ENABLED"}}`,
			`{` + stored + `,"RefreshTokenRotation":{"Feature":"ENABLED"}}`, []string{"rule|R22|RefreshTokenRotation.RetryGracePeriodSeconds|absent"}},
		"RefreshTokenRotation/feature-changed": {`{` + ids + `,"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":5}}`,
			`{` + stored + `,"RefreshTokenRotation":{"Feature":"DISABLED","RetryGracePeriodSeconds":5}}`, []string{`echo||RefreshTokenRotation.Feature|"DISABLED"`}},
		// R28/OB-34: the service-linked role fills RoleArn; account ids never show in a finding.
		"AnalyticsConfiguration/role-filled": {`{` + ids + `,"AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:210987654321:apps/abc"}}`,
			`{` + stored + `,"AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:210987654321:apps/abc",
			"RoleArn":"arn:aws:iam::210987654321:role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp"}}`, nil},
		"AnalyticsConfiguration/role-missing": {`{` + ids + `,"AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:210987654321:apps/abc"}}`,
			`{` + stored + `,"AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:210987654321:apps/abc"}}`,
			[]string{"rule|R28|AnalyticsConfiguration.RoleArn|absent"}},
		"AnalyticsConfiguration/extra-kept": {`{` + ids + `,"AnalyticsConfiguration":{"ApplicationId":"abc","RoleArn":"arn:aws:iam::123456789012:role/r"}}`,
			`{` + stored + `,"AnalyticsConfiguration":{"ApplicationId":"abc","RoleArn":"arn:aws:iam::123456789012:role/r","ExternalId":"old","UserDataShared":false}}`,
			[]string{`reset-to-default||AnalyticsConfiguration.ExternalId|"old"`}},
		// A 200 with no client at all.
		"UserPoolClient/absent": {`{` + ids + `}`, `null`, []string{"echo||UserPoolClient|absent"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			fs := UpdateUserPoolClient.CheckResponse(echoExchange(tc.req, tc.client))
			g.Expect(findingKeys(fs)).To(ConsistOf(tc.want))
			for _, f := range fs {
				g.Expect(f.String()).NotTo(MatchRegexp(`\d{12}`), "no account id in a finding")
			}
		})
	}
}

func TestCheckResponseInvariants(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		edit func(m map[string]any)
		want []string
	}{
		"unchanged": {func(map[string]any) {}, nil},
		"ClientId/changed": {func(m map[string]any) { m["ClientId"] = "other" },
			[]string{"echo||ClientId|<redacted, 5 chars>", "invariant||ClientId|<redacted, 5 chars>"}},
		"UserPoolId/changed": {func(m map[string]any) { m["UserPoolId"] = "us-east-1_OTHER" },
			[]string{`echo||UserPoolId|"us-east-1_OTHER"`, `invariant||UserPoolId|"us-east-1_OTHER"`}},
		"CreationDate/changed": {func(m map[string]any) { m["CreationDate"] = json.Number("1500000001") },
			[]string{"invariant||CreationDate|1500000001"}},
		"ClientSecret/changed": {func(m map[string]any) { m["ClientSecret"] = "othersecretothersecret0001" },
			[]string{"invariant||ClientSecret|<redacted, 26 chars>"}},
		"ClientSecret/dropped": {func(m map[string]any) { delete(m, "ClientSecret") },
			[]string{"invariant||ClientSecret|absent"}},
		"LastModifiedDate/earlier": {func(m map[string]any) { m["LastModifiedDate"] = json.Number("1599999999") },
			[]string{"invariant||LastModifiedDate|1599999999"}},
		"LastModifiedDate/before-creation": {func(m map[string]any) { m["LastModifiedDate"] = json.Number("1400000000") },
			[]string{"invariant||LastModifiedDate|1400000000 < 1500000000.5", "invariant||LastModifiedDate|1400000000"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			var m map[string]any
			g.Expect(json.Unmarshal([]byte(`{`+stored+`}`), &m)).To(Succeed())
			tc.edit(m)
			b, _ := json.Marshal(m)
			fs := UpdateUserPoolClient.CheckResponse(echoExchange(`{`+ids+`}`, string(b)))
			g.Expect(findingKeys(fs)).To(ConsistOf(tc.want))
			for _, f := range fs {
				g.Expect(strings.Contains(f.String(), "secret")).To(BeFalse(), "no secret in a finding")
			}
		})
	}
}

// R14 is about RefreshTokenValidity = 0 only: the model admits 0 there (range from 0), while
// access and ID token validities start at 1, so a 0 the target accepted and echoed is judged by
// the outcome and shape checks, never attributed to R14 ("sent 0, the default applies").
func TestCheckResponseZeroValidityIsR14OnlyForRefresh(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, member := range []string{"AccessTokenValidity", "IdTokenValidity"} {
		fs := UpdateUserPoolClient.CheckResponse(echoExchange(`{`+ids+`,"`+member+`":0}`, `{`+stored+`,"`+member+`":0}`))
		g.Expect(fs).NotTo(BeEmpty(), member) // 0 is outside the output shape's range
		for _, f := range fs {
			g.Expect(f.Rule).NotTo(Equal("R14"), member+": "+f.String())
		}
	}
	fs := UpdateUserPoolClient.CheckResponse(echoExchange(`{`+ids+`,"RefreshTokenValidity":0}`, `{`+stored+`,"RefreshTokenValidity":0}`))
	g.Expect(fs).To(ContainElement(HaveField("Rule", "R14")))
}

// numberTexts are texts for smallNumber and intFloat: signs, zeros, the edges of
// maxExactDigits, 2^53 and int64, leading zeros, fractions (epoch seconds with milliseconds,
// halfway cases, every length of fraction), exponents, and texts that are no number.
var numberTexts = []string{"", "-", "+", "0", "-0", "-000", "+0", "00", "1", "-1", "+1", "60", "315360000",
	"999999999999999", "-999999999999999", "1000000000000000", "9007199254740991", "9007199254740992",
	"9007199254740993", "-9007199254740993", "9223372036854775807", "-9223372036854775808",
	"9223372036854775808", "000000000000001", "0000000000000001", "1.0", "1e3", "1E3", "-0.0", "0x1",
	" 1", "1 ", "1_000", "١", "12a", "a12", "1763851234", "1763851234.123", "-1e999", "1795387268.099",
	"1795387268.1", "-1795387268.101", "0.1", "0.3", "-0.000", "1.", ".5", "1..2", "1.2.3", "-.5", "1.0e3",
	"0.000000000000001", "0.0000000000000001", "99999999999999.9", "9999999999999.99", "1.00000000000000",
	"123456789.012345", "123456789.0123456", "4503599627370.4965", "1.5", "2.5", "0.5", "-", "-.", "."}

// TestSmallNumberIsParseFloat: smallNumber answers strconv.ParseFloat's value, -0 included, for
// every text it reads, and reads every text of a sign, digits and a fraction of up to
// maxExactDigits digits.
func TestSmallNumberIsParseFloat(t *testing.T) {
	t.Parallel()
	for _, s := range numberTexts {
		checkSmallNumber(t, s)
	}
	r := rand.New(rand.NewPCG(1, 2)) // and numbers of every length of integer and fraction
	for range 20000 {
		digits := 1 + r.IntN(maxExactDigits+1) // one more than smallNumber reads, too
		bound := uint64(1)
		for range digits {
			bound *= 10
		}
		m := strconv.FormatUint(r.Uint64N(bound), 10)
		m = strings.Repeat("0", digits-len(m)) + m
		if k := r.IntN(digits); k > 0 {
			m = m[:digits-k] + "." + m[digits-k:]
		}
		if r.IntN(2) == 0 {
			m = "-" + m
		}
		checkSmallNumber(t, m)
	}
}

// FuzzSmallNumber holds smallNumber to strconv.ParseFloat for any text.
func FuzzSmallNumber(f *testing.F) {
	for _, s := range numberTexts {
		f.Add(s)
	}
	f.Fuzz(checkSmallNumber)
}

// smallNumberText matches the texts smallNumber reads (before counting their digits).
var smallNumberText = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

func checkSmallNumber(t *testing.T, s string) {
	got, ok := smallNumber(s)
	want, err := strconv.ParseFloat(s, 64)
	n := len(strings.NewReplacer("-", "", ".", "").Replace(s)) // the digits of a matching text
	plain := smallNumberText.MatchString(s) && n <= maxExactDigits
	if ok != plain || ok && (err != nil || math.Float64bits(got) != math.Float64bits(want)) {
		t.Fatalf("%q: smallNumber %v %v, ParseFloat %v %v", s, got, ok, want, err)
	}
}

// TestIntFloatIsParseFloat: intFloat answers strconv.ParseFloat's value, -0 included, for every
// text strconv.ParseInt reads.
func TestIntFloatIsParseFloat(t *testing.T) {
	t.Parallel()
	for _, s := range numberTexts {
		checkIntFloat(t, s)
	}
}

// FuzzIntFloat holds intFloat to strconv.ParseFloat for any text ParseInt reads.
func FuzzIntFloat(f *testing.F) {
	for _, s := range numberTexts {
		f.Add(s)
	}
	f.Fuzz(checkIntFloat)
}

func checkIntFloat(t *testing.T, s string) {
	i, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return
	}
	want, _ := strconv.ParseFloat(s, 64)
	if got := intFloat(i, s); math.Float64bits(got) != math.Float64bits(want) {
		t.Fatalf("%q: intFloat %v, ParseFloat %v", s, got, want)
	}
}

// BenchmarkNumberOf times numberOf and intFloat on the numbers of an answer (validities, epoch
// seconds with milliseconds as the emulator writes them, an integer member's text) next to
// strconv.ParseFloat, what they replace, alternating in one loop:
// go test ./contracts -run '^$' -bench NumberOf
func BenchmarkNumberOf(b *testing.B) {
	texts := []string{"60", "30", "5", "1795387268.099", "1795387268.1", "3650"}
	nodes := make([]jnode, len(texts))
	ints := make([]int64, len(texts))
	isInt := make([]bool, len(texts)) // intFloat reads the texts ParseInt reads
	for i, s := range texts {
		var err error
		nodes[i] = jnode{kind: jNumber, s: s}
		ints[i], err = strconv.ParseInt(s, 10, 64)
		isInt[i] = err == nil
	}
	var fast, ref time.Duration
	sum := 0.0
	for b.Loop() {
		t0 := time.Now()
		for i := range nodes {
			f, _ := numberOf(&nodes[i])
			if sum += f; isInt[i] {
				sum += intFloat(ints[i], texts[i])
			}
		}
		t1 := time.Now()
		for i := range nodes {
			f, _ := strconv.ParseFloat(nodes[i].s, 64)
			if sum += f; isInt[i] {
				g, _ := strconv.ParseFloat(texts[i], 64)
				sum += g
			}
		}
		ref += time.Since(t1)
		fast += t1.Sub(t0)
	}
	n := float64(b.N * len(texts))
	b.ReportMetric(float64(fast.Nanoseconds())/n, "new-ns/number")
	b.ReportMetric(float64(ref.Nanoseconds())/n, "ParseFloat-ns/number")
	b.ReportMetric(float64(fast)/float64(ref), "new/ParseFloat")
	if sum == 0 {
		b.Fatal(sum)
	}
}

// sameDurationAgrees fails when sameDuration takes two validities as the same that
// validityDuration answers differently.
func sameDurationAgrees(t *testing.T, v1 float64, u1 string, v2 float64, u2, def string) bool {
	t.Helper()
	if !sameDuration(v1, u1, v2, u2, def) {
		return false
	}
	d1, err1 := validityDuration(v1, u1, def)
	d2, err2 := validityDuration(v2, u2, def)
	if (d1 != d2 && !(math.IsNaN(d1) && math.IsNaN(d2))) || (err1 == nil) != (err2 == nil) {
		t.Fatalf("%v %q and %v %q (default %q): %v %v, %v %v", v1, u1, v2, u2, def, d1, err1, d2, err2)
	}
	return true
}

// FuzzSameDuration holds sameDuration to validityDuration for any values and units.
func FuzzSameDuration(f *testing.F) {
	f.Add(60.0, "minutes", 60.0, "", "minutes")
	f.Add(1.0, "hours", 60.0, "minutes", "hours")
	f.Add(0.0, "", math.Copysign(0, -1), "days", "days")
	f.Add(3.0, "weeks", 3.0, "weeks", "hours")
	f.Fuzz(func(t *testing.T, v1 float64, u1 string, v2 float64, u2, def string) {
		sameDurationAgrees(t, v1, u1, v2, u2, def)
	})
}

// sameDuration takes two validities as the same only where validityDuration answers both alike
// (the same seconds, or an error for both): every pair of values (zeros of either sign, whole,
// fractional, huge) and units (none, each TimeUnitsType value, unknown ones, another case)
// under each default unit.
func TestSameDurationIsValidityDuration(t *testing.T) {
	t.Parallel()
	values := []float64{0, math.Copysign(0, -1), 1, 60, 1.5, 86400, 1e300}
	units := append([]string{"", "weeks", "Hours", "hours "}, unitNames...)
	taken := 0
	for _, def := range unitNames {
		for _, v1 := range values {
			for _, u1 := range units {
				for _, v2 := range values {
					for _, u2 := range units {
						if sameDurationAgrees(t, v1, u1, v2, u2, def) {
							taken++
						}
					}
				}
			}
		}
	}
	if taken < len(unitNames)*len(values)*len(units) {
		t.Fatalf("%d pairs taken as the same", taken)
	}
}
