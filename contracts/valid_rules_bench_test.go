package contracts

import (
	"net/http"
	"testing"
	"time"
)

// refPredictRules is predictRules as it was: each rule copied out of the table and asked
// through Evaluate, the reference the benchmark times it against.
func refPredictRules(req *Request, st State) Prediction {
	var broken []Violation
	for _, r := range rules {
		if v := r.Evaluate(req, st); v != nil {
			broken = append(broken, *v)
		}
	}
	if len(broken) == 0 {
		return Prediction{Status: http.StatusOK}
	}
	return Prediction{Status: http.StatusBadRequest, Code: broken[0].Code, Violations: broken}
}

// ruleBenchState is a pool with a resource server, an IdP and attributes, and a client with a
// secret, so that every state-dependent rule runs to its end.
func ruleBenchState() State {
	return State{
		Pool: &PoolState{ID: "us-east-1_AbCdEf123", Tier: "ESSENTIALS",
			ResourceServers:   []ResourceServer{{Identifier: "https://api.example.com", Scopes: []string{"read"}}},
			IdentityProviders: []string{"MySAML"}, Attributes: []string{"email", "email_verified", "name", "custom:tenant"}},
		Client: &ClientState{ID: "abc123", HasSecret: true},
	}
}

// ruleBenchBodies are requests the rules pass (positive cases): a typical one and one with
// multibyte callback URLs, as the fuzzer draws them.
var ruleBenchBodies = map[string]string{
	"typical": `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","ClientName":"web app",
"ReadAttributes":["email","name"],"WriteAttributes":["email"],"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],
"SupportedIdentityProviders":["COGNITO","MySAML"],"CallbackURLs":["https://example.com/cb","http://localhost:3000/cb"],
"LogoutURLs":["https://example.com/"],"DefaultRedirectURI":"https://example.com/cb","AllowedOAuthFlows":["code"],
"AllowedOAuthScopes":["openid","email","https://api.example.com/read"],"AllowedOAuthFlowsUserPoolClient":true}`,
	"multibyte-urls": `{"UserPoolId":"us-east-1_AbCdEf123","ClientId":"abc123","AllowedOAuthFlowsUserPoolClient":true,
"AllowedOAuthFlows":["code","implicit"],"AllowedOAuthScopes":["openid","profile"],
"CallbackURLs":["myapp://cb98/_한é٣ééß","myapp://cb96/U𝒜𝒜한","myapp://cb9/t4ßdF~4","myapp://cb90/4中中中é한ああ"]}`,
}

// BenchmarkPredictRules times predictRules next to refPredictRules on the same request,
// alternating in one loop, and reports both and their ratio (rules/ref).
func BenchmarkPredictRules(b *testing.B) {
	st := ruleBenchState()
	for name, body := range ruleBenchBodies {
		req, err := UpdateUserPoolClient.ParseRequest([]byte(body))
		if err != nil {
			b.Fatal(err)
		}
		if p := predictRules(req, st); p.Status != http.StatusOK {
			b.Fatalf("%s: %+v", name, p)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var fast, ref time.Duration
			for b.Loop() {
				t0 := time.Now()
				predictRules(req, st)
				t1 := time.Now()
				refPredictRules(req, st)
				ref += time.Since(t1)
				fast += t1.Sub(t0)
			}
			b.ReportMetric(float64(fast.Nanoseconds())/float64(b.N), "rules-ns/op")
			b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N), "ref-ns/op")
			b.ReportMetric(float64(fast)/float64(ref), "rules/ref")
		})
	}
}
