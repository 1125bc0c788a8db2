package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// longDiffFixture expects a success body the emulator does not give: the update renames the
// client, the fixture expects other members, so the -want +got diff runs far past 400 chars.
const longDiffFixture = `{"name":"Diff/long","source":"test","request":{"body":{"UserPoolId":"{{UserPoolId}}","ClientId":"{{ClientId}}","ClientName":"renamed"}},
"response":{"status":200,"body":{"UserPoolClient":{"ClientName":"expected-name","CallbackURLs":["https://a.example.com/cb","https://b.example.com/cb","https://c.example.com/cb"],
"LogoutURLs":["https://a.example.com/out","https://b.example.com/out"],"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid","email","profile"],"RefreshTokenValidity":7}}}}`

// A fixture mismatch keeps its whole multi-line -want +got diff: indented under the violation
// in the text report, in the JUnit failure text, and in the JSON report's own "diff" field.
func TestFixtureDiffIsKeptWhole(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	dir := t.TempDir()
	g.Expect(os.WriteFile(filepath.Join(dir, "long.json"), []byte(longDiffFixture), 0o644)).To(Succeed())
	r := Run(context.Background(), Options{Target: inProcess(emulator.New()), Seed: 1, Fixtures: dir, Suites: []string{SuiteFixtures}})
	g.Expect(r.ExitCode()).To(Equal(1))
	g.Expect(r.Cases).To(HaveLen(1))
	v := r.Cases[0].Violations[0]
	g.Expect(v.Check).To(Equal("fixture"))
	g.Expect(len(v.Diff)).To(BeNumerically(">", 400), "a diff longer than the old 400-char cut")
	lines := strings.Split(strings.TrimRight(v.Diff, "\n"), "\n")
	g.Expect(len(lines)).To(BeNumerically(">", 10), "multi-line")
	g.Expect(v.Diff).To(ContainSubstring(`"expected-name"`))
	g.Expect(v.Diff).To(ContainSubstring(`"renamed"`))
	g.Expect(v.Diff).NotTo(ContainSubstring("\u00a0"), "go-cmp's random NBSP is normalised")
	g.Expect(v.Actual).To(HavePrefix("differs from the recorded answer:"))
	g.Expect(v.Actual).NotTo(ContainSubstring("\n"))

	var text bytes.Buffer
	g.Expect(WriteText(&text, r, TextOptions{})).To(Succeed())
	g.Expect(text.String()).To(ContainSubstring("    diff: (-want +got)\n"))
	for _, l := range lines {
		g.Expect(text.String()).To(ContainSubstring("\n        "+strings.TrimRight(l, " \t")+"\n"), "every diff line, indented")
	}

	var js bytes.Buffer
	g.Expect(WriteJSON(&js, r)).To(Succeed())
	var back Report
	g.Expect(json.Unmarshal(js.Bytes(), &back)).To(Succeed())
	g.Expect(back.Cases[0].Violations[0].Diff).To(Equal(v.Diff))

	var ju bytes.Buffer
	g.Expect(WriteJUnit(&ju, r)).To(Succeed())
	var suites JUnitSuites
	g.Expect(xml.Unmarshal(ju.Bytes(), &suites)).To(Succeed())
	failure := suites.Suites[0].Cases[0].Failure
	g.Expect(failure).NotTo(BeNil())
	for _, l := range lines {
		g.Expect(failure.Text).To(ContainSubstring(strings.TrimRight(l, " \t")))
	}
}
