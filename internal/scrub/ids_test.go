package scrub_test

import (
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/scrub"
)

func TestIDsNotProvisionedAreMasked(t *testing.T) {
	t.Parallel()
	// Ids the scrubber was not given keep their shape, identifying characters masked; made-up
	// ids (one character repeated) and what only looks near an id are left alone.
	cases := map[string]struct{ in, want, detector string }{
		// pool ids: AWS and emulator "<region>_" + 9 (OB-14), cognito-local "local_" + 8
		"aws pool id":              {"pool us-east-1_Ab3dE5gH9 gone", "pool us-east-1_XXXXXXXXX gone", "user-pool-id"},
		"long region":              {"ap-northeast-1_Zy9xW8vU7", "ap-northeast-1_XXXXXXXXX", "user-pool-id"},
		"region already replaced":  {"{{Region}}_Ab3dE5gH9", "{{Region}}_XXXXXXXXX", "user-pool-id"},
		"cognito-local pool id":    {`"local_aB3dE5gH"`, `"local_XXXXXXXX"`, "user-pool-id"},
		"made-up pool id":          {"us-east-1_AAAAAAAAA", "us-east-1_AAAAAAAAA", ""},
		"short pool suffix":        {"ap-northeast-1_abc", "ap-northeast-1_abc", ""},
		"a word after local_":      {"local_variable", "local_variable", ""},
		"pool id inside a word":    {"xus-east-1_Ab3dE5gH9", "xus-east-1_Ab3dE5gH9", ""},
		"placeholder kept":         {"{{UserPoolId}}", "{{UserPoolId}}", ""},
		"aws client id":            {"client 50o4msac77p5nka7hbcjqvvq36 gone", "client xxxxxxxxxxxxxxxxxxxxxxxxxx gone", "client-id"},
		"cognito-local client id":  {"9cehli62qxmki9mg5adjmucuq", "xxxxxxxxxxxxxxxxxxxxxxxxx", "client-id"},
		"made-up client id":        {strings.Repeat("a", 26), strings.Repeat("a", 26), ""},
		"letters only":             {"abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz", ""},
		"27 characters":            {"50o4msac77p5nka7hbcjqvvq36a", "50o4msac77p5nka7hbcjqvvq36a", ""},
		"upper case is no client":  {"50O4MSAC77P5NKA7HBCJQVVQ36", "50O4MSAC77P5NKA7HBCJQVVQ36", ""},
		"client id in a json text": {`{"ClientId":"50o4msac77p5nka7hbcjqvvq36"}`, `{"ClientId":"xxxxxxxxxxxxxxxxxxxxxxxxxx"}`, "client-id"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			g.Expect(scrub.String(c.in)).To(Equal(c.want))
			fs := scrub.FindString(c.in)
			if c.detector == "" {
				g.Expect(fs).To(BeEmpty())
				return
			}
			g.Expect(fs).To(HaveLen(1))
			g.Expect(fs[0].Detector).To(Equal(c.detector))
			g.Expect(scrub.FindString(c.want)).To(BeEmpty(), "the masked id is not flagged again")
		})
	}
}

func TestProvisionedIDsBecomePlaceholdersOthersMasked(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	s := scrub.New(map[string]string{"{{UserPoolId}}": "us-east-1_Mine12345", "{{ClientId}}": "mine5678901234567890123456", "{{Region}}": "us-east-1"})
	out, err := s.JSON([]byte(`{"UserPools":[{"Id":"us-east-1_Mine12345"},{"Id":"us-east-1_Other6789"}],"ClientId":"mine5678901234567890123456","Other":"other678901234567890123456"}`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(string(out)).To(Equal(`{"UserPools":[{"Id":"{{UserPoolId}}"},{"Id":"{{Region}}_XXXXXXXXX"}],"ClientId":"{{ClientId}}","Other":"xxxxxxxxxxxxxxxxxxxxxxxxxx"}`))
	g.Expect(scrub.Find(out)).To(BeEmpty())
}
