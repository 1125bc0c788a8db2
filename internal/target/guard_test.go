package target

import (
	"context"
	"errors"
	"net/http"
	"testing"

	. "github.com/onsi/gomega"
)

func TestOnlyOwnPools(t *testing.T) {
	t.Parallel()
	srv, got := recorder(t, func(n int, w http.ResponseWriter) {
		w.Header().Set("Content-Type", contentTypeAmzJSON11)
		_, _ = w.Write([]byte(`{"UserPool":{"Id":"us-east-1_Mine1"}}`))
	})
	c := httpClient(t, srv.URL, Options{OnlyOwnPools: true})
	ctx := context.Background()
	g := NewWithT(t)
	// Before the pool exists, nothing may name it.
	_, err := c.Call(ctx, "DeleteUserPool", []byte(`{"UserPoolId":"us-east-1_Mine1"}`))
	g.Expect(errors.Is(err, ErrOperationNotAllowed)).To(BeTrue())
	_, err = c.Call(ctx, "CreateUserPool", []byte(`{"PoolName":"cognito-contract-x"}`))
	g.Expect(err).NotTo(HaveOccurred())

	cases := map[string]struct {
		body    string
		allowed bool
	}{
		"own-pool":            {`{"UserPoolId":"us-east-1_Mine1","ClientId":"abc"}`, true},
		"other-pool":          {`{"UserPoolId":"us-east-1_Other","ClientId":"abc"}`, false},
		"other-pool-lower":    {`{"userpoolid":"us-east-1_Other"}`, false},
		"duplicate-key":       {`{"UserPoolId":"us-east-1_Mine1","UserPoolId":"us-east-1_Other"}`, false},
		"no-pool":             {`{"ClientId":"abc"}`, true},
		"pool-not-a-string":   {`{"UserPoolId":12}`, true},
		"nested-is-not-a-ref": {`{"UserPoolId":"us-east-1_Mine1","X":{"UserPoolId":"us-east-1_Other"}}`, true},
		"truncated":           {`{"UserPoolId":"us-east-1_Other"`, false},
		"trailing-garbage":    {`{"UserPoolId":"us-east-1_Other"} x`, false},
		"truncated-own":       {`{"UserPoolId":"us-east-1_Mine1","Cl`, true},
		"two-objects":         {`{"UserPoolId":"us-east-1_Mine1"}{"UserPoolId":"us-east-1_Other"}`, true},
		"not-an-object":       {`["us-east-1_Other"]`, true},
		"empty":               {``, true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			before := len(got())
			_, err := c.Call(ctx, "UpdateUserPoolClient", []byte(tc.body))
			if tc.allowed {
				g.Expect(err).NotTo(HaveOccurred())
				g.Expect(got()).To(HaveLen(before + 1))
				return
			}
			g.Expect(errors.Is(err, ErrOperationNotAllowed)).To(BeTrue(), "got %v", err)
			g.Expect(got()).To(HaveLen(before), "refused before sending")
		})
	}
}
