package conformance_test

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/conformance"
)

const (
	// cognitoLocalVersion is the pinned npm version of cognito-local (npm view cognito-local:
	// latest 5.3.0).
	cognitoLocalVersion = "5.3.0"
	// skipEnv opts out of TestCognitoLocal on machines without Node.js; CI never sets it.
	skipEnv  = "COGNITO_CONTRACT_SKIP_COGNITO_LOCAL"
	listFile = "testdata/cognito-local.failing"
	docFile  = "../../docs/conformance/cognito-local.md"
)

// The run against cognito-local. The seed and the fuzz count are fixed so that the same run
// gives the same failing set: the runner sends its cases one after another in a fixed order,
// and the ids cognito-local generates differ between runs but reach the report only as
// placeholders (the fuzz shrinker never shortens an id, which would leave a piece of it
// unscrubbed). Runs repeated while this was written (fresh emulator each time) gave the same
// list. The fuzz campaign runs without resource servers on cognito-local 5.3.0 (it has no
// CreateResourceServer, so the campaign leaves them out); 100 executions cover every
// constraint and rule once (the campaign's first cases break each of them) and keep the run
// short: the shrinking of each finding is bounded too.
const (
	runSeed = 1
	runFuzz = 100
)

// docCaseRow is a row of the Cases table the report command writes: | suite | `id` | outcome |.
var docCaseRow = regexp.MustCompile("^\\| ([a-z]+) \\| `([^`]+)` \\| ([a-z-]+)(?:: (.*))? \\|$")

// TestCognitoLocalDoc holds the committed docs/conformance/cognito-local.md to the committed
// list without Node.js: both come from the same run (-update writes them together), so the
// page lists exactly the listed cases as failing or not applicable, the not-applicable ones
// with the operation the list names, and its header names the pinned version and the seed.
func TestCognitoLocalDoc(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	list := readListFile(t)
	b, err := os.ReadFile(docFile)
	g.Expect(err).NotTo(HaveOccurred(), "regenerate it with: go test ./internal/conformance -run CognitoLocal -update")
	doc := string(b)
	g.Expect(doc).To(HavePrefix("# cognito-local " + cognitoLocalVersion + " against UpdateUserPoolClient\n"))
	g.Expect(doc).To(ContainSubstring("| Seed | 1 |"))
	g.Expect(doc).To(ContainSubstring(fmt.Sprintf("--seed %d --fuzz %d", runSeed, runFuzz)))
	g.Expect(doc).To(MatchRegexp(`\| Date \| \d{4}-\d{2}-\d{2} \|`))
	g.Expect(doc).To(ContainSubstring("| Exit code | 1 (deviations found) |"))
	g.Expect(doc).NotTo(MatchRegexp(`127\.0\.0\.1:\d`), "the run's random port must not reach the page")

	rows := map[string]string{} // "suite id" -> "fail" or "n/a OPERATION"
	sc := bufio.NewScanner(strings.NewReader(doc))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		m := docCaseRow.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		switch m[3] {
		case "fail":
			rows[m[1]+" "+m[2]] = conformance.OutcomeFail
		case "not-applicable":
			rows[m[1]+" "+m[2]] = conformance.OutcomeNotApplicable + " " + conformance.MissingOperation(m[4])
		}
	}
	g.Expect(rows).NotTo(BeEmpty(), "no case rows found in %s", docFile)
	want := map[string]string{}
	for _, e := range list {
		v := e.Outcome
		if e.Outcome == conformance.OutcomeNotApplicable {
			v += " " + e.Detail
		}
		want[e.Suite+" "+e.ID] = v
	}
	g.Expect(rows).To(Equal(want), "%s and %s come from different runs: regenerate both with -update", docFile, listFile)
	for _, op := range []string{"CreateResourceServer"} {
		g.Expect(doc).To(ContainSubstring("- `"+op+"`: "), "the page lists %s among the operations cognito-local lacks", op)
	}
}

func readListFile(t *testing.T) []conformance.Expectation {
	t.Helper()
	f, err := os.Open(listFile)
	if err != nil {
		t.Fatalf("%v (create it with: go test ./internal/conformance -run CognitoLocal -update)", err)
	}
	defer f.Close()
	es, err := conformance.ParseExpected(listFile, f)
	if err != nil {
		t.Fatal(err)
	}
	return es
}
