package target

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	. "github.com/onsi/gomega"
)

// captured is what a test server saw of one request.
type captured struct {
	method, host string
	header       http.Header
	body         []byte
}

// recorder is an httptest server on loopback that records requests and answers with reply.
func recorder(t *testing.T, reply func(n int, w http.ResponseWriter)) (*httptest.Server, func() []captured) {
	t.Helper()
	var mu sync.Mutex
	var got []captured
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, captured{r.Method, r.Host, r.Header.Clone(), b})
		n := len(got)
		mu.Unlock()
		reply(n, w)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []captured { mu.Lock(); defer mu.Unlock(); return append([]captured(nil), got...) }
}

func ok200(_ int, w http.ResponseWriter) {
	w.Header().Set("Content-Type", contentTypeAmzJSON11)
	_, _ = io.WriteString(w, `{}`)
}

func throttle(w http.ResponseWriter) {
	w.Header().Set("Content-Type", contentTypeAmzJSON11)
	w.WriteHeader(http.StatusBadRequest) // the real service sends 400 (contract-facts §5, OB-26)
	_, _ = io.WriteString(w, `{"__type":"TooManyRequestsException","message":"Too many requests"}`)
}

// fake replaces the clock, sleeping and jitter of a client and records the waits.
type fake struct {
	mu     sync.Mutex
	sleeps []time.Duration
}

func (f *fake) install(c *client, now time.Time) {
	c.now = func() time.Time { return now }
	c.sleep = func(_ context.Context, d time.Duration) error {
		f.mu.Lock()
		f.sleeps = append(f.sleeps, d)
		f.mu.Unlock()
		return nil
	}
	c.jitter = func(max time.Duration) time.Duration { return max }
}

func httpClient(t *testing.T, url string, o Options) *client {
	t.Helper()
	tg, err := NewHTTP(url, o)
	if err != nil {
		t.Fatal(err)
	}
	return tg.(*client)
}

var authRE = regexp.MustCompile(`^AWS4-HMAC-SHA256 Credential=AKIDTEST/(\d{8})/eu-west-1/cognito-idp/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$`)

func TestCallSignsAndSendsBodyExactly(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	srv, got := recorder(t, ok200)
	creds := aws.Credentials{AccessKeyID: "AKIDTEST", SecretAccessKey: "test-secret-not-real"}
	c := httpClient(t, srv.URL, Options{Region: "eu-west-1", Credentials: aws.CredentialsProviderFunc(
		func(context.Context) (aws.Credentials, error) { return creds, nil })})
	// Invalid JSON with a non-ASCII character and a trailing space: fixtures send such bodies on purpose.
	body := []byte("{\"ClientName\": \"caf\u00e9\", \"UserPoolId\": ")
	resp, err := c.Call(context.Background(), "UpdateUserPoolClient", body)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(resp.Status).To(Equal(200))

	g.Expect(got()).To(HaveLen(1))
	r := got()[0]
	g.Expect(r.method).To(Equal(http.MethodPost))
	g.Expect(r.body).To(Equal(body), "body byte-exact")
	g.Expect(r.header.Get("X-Amz-Target")).To(Equal("AWSCognitoIdentityProviderService.UpdateUserPoolClient"))
	g.Expect(r.header.Get("Content-Type")).To(Equal("application/x-amz-json-1.1"))
	m := authRE.FindStringSubmatch(r.header.Get("Authorization"))
	g.Expect(m).NotTo(BeNil(), "Authorization header %q", r.header.Get("Authorization"))
	g.Expect(strings.Split(m[2], ";")).To(ContainElements("host", "x-amz-date", "x-amz-target", "content-type"))

	// Verify the signature: re-sign the request as received with the same key and time.
	when, err := time.Parse("20060102T150405Z", r.header.Get("X-Amz-Date"))
	g.Expect(err).NotTo(HaveOccurred())
	re, _ := http.NewRequest(http.MethodPost, "http://"+r.host+"/", strings.NewReader(string(r.body)))
	for _, k := range []string{"Content-Type", "X-Amz-Target"} {
		re.Header.Set(k, r.header.Get(k))
	}
	re.ContentLength = int64(len(r.body))
	sum := sha256.Sum256(r.body)
	g.Expect(v4.NewSigner().SignHTTP(context.Background(), creds, re, hex.EncodeToString(sum[:]), "cognito-idp", "eu-west-1", when)).To(Succeed())
	g.Expect(re.Header.Get("Authorization")).To(Equal(r.header.Get("Authorization")))
}

func TestServerErrorIsAResponse(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	srv, _ := recorder(t, func(_ int, w http.ResponseWriter) {
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, `{"__type":"InternalErrorException","message":"boom"}`)
	})
	resp, err := httpClient(t, srv.URL, Options{}).Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(resp.Status).To(Equal(500))
	g.Expect(string(resp.Body)).To(ContainSubstring("InternalErrorException"))
}

func TestPacingWaitsOnTheLimiter(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	srv, got := recorder(t, ok200)
	c := httpClient(t, srv.URL, Options{RPS: 10})
	f := &fake{}
	f.install(c, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) // a frozen clock: every call arrives at once
	for range 4 {
		_, err := c.Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
		g.Expect(err).NotTo(HaveOccurred())
	}
	g.Expect(got()).To(HaveLen(4))
	// 10 requests per second, burst 1: the first goes at once, the others 100ms apart.
	g.Expect(f.sleeps).To(Equal([]time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond}))
	g.Expect(c.Stats().Waited).To(Equal(600 * time.Millisecond))
}

func TestUnpacedNeverWaits(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	srv, _ := recorder(t, ok200)
	c := httpClient(t, srv.URL, Options{})
	f := &fake{}
	f.install(c, time.Now())
	for range 3 {
		_, err := c.Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
		g.Expect(err).NotTo(HaveOccurred())
	}
	g.Expect(f.sleeps).To(BeEmpty())
}

func TestRetriesOnTooManyRequests(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		throttles, maxRetries int
		wantErr               bool
		wantRequests          int64
		wantSleeps            []time.Duration
	}{
		// Two throttles, then success: retried with doubling backoff (jitter pinned to its max).
		"recovers": {throttles: 2, maxRetries: 0, wantRequests: 3,
			wantSleeps: []time.Duration{200 * time.Millisecond, 400 * time.Millisecond}},
		// Throttled past the retries: a target error, never a violation.
		"gives-up": {throttles: 100, maxRetries: 2, wantErr: true, wantRequests: 3,
			wantSleeps: []time.Duration{200 * time.Millisecond, 400 * time.Millisecond}},
		// No retries at all.
		"disabled": {throttles: 100, maxRetries: -1, wantErr: true, wantRequests: 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			srv, _ := recorder(t, func(n int, w http.ResponseWriter) {
				if n <= tc.throttles {
					throttle(w)
					return
				}
				ok200(n, w)
			})
			c := httpClient(t, srv.URL, Options{MaxRetries: tc.maxRetries})
			f := &fake{}
			f.install(c, time.Now())
			resp, err := c.Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
			st := c.Stats()
			g.Expect(st.Requests).To(Equal(tc.wantRequests))
			g.Expect(st.Retries).To(Equal(tc.wantRequests - 1))
			g.Expect(st.Throttled).To(Equal(min(int64(tc.throttles), tc.wantRequests)))
			g.Expect(f.sleeps).To(Equal(tc.wantSleeps))
			if tc.wantErr {
				var te *Error
				g.Expect(errors.As(err, &te)).To(BeTrue())
				g.Expect(errors.Is(err, ErrThrottled)).To(BeTrue())
				return
			}
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(resp.Status).To(Equal(200))
		})
	}
}

func TestBackoffIsCappedAndJittered(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	c := newClient("x", "http://127.0.0.1", Options{}.withDefaults(true))
	c.jitter = func(max time.Duration) time.Duration { return max }
	g.Expect(c.backoff(0)).To(Equal(defaultBackoffBase))
	g.Expect(c.backoff(30)).To(Equal(defaultBackoffMax))
	for range 100 {
		g.Expect(fullJitter(time.Second)).To(BeNumerically("<=", time.Second))
	}
}

func TestBudget(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	srv, got := recorder(t, ok200)
	c := httpClient(t, srv.URL, Options{MaxRequests: 2})
	ctx := context.Background()
	for range 2 {
		_, err := c.Call(ctx, "UpdateUserPoolClient", []byte(`{}`))
		g.Expect(err).NotTo(HaveOccurred())
	}
	_, err := c.Call(ctx, "UpdateUserPoolClient", []byte(`{}`))
	var te *Error
	g.Expect(errors.As(err, &te)).To(BeTrue())
	g.Expect(te.Operation).To(Equal("UpdateUserPoolClient"))
	g.Expect(errors.Is(err, ErrBudgetExhausted)).To(BeTrue())
	g.Expect(got()).To(HaveLen(2), "the refused request is not sent")
	// Cleanup still gets through.
	_, err = c.Call(Unbudgeted(ctx), "DeleteUserPool", []byte(`{}`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(c.Stats().Errors).To(Equal(int64(1)))
}

func TestTargetErrors(t *testing.T) {
	t.Parallel()
	// A port that was just closed: connection refused.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + l.Addr().String()
	l.Close()
	// A server that answers something that is not HTTP.
	garbage := rawServer(t, func(c net.Conn) { _, _ = io.WriteString(c, "SSH-2.0-OpenSSH_9.6\r\n\r\n") })
	// A server that never answers within the timeout.
	stop := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	t.Cleanup(hang.Close)
	t.Cleanup(func() { close(stop) }) // runs first: releases the handler so Close returns

	cases := map[string]struct {
		url    string
		target error // wrapped cause, nil if any
	}{
		"connection-refused": {url: refused},
		"not-http":           {url: garbage},
		"timeout":            {url: hang.URL, target: context.DeadlineExceeded},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			c := httpClient(t, tc.url, Options{Timeout: 100 * time.Millisecond})
			resp, err := c.Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
			g.Expect(resp).To(BeNil())
			var te *Error
			g.Expect(errors.As(err, &te)).To(BeTrue(), "got %v", err)
			g.Expect(te.Target).To(Equal(tc.url))
			g.Expect(te.Error()).To(ContainSubstring(tc.url))
			if tc.target != nil {
				g.Expect(errors.Is(err, tc.target)).To(BeTrue(), "got %v", err)
			}
		})
	}
}

func rawServer(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 4096)
			_, _ = c.Read(buf)
			serve(c)
			c.Close()
		}
	}()
	return "http://" + l.Addr().String()
}

func TestNewHTTPValidatesTheURL(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		endpoint, want string
	}{
		"empty":         {"", "empty"},
		"no-scheme":     {"127.0.0.1:9229", "expected an absolute http://"},
		"ftp":           {"ftp://127.0.0.1", `scheme "ftp"`},
		"no-host":       {"http://", "no host"},
		"user-info":     {"http://user:pw@127.0.0.1:9229", "user info"},
		"query":         {"http://127.0.0.1:9229/?a=b", "query"},
		"trailing-junk": {"http://127.0.0.1:9229/#x", "fragment"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			_, err := NewHTTP(tc.endpoint, Options{})
			g.Expect(err).To(MatchError(ContainSubstring(tc.want)))
			g.Expect(err.Error()).To(ContainSubstring("target endpoint"))
		})
	}
	g := NewWithT(t)
	tg, err := NewHTTP("http://127.0.0.1:9229/", Options{})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(tg.Name()).To(Equal("http://127.0.0.1:9229"))
	g.Expect(tg.Region()).To(Equal(DefaultRegion))
}

func TestCancelledWhilePacingSendsNothing(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	srv, got := recorder(t, ok200)
	c := httpClient(t, srv.URL, Options{RPS: 0.001}) // one request per 1000s
	_, err := c.Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
	g.Expect(err).NotTo(HaveOccurred())
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = c.Call(ctx, "UpdateUserPoolClient", []byte(`{}`))
	g.Expect(errors.Is(err, context.DeadlineExceeded)).To(BeTrue(), "got %v", err)
	g.Expect(got()).To(HaveLen(1))
	g.Expect(c.Stats().Requests).To(Equal(int64(1)))
}
