package fuzz

import "bytes"

// drawnTexts are what a case's draw knows of the JSON text of the values it draws, which
// rendering the request reads instead of working it out again. Source holds them for the case
// it draws (drawCase empties them before and after).
type drawnTexts struct {
	// lists are the JSON texts of lists the draw wrote as it drew them (urlList: a URL list's
	// text is written around its URLs, which are pieces of it): a list's text is copied
	// instead of quoting each entry again.
	lists []drawnList
	// periodic are the long values the draw made by repeating a block (stringDraw.make), with
	// the block's length: their period, which appendJSONString would otherwise look for and
	// check over the whole value.
	periodic []drawnPeriodic
	// splicing is set while marshal renders: the repeats of a periodic value's text are then
	// recorded in splices (one chunk of them written) and made by join.
	splicing bool
	splices  []splice
	parts    [][]byte // join's scratch list of the body's parts
	// urlText and urlEnds are urlDraw.list's scratch room: a list's text before it is copied
	// out at its size, and where its URLs end. Kept from list to list (reset leaves them) up
	// to maxURLText and maxURLEnds (keepURLScratch), and held by no case.
	urlText []byte
	urlEnds []int
}

// drawnPeriodic is a long drawn value and its period: the value is its first p bytes, valid
// UTF-8, repeated, then a prefix of them that ends a rune.
type drawnPeriodic struct {
	s string
	p int
}

// splice is what join inserts into the rendered text: after the chunk out[at:at+chunk] (whole
// repeats of a unit of text), the chunk full times more, then its first part bytes.
type splice struct {
	at, chunk, full, part int
}

// addPeriodic records that s, made by the draw, has period p (drawnPeriodic); a value shorter
// than periodMin is rendered as it is and not recorded.
func (t *drawnTexts) addPeriodic(s string, p int) {
	if t != nil && len(s) >= periodMin {
		t.periodic = append(t.periodic, drawnPeriodic{s, p})
	}
}

// periodOf returns the period recorded for s (0: none). s is compared with the values
// recorded of its length, a comparison that ends at once when both are the same memory (the
// drawn value itself).
func (t *drawnTexts) periodOf(s string) int {
	for _, d := range t.periodic {
		if len(d.s) == len(s) && d.s == s {
			return d.p
		}
	}
	return 0
}

// appendPeriodic appends the quoted text of s, whose period is p, to dst: the period's text
// repeated (appendRepeatedJSON); while splicing, only as many repeats as make a chunk of at
// most repeatChunk bytes are written and the others recorded for join.
func (t *drawnTexts) appendPeriodic(dst []byte, s string, p int) []byte {
	if !t.splicing {
		return appendQuotedRepeated(dst, s, p)
	}
	dst = append(dst, '"')
	start := len(dst)
	dst, unit, k := appendRepeatedJSON(dst, s, p, true) // k: the chunk's repeats
	left := len(s)/p - k
	t.splices = append(t.splices, splice{at: start, chunk: k * unit, full: left / k, part: left % k * unit})
	return append(dst, '"')
}

// join returns the body whose text, but for the splices' repeats, is out: its parts copied
// once into memory made at its size (bytes.Join: not zeroed), each repeat from its chunk.
func (t *drawnTexts) join(out []byte) []byte {
	if len(t.splices) == 0 {
		return bytes.Clone(out)
	}
	parts, prev := t.parts[:0], 0
	for _, sp := range t.splices {
		end := sp.at + sp.chunk
		parts = appendRepeats(append(parts, out[prev:end]), out[sp.at:end], sp.full, sp.part)
		prev = end
	}
	body := bytes.Join(append(parts, out[prev:]), nil)
	clear(parts[:cap(parts)])
	t.parts, t.splices = parts[:0], t.splices[:0]
	return body
}

// appendRepeats appends to parts, the parts of a body bytes.Join makes, chunk full times, then
// its first part bytes: every repeat is read from the one chunk (drawnTexts.join, hugeParts).
func appendRepeats(parts [][]byte, chunk []byte, full, part int) [][]byte {
	for range full {
		parts = append(parts, chunk)
	}
	return append(parts, chunk[:part])
}

// drawnList is a list as drawn and its JSON text: its entries are the strings between the
// text's quotes, each written as it is (no escapes).
type drawnList struct {
	list []any
	text string
}

// add records list's text.
func (t *drawnTexts) add(list []any, text string) {
	if t != nil && len(list) > 0 {
		t.lists = append(t.lists, drawnList{list, text})
	}
}

// keepURLScratch keeps text and ends, the scratch room a URL list was written in, for the next
// list, unless either grew past its bound (maxURLText, maxURLEnds): then t keeps none, and the
// next list makes the usual room (urlTextRoom, urlEndsRoom).
func (t *drawnTexts) keepURLScratch(text []byte, ends []int) {
	if cap(text) > maxURLText || cap(ends) > maxURLEnds {
		t.urlText, t.urlEnds = nil, nil
		return
	}
	t.urlText, t.urlEnds = text[:0], ends[:0]
}

// reset forgets every text (and the values they held).
func (t *drawnTexts) reset() {
	clear(t.lists)
	clear(t.periodic)
	t.lists, t.periodic, t.splices, t.splicing = t.lists[:0], t.periodic[:0], t.splices[:0], false
}

// textOf returns the text of x when x is a list recorded by add (same entries in the same
// memory) whose entries still are the strings the text holds: each string compared with its
// piece of the text (a comparison that stops at once when both are the same memory, as they
// are unless the entry was replaced), the quotes and separators around them checked. The text
// has a quote only around its pieces (they need no escape), so pieces that match one after the
// other are the pieces written. Otherwise (any other list, an entry changed in place, the list
// cut or grown) it returns false and the list is rendered entry by entry.
func (t *drawnTexts) textOf(x []any) (string, bool) {
	if t == nil || len(x) == 0 {
		return "", false
	}
	for _, l := range t.lists {
		if len(l.list) != len(x) || &l.list[0] != &x[0] {
			continue
		}
		text, p := l.text, 1 // after '['
		for i, e := range x {
			s, ok := e.(string)
			end := p + 1 + len(s) // the closing quote
			sep := byte(',')
			if i == len(x)-1 {
				sep = ']'
			}
			if !ok || end+1 >= len(text) || text[p] != '"' || text[end] != '"' || text[end+1] != sep || text[p+1:end] != s {
				return "", false
			}
			p = end + 2
		}
		return text, p == len(text) && text[0] == '['
	}
	return "", false
}
