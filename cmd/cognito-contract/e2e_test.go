package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/target/targettest"
	"github.com/cognito-contract/cognito-contract/runner"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// bin is the cognito-contract binary built once by TestMain.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cognito-contract-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "cognito-contract")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the binary: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary did.
type result struct {
	stdout, stderr string
	code           int
}

// cli runs the binary with args and a clean environment (plus env), bounded in time.
func cli(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(3 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("cognito-contract %v did not finish in 3 minutes", args)
	}
	return result{stdout: out.String(), stderr: errb.String(), code: cmd.ProcessState.ExitCode()}
}

// serve starts `cognito-contract serve` on a free loopback port and returns its URL; the
// server is stopped with SIGINT when the test ends, and must shut down cleanly.
func serve(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("serve printed no address: %v; stderr: %s", err, stderr.String())
	}
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("serve printed %q, want its URL", line)
	}
	url := strings.TrimSpace(line[i:])
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve did not shut down cleanly on SIGINT: %v; stderr: %s", err, stderr.String())
			}
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("serve did not stop within 10s of SIGINT")
		}
	})
	return url
}

func readReport(t *testing.T, file string) *runner.Report {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := runner.ReadJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return r
}

func TestRunAgainstServedEmulatorConforms(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	url := serve(t)
	dir := t.TempDir()
	junit, js := filepath.Join(dir, "junit.xml"), filepath.Join(dir, "run.json")
	res := cli(t, nil, "run", "--target", url, "--rps", "0", "--fuzz", "20", "--fixtures", "../../fixtures/library",
		"--junit", junit, "--json", js)
	g.Expect(res.code).To(Equal(exitOK), "stdout:\n%s\nstderr:\n%s", res.stdout, res.stderr)
	g.Expect(res.stdout).To(ContainSubstring("ok UpdateUserPoolClient against " + url))

	// The JUnit file parses and counts every case of the JSON report, suite by suite.
	r := readReport(t, js)
	raw, err := os.ReadFile(junit)
	g.Expect(err).NotTo(HaveOccurred())
	var suites runner.JUnitSuites
	g.Expect(xml.Unmarshal(raw, &suites)).To(Succeed())
	g.Expect(suites.Tests).To(Equal(len(r.Cases)))
	g.Expect(suites.Failures).To(BeZero())
	perSuite := map[string]int{}
	for _, c := range r.Cases {
		perSuite[c.Suite]++
	}
	for _, s := range suites.Suites {
		g.Expect(s.Tests).To(Equal(perSuite[s.Name]), "suite %s", s.Name)
		g.Expect(s.Cases).To(HaveLen(perSuite[s.Name]))
	}
	g.Expect(perSuite).To(HaveKey(runner.SuiteContract))
	g.Expect(perSuite).To(HaveKey(runner.SuiteStateful))
	g.Expect(perSuite).To(HaveKey(runner.SuiteFixtures))

	// The conformance report reads the JSON report.
	md := cli(t, nil, "report", "--format", "markdown", "--in", js)
	g.Expect(md.code).To(Equal(exitOK), md.stderr)
	g.Expect(md.stdout).To(ContainSubstring("# Conformance report: UpdateUserPoolClient"))
	g.Expect(md.stdout).To(ContainSubstring("None: every response conformed to the contract."))
}

// Two runs with the same seed against `cognito-contract serve` give the same report (issue 6),
// although the second meets a server that already served the first (other ids, other names,
// other times).
func TestSameSeedSameReport(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	url := serve(t)
	dir := t.TempDir()
	var reports [2][]byte
	for i := range reports {
		file := filepath.Join(dir, fmt.Sprintf("run%d.json", i))
		res := cli(t, nil, "run", "--target", url, "--seed", "7", "--fuzz", "30", "--fixtures", "../../fixtures/library", "--json", file)
		g.Expect(res.code).To(Equal(exitOK), res.stdout+res.stderr)
		r := readReport(t, file)
		g.Expect(r.Timing).NotTo(BeNil())
		r.Timing = nil // the only part that may differ
		b, err := json.Marshal(r)
		g.Expect(err).NotTo(HaveOccurred())
		reports[i] = b
	}
	g.Expect(string(reports[1])).To(Equal(string(reports[0])))
}

// mergingEmulator is a deliberately broken emulator: UpdateUserPoolClient merges the request
// into the current client instead of replacing it (R1 broken).
func mergingEmulator(t *testing.T) string {
	srv := httptest.NewServer(targettest.Merging(emulator.New()))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestBrokenEmulatorIsAViolation(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	url := mergingEmulator(t)
	js := filepath.Join(t.TempDir(), "run.json")
	res := cli(t, nil, "run", "--target", url, "--rps", "0", "--fuzz", "0", "--run", "^Stateful/", "--json", js)
	g.Expect(res.code).To(Equal(exitViolation), res.stdout+res.stderr)
	g.Expect(res.stdout).To(ContainSubstring("FAIL UpdateUserPoolClient/Stateful/full-replace   [target=" + url + "]"))
	g.Expect(res.stdout).To(ContainSubstring("    rerun:    cognito-contract run --target " + url + " --run 'Stateful/full-replace'"))
	r := readReport(t, js)
	var checks []string
	for _, c := range r.Cases {
		if c.ID == "Stateful/full-replace" {
			g.Expect(c.Status).To(Equal(runner.StatusFail))
			for _, v := range c.Violations {
				checks = append(checks, v.Check)
			}
		}
	}
	g.Expect(checks).To(ContainElement("reset-to-default"))
}

func TestTargetDownIsATargetError(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	g.Expect(err).NotTo(HaveOccurred())
	url := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there any more
	dir := t.TempDir()
	js, junit := filepath.Join(dir, "run.json"), filepath.Join(dir, "junit.xml")
	res := cli(t, nil, "run", "--target", url, "--json", js, "--junit", junit)
	g.Expect(res.code).To(Equal(exitHarness), res.stdout+res.stderr)
	g.Expect(res.stdout).To(ContainSubstring("INCOMPLETE"))
	r := readReport(t, js) // the partial report is still written
	g.Expect(r.Incomplete).To(BeTrue())
	g.Expect(r.Error).To(ContainSubstring("connection refused"))
	g.Expect(junit).To(BeARegularFile())
}

func TestTargetStopsHalfwayIsATargetErrorWithPartialReport(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	e := emulator.New()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) > 40 {
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			conn.Close() // stops answering: the connection drops
			return
		}
		e.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	js := filepath.Join(t.TempDir(), "run.json")
	res := cli(t, nil, "run", "--target", srv.URL, "--rps", "0", "--fuzz", "0", "--max-retries", "-1", "--json", js)
	g.Expect(res.code).To(Equal(exitHarness), res.stdout+res.stderr)
	r := readReport(t, js)
	g.Expect(r.Incomplete).To(BeTrue())
	g.Expect(r.Summary.Pass).To(BeNumerically(">", 10), "the cases before the target stopped are reported")
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"unknown flag":        {[]string{"run", "--bogus"}, "flag provided but not defined: -bogus"},
		"bad target":          {[]string{"run", "--target", "ftp://x"}, `--target "ftp://x": expected mock, aws or an http(s) endpoint URL`},
		"bad format":          {[]string{"run", "--format", "xml"}, `--format "xml": expected text or json`},
		"bad run regexp":      {[]string{"run", "--run", "("}, `--run "(": expected a Go regular expression`},
		"bad fuzz":            {[]string{"run", "--fuzz", "-5"}, "--fuzz -5: expected a number of cases >= 0"},
		"missing fixtures":    {[]string{"run", "--fixtures", "/does/not/exist"}, "--fixtures /does/not/exist: expected an existing directory"},
		"bad model":           {[]string{"run", "--model", "/does/not/exist.json"}, "--model /does/not/exist.json"},
		"aws without sandbox": {[]string{"run", "--target", "aws"}, "--target aws needs --sandbox-account ID"},
		"diff one target":     {[]string{"diff", "--target", "mock"}, "--target: expected exactly two targets"},
		"diff has no seed":    {[]string{"diff", "--target", "mock", "--target", "mock", "--seed", "3"}, "flag provided but not defined: -seed"},
		"unknown command":     {[]string{"frobnicate"}, `unknown command "frobnicate"`},
		"report without in":   {[]string{"report", "--format", "markdown"}, "--in FILE is required"},
		"fuzz n and duration": {[]string{"fuzz", "--n", "5", "--duration", "1s"}, "--n and --duration: give one of them"},
		"serve wide address":  {[]string{"serve", "--addr", "nonsense"}, `--addr "nonsense": expected HOST:PORT`},
		"fixtures no verb":    {[]string{"fixtures", "lint", "x"}, "expected 'fixtures check DIR'"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			res := cli(t, nil, tc.args...)
			g.Expect(res.code).To(Equal(exitUsage), res.stdout+res.stderr)
			g.Expect(res.stderr).To(ContainSubstring(tc.want))
		})
	}
}

func TestFixturesCheckAndHelp(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	res := cli(t, nil, "fixtures", "check", "../../fixtures/library")
	g.Expect(res.code).To(Equal(exitOK), res.stdout+res.stderr)
	help := cli(t, nil, "run", "-h")
	g.Expect(help.code).To(Equal(exitOK))
	g.Expect(help.stderr).To(ContainSubstring("-sandbox-account string"))

	// A planted secret fails the check (exit 1), naming the file, never printing the secret.
	dir := t.TempDir()
	secret := "AKIA" + strings.Repeat("Z", 16)
	fixture := `{"name":"x/planted","source":"test","request":{"body":{"UserPoolId":"{{UserPoolId}}","ClientId":"{{ClientId}}","ClientName":"` + secret + `"}},"response":{"status":200}}`
	g.Expect(os.WriteFile(filepath.Join(dir, "planted.json"), []byte(fixture), 0o644)).To(Succeed())
	bad := cli(t, nil, "fixtures", "check", dir)
	g.Expect(bad.code).To(Equal(exitViolation), bad.stdout+bad.stderr)
	g.Expect(bad.stdout).To(ContainSubstring("planted.json"))
	g.Expect(bad.stdout + bad.stderr).NotTo(ContainSubstring(secret))
}
