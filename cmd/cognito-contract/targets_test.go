package main

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// The pacing of an endpoint URL: DefaultRemoteRPS (Cognito's quota) unless the endpoint is on
// loopback, where nothing is paced; --rps always wins.
func TestEndpointRPS(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		spec string
		rps  float64 // the --rps flag; -1 = not given
		want float64
	}{
		"ipv4 loopback":             {"http://127.0.0.1:9229", -1, 0},
		"ipv4 loopback, other /8":   {"http://127.1.2.3:9229/", -1, 0},
		"ipv6 loopback":             {"http://[::1]:9229", -1, 0},
		"localhost":                 {"http://localhost:9229", -1, 0},
		"localhost, upper case":     {"https://LocalHost", -1, 0},
		"remote host":               {"https://cognito-idp.us-east-1.amazonaws.com", -1, DefaultRemoteRPS},
		"private address":           {"http://10.0.0.5:9229", -1, DefaultRemoteRPS},
		"localhost lookalike":       {"http://localhost.example.com", -1, DefaultRemoteRPS},
		"loopback with --rps 2":     {"http://127.0.0.1:9229", 2, 2},
		"remote with --rps 0":       {"https://cognito.example.com", 0, 0},
		"unparsable stays cautious": {"http://[::1", -1, DefaultRemoteRPS},
	} {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			g.Expect(endpointRPS(tc.spec, &targetFlags{rps: tc.rps})).To(Equal(tc.want))
		})
	}
}

// A plain --target http://127.0.0.1:PORT sends back to back: three calls wait for no pacing
// (at 4 rps they would wait about half a second).
func TestLoopbackTargetIsUnpacedByDefault(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	srv := httptest.NewServer(emulator.New())
	defer srv.Close()
	g.Expect(strings.HasPrefix(srv.URL, "http://127.0.0.1:")).To(BeTrue(), srv.URL)
	tf := targetFlags{rps: -1, timeout: 5 * time.Second}
	tg, err := openTarget(context.Background(), srv.URL, &tf, contracts.UpdateUserPoolClient, 1)
	g.Expect(err).NotTo(HaveOccurred())
	for i := 0; i < 3; i++ {
		_, err := tg.t.Call(context.Background(), "DescribeUserPool", []byte(`{"UserPoolId":"us-east-1_none"}`))
		g.Expect(err).NotTo(HaveOccurred())
	}
	st := tg.t.(target.StatsReporter).Stats()
	g.Expect(st.Requests).To(BeEquivalentTo(3))
	g.Expect(st.Waited).To(BeZero(), "a loopback endpoint is not paced")
}
