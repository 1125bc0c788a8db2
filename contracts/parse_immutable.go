package contracts

import "unsafe"

// ParseImmutable is Parse on a body whose bytes nobody writes again, ever (an in-process
// emulator reads the fuzz harness's SDK requests as such: membody.NewImmutable): the parse,
// and the memo that keeps it, read the body through a read-only string view of its bytes
// (unsafe.String) instead of a copy of them (Parse's string(body), an allocation the size of
// every request). Same ParsedRequest as Parse's, byte for byte and tree for tree: the same
// text goes to the same parser.
//
// Why the bytes must never change, not only until ParseImmutable returns: the returned parse
// is kept by the memo (its src is the memo's key, compared with later bodies) and the strings
// of its tree are slices of the view, which outlive it in every value made from them (a
// prediction's violations, the Request the rules read, a stored client's members as sent,
// ApplyStoredOutput's read-back). A change to the bytes would change all of them under their
// readers and make the memo answer a body with another body's tree. A caller that cannot say
// that of its bytes (a buffer it or its caller may write or reuse) calls Parse.
func (c *Contract) ParseImmutable(body []byte) *ParsedRequest {
	body = RequestBody(body) // emptyInput, a package variable nothing writes, or body
	if c.memo != nil {
		if p := c.memo.find(body); p != nil {
			return p
		}
	}
	src := unsafe.String(unsafe.SliceData(body), len(body)) // read only; see above
	doc, err := parseText(src, false, nil)
	p := &ParsedRequest{doc: doc, err: err, src: src, by: c}
	if c.memo != nil {
		c.memo.add(p)
	}
	return p
}
