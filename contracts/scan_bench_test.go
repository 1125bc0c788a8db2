package contracts

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hugeStringBodies are request bodies whose cost is one long string value, built from the
// model's ExternalId maximum (about 300,000 characters, as the fuzzer stretches values): plain
// ASCII, multibyte, multibyte with \u2028 escapes (as largeBodies' ExternalId), and only
// multibyte characters with \u2028 escapes (as the fuzzer draws them).
func hugeStringBodies(tb testing.TB) map[string]string {
	in := UpdateUserPoolClient.Operation.Input
	ac, _ := in.MemberNamed("AnalyticsConfiguration")
	ext, _ := ac.Target.MemberNamed("ExternalId")
	max, ok := ext.Effective().Length.MaxInt()
	if !ok {
		tb.Fatal("ExternalId has no @length max")
	}
	n := int(max) * 12 / 5 // over the maximum, about 300,000 characters (as largeBodies)
	wrap := func(s string) string {
		return `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AnalyticsConfiguration":{"ApplicationId":"0123abcd","ExternalId":"` + s + `"}}`
	}
	unit := strings.Repeat("abcdefghij", 6) + `あ\u2028`
	return map[string]string{
		"ascii":     wrap(strings.Repeat("a", n)),
		"multibyte": wrap(strings.Repeat("aあé", n/3)),
		"escaped":   wrap(strings.Repeat(unit, n/62)),
		// The fuzzer's drawn multibyte values: every character multibyte, U+2028 escaped.
		"dense-escaped": wrap(strings.Repeat(`éあ中€😀—\u2028`, n/7)),
	}
}

// BenchmarkParseHuge times parseText on bodies holding one huge string next to json.Valid over
// the same bytes, alternating in one loop; parse/valid is their ratio.
func BenchmarkParseHuge(b *testing.B) {
	bodies := hugeStringBodies(b)
	for _, name := range []string{"ascii", "multibyte", "escaped", "dense-escaped"} {
		body := bodies[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			parse, valid := parseVsValid(b, body, func(err error, ok bool) bool { return err == nil && ok })
			b.ReportMetric(float64(parse.Nanoseconds())/float64(len(body))/float64(b.N), "parse-ns/byte")
			b.ReportMetric(float64(valid.Nanoseconds())/float64(len(body))/float64(b.N), "valid-ns/byte")
			b.ReportMetric(float64(parse)/float64(valid), "parse/valid")
		})
	}
}

// BenchmarkValidateHuge times the validation of the parsed huge bodies with their message
// (validateDocMessage, the entries written into the message), against one copy of the body and
// against the eager reference (each entry written alone, then joined by ValidationMessage),
// alternating in one loop: validate/copy and validate/eager are the ratios.
func BenchmarkValidateHuge(b *testing.B) {
	bodies := hugeStringBodies(b)
	in := UpdateUserPoolClient.Operation.Input
	for _, name := range []string{"ascii", "multibyte", "escaped"} {
		body := bodies[name]
		doc, err := parseText(body, false, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var val, cp, eager time.Duration
			var sink []byte
			for b.Loop() {
				t0 := time.Now()
				_, msg := validateDocMessage(in, &doc, false)
				t1 := time.Now()
				sink = append(sink[:0], body...)
				t2 := time.Now()
				_, ref := validateDocMessage(in, &doc, true)
				eager += time.Since(t2)
				cp += t2.Sub(t1)
				val += t1.Sub(t0)
				if len(msg) < len(body)/2 || len(ref) != len(msg) {
					b.Fatal(msg)
				}
			}
			b.ReportMetric(float64(val.Nanoseconds())/float64(b.N), "validate-ns/op")
			b.ReportMetric(float64(val)/float64(cp), "validate/copy")
			b.ReportMetric(float64(val)/float64(eager), "validate/eager")
		})
	}
}

// BenchmarkParseDeep times parseText on nested arrays (as the fuzzer's deep-nesting cases draw
// them: under the limit, parsed whole, and over it, refused) next to json.Valid.
func BenchmarkParseDeep(b *testing.B) {
	for _, depth := range []int{1900, maxDepth + 1} {
		body := `{"AllowedOAuthScopes":` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}`
		b.Run(strconv.Itoa(depth), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			parse, valid := parseVsValid(b, body, func(err error, ok bool) bool { return (err == nil) == ok })
			b.ReportMetric(float64(parse.Nanoseconds())/float64(b.N), "parse-ns/op")
			b.ReportMetric(float64(parse)/float64(valid), "parse/valid")
		})
	}
}

// parseVsValid times parseText and json.Valid on body, alternating in one b.Loop, and fails
// when agree says their answers (parseText's error, json.Valid's verdict) disagree.
func parseVsValid(b *testing.B, body string, agree func(err error, ok bool) bool) (parse, valid time.Duration) {
	raw := []byte(body)
	for b.Loop() {
		t0 := time.Now()
		_, err := parseText(body, false, nil)
		t1 := time.Now()
		ok := json.Valid(raw)
		valid += time.Since(t1)
		parse += t1.Sub(t0)
		if !agree(err, ok) {
			b.Fatal(err, ok)
		}
	}
	return parse, valid
}
