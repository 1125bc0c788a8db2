//go:build unix

package conformance_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/conformance"
	"github.com/cognito-contract/cognito-contract/internal/scrub"
	"github.com/cognito-contract/cognito-contract/runner"
)

var update = flag.Bool("update", false, "rewrite "+listFile+" and "+docFile+" from this run")

// runArgs are the arguments of the run. No --rps: a loopback endpoint is unpaced by default
// (the 4 requests per second meant for AWS would make the ~1100 requests take minutes).
func runArgs(target, fixturesDir, jsonOut string) []string {
	return []string{"run", "--target", target, "--seed", fmt.Sprint(runSeed), "--fuzz", fmt.Sprint(runFuzz),
		"--fixtures", fixturesDir, "--json", jsonOut}
}

// TestCognitoLocal runs cognito-contract against the real third-party emulator cognito-local
// (issue 7) and holds the outcome to testdata/cognito-local.failing.
func TestCognitoLocal(t *testing.T) {
	if os.Getenv(skipEnv) == "1" {
		t.Skipf("%s=1: skipping the run against cognito-local (needs Node.js and npm)", skipEnv)
	}
	g := NewWithT(t)
	node, npm := requireTool(t, "node"), requireTool(t, "npm")
	root := repoRoot(t)
	bin := buildCLI(t, root)
	pkg := installCognitoLocal(t, npm)
	target := startCognitoLocal(t, node, pkg)

	out := t.TempDir()
	jsonPath := filepath.Join(out, "run.json")
	// From the module root, so that the report names fixture files by their repository path.
	res := runCLI(t, root, bin, runArgs(target, "fixtures/library", jsonPath)...)
	if res.code != 1 {
		t.Fatalf("cognito-contract run against cognito-local %s exited %d, want 1 (deviations found; 3 means the harness could not talk to it)\n%s",
			cognitoLocalVersion, res.code, res.describe())
	}
	report := readReport(t, jsonPath)
	g.Expect(report.Incomplete).To(BeFalse(), "the run stopped early: %s", report.Error)
	g.Expect(report.Summary.Error).To(BeZero(), "cases hit a harness or target error")
	g.Expect(report.Summary.Fail).To(BeNumerically(">", 0), "exit 1 without a failing case")
	checkNotApplicable(t, report, pkg)

	got, err := conformance.FromReport(report)
	g.Expect(err).NotTo(HaveOccurred())
	if *update {
		writeList(t, got)
		writeFile(t, docFile, renderDoc(t, bin, jsonPath, report, res.code))
		t.Logf("wrote %s (%d cases) and %s", listFile, len(got), docFile)
		return
	}
	want := readListFile(t)
	if d := conformance.Compare(want, got); !d.Empty() {
		t.Fatalf("the run against cognito-local %s no longer matches %s:\n%s\n"+
			"If the change is intended (the harness or cognito-local changed), refresh the list and docs/conformance/cognito-local.md with:\n"+
			"    go test ./internal/conformance -run CognitoLocal -update\n"+
			"and review the diff before committing.", cognitoLocalVersion, listFile, d)
	}
	// The page must be what the generator writes for this run, the date aside: a change of
	// the report's wording or of an example value makes it stale just as a new deviation does.
	doc := renderDoc(t, bin, jsonPath, report, res.code)
	committed, err := os.ReadFile(docFile)
	g.Expect(err).NotTo(HaveOccurred())
	if line, want, got := firstDifference(withoutDate(committed), withoutDate(doc)); line > 0 {
		t.Fatalf("%s is not what this run generates (line %d):\n  committed: %s\n  generated: %s\n"+
			"Refresh it with: go test ./internal/conformance -run CognitoLocal -update", docFile, line, want, got)
	}
}

var dateRow = regexp.MustCompile(`(?m)^\| Date \| [0-9-]+ \|$`)

func withoutDate(doc []byte) []byte { return dateRow.ReplaceAll(doc, []byte("| Date | - |")) }

// firstDifference returns the first line (1-based) where a and b differ, 0 when they agree.
func firstDifference(a, b []byte) (int, string, string) {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y || i >= len(al) || i >= len(bl) {
			return i + 1, clipLine(x), clipLine(y)
		}
	}
	return 0, "", ""
}

func clipLine(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// checkNotApplicable asserts that every not-applicable case names an operation of the
// service model that cognito-local has no handler for (lib/targets/<operation>.js), and that
// the resource-server cases are among them.
func checkNotApplicable(t *testing.T, r *runner.Report, pkg string) {
	t.Helper()
	g := NewWithT(t)
	missing := map[string]int{}
	for _, c := range r.Cases {
		if c.Status != runner.StatusNotApplicable {
			continue
		}
		op := conformance.MissingOperation(c.Reason)
		g.Expect(op).NotTo(BeEmpty(), "%s %s is not applicable without naming the missing operation: %q", c.Suite, c.ID, c.Reason)
		missing[op]++
	}
	g.Expect(missing).To(HaveKey("CreateResourceServer"), "cognito-local has no CreateResourceServer: the cases needing a resource server must be not applicable")
	for op := range missing {
		g.Expect(contracts.DefaultModel().Operation(op)).NotTo(BeNil(), "%s is not an operation of the cognito-idp model", op)
		handler := filepath.Join(pkg, "lib", "targets", strings.ToLower(op[:1])+op[1:]+".js")
		g.Expect(handler).NotTo(BeAnExistingFile(), "cases are not applicable for want of %s, but cognito-local has %s", op, handler)
	}
}

func readReport(t *testing.T, path string) *runner.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("the run wrote no JSON report: %v", err)
	}
	defer f.Close()
	r, err := runner.ReadJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

// listHeader is the comment block of the expected list.
var listHeader = []string{
	fmt.Sprintf("cognito-local %s against UpdateUserPoolClient: every case that does not pass.", cognitoLocalVersion),
	"Generated by `go test ./internal/conformance -run CognitoLocal -update`; TestCognitoLocal fails when a run differs.",
	"Run: " + shownRun(),
	"",
	"SUITE CASE-ID fail CHECK[,CHECK]   the case fails; the checks that deviate",
	"SUITE CASE-ID n/a  OPERATION        not applicable: its setup needs OPERATION, which cognito-local lacks",
	"",
}

// shownRun is the run's command line as the list and the doc show it.
func shownRun() string {
	return "cognito-contract " + strings.Join(runArgs(shownTarget, "fixtures/library", "run.json"), " ")
}

const shownTarget = "http://127.0.0.1:PORT"

func writeList(t *testing.T, es []conformance.Expectation) {
	t.Helper()
	var b bytes.Buffer
	if err := conformance.FormatExpected(&b, listHeader, es); err != nil {
		t.Fatal(err)
	}
	writeFile(t, listFile, b.Bytes())
}

func writeFile(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// docNote is one paragraph of the page's "Reading the deviations", with the check of its
// claims against the run the page is generated from: a note that no longer holds fails the
// test (and -update) instead of reaching the page.
type docNote struct {
	text  string
	holds func(r *runner.Report) error
}

// docNotes explain the patterns of cognito-local's deviations.
var docNotes = []docNote{
	{"No answer of cognito-local carries an `x-amzn-RequestId` header, so every contract and stateful case that got an answer fails the protocol check; the other checks of a case are what sets it apart.",
		func(r *runner.Report) error {
			for _, c := range r.Cases {
				if (c.Suite == runner.SuiteContract || c.Suite == runner.SuiteStateful) && c.Status != runner.StatusNotApplicable &&
					!hasViolation(c, func(v runner.Violation) bool { return v.Check == "protocol" && v.Rule == "request-id" }) {
					return fmt.Errorf("case %s has no protocol request-id violation", c.ID)
				}
			}
			return nil
		}},
	{"cognito-local merges an update into the stored client: members the request leaves out keep their old values instead of being reset (**reset-to-default**, R1; `Stateful/full-replace` shows it). " +
		"It also accepts and stores values that Cognito rejects (wrong JSON types, out-of-range numbers, bad patterns: **outcome** lines whose answer is a 200). " +
		"Every case starts from the setup's client (the harness restores it after an accepted update, and creates a new client of the setup where a full-replace update does not restore it), so a value one case stored never counts against another.",
		func(r *runner.Report) error {
			if !anyCase(r, func(c runner.Case) bool {
				return c.ID == "Stateful/full-replace" && hasViolation(c, func(v runner.Violation) bool { return v.Check == "reset-to-default" })
			}) {
				return fmt.Errorf("Stateful/full-replace shows no reset-to-default deviation")
			}
			if !anyCase(r, func(c runner.Case) bool {
				return hasViolation(c, func(v runner.Violation) bool {
					return v.Check == runner.CheckOutcome && strings.HasPrefix(v.Actual, "200")
				})
			}) {
				return fmt.Errorf("no outcome deviation whose answer is a 200")
			}
			return nil
		}},
	{"Error answers carry `Content-Type: application/json; charset=utf-8` instead of `application/x-amz-json-1.1` (**protocol content-type**), " +
		"and request bodies above body-parser's default limit (100 kB; cognito-local's lib/server/server.js sets none) get `413` with an HTML page (**protocol content-type**, **error-body**, **error-code**).",
		func(r *runner.Report) error {
			for _, want := range []string{"content-type", "error-body", "error-code"} {
				if !anyCase(r, func(c runner.Case) bool {
					return hasViolation(c, func(v runner.Violation) bool { return v.Check == "protocol" && v.Rule == want })
				}) {
					return fmt.Errorf("no protocol %s deviation", want)
				}
			}
			if !anyCase(r, func(c runner.Case) bool { return strings.HasPrefix(c.Actual, "413") }) {
				return fmt.Errorf("no case answered 413")
			}
			return nil
		}},
}

func anyCase(r *runner.Report, f func(runner.Case) bool) bool {
	for _, c := range r.Cases {
		if f(c) {
			return true
		}
	}
	return false
}

func hasViolation(c runner.Case, f func(runner.Violation) bool) bool {
	for _, v := range c.Violations {
		if f(v) {
			return true
		}
	}
	return false
}

// notesFor checks every note against the run and returns their texts.
func notesFor(t *testing.T, r *runner.Report) []string {
	t.Helper()
	var out []string
	for i, n := range docNotes {
		if err := n.holds(r); err != nil {
			t.Fatalf("note %d of the page no longer holds for this run (%v); rewrite it in docNotes:\n%s", i+1, err, n.text)
		}
		out = append(out, n.text)
	}
	return out
}

// renderDoc generates docs/conformance/cognito-local.md from the run's JSON report with the
// CLI's report command.
func renderDoc(t *testing.T, bin, jsonPath string, r *runner.Report, exit int) []byte {
	t.Helper()
	res := runCLI(t, filepath.Dir(jsonPath), bin, "report", "--format", "markdown", "--in", jsonPath)
	if res.code != 0 {
		t.Fatalf("cognito-contract report exited %d\n%s", res.code, res.describe())
	}
	date := "unknown"
	if r.Timing != nil {
		date = r.Timing.Started.UTC().Format("2006-01-02")
	}
	info := conformance.DocInfo{
		Name: "cognito-local", Version: cognitoLocalVersion, Homepage: "https://github.com/jagregory/cognito-local",
		Install: fmt.Sprintf("`npm ci` of `internal/conformance/testdata/cognito-local/package-lock.json` (cognito-local %s and its whole resolved tree), started with `HOST=127.0.0.1 PORT=<free port> node lib/bin/start.js` in an empty directory", cognitoLocalVersion),
		Command: "`" + shownRun() + "`, then `cognito-contract report --format markdown --in run.json`",
		Refresh: "go test ./internal/conformance -run CognitoLocal -update",
		List:    "internal/conformance/" + listFile, Date: date, Exit: exit, Target: shownTarget,
		Notes: notesFor(t, r),
	}
	var b bytes.Buffer
	if err := conformance.WriteDoc(&b, info, r, res.stdout); err != nil {
		t.Fatal(err)
	}
	return []byte(scrub.String(b.String()))
}
