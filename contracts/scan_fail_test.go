package contracts

import (
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// failCases are bodies the parser stops on where decodeBody's text is known without
// encoding/json (knownFailure); known tells whether the parser must take that path.
var failCases = map[string]struct {
	body  string
	known bool
}{
	// A complete value, then anything: data after the top-level value.
	"object then letter":         {`{"a":1}x`, true},
	"object then space letter":   {"{\"a\":1} \n x", true},
	"object then object":         {`{}{}`, true},
	"object then quote":          {`{}"`, true},
	"object then apostrophe":     {`{}'`, true},
	"object then close bracket":  {`{}]`, true},
	"object then nul":            {"{}\x00", true},
	"object then multibyte":      {`{}あ`, true},
	"object then u2028":          {"{}\u2028", true},
	"object then invalid utf-8":  {"{}\xff", true},
	"object then half rune":      {"{} \xe3\x81", true},
	"array then number":          {`[1,2]3`, true},
	"object then long garbage":   {`{"ClientId":"x"}` + strings.Repeat(`,"a":[1,2,{"b":"c"}]`, 300), true},
	"long object then brace":     {`{"ClientName":"` + strings.Repeat("あ\\u2028", 2000) + `"}}`, true},
	"string then letter":         {`"s"x`, true},
	"string then space letter":   {`"s" x`, true},
	"string then quote":          {`"s""`, true},
	"number then letter":         {`12x`, true},
	"number then leading zero":   {`01`, true},
	"number then dot":            {`1.5.`, true},
	"number then space number":   {`1 2`, true},
	"number then apostrophe":     {`0'`, true},
	"number then control":        {"7\x01", true},
	"number then high byte":      {`7é`, true},
	"number then invalid utf-8":  {"7\xc3", true},
	"true then letter":           {`truex`, true},
	"null then bracket":          {`null[`, true},
	"false then tab then brace":  {"false\t{", true},
	"string then backslash":      {`"s"\`, true},
	"string then del":            {"\"s\"\x7f", true},
	"string then invalid, space": {"\"s\" \x80", true},
	// One container too many, everything before it well-formed.
	"arrays too deep":          {strings.Repeat("[", 10001) + strings.Repeat("]", 10001), true},
	"objects too deep":         {strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001), true},
	"mixed too deep":           {strings.Repeat(`[{"k":`, 5000) + `[{` + strings.Repeat("x", 10), true},
	"too deep then invalid":    {strings.Repeat("[", 10001) + "\xff", true},
	"too deep, only the start": {strings.Repeat("[", 10001), true},
	"too deep after members":   {strings.Repeat(`{"a":1,"b":[true,null],"c":`, 10000) + `{}` + strings.Repeat("}", 10000), true},
	// Failures decodeBody alone names.
	"exactly the limit":         {strings.Repeat("[", 10000) + strings.Repeat("]", 10000), false},
	"too deep after bad syntax": {`[1 2` + strings.Repeat("[", 10001), false},
	"truncated object":          {`{"a":`, false},
	"bad literal":               {`{"a":tru}`, false},
	"byte order mark":           {"\ufeff{}", false},
	"invalid utf-8 in a string": {"{\"a\":\"\xff\"}x", false},
	"empty":                     {``, false},
}

func TestKnownFailuresAgreeWithDecodeBody(t *testing.T) {
	t.Parallel()
	for name, tc := range failCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			agreeWithDecodeBody(g, []byte(tc.body))
			_, wantErr := decodeBody([]byte(tc.body))
			_, known := knownFailure(tc.body, failureOf(tc.body))
			g.Expect(known).To(Equal(tc.known && wantErr != nil), "taken without encoding/json")
		})
	}
}

// failureOf is what the parser records on a body.
func failureOf(body string) failure {
	p := &jparser{src: body}
	p.ws()
	if _, ok := p.value(); ok {
		p.ws()
		if p.i < len(p.src) {
			p.failed = failure{kind: failTrailing, next: p.i}
		}
	}
	return p.failed
}
