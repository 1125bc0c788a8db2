package scrub_test

import (
	"net/http"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/scrub"
)

// Planted values. None of them is a real credential: they only have the shapes.
const (
	plantedSecret   = "1q2w3e4r5t6y7u8i9o0p1q2w3e4r5t6y7u8i9o0p1q2w3e4r5t6y" // ClientSecretType shape
	plantedKeyID    = "AKIAIOSFODNN7EXAMPLE"                                 // the AWS docs' example key id
	plantedTempKey  = "ASIAXXXXXXXXXXXXXXXX"
	plantedToken    = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD"
	plantedAccount  = "123456789012"
	plantedAuthz    = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"
	plantedAWSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

func TestDetectors(t *testing.T) {
	t.Parallel()
	// One case per detector of the table: the planted secret, where it sits, what replaces it.
	cases := map[string]struct {
		detector string
		key, in  string
		want     string
	}{
		// SigV4 Authorization header, by name and by shape.
		"authorization by key":    {"authorization-header", "Authorization", plantedAuthz, scrub.Authorization},
		"authorization in text":   {"authorization-header", "", "sent: " + plantedAuthz + " ok", "sent: " + scrub.Authorization + " ok"},
		"session token by key":    {"session-token", "X-Amz-Security-Token", "anything-at-all", scrub.SessionToken},
		"session token in text":   {"session-token", "", "token=" + plantedToken, "token=" + scrub.SessionToken},
		"presigned url":           {"presigned-signature", "", "https://x/?X-Amz-Signature=abc123&a=b", "https://x/?X-Amz-Signature=" + scrub.Signature + "&a=b"},
		"access key id AKIA":      {"access-key-id", "", "key " + plantedKeyID + " used", "key " + scrub.AccessKeyID + " used"},
		"access key id ASIA":      {"access-key-id", "", plantedTempKey, scrub.AccessKeyID},
		"secret access key":       {"secret-access-key", "SecretAccessKey", plantedAWSecret, scrub.SecretAccessKey},
		"client secret by key":    {"client-secret", "ClientSecret", plantedSecret, scrub.ClientSecret},
		"account id in arn":       {"account-id", "", "arn:aws:iam::" + plantedAccount + ":role/x", "arn:aws:iam::" + scrub.AccountID + ":role/x"},
		"account id alone":        {"account-id", "", plantedAccount, scrub.AccountID},
		"13 digits is no id":      {"account-id", "", "1234567890123", "1234567890123"},
		"11 digits is no id":      {"account-id", "", "12345678901", "12345678901"},
		"a fraction is no id":     {"account-id", "", "float64(1.763828535123e+09)", "float64(1.763828535123e+09)"},
		"id after a dot":          {"account-id", "", "see account." + plantedAccount, "see account." + scrub.AccountID},
		"placeholder kept":        {"client-secret", "ClientSecret", "{{ClientSecret}}", "{{ClientSecret}}"},
		"plain text left alone":   {"", "ClientName", "my app", "my app"},
		"key match beats pattern": {"client-secret", "client_secret", "short", scrub.ClientSecret},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			g.Expect(scrub.New(nil).Value(c.key, c.in)).To(Equal(c.want))
		})
	}
}

func TestKnownValues(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	s := scrub.New(map[string]string{
		"{{UserPoolId}}":   "us-east-1_AbCdEfGhI",
		"{{Region}}":       "us-east-1",
		"{{ClientId}}":     "abcdefghijklmnopqrstuvwxyz",
		"{{ClientSecret}}": "shortish",
		"{{X}}":            "ab", // too short to be replaced
	})
	g.Expect(s.String("User pool client abcdefghijklmnopqrstuvwxyz does not exist in us-east-1_AbCdEfGhI (us-east-1) ab")).
		To(Equal("User pool client {{ClientId}} does not exist in {{UserPoolId}} ({{Region}}) ab"))
	g.Expect(s.String("secret=shortish")).To(Equal("secret={{ClientSecret}}"))
}

func TestJSONKeepsOrderAndScrubs(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	in := `{"Z":1.50,"UserPoolClient":{"ClientSecret":"` + plantedSecret + `","ClientName":"app","RoleArn":"arn:aws:iam::` +
		plantedAccount + `:role/r","List":["` + plantedKeyID + `",true,null]}}`
	out, err := scrub.JSON([]byte(in))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(string(out)).To(Equal(`{"Z":1.50,"UserPoolClient":{"ClientSecret":"{{ClientSecret}}","ClientName":"app","RoleArn":"arn:aws:iam::{{AccountId}}:role/r","List":["{{AccessKeyId}}",true,null]}}`))
	g.Expect(scrub.Find(out)).To(BeEmpty())

	_, err = scrub.JSON([]byte(`{"a":`))
	g.Expect(err).To(HaveOccurred())
	_, err = scrub.JSON([]byte(`{} {}`))
	g.Expect(err).To(MatchError(ContainSubstring("after the JSON value")))
}

func TestHeader(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	h := http.Header{
		"Authorization":        {plantedAuthz},
		"X-Amz-Security-Token": {plantedToken},
		"X-Amz-Target":         {"AWSCognitoIdentityProviderService.UpdateUserPoolClient"},
	}
	out := scrub.Header(h)
	g.Expect(out.Get("Authorization")).To(Equal(scrub.Authorization))
	g.Expect(out.Get("X-Amz-Security-Token")).To(Equal(scrub.SessionToken))
	g.Expect(out.Get("X-Amz-Target")).To(Equal("AWSCognitoIdentityProviderService.UpdateUserPoolClient"))
	g.Expect(h.Get("Authorization")).To(Equal(plantedAuthz), "the input is not modified")
}

func TestFindPlanted(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	doc := `{"response":{"body":{"UserPoolClient":{"ClientSecret":"` + plantedSecret + `","ClientId":"{{ClientId}}"}}},` +
		`"headers":{"Authorization":"` + plantedAuthz + `"},"note":"account ` + plantedAccount + `","k":"` + plantedKeyID + `"}`
	fs := scrub.Find([]byte(doc))
	got := map[string]string{}
	for _, f := range fs {
		got[f.Detector] = f.Path
		g.Expect(f.String()).NotTo(ContainSubstring(plantedSecret[4:]), "a finding never carries the secret")
	}
	g.Expect(got).To(HaveKeyWithValue("client-secret", "$.response.body.UserPoolClient.ClientSecret"))
	g.Expect(got).To(HaveKeyWithValue("authorization-header", "$.headers.Authorization"))
	g.Expect(got).To(HaveKeyWithValue("account-id", "$.note"))
	g.Expect(got).To(HaveKeyWithValue("access-key-id", "$.k"))

	// ClientSecret that does not have ClientSecretType's shape (length 24..64, [\w+]+) is not
	// reported by Find, though the scrubber would still replace it.
	g.Expect(scrub.Find([]byte(`{"ClientSecret":"not-a-secret"}`))).To(BeEmpty())
	// Not JSON: searched as text.
	g.Expect(scrub.Find([]byte("oops " + plantedKeyID))).To(HaveLen(1))
	g.Expect(scrub.FindString("x " + plantedAccount)).To(HaveLen(1))
	g.Expect(strings.Contains(scrub.String(plantedAuthz), "Signature=")).To(BeFalse())
}
