package emulator

import (
	"context"
	"net/http"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// rawUpdateBodies are UpdateUserPoolClient bodies an SDK cannot send, around the ways a body
// fails to decode.
var rawUpdateBodies = map[string]string{
	"object":                  `{"UserPoolId":"us-east-1_AAAAAAAAA","ClientId":"abc","ClientName":"x"}`,
	"empty":                   ``,
	"blank":                   " \n",
	"empty object":            `{}`,
	"invalid UTF-8 in string": "{\"UserPoolId\":\"us-east-1_AAAAAAAAA\",\"ClientName\":\"\xff\"}",
	"invalid UTF-8 in name":   "{\"\xfe\":1}",
	"lone surrogate escape":   `{"ClientName":"\ud800"}`,
	"truncated":               `{"ClientName":"x"`,
	"trailing data":           `{"ClientName":"x"} {}`,
	"trailing comma":          `{"ClientName":"x",}`,
	"array":                   `["ClientName"]`,
	"string":                  `"x"`,
	"number":                  `1`,
	"null":                    `null`,
	"not JSON":                `ClientName=x`,
	"wrong type":              `{"ClientName":1,"AllowedOAuthFlows":"code"}`,
	"duplicate":               `{"ClientName":"a","ClientName":"b"}`,
	"deep":                    strings.Repeat(`{"a":`, 2000) + `1` + strings.Repeat(`}`, 2000),
	"deep invalid":            strings.Repeat(`{"a":`, 2000) + `1`,
	"nesting past the limit":  `{"DefaultRedirectURI":` + strings.Repeat(`[`, 10001) + strings.Repeat(`]`, 10001) + `}`,
	"cut past the limit":      `{"DefaultRedirectURI":` + strings.Repeat(`[`, 10001),
	"nesting then garbage":    `{"DefaultRedirectURI":` + strings.Repeat(`[`, 100) + `x`,
}

// TestProcessRawUpdate: process answers each body as the composition it replaces did (the
// contract's decoding when it succeeds on an object, otherwise jsonObject, then
// updateUserPoolClient decoding jsonObject's text again).
func TestProcessRawUpdate(t *testing.T) {
	t.Parallel()
	e := New(WithSeed(1))
	h := http.Header{"X-Amz-Target": {"AWSCognitoIdentityProviderService.UpdateUserPoolClient"},
		"Authorization": {"AWS4-HMAC-SHA256 Credential=AKID/20260501/us-east-1/cognito-idp/aws4_request"}}
	ctx := context.Background()
	reference := func(raw []byte) ([]byte, *apiError) {
		if parsed, ok := e.parseObject(raw, false); ok {
			return e.update(ctx, parsed)
		}
		t, serr := jsonObject(raw)
		if serr != nil {
			return nil, serr
		}
		return e.updateUserPoolClient(ctx, t)
	}
	for name, body := range rawUpdateBodies {
		t.Run(name, func(t *testing.T) {
			g := NewWithT(t)
			got, gerr := e.process(ctx, http.MethodPost, "/", h, strings.NewReader(body), int64(len(body)))
			want, werr := reference([]byte(body))
			g.Expect(gerr).To(Equal(werr))
			g.Expect(string(got)).To(Equal(string(want)))
		})
	}
}
