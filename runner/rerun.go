package runner

import (
	"fmt"
	"regexp"
	"strings"
)

// DefaultSeed is the --seed of a command line that gives none.
const DefaultSeed int64 = 1

// SandboxAccountVar is the shell variable a rerun line of an AWS run names instead of the
// sandbox account id, which never reaches a report: --sandbox-account "$SANDBOX_ACCOUNT".
const SandboxAccountVar = "SANDBOX_ACCOUNT"

// Invocation is how the command line opened the target, so that the rerun line of every case
// repeats it: `--target aws --sandbox-account "$SANDBOX_ACCOUNT" --region eu-west-1`, not the
// target's report name ("aws:eu-west-1" is no valid --target).
type Invocation struct {
	// Target is --target as given: "mock", "aws" or an endpoint URL. "" uses the target's Name.
	Target string
	// Region, Profile and Endpoint are --region, --profile and --endpoint ("" = not given).
	Region, Profile, Endpoint string
	// SandboxAccount is set for --target aws: the line carries --sandbox-account
	// "$SANDBOX_ACCOUNT" (SandboxAccountVar).
	SandboxAccount bool
}

// Rerun builds the command lines that run cases of a run again.
type Rerun struct {
	Invocation
	// Model is the --model file; "" or "embedded" for the embedded model.
	Model string
	// Seed is the run's seed; --seed is written when it is not DefaultSeed (or when asked).
	Seed int64
}

// flags are the flags that reopen the target and reload the model.
func (r Rerun) flags() string {
	var b strings.Builder
	fmt.Fprintf(&b, " --target %s", shellWord(r.Target))
	if r.SandboxAccount {
		fmt.Fprintf(&b, ` --sandbox-account "$%s"`, SandboxAccountVar)
	}
	for _, f := range []struct{ name, value string }{{"region", r.Region}, {"profile", r.Profile}, {"endpoint", r.Endpoint}} {
		if f.value != "" {
			fmt.Fprintf(&b, " --%s %s", f.name, shellWord(f.value))
		}
	}
	if r.Model != "" && r.Model != "embedded" {
		fmt.Fprintf(&b, " --model %s", shellWord(r.Model))
	}
	return b.String()
}

// Run is `cognito-contract run ... --run 'ID'`, with --seed when withSeed or when the seed is
// not the default one.
func (r Rerun) Run(id string, withSeed bool) string {
	cmd := ProgramName + " run" + r.flags() + " --run " + singleQuote(regexp.QuoteMeta(id))
	if withSeed || r.Seed != DefaultSeed {
		cmd += fmt.Sprintf(" --seed %d", r.Seed)
	}
	return cmd
}

// Fixture is Run for a case of the fixture library in dir: --fixtures DIR and no fuzz
// campaign.
func (r Rerun) Fixture(dir, id string) string {
	return r.Run(id, false) + " --fixtures " + shellWord(dir) + " --fuzz 0"
}

// Fuzz is `cognito-contract fuzz ... --seed S --n N`: the campaign again.
func (r Rerun) Fuzz(n int) string {
	return fmt.Sprintf("%s fuzz%s --seed %d --n %d", ProgramName, r.flags(), r.Seed, n)
}

// rerunner is the run's Rerun: Options.Invocation, defaulting to the target's name.
func (rs *runState) rerunner() Rerun {
	inv := rs.o.Invocation
	if inv.Target == "" {
		inv.Target = rs.t.Name()
	}
	return Rerun{Invocation: inv, Model: rs.o.Model, Seed: rs.o.Seed}
}

// rerun is the command that runs one contract or stateful case again.
func (rs *runState) rerun(id string, withSeed bool) string {
	return rs.rerunner().Run(id, withSeed)
}

// rerunFixture is the command that replays one fixture of Options.Fixtures again.
func (rs *runState) rerunFixture(id string) string {
	return rs.rerunner().Fixture(rs.o.Fixtures, id)
}

// fixtureReruns gives every case of the fixture suite the line that replays it with its
// fixtures directory (the suite builds its cases with rerun, which does not know the
// directory).
func (rs *runState) fixtureReruns() {
	for i := range rs.report.Cases {
		if c := &rs.report.Cases[i]; c.Suite == SuiteFixtures && rs.o.Fixtures != "" {
			c.Rerun = rs.rerunFixture(c.ID)
		}
	}
}
