package awssafety_test

import (
	"encoding/json"
	"os"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/awssafety"
)

// docs/iam-policy.json keeps the harness to pools carrying its tag (audit of issue 6, item 1):
// CreateUserPool only with awssafety.TagKey in the request (aws:RequestTag), every action on a
// pool only when the pool carries it (aws:ResourceTag). Only the two actions that name no
// pool (sts:GetCallerIdentity, cognito-idp:ListUserPools) go without: the service
// authorization reference lists no resource-tag condition for them
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html).
// TestIAMPolicyMatchesTheCode (internal/target) checks the action list.
func TestIAMPolicyKeepsToTaggedPools(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	b, err := os.ReadFile("../../docs/iam-policy.json")
	g.Expect(err).NotTo(HaveOccurred())
	var doc struct {
		Statement []struct {
			Sid       string
			Action    []string
			Resource  any
			Condition map[string]map[string]string
		}
	}
	g.Expect(json.Unmarshal(b, &doc)).To(Succeed())
	untagged := map[string]bool{"sts:GetCallerIdentity": true, "cognito-idp:ListUserPools": true}
	seen := 0
	for _, s := range doc.Statement {
		for _, a := range s.Action {
			seen++
			if untagged[a] {
				g.Expect(s.Condition).To(BeEmpty(), "%s (%s)", a, s.Sid)
				continue
			}
			key := "aws:ResourceTag/" + awssafety.TagKey
			if a == "cognito-idp:CreateUserPool" {
				key = "aws:RequestTag/" + awssafety.TagKey
			} else {
				g.Expect(s.Resource).To(Equal("arn:aws:cognito-idp:*:*:userpool/*"), "%s (%s)", a, s.Sid)
			}
			g.Expect(s.Condition).To(HaveKeyWithValue("Null", HaveKeyWithValue(key, "false")), "%s (%s) must require the tag", a, s.Sid)
		}
	}
	g.Expect(seen).To(BeNumerically(">", len(untagged)))
}
