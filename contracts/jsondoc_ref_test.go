package contracts

// Reference readers the tests compare the parser's and the compact writer's answers with.

// parseShallow is parseJSON keeping only the top level: nested containers are checked and
// have their raw text, but no members or entries.
func parseShallow(body []byte) (jnode, error) {
	return parse(body, true, nil)
}

// appendCompact appends a value's text without insignificant whitespace (json.Compact without
// its HTML escaping, which Compact does not do either).
func appendCompact(dst []byte, raw string) []byte {
	if !hasSpace(raw) {
		return append(dst, raw...) // nothing to elide (the usual case: SDKs send compact JSON)
	}
	inStr := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if inStr {
			dst = append(dst, c)
			switch c {
			case '\\':
				i++
				dst = append(dst, raw[i])
			case '"':
				inStr = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '"':
			inStr = true
		}
		dst = append(dst, c)
	}
	return dst
}

// hasSpace reports whether a text holds a JSON whitespace byte (inside a string or not).
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			return true
		}
	}
	return false
}
