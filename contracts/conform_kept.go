package contracts

import (
	"unsafe"
)

// Kept is the client a 200 returned, as the check of that answer read it (CheckKept), kept by
// the caller to stand for the client before the next update of the same client: a check whose
// Exchange.Before is exactly the bytes the kept client was read from takes the members it
// compares from it instead of decoding Before again (readBefore). It holds a copy of the
// client's text and of the strings of the members the checks read, in memory of its own that is
// reused only when it is kept into again: the answer it was read from may change or be reused
// after the check. The zero Kept holds no client.
type Kept struct {
	raw string // the client's text in the answer (UserPoolClient's value); "" when none
	// cb is the client as readBefore reads its text, for the members the checks read
	// (echoPlan.beforeReads, in cb.at): nested containers with their raw text and no kids
	// (clientBefore.get decodes them when read); any other member is read from the text.
	cb clientBefore
	// buf holds raw and, after it, the copies of the kept members' strings that were not in
	// raw's text in the body (cb's strings are views of it); reused when the Kept is kept into
	// again (CheckKept empties it first), so a Kept costs no allocation once it has grown.
	buf []byte
}

// keptPair are the kept clients of one check (CheckKept): before, a client kept from an earlier
// answer, for Exchange.Before; keep, where the client of this answer is left.
type keptPair struct{ before, keep *Kept }

// CheckKept is CheckParsed with clients kept from answer to answer: when before holds a client
// read from the same bytes as ex.Before (compared byte for byte), the checks against the client
// before the update read it from before; otherwise ex.Before is decoded as CheckParsed decodes
// it. keep (unless nil) is emptied, then, when ex is a 200 whose UserPoolClient is an object
// the one-pass decoder read, holds that client in memory of its own (ex.Body may change
// afterwards). before and keep must differ; the findings are CheckParsed's.
func (c *Contract) CheckKept(p Prediction, ex Exchange, req *ParsedRequest, before, keep *Kept) []Finding {
	if keep != nil {
		keep.raw, keep.cb.has = "", 0
		if before == keep {
			before = nil
		}
	}
	return c.check(p, ex, req, &keptPair{before: before, keep: keep})
}

// Holds reports whether k holds a client read from exactly the bytes b.
func (k *Kept) Holds(b []byte) bool { return k != nil && k.raw != "" && string(b) == k.raw }

// beforeOf is the client before the update of a check: kp's kept one when it was read from
// the bytes of b, else readBefore's.
func (kp *keptPair) beforeOf(b []byte, a *nodeArena) *clientBefore {
	if kp != nil && kp.before.Holds(b) {
		return &kp.before.cb
	}
	return readBefore(b, a)
}

// keepClient leaves got, the UserPoolClient object of a 200's body decoded by decodeNodeView
// (its strings views of the body or of the check's arena text), in kp's keep: its text, and the
// members the checks read of a client before the update (pl.beforeReads) as readBefore reads the
// text (shallow: a nested container keeps its raw text only), each the one back (got's members
// at their indexes in the client shape, memberSlots: the last of duplicate names, as jnode.get
// finds it) or got.get holds. They are kept in memory of the keep's own, so that a caller who
// changes the body after the check changes nothing kept: the client's text is copied once into
// the keep's buffer (reused from keep to keep) and the views into it re-pointed into the copy by
// their offset; the strings not in it (unescaped into the arena's text, which the next check
// overwrites) are copied after it.
func (kp *keptPair) keepClient(got *jnode, back []*jnode, pl *echoPlan) {
	if kp == nil || kp.keep == nil {
		return
	}
	k := kp.keep
	reads := pl.beforeReads
	if len(reads) > 64 { // has holds one bit a member: never for the loaded model's six
		return
	}
	buf := append(k.buf[:0], got.raw...)
	for _, m := range reads {
		if v := m.of(got, back); v != nil {
			for _, s := range [...]string{v.s, v.raw} {
				if _, ok := offsetIn(s, got.raw); !ok {
					buf = append(buf, s...)
				}
			}
		}
	}
	k.buf = buf
	all := unsafe.String(unsafe.SliceData(buf), len(buf)) // written again only when k is kept into again
	own := ownText{from: got.raw, raw: all[:len(got.raw)], text: all[len(got.raw):]}
	if cap(k.cb.at) < len(reads) {
		k.cb.at = make([]jnode, len(reads))
	}
	at, has := k.cb.at[:len(reads)], uint64(0)
	for i, m := range reads {
		v := m.of(got, back)
		if v == nil {
			continue
		}
		n := &at[i]
		*n = *v
		n.s, n.raw = own.of(v.s), own.of(v.raw)
		if v.kind == jArray || v.kind == jObject {
			n.kids = nil // read from n.raw when asked (clientBefore.get), as after a shallow read
		}
		has |= 1 << i
	}
	k.raw = own.raw
	k.cb = clientBefore{doc: jnode{kind: jObject, raw: own.raw}, names: reads, at: at, has: has}
}

// keptIndex is the index of the member named name in names, -1 when none is.
func keptIndex(names []clientMember, name string) int {
	for i := range names {
		if names[i].name == name {
			return i
		}
	}
	return -1
}

// ownText hands out keepClient's strings in memory of the keep's own: a view into from (the
// client's text in the body) is the same bytes of raw, from's copy; any other string the next
// len(s) bytes of text, its copy in the order written.
type ownText struct {
	from, raw string
	text      string
	off       int
}

// of is s in memory of the keep's own: at its offset in raw when it lies in from, else its
// copy, the next len(s) bytes of the text.
func (o *ownText) of(s string) string {
	if i, ok := offsetIn(s, o.from); ok {
		return o.raw[i : i+len(s)]
	}
	t := o.text[o.off : o.off+len(s)]
	o.off += len(s)
	return t
}

// offsetIn is the offset of s's bytes in t, ok false when they do not lie in t (the empty
// string lies anywhere, at 0). The pointers are only compared.
func offsetIn(s, t string) (int, bool) {
	if len(s) == 0 {
		return 0, true
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(t)))
	if p >= lo && p-lo <= uintptr(len(t)) && uintptr(len(s)) <= uintptr(len(t))-(p-lo) {
		return int(p - lo), true
	}
	return 0, false
}
