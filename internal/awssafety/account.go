package awssafety

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Sentinels of CheckSandboxAccount; test with errors.Is.
var (
	// ErrSandboxFlag: --sandbox-account is missing or not a 12-digit account id (usage error).
	ErrSandboxFlag = errors.New("invalid --sandbox-account")
	// ErrNotSandbox: the credentials belong to another account than --sandbox-account.
	ErrNotSandbox = errors.New("the AWS credentials are not those of the sandbox account")
)

var (
	accountID  = regexp.MustCompile(`^[0-9]{12}$`)
	accountIDs = regexp.MustCompile(`(^|[^0-9])([0-9]{8})([0-9]{4})([^0-9]|$)`)
)

// CallerIdentityAPI is the part of the STS client CheckSandboxAccount uses (*sts.Client).
type CallerIdentityAPI interface {
	GetCallerIdentity(ctx context.Context, in *sts.GetCallerIdentityInput, optFns ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error)
}

// CheckSandboxAccountConfig is CheckSandboxAccount with an STS client made from cfg (the one
// target.LoadAWSConfig returns; tests set its HTTPClient and BaseEndpoint).
func CheckSandboxAccountConfig(ctx context.Context, cfg aws.Config, want string) error {
	return CheckSandboxAccount(ctx, sts.NewFromConfig(cfg), want)
}

// CheckSandboxAccount returns nil only when want, the --sandbox-account flag, is a 12-digit
// account id equal to the account of the caller's credentials (STS GetCallerIdentity). Its
// errors name the flag and both accounts, masked (Mask): they are safe to print.
func CheckSandboxAccount(ctx context.Context, api CallerIdentityAPI, want string) error {
	want = strings.TrimSpace(want)
	switch {
	case want == "":
		return fmt.Errorf("%w: --target aws needs --sandbox-account ID, the 12-digit id of the AWS account set aside for these tests", ErrSandboxFlag)
	case !accountID.MatchString(want):
		return fmt.Errorf("%w: --sandbox-account %q: expected a 12-digit AWS account id", ErrSandboxFlag, MaskAccountIDs(want))
	}
	out, err := api.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return fmt.Errorf("--sandbox-account %s: cannot confirm the caller's account with STS GetCallerIdentity: %s", Mask(want), MaskAccountIDs(err.Error()))
	}
	got := aws.ToString(out.Account)
	if got != want {
		return fmt.Errorf("%w: --sandbox-account is %s but the credentials belong to account %s; refusing to run", ErrNotSandbox, Mask(want), Mask(got))
	}
	return nil
}

// Mask hides all but the last 4 characters of an account id: "********9012".
func Mask(id string) string {
	if len(id) <= 4 {
		return strings.Repeat("*", len(id))
	}
	return strings.Repeat("*", len(id)-4) + id[len(id)-4:]
}

// MaskAccountIDs masks every 12-digit run in s (account ids inside ARNs and messages).
func MaskAccountIDs(s string) string {
	// Two passes: a match consumes the separator after it, which may start the next id.
	for range 2 {
		s = accountIDs.ReplaceAllString(s, "${1}********${3}${4}")
	}
	return s
}
