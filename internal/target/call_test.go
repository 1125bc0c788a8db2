package target_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/target"
)

// TestInvokeTellsMissingOperationsFromRefusedRequests: only an answer at the level of the
// operation makes a setup not applicable; a 400 with an error code the model lists for the
// operation is the operation refusing the request, a setup failure naming the step (audit of
// issue 7, item 3).
func TestInvokeTellsMissingOperationsFromRefusedRequests(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		status      int
		contentType string
		body        string
		notApplic   bool
	}{
		// A real refusal: the model lists InvalidOAuthFlowException for CreateUserPoolClient,
		// and "not supported" in its message says nothing about the operation.
		"400-modelled-code-not-supported-message": {status: 400, contentType: "application/x-amz-json-1.1",
			body: `{"__type":"InvalidOAuthFlowException","message":"openid is not supported with client_credentials flow"}`},
		// A 500 with a modelled code stays a failure even with a hint in its message.
		"500-internal-error": {status: 500, contentType: "application/x-amz-json-1.1",
			body: `{"__type":"InternalErrorException","message":"feature not implemented yet"}`},
		// The operation-level answers.
		"unknown-operation": {status: 400, contentType: "application/x-amz-json-1.1",
			body: `{"__type":"UnknownOperationException"}`, notApplic: true},
		"501-plain": {status: 501, contentType: "text/html", body: `<html>Unsupported method</html>`, notApplic: true},
		"404-plain": {status: 404, contentType: "text/html", body: `<html>Not Found</html>`, notApplic: true},
		// cognito-local 5.3.0 (internal/conformance).
		"cognito-local-unsupported": {status: 500, contentType: "application/json",
			body: `{"code":"CognitoLocal#Unsupported","message":"Cognito Local unsupported feature: Unsupported x-amz-target header \"AWSCognitoIdentityProviderService.CreateUserPoolClient\""}`, notApplic: true},
		// A 400 without a modelled code whose message merely says "not supported" is not the
		// operation missing either.
		"400-unmodelled-not-supported": {status: 400, contentType: "application/x-amz-json-1.1",
			body: `{"__type":"ValidationException","message":"value not supported"}`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			tg, err := target.NewHTTP(srv.URL, target.Options{MaxRetries: -1})
			g.Expect(err).NotTo(HaveOccurred())
			err = target.Invoke(context.Background(), tg, "CreateUserPoolClient", map[string]any{"UserPoolId": "us-east-1_x"}, nil)
			var na *target.NotApplicableError
			var se *target.StepError
			if tc.notApplic {
				g.Expect(errors.As(err, &na)).To(BeTrue(), "got %v", err)
				g.Expect(na.Operation).To(Equal("CreateUserPoolClient"))
				return
			}
			g.Expect(errors.As(err, &na)).To(BeFalse(), "got %v", err)
			g.Expect(errors.As(err, &se)).To(BeTrue(), "got %v", err)
			g.Expect(se.Step).To(Equal("CreateUserPoolClient"))
			g.Expect(se.Status).To(Equal(tc.status))
			g.Expect(err.Error()).To(ContainSubstring("setup step CreateUserPoolClient answered"))
		})
	}
}
