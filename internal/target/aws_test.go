package target

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	. "github.com/onsi/gomega"
)

func staticCreds() aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIDTEST", SecretAccessKey: "not-a-real-secret"}, nil
	})
}

func TestAWSTargetOnLoopback(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	srv, got := recorder(t, ok200)
	cfg := aws.Config{Region: "eu-west-1", Credentials: staticCreds()}
	tg, err := NewAWSFromConfig(context.Background(), cfg, Options{Endpoint: srv.URL})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(tg.Name()).To(Equal("aws:eu-west-1"))
	g.Expect(tg.Region()).To(Equal("eu-west-1"))
	g.Expect(tg.(*client).opts.MaxRetries).To(Equal(DefaultRemoteMaxRetries))

	_, err = tg.Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(got()[0].header.Get("Authorization")).To(ContainSubstring("/eu-west-1/cognito-idp/aws4_request"))

	// An operation outside the IAM policy never leaves the process.
	_, err = tg.Call(context.Background(), "AdminDeleteUser", []byte(`{}`))
	g.Expect(errors.Is(err, ErrOperationNotAllowed)).To(BeTrue())
	g.Expect(got()).To(HaveLen(1))
}

func TestAWSTargetDefaults(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	tg, err := NewAWSFromConfig(context.Background(), aws.Config{Region: "ap-south-1", Credentials: staticCreds()}, Options{})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(tg.(*client).endpoint).To(Equal("https://cognito-idp.ap-south-1.amazonaws.com"))

	_, err = NewAWSFromConfig(context.Background(), aws.Config{Region: "ap-south-1"}, Options{})
	g.Expect(err).To(MatchError(ContainSubstring("no AWS credentials")))

	failing := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{}, errors.New("no profile")
	})
	_, err = NewAWSFromConfig(context.Background(), aws.Config{Region: "ap-south-1", Credentials: failing}, Options{})
	g.Expect(err).To(MatchError(ContainSubstring("retrieving AWS credentials")))

	_, err = NewAWSFromConfig(context.Background(), aws.Config{Region: "ap-south-1", Credentials: staticCreds()}, Options{Endpoint: "localhost:1"})
	g.Expect(err).To(MatchError(ContainSubstring("target endpoint")))
}

// docs/iam-policy.json grants exactly the actions the code calls.
func TestIAMPolicyMatchesTheCode(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	b, err := os.ReadFile("../../docs/iam-policy.json")
	g.Expect(err).NotTo(HaveOccurred())
	var doc struct {
		Version   string
		Statement []struct {
			Effect   string
			Action   []string
			Resource any
		}
	}
	g.Expect(json.Unmarshal(b, &doc)).To(Succeed())
	g.Expect(doc.Version).To(Equal("2012-10-17"))
	var actions []string
	for _, s := range doc.Statement {
		g.Expect(s.Effect).To(Equal("Allow"))
		actions = append(actions, s.Action...)
	}
	sort.Strings(actions)
	g.Expect(actions).To(Equal(IAMActions()))
}
