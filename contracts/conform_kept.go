package contracts

import (
	"unsafe"
)

// Kept is the client a 200 returned, as the check of that answer read it (CheckKept), kept by
// the caller to stand for the client before the next update of the same client: a check whose
// Exchange.Before is exactly the bytes the kept client was read from takes the members it
// compares from it instead of decoding Before again (readBefore). It holds a copy of the
// client's text and of its strings, in memory of its own that is reused only when it is kept
// into again: the answer it was read from may change or be reused after the check. The zero
// Kept holds no client.
type Kept struct {
	raw string // the client's text in the answer (UserPoolClient's value); "" when none
	// cb is the client as readBefore reads its text: the top-level members, nested containers
	// with their raw text and no kids (clientBefore.get decodes them when read).
	cb clientBefore
	// buf holds raw and, after it, the copies of the strings that were not in raw's text in the
	// body (cb's strings are views of it); reused when the Kept is kept into again (CheckKept
	// empties it first), so a Kept costs no allocation once it has grown.
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
		keep.raw, keep.cb.doc.kids = "", keep.cb.doc.kids[:0]
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
// (its strings views of the body or of the check's arena text), in kp's keep: the top-level
// members as readBefore reads the client's text (shallow: nested containers keep their raw text
// only), in memory of the keep's own, so that a caller who changes the body after the check
// changes nothing kept: the client's text is copied once into the keep's buffer (reused from
// keep to keep) and the views into it re-pointed into the copy by their offset; the names and
// strings not in it (unescaped into the arena's text, which the next check overwrites) are
// copied after it.
func (kp *keptPair) keepClient(got *jnode) {
	if kp == nil || kp.keep == nil {
		return
	}
	k := kp.keep
	buf := append(k.buf[:0], got.raw...)
	for i := range got.kids {
		m := &got.kids[i]
		for _, s := range [...]string{m.name, m.val.s, m.val.raw} {
			if _, ok := offsetIn(s, got.raw); !ok {
				buf = append(buf, s...)
			}
		}
	}
	k.buf = buf
	all := unsafe.String(unsafe.SliceData(buf), len(buf)) // written again only when k is kept into again
	own := ownText{from: got.raw, raw: all[:len(got.raw)], text: all[len(got.raw):]}
	kids := k.cb.doc.kids[:0]
	for _, m := range got.kids {
		name, v := own.of(m.name), m.val
		v.s, v.raw = own.of(v.s), own.of(v.raw)
		if v.kind == jArray || v.kind == jObject {
			v.kids = nil // read from v.raw when asked (clientBefore.get), as after a shallow read
		}
		kids = append(kids, jmember{name: name, val: v})
	}
	if len(kids) == 0 {
		kids = nil // a shallow read of {} has no kids
	}
	k.raw = own.raw
	k.cb.doc = jnode{kind: jObject, raw: own.raw, kids: kids}
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
