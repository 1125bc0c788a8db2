package emulator_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

func httpStatus(err error) int {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// reach provokes one documented error of UpdateUserPoolClient through the SDK and returns the
// error. Every error the model lists for the operation has an entry.
var reach = map[string]func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error{
	// R29, OB-20: a second update while the first holds the client
	"ConcurrentModificationException": func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error {
		held, release := e.HoldUpdates()
		done := make(chan error, 1)
		go func() { _, err := c.UpdateUserPoolClient(context.Background(), upd(s)); done <- err }()
		if id := <-held; id != s.client { // the first update holds its client: no sleep, no race
			t.Errorf("held %q, want the first update's client %q", id, s.client)
		}
		_, err := c.UpdateUserPoolClient(context.Background(), upd(s))
		release()
		if first := <-done; first != nil {
			t.Errorf("the first update failed: %v", first)
		}
		return err
	},
	// R19: ALLOW_USER_AUTH on a LITE pool
	"FeatureUnavailableInTierException": func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error {
		lite := newSetup(t, c, types.UserPoolTierTypeLite)
		in := upd(lite)
		in.ExplicitAuthFlows = []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserAuth, types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth}
		_, err := c.UpdateUserPoolClient(context.Background(), in)
		return err
	},
	// fault injection: 500 InternalErrorException
	"InternalErrorException": func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error {
		if err := e.FailNext("UpdateUserPoolClient", 1, "InternalErrorException"); err != nil {
			t.Fatal(err)
		}
		_, err := c.UpdateUserPoolClient(context.Background(), upd(s))
		return err
	},
	// R8: client_credentials mixed with code
	"InvalidOAuthFlowException": func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error {
		in := upd(setup{pool: s.pool, client: s.secretClient})
		in.AllowedOAuthFlowsUserPoolClient = true
		in.AllowedOAuthFlows = []types.OAuthFlowType{types.OAuthFlowTypeClientCredentials, types.OAuthFlowTypeCode}
		in.AllowedOAuthScopes = []string{"https://api.example.com/read"}
		in.CallbackURLs = []string{"https://app.example.com/cb"}
		_, err := c.UpdateUserPoolClient(context.Background(), in)
		return err
	},
	// model: AuthSessionValidityType range
	"InvalidParameterException": func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error {
		in := upd(s)
		in.AuthSessionValidity = aws.Int32(1000)
		_, err := c.UpdateUserPoolClient(context.Background(), in)
		return err
	},
	// credentials marked as denied
	"NotAuthorizedException": func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error {
		if err := e.DenyAccessKey("AKIDDENIED"); err != nil {
			t.Fatal(err)
		}
		_, err := sdkClientWithKey(e, "AKIDDENIED").UpdateUserPoolClient(context.Background(), upd(s))
		return err
	},
	// R30: the operation disabled on the pool, as in a replica Region
	"OperationNotEnabledException": func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error {
		if err := e.SetOperationEnabled(s.pool, "UpdateUserPoolClient", false); err != nil {
			t.Fatal(err)
		}
		_, err := c.UpdateUserPoolClient(context.Background(), upd(s))
		return err
	},
	// R3: the client does not exist
	"ResourceNotFoundException": func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error {
		in := upd(s)
		in.ClientId = aws.String("0000000000000000000000000a")
		_, err := c.UpdateUserPoolClient(context.Background(), in)
		return err
	},
	// R12: a custom scope the pool does not define
	"ScopeDoesNotExistException": func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error {
		in := upd(s)
		in.AllowedOAuthFlowsUserPoolClient = true
		in.AllowedOAuthFlows = []types.OAuthFlowType{types.OAuthFlowTypeCode}
		in.CallbackURLs = []string{"https://app.example.com/cb"}
		in.AllowedOAuthScopes = []string{"https://api.example.com/delete"}
		_, err := c.UpdateUserPoolClient(context.Background(), in)
		return err
	},
	// throttling above 1 request per second on a still clock
	"TooManyRequestsException": func(t *testing.T, e *emulator.Emulator, c *cip.Client, s setup) error {
		if err := e.Throttle("UpdateUserPoolClient", 1); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UpdateUserPoolClient(context.Background(), upd(s)); err != nil {
			t.Fatalf("the first call within the rate failed: %v", err)
		}
		_, err := c.UpdateUserPoolClient(context.Background(), upd(s))
		return err
	},
}

func upd(s setup) *cip.UpdateUserPoolClientInput {
	return &cip.UpdateUserPoolClientInput{UserPoolId: aws.String(s.pool), ClientId: aws.String(s.client), ClientName: aws.String("x")}
}

// Every error the model lists for UpdateUserPoolClient is reachable, with status 500 for the
// server fault and 400 for every client error (contract-facts §5).
func TestEveryDocumentedErrorIsReachable(t *testing.T) {
	t.Parallel()
	for _, shape := range contracts.UpdateUserPoolClient.Operation.Errors {
		code := shape.Name
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			provoke, ok := reach[code]
			g.Expect(ok).To(BeTrue(), "no way to reach %s", code)
			if !ok {
				return
			}
			e := emulator.New(emulator.WithClock(func() time.Time { return t0 }))
			c := sdkClient(e)
			s := newSetup(t, c, types.UserPoolTierTypeEssentials)
			err := provoke(t, e, c, s)
			g.Expect(apiCode(err)).To(Equal(code))
			want := 400
			if shape.Error == "server" {
				want = 500
			}
			g.Expect(httpStatus(err)).To(Equal(want))
			if code == "ConcurrentModificationException" {
				g.Expect(apiMessage(err)).To(Equal("Only one request to update user pool client can be processed at a time.")) // OB-20
			}
		})
	}
}

func TestFaultInjection(t *testing.T) {
	t.Parallel()
	t.Run("FailNext/counts-down", func(t *testing.T) {
		t.Parallel()
		g := NewWithT(t)
		e := emulator.New()
		c := sdkClient(e)
		s := newSetup(t, c, "")
		g.Expect(e.FailNext("UpdateUserPoolClient", 2, "TooManyRequestsException")).To(Succeed())
		for i := 0; i < 2; i++ {
			_, err := c.UpdateUserPoolClient(context.Background(), upd(s))
			g.Expect(apiCode(err)).To(Equal("TooManyRequestsException"))
			g.Expect(httpStatus(err)).To(Equal(400))
		}
		_, err := c.UpdateUserPoolClient(context.Background(), upd(s))
		g.Expect(err).NotTo(HaveOccurred())
		// other operations are not touched
		g.Expect(e.FailNext("DescribeUserPool", 1, "InternalErrorException")).To(Succeed())
		_, err = c.UpdateUserPoolClient(context.Background(), upd(s))
		g.Expect(err).NotTo(HaveOccurred())
	})
	t.Run("Throttle/refills-with-the-clock", func(t *testing.T) {
		t.Parallel()
		g := NewWithT(t)
		var mu sync.Mutex
		now := t0
		e := emulator.New(emulator.WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
		c := sdkClient(e)
		s := newSetup(t, c, "")
		g.Expect(e.Throttle(emulator.AllOperations, 2)).To(Succeed())
		ok, throttled := 0, 0
		for i := 0; i < 5; i++ {
			_, err := c.DescribeUserPoolClient(context.Background(), &cip.DescribeUserPoolClientInput{UserPoolId: &s.pool, ClientId: &s.client})
			switch apiCode(err) {
			case "":
				ok++
			case "TooManyRequestsException":
				throttled++
			}
		}
		g.Expect([]int{ok, throttled}).To(Equal([]int{2, 3}))
		mu.Lock()
		now = now.Add(time.Second)
		mu.Unlock()
		_, err := c.DescribeUserPoolClient(context.Background(), &cip.DescribeUserPoolClientInput{UserPoolId: &s.pool, ClientId: &s.client})
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(e.Throttle(emulator.AllOperations, 0)).To(Succeed())
	})
	t.Run("Latency/delays", func(t *testing.T) {
		t.Parallel()
		g := NewWithT(t)
		e := emulator.New()
		c := sdkClient(e)
		s := newSetup(t, c, "")
		g.Expect(e.Latency("DescribeUserPool", 50*time.Millisecond)).To(Succeed())
		start := time.Now()
		_, err := c.DescribeUserPool(context.Background(), &cip.DescribeUserPoolInput{UserPoolId: &s.pool})
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(time.Since(start)).To(BeNumerically(">=", 50*time.Millisecond))
	})
	t.Run("ResetFaults/clears-everything", func(t *testing.T) {
		t.Parallel()
		g := NewWithT(t)
		e := emulator.New()
		c := sdkClient(e)
		s := newSetup(t, c, "")
		g.Expect(e.FailNext(emulator.AllOperations, 5, "InternalErrorException")).To(Succeed())
		g.Expect(e.DenyAccessKey("AKIDEXAMPLE")).To(Succeed())
		g.Expect(e.SetOperationEnabled(s.pool, "UpdateUserPoolClient", false)).To(Succeed())
		e.ResetFaults()
		_, err := c.UpdateUserPoolClient(context.Background(), upd(s))
		g.Expect(err).NotTo(HaveOccurred())
	})
	t.Run("bad-input/is-an-error", func(t *testing.T) {
		t.Parallel()
		g := NewWithT(t)
		e := emulator.New()
		g.Expect(e.FailNext("NoSuchOperation", 1, "InternalErrorException")).To(MatchError(ContainSubstring(`"NoSuchOperation"`)))
		g.Expect(e.FailNext("UpdateUserPoolClient", 0, "InternalErrorException")).To(MatchError(ContainSubstring("n = 0")))
		g.Expect(e.FailNext("UpdateUserPoolClient", 1, "")).To(MatchError(ContainSubstring("error code is empty")))
		g.Expect(e.Throttle("UpdateUserPoolClient", -1)).To(HaveOccurred())
		g.Expect(e.Latency("UpdateUserPoolClient", -time.Second)).To(HaveOccurred())
		g.Expect(e.DenyAccessKey("")).To(HaveOccurred())
		g.Expect(e.SetOperationEnabled("us-east-1_nope", "UpdateUserPoolClient", false)).To(MatchError(ContainSubstring("does not exist")))
		g.Expect(e.SetOperationEnabled("us-east-1_nope", "CreateUserPool", false)).To(HaveOccurred())
		_, err := emulator.NewE(emulator.WithAccountID("12"))
		g.Expect(err).To(MatchError(ContainSubstring("WithAccountID")))
		_, err = emulator.NewE(emulator.WithMaxBodyBytes(0))
		g.Expect(err).To(MatchError(ContainSubstring("WithMaxBodyBytes")))
	})
}
