package contracts

import (
	"encoding/binary"
	"net/url"
	"strings"
	"unsafe"
)

// OAuth flow values of OAuthFlowType (S1 §4). Rules name them; Validate has already checked
// that every entry is one of the model's values.
const (
	flowCode              = "code"
	flowImplicit          = "implicit"
	flowClientCredentials = "client_credentials"
)

// standardScopes are the scopes Cognito defines itself (S1 AllowedOAuthScopes doc: "phone,
// email, openid, and profile. The aws.cognito.signin.user.admin scope …").
var standardScopes = []string{"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"}

// loopbackHosts may use http:// callback URLs: "Amazon Cognito requires HTTPS over HTTP for
// callback URLs to http://localhost, http://127.0.0.1 and http://[::1]" (S1
// UserPoolClientType.CallbackURLs doc since 2026-02-27; any port).
var loopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

func ruleViolation(id, member, code, message, source string) *Violation {
	return &Violation{Check: CheckRule, Rule: id, Member: member, Code: code, Message: message, Source: id + ": " + source}
}

// ruleR5CallbackURLs (R5; S1 CallbackURLs docs, S6) checks each callback URL: an absolute URI
// without a fragment; http only to a loopback host. App schemes (myapp://example) pass. The
// first offending URL decides; only the HTTP case has an observed text (OB-10, "http://localhost.com/
// cannot use the HTTP protocol."), and only when it is that URL's sole problem. LogoutURLs
// are not checked: their doc states none of these requirements.
func ruleR5CallbackURLs(r *Request, _ State) *Violation {
	for _, raw := range r.CallbackURLs {
		relative, fragment, plainHTTP := callbackProblems(raw)
		if !relative && !fragment && !plainHTTP {
			continue
		}
		msg := ""
		if plainHTTP && !fragment {
			msg = raw + " cannot use the HTTP protocol."
		}
		return ruleViolation("R5", "CallbackURLs", codeInvalidParameter, msg, "callback URL "+raw+" is not an absolute https (or loopback http) URI without fragment")
	}
	return nil
}

func callbackProblems(raw string) (relative, fragment, plainHTTP bool) {
	if scheme, host, ok := plainAbsoluteURL(raw); ok {
		// No "#"; a scheme, so not relative; url.Parse would read this scheme and host.
		return false, false, asciiFold(scheme, "http") && !loopbackHost(host)
	}
	if h := strings.IndexByte(raw, '#'); h >= 0 && plainFragment(raw[h+1:]) {
		// url.Parse reads the text before the first "#" alone, then keeps the fragment.
		if scheme, host, ok := plainAbsoluteURL(raw[:h]); ok {
			return false, true, asciiFold(scheme, "http") && !loopbackHost(host)
		}
	}
	fragment = strings.Contains(raw, "#")
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return true, fragment, false
	}
	plainHTTP = strings.EqualFold(u.Scheme, "http") && !contains(loopbackHosts, strings.ToLower(u.Hostname()))
	return false, fragment, plainHTTP
}

// plainAbsoluteURL recognises, without net/url, the callback URLs whose reading by url.Parse
// is certain: scheme "://" host [":" port] followed by nothing or by "/" and a path and query
// of printable ASCII or bytes >= 0x80 (the generators' multibyte paths, "myapp://cb9/pé";
// url.Parse refuses only control bytes, < 0x20 and 0x7f, and keeps others, UTF-8 or not,
// as they are), without "%" (no escape to decode) and "#" (no fragment). The scheme is
// letters, the host letters, digits, "." and "-", the port digits. Any other URL (userinfo,
// brackets, escapes, spaces, non-ASCII in the host, a fragment, no "//") returns ok false and
// is left to url.Parse. url.Parse accepts every URL of this form with this scheme and host;
// the differential test against it is in rules_oauth_test.go.
func plainAbsoluteURL(raw string) (scheme, host string, ok bool) {
	i := 0
	for i < len(raw) && urlBytes[raw[i]]&urlLetter != 0 {
		i++
	}
	if i == 0 || !strings.HasPrefix(raw[i:], "://") {
		return "", "", false
	}
	scheme, i = raw[:i], i+3
	start := i
	// Four host bytes at a time (the AND of their classes has urlHost only if each has), then
	// one at a time: fewer branches on the generators' hosts (cb17.example.com, localhost).
	for t := &urlBytes; i+4 <= len(raw) && t[raw[i]]&t[raw[i+1]]&t[raw[i+2]]&t[raw[i+3]]&urlHost != 0; {
		i += 4
	}
	for i < len(raw) && urlBytes[raw[i]]&urlHost != 0 {
		i++
	}
	if i == start {
		return "", "", false
	}
	host = raw[start:i]
	if i < len(raw) && raw[i] == ':' {
		i++
		digits := i
		for i < len(raw) && urlBytes[raw[i]]&urlDigit != 0 {
			i++
		}
		if i == digits {
			return "", "", false
		}
	}
	if i < len(raw) && raw[i] != '/' {
		return "", "", false
	}
	if len(raw) >= 8 { // eight path bytes at a time, by arithmetic on the word
		b := unsafe.Slice(unsafe.StringData(raw), len(raw)) // read only
		for i+8 <= len(b) && pathStops(binary.LittleEndian.Uint64(b[i:])) == 0 {
			i += 8
		}
		// Fewer than eight bytes left: the last eight bytes answer for them at once. Those
		// before i that they take in are scheme, "://", host, port or path bytes read above,
		// none of which pathStops flags.
		if i+8 > len(b) && pathStops(binary.LittleEndian.Uint64(b[len(b)-8:])) == 0 {
			i = len(b)
		}
	}
	for i < len(raw) && urlBytes[raw[i]]&urlPath != 0 {
		i++
	}
	return scheme, host, i == len(raw)
}

// pathStops flags, by their high bit, the bytes of a little-endian word that are not a path's
// (urlPath clear: a control byte or space, <= 0x20, 0x7f, "%" or "#"). Each test is exact as a
// yes/no (the "has a byte less than n" form for n <= 128 and the "has a zero byte" form, as
// specialBits's in scan.go); TestPathStopsIsURLPath holds it to urlBytes.
func pathStops(w uint64) uint64 {
	del := w ^ (lsb * 0x7f)
	pct := w ^ (lsb * '%')
	hash := w ^ (lsb * '#')
	return ((w-lsb*(' '+1))&^w | (del-lsb)&^del | (pct-lsb)&^pct | (hash-lsb)&^hash) & msb
}

// plainFragment reports whether url.Parse certainly keeps f as a URL's fragment (the R5
// fragment case, "https://cb.example.com/callback#fragment"): bytes of a plain path, or "#"
// (the fragment is all after the first "#"). An escape ("%", which url.Parse decodes and may
// refuse), a space or a control byte leaves the URL to url.Parse.
func plainFragment(f string) bool {
	for i := 0; i < len(f); i++ {
		if urlBytes[f[i]]&urlPath == 0 && f[i] != '#' {
			return false
		}
	}
	return true
}

// Classes of a byte in plainAbsoluteURL (bits of urlBytes).
const (
	urlLetter = 1 << iota // a scheme's: ASCII letters
	urlHost               // a host's: letters, digits, "." and "-"
	urlDigit              // a port's: digits
	urlPath               // a path's or query's: neither a control byte (< 0x20, 0x7f), a space, "%" nor "#"
)

// urlBytes is the class bits of each byte, one table lookup per byte of a URL.
var urlBytes = func() (t [256]uint8) {
	for c := 0; c < len(t); c++ {
		letter := c|0x20 >= 'a' && c|0x20 <= 'z'
		digit := c >= '0' && c <= '9'
		if letter {
			t[c] |= urlLetter
		}
		if letter || digit || c == '.' || c == '-' {
			t[c] |= urlHost
		}
		if digit {
			t[c] |= urlDigit
		}
		if c > ' ' && c != 0x7f && c != '%' && c != '#' {
			t[c] |= urlPath
		}
	}
	return t
}()

// loopbackHost reports whether a host name that plainAbsoluteURL read (no port) is one of
// loopbackHosts, in any case.
func loopbackHost(host string) bool {
	for _, h := range loopbackHosts {
		if asciiFold(host, h) {
			return true
		}
	}
	return false
}

// asciiFold is strings.EqualFold(s, lower) for s of the bytes plainAbsoluteURL lets into a
// scheme or host (ASCII letters, digits, "." and "-") and lower in lower case: each byte with
// its case bit set must be lower's. Among those bytes only letters change with the bit, and an
// ASCII string has no character that Unicode folds to another (EqualFold's "ſ" and "K" are
// not ASCII), so the answer is EqualFold's; TestASCIIFoldIsEqualFold checks it on every pair
// of those bytes and a fuzz test on the callback URLs.
func asciiFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// ruleR6DefaultRedirectInCallbacks (R6; S1 DefaultRedirectURI doc: "Must be in the
// CallbackURLs list"). Message never observed.
func ruleR6DefaultRedirectInCallbacks(r *Request, _ State) *Violation {
	if r.DefaultRedirectURI == nil || contains(r.CallbackURLs, *r.DefaultRedirectURI) {
		return nil
	}
	return ruleViolation("R6", "DefaultRedirectURI", codeInvalidParameter, "", "DefaultRedirectURI is not one of CallbackURLs")
}

// ruleR7OAuthNeedsFlag (R7; S1 AllowedOAuthFlowsUserPoolClient doc since 2025-03-03: "must
// have a value of true before you can configure" CallbackURLs, LogoutURLs,
// AllowedOAuthScopes, AllowedOAuthFlows). The converse (true with nothing configured) is not
// documented and not checked. Message never observed.
func ruleR7OAuthNeedsFlag(r *Request, _ State) *Violation {
	if r.AllowedOAuthFlowsUserPoolClient != nil && *r.AllowedOAuthFlowsUserPoolClient {
		return nil
	}
	for _, m := range []struct {
		name string
		list []string
	}{{"CallbackURLs", r.CallbackURLs}, {"LogoutURLs", r.LogoutURLs}, {"AllowedOAuthScopes", r.AllowedOAuthScopes}, {"AllowedOAuthFlows", r.AllowedOAuthFlows}} {
		if len(m.list) > 0 {
			return ruleViolation("R7", m.name, codeInvalidParameter, "", m.name+" set while AllowedOAuthFlowsUserPoolClient is not true")
		}
	}
	return nil
}

// ruleR8ClientCredentialsAlone (R8; S1 AllowedOAuthFlows doc since 2024-02-01: "you must add
// client_credentials as the only allowed OAuth flow"; aws/aws-sdk-js-v3#2650). Message never observed.
func ruleR8ClientCredentialsAlone(r *Request, _ State) *Violation {
	if contains(r.AllowedOAuthFlows, flowClientCredentials) &&
		(contains(r.AllowedOAuthFlows, flowCode) || contains(r.AllowedOAuthFlows, flowImplicit)) {
		return ruleViolation("R8", "AllowedOAuthFlows", codeInvalidOAuthFlow, "", "client_credentials combined with code or implicit")
	}
	return nil
}

// ruleR9ClientCredentialsNeedsSecret (R9; S6 user-pool-settings-client-apps.md: "Your app
// client must have a client secret to perform client_credentials grants"). Message never observed.
func ruleR9ClientCredentialsNeedsSecret(r *Request, st State) *Violation {
	if st.Client == nil || st.Client.HasSecret || !contains(r.AllowedOAuthFlows, flowClientCredentials) {
		return nil
	}
	return ruleViolation("R9", "AllowedOAuthFlows", codeInvalidOAuthFlow, "", "client_credentials on an app client without a client secret")
}

// ruleR10ClientCredentialsCustomScopes (R10; S6 app-idp-settings.md: "only custom scopes can
// be used with this flow"). The text "openid is not supported with client_credentials flow"
// was observed (OB-11); it is asserted only when openid is the only standard scope sent.
func ruleR10ClientCredentialsCustomScopes(r *Request, _ State) *Violation {
	if !contains(r.AllowedOAuthFlows, flowClientCredentials) {
		return nil
	}
	var std []string
	for _, s := range r.AllowedOAuthScopes {
		if contains(standardScopes, s) {
			std = append(std, s)
		}
	}
	if len(std) == 0 {
		return nil
	}
	msg := ""
	if len(std) == 1 && std[0] == "openid" {
		msg = "openid is not supported with client_credentials flow"
	}
	return ruleViolation("R10", "AllowedOAuthScopes", codeInvalidOAuthFlow, msg, "standard scope "+std[0]+" with client_credentials")
}

// ruleR11CodeImplicitNeedCallbacks (R11; S6 app-idp-settings.md "Choose at least one callback
// URL"; exact text OB-12).
func ruleR11CodeImplicitNeedCallbacks(r *Request, _ State) *Violation {
	if len(r.CallbackURLs) > 0 || !(contains(r.AllowedOAuthFlows, flowCode) || contains(r.AllowedOAuthFlows, flowImplicit)) {
		return nil
	}
	return ruleViolation("R11", "CallbackURLs", codeInvalidOAuthFlow,
		"CallbackUrls can not be empty when code flow or implicit flow is selected", "code or implicit flow without callback URLs")
}

// ruleR12ScopesExist (R12; S1 AllowedOAuthScopes doc, S6 "resource-server-identifier/scope";
// ScopeDoesNotExistException doc). The observed "Invalid scope requested: Cognito" (OB-02)
// is not tied to a known input, so the message is not asserted.
func ruleR12ScopesExist(r *Request, st State) *Violation {
	if st.Pool == nil {
		return nil
	}
	for _, s := range r.AllowedOAuthScopes {
		if !contains(standardScopes, s) && !customScopeExists(st.Pool, s) {
			return ruleViolation("R12", "AllowedOAuthScopes", codeScopeDoesNotExist, "", "scope "+s+" is neither standard nor defined on the pool")
		}
	}
	return nil
}

// customScopeExists reports whether "<identifier>/<name>" is a scope of one of the pool's
// resource servers (identifiers may contain '/', e.g. https://api.example.com).
// The prefix "<identifier>/" is tested in place, without building it.
func customScopeExists(p *PoolState, scope string) bool {
	for i := range p.ResourceServers {
		rs := &p.ResourceServers[i]
		id := rs.Identifier
		if len(scope) > len(id) && scope[len(id)] == '/' && scope[:len(id)] == id && contains(rs.Scopes, scope[len(id)+1:]) {
			return true
		}
	}
	return false
}
