package contracts

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"
	gtypes "github.com/onsi/gomega/types"
)

// ConformTo succeeds when actual conforms to the contract. actual may be
//
//   - an *cognitoidentityprovider.UpdateUserPoolClientOutput or a *types.UserPoolClientType:
//     the client, re-encoded into its wire JSON (dates as epoch seconds), is checked against
//     the output shape of the model;
//   - an *http.Response: the full CheckResponse without a request (protocol headers, error code
//     and status, or the 200 body's shape); the body is read and restored;
//   - an Exchange: the full CheckResponse, with echo, reset-to-default and invariants when its
//     Request and Before are set.
//
// The failure message lists every finding.
func ConformTo(c *Contract) gtypes.GomegaMatcher { return &conformMatcher{c: c} }

type conformMatcher struct {
	c        *Contract
	findings []Finding
	what     string
}

func (m *conformMatcher) Match(actual any) (bool, error) {
	if m.c == nil {
		return false, fmt.Errorf("ConformTo: the contract is nil; use contracts.UpdateUserPoolClient")
	}
	switch a := actual.(type) {
	case *cognitoidentityprovider.UpdateUserPoolClientOutput:
		if a == nil {
			return false, fmt.Errorf("ConformTo: actual is a nil *UpdateUserPoolClientOutput")
		}
		m.what, m.findings = "the UpdateUserPoolClient output", m.c.checkSDKClient(a.UserPoolClient, "UserPoolClient")
	case *types.UserPoolClientType:
		if a == nil {
			return false, fmt.Errorf("ConformTo: actual is a nil *types.UserPoolClientType")
		}
		m.what, m.findings = "the UserPoolClient", m.c.checkSDKClient(a, "")
	case *http.Response:
		ex, err := exchangeOf(a)
		if err != nil {
			return false, fmt.Errorf("ConformTo: %w", err)
		}
		m.what, m.findings = "the HTTP response ("+strconv.Itoa(a.StatusCode)+")", m.c.CheckResponse(ex)
	case Exchange:
		m.what, m.findings = "the exchange ("+strconv.Itoa(a.Status)+")", m.c.CheckResponse(a)
	default:
		return false, fmt.Errorf("ConformTo expects an *UpdateUserPoolClientOutput, a *types.UserPoolClientType, an *http.Response or a contracts.Exchange, got %T", actual)
	}
	return len(m.findings) == 0, nil
}

func (m *conformMatcher) FailureMessage(any) string {
	var b strings.Builder
	fmt.Fprintf(&b, "expected %s to conform to %s; %d finding(s):", m.what, m.c.Operation.Name, len(m.findings))
	for _, f := range m.findings {
		b.WriteString("\n    " + f.String())
		if f.Source != "" {
			b.WriteString("  [" + f.Source + "]")
		}
	}
	return b.String()
}

func (m *conformMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("expected %s not to conform to %s, but it does", m.what, m.c.Operation.Name)
}

// exchangeOf reads an HTTP response into an Exchange and puts the body back for later readers.
func exchangeOf(r *http.Response) (Exchange, error) {
	if r == nil {
		return Exchange{}, fmt.Errorf("actual is a nil *http.Response")
	}
	var body []byte
	if r.Body != nil {
		var err error
		if body, err = io.ReadAll(r.Body); err != nil {
			return Exchange{}, fmt.Errorf("reading the response body: %w", err)
		}
		_ = r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	return Exchange{Status: r.StatusCode, Header: r.Header, Body: body}, nil
}

// HaveErrorCode succeeds when actual is an error response with the code: an error from the
// AWS SDK (a smithy.APIError, also wrapped in a *smithy.OperationError) or an *http.Response
// read as a client must (ErrorCode). code must be one of UpdateUserPoolClient.ErrorCodes(),
// spelt exactly: an unknown code is a misuse and Match returns an error listing the valid ones
// (or naming the right spelling), so NotTo(HaveErrorCode("InvalidParameter")) cannot pass by a typo.
func HaveErrorCode(code string) gtypes.GomegaMatcher {
	return &errorCodeMatcher{want: code, misuse: UpdateUserPoolClient.checkErrorCode("HaveErrorCode", code)}
}

type errorCodeMatcher struct {
	want         string
	misuse       error
	code, msg    string
	actualReport string
}

func (m *errorCodeMatcher) Match(actual any) (bool, error) {
	if m.misuse != nil {
		return false, m.misuse
	}
	code, msg, report, err := readErrorOf("HaveErrorCode", actual)
	if err != nil {
		return false, err
	}
	m.code, m.msg, m.actualReport = code, msg, report
	return code != "" && code == m.want, nil
}

func (m *errorCodeMatcher) FailureMessage(any) string {
	return "expected: an error with code " + m.want + "\nactual:   " + m.actualReport
}

func (m *errorCodeMatcher) NegatedFailureMessage(any) string {
	return "expected: an error with a code other than " + m.want + "\nactual:   " + m.actualReport
}

// BeRejectedFor succeeds when actual is an InvalidParameterException whose validation message
// names the member's path as the service writes it (contract-facts §7): member "ClientName" is
// 'clientName', "TokenValidityUnits.AccessToken" is 'tokenValidityUnits.accessToken'. The
// path is resolved against the input shape: an empty or unknown path is a misuse and Match
// returns an error listing the members (or naming the right spelling).
func BeRejectedFor(member string) gtypes.GomegaMatcher {
	return &rejectedMatcher{member: member, wire: path(strings.Split(member, ".")).Wire(),
		misuse: UpdateUserPoolClient.checkMemberPath("BeRejectedFor", member)}
}

type rejectedMatcher struct {
	member, wire string
	misuse       error
	actualReport string
}

// rejectionCode is the code of a constraint violation (contract-facts §7: Cognito answers
// InvalidParameterException, not ValidationException).
const rejectionCode = "InvalidParameterException"

func (m *rejectedMatcher) Match(actual any) (bool, error) {
	if m.misuse != nil {
		return false, m.misuse
	}
	code, msg, report, err := readErrorOf("BeRejectedFor", actual)
	if err != nil {
		return false, err
	}
	m.actualReport = report
	return code == rejectionCode && strings.Contains(msg, " at '"+m.wire+"'"), nil
}

func (m *rejectedMatcher) FailureMessage(any) string {
	return fmt.Sprintf("expected: %s naming '%s' (member %s)\nactual:   %s", rejectionCode, m.wire, m.member, m.actualReport)
}

func (m *rejectedMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("expected: no %s naming '%s' (member %s)\nactual:   %s", rejectionCode, m.wire, m.member, m.actualReport)
}

// readErrorOf reads the code and message of an SDK error or an HTTP response; report renders
// what came back for a failure message. err is set only when the matcher is misused.
func readErrorOf(matcher string, actual any) (code, msg, report string, err error) {
	switch a := actual.(type) {
	case nil:
		return "", "", "no error", nil
	case *http.Response:
		ex, err := exchangeOf(a)
		if err != nil {
			return "", "", "", fmt.Errorf("%s: %w", matcher, err)
		}
		if ex.Status == http.StatusOK {
			return "", "", "200, no error", nil
		}
		code, msg = ErrorCode(ex.Header, ex.Body)
		return code, msg, outcomeText(ex.Status, code, msg), nil
	case error:
		var apiErr smithy.APIError
		if !errors.As(a, &apiErr) {
			return "", "", "an error that is not a service error: " + strconv.Quote(a.Error()), nil
		}
		code, msg = apiErr.ErrorCode(), apiErr.ErrorMessage()
		return code, msg, code + ": " + strconv.Quote(msg), nil
	}
	return "", "", "", fmt.Errorf("%s expects an error or an *http.Response, got %T", matcher, actual)
}
