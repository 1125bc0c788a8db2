package target

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var benchBody = []byte(`{"UserPoolId":"us-east-1_EXAMPLE","ClientId":"abc","ClientName":"bench"}`)

func benchHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", contentTypeAmzJSON11)
		_, _ = io.WriteString(w, `{"UserPoolClient":{}}`)
	})
}

// BenchmarkHandlerDirect is the baseline: the handler called with a recorder, no pipeline.
func BenchmarkHandlerDirect(b *testing.B) {
	h := benchHandler()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(benchBody)))
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}

// BenchmarkInProcessCall is one Call through the whole pipeline (budget, signing, timeout,
// in-process transport) to the same handler.
func BenchmarkInProcessCall(b *testing.B) {
	tg := NewInProcess(benchHandler(), Options{})
	ctx := context.Background()
	for b.Loop() {
		if _, err := tg.Call(ctx, "UpdateUserPoolClient", benchBody); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoopbackCall is one Call to the same handler over HTTP on 127.0.0.1.
func BenchmarkLoopbackCall(b *testing.B) {
	srv := httptest.NewServer(benchHandler())
	defer srv.Close()
	tg, err := NewHTTP(srv.URL, Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := tg.Call(ctx, "UpdateUserPoolClient", benchBody); err != nil {
			b.Fatal(err)
		}
	}
}
