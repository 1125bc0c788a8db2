package target

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

func TestInProcess(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	var gotBody []byte
	var gotHeader http.Header
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotBody, _ = io.ReadAll(r.Body)
		gotHeader = r.Header.Clone()
		w.Header().Set("X-Amzn-RequestId", "r-1")
		w.WriteHeader(http.StatusTeapot)
		_, _ = io.WriteString(w, `{"x":1}`)
	})
	tg := NewInProcess(h, Options{})
	g.Expect(tg.Name()).To(Equal("mock"))
	g.Expect(tg.Region()).To(Equal("us-east-1"))
	resp, err := tg.Call(context.Background(), "DescribeUserPool", []byte(`not json`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(resp.Status).To(Equal(http.StatusTeapot))
	g.Expect(resp.Header.Get("X-Amzn-RequestId")).To(Equal("r-1"))
	g.Expect(string(resp.Body)).To(Equal(`{"x":1}`))
	g.Expect(string(gotBody)).To(Equal("not json"))
	g.Expect(gotHeader.Get("X-Amz-Target")).To(Equal("AWSCognitoIdentityProviderService.DescribeUserPool"))
	g.Expect(gotHeader.Get("Authorization")).To(HavePrefix("AWS4-HMAC-SHA256 Credential=" + dummyAccessKeyID + "/"))
	g.Expect(tg.(StatsReporter).Stats().Requests).To(Equal(int64(1)))
}

func TestInProcessFailures(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	cases := map[string]struct {
		h     http.Handler
		opts  Options
		cause error
		text  string
	}{
		// The emulator panicking is a target error, not a crash of the run.
		"panic": {h: http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }), text: "panicked: boom"},
		// A handler that blocks past the timeout.
		"timeout": {h: http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }),
			opts: Options{Timeout: 50 * time.Millisecond}, cause: context.DeadlineExceeded},
		// In-process targets do not retry by default: a throttle is a target error at once.
		"throttled":   {h: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { throttle(w) }), cause: ErrThrottled},
		"nil-handler": {h: nil, text: "no handler"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			tg := NewInProcess(tc.h, tc.opts)
			_, err := tg.Call(context.Background(), "UpdateUserPoolClient", []byte(`{}`))
			var te *Error
			g.Expect(errors.As(err, &te)).To(BeTrue(), "got %v", err)
			g.Expect(te.Target).To(Equal("mock"))
			if tc.cause != nil {
				g.Expect(errors.Is(err, tc.cause)).To(BeTrue(), "got %v", err)
			}
			g.Expect(err.Error()).To(ContainSubstring(tc.text))
			g.Expect(tg.(StatsReporter).Stats().Requests).To(Equal(int64(1)))
		})
	}
}
