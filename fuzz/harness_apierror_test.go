package fuzz

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"
)

// asAPIError is an error whose As method answers for a smithy.APIError (an error that is not
// one, but says it stands for one, as errors.As asks it).
type asAPIError struct{ api smithy.APIError }

func (e asAPIError) Error() string { return "as" }

func (e asAPIError) As(target any) bool {
	if t, ok := target.(*smithy.APIError); ok && e.api != nil {
		*t = e.api
		return true
	}
	return false
}

// isAPIErrorCases are error trees around an API error: none, the error itself, wrapped the
// SDK's way (an OperationError around it) and by fmt.Errorf, joined with others (first, last,
// nested), an As method that answers and one that does not, and a nil in a joined list.
func isAPIErrorCases() []error {
	api := &types.InvalidParameterException{Message: new(string)}
	generic := &smithy.GenericAPIError{Code: "X", Message: "m"}
	op := &smithy.OperationError{ServiceID: "Cognito", OperationName: operation, Err: fmt.Errorf("https response error: %w", api)}
	return []error{
		nil, io.EOF, api, generic, op, fmt.Errorf("a: %w", op), &smithy.OperationError{Err: io.EOF},
		errors.Join(io.EOF, api), errors.Join(api, io.EOF), errors.Join(io.EOF, errors.Join(io.EOF, fmt.Errorf("%w", generic))),
		errors.Join(io.EOF, context.Canceled), fmt.Errorf("%w and %w", io.EOF, op), asAPIError{api: api}, asAPIError{},
		fmt.Errorf("w: %w", asAPIError{api: generic}), fmt.Errorf("w: %w", asAPIError{}),
	}
}

// isAPIError answers as errors.As with a smithy.APIError target for every case.
func TestIsAPIErrorIsErrorsAs(t *testing.T) {
	t.Parallel()
	found := 0
	for i, err := range isAPIErrorCases() {
		var apiErr smithy.APIError
		want := errors.As(err, &apiErr)
		if got := isAPIError(err); got != want {
			t.Fatalf("case %d %v: isAPIError %v, errors.As %v", i, err, got, want)
		}
		if want {
			found++
		}
	}
	if found < 8 {
		t.Fatalf("%d cases hold an API error", found)
	}
}

// BenchmarkIsAPIError reads the error the SDK returns for an error answer of the emulator (a
// client that does not exist) with isAPIError and with errors.As, each op both, alternating
// which goes first; reported: the fastest pass of each (1000 reads), their ratio, and the
// bytes each allocates a read.
//
//	go test ./fuzz -run '^$' -bench '^BenchmarkIsAPIError$' -benchtime 200x -count 3
func BenchmarkIsAPIError(b *testing.B) {
	_, h, _ := benchHarness(b)
	_, err := h.client.UpdateUserPoolClient(h.rctx.reset(context.Background(), &h.sent.recorder),
		&cip.UpdateUserPoolClientInput{UserPoolId: aws.String("us-east-1_none"), ClientId: aws.String("none")})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || !isAPIError(err) {
		b.Fatalf("not an API error: %v", err)
	}
	impls := [2]func(error) bool{isAPIError, func(err error) bool {
		var apiErr smithy.APIError
		return errors.As(err, &apiErr)
	}}
	const reads = 1000
	var passes [2]func()
	for j, impl := range impls {
		passes[j] = func() {
			for range reads {
				if !impl(err) {
					b.Fatal("no API error")
				}
			}
		}
	}
	best, bytes, _ := alternatePasses(b, passes)
	b.ReportMetric(float64(best[0].Nanoseconds())/reads, "isAPIError-ns")
	b.ReportMetric(float64(best[1].Nanoseconds())/reads, "errors.As-ns")
	b.ReportMetric(float64(best[0])/float64(best[1]), "isAPIError/errors.As")
	b.ReportMetric(bytes[0]/reads, "isAPIError-B")
	b.ReportMetric(bytes[1]/reads, "errors.As-B")
}
