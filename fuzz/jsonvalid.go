package fuzz

import "github.com/cognito-contract/cognito-contract/contracts"

// validJSON reports what json.Valid reports, in one pass over the bytes instead of the
// scanner's call per byte: the follow-up checks every DescribeUserPoolClient answer with it
// (clientOf). Grammar of RFC 8259 as encoding/json reads it: bytes at or above 0x80 are taken
// as they are inside strings (no UTF-8 check), and containers nest at most maxJSONDepth deep.
func validJSON(b []byte) bool {
	var stack [64]byte // the open containers, '{' or '['; deeper ones grow it
	open := stack[:0]
	i := skipJSONSpace(b, 0)
	for {
		// A value starts at i.
		if i >= len(b) {
			return false
		}
		switch c := b[i]; {
		case c == '{' || c == '[':
			if len(open) == maxJSONDepth {
				return false
			}
			close := byte('}')
			if c == '[' {
				close = ']'
			}
			i = skipJSONSpace(b, i+1)
			if i < len(b) && b[i] == close { // empty
				i++
				break
			}
			open = append(open, c)
			if c == '{' {
				var ok bool
				if i, ok = jsonKey(b, i); !ok {
					return false
				}
			}
			continue
		case c == '"':
			var ok bool
			if i, ok = jsonString(b, i); !ok {
				return false
			}
		case c == '-' || c >= '0' && c <= '9':
			var ok bool
			if i, ok = jsonNumber(b, i); !ok {
				return false
			}
		case c == 't' || c == 'f' || c == 'n':
			lit := "null"
			switch c {
			case 't':
				lit = "true"
			case 'f':
				lit = "false"
			}
			if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
				return false
			}
			i += len(lit)
		default:
			return false
		}
		// A value ended at i: close containers until one goes on.
		for {
			i = skipJSONSpace(b, i)
			if len(open) == 0 {
				return i == len(b)
			}
			if i >= len(b) {
				return false
			}
			top := open[len(open)-1]
			if b[i] == '}' && top == '{' || b[i] == ']' && top == '[' {
				open = open[:len(open)-1]
				i++
				continue
			}
			if b[i] != ',' {
				return false
			}
			i = skipJSONSpace(b, i+1)
			if top == '{' {
				var ok bool
				if i, ok = jsonKey(b, i); !ok {
					return false
				}
			}
			break
		}
	}
}

// maxJSONDepth is encoding/json's nesting limit (its scanner's maxNestingDepth).
const maxJSONDepth = 10000

func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// jsonKey reads `"key" :` at i and returns where the member's value starts.
func jsonKey(b []byte, i int) (int, bool) {
	if i >= len(b) || b[i] != '"' {
		return i, false
	}
	i, ok := jsonString(b, i)
	if !ok {
		return i, false
	}
	i = skipJSONSpace(b, i)
	if i >= len(b) || b[i] != ':' {
		return i, false
	}
	return skipJSONSpace(b, i+1), true
}

// jsonString reads the string that opens at i and returns the index after its closing quote;
// the runs between escapes are skipped eight bytes at a time (contracts.PlainEnd).
func jsonString(b []byte, i int) (int, bool) {
	for i++; ; i++ {
		i = contracts.PlainEnd(b, i)
		if i < len(b) && b[i] == '"' {
			return i + 1, true
		}
		if i >= len(b) || b[i] != '\\' {
			return i, false // no closing quote, or a control character
		}
		i++
		if i >= len(b) {
			return i, false
		}
		switch b[i] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		case 'u':
			if len(b)-i <= 4 || !isHex(b[i+1]) || !isHex(b[i+2]) || !isHex(b[i+3]) || !isHex(b[i+4]) {
				return i, false
			}
			i += 4
		default:
			return i, false
		}
	}
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// jsonNumber reads the number that starts at i: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?
func jsonNumber(b []byte, i int) (int, bool) {
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = skipDigits(b, i+1)
	default:
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		j := skipDigits(b, i+1)
		if j == i+1 {
			return i, false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := skipDigits(b, i)
		if j == i {
			return i, false
		}
		i = j
	}
	return i, true
}

func skipDigits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}
