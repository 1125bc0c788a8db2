package emulator_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/jarcoal/httpmock"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// TestREADMESnippet runs the Go block of README.md's "In your own Go tests" section: its body,
// between the markers, is that block (TestREADMESnippetIsTheReadme keeps them equal), so the
// README's code is compiled and run by make test.
func TestREADMESnippet(t *testing.T) {
	t.Parallel()
	// README:begin
	g := NewWithT(t)
	ctx := context.Background()
	mt := httpmock.NewMockTransport()
	emu := emulator.New()
	emu.Register(mt, "https://cognito-idp.us-east-1.amazonaws.com")
	client := cognitoidentityprovider.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		HTTPClient:  &http.Client{Transport: mt},
		// One attempt: the SDK's default retryer would retry the injected fault below after a
		// random backoff (TooManyRequestsException is a throttle; 0.5-2 s measured) and succeed.
		RetryMaxAttempts: 1,
	})
	pool, err := client.CreateUserPool(ctx, &cognitoidentityprovider.CreateUserPoolInput{PoolName: aws.String("test")})
	g.Expect(err).NotTo(HaveOccurred())
	app, err := client.CreateUserPoolClient(ctx, &cognitoidentityprovider.CreateUserPoolClientInput{
		UserPoolId: pool.UserPool.Id, ClientName: aws.String("app")})
	g.Expect(err).NotTo(HaveOccurred())

	// ... exercise your code; here, the update it would send:
	in := &cognitoidentityprovider.UpdateUserPoolClientInput{
		UserPoolId: pool.UserPool.Id, ClientId: app.UserPoolClient.ClientId, ClientName: aws.String("renamed")}
	out, err := client.UpdateUserPoolClient(ctx, in)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(out).To(contracts.ConformTo(contracts.UpdateUserPoolClient))

	g.Expect(emu.FailNext("UpdateUserPoolClient", 1, "TooManyRequestsException")).To(Succeed()) // fault injection
	_, err = client.UpdateUserPoolClient(ctx, in)
	g.Expect(err).To(contracts.HaveErrorCode("TooManyRequestsException"))
	// README:end
}

// TestREADMESnippetIsTheReadme: the README's Go block under "## In your own Go tests" is the
// body of TestREADMESnippet between its markers (tabs there, four spaces in the README).
func TestREADMESnippetIsTheReadme(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	g.Expect(err).NotTo(HaveOccurred())
	block := regexp.MustCompile("(?s)\n## In your own Go tests\n.*?\n```go\n(.*?)```\n").FindSubmatch(readme)
	g.Expect(block).NotTo(BeNil(), "README.md: no ```go block under '## In your own Go tests'")

	src, err := os.ReadFile("readme_test.go")
	g.Expect(err).NotTo(HaveOccurred())
	body := regexp.MustCompile(`(?s)\t// README:begin\n(.*?)\t// README:end\n`).FindSubmatch(src)
	g.Expect(body).NotTo(BeNil(), "readme_test.go: no README:begin/end markers")
	var want strings.Builder
	for _, line := range strings.SplitAfter(string(body[1]), "\n") {
		line = strings.TrimPrefix(line, "\t")
		trimmed := strings.TrimLeft(line, "\t")
		want.WriteString(strings.Repeat("    ", len(line)-len(trimmed)) + trimmed)
	}
	g.Expect(string(block[1])).To(Equal(want.String()),
		"README.md's snippet drifted from TestREADMESnippet: copy the test's body (tabs as four spaces) into the README")
}
