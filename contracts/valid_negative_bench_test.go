package contracts

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// negativeBodies are small requests that break model constraints, as the fuzzer's negative
// cases draw them: a length, an enum inside a list, a pattern, a wrong JSON type, a missing
// required member, several at once.
var negativeBodies = map[string]string{
	"too-long":      `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","ClientName":"` + strings.Repeat("n", 300) + `"}`,
	"enum-in-list":  `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_NOTHING"]}`,
	"pattern":       `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc 123","AllowedOAuthFlows":["code"]}`,
	"wrong-type":    `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AccessTokenValidity":"sixty"}`,
	"missing":       `{"ClientId":"abc123","TokenValidityUnits":{"AccessToken":"minutes"}}`,
	"several":       `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"","TokenValidityUnits":{"AccessToken":"weeks"},"AuthSessionValidity":99,"LogoutURLs":["a b"]}`,
	"nested-length": `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AnalyticsConfiguration":{"ApplicationId":"x","ExternalId":"` + strings.Repeat("é", 5000) + `"}}`,
}

// BenchmarkPredictNegative times Predict (no parse memo: every call parses and validates) on
// negativeBodies next to json.Valid over the same bytes, alternating in one loop, and reports
// both and their ratio (predict/valid).
func BenchmarkPredictNegative(b *testing.B) {
	c := UpdateUserPoolClient.WithoutParseMemo()
	st := ruleBenchState()
	for name, body := range negativeBodies {
		body := []byte(body)
		if p := c.Predict(body, st); p.OK() || len(p.Violations) == 0 {
			b.Fatalf("%s: predicted %+v", name, p)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			const reps = 8 // requests between two clock readings
			var predict, valid time.Duration
			for b.Loop() {
				t0 := time.Now()
				for range reps {
					c.Predict(body, st)
				}
				t1 := time.Now()
				for range reps {
					json.Valid(body)
				}
				valid += time.Since(t1)
				predict += t1.Sub(t0)
			}
			b.ReportMetric(float64(predict.Nanoseconds())/float64(b.N*reps), "predict-ns/op")
			b.ReportMetric(float64(valid.Nanoseconds())/float64(b.N*reps), "valid-ns/op")
			b.ReportMetric(float64(predict)/float64(valid), "predict/valid")
		})
	}
}
