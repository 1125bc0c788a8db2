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

// BenchmarkApplyStoredOutput is the update of a stored client, on the typical body of
// applyCorpus, on one of long lists (applyListsBody, the size of the fuzz campaign's positive
// updates) and on one of the ids alone (every other member omitted: defaults): each client in
// memory of its own (typical, lists, ids-only: ApplyStoredOutput, the names these series had
// before the slot) and, as the emulator stores it, written over the one before in a slot
// (typical/slot, lists/slot, ids-only/slot: ApplyStoredOutputIn, the slot holding cur):
// go test ./contracts -run '^$' -bench ApplyStoredOutput -benchmem
func BenchmarkApplyStoredOutput(b *testing.B) {
	c := UpdateUserPoolClient
	read, err := c.ReadClient(json.RawMessage(applyCurrents["full"]))
	if err != nil {
		b.Fatal(err)
	}
	for name, body := range map[string]string{"typical": applyCorpus["typical"], "lists": applyListsBody(), "ids-only": applyCorpus["ids only"]} {
		p := c.Parse([]byte(body))
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := c.ApplyStoredOutput(read, p, applyEquivNow); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/slot", func(b *testing.B) {
			var slot StoredSlot
			cur := read
			b.ReportAllocs()
			for b.Loop() {
				if cur, _, err = c.ApplyStoredOutputIn(&slot, cur, p, applyEquivNow); err != nil {
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
// readBack read into memory of their own before it wrapped readBackInto, whatever the room (none, too little, enough, more)
// and whether the buffer and the node written held nothing or what a former read back wrote
// there (a client with a text of another kind in every kept member), capped at their number;
// two clients stored one after the other share no members.
func TestReadBackIntoIsReadBack(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	c := UpdateUserPoolClient
	pl := c.applyPlan()
	g.Expect(len(pl.currentAt)).To(BeNumerically("<=", storedKids), "the model's kept members fit storedBox")
	fullOut := make([]string, len(pl.client.Members)) // every kept member, as no client has them
	for _, i := range pl.currentAt {
		fullOut[i] = `[{"former":true}]`
	}
	for bname, body := range applyCorpus {
		for cname, cur := range applyCurrents {
			stored, err := c.ReadClient(json.RawMessage(cur))
			p := c.Parse([]byte(body))
			if err != nil || p.Err() != nil {
				continue
			}
			out := make([]string, len(pl.client.Members))
			if _, err := c.applyDocWith(c.applyPlan(), "", 0, out, stored.top, &p.doc, applyEquivNow); err != nil {
				continue
			}
			// want: the members as readBack read them before it wrapped readBackInto (b9b1bc5).
			kids := make([]jmember, 0, len(pl.currentAt))
			for _, i := range pl.currentAt {
				if out[i] != "" {
					kids = append(kids, jmember{name: pl.client.Members[i].Name, val: jnode{kind: kindOfText(out[i]), raw: out[i]}})
				}
			}
			want := jnode{kind: jObject, kids: kids[:len(kids):len(kids)]}
			for _, room := range []int{0, 1, len(pl.currentAt), storedKids + 2} {
				for _, reused := range []bool{false, true} {
					buf, got := make([]jmember, room), jnode{}
					if reused { // what a former client of every kept member read back into them
						pl.readBackInto(fullOut, buf, &got)
					}
					pl.readBackInto(out, buf, &got)
					g.Expect(got).To(Equal(want), "%s/%s room %d reused %v", bname, cname, room, reused)
					g.Expect(cap(got.kids)).To(Equal(len(got.kids)), "%s/%s room %d: capped", bname, cname, room)
				}
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

// TestApplyStoredOutputInChainsLikeApplyStoredOutput: a chain of updates written over one slot
// (ApplyStoredOutputIn, the slot holding cur from the second update on) stores the documents
// and answers ApplyStoredOutput's chain stores, reads back the same members (none left over from
// a former client with more of them), fails where it fails and leaves the slot as it was then;
// the client returned is in the slot, every time the same memory.
func TestApplyStoredOutputInChainsLikeApplyStoredOutput(t *testing.T) {
	t.Parallel()
	bodies := []string{applyCorpus["typical"], applyCorpus["not json"], applyCorpus["ids only"],
		applyCorpus["unknown unit"], applyCorpus["analytics arn"], applyCorpus["empty"], applyCorpus["unicode"]}
	for cname, cur := range applyCurrents {
		t.Run(cname, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			c := UpdateUserPoolClient
			want, err := c.ReadClient(json.RawMessage(cur))
			if err != nil {
				return
			}
			var slot StoredSlot
			got := want
			for i, body := range bodies {
				now := applyEquivNow.Add(time.Duration(i) * time.Second)
				p := c.Parse([]byte(body))
				before := slot
				w, wout, werr := c.ApplyStoredOutput(want, p, now)
				n, out, err := c.ApplyStoredOutputIn(&slot, got, p, now)
				if werr != nil {
					g.Expect(err).To(MatchError(werr.Error()), "update %d", i)
					g.Expect(slot).To(Equal(before), "update %d: the slot after an error", i)
					continue
				}
				g.Expect(err).NotTo(HaveOccurred(), "update %d", i)
				g.Expect(n).To(BeIdenticalTo(&slot.box.client), "update %d", i)
				g.Expect(string(out)).To(Equal(string(wout)), "update %d", i)
				g.Expect(string(n.Doc)).To(Equal(string(w.Doc)), "update %d", i)
				g.Expect(cap(n.Doc)).To(Equal(len(n.Doc)), "update %d: Doc is capped", i)
				g.Expect(*n.top).To(Equal(*w.top), "update %d: the members read back", i)
				for k := len(n.top.kids); k < len(slot.box.kids); k++ {
					g.Expect(slot.box.kids[k]).To(BeZero(), "update %d: slot member %d", i, k)
				}
				want, got = w, n
			}
		})
	}
}

// TestApplyStoredOutputInAllocatesTheDocument: an update into a slot allocates the document
// (with its answer) and nothing else: no StoredClient, no LastModifiedDate string.
func TestApplyStoredOutputInAllocatesTheDocument(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's allocations are counted too")
	}
	g := NewWithT(t)
	c := UpdateUserPoolClient
	cur, err := c.ReadClient(json.RawMessage(applyCurrents["full"]))
	g.Expect(err).NotTo(HaveOccurred())
	p := c.Parse([]byte(applyCorpus["typical"]))
	var slot StoredSlot
	allocs := testing.AllocsPerRun(100, func() {
		if cur, _, err = c.ApplyStoredOutputIn(&slot, cur, p, applyEquivNow.Add(123*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	})
	g.Expect(allocs).To(BeNumerically("==", 1))
}

// TestStoredSlotDropsFormerMembers: a client with fewer members to read back, written over one
// with more, leaves no member of the former in the slot.
func TestStoredSlotDropsFormerMembers(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	c := UpdateUserPoolClient
	var slot StoredSlot
	slot.box.kids[len(slot.box.kids)-1] = jmember{name: "Former", val: jnode{kind: jString, raw: `"former"`}}
	n, _, err := c.ApplyStoredOutputIn(&slot, nil, c.Parse([]byte(`{}`)), applyEquivNow)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(len(n.top.kids)).To(BeNumerically("<", len(slot.box.kids)))
	for k := len(n.top.kids); k < len(slot.box.kids); k++ {
		g.Expect(slot.box.kids[k]).To(BeZero(), "slot member %d", k)
	}
}
