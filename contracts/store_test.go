package contracts

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// TestApplyStoredOutputChainsLikeApplyStored: a chain of updates through ApplyStoredOutput
// stores the documents ApplyStored stores, fails where it fails, and its output document is the
// client wrapped in the output member: {"UserPoolClient":doc}, a JSON object whose only member
// is the client.
func TestApplyStoredOutputChainsLikeApplyStored(t *testing.T) {
	t.Parallel()
	var bodies []string
	for _, name := range []string{"typical", "duplicates", "whitespace and escape", "empty", "analytics arn",
		"unknown members", "refresh 0", "units not object", "unknown unit", "rotation", "unicode", "not json"} {
		bodies = append(bodies, applyCorpus[name])
	}
	for cname, cur := range applyCurrents {
		t.Run(cname, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			c := UpdateUserPoolClient
			stored, err := c.ReadClient(json.RawMessage(cur))
			if err != nil {
				return // ApplyStored is never reached without a read client
			}
			viaOutput := stored
			for i, body := range bodies {
				now := applyEquivNow.Add(time.Duration(i) * time.Second)
				p := c.Parse([]byte(body))
				want, werr := c.ApplyStored(stored, p, now)
				got, out, err := c.ApplyStoredOutput(viaOutput, p, now)
				if werr != nil {
					g.Expect(err).To(MatchError(werr.Error()), "update %d", i)
					continue
				}
				g.Expect(err).NotTo(HaveOccurred(), "update %d", i)
				g.Expect(string(got.Doc)).To(Equal(string(want.Doc)), "update %d", i)
				g.Expect(string(out)).To(Equal(`{"UserPoolClient":`+string(want.Doc)+`}`), "update %d", i)
				var read map[string]json.RawMessage
				g.Expect(json.Unmarshal(out, &read)).To(Succeed())
				g.Expect(read).To(HaveLen(1))
				g.Expect(string(read["UserPoolClient"])).To(Equal(string(want.Doc)))
				g.Expect(cap(got.Doc)).To(Equal(len(got.Doc)), "Doc is capped")
				stored, viaOutput = want, got
			}
		})
	}
}

// BenchmarkApplyStoredOutput is the emulator's update of a stored client, on the typical body
// of applyCorpus, on one of long lists (applyListsBody, the size of the fuzz campaign's
// positive updates) and on one of the ids alone (every other member omitted: defaults):
// go test ./contracts -run '^$' -bench ApplyStoredOutput -benchmem
func BenchmarkApplyStoredOutput(b *testing.B) {
	c := UpdateUserPoolClient
	cur, err := c.ReadClient(json.RawMessage(applyCurrents["full"]))
	if err != nil {
		b.Fatal(err)
	}
	for name, body := range map[string]string{"typical": applyCorpus["typical"], "lists": applyListsBody(), "ids-only": applyCorpus["ids only"]} {
		b.Run(name, func(b *testing.B) {
			p := c.Parse([]byte(body))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := c.ApplyStoredOutput(cur, p, applyEquivNow); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// applyListsBody is an update of about 5 KB, most of it lists of URLs and scopes, as the fuzz
// campaign's positive updates are.
func applyListsBody() string {
	var urls, scopes []string
	for i := range 20 {
		urls = append(urls, fmt.Sprintf("https://app%d.example.com/oauth2/callback/path/segment/%d?x=1", i, i))
		scopes = append(scopes, fmt.Sprintf("https://api.example.com/scope-%d", i))
	}
	list := func(xs []string) string { b, _ := json.Marshal(xs); return string(b) }
	return `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"lists",` +
		`"CallbackURLs":` + list(urls) + `,"LogoutURLs":` + list(urls) + `,"AllowedOAuthScopes":` + list(scopes) +
		`,"AllowedOAuthFlows":["code","implicit"],"AllowedOAuthFlowsUserPoolClient":true,` +
		`"ReadAttributes":["email","name","custom:tenant"],"SupportedIdentityProviders":["COGNITO"]}`
}

// TestReadBackIntoIsReadBack: the members read back into a buffer (storedBox's) are those
// readBack reads into memory of their own, whatever the room (none, too little, enough, more),
// capped at their number; two clients stored one after the other share no members.
func TestReadBackIntoIsReadBack(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	c := UpdateUserPoolClient
	pl := c.applyPlan()
	g.Expect(len(pl.currentAt)).To(BeNumerically("<=", storedKids), "the model's kept members fit storedBox")
	for bname, body := range applyCorpus {
		for cname, cur := range applyCurrents {
			stored, err := c.ReadClient(json.RawMessage(cur))
			p := c.Parse([]byte(body))
			if err != nil || p.Err() != nil {
				continue
			}
			out := make([]string, len(pl.client.Members))
			if _, err := c.applyDocAfter("", 0, out, stored.top, &p.doc, applyEquivNow); err != nil {
				continue
			}
			want := pl.readBack(out)
			for _, room := range []int{0, 1, len(pl.currentAt), storedKids + 2} {
				got := pl.readBackInto(out, make([]jmember, room))
				g.Expect(got).To(Equal(want), "%s/%s room %d", bname, cname, room)
				g.Expect(cap(got.kids)).To(Equal(len(got.kids)), "%s/%s room %d: capped", bname, cname, room)
			}
		}
	}
	cur, err := c.ReadClient(json.RawMessage(applyCurrents["full"]))
	g.Expect(err).NotTo(HaveOccurred())
	first, _, err := c.ApplyStoredOutput(cur, c.Parse([]byte(`{"ClientName":"first"}`)), applyEquivNow)
	g.Expect(err).NotTo(HaveOccurred())
	second, _, err := c.ApplyStoredOutput(first, c.Parse([]byte(`{"ClientName":"second"}`)), applyEquivNow)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(first.top.present("ClientName").raw).To(Equal(`"first"`))
	g.Expect(second.top.present("ClientName").raw).To(Equal(`"second"`))
}
