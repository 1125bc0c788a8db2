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
	// Any other stop with invalid UTF-8 after it: decodeBody checks the UTF-8 first.
	"invalid utf-8 in a string":      {"{\"a\":\"\xff\"}x", true},
	"invalid utf-8 in a name":        {"{\"\xc3(\":1}", true},
	"invalid utf-8 after bad syntax": {"{\"a\":x \"\xe3\x81\"}", true},
	"invalid utf-8 in a cut string":  {"{\"a\":\"b\xed\xa0\x80", true},
	// The text ends inside a value, everything before well-formed: unexpected EOF.
	"truncated object":            {`{"a":`, true},
	"cut after the brace":         {`{`, true},
	"cut after a name":            {`{"a"`, true},
	"cut after a name and space":  {"{\"a\" \n", true},
	"cut after a comma":           {`{"a":1,`, true},
	"cut after a member":          {`{"a":1`, true},
	"cut in an array":             {`[1,[true,`, true},
	"cut in a name":               {`{"Client`, true},
	"cut in a string":             {`{"CallbackURLs":["https:/`, true},
	"cut in a multibyte string":   {`{"a":"あい`, true},
	"cut after a backslash":       {`{"a":"b\`, true},
	"cut in a unicode escape":     {`{"a":"\u20`, true},
	"cut after a surrogate":       {`{"a":"\ud800`, true},
	"cut after escapes":           {`{"a":"\"\\\/\b\f\n\r\t\u00e9`, true},
	"cut in true":                 {`{"a":tr`, true},
	"cut in false":                {`[fals`, true},
	"cut in null":                 {`n`, true},
	"cut after a minus":           {`{"a":-`, true},
	"cut after a dot":             {`[1.`, true},
	"cut after an exponent":       {`{"a":1e`, true},
	"cut after an exponent sign":  {`1E-`, true},
	"cut at the top in a string":  {`"abc`, true},
	"cut deep":                    {strings.Repeat(`[{"a":`, 300), true},
	"cut in a long escaped value": {`{"ExternalId":"` + strings.Repeat("あ\\u2028", 2000), true},
	// Failures decodeBody alone names.
	"exactly the limit":          {strings.Repeat("[", 10000) + strings.Repeat("]", 10000), false},
	"too deep after bad syntax":  {`[1 2` + strings.Repeat("[", 10001), false},
	"bad literal":                {`{"a":tru}`, false},
	"literal then letter":        {`{"a":trux`, false},
	"byte order mark":            {"\ufeff{}", false},
	"empty":                      {``, false},
	"only whitespace":            {" \r\n\t", false},
	"control in a cut string":    {"{\"a\":\"b\tc", false},
	"bad escape in a cut string": {`{"a":"b\x`, false},
	"bad hex in a cut string":    {`{"a":"\u12g`, false},
	"quote in a unicode escape":  {`{"a":"\u12"}`, false},
	"cut after bad syntax":       {`{"a" 1`, false},
	"string for a colon":         {`{"""`, false},
	"cut string for a colon":     {`{"a" "b`, false},
	"cut string for a comma":     {`[1 "x`, false},
	"cut literal for a comma":    {`["a" tr`, false},
	"cut string after a member":  {`{"a":1 "b`, false},
	"cut after a leading zero":   {`[01`, false},
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
	if _, ok := p.read(); ok {
		p.ws()
		if p.i < len(p.src) {
			p.failed = failure{kind: failTrailing, next: p.i}
		}
	}
	return p.failed
}
