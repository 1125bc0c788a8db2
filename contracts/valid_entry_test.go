package contracts

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// entryPaths are model paths around pathEntry's edges: one and several names, names starting
// with a lower-case letter, a digit, punctuation, an empty name, non-ASCII first letters (É,
// İ, the title-case ǅ), invalid UTF-8, a list entry's path.
var entryPaths = []path{
	{"ClientName"}, {"TokenValidityUnits", "AccessToken"}, {"AnalyticsConfiguration", "ExternalId"},
	{"clientName"}, {"1", "member"}, {"_x", "[y]"}, {""}, {"", "A"}, {"Éclair"}, {"İd"}, {"ǅx"}, {"\xffA"},
	{"A", "\u00e9b"}, {"CallbackURLs[2]"}, {"a.b", "C"}, {"Z", "@", "Q"},
}

// entryValues are rendered values: empty, plain, quotes, multibyte, control characters, huge.
var entryValues = []string{"", "abc", "it's", "中é\u2028", "\x00\n", strings.Repeat("あ", 100000)}

func TestPathEntryIsEntry(t *testing.T) {
	t.Parallel()
	for _, p := range entryPaths {
		if got, want := pathNullEntry(p), nullEntry(p.Wire()); got != want {
			t.Fatalf("pathNullEntry(%q) = %q, want %q", p, got, want)
		}
		for _, v := range entryValues {
			for _, c := range []string{"", "Member must have length less than or equal to 128"} {
				if got, want := pathEntry(v, p, c), entry(v, p.Wire(), c); got != want {
					t.Fatalf("pathEntry(%.40q, %q, %q) = %.80q, want %.80q", v, p, c, got, want)
				}
			}
		}
	}
}

// TestModelWireIsWire: a pending entry's wire path, read back from the violation's Member
// (writeModelWire of p.Model()), is p.Wire() for every path pend reads it for.
func TestModelWireIsWire(t *testing.T) {
	t.Parallel()
	read := 0
	for _, p := range slices.Concat(entryPaths, []path{{"A.b", "C"}, {"", ""}, {"X", "", "Y"}}) {
		if checkModelWire(t, p) {
			read++
		}
	}
	if read < len(entryPaths)/2 {
		t.Fatalf("only %d paths are read back from their model path", read)
	}
}

// checkModelWire compares writeModelWire(p.Model()) with p.Wire() when pend would read the
// path back from its Model form, and reports whether it would.
func checkModelWire(t *testing.T, p path) bool {
	t.Helper()
	if _, ok := asciiWireLen(p); !ok || dotted(p) {
		return false
	}
	var sb strings.Builder
	writeModelWire(&sb, p.Model())
	if got, want := sb.String(), p.Wire(); got != want {
		t.Fatalf("writeModelWire(%q) = %q, want %q", p.Model(), got, want)
	}
	return true
}

// FuzzPathEntry: go test -run '^$' -fuzz FuzzPathEntry ./contracts
func FuzzPathEntry(f *testing.F) {
	for _, p := range entryPaths {
		f.Add(strings.Join(p, "\x1f"), "value")
	}
	f.Fuzz(func(t *testing.T, joined, value string) {
		p := path(strings.Split(joined, "\x1f")) // the separator cannot be in a model name
		if got, want := pathEntry(value, p, "c"), entry(value, p.Wire(), "c"); got != want {
			t.Fatalf("pathEntry(%q, %q) = %q, want %q", value, p, got, want)
		}
		if got, want := pathNullEntry(p), nullEntry(p.Wire()); got != want {
			t.Fatalf("pathNullEntry(%q) = %q, want %q", p, got, want)
		}
		checkModelWire(t, p)
	})
}

func TestWrongTypeIsSprintf(t *testing.T) {
	t.Parallel()
	for _, p := range entryPaths {
		for _, want := range []string{"string", "object", "integer (32-bit, no fraction or exponent)"} {
			for _, val := range []jnode{{kind: jNull}, {kind: jBool}, {kind: jArray}, {kind: jString}} {
				var v validator
				v.wrongType(p, want, &val)
				ref := typeViolation(p.Model(), fmt.Sprintf("%s: want a JSON %s, got %s", p.Model(), want, val.kindName()))
				if len(v.out) != 1 || v.out[0] != ref {
					t.Fatalf("wrongType(%q, %q, %s) = %+v, want %+v", p, want, val.kindName(), v.out, ref)
				}
			}
		}
	}
}

// messageBodies are request bodies for the one-buffer message: none, one and several entries,
// a missing required member, nested and list entries, a type violation among entries, escapes
// (\u, surrogates, control characters), multibyte and huge values, an empty value.
var messageBodies = []string{
	`{"UserPoolId":"us-east-1_abc","ClientId":"c1"}`,
	`{}`,
	`{"UserPoolId":"us-east-1_abc"}`,
	`{"UserPoolId":"","ClientId":""}`,
	`{"UserPoolId":"us-east-1_abc","ClientId":"c1","ClientName":"` + strings.Repeat("é", 200) + `"}`,
	`{"UserPoolId":"us-east-1_abc","ClientId":"c1","ClientName":"a\u00e9\ud83d\ude00\ud800x\n\"\\` + strings.Repeat("x", 130) + `"}`,
	`{"UserPoolId":"bad id","ClientId":"c1","TokenValidityUnits":{"AccessToken":"weeks"},"CallbackURLs":["` + strings.Repeat("u", 2000) + `"]}`,
	`{"UserPoolId":"us-east-1_abc","ClientId":"c1","AllowedOAuthFlows":["code","nope"],"ExplicitAuthFlows":[]}`,
	`{"UserPoolId":"us-east-1_abc","ClientId":"c1","RefreshTokenValidity":-1,"AccessTokenValidity":100000}`,
	`{"UserPoolId":"us-east-1_abc","ClientId":"c1","ClientName":5,"AccessTokenValidity":100000}`,
	`{"UserPoolId":7,"ClientName":"` + strings.Repeat("x", 200) + `"}`,
	`{"ClientId":"c1","AnalyticsConfiguration":{"ExternalId":"` + strings.Repeat("中\u2028", 100000) + `"}}`,
	`{"ClientId":"c1","AnalyticsConfiguration":{"ApplicationArn":"` + strings.Repeat("a", 300000) + `","RoleArn":""}}`,
	`{"UserPoolId":"us-east-1_abc","ClientId":"\u0000\u001f","LogoutURLs":["a",null,"` + strings.Repeat("b", 1100) + `"]}`,
}

// TestValidateDocMessageIsEager holds the one-buffer message (each entry a substring of it)
// to the reference that writes each entry as its violation is found and joins them with
// ValidationMessage: the same violations, the same entries, the same message.
func TestValidateDocMessageIsEager(t *testing.T) {
	t.Parallel()
	messages := 0
	for _, body := range messageBodies {
		if checkDocMessage(t, body) != "" {
			messages++
		}
	}
	if messages < len(messageBodies)/2 {
		t.Fatalf("only %d of the bodies have a validation message", messages)
	}
}

// FuzzValidateDocMessage: go test -run '^$' -fuzz FuzzValidateDocMessage ./contracts
func FuzzValidateDocMessage(f *testing.F) {
	for _, body := range messageBodies {
		if len(body) < 4096 {
			f.Add(body)
		}
	}
	f.Fuzz(func(t *testing.T, body string) { _ = checkDocMessage(t, body) })
}

// checkDocMessage compares validateDocMessage with its reference on body and returns the message.
func checkDocMessage(t *testing.T, body string) string {
	t.Helper()
	doc, err := parseRequestBody([]byte(body))
	if err != nil {
		return ""
	}
	in := UpdateUserPoolClient.Operation.Input
	got, msg := validateDocMessage(in, &doc, false)
	want, wantMsg := validateDocMessage(in, &doc, true)
	if !slices.Equal(got, want) || msg != wantMsg {
		t.Fatalf("body %.80q:\n got %.200q\n  %.200v\nwant %.200q\n  %.200v", body, msg, got, wantMsg, want)
	}
	if len(want) > 0 && !slices.ContainsFunc(want, func(v Violation) bool { return v.Rule == "type" }) &&
		wantMsg != ValidationMessage(want) {
		t.Fatalf("body %.80q: the reference message is not ValidationMessage", body)
	}
	return msg
}
