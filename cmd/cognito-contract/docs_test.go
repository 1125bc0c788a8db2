package main

import (
	"os"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/target"
)

// TestREADMENamesEveryIAMAction: the README's sandbox section lists exactly the actions the
// harness calls (target.IAMActions), so the documented policy cannot drift from the code.
func TestREADMENamesEveryIAMAction(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	raw, err := os.ReadFile("../../README.md")
	g.Expect(err).NotTo(HaveOccurred())
	readme := string(raw)
	start := strings.Index(readme, "### A real AWS sandbox account")
	g.Expect(start).To(BeNumerically(">=", 0))
	section := readme[start:]
	if end := strings.Index(section[4:], "\n### "); end >= 0 {
		section = section[:end+4]
	}
	// The paragraph from "Grant" to "Then:" names the actions, each in backticks.
	para := section[strings.Index(section, "Grant"):strings.Index(section, "Then:")]
	var named []string
	for i, part := range strings.Split(para, "`") {
		if i%2 == 1 && part != "docs/iam-policy.json" && part != "cognito-idp:" {
			named = append(named, part)
		}
	}
	var want []string
	for _, a := range target.IAMActions() {
		if op, ok := strings.CutPrefix(a, "cognito-idp:"); ok {
			want = append(want, op)
		} else {
			want = append(want, a)
		}
	}
	g.Expect(named).To(ConsistOf(want))
}
