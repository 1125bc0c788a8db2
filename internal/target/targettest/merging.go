package targettest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
)

// Merging wraps a cognito-idp handler (the reference emulator) into a deliberately broken one:
// UpdateUserPoolClient merges the request into the stored client instead of replacing it (R1
// broken, as cognito-local 5.3.0 does). Tests use it to show a run finds the deviation.
func Merging(h http.Handler) http.Handler {
	call := func(r *http.Request, op string, body []byte) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header = r.Header.Clone()
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService."+op)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var upd map[string]any
		if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".UpdateUserPoolClient") && json.Unmarshal(body, &upd) == nil {
			ids, _ := json.Marshal(map[string]any{"UserPoolId": upd["UserPoolId"], "ClientId": upd["ClientId"]})
			var cur struct{ UserPoolClient map[string]any }
			if rec := call(r, "DescribeUserPoolClient", ids); rec.Code == 200 && json.Unmarshal(rec.Body.Bytes(), &cur) == nil {
				merged := cur.UserPoolClient
				for _, k := range []string{"ClientSecret", "CreationDate", "LastModifiedDate"} {
					delete(merged, k)
				}
				for k, v := range upd {
					merged[k] = v
				}
				body, _ = json.Marshal(merged)
			}
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		h.ServeHTTP(w, r)
	})
}
