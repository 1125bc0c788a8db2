package fuzz

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/jsontext"
)

func TestMarshalAsEncodingJSON(t *testing.T) {
	t.Parallel()
	cases := map[string]any{
		"nil":               nil,
		"nil list":          []any(nil),
		"nil object":        map[string]any(nil),
		"empty list":        []any{},
		"empty object":      map[string]any{},
		"scalars":           []any{true, false, int64(-9223372036854775808), 7, 1.5, json.Number("12")},
		"keys sorted":       map[string]any{"b": 1, "a": []any{"x", map[string]any{"z": nil, "<": "&"}}},
		"html escaped":      "<a href=\"x\">&amp;</a>",
		"controls":          "\x00\x01\b\f\n\r\t\x1f\x7f\\",
		"line separators":   "a\u2028b\u2029c",
		"invalid utf-8":     "a\xffb\xc3",
		"multibyte":         "éßЖあ中한\u0301€©∑٣½«¿—\u00a0\u3000\u200b𝒜😀",
		"escaped key":       map[string]any{"\u2028<": "\xff"},
		"other E2 runes":    "\u2026\u20ac\u2027\u202a\u2018 \u2028\u2029\u2028",
		"E2 at the end":     "ab\xe2\x80",
		"surrogate bytes":   "\xed\xa0\x80",
		"UTF-8 edges":       "\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf",
		"overlong":          "\xc0\x80\xc1\xbf\xe0\x80\x80\xe0\x9f\xbf\xf0\x80\x80\x80",
		"cut sequences":     "\xc2\xe2\x82\xe2\x80\xf0\x9f\x98abcdefgh\xe2",
		"huge multibyte":    strings.Repeat("é\u2028𝒜<", 20000),
		"periodic cut rune": strings.Repeat("ab€\u2028cd", 700) + "ab\xe2\x82",
		"periodic invalid":  strings.Repeat("ab\xffcd", 1000),
		"periodic but last": strings.Repeat("0123456789abcdefghijklmnopqrstuvwxyz<", 200) + "x",
		"period past max":   strings.Repeat(strings.Repeat("q", 40)+strings.Repeat("r", maxPeriod), 3),
		"near-periodic":     strings.Repeat("abcdefghijklmnopqrstuvwxyz0123456789", 100)[1:] + "!" + strings.Repeat("abcdefghijklmnopqrstuvwxyz0123456789", 100),
		"huge repeated":     string(make([]byte, 70000)),
		"not a JSON value":  struct{ A int }{1},
	}
	for name, v := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			want, err := json.Marshal(v)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(string(marshal(v))).To(Equal(string(want)))
		})
	}
}

// TestMarshalDrawsAsEncodingJSON renders drawn requests of every mode both ways.
func TestMarshalDrawsAsEncodingJSON(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, _, _ := benchHarnessOn(t, nil)
	for i := range 300 {
		c := gen.DrawMode(NewSource(int64(i)), 0)
		want, err := json.Marshal(c.Request)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(string(marshal(c.Request))).To(Equal(string(want)), c.ID)
	}
}

func FuzzMarshalString(f *testing.F) {
	for _, s := range []string{"", "a", "<>&\"\\", "\u2028\xff", "é\x00", "\u2029x\u2026", "\xe2\x80", "€\u2028",
		"abcdefgh<abcdefgh", "abcdefg\x1fabcdefgh\x7f", "\xed\xa0\x80abcdefgh", "\xe0\x9f\xbfabcdefgh\xf0\x9f\x98\x80", "abcdefghijklmnop\"\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(map[string]any{s: []any{s}})
		if got := marshal(map[string]any{s: []any{s}}); string(got) != string(want) {
			t.Fatalf("%q: got %s, encoding/json %s", s, got, want)
		}
	})
}

// TestSDKInputAsUnmarshal checks that the SDK input built from a drawn request equals the one
// json.Unmarshal builds from its body, for drawn requests of every mode.
func TestSDKInputAsUnmarshal(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, _, _ := benchHarnessOn(t, nil)
	filled, dropped := 0, 0
	for i := range 600 {
		c := gen.DrawMode(NewSource(int64(i)), 0)
		if c.Request == nil || !expressible(contracts.UpdateUserPoolClient.Operation.Input, c.Request) {
			continue
		}
		want := &cip.UpdateUserPoolClientInput{}
		wantOK := json.Unmarshal(marshal(c.Request), want) == nil
		got := &cip.UpdateUserPoolClientInput{}
		if ok, kept := fillInput(reflect.ValueOf(got).Elem(), c.Request); ok {
			filled++
			g.Expect(kept).To(Equal(noDroppedZero(reflect.ValueOf(got).Elem(), c.Request)), c.ID)
			if !kept {
				dropped++
			}
			g.Expect(wantOK).To(BeTrue(), c.ID)
			if !reflect.DeepEqual(got, want) {
				w, _ := json.Marshal(want)
				gj, _ := json.Marshal(got)
				t.Fatalf("%s: json.Unmarshal builds\n%s\nfillInput builds\n%s", c.ID, w, gj)
			}
		}
	}
	g.Expect(filled).To(BeNumerically(">", 100))
	g.Expect(dropped).To(BeNumerically(">", 0), "requests with a member the SDK drops (RefreshTokenValidity 0, ...)")
}

// clientOfReference is clientOf as encoding/json alone reads the body.
func clientOfReference(body []byte) (json.RawMessage, bool) {
	var doc struct{ UserPoolClient json.RawMessage }
	if json.Unmarshal(body, &doc) != nil {
		return nil, false
	}
	return doc.UserPoolClient, true
}

var clientOfSeeds = []string{
	`{"UserPoolClient":{"ClientId":"a","ClientName":"\u00e9"}}`, `{"UserPoolClient":null}`, `{"UserPoolClient":7}`,
	`{"UserPoolClient":{"a":1}} `, `{"UserPoolClient": {"a":1}}`, `{"UserPoolClient":{"a":1} }`, `{"UserPoolClient":{"a":1},"b":2}`,
	`{"UserPoolClient":{"a":1}}}`, `{"UserPoolClient":}`, `{"UserPoolClient":{"a":1},"UserPoolClient":{"b":2}}`,
	`{"userpoolclient":{"a":1}}`, `{"UserPoolClient":"x` + "\xff" + `"}`, `{}`, `[]`, ``, `{"UserPoolClient":{"a":1}}` + "\f",
}

// The follow-up reads the client as encoding/json does, fast path or not.
func TestClientOf(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, s := range clientOfSeeds {
		got, ok := clientOf([]byte(s))
		want, wantOK := clientOfReference([]byte(s))
		g.Expect(ok).To(Equal(wantOK), s)
		g.Expect(string(got)).To(Equal(string(want)), s)
	}
}

func FuzzClientOf(f *testing.F) {
	for _, s := range clientOfSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, ok := clientOf(body)
		want, wantOK := clientOfReference(body)
		if ok != wantOK || !bytes.Equal(got, want) {
			t.Fatalf("%q: clientOf (%q, %v), encoding/json (%q, %v)", body, got, ok, want, wantOK)
		}
	})
}

// BenchmarkJSONString quotes drawn kinds of values (a short name, 300k ASCII characters, 100k
// multibyte ones, repeated blocks as long drawn values are, and the same without a period):
// appendJSONString and, in the same run, jsontext.AppendString (no period) and encoding/json.
func BenchmarkJSONString(b *testing.B) {
	ascii := strings.Repeat("abcdefghijklmnopqrstuvwxyz0123456789-._~", 7500)
	multibyte := strings.Repeat("éßЖあ中한€©∑٣½«¿—\u00a0\u3000𝒜", 6000)
	values := map[string]string{
		"short":               "app-client_01",
		"ascii":               ascii,
		"multibyte":           multibyte,
		"ascii-no-period":     "!" + ascii[1:],
		"multibyte-no-period": "!" + multibyte[1:],
	}
	encoders := map[string]func([]byte, string) []byte{
		"appendJSONString": appendJSONString,
		"jsontext":         jsontext.AppendString,
		"encoding-json":    func(dst []byte, s string) []byte { out, _ := json.Marshal(s); return append(dst, out...) },
	}
	for vname, v := range values {
		g := NewWithT(b)
		g.Expect(string(jsontext.AppendString(nil, v))).To(Equal(string(appendJSONString(nil, v))))
		for ename, enc := range encoders {
			b.Run(vname+"/"+ename, func(b *testing.B) {
				buf := make([]byte, 0, 2*len(v)+2)
				b.SetBytes(int64(len(v)))
				for b.Loop() {
					buf = enc(buf[:0], v)
				}
			})
		}
	}
}

// A long value made of a repeated block (as long drawn values are) is written from the block's
// text: the same bytes as encoding/json, whatever the block, the repetitions and the cut.
func FuzzMarshalRepeated(f *testing.F) {
	for _, s := range []string{"a", "\x00", "é\u2028𝒜<", "ab\xe2\x82", "\xff", "0123456789abcdef0123456789abcdef0", "\u2029x"} {
		f.Add(s, uint16(3000), uint16(1))
	}
	f.Fuzz(func(t *testing.T, block string, n, cut uint16) {
		if block == "" {
			t.Skip()
		}
		s := strings.Repeat(block, int(n)%(2*periodMin)/len(block)+1)
		s += block[:int(cut)%len(block)]
		want, _ := json.Marshal(s)
		if got := marshal(s); string(got) != string(want) {
			t.Fatalf("%d bytes of %q repeated: got %d bytes, encoding/json %d", len(s), block, len(got), len(want))
		}
	})
}

// drawnBodyReference is what a drawn case's body must be: its request rendered by encoding/json
// (applyReference for a raw case, which renders its mutation the same way).
func drawnBodyReference(c Case) []byte {
	if c.mutation != nil {
		return applyReference(*c.mutation, c.Request)
	}
	b, err := json.Marshal(c.Request)
	if err != nil {
		panic(err)
	}
	return b
}

// A case's body, rendered with the lists' texts its draw wrote (drawnTexts), is its request as
// encoding/json renders it: every mode, seeded Sources and Sources from bytes, every break.
func TestDrawnBodiesAsEncodingJSON(t *testing.T) {
	t.Parallel()
	gen, _, _ := benchHarnessOn(t, nil)
	check := func(c Case) {
		if want := drawnBodyReference(c); !bytes.Equal(c.Body, want) {
			t.Fatalf("%s: body %.300q, reference %.300q", c.ID, c.Body, want)
		}
	}
	for _, m := range []Mode{0, Positive, Negative, Raw} {
		src := NewSource(int64(m))
		for i := range 150 {
			check(gen.DrawMode(src, m))
			check(gen.DrawMode(NewFromGoFuzz([]byte{byte(i), byte(m), 1, 2, 3, 4, 5, 6, 7, 8}), m))
		}
	}
	src := NewSource(3)
	for i := range gen.Breaks() {
		check(gen.DrawBreak(src, i))
	}
}

func FuzzDrawnBodiesAsEncodingJSON(f *testing.F) {
	f.Add(int64(7), uint8(0))
	f.Add(int64(-1), uint8(1))
	f.Add(int64(1<<40), uint8(3))
	gen, _, _ := benchHarnessOn(f, nil)
	f.Fuzz(func(t *testing.T, seed int64, mode uint8) {
		c := gen.DrawMode(NewSource(seed), Mode(mode%4))
		if want := drawnBodyReference(c); !bytes.Equal(c.Body, want) {
			t.Fatalf("seed %d, %s: body %.300q, reference %.300q", seed, c.ID, c.Body, want)
		}
	})
}

// urlList records the text of the model's URL lists (their alphabet and prefixes need no
// escape), and it is the list as encoding/json writes it.
func TestURLListTextIsMarshal(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	gen, _, _ := benchHarnessOn(t, nil)
	m := gen.sets.callbacks.entry
	g.Expect(gen.urlDrawOf(m).plain).To(BeTrue())
	for _, n := range []int{1, 2, 5, 100} {
		for _, edges := range []bool{false, true} {
			s := NewSource(int64(n))
			s.fill(drawFunc(func(r rnd) {
				list := gen.urlList(r, m, n, edges)
				g.Expect(r.texts.lists).To(HaveLen(1))
				text, ok := r.texts.textOf(list)
				g.Expect(ok).To(BeTrue())
				want, _ := json.Marshal(list)
				g.Expect(text).To(Equal(string(want)))
			}))
			s.texts.reset()
		}
	}
}

// textOf answers only for a recorded list whose entries are still the pieces of its text:
// any change falls back to rendering the entries, which writes what encoding/json writes.
func TestTextOfRejectsChangedLists(t *testing.T) {
	t.Parallel()
	record := func(t *drawnTexts, urls ...string) []any {
		text := "["
		list := make([]any, len(urls))
		for i, u := range urls {
			if i > 0 {
				text += ","
			}
			text += `"` + u + `"`
			list[i] = u
		}
		text += "]"
		for i := range list { // the entries are pieces of the text, as urlList makes them
			list[i] = text[strings.Index(text, `"`+urls[i]+`"`)+1:][:len(urls[i])]
		}
		t.add(list, text)
		return list
	}
	cases := map[string]struct {
		change  func(l []any) []any
		matches bool
	}{
		"unchanged":             {func(l []any) []any { return l }, true},
		"same text elsewhere":   {func(l []any) []any { l[1] = strings.Clone(l[1].(string)); return l }, true},
		"same length":           {func(l []any) []any { l[0] = "https://cb0.example.com/b"; return l }, false},
		"quote inside":          {func(l []any) []any { l[0] = `https://cb0.example.com/"`; return l }, false},
		"html inside":           {func(l []any) []any { l[1] = "myapp://cb1/<"; return l }, false},
		"line separator":        {func(l []any) []any { l[1] = "myapp://cb1/\u2028"; return l }, false},
		"invalid UTF-8":         {func(l []any) []any { l[2] = "\xff"; return l }, false},
		"not a string":          {func(l []any) []any { l[2] = int64(3); return l }, false},
		"empty entry":           {func(l []any) []any { l[2] = ""; return l }, false},
		"spans two pieces":      {func(l []any) []any { l[0] = `https://cb0.example.com/a","myapp://cb1/é`; l[1] = ""; return l }, false},
		"cut":                   {func(l []any) []any { return l[:2] }, false},
		"from the second":       {func(l []any) []any { return l[1:] }, false},
		"grown":                 {func(l []any) []any { return append(l, "myapp://cb3/x") }, false},
		"copied":                {func(l []any) []any { return append([]any{}, l...) }, false},
		"empty":                 {func(l []any) []any { return l[:0] }, false},
		"nil":                   {func(l []any) []any { return nil }, false},
		"multibyte replacement": {func(l []any) []any { l[2] = "http://localhost:8080/cb2/中"; return l }, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			var texts drawnTexts
			record(&texts, "https://cb9.example.com/zz") // another list, never matched
			list := tc.change(record(&texts, "https://cb0.example.com/a", "myapp://cb1/é", "http://localhost:8080/cb2/𝒜"))
			_, ok := texts.textOf(list)
			g.Expect(ok).To(Equal(tc.matches))
			want, _ := json.Marshal(list)
			g.Expect(string(texts.appendJSON(nil, list))).To(Equal(string(want)))
			g.Expect(string(texts.marshal(map[string]any{"CallbackURLs": list}))).To(Equal(`{"CallbackURLs":` + string(want) + "}"))
			texts.reset()
			g.Expect(texts.lists).To(BeEmpty())
			_, ok = texts.textOf(list)
			g.Expect(ok).To(BeFalse())
		})
	}
	var none *drawnTexts
	none.add([]any{"x"}, `["x"]`) // no texts: nothing recorded, nothing to answer
	_, ok := none.textOf([]any{"x"})
	NewWithT(t).Expect(ok).To(BeFalse())
}

// plainTexts is true exactly when jsontext writes each text as it is.
func TestPlainTexts(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for s, want := range map[string]bool{"": true, "abc-._~09": true, "éß中한𝒜😀\u0301\u3000": true, "a<b": false, "&": false, `"`: false,
		`\`: false, "\u2028": false, "\u2029": false, "\x00": false, "\x7f": true, "\t": false, "\xff": false, "\xed\xa0\x80": false} {
		g.Expect(plainTexts(s)).To(Equal(want), "%q", s)
		g.Expect(plainTexts("abc", s)).To(Equal(want), "%q after a plain text", s)
	}
	g.Expect(urlPrefixesPlain).To(BeTrue())
	g.Expect(alphabetOf(nil).plain).To(BeFalse()) // every candidate: '<', '"', U+2028, ...
	g.Expect(alphabetOf(nil).narrow(unreserved).plain).To(BeTrue())
	g.Expect(alphabet{ascii: []rune{'a', '&'}}.withUTF8().plain).To(BeFalse())
}

// appendKey copies a plain key as it is, which is what appendJSONString writes for it, and
// writes any other through appendJSONString: the input's member names (plain: Generator's
// plainKeys), plain texts and the edge cases of a key (empty, escapes, control characters,
// U+2028, invalid UTF-8, surrogates as UTF-8, multibyte), each after some text.
func TestAppendKeyAsJSONString(t *testing.T) {
	t.Parallel()
	gen, err := NewGenerator(nil, testStates()...)
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"", "abc-._~09", "éß中한𝒜😀\u0301\u3000", "a<b", "&", `"`, `\`, "\u2028", "\x00", "\x7f", "\t", "\xff", "\xed\xa0\x80"}
	for _, m := range gen.input.Members {
		keys = append(keys, m.Name)
	}
	for _, k := range keys {
		want := append(appendJSONString([]byte("x,"), k), ':')
		if got := appendKey([]byte("x,"), k, false); !bytes.Equal(got, want) {
			t.Fatalf("%q: %q, want %q", k, got, want)
		}
		if !plainTexts(k) {
			continue
		}
		if got := appendKey([]byte("x,"), k, true); !bytes.Equal(got, want) {
			t.Fatalf("%q plain: %q, want %q", k, got, want)
		}
	}
	if !gen.plainKeys || !plainTexts(keys[len(keys)-len(gen.input.Members):]...) {
		t.Fatal("the input's member names are not plain")
	}
}

// FuzzAppendKey: a fuzzed key that is plain (plainTexts) is copied by appendKey as
// appendJSONString writes it, and any key without plain is appendJSONString's.
func FuzzAppendKey(f *testing.F) {
	f.Add("ClientName")
	f.Add("a<b\u2028")
	f.Add("\xed\xa0\x80é\x00")
	f.Fuzz(func(t *testing.T, key string) {
		want := append(appendJSONString([]byte("{"), key), ':')
		if got := appendKey([]byte("{"), key, false); !bytes.Equal(got, want) {
			t.Fatalf("%q: %q, want %q", key, got, want)
		}
		if got := appendKey([]byte("{"), key, true); plainTexts(key) && !bytes.Equal(got, want) {
			t.Fatalf("%q plain: %q, want %q", key, got, want)
		}
	})
}

// BenchmarkDrawnTexts is positive draws (seeds 7 to 7+benchCases-1) rendered with the texts
// of their URL lists (drawnTexts, as Draw renders them) and the same draws rendered entry by
// entry (marshal), alternating which goes first, each timed alone: texts-ns/draw and
// entries-ns/draw are the sums over the draws of each one's fastest time (steady under the
// load of other benchmarks on the machine) divided by benchCases, ratio their quotient. The
// draws' own cost is in both.
func BenchmarkDrawnTexts(b *testing.B) {
	gen, _, _ := benchHarness(b)
	src := NewSource(7)
	var best [2][benchCases]time.Duration
	draw := func(seed int64, with bool) time.Duration {
		src.Reseed(seed)
		start := time.Now()
		src.fill(drawFunc(func(r rnd) {
			c := gen.positive(r, r.Intn(len(gen.states)))
			if with {
				c.Body = r.texts.marshal(c.Request)
			} else {
				c.Body = marshal(c.Request)
			}
		}))
		d := time.Since(start)
		src.texts.reset()
		return d
	}
	i := 0
	for b.Loop() {
		j := i % benchCases
		for k := range 2 {
			v := (k + i/benchCases) % 2 // which goes first alternates per cycle
			if d := draw(7+int64(j), v == 0); best[v][j] == 0 || d < best[v][j] {
				best[v][j] = d
			}
		}
		i++
	}
	var sum [2]time.Duration
	for v := range best {
		for _, d := range best[v] {
			sum[v] += d
		}
	}
	b.ReportMetric(float64(sum[0].Nanoseconds())/benchCases, "texts-ns/draw")
	b.ReportMetric(float64(sum[1].Nanoseconds())/benchCases, "entries-ns/draw")
	b.ReportMetric(float64(sum[0])/float64(sum[1]), "ratio")
}

// periodicValue is a value made as stringDraw.make makes a long one: block repeated reps
// times, then its first rest bytes (a prefix of whole runes).
func periodicValue(block string, reps, rest int) string {
	return strings.Repeat(block, reps) + block[:rest]
}

// A body with long values recorded as periodic (addPeriodic) is what encoding/json writes:
// blocks with escapes (HTML characters, U+2028, control characters) and four-byte runes, units
// of text longer than a chunk (repeatChunk), repeats around a chunk's edges, two values in one
// body, values inside lists and objects, a value recorded twice, a value equal to a recorded
// one in other memory; a value of a recorded length with other text, and one never recorded,
// are rendered as they are.
func TestPeriodicBodiesAsEncodingJSON(t *testing.T) {
	t.Parallel()
	blocks := []string{"a", "ab€", "é\u2028𝒜<", "x\x01\"\\&>" + strings.Repeat("中", 80), strings.Repeat("\u2029q", repeatChunk/4+3)}
	for _, block := range blocks {
		for _, reps := range []int{2, 3, 100, 8191, 8192, 8193, 16385} { // around a chunk of "a"s
			for _, cut := range []int{0, 2} {
				rest := len(string([]rune(block)[:min(cut, len([]rune(block))-1)]))
				s := periodicValue(block, reps, rest)
				if len(s) < periodMin || len(s) > 25_000 {
					continue
				}
				t.Run(fmt.Sprintf("%.8q x%d +%d", block, reps, rest), func(t *testing.T) {
					t.Parallel()
					g := NewWithT(t)
					other := periodicValue("zy", len(s)/2, len(s)%2) // same length, other text
					var texts drawnTexts
					texts.addPeriodic(s, len(block))
					texts.addPeriodic(s, len(block))
					texts.addPeriodic(other[:len(other)-2]+"<>", 2)        // wrongly recorded, never matched: other memory and text
					texts.addPeriodic(strings.Repeat("q", periodMin-1), 1) // too short: not recorded
					g.Expect(texts.periodic).To(HaveLen(3))
					for name, v := range map[string]any{
						"alone":       s,
						"in a body":   map[string]any{"A": s, "B": "x", "C": []any{s, "y", s}, "D": map[string]any{"E": s}},
						"equal value": map[string]any{"A": strings.Clone(s), "B": s},
						"other text":  map[string]any{"A": other, "B": s},
					} {
						want, err := json.Marshal(v)
						g.Expect(err).NotTo(HaveOccurred())
						g.Expect(texts.marshal(v) == nil).To(BeFalse())
						g.Expect(bytes.Equal(texts.marshal(v), want)).To(BeTrue(), name)
						g.Expect(texts.splices).To(BeEmpty(), "join empties them")
						g.Expect(bytes.Equal(texts.appendJSON(nil, v), want)).To(BeTrue(), name+", not splicing")
						g.Expect(bytes.Equal(marshal(v), want)).To(BeTrue(), name+", no texts")
					}
				})
			}
		}
	}
}

func FuzzPeriodicBodiesAsEncodingJSON(f *testing.F) {
	f.Add("ab€", uint16(3000), uint8(1))
	f.Add("\u2028<", uint16(5000), uint8(0))
	f.Fuzz(func(t *testing.T, block string, reps uint16, cut uint8) {
		block = strings.ToValidUTF8(block, "?") // a drawn block is runes of an alphabet
		rs := []rune(block)
		if len(rs) == 0 {
			return
		}
		rest := len(string(rs[:int(cut)%len(rs)]))
		s := periodicValue(block, int(reps)%5000+1, rest)
		var texts drawnTexts
		texts.addPeriodic(s, len(block))
		v := map[string]any{"A": s, "B": []any{s}}
		want, _ := json.Marshal(v)
		if got := texts.marshal(v); !bytes.Equal(got, want) {
			t.Fatalf("%q x%d +%d: %.200q, encoding/json %.200q", block, reps, rest, got, want)
		}
	})
}

// BenchmarkLongValue is a long drawn value made and rendered in a body as a draw makes it now
// (repeatText, then marshal with the value recorded as periodic: its text repeated into the
// body as join assembles it) and as it did before (the value repeated in a scratch buffer and
// copied into a string, then marshal looking for its period and rendering the body in the
// scratch buffer, copied out), alternating which goes first: the fastest and the median time
// of each (new-ns, former-ns, new-p50-ns, former-p50-ns) and ratio, the fastest times'
// quotient. The value is a too-long ExternalId's: 256 runes of the drawn alphabet repeated to
// 131073 runes.
func BenchmarkLongValue(b *testing.B) {
	gen, _, _ := benchHarness(b)
	m, _ := gen.input.MemberNamed("AnalyticsConfiguration")
	ext, _ := m.Target.MemberNamed("ExternalId")
	alpha := gen.alpha[ext.Target].multibyte
	var block []byte
	for i := range repeatBlock {
		block = utf8.AppendRune(block, alpha[i*7%len(alpha)])
	}
	const n = 131073
	reps, rest := n/repeatBlock, 0
	for range n % repeatBlock {
		_, size := utf8.DecodeRune(block[rest:])
		rest += size
	}
	var texts drawnTexts
	run := func(former bool) time.Duration {
		start := time.Now()
		var v string
		if former {
			buf := getRenderBuf()
			*buf = appendRepeated(append((*buf)[:0], block...), 0, reps, rest)
			v = string(*buf)
			putRenderBuf(buf)
		} else {
			v = repeatText(block, reps, rest)
			texts.addPeriodic(v, len(block))
		}
		req := map[string]any{"AnalyticsConfiguration": map[string]any{"ExternalId": v, "ApplicationId": "x"}, "ClientId": "c", "UserPoolId": "p"}
		if former {
			_ = marshal(req)
		} else {
			_ = texts.marshal(req)
			texts.reset()
		}
		return time.Since(start)
	}
	var ds [2][]time.Duration
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			v := (k + i) % 2
			ds[v] = append(ds[v], run(v == 1))
		}
	}
	for v, name := range []string{"new", "former"} {
		slices.Sort(ds[v])
		b.ReportMetric(float64(ds[v][0].Nanoseconds()), name+"-ns")
		b.ReportMetric(float64(ds[v][len(ds[v])/2].Nanoseconds()), name+"-p50-ns")
	}
	b.ReportMetric(float64(ds[0][0])/float64(ds[1][0]), "ratio")
}
