package contracts

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// echoedAgrees: a message quoting a request's long string compared with the echoes
// echoedStrings gives for that request (sameEscapedEchoed) answers as sameEscaped does without
// them, over texts that hold the string's text as the request wrote it (the fast path), written
// otherwise, changed or cut at cut, or twice; prefix and suffix are the message around it. unit
// is repeated until the string is at least minEchoed bytes. It reports whether the
// request's text was echoed (echoedStrings gave it).
func echoedAgrees(t *testing.T, unit, prefix, suffix string, cut int) bool {
	t.Helper()
	if unit == "" {
		return false
	}
	text := strings.Repeat(unit, 6*minEchoed/len(unit)+1) // escapes decode to fewer bytes
	p := UpdateUserPoolClient.Parse([]byte(`{"ClientName":"x","AnalyticsConfiguration":{"ExternalId":"` + text + `"}}`))
	var value string
	if p.Err() != nil || json.Unmarshal([]byte(`"`+text+`"`), &value) != nil {
		return false
	}
	want := prefix + value + suffix
	echoes := echoedStrings(p, want, nil)
	inner := func(s string) string { b, _ := json.Marshal(s); return string(b[1 : len(b)-1]) }
	pre, post := inner(prefix), inner(suffix)
	k := min(max(cut, 0), len(text)-1)
	raws := []string{pre + text + post, pre + inner(value) + post, pre + text[:k] + text[k+1:] + post,
		pre + text[:k] + string(text[k]^0x01) + text[k+1:] + post, pre + text + text + post, text + post, pre + text,
		pre + text + `\ude00` + post, pre + `\ud83d` + text + post} // a surrogate's other half next to the text
	for _, raw := range raws {
		d := nodeDecoder{src: `"` + raw + `"`}
		if r, ok := d.rawString(); !ok || r != raw {
			continue // a quote not escaped: not a text the comparison is given
		}
		for _, valid := range []bool{false, true} {
			if valid && !utf8.ValidString(want) {
				continue
			}
			if got, ref := sameEscapedEchoed(raw, want, valid, echoes), sameEscaped(raw, want, valid); got != ref {
				t.Fatalf("text %.80q, message %.60q...%.60q (valid %v), echoes %d: sameEscapedEchoed %v, sameEscaped %v",
					raw, want, want[max(0, len(want)-60):], valid, len(echoes), got, ref)
			}
		}
	}
	return len(echoes) > 0
}

// echoedUnits are the repeated texts of TestSameEscapedEchoed's requests: multibyte characters
// and escapes as the fuzzer draws them, every escape, backslashes, surrogate pairs, a lone
// surrogate at the end (the first half of a pair) and at the start (the second half), which
// echoedStrings does not give.
var echoedUnits = []string{`x中\u2028\u003e\"`, `T©\u3000½한«Ж`, `\\w\\s\/\b\f\n\r\t\u0001`, `\ud83d\ude00é`,
	`ab\ud83d`, `\ude00ab`, `\ud800`, `plain ascii `, `\u00e9\u00E9`, `\\ud83d`}

// TestSameEscapedEchoed: the echoes change no answer of the comparison (echoedAgrees) around
// every unit, with messages before and after it that end and start with escapes, multibyte
// characters, a control character and nothing; the usual texts are echoed, those ending or starting with a surrogate
// pair's half are not.
func TestSameEscapedEchoed(t *testing.T) {
	t.Parallel()
	around := []string{"", "Value '", "' at 'x'", "\ufffd", "\U0001F600", "\\", "\u2028", "\x01"}
	for _, unit := range echoedUnits {
		echoed := false
		for i, prefix := range around {
			for _, suffix := range []string{around[(i+1)%len(around)], around[(i+4)%len(around)]} {
				for _, cut := range []int{0, 700, 1 << 20} {
					echoed = echoedAgrees(t, unit, prefix, suffix, cut) || echoed
				}
			}
		}
		if half := strings.HasSuffix(unit, `\ud83d`) || strings.HasSuffix(unit, `\ud800`) || strings.HasPrefix(unit, `\ude00`); echoed == half && unit != `\\ud83d` {
			t.Errorf("unit %q: echoed %v", unit, echoed)
		}
	}
	// The case of the mixed cycle: 340 KB of multibyte text with an escape every few dozen bytes.
	if !echoedAgrees(t, strings.Repeat(`中한\u3000é«Ж€½\u003e`, 40000), "1 validation error detected: Value '", "' at 'analyticsConfiguration.externalId'", 3) {
		t.Error("the huge value is not echoed")
	}
}

func FuzzSameEscapedEchoed(f *testing.F) {
	for i, unit := range echoedUnits {
		f.Add(unit, "Value '", "' at 'x'", i*7)
	}
	f.Fuzz(func(t *testing.T, unit, prefix, suffix string, cut int) {
		if len(unit) > 64 {
			return
		}
		echoedAgrees(t, unit, prefix, suffix, cut)
	})
}

// BenchmarkSameEscapedEchoed compares BenchmarkSameEscaped's externalid message, quoting the
// request's 340 KB value, with its prediction told the request's strings (sameEscapedEchoed,
// the echoes echoedStrings gives: the request wrote the value as the emulator does, so the
// message holds its text) and, alternating in the same loop, without them (sameEscaped).
// Reported: each one's best time and their ratio.
//
//	go test ./contracts -run '^$' -bench '^BenchmarkSameEscapedEchoed$' -benchtime 300x -count 3
func BenchmarkSameEscapedEchoed(b *testing.B) {
	value := strings.Repeat("\u3000٣—é中한¿\u3000∑\u200bЖ한«½—«∑«한ß\u3000\u200bあ½½€\u00a0«éßあ\u200b©½\u2028©«Ж©\u0301中한中½Жé€>½©中\u200b—\u200b½\"", 2500)
	text, _ := json.Marshal(value)
	req := UpdateUserPoolClient.Parse([]byte(`{"AnalyticsConfiguration":{"ExternalId":` + string(text) + `}}`))
	want := "1 validation error detected: Value '" + value + "' at 'analyticsConfiguration.externalId' failed"
	body, _ := json.Marshal(map[string]string{"__type": "InvalidParameterException", "message": want})
	_, _, raw, ok := readFlatErrorBody(body)
	echoes := echoedStrings(req, want, nil)
	if !ok || len(echoes) != 1 || !sameEscapedEchoed(raw, want, true, echoes) || !sameEscaped(raw, want, true) {
		b.Fatal("not the case measured")
	}
	bestEchoed, bestPlain := time.Duration(1<<62), time.Duration(1<<62)
	for i := 0; b.Loop(); i++ {
		for k := range 2 {
			t0 := time.Now()
			var same bool
			if (k+i)%2 == 0 {
				same = sameEscapedEchoed(raw, want, true, echoes)
				bestEchoed = min(bestEchoed, time.Since(t0))
			} else {
				same = sameEscaped(raw, want, true)
				bestPlain = min(bestPlain, time.Since(t0))
			}
			if !same {
				b.Fatal("not the same")
			}
		}
	}
	b.ReportMetric(float64(bestEchoed.Nanoseconds()), "echoed-best-ns")
	b.ReportMetric(float64(bestPlain.Nanoseconds()), "plain-best-ns")
	b.ReportMetric(float64(bestEchoed)/float64(bestPlain), "echoed/plain")
}

// appendEchoedReference is appendEchoed without its stop: every string of n that may be an
// echo, in the order of the text.
func appendEchoedReference(n *jnode, dst []echoed) []echoed {
	switch n.kind {
	case jString:
		if got := appendEchoed(n, nil); len(got) == 1 {
			dst = append(dst, got[0])
		}
	case jArray, jObject:
		for k := range n.kids {
			dst = appendEchoedReference(&n.kids[k].val, dst)
		}
	}
	return dst
}

// TestEchoedStringsStopsAtMax: a request with more long strings than maxEchoes (short ones and
// ones starting or ending with a surrogate pair's half between them) gives its first maxEchoes
// echoes in the order of the text, as a walk of the whole request cut to maxEchoes does.
func TestEchoedStringsStopsAtMax(t *testing.T) {
	t.Parallel()
	long := func(c string) string { return `"` + strings.Repeat(c, minEchoed) + `"` }
	bodies := []string{
		`{"CallbackURLs":[` + long("a") + `,"short",` + long("b") + `],"LogoutURLs":[` + long(`\ude00`) + `,` + long("c") + `,` + long("d") + `,` + long("e") + `],"AnalyticsConfiguration":{"ExternalId":` + long("f") + `}}`,
		`{"ClientName":` + long("a") + `,"AnalyticsConfiguration":{"ExternalId":` + long("b") + `,"ApplicationId":` + long(`\ud83d`) + `},"CallbackURLs":[` + long("c") + `,` + long("d") + `]}`,
		`{"CallbackURLs":[` + long("a") + `,` + long("b") + `,` + long("c") + `]}`,
		`{"CallbackURLs":[` + long("a") + `,` + long("b") + `,` + long("c") + `,` + long("d") + `,` + long("e") + `]}`,
	}
	want := strings.Repeat("w", 2*minEchoed)
	for _, body := range bodies {
		p := UpdateUserPoolClient.Parse([]byte(body))
		if p.Err() != nil {
			t.Fatalf("%.80s: %v", body, p.Err())
		}
		all := appendEchoedReference(&p.doc, nil)
		ref := all[:min(len(all), maxEchoes)]
		got := echoedStrings(p, want, nil)
		if len(got) != len(ref) {
			t.Fatalf("%.80s: %d echoes, want %d", body, len(got), len(ref))
		}
		for k := range got {
			if got[k] != ref[k] {
				t.Errorf("%.80s: echo %d is %.20q, want %.20q", body, k, got[k].text, ref[k].text)
			}
		}
	}
}
