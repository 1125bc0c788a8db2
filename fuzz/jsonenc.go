package fuzz

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cognito-contract/cognito-contract/internal/jsontext"
)

// marshal renders a JSON value (string, int64, int, bool, nil, []any, map[string]any and
// anything else through encoding/json) byte for byte as json.Marshal does (object keys
// sorted, HTML characters, U+2028, U+2029 and invalid UTF-8 escaped), without reflection:
// drawing a case renders a body of up to hundreds of kilobytes.
func marshal(v any) []byte { return (*drawnTexts)(nil).marshal(v) }

// marshal is marshal with the texts a draw wrote (nil: none): a list drawn with its text is
// copied from it (drawnTexts.textOf), a long value the draw made by repeating a block has its
// block's text repeated (periodOf) into the body as it is assembled (join), not in the scratch
// buffer first.
func (t *drawnTexts) marshal(v any) []byte {
	buf := getRenderBuf()
	defer putRenderBuf(buf)
	t.startSplicing()
	*buf = t.appendJSON((*buf)[:0], v)
	return t.body(*buf)
}

// startSplicing makes the texts' long values be spliced into the body (join) as it is
// rendered, where there are texts (t non-nil).
func (t *drawnTexts) startSplicing() {
	if t != nil {
		t.splicing = true
	}
}

// body is the body rendered into the scratch buffer out (startSplicing, then appendJSON or
// appendObject), in memory of its own: out copied, or joined with the spliced values.
func (t *drawnTexts) body(out []byte) []byte {
	if t == nil {
		return bytes.Clone(out)
	}
	t.splicing = false
	return t.join(out)
}

// marshalMembers is marshal of req whose members are ms (positiveIn's: each key once), the
// object's members sorted from ms (appendMembersOrder) instead of listed from the map; a
// request whose map holds fewer members than ms (a key set twice) is marshalled from the map.
// plainKeys: every key of ms needs no escape (appendKey), as the input's member names, which
// positiveIn sets, do (Generator.plainKeys).
func (t *drawnTexts) marshalMembers(ms []objectMember, req map[string]any, plainKeys bool) []byte {
	var ob objectRoom
	order, ok := membersOrder(ob[:0], ms, req)
	if !ok {
		return t.marshal(req)
	}
	buf := getRenderBuf()
	defer putRenderBuf(buf)
	t.startSplicing()
	*buf = t.appendObject((*buf)[:0], ms, order, plainKeys)
	return t.body(*buf)
}

// objectRoom is room on the stack for the order of an object's members (a request's fit), and
// membersRoom for the members themselves.
type (
	objectRoom  [48]int32
	membersRoom [48]objectMember
)

// membersOrder is appendMembersOrder(ob, ms) when ms lists each member of req once and fits
// ob's room; ok is false otherwise (a key set twice: the map holds fewer members than ms), and
// the caller lists the map's own members instead (appendSortedMembers).
func membersOrder(ob []int32, ms []objectMember, req map[string]any) (order []int32, ok bool) {
	if len(ms) != len(req) || len(ms) > cap(ob)-len(ob) {
		return nil, false
	}
	return appendMembersOrder(ob, ms), true
}

// renderBufs hold the scratch buffers bodies are rendered into before they are copied out at
// their exact size (bytes.Clone: one allocation, not zeroed): a body's length is known only
// once its escapes are written, and an allocation sized from a guess is either zeroed in vain
// or grown, copying the body, when a long value has escapes.
var renderBufs = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// maxRenderBuf is the largest scratch buffer kept for the next body: larger ones (a body of
// several huge values) are left to the collector.
const maxRenderBuf = 4 << 20

func getRenderBuf() *[]byte { return renderBufs.Get().(*[]byte) }

func putRenderBuf(b *[]byte) {
	if cap(*b) <= maxRenderBuf {
		renderBufs.Put(b)
	}
}

// appendJSON appends v's JSON text (marshal's) to dst; a list drawn with its text (t.textOf)
// is copied from it.
func (t *drawnTexts) appendJSON(dst []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...)
	case string:
		if t != nil && len(x) >= periodMin {
			if p := t.periodOf(x); p > 0 {
				return t.appendPeriodic(dst, x, p)
			}
		}
		return appendJSONString(dst, x)
	case bool:
		return strconv.AppendBool(dst, x)
	case int64:
		return strconv.AppendInt(dst, x, 10)
	case int:
		return strconv.AppendInt(dst, int64(x), 10)
	case []any:
		if x == nil {
			return append(dst, "null"...)
		}
		if t != nil {
			if text, ok := t.textOf(x); ok {
				return append(dst, text...)
			}
		}
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			if s, ok := e.(string); ok && len(s) < periodMin { // the string case, without the call
				dst = appendJSONString(dst, s)
				continue
			}
			dst = t.appendJSON(dst, e)
		}
		return append(dst, ']')
	case map[string]any:
		if x == nil {
			return append(dst, "null"...)
		}
		var mb membersRoom // the request's members fit: they stay on the stack
		var ob objectRoom
		ms, order := appendSortedMembers(mb[:0], ob[:0], x)
		return t.appendObject(dst, ms, order, false)
	}
	b, err := json.Marshal(v)
	if err != nil { // only JSON values are ever built
		panic("fuzz: marshal: " + err.Error())
	}
	return append(dst, b...)
}

// appendObject appends the JSON text of the object whose members are ms, in order (their
// indexes sorted by key: appendSortedMembers's), to dst; plainKeys: no key needs an escape
// (appendKey).
func (t *drawnTexts) appendObject(dst []byte, ms []objectMember, order []int32, plainKeys bool) []byte {
	dst = append(dst, '{')
	for i, o := range order {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendKey(dst, ms[o].key, plainKeys)
		dst = t.appendJSON(dst, ms[o].value)
	}
	return append(dst, '}')
}

// appendKey appends the quoted text of an object's key and its colon to dst; plain: the key
// needs no escape (it is its own text: plainTexts), so it is copied as it is instead of
// through appendJSONString. Only keys known to be plain are passed so: the input's member
// names (Generator.plainKeys), which a positive request's keys are.
func appendKey(dst []byte, key string, plain bool) []byte {
	if plain {
		return append(append(append(dst, '"'), key...), '"', ':')
	}
	return append(appendJSONString(dst, key), ':')
}

// objectMember is one member of a JSON object: a key of a map[string]any and its value.
type objectMember struct {
	key   string
	value any
}

// appendSortedMembers appends the members of obj to ms in the map's order, and their indexes
// in ms to order sorted by key (the order json.Marshal writes them in): one pass over the map,
// no lookup per key, each member written once and its index inserted in place (an object has
// tens of members at most). The indexes hold no pointer: moving them costs no write barrier
// while the collector marks, as moving the members did (three pointer words a move, each
// recorded and later marked; the callers' stack arrays reach this function as slices, which
// the compiler cannot tell from heap memory).
func appendSortedMembers(ms []objectMember, order []int32, obj map[string]any) ([]objectMember, []int32) {
	first := len(order)
	for k, v := range obj {
		ms = append(ms, objectMember{k, v})
		order = orderLast(order, first, ms)
	}
	return ms, order
}

// appendMembersOrder appends to order the indexes of ms's members sorted by key, for members
// listed already (appendSortedMembers's order of them).
func appendMembersOrder(order []int32, ms []objectMember) []int32 {
	first := len(order)
	for j := range ms {
		order = orderLast(order, first, ms[:j+1])
	}
	return order
}

// orderLast appends the index of ms's last member to order, whose indexes from first on are
// of members before it sorted by key, and inserts it in place among them.
func orderLast(order []int32, first int, ms []objectMember) []int32 {
	k := ms[len(ms)-1].key
	order = append(order, 0)
	i := len(order) - 1
	for ; i > first && keyLess(k, ms[order[i-1]].key); i-- {
		order[i] = order[i-1]
	}
	order[i] = int32(len(ms) - 1)
	return order
}

// keyLess is a < b, decided by the first bytes where they differ there (member names mostly
// do) without a call.
func keyLess(a, b string) bool {
	if a != "" && b != "" && a[0] != b[0] {
		return a[0] < b[0]
	}
	return a < b
}

// appendJSONString quotes s as encoding/json does with HTML escaping on (jsontext), a long
// value that repeats a block (as long drawn values do) from the block's escaped text. Room for
// a long value is made at once (jsontext.Room): a scratch buffer met a value of hundreds of
// kilobytes growing from its few kilobytes by doubling, copied at each step.
func appendJSONString(dst []byte, s string) []byte {
	if len(s) < periodMin { // a shorter value is not looked at for a period (period is not inlined)
		return append(jsontext.AppendText(append(dst, '"'), s), '"')
	}
	if p := period(s); p > 0 {
		return appendQuotedRepeated(dst, s, p)
	}
	dst = append(slices.Grow(dst, jsontext.Room(s)), '"')
	return append(jsontext.AppendText(dst, s), '"')
}

// periodMin is the length from which appendJSONString looks for a period: long drawn values
// repeat a drawn block (stringDraw.make).
const periodMin = 2048

// maxPeriod bounds the period looked for: a drawn block's text is at most repeatBlock runes.
const maxPeriod = repeatBlock * utf8.UTFMax

// period returns p when s, at least periodMin bytes long (its caller, appendJSONString, looks
// at no shorter one), is its first p bytes repeated, then followed by a prefix of them, and
// those p bytes are valid UTF-8 (so every repetition starts a rune and escapes as the first
// does); 0 otherwise. p is where s's first 32 bytes recur first: a shorter period would make
// them recur earlier.
func period(s string) int {
	const probe = 32
	i := strings.Index(s[1:min(len(s), maxPeriod+probe)], s[:probe])
	if i < 0 {
		return 0
	}
	p := i + 1
	if s[p:] != s[:len(s)-p] || !utf8.ValidString(s[:p]) {
		return 0
	}
	return p
}

// appendQuotedRepeated appends the quoted text of s, whose period is p, in room made at once
// (jsontext.Room): appendRepeatedJSON's text with every repeat written.
func appendQuotedRepeated(dst []byte, s string, p int) []byte {
	dst = append(slices.Grow(dst, jsontext.Room(s)), '"')
	dst, _, _ = appendRepeatedJSON(dst, s, p, false)
	return append(dst, '"')
}

// appendRepeatedJSON appends the escaped text of s, whose period is p: the first p bytes are
// escaped once (their text is unit bytes) and their text repeated (appendRepeated) reps times:
// all len(s)/p repeats, or with chunk only those of a chunk (chunkUnits), the others left out
// (drawnTexts.appendPeriodic records them for join); then the rest (a prefix of the period,
// which may end inside a rune) is escaped.
func appendRepeatedJSON(dst []byte, s string, p int, chunk bool) (out []byte, unit, reps int) {
	start := len(dst)
	dst = jsontext.AppendText(dst, s[:p])
	unit, all := len(dst)-start, len(s)/p
	reps = all
	if chunk {
		reps = min(all, chunkUnits(unit))
	}
	dst = appendRepeated(dst, start, reps, 0)
	return jsontext.AppendText(dst, s[all*p:]), unit, reps
}
