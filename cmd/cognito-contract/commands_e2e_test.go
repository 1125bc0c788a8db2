package main

import (
	"os"
	"path/filepath"
	"testing"

	. "github.com/onsi/gomega"
)

func TestModelFlag(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	model := "../../contracts/model/cognito-idp.smithy.json"
	res := cli(t, nil, "run", "--model", model, "--run", "^ClientName/", "--fuzz", "0", "--format", "json")
	g.Expect(res.code).To(Equal(exitOK), res.stderr)
	g.Expect(res.stdout).To(ContainSubstring(`"model": "` + model + `"`))
	bad := filepath.Join(t.TempDir(), "model.json")
	g.Expect(os.WriteFile(bad, []byte(`{"smithy":"2.0","shapes":{}}`), 0o644)).To(Succeed())
	res = cli(t, nil, "fuzz", "--model", bad, "--n", "5")
	g.Expect(res.code).To(Equal(exitUsage), res.stdout+res.stderr)
	g.Expect(res.stderr).To(ContainSubstring("--model " + bad))
}

func TestRecordThenCheck(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	out := filepath.Join(t.TempDir(), "recorded")
	res := cli(t, nil, "record", "--target", "mock", "--in", "../../fixtures/library", "--out", out)
	g.Expect(res.code).To(Equal(exitOK), res.stdout+res.stderr)
	g.Expect(res.stdout).To(MatchRegexp(`recorded \d+ fixtures into `))
	check := cli(t, nil, "fixtures", "check", out)
	g.Expect(check.code).To(Equal(exitOK), check.stdout+check.stderr)
}

func TestDiffAndFuzzCommands(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	url := serve(t)
	res := cli(t, nil, "diff", "--target", "mock", "--target", url, "--rps", "0", "--run", "^(ClientName|AllowedOAuthFlows)/")
	g.Expect(res.code).To(Equal(exitOK), res.stdout+res.stderr)
	g.Expect(res.stdout).To(ContainSubstring("ok UpdateUserPoolClient against mock vs " + url))
	res = cli(t, nil, "fuzz", "--n", "60", "--seed", "3")
	g.Expect(res.code).To(Equal(exitOK), res.stdout+res.stderr)
	g.Expect(res.stdout).To(ContainSubstring("fuzz        60 executions: 0 findings"), "the campaign's size, not its one case")
}
