package target_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// Provision a pool and a client on the in-process emulator, send one UpdateUserPoolClient
// with the placeholders of a fixture filled in, and clean up.
func ExampleProvision() {
	ctx := context.Background()
	tg := target.NewInProcess(emulator.New(), target.Options{})
	env, err := target.Provision(ctx, tg, target.Setup{}, target.ProvisionOptions{})
	if err != nil {
		fmt.Println("provision:", err)
		return
	}
	defer env.Cleanup(ctx) // runs even after Ctrl-C: Cleanup ignores cancellation

	body := `{"UserPoolId":"{{UserPoolId}}","ClientId":"{{ClientId}}","ClientName":"renamed"}`
	for k, v := range env.Placeholders() {
		body = strings.ReplaceAll(body, k, v)
	}
	resp, err := tg.Call(ctx, "UpdateUserPoolClient", []byte(body))
	if err != nil {
		fmt.Println("target error:", err) // exit code 3
		return
	}
	fmt.Println(resp.Status, strings.Contains(string(resp.Body), `"ClientName":"renamed"`))
	// Output: 200 true
}
