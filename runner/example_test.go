package runner_test

import (
	"context"
	"fmt"
	"os"
	"regexp"

	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/runner"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// Run the contract cases of one member against the embedded emulator and write the JUnit
// report a CI system reads.
func ExampleRun() {
	tg := target.NewInProcess(emulator.New(), target.Options{})
	r := runner.Run(context.Background(), runner.Options{
		Target: tg,
		Seed:   1,
		Run:    regexp.MustCompile(`^ClientName/(too-long|max-length)$`),
	})
	for _, c := range r.Cases {
		fmt.Println(c.ID, c.Status)
	}
	fmt.Println("exit code", r.ExitCode())
	if err := runner.WriteJUnit(os.Stderr, r); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ClientName/max-length pass
	// ClientName/too-long pass
	// exit code 0
}
