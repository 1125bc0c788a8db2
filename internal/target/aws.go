package target

import (
	"context"
	"fmt"
	"net/http"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
)

// AllowedAWSOperations are the only cognito-idp operations an AWS target sends; anything else
// is refused before it leaves the process (ErrOperationNotAllowed). docs/iam-policy.json grants
// exactly these (plus sts:GetCallerIdentity for the sandbox check), and a test keeps the two
// in step.
var AllowedAWSOperations = []string{
	"AddCustomAttributes",
	"CreateIdentityProvider",
	"CreateResourceServer",
	"CreateUserPool",
	"CreateUserPoolClient",
	"DeleteIdentityProvider",
	"DeleteResourceServer",
	"DeleteUserPool",
	"DeleteUserPoolClient",
	"DescribeUserPool",
	"DescribeUserPoolClient",
	"ListUserPools",
	"UpdateUserPoolClient",
}

// LoadAWSConfig loads the aws-sdk-go-v2 default configuration chain (environment, shared
// files, SSO, IMDS), with profile when not empty and Options.Region when set. The region falls
// back to the chain's, then to us-east-1. It also serves the STS sandbox-account check.
func LoadAWSConfig(ctx context.Context, o Options, profile string) (aws.Config, error) {
	var fns []func(*config.LoadOptions) error
	if o.Region != "" {
		fns = append(fns, config.WithRegion(o.Region))
	}
	if profile != "" {
		fns = append(fns, config.WithSharedConfigProfile(profile))
	}
	if o.HTTPClient != nil {
		fns = append(fns, config.WithHTTPClient(o.HTTPClient))
	}
	if o.Credentials != nil {
		fns = append(fns, config.WithCredentialsProvider(o.Credentials))
	}
	cfg, err := config.LoadDefaultConfig(ctx, fns...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration (--profile %q): %w", profile, err)
	}
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	return cfg, nil
}

// NewAWS returns a target for the real service in the configured account: endpoint
// https://cognito-idp.<region>.amazonaws.com (or Options.Endpoint), name "aws:<region>",
// requests signed with the default credential chain (or profile, or Options.Credentials).
// It fails early when no credentials can be retrieved. Only AllowedAWSOperations are sent.
func NewAWS(ctx context.Context, o Options, profile string) (Target, error) {
	cfg, err := LoadAWSConfig(ctx, o, profile)
	if err != nil {
		return nil, err
	}
	return NewAWSFromConfig(ctx, cfg, o)
}

// NewAWSFromConfig is NewAWS with an already loaded configuration.
func NewAWSFromConfig(ctx context.Context, cfg aws.Config, o Options) (Target, error) {
	if o.Region == "" {
		o.Region = cfg.Region
	}
	if o.Credentials == nil {
		o.Credentials = cfg.Credentials
	}
	if o.Credentials == nil {
		return nil, fmt.Errorf("target aws: no AWS credentials configured (set AWS_PROFILE or --profile, or the AWS_* environment variables)")
	}
	if _, err := o.Credentials.Retrieve(ctx); err != nil {
		return nil, fmt.Errorf("target aws: retrieving AWS credentials: %w", err)
	}
	if o.HTTPClient == nil {
		if hc, ok := cfg.HTTPClient.(*http.Client); ok {
			o.HTTPClient = hc
		}
	}
	o = o.withDefaults(true)
	endpoint := "https://cognito-idp." + o.Region + ".amazonaws.com"
	if o.Endpoint != "" {
		e, err := checkEndpoint(o.Endpoint)
		if err != nil {
			return nil, err
		}
		endpoint = e
	}
	c := newClient("aws:"+o.Region, endpoint, o)
	c.allowed = make(map[string]bool, len(AllowedAWSOperations))
	for _, op := range AllowedAWSOperations {
		c.allowed[op] = true
	}
	return c, nil
}

// IAMActions are the IAM actions cognito-contract calls on AWS, sorted: the cognito-idp
// operations of AllowedAWSOperations and sts:GetCallerIdentity.
func IAMActions() []string {
	out := []string{"sts:GetCallerIdentity"}
	for _, op := range AllowedAWSOperations {
		out = append(out, "cognito-idp:"+op)
	}
	sort.Strings(out)
	return out
}
