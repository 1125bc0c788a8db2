package contracts

import (
	"strings"
	"testing"
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
			againstValid(b, "predict", 8, body, func() { c.Predict(body, st) })
		})
	}
}
