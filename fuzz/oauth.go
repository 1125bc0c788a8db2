package fuzz

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// validOAuth draws one OAuth configuration that is valid for state st: none (flag false or
// absent), the code and implicit flows with https callback URLs, existing scopes and a default
// redirect among the callbacks (R5, R6, R11, R12), or client_credentials alone with custom
// scopes on a client with a secret (R8, R9, R10). It returns ms with them set.
func (g *Generator) validOAuth(r rnd, st int, ms drawnMembers) drawnMembers {
	s := g.states[st]
	custom := g.sets.states[st].custom
	kind := r.Intn(3)
	if kind == 2 && (!s.Client.HasSecret || len(custom) == 0) {
		kind = 1
	}
	var cb []any // the callbacks set (none: nil)
	switch kind {
	case 0:
		if r.Intn(2) == 0 {
			ms = ms.set("AllowedOAuthFlowsUserPoolClient", false)
		}
		return ms
	case 1:
		ms = ms.set("AllowedOAuthFlows", pick(r, g.sets.userFlows, 1))
		ms = ms.set("AllowedOAuthScopes", pick(r, g.sets.states[st].scopes, 1))
		cb = g.urls(r, &g.sets.callbacks, 1)
		ms = ms.set("CallbackURLs", cb)
	case 2:
		ms = ms.set("AllowedOAuthFlows", []any{flowClientCredentials})
		ms = ms.set("AllowedOAuthScopes", pick(r, custom, 1))
		if r.Intn(2) == 0 {
			cb = g.urls(r, &g.sets.callbacks, 1)
			ms = ms.set("CallbackURLs", cb)
		}
	}
	ms = ms.set("AllowedOAuthFlowsUserPoolClient", true)
	if len(cb) > 0 && r.Intn(2) == 0 {
		ms = ms.set("DefaultRedirectURI", cb[r.Intn(len(cb))])
	}
	if r.Intn(2) == 0 {
		ms = ms.set("LogoutURLs", g.urls(r, &g.sets.logouts, 0))
	}
	return ms
}

func customScopes(p *contracts.PoolState) []string {
	var out []string
	for _, rs := range p.ResourceServers {
		for _, sc := range rs.Scopes {
			out = append(out, rs.Identifier+"/"+sc)
		}
	}
	return out
}

// urls draws a list of distinct valid redirect URLs of l at the list's length edges.
func (g *Generator) urls(r rnd, l *urlListDraw, least int) []any {
	if l.entry == nil {
		return nil
	}
	n := edge(r, max(l.lo, least), l.hi)
	return l.url.list(r, n, n <= 4)
}

// urlListDraw is what the draws of one URL list member need, resolved once by listSets (urls
// is called for every OAuth configuration drawn): its entries' member (nil when the model has
// no such list), its length bounds (listBounds) and its entries' draw (urlDrawOf).
type urlListDraw struct {
	entry  *contracts.Member
	lo, hi int
	url    urlDraw
}

// urlListOf resolves the input's list member name (urlListDraw).
func (g *Generator) urlListOf(name string) urlListDraw {
	m, ok := g.input.MemberNamed(name)
	if !ok {
		return urlListDraw{}
	}
	l := urlListDraw{entry: m.Target.Member, url: g.urlDrawOf(m.Target.Member)}
	l.lo, l.hi = listBounds(m.Effective())
	return l
}

// urlList draws n URLs of the list member m (url's i-th for each i): urlDraw.list.
func (g *Generator) urlList(r rnd, m *contracts.Member, n int, edges bool) []any {
	u := g.urlDrawOf(m)
	return u.list(r, n, edges)
}

// list draws n URLs (appendURL's i-th for each i). Their text is written into one buffer as
// the list's JSON text, and each URL is a piece of it: one allocation for the list's text,
// which the case's body copies (drawnTexts) when no URL needs an escape, and a few for the
// URLs' boxes (boxStrings, a piece of them at a time). The text is written in the draw's scratch
// room (drawnTexts.urlText), kept for the next list instead of room on the stack zeroed per list;
// a continuation without texts (a test's) writes it on the stack (listOnStack).
func (u *urlDraw) list(r rnd, n int, edges bool) []any {
	if n <= 0 {
		return make([]any, n)
	}
	t := r.texts
	if t == nil {
		return u.listOnStack(r, n, edges)
	}
	if t.urlText == nil { // a Source's first list: room for most lists at once
		t.urlText, t.urlEnds = make([]byte, 0, urlTextRoom), make([]int, 0, urlEndsRoom)
	}
	text, ends := u.appendList(append(t.urlText[:0], '['), t.urlEnds[:0], r, n, edges)
	all := string(append(text, ']'))
	t.keepURLScratch(text, ends)
	out := boxURLs(all, ends)
	if u.plain {
		t.add(out, all)
	}
	return out
}

// listOnStack is list for a continuation without texts (only tests draw with one): the text
// and ends are written in room on the stack, as every list's were before the scratch room
// (72ce967), instead of a scratch made for one list, and nothing is recorded. It is a function
// of its own so that list's frame does not hold the room.
//
//go:noinline
func (u *urlDraw) listOnStack(r rnd, n int, edges bool) []any {
	var tb [urlTextRoom]byte
	var eb [urlEndsRoom]int
	text, ends := u.appendList(append(tb[:0], '['), eb[:0], r, n, edges)
	return boxURLs(string(append(text, ']')), ends)
}

// appendList appends the n URLs of a list (appendURL's i-th for each i) to text, each quoted
// and all but the first after a comma, and where each URL ends in text to ends. Whether they
// are short URLs from a seeded Source (appendURL's test) is found once per list.
func (u *urlDraw) appendList(text []byte, ends []int, r rnd, n int, edges bool) ([]byte, []int) {
	s := r.lag
	short := s != nil && !edges && u.free
	for i := range n {
		if i > 0 {
			text = append(text, ',')
		}
		text = append(text, '"')
		if short {
			text = u.appendShortURL(text, s, i)
		} else {
			text = u.appendURLWith(text, r, i, edges)
		}
		ends = append(ends, len(text))
		text = append(text, '"')
	}
	return text, ends
}

// boxURLs returns the URLs of a list's text all (appendList's, closed) that end at ends, each
// a piece of all, boxed maxPiece at a time (boxStrings), as they are cut into room on the
// stack.
func boxURLs(all string, ends []int) []any {
	out := make([]any, len(ends))
	var c [maxPiece]string
	start, k := 2, 0 // after `["`
	for i, end := range ends {
		c[k], start = all[start:end], end+3 // after `","`
		if k++; k == len(c) || i == len(ends)-1 {
			boxStrings(out[i+1-k:i+1], c[:k])
			k = 0
		}
	}
	return out
}

// url draws a valid redirect URL (R5: absolute, no fragment, https or http to a loopback
// host, or an app scheme) whose length is at an edge of RedirectUrlType's Length, with a path
// of letters (multibyte ones too, R31), digits and unreserved marks from the pattern's
// alphabet. i makes the URLs of one list distinct. Long lists hold short URLs (one edge at a
// time keeps bodies small); edges=false draws a short URL.
func (g *Generator) url(r rnd, m *contracts.Member, i int, edges bool) string {
	u := g.urlDrawOf(m)
	return u.url(r, i, edges)
}

// url is Generator.url with u's draw. A short URL is written on the stack; a URL at a length
// edge (up to u.hi runes: a kilobyte or more of text) in a scratch buffer (getRenderBuf), where
// room on the stack grew on the heap, twice (drawBlock's room, then the block's repeats), before
// the URL was copied out.
func (u *urlDraw) url(r rnd, i int, edges bool) string {
	if !edges {
		var buf [shortURLRoom]byte
		return string(u.appendURL(buf[:0], r, i, false))
	}
	buf := getRenderBuf()
	defer putRenderBuf(buf)
	*buf = u.appendURL((*buf)[:0], r, i, true)
	return string(*buf)
}

// shortURLRoom is the room on the stack of a short URL (url): its prefix and shortPath runes.
const shortURLRoom = 256

// urlDraw is what the URLs of one member share, looked up once per list: the string draw of
// their paths (the member's constraints, its alphabet narrowed to what URL paths keep) and the
// member's maximum length.
type urlDraw struct {
	path stringDraw
	hi   int
	// pathHi is the maximum length of a path's runes (path.bounds()), for appendMake.
	pathHi int
	// plain: every URL is written as it is inside a JSON string (its prefix, index and the
	// runes of its path need no escape).
	plain bool
	// free: the paths are drawn rune by rune (path.alpha.free(), appendMake's test), not
	// stretched.
	free bool
	// prefixes are the prefixes' texts of a list's indexes (the Generator's urlPrefixTexts).
	prefixes *urlPrefixTexts
}

func (g *Generator) urlDrawOf(m *contracts.Member) urlDraw {
	c := m.Effective()
	u := urlDraw{path: stringDraw{c: c, alpha: g.alpha[m.Target]}, hi: unboundedLength * 4, prefixes: &g.urlPrefixes}
	if v, ok := c.Length.MaxInt(); ok {
		u.hi = int(v)
	}
	_, u.pathHi = u.path.bounds()
	if u.path.alpha.free() { // narrowed to what URL paths keep, once in NewGenerator
		u.path.alpha = g.urlAlpha[m.Target]
		u.plain = u.path.alpha.plain && urlPrefixesPlain
	} else {
		u.path.stretch = g.stretcherFor(m)
	}
	u.free = u.path.alpha.free()
	return u
}

// appendURL appends the i-th URL of a list to dst (see url): a prefix (appendURLPrefix), then
// a path of 1 to shortPath runes, or with edges one that takes the URL's length to an edge. A
// short URL from a seeded Source is drawn by appendShortURL.
func (u *urlDraw) appendURL(dst []byte, r rnd, i int, edges bool) []byte {
	if r.lag != nil && !edges && u.free {
		return u.appendShortURL(dst, r.lag, i)
	}
	return u.appendURLWith(dst, r, i, edges)
}

// appendURLWith is appendURL drawn through r's Intn and appendMake: for a Source from bytes,
// with edges, and the reference appendShortURL is tested against.
func (u *urlDraw) appendURLWith(dst []byte, r rnd, i int, edges bool) []byte {
	dst, prefix := appendURLPrefix(dst, r.Intn(len(urlPrefixes)), i)
	lo := prefix + 1
	n := lo + r.Intn(shortPath)
	if edges {
		n = edge(r, lo, u.hi)
	}
	return u.path.appendMake(dst, r, n-prefix, u.pathHi)
}

// shortPath is the most runes of a short URL's path (edges false).
const shortPath = 8

// appendShortURL draws a short path as one block: shortPath <= repeatBlock (a negative constant
// does not compile).
const _ = uint(repeatBlock - shortPath)

// appendShortURL is appendURL's short URL, its path drawn rune by rune, from the seeded source
// s: the same draws (prefix, the path's length, its block: appendMake's, the block being the
// path, as shortPath <= repeatBlock), read in place instead of through the continuation and
// appendMake's and drawBlock's calls. The prefix's kind, the path's length and its block's
// style (appendBlock's, whose block is here the whole path: no rest) are lagSource.intn's
// steps written out (take inlines; intn, a call each, does not: intnSlow only when take draws
// nothing), all three drawn before anything is written (writing draws nothing), so that room
// for the whole URL is made once; the prefix's text is then copied from its room in u.prefixes
// whole (urlPrefixTexts.slots: a copy of fixed size, without a call), where it has one.
func (u *urlDraw) appendShortURL(dst []byte, s *lagSource, i int) []byte {
	kind, ok := s.take(&intnTable[len(urlPrefixes)])
	if !ok {
		kind = s.intnSlow(len(urlPrefixes))
	}
	n, ok := s.take(&intnTable[shortPath])
	if !ok {
		n = s.intnSlow(shortPath)
	}
	n++ // 1 to shortPath runes
	style, ok := s.take(&intnTable[blockStyles])
	if !ok {
		style = s.intnSlow(blockStyles)
	}
	var p int
	var buf []byte
	if slots := u.prefixes.slots[kind]; uint(i) < uint(len(slots)) {
		// room for the prefix's whole room, then for the runes as growBlock makes it
		buf, p = growBlock(slices.Grow(dst, urlPrefixRoom)[:len(dst)+urlPrefixRoom], n), len(dst)
		slot := &slots[i]
		*(*urlPrefixSlot)(buf[p:]) = *slot // past the prefix: room the runes write over
		p += int(slot[urlPrefixRoom-1])
	} else {
		dst = u.prefixes.appendPrefix(dst, kind, i)
		buf, p = growBlock(dst, n), len(dst)
	}
	end, _ := s.appendRunes(buf, p, u.path.alpha.utf8.blockSets(n, u.pathHi, style), n, 0)
	return buf[:end]
}

// appendURLPrefix appends the prefix of kind k (urlPrefixes) around the URL's number i in its
// list to dst ("https://cb3.example.com/", ...) and returns its length.
func appendURLPrefix(dst []byte, k, i int) ([]byte, int) {
	pre, start := &urlPrefixes[k], len(dst)
	dst = append(appendIndex(append(dst, pre[0]...), i), pre[1]...)
	return dst, len(dst) - start
}

// urlTextRoom and urlEndsRoom are the scratch room a Source's first URL list is given
// (drawnTexts.urlText, urlEnds): a list of up to about a hundred short URLs fits, grown at once
// instead of doubling from a few bytes.
const (
	urlTextRoom = 4 << 10
	urlEndsRoom = 128
)

// maxURLText and maxURLEnds bound the scratch room a Source keeps from one URL list to the next
// (drawnTexts.keepURLScratch), as the contracts arena's maxArenaText bounds its text: a list
// that grew it past them (many long URLs: up to 4 KB each) leaves it to the collector, and
// the next list starts from urlTextRoom and urlEndsRoom. Every URL and its quotes and comma
// take at least 16 bytes, so a list whose text fits maxURLText has at most maxURLEnds URLs.
const (
	maxURLText = 16 << 10
	maxURLEnds = maxURLText / 16
)

// appendIndex appends i in decimal, as strconv.AppendInt does: a list's indexes (below 100
// but for a too-long list) without a call.
func appendIndex(dst []byte, i int) []byte {
	switch {
	case i >= 0 && i < 10:
		return append(dst, byte('0'+i))
	case i >= 10 && i < 100:
		return append(dst, byte('0'+i/10), byte('0'+i%10))
	}
	return strconv.AppendInt(dst, int64(i), 10)
}

// urlPrefixes are the kinds of redirect URL (R5), each around the URL's number in its list:
// https, http to a loopback host, an app scheme.
var urlPrefixes = [...][2]string{{"https://cb", ".example.com/"}, {"http://localhost:8080/cb", "/"}, {"myapp://cb", "/"}}

// urlPrefixesPlain: the prefixes and the digits of the index need no escape in a JSON string.
var urlPrefixesPlain = func() bool {
	texts := []string{"0123456789"}
	for _, p := range urlPrefixes {
		texts = append(texts, p[0], p[1])
	}
	return plainTexts(texts...)
}()

func unreserved(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-._~", r)
}
