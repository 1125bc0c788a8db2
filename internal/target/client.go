package target

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"golang.org/x/time/rate"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// client is the one request pipeline behind every target: budget, pacing, SigV4 signing,
// per-attempt timeout, retries of TooManyRequestsException.
type client struct {
	name, region string
	endpoint     string
	targetPrefix string // X-Amz-Target prefix, the model's service shape name (contract-facts §7, S5)
	opts         Options
	httpc        *http.Client
	signer       *v4.Signer
	limiter      *rate.Limiter
	allowed      map[string]bool // nil: every operation
	guard        *poolGuard      // nil: any pool

	// Seams for tests: the clock, how waiting is done, and the jitter source.
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func(max time.Duration) time.Duration

	mu    sync.Mutex
	stats Stats
}

func newClient(name, endpoint string, o Options) *client {
	c := &client{
		name:         name,
		region:       o.Region,
		endpoint:     endpoint,
		targetPrefix: contracts.DefaultModel().Service,
		opts:         o,
		httpc:        o.HTTPClient,
		signer:       v4.NewSigner(),
		now:          time.Now,
		sleep:        sleepCtx,
		jitter:       fullJitter,
	}
	if o.OnlyOwnPools {
		c.guard = &poolGuard{own: map[string]bool{}}
	}
	if o.RPS > 0 {
		c.limiter = rate.NewLimiter(rate.Limit(o.RPS), 1)
	}
	return c
}

func (c *client) Name() string   { return c.name }
func (c *client) Region() string { return c.region }

// Stats returns a snapshot of the counters.
func (c *client) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

func (c *client) count(f func(s *Stats)) {
	c.mu.Lock()
	f(&c.stats)
	c.mu.Unlock()
}

// Call implements Target.
func (c *client) Call(ctx context.Context, operation string, body []byte) (*Response, error) {
	resp, err := c.call(ctx, operation, body)
	if err != nil {
		c.count(func(s *Stats) { s.Errors++ })
		return nil, &Error{Target: c.name, Operation: operation, Err: err}
	}
	return resp, nil
}

func (c *client) call(ctx context.Context, operation string, body []byte) (*Response, error) {
	if c.allowed != nil && !c.allowed[operation] {
		return nil, fmt.Errorf("%w: %s is not among the operations cognito-contract may call on AWS (docs/iam-policy.json)", ErrOperationNotAllowed, operation)
	}
	if c.guard != nil {
		if err := c.guard.check(operation, body); err != nil {
			return nil, err
		}
	}
	for attempt := 0; ; attempt++ {
		if err := c.spend(ctx); err != nil {
			return nil, err
		}
		if err := c.pace(ctx); err != nil {
			c.count(func(s *Stats) { s.Requests-- }) // not sent after all
			return nil, err
		}
		resp, err := c.send(ctx, operation, body)
		if err != nil {
			return nil, err
		}
		if !isThrottle(resp) {
			if c.guard != nil {
				c.guard.learn(operation, resp)
			}
			return resp, nil
		}
		c.count(func(s *Stats) { s.Throttled++ })
		if attempt >= c.opts.MaxRetries {
			return nil, fmt.Errorf("%w (%d attempts)", ErrThrottled, attempt+1)
		}
		c.count(func(s *Stats) { s.Retries++ })
		if err := c.wait(ctx, c.backoff(attempt)); err != nil {
			return nil, err
		}
	}
}

// spend takes one request from the budget, or refuses.
func (c *client) spend(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.opts.MaxRequests > 0 && c.stats.Requests >= int64(c.opts.MaxRequests) && !isUnbudgeted(ctx) {
		return fmt.Errorf("%w: %d requests sent, --max-requests %d", ErrBudgetExhausted, c.stats.Requests, c.opts.MaxRequests)
	}
	c.stats.Requests++
	return nil
}

// pace waits for the limiter's reservation, read on the injected clock.
func (c *client) pace(ctx context.Context) error {
	if c.limiter == nil {
		return nil
	}
	now := c.now()
	r := c.limiter.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if err := c.wait(ctx, d); err != nil {
		r.CancelAt(now)
		return err
	}
	return nil
}

func (c *client) wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	c.count(func(s *Stats) { s.Waited += d })
	return c.sleep(ctx, d)
}

// backoff is exponential from defaultBackoffBase, capped, with full jitter.
func (c *client) backoff(attempt int) time.Duration {
	d := defaultBackoffBase << min(attempt, 16)
	return c.jitter(min(d, defaultBackoffMax))
}

// send makes one attempt: build, sign, send, read.
func (c *client) send(ctx context.Context, operation string, body []byte) (*Response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.ContentLength = int64(len(body))
	req.Header.Set("Content-Type", contentTypeAmzJSON11)
	req.Header.Set("X-Amz-Target", c.targetPrefix+"."+operation)
	creds, err := c.opts.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, fmt.Errorf("credentials: %w", err)
	}
	sum := sha256.Sum256(body)
	if err := c.signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), signingName, c.region, c.now()); err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	start := time.Now()
	hr, err := c.httpc.Do(req)
	if err != nil {
		return nil, err
	}
	defer hr.Body.Close()
	b, err := io.ReadAll(io.LimitReader(hr.Body, DefaultMaxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the response body: %w", err)
	}
	if len(b) > DefaultMaxResponseBytes {
		return nil, fmt.Errorf("response body larger than %d bytes", DefaultMaxResponseBytes)
	}
	return &Response{Status: hr.StatusCode, Header: hr.Header, Body: b, Duration: time.Since(start)}, nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func fullJitter(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return rand.N(max + 1)
}

// isThrottle reports a TooManyRequestsException answer. The real service sends it with 400
// (contract-facts §5, OB-26), the model's @httpError says 429: both count.
func isThrottle(r *Response) bool {
	if r.Status != http.StatusBadRequest && r.Status != http.StatusTooManyRequests {
		return false
	}
	code, _ := contracts.ErrorCode(r.Header, r.Body)
	return code == throttlingErrorCode
}
