package contracts

import (
	"bytes"
	"encoding/binary"
	"net/url"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
)

// refCallbackProblems is callbackProblems with net/url alone (R5), the reading the fast path
// must give.
func refCallbackProblems(raw string) (relative, fragment, plainHTTP bool) {
	fragment = strings.Contains(raw, "#")
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return true, fragment, false
	}
	plainHTTP = strings.EqualFold(u.Scheme, "http") && !contains(loopbackHosts, strings.ToLower(u.Hostname()))
	return false, fragment, plainHTTP
}

// callbackInputs are URLs around the fast path's edges (R5; S1 CallbackURLs docs, OB-10):
// schemes in any case, loopback hosts, ports, empty parts, escapes, fragments, userinfo,
// brackets, spaces, control and non-ASCII characters.
var callbackInputs = append([]string{
	"https://example.com/cb", "http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb",
	"myapp://example", "http://localhost.com/", "https://example.com/cb#top", "/cb", "http://example.com/#x",
	"HTTP://LOCALHOST/", "Http://LocalHost:80", "http://localhost", "http://localhost:", "http://localhost:x",
	"http://localhost:80:80/", "http://::1/", "http://[::1]/", "http://user@localhost/", "http://a@b@c/",
	"https://", "https:///path", "http://-/", "http://.", "http://1.2.3.4:65536/", "http://0x7f.1/",
	"http://exa mple.com/", "http://example.com/a b", "http://example.com/%zz", "http://example.com/%41",
	"http://ex%41mple.com/", "http://example.com?x=1", "http://example.com/?x=1&y=%", "http://example.com/?",
	"https://example.com/cb?x=[1]", "https://example.com/\\", "https://example.com/ü", "https://üxample.com/",
	"http://example.com/\x7f", "http://example.com/\x00", "ftp://example.com", "h://x", "1http://x/",
	"http:/x", "http:x", "http//x", "://x", ":", "", "#", "http://#", "a+b://x/", "javascript:alert(1)",
	"http://localhost\t/", "http://LOCALHOST.", "http://127.0.0.1.", "http://127.1/", "https://x:0",
	"http://exa_mple.com/", "http://example.com:8080path", "http://example.com/a?b#c", "HTTPS://EXAMPLE.COM",
	"http://localhoſt/", "http://ＬＯＣＡＬＨＯＳＴ/", "http://" + strings.Repeat("a", 1000) + "/" + strings.Repeat("b", 1000),
	// Non-ASCII paths and queries (the generators' "myapp://cb98/_한é٣ééß"): multibyte, four-byte,
	// invalid UTF-8, an encoded surrogate, U+FFFD, with control bytes, escapes or a fragment
	// after them, in the host.
	"myapp://cb98/_한é٣ééß", "myapp://cb96/U𝒜𝒜한", "http://example.com/é", "http://example.com/?q=中",
	"http://example.com/\xff\xfe", "http://example.com/\xed\xa0\x80", "http://example.com/\xc3", "http://example.com/\uFFFD",
	"http://example.com/é\x7f", "http://example.com/é\x01", "http://example.com/é%41", "http://example.com/é%zz",
	"http://example.com/é#x", "http://example.com/é\u0085", "http://example.com/é\u2028", "http://example.com/\u00a0",
	"http://exé.com/", "http://example.com:80é/", "myapp://cb/" + strings.Repeat("あ", 1000),
	// Fragments (the fast path reads the URL before the first "#"): empty, several "#", after a
	// query or a port, multibyte, with an escape, a space or a control byte, on a loopback http
	// URL, on a URL the fast path refuses, a "#" in place of the host or the path.
	"https://cb.example.com/callback#fragment", "https://example.com#", "https://example.com/#a#b##",
	"http://example.com:80#x", "http://localhost/cb#x", "http://LOCALHOST:8080/?q=1#x", "myapp://cb/é#中",
	"https://example.com/#%41", "https://example.com/#%zz", "https://example.com/#a b", "https://example.com/#\x01",
	"https://example.com/#\x7f", "http://a@b/#x", "https://#x", "https://example.com#/path", "#x", "http:#x",
}, append(stopsInLongPaths(), stopsInHosts()...)...)

// stopsInHosts are callback URLs after schemes of any case and length ("https://", "http://",
// "HTTP://", "myapp://", "https:/", "http:", "httpss://"; some shorter than a word), with a byte
// that ends a host (a port, the path) or is not a host's at each place of a long host.
func stopsInHosts() []string {
	var urls []string
	const host = "abcdefghijklmnopq"
	for _, scheme := range []string{"https://", "http://", "HTTP://", "myapp://", "https:/", "http:", "httpss://"} {
		for _, stop := range []string{":80", "/cb", "_", " ", "é", "%41", "@x", "[", "#"} {
			for at := 0; at <= len(host); at++ {
				urls = append(urls, scheme+host[:at]+stop+host[at:])
			}
		}
		urls = append(urls, scheme, scheme+"a", scheme+host[:8], scheme+"localhost", scheme+"localhost:8080/cb0/x")
	}
	return urls
}

// stopsInLongPaths are callback URLs whose paths are long enough for plainAbsoluteURL's
// eight-byte steps (pathStops), with a byte that stops a path (or one that does not, next to
// those) at each place of the first three words: control bytes, a space, 0x7f, an escape, a
// fragment, and bytes >= 0x80 (a multibyte character, invalid UTF-8) and the printable edges.
func stopsInLongPaths() []string {
	var urls []string
	const path = "abcdefghijklmnopqrstuvwx"
	for _, stop := range []string{"\x00", "\x1f", " ", "\x7f", "%", "%41", "#", "#x", "!", "~", "\x80", "\xff", "é", "中"} {
		for at := 0; at <= len(path); at++ {
			urls = append(urls, "https://example.com/"+path[:at]+stop+path[at:], "http://localhost:80/"+path[:at]+stop)
		}
	}
	return urls
}

func TestCallbackProblemsIsNetURLs(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	fast := 0
	for _, raw := range callbackInputs {
		r1, f1, h1 := callbackProblems(raw)
		r2, f2, h2 := refCallbackProblems(raw)
		g.Expect([]bool{r1, f1, h1}).To(Equal([]bool{r2, f2, h2}), "%q", raw)
		if _, _, ok := plainAbsoluteURL(raw); ok {
			fast++
		}
	}
	g.Expect(fast).To(BeNumerically(">", 10), "the usual URLs take the fast path")
	_, _, ok := plainAbsoluteURL("myapp://cb98/_한é٣ééß")
	g.Expect(ok).To(BeTrue(), "a multibyte path takes the fast path")
}

// FuzzCallbackProblems: go test -run '^$' -fuzz FuzzCallbackProblems ./contracts
func FuzzCallbackProblems(f *testing.F) {
	for _, raw := range callbackInputs {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r1, f1, h1 := callbackProblems(raw)
		r2, f2, h2 := refCallbackProblems(raw)
		if r1 != r2 || f1 != f2 || h1 != h2 {
			t.Fatalf("%q: fast %v %v %v, net/url %v %v %v", raw, r1, f1, h1, r2, f2, h2)
		}
	})
}

// BenchmarkCallbackProblems times callbackProblems next to its net/url reference on the
// callback URLs the fuzzer draws (R5): ASCII paths, multibyte paths and fragments, alternating in one
// loop, and reports both and their ratio (fast/neturl).
func BenchmarkCallbackProblems(b *testing.B) {
	for name, urls := range map[string][]string{
		"ascii":     {"https://example.com/cb", "http://localhost:3000/cb", "myapp://cb12/abc-DEF_9~x", "https://cb.example.com/callback"},
		"multibyte": {"myapp://cb98/_한é٣ééß", "myapp://cb96/U𝒜𝒜한", "myapp://cb9/t4ßdF~4", "myapp://cb90/4中中中é한ああ"},
		// The R5 fragment case the rule breakers draw, and fragments after a query and a port.
		"fragment": {"https://cb.example.com/callback#fragment", "http://localhost:8080/cb#x", "https://example.com/?q=1#top"},
	} {
		b.Run(name, func(b *testing.B) {
			const reps = 16 // rounds of the URLs between two clock readings
			var fast, ref time.Duration
			for b.Loop() {
				t0 := time.Now()
				for range reps {
					for _, raw := range urls {
						callbackProblems(raw)
					}
				}
				t1 := time.Now()
				for range reps {
					for _, raw := range urls {
						refCallbackProblems(raw)
					}
				}
				ref += time.Since(t1)
				fast += t1.Sub(t0)
			}
			b.ReportMetric(float64(fast.Nanoseconds())/float64(b.N*reps*len(urls)), "fast-ns/url")
			b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N*reps*len(urls)), "neturl-ns/url")
			b.ReportMetric(float64(fast)/float64(ref), "fast/neturl")
		})
	}
}

func TestASCIIFoldIsEqualFold(t *testing.T) {
	t.Parallel()
	var hostBytes []byte // what plainAbsoluteURL lets into a scheme or host
	for c := 0; c < 256; c++ {
		if urlBytes[c]&(urlLetter|urlHost) != 0 {
			hostBytes = append(hostBytes, byte(c))
		}
	}
	lowers := append([]string{"http"}, loopbackHosts...)
	for _, x := range hostBytes {
		for _, y := range hostBytes {
			s, lower := string([]byte{x, y}), strings.ToLower(string([]byte{x, y}))
			lowers = append(lowers, lower)
			if asciiFold(s, lower) != strings.EqualFold(s, lower) {
				t.Fatalf("asciiFold(%q, %q) = %v", s, lower, asciiFold(s, lower))
			}
		}
	}
	for _, lower := range lowers {
		for _, s := range []string{lower, strings.ToUpper(lower), "HtTp", "LOCALhost", "localhosT", "127.0.0.1", "127.0.0.2", "localhos", "localhostt", "hTTPs", "x"} {
			if asciiFold(s, lower) != strings.EqualFold(s, lower) {
				t.Fatalf("asciiFold(%q, %q) = %v", s, lower, asciiFold(s, lower))
			}
		}
	}
}

// refCustomScopeExists is customScopeExists with the prefix built and cut (strings.CutPrefix).
func refCustomScopeExists(p *PoolState, scope string) bool {
	for _, rs := range p.ResourceServers {
		name, ok := strings.CutPrefix(scope, rs.Identifier+"/")
		if ok && contains(rs.Scopes, name) {
			return true
		}
	}
	return false
}

func TestCustomScopeExistsIsCutPrefix(t *testing.T) {
	t.Parallel()
	pool := &PoolState{ResourceServers: []ResourceServer{
		{Identifier: "https://api.example.com", Scopes: []string{"read", "", "a/b"}},
		{Identifier: "https://api.example.com/v2", Scopes: []string{"write"}},
		{Identifier: "", Scopes: []string{"x"}},
		{Identifier: "é", Scopes: []string{"中"}},
	}}
	for _, scope := range []string{"https://api.example.com/read", "https://api.example.com/", "https://api.example.com",
		"https://api.example.com/a/b", "https://api.example.com/v2/write", "https://api.example.com/v2/read", "/x", "x", "/",
		"", "é/中", "é中", "https://api.example.comX/read", "https://api.example.com//read", "HTTPS://api.example.com/read"} {
		if got, want := customScopeExists(pool, scope), refCustomScopeExists(pool, scope); got != want {
			t.Fatalf("%q: %v, want %v", scope, got, want)
		}
	}
}

// BenchmarkCustomScopeExists times customScopeExists next to refCustomScopeExists on a
// typical request's scopes (R12), alternating in one loop, and reports their ratio (fast/ref).
func BenchmarkCustomScopeExists(b *testing.B) {
	pool := &PoolState{ResourceServers: []ResourceServer{{Identifier: "https://api.example.com", Scopes: []string{"read", "write"}}}}
	scopes := []string{"https://api.example.com/read", "https://api.example.com/write", "https://other.example.com/x", "custom"}
	const reps = 16 // rounds of the scopes between two clock readings
	var fast, ref time.Duration
	for b.Loop() {
		t0 := time.Now()
		for range reps {
			for _, s := range scopes {
				customScopeExists(pool, s)
			}
		}
		t1 := time.Now()
		for range reps {
			for _, s := range scopes {
				refCustomScopeExists(pool, s)
			}
		}
		ref += time.Since(t1)
		fast += t1.Sub(t0)
	}
	b.ReportMetric(float64(fast.Nanoseconds())/float64(b.N*reps*len(scopes)), "fast-ns/scope")
	b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N*reps*len(scopes)), "ref-ns/scope")
	b.ReportMetric(float64(fast)/float64(ref), "fast/ref")
}

// TestPathStopsIsURLPath holds pathStops to urlBytes: a word is flagged exactly when one of its
// bytes is not a path's, for every byte value at every place among path bytes of each kind
// (ASCII, >= 0x80, the edges of the printable range) and next to another stopping byte.
func TestPathStopsIsURLPath(t *testing.T) {
	t.Parallel()
	for _, fill := range []byte{'a', '!', '~', 0x80, 0xff, '$', '&'} {
		for c := 0; c < 256; c++ {
			for at := range 8 {
				for _, other := range []byte{fill, ' ', 0x7f, '%', '#', 0} {
					w := bytes.Repeat([]byte{fill}, 8)
					w[at] = byte(c)
					w[(at+3)%8] = other
					checkPathStops(t, w)
				}
			}
		}
	}
}

// FuzzPathStops: go test -run '^$' -fuzz FuzzPathStops ./contracts
func FuzzPathStops(f *testing.F) {
	for _, seed := range []string{"abcdefgh", "abc defg", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f", "%%%%%%%%", "é中ab#cd", "\xff\xfe\x80\x81!!!!", "\x00\x00\x00\x00\x00\x00\x00!"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, w []byte) {
		if len(w) >= 8 {
			checkPathStops(t, w[:8])
		}
	})
}

// checkPathStops compares pathStops on the eight bytes w with urlBytes, one byte at a time.
func checkPathStops(t *testing.T, w []byte) {
	t.Helper()
	want := false
	for _, c := range w {
		want = want || urlBytes[c]&urlPath == 0
	}
	if got := pathStops(binary.LittleEndian.Uint64(w)) != 0; got != want {
		t.Fatalf("pathStops(%q) flags %v, urlBytes says %v", w, got, want)
	}
}
