package emulator_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// Identifiers in the real formats, the patterns and lengths read from the model.
func TestIdentifiersHaveTheRealFormats(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	m := contracts.DefaultModel()
	e := emulator.New(emulator.WithRegion("eu-west-1"))
	c := sdkClient(e)
	p, err := c.CreateUserPool(context.Background(), &cip.CreateUserPoolInput{PoolName: aws.String("p")})
	g.Expect(err).NotTo(HaveOccurred())
	id := aws.ToString(p.UserPool.Id)
	g.Expect(id).To(MatchRegexp(`^eu-west-1_[0-9A-Za-z]{9}$`))
	poolShape, _ := m.Shape("UserPoolIdType")
	g.Expect(poolShape.Regexp().MatchString(id)).To(BeTrue())
	g.Expect(aws.ToString(p.UserPool.Arn)).To(Equal("arn:aws:cognito-idp:eu-west-1:123456789012:userpool/" + id))
	g.Expect(p.UserPool.UserPoolTier).To(Equal(types.UserPoolTierTypeEssentials)) // model doc: "Defaults to ESSENTIALS"

	cl, err := c.CreateUserPoolClient(context.Background(), &cip.CreateUserPoolClientInput{UserPoolId: &id, ClientName: aws.String("c"), GenerateSecret: true})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(aws.ToString(cl.UserPoolClient.ClientId)).To(MatchRegexp(`^[a-z0-9]{26}$`))
	secret := aws.ToString(cl.UserPoolClient.ClientSecret)
	secretShape, _ := m.Shape("ClientSecretType")
	lo, _ := secretShape.Length.MinInt()
	hi, _ := secretShape.Length.MaxInt()
	g.Expect(len(secret)).To(BeNumerically(">=", lo))
	g.Expect(len(secret)).To(BeNumerically("<=", hi))
	g.Expect(secretShape.Regexp().MatchString(secret)).To(BeTrue())
	g.Expect(aws.ToBool(cl.UserPoolClient.EnableTokenRevocation)).To(BeTrue()) // R26: on by default at creation

	// the same seed gives the same ids
	a, b := emulator.New(emulator.WithSeed(9)), emulator.New(emulator.WithSeed(9))
	pa, _ := sdkClient(a).CreateUserPool(context.Background(), &cip.CreateUserPoolInput{PoolName: aws.String("p")})
	pb, _ := sdkClient(b).CreateUserPool(context.Background(), &cip.CreateUserPoolInput{PoolName: aws.String("p")})
	g.Expect(aws.ToString(pa.UserPool.Id)).To(Equal(aws.ToString(pb.UserPool.Id)))
}

// The setup operations keep state the way the service does.
func TestPoolAndClientState(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ctx := context.Background()
	e := emulator.New(emulator.WithClock(func() time.Time { return t0 }))
	c := sdkClient(e)
	s := newSetup(t, c, types.UserPoolTierTypePlus)

	d, err := c.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: &s.pool})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(d.UserPool.UserPoolTier).To(Equal(types.UserPoolTierTypePlus))
	g.Expect(d.UserPool.CreationDate.Equal(t0)).To(BeTrue())
	var names []string
	for _, a := range d.UserPool.SchemaAttributes {
		names = append(names, aws.ToString(a.Name))
	}
	g.Expect(names).To(ContainElements("sub", "email", "email_verified", "phone_number", "updated_at", "custom:tenant"))

	// a custom attribute cannot be added twice
	_, err = c.AddCustomAttributes(ctx, &cip.AddCustomAttributesInput{UserPoolId: &s.pool,
		CustomAttributes: []types.SchemaAttributeType{{Name: aws.String("tenant"), AttributeDataType: types.AttributeDataTypeString}}})
	g.Expect(apiCode(err)).To(Equal("InvalidParameterException"))

	// a duplicate identity provider
	_, err = c.CreateIdentityProvider(ctx, &cip.CreateIdentityProviderInput{UserPoolId: &s.pool, ProviderName: aws.String("Corp"),
		ProviderType: types.IdentityProviderTypeTypeOidc, ProviderDetails: map[string]string{}})
	g.Expect(apiCode(err)).To(Equal("DuplicateProviderException"))

	// listing pages through the clients
	for i := 0; i < 3; i++ {
		_, err := c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: &s.pool, ClientName: aws.String(fmt.Sprint("extra", i))})
		g.Expect(err).NotTo(HaveOccurred())
	}
	var listed []string
	var token *string
	for {
		out, err := c.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: &s.pool, MaxResults: aws.Int32(2), NextToken: token})
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(len(out.UserPoolClients)).To(BeNumerically("<=", 2))
		for _, d := range out.UserPoolClients {
			listed = append(listed, aws.ToString(d.ClientName))
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	g.Expect(listed).To(Equal([]string{"app", "backend", "extra0", "extra1", "extra2"}))
	_, err = c.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: &s.pool, MaxResults: aws.Int32(61)})
	g.Expect(apiCode(err)).To(Equal("InvalidParameterException")) // model: QueryLimit range

	// CreateUserPoolClient asks the contract too: client_credentials needs a secret (R9)
	_, err = c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: &s.pool, ClientName: aws.String("cc"),
		AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeClientCredentials},
		AllowedOAuthScopes: []string{"https://api.example.com/read"}})
	g.Expect(apiCode(err)).To(Equal("InvalidOAuthFlowException"))
	_, err = c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: &s.pool, ClientName: aws.String("cc"), GenerateSecret: true,
		AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeClientCredentials},
		AllowedOAuthScopes: []string{"https://api.example.com/read"}})
	g.Expect(err).NotTo(HaveOccurred())

	// deleting a client, then the pool
	_, err = c.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{UserPoolId: &s.pool, ClientId: &s.client})
	g.Expect(err).NotTo(HaveOccurred())
	_, err = c.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &s.pool, ClientId: &s.client})
	g.Expect(apiCode(err)).To(Equal("ResourceNotFoundException"))
	g.Expect(apiMessage(err)).To(Equal("User pool client " + s.client + " does not exist.")) // OB-13
	_, err = c.DeleteUserPool(ctx, &cip.DeleteUserPoolInput{UserPoolId: &s.pool})
	g.Expect(err).NotTo(HaveOccurred())
	_, err = c.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: &s.pool})
	g.Expect(apiMessage(err)).To(Equal("User pool " + s.pool + " does not exist.")) // OB-14
}

// Concurrent updates under the race detector: each is either applied or refused with
// ConcurrentModificationException (R29), and the client ends as one of the applied updates;
// in-process (httpmock) and through a real HTTP server on 127.0.0.1 (httptest).
func TestConcurrentUpdates(t *testing.T) {
	t.Parallel()
	for name, client := range map[string]func(t *testing.T, e *emulator.Emulator) *cip.Client{
		"in-process": func(_ *testing.T, e *emulator.Emulator) *cip.Client { return sdkClient(e) },
		"loopback-http": func(t *testing.T, e *emulator.Emulator) *cip.Client {
			srv := httptest.NewServer(e) // listens on 127.0.0.1
			t.Cleanup(srv.Close)
			return newSDK(srv.Client(), srv.URL, "AKIDEXAMPLE")
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := emulator.New()
			concurrentUpdates(t, client(t, e))
		})
	}
}

func concurrentUpdates(t *testing.T, c *cip.Client) {
	g := NewWithT(t)
	s := newSetup(t, c, "")
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		applied = map[string]bool{}
		refused int
	)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				name := fmt.Sprintf("w%d-%d", w, i)
				in := upd(s)
				in.ClientName = aws.String(name)
				_, err := c.UpdateUserPoolClient(context.Background(), in)
				mu.Lock()
				switch code := apiCode(err); code {
				case "":
					applied[name] = true
				case "ConcurrentModificationException":
					refused++
				default:
					t.Errorf("update %s: %v", name, err)
				}
				mu.Unlock()
			}
		}()
	}
	// other clients are updated at the same time without interference
	for i := 0; i < 25; i++ {
		in := upd(setup{pool: s.pool, client: s.secretClient})
		_, err := c.UpdateUserPoolClient(context.Background(), in)
		g.Expect(err).NotTo(HaveOccurred())
	}
	wg.Wait()
	g.Expect(len(applied) + refused).To(Equal(200))
	g.Expect(applied).NotTo(BeEmpty())
	d, err := c.DescribeUserPoolClient(context.Background(), &cip.DescribeUserPoolClientInput{UserPoolId: &s.pool, ClientId: &s.client})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(applied).To(HaveKey(aws.ToString(d.UserPoolClient.ClientName)))
}

// HoldUpdates over loopback HTTP: while one update holds its client, a second update of the
// same client is refused (R29, OB-20); ResetFaults releases the held one, which then
// succeeds, and later updates are not held.
func TestHoldUpdatesOverHTTP(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := emulator.New()
	srv := httptest.NewServer(e)
	defer srv.Close()
	c := newSDK(srv.Client(), srv.URL, "AKIDEXAMPLE")
	s := newSetup(t, c, "")
	held, _ := e.HoldUpdates()
	done := make(chan error, 1)
	go func() { _, err := c.UpdateUserPoolClient(context.Background(), upd(s)); done <- err }()
	g.Expect(<-held).To(Equal(s.client))
	_, err := c.UpdateUserPoolClient(context.Background(), upd(s))
	g.Expect(apiCode(err)).To(Equal("ConcurrentModificationException"))
	g.Expect(apiMessage(err)).To(Equal("Only one request to update user pool client can be processed at a time."))
	g.Consistently(done).WithTimeout(50*time.Millisecond).ShouldNot(Receive(), "held until released")
	e.ResetFaults()
	g.Expect(<-done).To(Succeed())
	_, err = c.UpdateUserPoolClient(context.Background(), upd(setup{pool: s.pool, client: s.secretClient}))
	g.Expect(err).NotTo(HaveOccurred(), "no hold after ResetFaults")
}

// Serve answers the SDK over loopback HTTP and shuts down when its context is done.
func TestServeOverLoopback(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := emulator.New()
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	errc := make(chan error, 1)
	go func() { errc <- emulator.Serve(ctx, "127.0.0.1:0", e, func(a net.Addr) { addrc <- a }) }()
	addr := <-addrc
	c := newSDK(&http.Client{Timeout: 10 * time.Second}, "http://"+addr.String(), "AKIDEXAMPLE")
	s := newSetup(t, c, "")
	out, err := c.UpdateUserPoolClient(context.Background(), upd(s))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(aws.ToString(out.UserPoolClient.ClientName)).To(Equal("x"))
	cancel()
	g.Eventually(errc).WithTimeout(5 * time.Second).Should(Receive(BeNil()))
	_, err = c.DescribeUserPool(context.Background(), &cip.DescribeUserPoolInput{UserPoolId: &s.pool})
	g.Expect(err).To(HaveOccurred(), "the server is closed")
}

func TestServeRefusesWideAddresses(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ctx := context.Background()
	g.Expect(emulator.Serve(ctx, "0.0.0.0:0", emulator.New(), nil)).To(MatchError(ContainSubstring("not a loopback address")))
	g.Expect(emulator.Serve(ctx, "192.0.2.1:9229", emulator.New(), nil)).To(MatchError(ContainSubstring("not a loopback address")))
	g.Expect(emulator.Serve(ctx, "9229", emulator.New(), nil)).To(MatchError(ContainSubstring("want host:port")))
	g.Expect(emulator.Serve(ctx, "127.0.0.1:0", nil, nil)).To(MatchError(ContainSubstring("emulator is nil")))
}
