package fuzz

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/fixtures"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// TargetEnv names the environment variable that points the native fuzz targets at an
// endpoint ("http://127.0.0.1:9229"); unset, they fuzz the embedded emulator in-process.
const TargetEnv = "COGNITO_CONTRACT_TARGET"

// nativeEndpoint is the URL the native targets' SDK client and raw sender use for the
// embedded emulator; httpmock answers it, nothing is dialled.
const nativeEndpoint = "https://cognito-idp.us-east-1.amazonaws.com"

// nativeSetup is provisioned once per process: `go test -fuzz` runs the fuzz function in
// worker processes, each with its own emulator (or its own pools on the endpoint).
var nativeSetup struct {
	once   sync.Once
	gen    *Generator
	h      *Harness
	states []contracts.State
	envs   []*target.Env
	err    error
}

func nativeHarness(f *testing.F) (*Generator, *Harness, []contracts.State) {
	n := &nativeSetup
	n.once.Do(func() {
		var t target.Target
		var direct *httpmock.MockTransport
		if url := os.Getenv(TargetEnv); url != "" {
			t, n.err = target.NewHTTP(url, target.Options{})
			if n.err != nil {
				return
			}
		} else {
			// The embedded emulator: provisioned through the target, fuzzed over httpmock
			// (Harness.SendDirect: no per-call deadline, goroutine or pacing).
			e := emulator.New()
			t = target.NewInProcessResponder(e.Responder(), target.Options{})
			direct = httpmock.NewMockTransport()
			e.Register(direct, nativeEndpoint)
		}
		n.envs, n.states, n.err = provision(context.Background(), t, target.ProvisionOptions{})
		if n.err != nil {
			return
		}
		n.gen, n.err = NewGenerator(nil, n.states...)
		n.h = NewHarness(nil, t, n.states...)
		if direct != nil {
			n.h.SendDirect(&http.Client{Transport: direct}, nativeEndpoint)
		}
	})
	if n.err != nil {
		f.Fatalf("%s=%q: %v", TargetEnv, os.Getenv(TargetEnv), n.err)
	}
	return n.gen, n.h, n.states
}

// TestMain deletes what the native targets provisioned on an endpoint.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, e := range nativeSetup.envs {
		if err := e.Cleanup(context.Background()); err != nil {
			os.Stderr.WriteString("fuzz: cleanup: " + err.Error() + "\n")
		}
	}
	os.Exit(code)
}

// corpus returns the request bodies of the fixture library, placeholders filled in for the
// first provisioned state: the seed corpus of both native targets.
func corpus(f *testing.F, st contracts.State) [][]byte {
	suite, err := fixtures.LoadDir(filepath.Join("..", "fixtures", "library"))
	if err != nil {
		f.Fatalf("seed corpus: %v", err)
	}
	vars := fixtures.Vars{fixtures.UserPoolIDPlaceholder: st.Pool.ID, fixtures.ClientIDPlaceholder: st.Client.ID}
	var out [][]byte
	for _, fx := range suite.Fixtures {
		if fx.Request.Op() == operation {
			out = append(out, fixtures.Substitute(fx.Request.Body, vars))
		}
	}
	return out
}

func check(t *testing.T, h *Harness, c Case) {
	res, err := h.Execute(context.Background(), c)
	if err != nil {
		t.Fatalf("target error: %v", err)
	}
	for _, d := range res.Findings {
		t.Errorf("%s %s: %s\n    body: %.300s", c.Mode, c.ID, d, c.Body)
	}
}

// FuzzUpdateUserPoolClient turns the fuzzer's bytes into a structured request (positive,
// negative or raw mode) through NewFromGoFuzz and checks the answer with the oracle.
func FuzzUpdateUserPoolClient(f *testing.F) {
	gen, h, states := nativeHarness(f)
	for _, b := range corpus(f, states[0]) {
		f.Add(b) // any bytes seed the source; fixture bodies give varied ones
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		check(t, h, gen.Draw(NewFromGoFuzz(data)))
	})
}

// FuzzRawBody sends the fuzzer's bytes as the request body, as they are.
func FuzzRawBody(f *testing.F) {
	_, h, states := nativeHarness(f)
	for _, b := range corpus(f, states[0]) {
		f.Add(b)
	}
	f.Add([]byte{})    // the empty input {} (S5; contracts.RequestBody)
	f.Add([]byte(" ")) // whitespace only: the same
	f.Fuzz(func(t *testing.T, body []byte) {
		check(t, h, Case{ID: "body/native", Mode: Raw, Body: body})
	})
}
