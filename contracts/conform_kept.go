package contracts

import (
	"strings"
	"unsafe"
)

// Kept is the client a 200 returned, as the check of that answer read it (CheckKept), kept by
// the caller to stand for the client before the next update of the same client: a check whose
// Exchange.Before is exactly the bytes the kept client was read from takes the members it
// compares from it instead of decoding Before again (readBefore). Its strings share the answer
// it was read from, which must not change while it is kept. The zero Kept holds no client.
type Kept struct {
	raw string // the client's text in the answer (UserPoolClient's value); "" when none
	// cb is the client as readBefore reads its text: the top-level members, nested containers
	// with their raw text and no kids (clientBefore.get decodes them when read).
	cb clientBefore
}

// keptPair are the kept clients of one check (CheckKept): before, a client kept from an earlier
// answer, for Exchange.Before; keep, where the client of this answer is left.
type keptPair struct{ before, keep *Kept }

// CheckKept is CheckParsed with clients kept from answer to answer: when before holds a client
// read from the same bytes as ex.Before (compared byte for byte), the checks against the client
// before the update read it from before; otherwise ex.Before is decoded as CheckParsed decodes
// it. keep (unless nil) is emptied, then, when ex is a 200 whose UserPoolClient is an object
// the one-pass decoder read, holds that client, its strings sharing ex.Body: for a body that
// is never written again. before and keep must differ; the findings are CheckParsed's.
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
// (its strings views of body or of the check's arena text), in kp's keep: the top-level members
// as readBefore reads the client's text (shallow: nested containers keep their raw text only),
// the names and strings not in body (unescaped into the arena's text, which the next check
// overwrites) copied into one string of the keep's own.
func (kp *keptPair) keepClient(got *jnode, body []byte) {
	if kp == nil || kp.keep == nil {
		return
	}
	n := 0 // the bytes to copy
	for i := range got.kids {
		m := &got.kids[i]
		if !inBody(m.name, body) {
			n += len(m.name)
		}
		if m.val.kind == jString && !inBody(m.val.s, body) {
			n += len(m.val.s)
		}
	}
	var own ownText
	if n > 0 {
		var sb strings.Builder
		sb.Grow(n)
		for i := range got.kids {
			m := &got.kids[i]
			if !inBody(m.name, body) {
				sb.WriteString(m.name)
			}
			if m.val.kind == jString && !inBody(m.val.s, body) {
				sb.WriteString(m.val.s)
			}
		}
		own.text = sb.String()
	}
	k := kp.keep
	kids := k.cb.doc.kids[:0]
	for _, m := range got.kids {
		name, v := own.of(m.name, body), m.val
		switch v.kind {
		case jArray, jObject:
			v.kids = nil // read from v.raw when asked (clientBefore.get), as after a shallow read
		case jString:
			v.s = own.of(v.s, body)
		}
		kids = append(kids, jmember{name: name, val: v})
	}
	if len(kids) == 0 {
		kids = nil // a shallow read of {} has no kids
	}
	k.raw = got.raw
	k.cb.doc = jnode{kind: jObject, raw: got.raw, kids: kids}
}

// ownText hands out keepClient's copies of the strings not in the body, in the order written.
type ownText struct {
	text string
	off  int
}

// of is s when it is in body, else its copy, the next len(s) bytes of the text.
func (o *ownText) of(s string, body []byte) string {
	if inBody(s, body) {
		return s
	}
	t := o.text[o.off : o.off+len(s)]
	o.off += len(s)
	return t
}

// inBody reports whether s's bytes lie in b (a view of the body, which a kept client may share;
// the empty string is anywhere). The pointers are only compared.
func inBody(s string, b []byte) bool {
	if len(s) == 0 {
		return true
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return p >= lo && p-lo <= uintptr(len(b)) && uintptr(len(s)) <= uintptr(len(b))-(p-lo)
}
