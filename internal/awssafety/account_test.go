package awssafety_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/jarcoal/httpmock"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/awssafety"
)

const identityXML = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::%[1]s:user/ci</Arn>
    <UserId>AIDAEXAMPLEUSERID</UserId>
    <Account>%[1]s</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`

const deniedXML = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code>
  <Message>User: arn:aws:iam::999988887777:user/ci is not authorized to perform: sts:GetCallerIdentity</Message></Error>
  <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
</ErrorResponse>`

// stsConfig is an aws.Config whose STS calls go to an httpmock transport answering with status
// and body, recording the request bodies.
func stsConfig(status int, body string) (aws.Config, *[]string) {
	mt := httpmock.NewMockTransport()
	var seen []string
	mt.RegisterRegexpResponder(http.MethodPost, regexp.MustCompile(`^https://sts\.`), func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		if !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
			return httpmock.NewStringResponse(400, "unsigned"), nil
		}
		seen = append(seen, string(b))
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "text/xml")
		return resp, nil
	})
	return aws.Config{
		Region: "eu-west-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDTEST", SecretAccessKey: "not-a-real-secret"}, nil
		}),
		HTTPClient:       &http.Client{Transport: mt},
		RetryMaxAttempts: 1,
	}, &seen
}

func TestCheckSandboxAccount(t *testing.T) {
	t.Parallel()
	const caller = "123456789012"
	cases := map[string]struct {
		want, account string
		status        int
		body          string
		is            error  // sentinel, nil for success or other errors
		text          string // substring of the error
		calls         int    // STS requests expected
	}{
		"right-account":  {want: caller, account: caller, calls: 1},
		"wrong-account":  {want: "210987654321", account: caller, is: awssafety.ErrNotSandbox, text: "--sandbox-account is ********4321 but the credentials belong to account ********9012", calls: 1},
		"missing-flag":   {want: "", is: awssafety.ErrSandboxFlag, text: "needs --sandbox-account ID"},
		"not-an-account": {want: "prod", is: awssafety.ErrSandboxFlag, text: "expected a 12-digit AWS account id"},
		"too-short":      {want: "12345678901", is: awssafety.ErrSandboxFlag, text: "12-digit"},
		"sts-denied":     {want: caller, status: 403, body: deniedXML, text: "cannot confirm the caller's account with STS GetCallerIdentity", calls: 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			status, body := tc.status, tc.body
			if status == 0 {
				status, body = 200, fmt.Sprintf(identityXML, tc.account)
			}
			cfg, seen := stsConfig(status, body)
			err := awssafety.CheckSandboxAccountConfig(context.Background(), cfg, tc.want)
			g.Expect(*seen).To(HaveLen(tc.calls))
			for _, s := range *seen {
				g.Expect(s).To(ContainSubstring("Action=GetCallerIdentity"))
			}
			if tc.text == "" {
				g.Expect(err).NotTo(HaveOccurred())
				return
			}
			g.Expect(err).To(MatchError(ContainSubstring(tc.text)))
			if tc.is != nil {
				g.Expect(errors.Is(err, tc.is)).To(BeTrue())
			}
			// No full account id in what may be printed.
			for _, id := range []string{caller, "210987654321", "999988887777"} {
				g.Expect(err.Error()).NotTo(ContainSubstring(id))
			}
		})
	}
}

func TestMask(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	g.Expect(awssafety.Mask("123456789012")).To(Equal("********9012"))
	g.Expect(awssafety.Mask("12")).To(Equal("**"))
	g.Expect(awssafety.MaskAccountIDs("arn:aws:iam::123456789012:user/x 210987654321 1234567890123")).
		To(Equal("arn:aws:iam::********9012:user/x ********4321 1234567890123"))
}
