package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/runner"
)

// writeFixture writes one fixture file into dir.
func writeFixture(t *testing.T, dir, name, doc string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A malformed fixture given to run --fixtures is bad input: exit 2, naming the file and the
// JSON path, before anything is sent.
func TestRunMalformedFixtureIsUsageError(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	dir := t.TempDir()
	writeFixture(t, dir, "bad.json", `{"name":"x/bad","source":"test","request":{"body":{}},"response":{"status":200,"body":[1]}}`)
	res := cli(t, nil, "run", "--fuzz", "0", "--fixtures", dir)
	g.Expect(res.code).To(Equal(exitUsage), res.stdout+res.stderr)
	g.Expect(res.stderr).To(ContainSubstring("bad.json: $.response.body: a success body must be a JSON object"))
	g.Expect(res.stdout).To(BeEmpty(), "no case ran")
}

// smallSuite copies two library fixtures into a fresh directory.
func smallSuite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"clientname-max-length.json", "clientname-too-long.json"} {
		b, err := os.ReadFile(filepath.Join("../../fixtures/library", name))
		if err != nil {
			t.Fatal(err)
		}
		writeFixture(t, dir, name, string(b))
	}
	return dir
}

// record refuses to write over its input or over existing files (unless --force), before
// anything is sent: usage errors, exit 2.
func TestRecordRefusesToOverwrite(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	in := smallSuite(t)
	before, err := os.ReadFile(filepath.Join(in, "clientname-max-length.json"))
	g.Expect(err).NotTo(HaveOccurred())

	for name, out := range map[string]string{"same dir": in, "same dir spelled otherwise": in + "/./", "inside": filepath.Join(in, "recorded")} {
		res := cli(t, nil, "record", "--in", in, "--out", out)
		g.Expect(res.code).To(Equal(exitUsage), name+": "+res.stdout+res.stderr)
		g.Expect(res.stderr).To(ContainSubstring("is the input directory"), name)
	}
	after, _ := os.ReadFile(filepath.Join(in, "clientname-max-length.json"))
	g.Expect(string(after)).To(Equal(string(before)), "the input is untouched")
	_, err = os.Stat(filepath.Join(in, "recorded"))
	g.Expect(os.IsNotExist(err)).To(BeTrue(), "nothing created inside the input")

	out := filepath.Join(t.TempDir(), "rec")
	first := cli(t, nil, "record", "--in", in, "--out", out)
	g.Expect(first.code).To(Equal(exitOK), first.stdout+first.stderr)
	again := cli(t, nil, "record", "--in", in, "--out", out)
	g.Expect(again.code).To(Equal(exitUsage), again.stdout+again.stderr)
	g.Expect(again.stderr).To(ContainSubstring("already exist: pass --force to overwrite them"))
	forced := cli(t, nil, "record", "--in", in, "--out", out, "--force")
	g.Expect(forced.code).To(Equal(exitOK), forced.stdout+forced.stderr)
	g.Expect(forced.stdout).To(ContainSubstring("recorded 2 fixtures into " + out))
}

// run --record-out keeps stdout for the report (valid JSON with --format json), records only
// what --run selects, and a failed recording is a harness error (exit 3).
func TestRunRecordOut(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	in := smallSuite(t)
	out := filepath.Join(t.TempDir(), "rec")
	res := cli(t, nil, "run", "--fuzz", "0", "--format", "json", "--fixtures", in, "--run", "ClientName/max-length$", "--record-out", out)
	g.Expect(res.code).To(Equal(exitOK), res.stdout+res.stderr)
	var report map[string]any
	g.Expect(json.Unmarshal([]byte(res.stdout), &report)).To(Succeed(), "stdout is the JSON report alone")
	g.Expect(res.stderr).To(ContainSubstring("recorded 1 fixtures into " + out))
	entries, err := os.ReadDir(out)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(entries).To(HaveLen(1), "--run selects what is recorded")
	g.Expect(entries[0].Name()).To(Equal("clientname-max-length.json"))

	// A directory that cannot be created (under a regular file): exit 3, said on stderr.
	file := filepath.Join(t.TempDir(), "file")
	g.Expect(os.WriteFile(file, nil, 0o644)).To(Succeed())
	bad := cli(t, nil, "run", "--fuzz", "0", "--fixtures", in, "--run", "ClientName/max-length$", "--record-out", filepath.Join(file, "sub"))
	g.Expect(bad.code).To(Equal(exitHarness), bad.stdout+bad.stderr)
	g.Expect(bad.stderr).To(ContainSubstring("--record-out"))

	// --record-out inside --fixtures: usage error before anything runs.
	inside := cli(t, nil, "run", "--fuzz", "0", "--fixtures", in, "--record-out", filepath.Join(in, "x"))
	g.Expect(inside.code).To(Equal(exitUsage), inside.stdout+inside.stderr)
	g.Expect(inside.stdout).To(BeEmpty())
}

// A --run that selects nothing warns on stderr, naming the regexp (a fixture's rerun line
// without --fixtures used to run 0 cases and exit 0 in silence).
func TestRunSelectsNothingWarns(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	none := cli(t, nil, "run", "--fuzz", "0", "--run", "No/such-case")
	g.Expect(none.code).To(Equal(exitOK), none.stdout+none.stderr)
	g.Expect(none.stderr).To(ContainSubstring(`warning: --run "No/such-case" matches no case`))

	some := cli(t, nil, "run", "--fuzz", "0", "--run", "ClientName/too-long$")
	g.Expect(some.stderr).NotTo(ContainSubstring("warning"))
}

// The rerun line printed for a failing fixture names its --fixtures directory: run as printed,
// it replays that one fixture (it used to select nothing and exit 0).
func TestFixtureRerunLineReplaysTheFixture(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	dir := t.TempDir()
	writeFixture(t, dir, "wrong.json", `{"name":"ClientName/wrong-expectation","source":"test","request":{"body":{"UserPoolId":"{{UserPoolId}}","ClientId":"{{ClientId}}","ClientName":"x"}},"response":{"status":400,"body":{"__type":"InvalidParameterException"}}}`)
	js := filepath.Join(t.TempDir(), "r.json")
	first := cli(t, nil, "run", "--fuzz", "0", "--fixtures", dir, "--run", "wrong-expectation", "--json", js)
	g.Expect(first.code).To(Equal(exitViolation), first.stdout+first.stderr)
	r := readReport(t, js)
	var line string
	for _, c := range r.Cases {
		if c.ID == "ClientName/wrong-expectation" {
			line = c.Rerun
		}
	}
	g.Expect(line).To(ContainSubstring("--fixtures " + dir))
	sh := exec.Command("sh", "-c", line+" --json "+js)
	sh.Env = []string{"PATH=" + filepath.Dir(bin) + ":" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	out, err := sh.CombinedOutput()
	g.Expect(err).To(HaveOccurred(), "the fixture still fails: exit 1\n%s", out)
	again := readReport(t, js)
	g.Expect(again.Summary.Total).To(Equal(1), "%s", out)
	g.Expect(again.Cases[0].ID).To(Equal("ClientName/wrong-expectation"))
	g.Expect(again.Cases[0].Status).To(Equal(runner.StatusFail))
}
