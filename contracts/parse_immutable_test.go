package contracts

import (
	"strings"
	"testing"
	"time"
	"unsafe"

	. "github.com/onsi/gomega"
)

// immutableBodies are ParseImmutable's differential cases: the tree tests' bodies (escapes in
// names and values, surrogates, invalid UTF-8, control characters, multibyte, failures) and
// the edges of the view itself: empty and blank bodies (RequestBody's "{}"), whitespace around
// a value, a huge multibyte value with escapes, a body of one byte.
func immutableBodies() map[string]string {
	bodies := treeBodies()
	bodies["empty"] = ""
	bodies["blank"] = " \t\r\n"
	bodies["spaced object"] = "  {\"ClientName\":\"a\"}\n"
	bodies["one byte"] = "{"
	bodies["nul"] = "\x00"
	bodies["huge escaped multibyte"] = `{"UserPoolId":"us-east-1_abc","ClientId":"abc123","AnalyticsConfiguration":{"ExternalId":"` +
		strings.Repeat(`あé\u2028—`, 30000) + `"}}`
	bodies["huge invalid utf-8"] = `{"ClientName":"` + strings.Repeat("é", 70000) + "\xff\"}"
	return bodies
}

// immutableAgrees expects ParseImmutable on body to be Parse's parse (tree, error, text and
// prediction) read through the body's own bytes: its text is a view of them, not a copy.
func immutableAgrees(g *WithT, body string) {
	c := UpdateUserPoolClient.WithoutParseMemo()
	mem := []byte(body)
	got, want := c.ParseImmutable(mem), c.Parse([]byte(body))
	g.Expect(got.src).To(Equal(want.src))
	if want.err != nil {
		g.Expect(got.err).To(MatchError(want.err.Error()))
	} else {
		g.Expect(got.err).NotTo(HaveOccurred())
	}
	sameTree(g, &got.doc, &want.doc, "$")
	g.Expect(c.PredictParsed(got, State{})).To(Equal(c.PredictParsed(want, State{})))
	if t := TrimJSONSpace(mem); len(t) > 0 {
		g.Expect(unsafe.StringData(got.src)).To(Equal(&mem[0]), "a view of the body's bytes")
	}
}

func TestParseImmutableIsParse(t *testing.T) {
	t.Parallel()
	for name, body := range immutableBodies() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			immutableAgrees(NewWithT(t), body)
		})
	}
}

// ParseImmutable and Parse share the memo: either finds the other's parse of the same bytes,
// and a view parse is never found for other bytes.
func TestParseImmutableSharesTheMemo(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	c, err := New(DefaultModel())
	g.Expect(err).NotTo(HaveOccurred())
	body := `{"UserPoolId":"us-east-1_abc","ClientId":"abc123","ClientName":"a"}`
	first := c.ParseImmutable([]byte(body))
	g.Expect(c.Parse([]byte(body))).To(BeIdenticalTo(first))
	g.Expect(c.ParseImmutable([]byte(body))).To(BeIdenticalTo(first))
	other := strings.Replace(body, `"a"`, `"b"`, 1)
	g.Expect(c.ParseImmutable([]byte(other))).NotTo(BeIdenticalTo(first))
	copied := c.Parse([]byte(body + " "))
	g.Expect(c.ParseImmutable([]byte(body + " "))).To(BeIdenticalTo(copied))
}

// BenchmarkParseImmutable times Parse and ParseImmutable (no memo) on the same bodies, the two
// alternating in one loop (each first every other time): an update of long lists (applyListsBody, the size of the fuzz
// campaign's positive updates), the typical one and 420 KB of escaped multibyte text:
// go test ./contracts -run '^$' -bench ParseImmutable -benchmem
func BenchmarkParseImmutable(b *testing.B) {
	c := UpdateUserPoolClient.WithoutParseMemo()
	for name, body := range map[string]string{"lists": applyListsBody(), "typical": applyCorpus["typical"],
		"huge": immutableBodies()["huge escaped multibyte"]} {
		b.Run(name, func(b *testing.B) {
			mem := []byte(body)
			var tCopy, tView time.Duration
			timed := func(parse func([]byte) *ParsedRequest, d *time.Duration) {
				t0 := time.Now()
				parse(mem)
				*d += time.Since(t0)
			}
			first := true
			for b.Loop() {
				if first { // which goes first alternates: neither always reads the body warm
					timed(c.Parse, &tCopy)
					timed(c.ParseImmutable, &tView)
				} else {
					timed(c.ParseImmutable, &tView)
					timed(c.Parse, &tCopy)
				}
				first = !first
			}
			b.ReportMetric(float64(tCopy.Nanoseconds())/float64(b.N), "parse-ns/op")
			b.ReportMetric(float64(tView.Nanoseconds())/float64(b.N), "immutable-ns/op")
			b.ReportMetric(float64(tView)/float64(tCopy), "immutable/parse")
		})
	}
}
