package contracts

import "github.com/cognito-contract/cognito-contract/internal/jsontext"

// validUTF8 reports whether s is valid UTF-8, as utf8.ValidString does: jsontext.ValidUTF8's
// shift-based DFA (two halves at once, ASCII eight bytes at a time), which the fuzz harness
// also reads the SDK input's strings with.
func validUTF8(s string) bool { return jsontext.ValidUTF8(s) }
