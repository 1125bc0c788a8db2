package fuzz_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/jarcoal/httpmock"

	"github.com/cognito-contract/cognito-contract/fuzz"
	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// A seeded campaign against the embedded emulator in-process. The SDK's requests reach the
// emulator over httpmock; provisioning and raw requests go through the target.
func ExampleCampaign() {
	e := emulator.New()
	mt := httpmock.NewMockTransport()
	const endpoint = "https://cognito-idp.us-east-1.amazonaws.com"
	e.Register(mt, endpoint)
	c := fuzz.Campaign{
		Target:        target.NewInProcessResponder(e.Responder(), target.Options{}),
		Seed:          1,
		N:             100,
		SDKHTTPClient: &http.Client{Transport: mt},
		SDKEndpoint:   endpoint,
	}
	rep, err := c.Run(context.Background())
	if err != nil {
		fmt.Println("harness error:", err)
		return
	}
	fmt.Printf("%d cases, %d findings\n", rep.Executions, len(rep.Findings))
	for _, f := range rep.Findings {
		fmt.Println(f)                  // the violation, in the house format
		fmt.Printf("%s\n", f.Fixture()) // a fixture to drop into fixtures/library
		fmt.Println(f.CLICommand())     // the same request with the aws CLI
	}
	// Output: 100 cases, 0 findings
}
