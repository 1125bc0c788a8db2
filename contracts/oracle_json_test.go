package contracts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// decodeNodeCases are texts decodeNode must read as encoding/json does (read: true) or leave
// to encoding/json (read: false).
var decodeNodeCases = map[string]struct {
	text string
	read bool
}{
	"object":                   {`{"a":1,"b":[true,false,null],"c":{"d":"e"}}`, true},
	"empty containers":         {`{"a":{},"b":[],"c":""}`, true},
	"whitespace around":        {" \t\r\n{ \"a\" : [ 1 , 2 ] }\n ", true},
	"duplicates":               {`{"a":1,"a":2}`, true},
	"numbers":                  {`[0,-0,1.5,-2e10,3E+2,4e-2,123456789012345678901234567890]`, true},
	"simple escapes":           {`["\"\\\/\b\f\n\r\t"]`, true},
	"u escapes":                {`["\u00e9\u2028\u003c\u0026\u0000\uFFFF"]`, true},
	"surrogate pair":           {`["\ud83d\ude00"]`, true},
	"lone high surrogate":      {`["\ud83dx"]`, true},
	"lone low surrogate":       {`["\ude00\ud83d"]`, true},
	"high then high":           {`["\ud83d\ud83d\ude00"]`, true},
	"high then escape":         {`["\ud83d\n"]`, true},
	"high at the end":          {`["\ud83d"]`, true},
	"escaped key":              {`{"\u0061":1,"a":2}`, true},
	"multibyte":                {`{"é":"中文 ₤ \u2028 ` + "\u2028" + `"}`, true},
	"backslashes before quote": {`["a\\\\","b\\\"c"]`, true},
	"empty string and key":     {`{"":""}`, true},
	"huge escaped":             {`["` + strings.Repeat(`é\u2028a<&>`, 20000) + `"]`, true},
	"huge plain":               {`["` + strings.Repeat("aé中", 30000) + `"]`, true},
	"invalid utf-8":            {"[\"\xff\"]", false},
	"invalid utf-8 escaped":    {"[\"\\n\xff\"]", false},
	"truncated multibyte":      {"[\"\xe4\xb8\"]", false},
	"surrogate bytes":          {"[\"\xed\xa0\x80\"]", false},
	"control character":        {"[\"a\tb\"]", false},
	"control after escape":     {"[\"\\na\x01\"]", false},
	"bad escape":               {`["\x"]`, false},
	"short u escape":           {`["\u12"]`, false},
	"bad hex":                  {`["\u12g4"]`, false},
	"unterminated":             {`["abc`, false},
	"unterminated escaped":     {`["a\"`, false},
	"leading zero":             {`[01]`, false},
	"trailing brace":           {`{} }`, false},
	"two values":               {`{}{}`, false},
	"trailing comma":           {`[1,]`, false},
	"missing colon":            {`{"a" 1}`, false},
	"bare word":                {`nul`, false},
	"empty":                    {``, false},
	"too deep":                 {strings.Repeat("[", nodeMaxDepth+1) + strings.Repeat("]", nodeMaxDepth+1), false},
	"deep":                     {strings.Repeat("[", 100) + strings.Repeat("]", 100), true},
	"scalar":                   {`"s"`, true},
	"nested escapes":           {`{"a":{"b":["\u00e9\ud83d\ude00\n",{"c\"":"é中"}]},"d":[1,{"e":null}]}`, true},
	"nested invalid escape":    {`{"a":{"b":"\x"}}`, false},
	"nested invalid utf-8":     {"{\"a\":[\"\\n\xff\"]}", false},
	"nested control":           {"{\"a\":[\"\\n\x01\"]}", false},
	"nested key invalid":       {"{\"a\":{\"\xff\":1}}", false},
	"nested short u":           {`{"a":["\u12"]}`, false},
	"nested bad number":        {`{"a":[-]}`, false},
	"null":                     {`null`, true},
	// The kids stack's room (stackKids) filled and passed: the stack moves to the heap (push).
	"kids at the room":    {`[` + strings.TrimSuffix(strings.Repeat(`"x",`, stackKids-1), ",") + `]`, true},
	"kids past the room":  {`{"a":1,"l":[` + strings.TrimSuffix(strings.Repeat(`"\u00e9",[1,{"b":2}],`, stackKids), ",") + `],"z":3}`, true},
	"deep past the room":  {strings.Repeat(`{"a":[`, stackKids) + `"\n"` + strings.Repeat(`]}`, stackKids), true},
	"fails past the room": {`[` + strings.Repeat(`1,`, 3*stackKids) + `]`, false},
}

// oracleRefDecode is what encoding/json with UseNumber reads: the value, when the text is one value
// followed by whitespace only.
func oracleRefDecode(b []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	rest := b[dec.InputOffset():]
	return v, len(bytes.TrimLeft(rest, " \t\r\n")) == 0
}

// decodeNodeAgrees: what decodeNode reads, encoding/json reads to the same value, each raw text
// is the value's text; decodeTree is decodeAny whatever the text.
func decodeNodeAgrees(t *testing.T, b []byte) (read bool) {
	n, ok := decodeNode(b)
	if ok {
		want, wok := oracleRefDecode(b)
		if !wok {
			t.Fatalf("%.200q: decodeNode reads what encoding/json refuses", b)
		}
		if got := n.toAny(); !reflect.DeepEqual([]any{got}, []any{want}) {
			t.Fatalf("%.200q: decodeNode %.200v, encoding/json %.200v", b, got, want)
		}
		checkNodeRaw(t, b, &n)
	}
	shallowAgrees(t, b, n, ok)
	a := newArena() // an arena's tree is the allocated tree
	an, aok := decodeNodeIn(b, a, false)
	if aok != ok || (ok && !reflect.DeepEqual([]any{an.toAny()}, []any{n.toAny()})) {
		t.Fatalf("%.200q: decodeNode in an arena %v %v, allocated %v %v", b, an.toAny(), aok, n.toAny(), ok)
	}
	viewInArenaAgrees(t, b, a, n, ok)
	a.release()
	tree, err := decodeTree(b)
	want, wantErr := decodeAny(b)
	if (err != nil) != (wantErr != nil) || (err == nil && !reflect.DeepEqual([]any{tree.toAny()}, []any{want})) {
		t.Fatalf("%.200q: decodeTree %v %v, decodeAny %v %v", b, tree.toAny(), err, want, wantErr)
	}
	return ok
}

// viewInArenaAgrees: a view read with an arena (its unescaped strings in the arena's text, after
// those of the check's earlier trees) is the allocated tree, twice in the same arena, and the
// second read leaves the first tree's strings as they were; so does a reread of b's copy.
func viewInArenaAgrees(t *testing.T, b []byte, a *nodeArena, n jnode, ok bool) {
	t.Helper()
	want := fmt.Sprint(n.toAny())
	for range 2 {
		first, fok := decodeNodeView(b, a, false)
		if fok != ok || (ok && fmt.Sprint(first.toAny()) != want) {
			t.Fatalf("%.200q: decodeNodeView in an arena %.200v %v, allocated %.200v %v", b, first.toAny(), fok, want, ok)
		}
		second, sok := decodeNodeView(bytes.Clone(b), a, false)
		if sok != ok || (ok && (fmt.Sprint(second.toAny()) != want || fmt.Sprint(first.toAny()) != want)) {
			t.Fatalf("%.200q: a second view in the arena %.200v %v; the first is now %.200v, want %.200v",
				b, second.toAny(), sok, first.toAny(), want)
		}
	}
}

// checkNodeRaw checks that a node's raw text decodes to the node's value.
func checkNodeRaw(t *testing.T, b []byte, n *jnode) {
	v, ok := oracleRefDecode([]byte(n.raw))
	if !ok || !reflect.DeepEqual([]any{v}, []any{n.toAny()}) {
		t.Fatalf("%.200q: raw %.200q reads %v, the node holds %v", b, n.raw, v, n.toAny())
	}
	for i := range n.kids {
		checkNodeRaw(t, b, &n.kids[i].val)
	}
}

func TestDecodeNodeAgrees(t *testing.T) {
	t.Parallel()
	for name, tc := range decodeNodeCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if read := decodeNodeAgrees(t, []byte(tc.text)); read != tc.read {
				t.Fatalf("decodeNode read %v, want %v", read, tc.read)
			}
		})
	}
}

// FuzzDecodeNode: go test -run '^$' -fuzz FuzzDecodeNode ./contracts
func FuzzDecodeNode(f *testing.F) {
	for _, tc := range decodeNodeCases {
		if len(tc.text) < 1000 {
			f.Add([]byte(tc.text))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) { decodeNodeAgrees(t, b) })
}

// shallowAgrees: a shallow read accepts what the whole read accepts; its top level holds the
// same scalars, and its nested containers the raw text of the whole read's.
func shallowAgrees(t *testing.T, b []byte, whole jnode, ok bool) {
	n, sok := decodeNodeIn(b, nil, true)
	if sok != ok {
		t.Fatalf("%.200q: shallow read %v, whole read %v", b, sok, ok)
	}
	if !ok || len(n.kids) != len(whole.kids) {
		if ok && n.kind != jObject && n.kind != jArray {
			return
		}
		if ok {
			t.Fatalf("%.200q: shallow top level %d kids, whole %d", b, len(n.kids), len(whole.kids))
		}
		return
	}
	for i := range n.kids {
		s, w := &n.kids[i], &whole.kids[i]
		if s.name != w.name || s.val.kind != w.val.kind || s.val.raw != w.val.raw {
			t.Fatalf("%.200q: kid %d: shallow %q %v %.100q, whole %q %v %.100q", b, i, s.name, s.val.kind, s.val.raw, w.name, w.val.kind, w.val.raw)
		}
		if s.val.kind != jObject && s.val.kind != jArray && !reflect.DeepEqual(s.val.toAny(), w.val.toAny()) {
			t.Fatalf("%.200q: kid %d: shallow %v, whole %v", b, i, s.val.toAny(), w.val.toAny())
		}
	}
}

// scanRunReference is scanRun one byte at a time.
func scanRunReference(b []byte) (ctl, high bool) {
	for _, c := range b {
		ctl = ctl || c < 0x20
		high = high || c >= 0x80
	}
	return ctl, high
}

// scanRun's eight-at-a-time reading is the byte loop's, for every length up to three words and
// every byte value at every position (the edges: 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xff).
func TestScanRun(t *testing.T) {
	t.Parallel()
	for n := 0; n <= 24; n++ {
		for pos := 0; pos < n; pos++ {
			for c := 0; c < 256; c++ {
				b := bytes.Repeat([]byte{'a'}, n)
				b[pos] = byte(c)
				ctl, high := scanRun(b)
				if wc, wh := scanRunReference(b); ctl != wc || high != wh {
					t.Fatalf("%q: scanRun (%v, %v), byte loop (%v, %v)", b, ctl, high, wc, wh)
				}
			}
		}
	}
}

// FuzzScanRun: go test -run '^$' -fuzz FuzzScanRun ./contracts
func FuzzScanRun(f *testing.F) {
	f.Add([]byte("abcdefgh\x1fijklmnop"))
	f.Add([]byte("\xe4\xb8\xadabcdefg \x7f\x20"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ctl, high := scanRun(b)
		if wc, wh := scanRunReference(b); ctl != wc || high != wh {
			t.Fatalf("%q: scanRun (%v, %v), byte loop (%v, %v)", b, ctl, high, wc, wh)
		}
	})
}

// plainEndReference is plainEnd one byte at a time.
func plainEndReference(b []byte, start int) (end int, high bool) {
	for end = start; end < len(b); end++ {
		c := b[end]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		high = high || c >= 0x80
	}
	return end, high
}

// plainEnd's eight-at-a-time reading is the byte loop's: every length up to three words, every
// start, every byte value at every position, behind a second stop byte or not.
func TestPlainEnd(t *testing.T) {
	t.Parallel()
	for n := 0; n <= 24; n++ {
		for pos := 0; pos < n; pos++ {
			for c := 0; c < 256; c++ {
				for _, after := range []byte{'a', '"', '\\', 0x01, 0x80, 0x20, 0x21, 0x23} { // 0x20..0x23: next to a quote, by one bit
					b := bytes.Repeat([]byte{'a'}, n)
					b[pos] = byte(c)
					if pos+1 < n {
						b[pos+1] = after
					}
					for _, start := range []int{0, 1, pos} {
						if start > n {
							continue
						}
						end, high := plainEnd(b, start)
						if we, wh := plainEndReference(b, start); end != we || high != wh {
							t.Fatalf("%q from %d: plainEnd (%d, %v), byte loop (%d, %v)", b, start, end, high, we, wh)
						}
					}
				}
			}
		}
	}
}

// FuzzPlainEnd: go test -run '^$' -fuzz FuzzPlainEnd ./contracts
func FuzzPlainEnd(f *testing.F) {
	f.Add([]byte("abcdefgh\x1fijklmnop"), uint8(0))
	f.Add([]byte("\xe4\xb8\xadabc\"defg \x7f\x20"), uint8(2))
	f.Add([]byte("https://a.example.com/x?a=1\\u0026b=2\""), uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, start uint8) {
		s := min(int(start), len(b))
		end, high := plainEnd(b, s)
		if we, wh := plainEndReference(b, s); end != we || high != wh {
			t.Fatalf("%q from %d: plainEnd (%d, %v), byte loop (%d, %v)", b, s, end, high, we, wh)
		}
	})
}

// strEndReference is how str found a plain string before plainEnd: the quote, then a
// backslash inside, then the run's control characters and multibyte bytes (three passes).
func strEndReference(src string, b []byte, start int) (end int, plain, high bool) {
	q := strings.IndexByte(src[start:], '"')
	if q < 0 || strings.IndexByte(src[start:start+q], '\\') >= 0 {
		return 0, false, false
	}
	ctl, high := scanRun(b[start : start+q])
	return start + q, !ctl, high
}

// BenchmarkPlainEnd finds the end of every string of a 200 whose lists are at their maximum
// (URLs, scopes, attributes), with plainEnd and, in the same run, with the three passes it
// replaces.
func BenchmarkPlainEnd(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"UserPoolClient":{"CallbackURLs":[`)
	for i := range 100 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `"https://app%d.example.com/callback/path/%d"`, i, i)
	}
	sb.WriteString(`],"ReadAttributes":["custom:attribute1","email","name"]}}`)
	src := sb.String()
	text := []byte(src)
	var starts []int
	for i := 0; i < len(src); i++ {
		if src[i] == '"' {
			starts = append(starts, i+1)
			i += strings.IndexByte(src[i+1:], '"') + 1
		}
	}
	b.Run("plainEnd", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			for _, s := range starts {
				if end, _ := plainEnd(text, s); src[end] != '"' {
					b.Fatal(end)
				}
			}
		}
	})
	b.Run("three-passes", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			for _, s := range starts {
				if end, plain, _ := strEndReference(src, text, s); !plain || src[end] != '"' {
					b.Fatal(end)
				}
			}
		}
	})
}

// BenchmarkDecodeNode reads a 200's answer as the check does (decodeNodeView with an arena,
// then a shallow read of the client before it) against json.Valid on the same texts in the
// same loop: a typical client, and one with lists of long URLs. Reported: each one's best
// iteration and their ratio.
func BenchmarkDecodeNode(b *testing.B) {
	long := strings.Repeat("https://app.example.com/callback/path/segment/", 8)
	var urls []string
	for i := range 50 {
		urls = append(urls, fmt.Sprintf(`"%s%d"`, long, i))
	}
	for name, req := range map[string]string{
		"typical": `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"web","AccessTokenValidity":60,"IdTokenValidity":60,"RefreshTokenValidity":30,"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"days"},"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"SupportedIdentityProviders":["COGNITO"],"CallbackURLs":["https://app.example.com/callback"],"LogoutURLs":["https://app.example.com/logout"],"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid","email"],"AllowedOAuthFlowsUserPoolClient":true,"PreventUserExistenceErrors":"ENABLED","EnableTokenRevocation":true,"AuthSessionValidity":3}`,
		"urls":    `{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"w\u00e9b \u4e2d","CallbackURLs":[` + strings.Join(urls, ",") + `],"LogoutURLs":[` + strings.Join(urls[:20], ",") + `],"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid","email"],"AllowedOAuthFlowsUserPoolClient":true}`,
	} {
		client, err := UpdateUserPoolClient.Apply(json.RawMessage(`{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"old","CreationDate":1600000000,"LastModifiedDate":1650000000}`), []byte(req), time.Unix(1700000000, 0))
		if err != nil {
			b.Fatal(err)
		}
		body := []byte(`{"UserPoolClient":` + string(client) + `}`)
		b.Run(name, func(b *testing.B) {
			best, bestRef := time.Duration(1<<62), time.Duration(1<<62)
			for b.Loop() {
				t0 := time.Now()
				a := newArena()
				_, ok := decodeNodeView(body, a, false)
				_, ok2 := decodeNodeView(client, a, true)
				a.release()
				t1 := time.Now()
				ok3 := json.Valid(body) && json.Valid(client)
				best, bestRef = min(best, t1.Sub(t0)), min(bestRef, time.Since(t1))
				if !ok || !ok2 || !ok3 {
					b.Fatal("not read")
				}
			}
			b.ReportMetric(float64(best.Nanoseconds()), "decode-best-ns")
			b.ReportMetric(float64(bestRef.Nanoseconds()), "valid-best-ns")
			b.ReportMetric(float64(best)/float64(bestRef), "decode/valid")
			b.ReportMetric(float64(len(body)+len(client)), "bytes")
		})
	}
}

// BenchmarkDecodeNodeMarking is BenchmarkDecodeNode's reads with the collector marking most of
// the time (a goroutine runs runtime.GC in a loop), as it often is during the fuzzer's cycle
// (the SDK's allocations start a collection every few executions): a decode then pays the
// write barrier for every pointer it stores into the heap, which json.Valid, storing none,
// does not. Reported: the mean time of each over all iterations (the best would be one of the
// moments nothing marks) and their ratio.
//
//	go test ./contracts -run '^$' -bench '^BenchmarkDecodeNodeMarking$' -benchtime 20000x -count 3
func BenchmarkDecodeNodeMarking(b *testing.B) {
	body := []byte(`{"UserPoolClient":{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"1example23456789","ClientName":"web","CallbackURLs":[` +
		strings.TrimSuffix(strings.Repeat(`"https://app.example.com/callback/path",`, 40), ",") + `],"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid","email"],"AllowedOAuthFlowsUserPoolClient":true,"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"days"},"CreationDate":1600000000,"LastModifiedDate":1650000000}}`)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
				runtime.GC()
			}
		}
	}()
	var dec, ref time.Duration
	for b.Loop() {
		t0 := time.Now()
		a := newArena()
		_, ok := decodeNodeView(body, a, false)
		a.release()
		t1 := time.Now()
		ok2 := json.Valid(body)
		dec, ref = dec+t1.Sub(t0), ref+time.Since(t1)
		if !ok || !ok2 {
			b.Fatal("not read")
		}
	}
	close(stop)
	<-done
	b.ReportMetric(float64(dec.Nanoseconds())/float64(b.N), "decode-ns")
	b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N), "valid-ns")
	b.ReportMetric(float64(dec)/float64(ref), "decode/valid")
}
