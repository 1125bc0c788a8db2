package contracts

import "strings"

// appendCompactText is appendCompact for the texts Apply stores (JSON values the parser
// accepted, table defaults), in fewer passes over big values: a text with no byte at or below
// ' ' (JSON whitespace is ' ', '\t', '\n', '\r'; other control bytes cannot stand in valid JSON)
// is found compact by a scan of eight bytes at a time and copied as it is, the usual case; in
// any other, strings are copied from quote to quote in runs, not byte by byte.
func appendCompactText(dst []byte, raw string) []byte {
	if !hasByteAtOrBelowSpace(raw) {
		return append(dst, raw...)
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case ' ', '\t', '\n', '\r':
			i++
			continue
		case '"':
			end := stringEnd(raw, i+1)
			dst = append(dst, raw[i:end]...)
			i = end
			continue
		}
		dst = append(dst, c)
		i++
	}
	return dst
}

// stringEnd is the index after the quote that closes the JSON string whose contents start at
// raw[i] (len(raw) when none does): a quote preceded by an odd number of backslashes is
// escaped, as appendCompact's reading of "\\" as an escape of the byte after it has it.
func stringEnd(raw string, i int) int {
	for {
		q := strings.IndexByte(raw[i:], '"')
		if q < 0 {
			return len(raw)
		}
		q += i
		n := 0
		for k := q - 1; k >= i && raw[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return q + 1
		}
		i = q + 1
	}
}

// hasByteAtOrBelowSpace reports whether s holds a byte <= ' ', eight bytes at a time (the
// "has less than" word trick: a byte below n borrows into its high bit).
func hasByteAtOrBelowSpace(s string) bool {
	const highs, below = 0x8080808080808080, 0x21 * 0x0101010101010101
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if (x-below)&^x&highs != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if s[i] <= ' ' {
			return true
		}
	}
	return false
}

// maxCompactDepth bounds the nesting compactNode follows: a deeper array is compacted as
// any other text.
const maxCompactDepth = 16

// compactNode reports whether a value the parser read is written without whitespace outside
// its strings, so that appendCompactText would copy its raw text as it is; it tells from the
// tree alone, without reading the text. A scalar's raw is its token (a string token is
// compact whatever it holds). An array's raw is '[', its entries' raws separated by commas and
// ']', whitespace aside: with every entry compact it is compact exactly when it is no longer
// than those (2 + the entries' lengths + the commas). An object (whose names' raw lengths the
// tree does not keep) and an array nested deeper than depth are not known compact (false:
// they are scanned). Nodes not built by the parser from a text (readBack's) are not for it,
// but at depth 0, where it reads kinds alone (a scalar true, an array or object false): right
// for those too, whose kind is their text's first byte's.
func compactNode(n *jnode, depth int) bool {
	switch n.kind {
	case jArray:
		if depth == 0 {
			return false
		}
		size := 2
		for i := range n.kids {
			k := &n.kids[i].val
			if !compactNode(k, depth-1) {
				return false
			}
			size += len(k.raw)
		}
		if len(n.kids) > 1 {
			size += len(n.kids) - 1
		}
		return len(n.raw) == size
	case jObject:
		return false
	}
	return true
}
