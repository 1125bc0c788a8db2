package runner

import (
	"errors"
	"fmt"

	"github.com/cognito-contract/cognito-contract/internal/target"
)

// baseSteps are the setup steps every case needs: a target that cannot do them cannot be
// tested at all.
var baseSteps = map[string]bool{"CreateUserPool": true, "CreateUserPoolClient": true}

// NotCognitoError says the target does not speak cognito-idp: the base setup every case needs
// (CreateUserPool, CreateUserPoolClient) was answered as if the operation did not exist, or
// without an awsJson error body carrying a code (a plain web server, a proxy's error page).
// It is a target error (exit 3), never a contract verdict (issue 6: "a target that is down is
// a target error").
type NotCognitoError struct {
	Target string
	Err    error // the answer to the base step
}

// Error implements error.
func (e *NotCognitoError) Error() string {
	return fmt.Sprintf("target %s does not speak cognito-idp (the awsJson1_1 protocol of AWSCognitoIdentityProviderService): %v", e.Target, e.Err)
}

// Unwrap returns the answer; it is deliberately not a *target.NotApplicableError so that no
// case reads it as "not applicable".
func (e *NotCognitoError) Unwrap() error { return e.Err }

// notCognito returns a *NotCognitoError when err says the target cannot do the base setup,
// nil otherwise: a missing CreateUserPool or CreateUserPoolClient, or a base step answered
// without an error code.
func notCognito(name string, err error) error {
	var na *target.NotApplicableError
	if errors.As(err, &na) && baseSteps[na.Operation] {
		return &NotCognitoError{Target: name, Err: errors.New(na.Error())}
	}
	var se *target.StepError
	if errors.As(err, &se) && baseSteps[se.Step] && se.Code == "" {
		return &NotCognitoError{Target: name, Err: errors.New(se.Error())}
	}
	return nil
}
