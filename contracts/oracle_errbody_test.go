package contracts

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// errBodyCases are error bodies next to the edges of the flat read: every member a client
// reads, duplicates, other members of every type, escapes in names and values, invalid UTF-8,
// control characters, surrogates, empty and huge messages, texts that are not one object.
var errBodyCases = []string{
	`{"__type":"InvalidParameterException","message":"1 validation error detected: Value 'x' at 'clientName' failed"}`,
	` { "__type" : "A" , "message" : "m" } `, `{"message":"m","__type":"A"}`, `{"code":"x#B","Message":"\u00e9"}`,
	`{"__type":"A","message":"","Message":"M"}`, `{"__type":"A","message":"m","Message":"M"}`,
	`{"__type":"A","message":"m","Message":"\x01"}`, `{"__type":"A","message":"m","Message":"\q"}`,
	`{"__type":"A","message":null,"Message":"M"}`, `{"__type":"A","message":7}`, `{"message":"m","message":"n"}`,
	`{"__type":"A","__type":"B","message":"m"}`, `{"__type":7,"message":"m"}`, `{"__type":null,"code":"C","message":"m"}`,
	`{"__type":{"a":[1,2,{"b":null}]},"message":"m"}`, `{"x":[1,-2.5e3,true,false,null,"s\n"],"message":"m"}`,
	`{"x":{"message":"n"},"message":"m"}`, `{"mess\u0061ge":"m"}`, `{"message":"a\"b\\c\/d\b\f\n\r\t"}`,
	`{"message":"\u003cscript\u003e \u0026 \u2028\u2029 \ud83d\ude00 é"}`, `{"message":"\ud800"}`, `{"message":"\udc00\ud800x"}`,
	`{"message":"\ud83d\u0041"}`, `{"message":"\uD83D\uDE00"}`, `{"message":"\u00"}`, `{"message":"\u00zz"}`,
	"{\"message\":\"x\xffy\"}", "{\"message\":\"x\xed\xa0\x80y\"}", "{\"message\":\"tab\there\"}", "{\"x\":\"\xff\",\"message\":\"m\"}",
	`{"message":"m"`, `{"message":"m",}`, `{"message":"m"} {}`, `{"message":"m"}}`, `{"message" "m"}`, `{}`, `{ }`,
	`[{"message":"m"}]`, `null`, `"m"`, ``, `   `, `<html>`, `{"message":"m\\"}`, `{"message":"m\\\"}`, `{"message":"m\"`,
	`{"message":"` + strings.Repeat("T©\u3000½٣¿한ß«Ж\u0301éあ中—∑€ a", 2000) + `"}`,
}

// errBodyWants are the predictions each body is checked against: the message encoding/json
// reads, near misses of it, and messages of their own.
func errBodyWants(ref string) []string {
	wants := []string{ref, "", "m", "M", ref + "x", "x" + ref, "\ufffd", "a\"b\\c/d\b\f\n\r\t", "a\x01b", "x\xffy"}
	if ref != "" {
		_, size := utf8.DecodeLastRuneInString(ref)
		wants = append(wants, ref[:len(ref)-size], ref[:len(ref)-1], strings.ToUpper(ref))
	}
	return wants
}

// errorCodeFor is errorCodeEchoed without echoes: what the tests of the flat read call
// (production calls errorCodeEchoed with the request's echoes, nil when there are none).
func errorCodeFor(h http.Header, body []byte, want string, wantValid bool, reads func(code string) bool) (code, message string, object bool) {
	return errorCodeEchoed(h, body, want, wantValid, nil, reads)
}

// sameEscaped is sameEscapedEchoed without echoes: what the tests of the escaped comparison
// call.
func sameEscaped(raw, want string, wantValid bool) bool {
	return sameEscapedEchoed(raw, want, wantValid, nil)
}

// readsAll and readsNone are the two answers errorCodeFor may be given about the message.
func readsAll(string) bool  { return true }
func readsNone(string) bool { return false }

// TestErrorCodeForIsErrorCode holds errorCodeFor to encoding/json's reading of every body,
// whatever message is predicted: the same code, object and (when it is read) message. It also
// checks that the flat read takes the usual bodies.
func TestErrorCodeForIsErrorCode(t *testing.T) {
	t.Parallel()
	hdrs := []http.Header{nil, {"X-Amzn-Errortype": {"H:x"}}}
	for _, body := range errBodyCases {
		for _, h := range hdrs {
			wc, wm, wobj := errorCodeReference(h, []byte(body))
			for _, want := range errBodyWants(wm) {
				errorCodeForAgrees(t, h, []byte(body), want, wc, wm, wobj)
			}
		}
	}
	for _, msg := range []string{"m", "a\"b/d", "<é>&\u2028\U0001F600", strings.Repeat("한\u2028<", 5000)} {
		body, _ := json.Marshal(map[string]string{"__type": "A", "message": msg})
		if _, _, read, ok := readFlatErrorBody(body); !ok || !sameEscaped(read, msg, false) || !validEscaped(read) {
			t.Errorf("the flat read does not take %.80q", body)
		}
	}
}

// errorCodeForAgrees checks errorCodeFor on one body and prediction, the message read and not,
// against what encoding/json reads (wc, wm, wobj).
func errorCodeForAgrees(t *testing.T, h http.Header, body []byte, want, wc, wm string, wobj bool) {
	t.Helper()
	if code, msg, obj := errorCodeFor(h, body, want, false, readsAll); code != wc || msg != wm || obj != wobj {
		t.Errorf("%.120q want %.40q: got (%q, %.40q, %v), encoding/json reads (%q, %.40q, %v)", body, want, code, msg, obj, wc, wm, wobj)
	}
	code, msg, obj := errorCodeFor(h, body, want, false, readsNone)
	if code != wc || obj != wobj || (msg != "" && msg != wm) {
		t.Errorf("%.120q want %.40q, message not read: got (%q, %.40q, %v), encoding/json reads (%q, %.40q, %v)", body, want, code, msg, obj, wc, wm, wobj)
	}
}

// FuzzErrorCodeFor holds errorCodeFor to encoding/json's reading of any body, predicted the
// message encoding/json reads (the fast path's case) or another, the message read or not.
func FuzzErrorCodeFor(f *testing.F) {
	for _, b := range errBodyCases {
		f.Add([]byte(b), "m")
	}
	f.Fuzz(func(t *testing.T, body []byte, other string) {
		wc, wm, wobj := errorCodeReference(nil, body)
		for _, want := range []string{wm, other, ""} {
			errorCodeForAgrees(t, nil, body, want, wc, wm, wobj)
		}
	})
}

// validEscapedReference is what validEscaped reports: a JSON string's text encoding/json
// unquotes, in valid UTF-8 (decodeNode leaves invalid UTF-8 to encoding/json).
func validEscapedReference(raw string) bool {
	var s string
	return utf8.ValidString(raw) && json.Unmarshal([]byte(`"`+raw+`"`), &s) == nil
}

// TestValidEscaped holds validEscaped to its reference on escapes of every kind and their
// near misses.
func TestValidEscaped(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{``, `a`, `\u003c\u0026`, `\ud83d\ude00`, `\ud83d`, `\/\"\\\b\f\n\r\t`, `\x`, `\u12`, `\u12g4`,
		`\`, "\x01", "tab\t", "x\xffy", "\xed\xa0\x80", `a"b`, `a\"b`, "é\u2028", strings.Repeat(`é\u2028<`, 2000),
		strings.Repeat("a", 13) + "\x1f", strings.Repeat("a", 13) + `"`} {
		if got, want := validEscaped(raw), validEscapedReference(raw); got != want {
			t.Errorf("validEscaped(%.80q) = %v, reference %v", raw, got, want)
		}
	}
}

// FuzzValidEscaped holds validEscaped to its reference on any text.
func FuzzValidEscaped(f *testing.F) {
	f.Add(`\u003c\u2028é\ud83d\ude00`)
	f.Add("x\xffy\\n")
	f.Fuzz(func(t *testing.T, raw string) {
		if got, want := validEscaped(raw), validEscapedReference(raw); got != want {
			t.Fatalf("validEscaped(%q) = %v, reference %v", raw, got, want)
		}
	})
}

// sameEscapedReference is what sameEscaped may answer true for: raw is a JSON string's text
// that encoding/json unquotes to want.
func sameEscapedReference(raw, want string) bool {
	var s string
	return json.Unmarshal([]byte(`"`+raw+`"`), &s) == nil && s == want
}

// sameEscapedAgrees checks sameEscaped against the reference on one text rawString takes,
// and that it answers true for a want without control characters when both are valid UTF-8
// (its fast path); told that a valid want is valid (wantValid, a message
// PredictParsed made), it answers as when it checks it. It reports whether raw was one
// rawString takes.
func sameEscapedAgrees(t *testing.T, raw, want string) bool {
	t.Helper()
	d := nodeDecoder{src: `"` + raw + `"`}
	if r, ok := d.rawString(); !ok || r != raw {
		return false // a quote not escaped: not a text sameEscaped is given
	}
	got, ref := sameEscaped(raw, want, false), sameEscapedReference(raw, want)
	if utf8.ValidString(want) && sameEscaped(raw, want, true) != got {
		t.Errorf("sameEscaped(%.80q, %.80q) = %v told want is valid, %v checking it", raw, want, !got, got)
	}
	if got && !ref {
		t.Errorf("sameEscaped(%.80q, %.80q) = true, encoding/json unquotes it to another value or refuses it", raw, want)
	}
	if ref && !got && utf8.ValidString(raw) && utf8.ValidString(want) && !hasControl(want) {
		t.Errorf("sameEscaped(%.80q, %.80q) = false for its value", raw, want)
	}
	return true
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return true
		}
	}
	return false
}

// TestSameEscaped compares escaped texts with values, encoding/json's unquoting the reference.
func TestSameEscaped(t *testing.T) {
	t.Parallel()
	values := []string{"", "a", "a\"b", "a\\b", "a/b", "<&>", "\u2028\u2029", "é", "\U0001F600", "\ufffd",
		"\x01", "tab\t", "x\xffy", "\xed\xa0\x80", strings.Repeat("T©\u3000½한\u2028«Ж<&", 3000)}
	raws := []string{`\u003c\u0026\u003e`, `\u00e9`, `\u00E9`, `\ud83d\ude00`, `\ud83d`, `\ude00`, `\ud83dx`, `\ud83d\u0041`,
		`\/`, `a\/b`, `\"`, `\\`, `\b\f\n\r\t`, `\u0001`, `\x`, `\u12`, `\u12g4`, `\`, "\x01", "x\xffy", "\xed\xa0\x80",
		`\ufffd`, `\uFFFD`, "a\"b"}
	for _, v := range values {
		for _, esc := range []bool{true, false} {
			var sb strings.Builder
			enc := json.NewEncoder(&sb)
			enc.SetEscapeHTML(esc)
			_ = enc.Encode(v)
			raw := strings.TrimSuffix(sb.String(), "\n")
			raw = raw[1 : len(raw)-1]
			for _, w := range append([]string{v, v + "x", "x" + v}, values...) {
				sameEscapedAgrees(t, raw, w)
			}
		}
	}
	for _, raw := range raws {
		for _, w := range append(values, "<&>", "é", "\U0001F600", "\ufffd", "\ufffd\ufffd", "\ufffdx", "\ufffdA", "/", "a/b", `"`, `\`) {
			sameEscapedAgrees(t, raw, w)
		}
	}
}

// TestSameEscapedTakes lists texts sameEscaped answers itself (true) instead of leaving them to
// errorCode: every escape encoding/json writes or reads, control characters of want escaped in
// raw, multibyte and four-byte characters, escapes at a word's edges, and a huge echo.
func TestSameEscapedTakes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ raw, want string }{
		{``, ``}, {`abc`, `abc`}, {`\u003c\u0026\u003e`, `<&>`}, {`\"\/`, `"/`},
		{`tab\there\nnewline\u0001`, "tab\there\nnewline\x01"}, // want's control characters, escaped
		{`\u00e9\u4e2d\ud83d\ude00`, "\u00e9\u4e2d\U0001F600"}, {`é中😀`, "é中😀"},
		{`\ud800`, "\ufffd"}, // a lone surrogate is U+FFFD
		{`abcdefg\u2028hijklmn\u2029`, "abcdefg\u2028hijklmn\u2029"},
		{strings.Repeat(`x中\u2028\u003e\"`, 20000), strings.Repeat("x中\u2028>\"", 20000)},
		// want's backslashes (a pattern quoted in a message), escaped in raw either way, first,
		// last, in a row, at a word's edges and next to other escapes
		{`pattern: [\\w\\s+=,.@-]+`, `pattern: [\w\s+=,.@-]+`}, {`\\`, `\`}, {`\\\\\\`, `\\\`},
		{`\u005c\u005Cx\\`, `\\x\`}, {`abcdefg\\hijklmno\\pqrstuv\\`, `abcdefg\hijklmno\pqrstuv\`},
		{`\\p{L}\u00e9\\\"\\n\n`, "\\p{L}\u00e9\\\"\\n\n"},
		{strings.Repeat(`é\\x21\u2028中`, 5000), strings.Repeat("é\\x21\u2028中", 5000)},
	} {
		if !sameEscaped(c.raw, c.want, false) {
			t.Errorf("sameEscaped(%.60q, %.60q) = false", c.raw, c.want)
		}
		sameEscapedAgrees(t, c.raw, c.want)
	}
}

// FuzzSameEscaped compares sameEscaped with encoding/json's unquoting on any text, against
// its own value (when encoding/json reads one) and another.
func FuzzSameEscaped(f *testing.F) {
	f.Add(`\u003c\u2028é\ud83d\ude00`, "x")
	f.Add(`a\"b\\c\/`, `a"b\c/`)
	f.Add("x\xffy", "x\ufffdy")
	f.Add(`\ud800`, "\ufffd")
	f.Add(`[\\w\\s+=]\u005c\\`, `[\w\s+=]\\`) // want's backslashes
	f.Fuzz(func(t *testing.T, raw, other string) {
		var v string
		if json.Unmarshal([]byte(`"`+raw+`"`), &v) == nil {
			sameEscapedAgrees(t, raw, v)
		}
		sameEscapedAgrees(t, raw, other)
	})
}

// equalRunReference is equalRun byte by byte: where rb from i and wb from j first differ, or
// where less than a word is left of either at a word's edge; whether a byte before is a
// control character.
func equalRunReference(rb, wb []byte, i, j int) (int, int, bool) {
	ctl := false
	for i+8 <= len(rb) && j+8 <= len(wb) {
		k := 0
		for k < 8 && rb[i+k] == wb[j+k] {
			ctl = ctl || rb[i+k] < 0x20
			k++
		}
		i, j = i+k, j+k
		if k < 8 {
			break
		}
	}
	return i, j, ctl
}

// equalRunAgrees holds equalRun to the byte-by-byte reference.
func equalRunAgrees(t *testing.T, raw, want string, i, j int) {
	t.Helper()
	rb, wb := []byte(raw), []byte(want)
	gi, gj, ctl := equalRun(rb, wb, i, j)
	ri, rj, refCtl := equalRunReference(rb, wb, i, j)
	if gi != ri || gj != rj || ctl != refCtl {
		t.Fatalf("equalRun(%q, %q, %d, %d) = %d, %d, ctl %v; byte by byte %d, %d, %v",
			raw, want, i, j, gi, gj, ctl, ri, rj, refCtl)
	}
}

// equalRunSeeds are texts of three words with a difference, a backslash, a control character
// or a multibyte character at each place of the first two, and the bytes next to 0x20 and 0x80.
var equalRunSeeds = func() [][2]string {
	base := "abcdefghijklmnopqrstuvwx"
	seeds := [][2]string{{"", ""}, {base, base}, {base, base[:20]}, {"é中" + base, "é中" + base}}
	for k := range 16 {
		for _, c := range []string{"\\", "\x00", "\x1f", " ", "!", "[", "]", "\x7f", "\x80", "é", "\xff"} {
			b := base[:k] + c + base[k+len(c):]
			seeds = append(seeds, [2]string{b, b}, [2]string{b, base}, [2]string{base, b})
		}
	}
	return seeds
}()

// TestEqualRunIsBytewise holds equalRun to the byte-by-byte comparison from each offset.
func TestEqualRunIsBytewise(t *testing.T) {
	t.Parallel()
	for _, s := range equalRunSeeds {
		for i := 0; i <= min(len(s[0]), len(s[1])); i++ {
			equalRunAgrees(t, s[0], s[1], i, i)
		}
	}
}

func FuzzEqualRun(f *testing.F) {
	for _, s := range equalRunSeeds {
		f.Add(s[0], s[1], 0)
	}
	f.Fuzz(func(t *testing.T, raw, want string, i int) {
		if i < 0 || i > min(len(raw), len(want)) {
			return
		}
		equalRunAgrees(t, raw, want, i, i)
	})
}

// TestEscapeRuneIsEncodingJSON holds escapeRune (and so shortEscapes, which it reads, and
// unescape, which writes its character) to encoding/json's unquoting on every escape form and
// on a backslash before each byte: an escape exactly when encoding/json reads the text, and
// its character followed by the rest of the text is encoding/json's string.
func TestEscapeRuneIsEncodingJSON(t *testing.T) {
	t.Parallel()
	cases := []string{`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\x`, `\`, `\u`, `\u00`, `\u00e9`, `\u00E9x`,
		`\ud83d\ude00`, `\ud83d\u0041`, `\ud83d`, `\ude00\ud83d`, `\udbff\udfff`, `\u12g4`, `\uffff`, `\u0000`}
	for c := range 256 {
		cases = append(cases, `\`+string([]byte{byte(c)})+"0041")
	}
	unquote := func(s string) (string, bool) {
		var v string
		return v, json.Unmarshal([]byte(`"`+s+`"`), &v) == nil
	}
	for _, s := range cases {
		want, ok := unquote(s)
		r, n := escapeRune(s)
		t0, m, written := unescape(nil, s)
		if m != n || written != (n > 0) || (written && string(t0) != string(r)) {
			t.Errorf("%q: unescape writes %q, %d, %v; escapeRune %q, %d", s, t0, m, written, r, n)
		}
		if !ok {
			if n != 0 {
				t.Errorf("escapeRune(%q) = %q, %d; encoding/json does not read it", s, r, n)
			}
			continue
		}
		rest, _ := unquote(s[n:])
		if n == 0 || string(r)+rest != want {
			t.Errorf("escapeRune(%q) = %q, %d; encoding/json reads %q", s, r, n, want)
		}
	}
}

// BenchmarkErrorCodeFor reads the costliest negative case's error body (a ~340 KB
// InvalidParameterException quoting a 300k-character multibyte value with escapes) for its
// check, in the same run: errorCodeFor against the prediction (the message compared escaped),
// errorCode (the message unescaped, the reading check made before), and json.Valid.
func BenchmarkErrorCodeFor(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 320<<10; i++ {
		sb.WriteRune([]rune("T©\u3000\u200b½٣¿한ß\u2028«Ж\u0301éあ中—∑€ a<&")[(i*7+i/13)%23])
	}
	msg := "1 validation error detected: Value '" + sb.String() + "' at 'analyticsConfiguration.externalId' failed"
	body, _ := json.Marshal(map[string]string{"__type": "InvalidParameterException", "message": msg})
	for _, tc := range []struct {
		name string
		read func() bool
	}{
		{"errorCodeFor", func() bool { _, m, _ := errorCodeFor(nil, body, msg, false, readsAll); return m == msg }},
		{"errorCodeFor/unread", func() bool { c, _, _ := errorCodeFor(nil, body, "", false, readsNone); return c != "" }},
		{"errorCode", func() bool { _, m, _ := errorCode(nil, body); return m == msg }},
		{"json.Valid", func() bool { return json.Valid(body) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if !tc.read() {
					b.Fatal("not read")
				}
			}
		})
	}
}

// checkPredictions are the predictions an error body is checked against: a success, the
// body's own code with its message, without one (not asserted), with another, another code,
// alternatives, another status.
func checkPredictions(code, msg string) []Prediction {
	return []Prediction{{Status: 200}, {Status: 400, Code: code, Message: msg}, {Status: 400, Code: code},
		{Status: 400, Code: code, Message: msg + "x"}, {Status: 400, Code: "InvalidParameterException", Message: msg},
		{Status: 400, Code: "SerializationException", Alternatives: []string{code}}, {Status: 500, Code: code, Message: msg},
		{Status: 400, Code: code, Message: "m"}}
}

// TestCheckIsOutcomeThenResponseOnErrorBodies holds Check, which reads an error body once
// (errorCodeFor), to CheckOutcome then CheckResponse, which read it with errorCode, on every
// body of errBodyCases, statuses 400 and 500, with and without the error type header.
func TestCheckIsOutcomeThenResponseOnErrorBodies(t *testing.T) {
	t.Parallel()
	c := UpdateUserPoolClient
	for _, body := range errBodyCases {
		for _, status := range []int{400, 500} {
			for _, typ := range []string{"", "ResourceNotFoundException:"} {
				ex := errorExchange(status, body)
				if typ != "" {
					ex.Header.Set("X-Amzn-ErrorType", typ)
				}
				code, msg := ErrorCode(ex.Header, ex.Body)
				for _, p := range checkPredictions(code, msg) {
					want := append(c.CheckOutcome(p, ex), c.CheckResponse(ex)...)
					if got := c.Check(p, ex); !reflect.DeepEqual(got, want) {
						t.Errorf("%.80q %d %q, predicted %d %s %.40q:\n got %v\nwant %v", body, status, typ, p.Status, p.Code, p.Message, got, want)
					}
				}
			}
		}
	}
}
