package contracts

import (
	"encoding/json"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// decodedAgrees holds an undecoded node's value (jnode.str, jnode.decoded) to unquoteRefuse's
// on the string whose text (after the opening quote) starts src, when unquoteRefuse accepts it.
func decodedAgrees(t *testing.T, src string) {
	stop, cont, high := scanPlain(src, 0)
	v, _, end, ok := unquoteRefuse(src, 0, stop, cont, high)
	if !ok {
		return
	}
	n := jnode{kind: jString, lazy: true, raw: `"` + src[:end]}
	if s := n.str(); s != v {
		t.Fatalf("%.80q: decoded %.80q, want %.80q", src, s, v)
	}
}

// TestUndecodedIsUnquoteRefuse: every text of the scanner's escape corpus (escapes of every
// kind, surrogates paired and lone, \u escapes in both cases, control characters, invalid and
// cut UTF-8, multibyte runs, empty, huge) read as an undecoded node gives the eager decoder's
// value.
func TestUndecodedIsUnquoteRefuse(t *testing.T) {
	t.Parallel()
	for _, text := range escapeTexts() {
		decodedAgrees(t, text)
	}
}

// FuzzUndecoded holds the undecoded node's value to unquoteRefuse's on fuzzed texts (go test
// -run '^$' -fuzz FuzzUndecoded ./contracts).
func FuzzUndecoded(f *testing.F) {
	for _, text := range escapeTexts() {
		if len(text) < 2000 {
			f.Add(text)
		}
	}
	f.Fuzz(decodedAgrees)
}

// escapedValue is the value of the fuzzer's RoleArn cases' ExternalId, n units long: multibyte
// text with a \u2028 escape every few dozen bytes (38 bytes and 26 characters a unit).
func escapedValue(n int) string {
	return `"` + strings.Repeat(`éあ中x\u2028abcdefghijklmnopqrstu`, n) + `"`
}

// unreadBodies are requests with long escaped values of members unread names (ExternalId,
// within and past its length; ClientName, which has a pattern, is not named), nested, with
// bad ones among them, held to the parse that decodes everything.
func unreadBodies() map[string]string {
	ext := func(v string) string {
		return `{"ClientId":"c","AnalyticsConfiguration":{"ExternalId":` + v + `,"RoleArn":"r"}}`
	}
	valid := escapedValue(4000) // 104,000 characters
	return map[string]string{
		"valid":           ext(valid),
		"too long":        ext(escapedValue(5100)), // 132,600 characters
		"at the limit":    ext(`"` + strings.Repeat("a", 131072-4*1024) + strings.Repeat(`\u2028`, 4*1024) + `"`),
		"past the limit":  ext(`"` + strings.Repeat("a", 131073-4*1024) + strings.Repeat(`\u2028`, 4*1024) + `"`),
		"short":           ext(escapedValue(10)),
		"pattern member":  `{"ClientName":` + valid + `}`,
		"list entry":      `{"CallbackURLs":[` + valid + `]}`,
		"bad escape":      ext(valid[:len(valid)-1] + `\q"`),
		"control":         ext(valid[:len(valid)-1] + "\x01\""),
		"invalid utf-8":   ext(valid[:len(valid)-1] + "\xff\""),
		"lone surrogates": ext(valid[:len(valid)-1] + `\ud800\udc00\ude00"`),
		"cut":             ext(valid[:len(valid)-1]),
		"twice":           `{"AnalyticsConfiguration":{"ExternalId":` + valid + `,"ExternalId":` + valid + `}}`,
	}
}

// TestUnreadParseAgrees: the contract's parse, which leaves the long values of unread members
// undecoded, gives the tree and error of the parse that decodes every string, each value as
// str reads it; a value is left undecoded exactly when it is long, escaped, of a member unread
// names and within that member's lengths.
func TestUnreadParseAgrees(t *testing.T) {
	t.Parallel()
	unread := unreadStringsOf(UpdateUserPoolClient.Operation.Input)
	for name, body := range unreadBodies() {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			want, wantErr := parseText(body, false, nil)
			got, err := parseTextUnread(body, false, nil, unread)
			if wantErr != nil {
				g.Expect(err).To(MatchError(wantErr.Error()))
				return
			}
			g.Expect(err).NotTo(HaveOccurred())
			sameTree(g, &got, &want, "$")
			var lazy []string
			walkStrings(&got, func(n *jnode) {
				if n.lazy {
					lazy = append(lazy, n.raw[:20])
				}
			})
			ext := got.get("AnalyticsConfiguration")
			undecoded := ext != nil && ext.get("ExternalId") != nil && ext.get("ExternalId").lazy
			switch name {
			case "valid", "at the limit", "twice", "lone surrogates":
				g.Expect(undecoded).To(BeTrue())
			default:
				g.Expect(lazy).To(BeEmpty())
			}
		})
	}
}

// TestUnreadWithoutParseMemo: the contract's parse leaves a long escaped ExternalId within its
// lengths undecoded with its parse memo on and off (WithoutParseMemo changes only the memo).
func TestUnreadWithoutParseMemo(t *testing.T) {
	t.Parallel()
	body := []byte(unreadBodies()["valid"])
	for _, c := range []*Contract{UpdateUserPoolClient, UpdateUserPoolClient.WithoutParseMemo()} {
		g := NewWithT(t)
		p := c.Parse(body)
		g.Expect(p.err).NotTo(HaveOccurred())
		g.Expect(p.doc.get("AnalyticsConfiguration").get("ExternalId").lazy).To(BeTrue())
	}
}

// walkStrings calls f on every string node of n.
func walkStrings(n *jnode, f func(*jnode)) {
	if n.kind == jString {
		f(n)
	}
	for k := range n.kids {
		walkStrings(&n.kids[k].val, f)
	}
}

// TestUnreadNamesExternalId: the model's ExternalId (StringType: no pattern, at most 131,072
// characters) is named, with its lengths as the model states them; ClientName (a pattern) and
// ExplicitAuthFlows (a list of enums) are not.
func TestUnreadNamesExternalId(t *testing.T) {
	g := NewWithT(t)
	unread := unreadStringsOf(UpdateUserPoolClient.Operation.Input)
	s, ok := UpdateUserPoolClient.Model.Shape("com.amazonaws.cognitoidentityprovider#StringType")
	g.Expect(ok).To(BeTrue())
	max, _ := s.Length.MaxInt()
	g.Expect(unread).To(HaveKeyWithValue("ExternalId", memberCheckOf(s, &s.Constraints)))
	g.Expect(unread["ExternalId"].hi).To(Equal(max))
	g.Expect(unread).NotTo(HaveKey("ClientName"))
	g.Expect(unread).NotTo(HaveKey("ExplicitAuthFlows"))
}

// TestUnreadValueIsNotAllocated: the contract's parse of a request carrying a valid ExternalId
// of 150 KB written with escapes allocates far less than the value's size.
func TestUnreadValueIsNotAllocated(t *testing.T) {
	g := NewWithT(t)
	body := `{"ClientId":"c","AnalyticsConfiguration":{"ExternalId":` + escapedValue(4000) + `,"RoleArn":"r"}}`
	unread := unreadStringsOf(UpdateUserPoolClient.Operation.Input)
	_, _ = parseTextUnread(body, false, nil, unread) // the scratch buffer made
	var before, after runtime.MemStats
	const runs = 20
	runtime.ReadMemStats(&before)
	for range runs {
		_, _ = parseTextUnread(body, false, nil, unread)
	}
	runtime.ReadMemStats(&after)
	perParse := (after.TotalAlloc - before.TotalAlloc) / runs
	g.Expect(perParse).To(BeNumerically("<", len(body)/10), "bytes allocated a parse")
}

// BenchmarkUnreadParse parses the request of TestUnreadValueIsNotAllocated leaving its
// ExternalId undecoded (unread) and decoding it (decoded), alternating in one loop; reported:
// each one's best time.
//
//	go test ./contracts -run '^$' -bench '^BenchmarkUnreadParse$' -benchtime 300x -benchmem -count 3
func BenchmarkUnreadParse(b *testing.B) {
	body := `{"ClientId":"c","AnalyticsConfiguration":{"ExternalId":` + escapedValue(4000) + `,"RoleArn":"r"}}`
	unread := unreadStringsOf(UpdateUserPoolClient.Operation.Input)
	best := [2]time.Duration{1 << 62, 1 << 62}
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		if i%2 == 0 {
			_, _ = parseTextUnread(body, false, nil, unread)
		} else {
			_, _ = parseText(body, false, nil)
		}
		best[i%2] = min(best[i%2], time.Since(t0))
	}
	b.ReportMetric(float64(best[0].Nanoseconds()), "unread-best-ns")
	b.ReportMetric(float64(best[1].Nanoseconds()), "decoded-best-ns")
}

// FuzzUnreadParse holds the contract's parse to the decoding parse on requests whose ExternalId
// is a fuzzed text repeated past lazyMin (go test -run '^$' -fuzz FuzzUnreadParse ./contracts):
// the same error, or the same tree with each value as str reads it.
func FuzzUnreadParse(f *testing.F) {
	for _, text := range escapeTexts() {
		if len(text) > 0 && len(text) < 200 {
			f.Add(strings.TrimSuffix(text, `"`))
		}
	}
	unread := unreadStringsOf(UpdateUserPoolClient.Operation.Input)
	f.Fuzz(func(t *testing.T, text string) {
		if text == "" || len(text) > 4096 {
			return
		}
		body := `{"AnalyticsConfiguration":{"ExternalId":"` + `\n` + strings.Repeat(text, 1+lazyMin/len(text)) + `"}}`
		want, wantErr := parseText(body, false, nil)
		got, err := parseTextUnread(body, false, nil, unread)
		g := NewWithT(t)
		if wantErr != nil {
			g.Expect(err).To(MatchError(wantErr.Error()))
			return
		}
		g.Expect(err).NotTo(HaveOccurred())
		sameTree(g, &got, &want, "$")
	})
}

// undecodedAnswerBodies are requests with an escaped ExternalId of 16 KB and more, where the
// contract's parse may leave it undecoded (lazy says it must, to hold the test to that), for
// TestUndecodedAnswersAsDecoded.
func undecodedAnswerBodies() map[string]struct {
	body string
	lazy bool
} {
	ids := `"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789",`
	role := `"RoleArn":"arn:aws:iam::123456789012:role/r"`
	valid, long := escapedValue(1000), escapedValue(5100) // 26,000 and 132,600 characters
	analytics := func(v, rest string) string {
		return `{` + ids + `"AnalyticsConfiguration":{"ApplicationId":"abc123",` + rest + `,"ExternalId":` + v + `}}`
	}
	type b = struct {
		body string
		lazy bool
	}
	return map[string]b{
		"valid":                 {analytics(valid, role), true},
		"too long":              {analytics(long, role), false},
		"valid, bad ClientName": {`{` + ids + `"ClientName":"!",` + analytics(valid, role)[1+len(ids):], true},
		"short RoleArn":         {analytics(valid, `"RoleArn":"r"`), true},
		"top level":             {`{` + ids + `"ExternalId":` + valid + `}`, true},
		"unknown member":        {`{` + ids + `"Unknown":{"ExternalId":` + valid + `}}`, true},
		"wrong type":            {`{` + ids + `"AnalyticsConfiguration":[{"ExternalId":` + valid + `}]}`, true},
		"token units":           {`{` + ids + `"TokenValidityUnits":{"AccessToken":"hours","ExternalId":` + valid + `}}`, true},
	}
}

// TestUndecodedAnswersAsDecoded: the contract's parse of a body with a long escaped ExternalId,
// left undecoded, gives the prediction (PredictParsed) and the stored answer
// (ApplyStoredOutput's output, byte for byte) of the parse that decodes every string
// (parseText), each ParsedRequest shared by goroutines asking at once (under -race).
func TestUndecodedAnswersAsDecoded(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient
	cur, err := c.ReadClient(json.RawMessage(applyCurrents["full"]))
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range undecodedAnswerBodies() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			lazy := c.WithoutParseMemo().Parse([]byte(tc.body))
			g.Expect(lazy.err).NotTo(HaveOccurred())
			var undecoded bool
			walkStrings(&lazy.doc, func(n *jnode) { undecoded = undecoded || n.lazy })
			g.Expect(undecoded).To(Equal(tc.lazy), "a value left undecoded")
			doc, err := parseText(tc.body, false, nil)
			g.Expect(err).NotTo(HaveOccurred())
			plain := &ParsedRequest{doc: doc, src: tc.body, by: c}
			const workers = 4
			var wg sync.WaitGroup
			preds := make([][2]Prediction, workers)
			outs := make([][2]string, workers)
			for w := range workers {
				wg.Go(func() {
					for k, p := range []*ParsedRequest{lazy, plain} {
						preds[w][k] = c.PredictParsed(p, msgState())
						_, out, err := c.ApplyStoredOutput(cur, p, applyEquivNow)
						if err != nil {
							out = []byte("error: " + err.Error())
						}
						outs[w][k] = string(out)
					}
				})
			}
			wg.Wait()
			for w := range workers {
				g.Expect(preds[w][0]).To(Equal(preds[w][1]), "prediction, goroutine %d", w)
				g.Expect(preds[w][0]).To(Equal(preds[0][0]), "prediction, goroutine %d", w)
				g.Expect(outs[w][0] == outs[w][1]).To(BeTrue(), "stored answer, goroutine %d", w)
				g.Expect(outs[w][0] == outs[0][0]).To(BeTrue(), "stored answer, goroutine %d", w)
			}
		})
	}
}

// TestScratchIsBounded: a parse of a request carrying a 1 MB escaped ExternalId (too long to
// be left undecoded) does not leave the spare parser holding a scratch of its size; one of a
// valid 150 KB value keeps its scratch (within scratchMax: 6 bytes a character of the model's
// longest ExternalId).
func TestScratchIsBounded(t *testing.T) {
	g := NewWithT(t)
	unread := UpdateUserPoolClient.unread
	g.Expect(unread.scratchMax()).To(Equal(6 * int(unread["ExternalId"].hi)))
	body := func(n int) string {
		return `{"AnalyticsConfiguration":{"ExternalId":` + escapedValue(n) + `}}`
	}
	_, _ = parseTextUnread(body(4000), false, nil, unread)
	spare := spareParser.Load()
	g.Expect(spare).NotTo(BeNil())
	g.Expect(cap(spare.scratch)).To(BeNumerically(">=", len(escapedValue(4000))-2), "a valid value's scratch kept")
	huge := body(1 << 20 / (len(escapedValue(1)) - 2))
	g.Expect(len(huge)).To(BeNumerically(">", 1<<20-100))
	_, _ = parseTextUnread(huge, false, nil, unread)
	spare = spareParser.Load()
	g.Expect(spare).NotTo(BeNil())
	g.Expect(cap(spare.scratch)).To(BeNumerically("<=", unread.scratchMax()), "the spare's scratch")
}
