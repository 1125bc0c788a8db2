package contracts_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// observations reads docs/observations.md: each "## PX-nn" section's quoted Text and its URL.
func observations(t *testing.T) map[string]struct{ text, url string } {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "docs", "observations.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]struct{ text, url string }{}
	sections := regexp.MustCompile(`(?m)^## (PX-\d\d) `).FindAllStringSubmatchIndex(string(raw), -1)
	for i, s := range sections {
		end := len(raw)
		if i+1 < len(sections) {
			end = sections[i+1][0]
		}
		body := string(raw[s[0]:end])
		text := regexp.MustCompile("(?m)^- Text: `(.*)`$").FindStringSubmatch(body)
		url := regexp.MustCompile(`(?m)^- Where: (https://\S+)`).FindStringSubmatch(body)
		if text == nil || url == nil {
			t.Fatalf("docs/observations.md %s: want a '- Text: `…`' line and a '- Where: https://…' line", string(raw[s[2]:s[3]]))
		}
		out[string(raw[s[2]:s[3]])] = struct{ text, url string }{text[1], url[1]}
	}
	return out
}

// Every PX id the code cites is in docs/observations.md with its text and address, and the
// messages the contract writes have the form those texts show.
func TestObservations(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	obs := observations(t)
	g.Expect(obs).To(HaveKey("PX-01"))
	g.Expect(obs["PX-01"].url).To(Equal("https://github.com/amazon-archives/amazon-cognito-auth-js/issues/65"))
	g.Expect(obs["PX-02"].url).To(Equal("https://github.com/aws/aws-sdk-java-v2/issues/5528"))
	g.Expect(obs["PX-03"].url).To(Equal("https://github.com/awsdocs/aws-cloudformation-user-guide/issues/563"))

	cited := map[string]bool{}
	for _, dir := range []string{".", filepath.Join("..", "runner", "emulator"), filepath.Join("..", "docs")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		md, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, f := range append(files, md...) {
			b, err := os.ReadFile(f)
			g.Expect(err).NotTo(HaveOccurred())
			for _, id := range regexp.MustCompile(`PX-\d\d`).FindAllString(string(b), -1) {
				cited[id] = true
			}
		}
	}
	for id := range cited {
		g.Expect(obs).To(HaveKey(id), "%s is cited but not in docs/observations.md", id)
	}

	c := contracts.UpdateUserPoolClient
	// PX-01: a missing required member, Value null without quotes ('sub' there, 'userPoolId' here).
	p := c.Predict([]byte(`{"ClientId":"abc"}`), contracts.State{})
	g.Expect(p.Message).To(Equal(strings.Replace(obs["PX-01"].text, "'sub'", "'userPoolId'", 1)))
	// PX-02: [""] in both URL lists renders '[]', one entry per list, in either order.
	p = c.Predict([]byte(`{"UserPoolId":"us-east-1_abc","ClientId":"abc","CallbackURLs":[""],"LogoutURLs":[""]}`), contracts.State{})
	px02 := obs["PX-02"].text
	full := px02[strings.Index(px02, "failed to satisfy constraint: ")+len("failed to satisfy constraint: ") : strings.Index(px02, "; Value")]
	g.Expect(contracts.SameMessage(strings.Replace(px02, "[...]", strings.TrimPrefix(full, "Member must satisfy constraint: "), 1), p.Message)).
		To(BeTrue(), "PX-02 %q vs %q", px02, p.Message)
	// PX-03: an unknown flow in a list, the enum set in the service's order.
	p = c.Predict([]byte(`{"UserPoolId":"us-east-1_abc","ClientId":"abc","AllowedOAuthFlows":["code","token"]}`), contracts.State{})
	g.Expect(contracts.SameMessage(obs["PX-03"].text, p.Message)).To(BeTrue(), "PX-03 %q vs %q", obs["PX-03"].text, p.Message)
}
