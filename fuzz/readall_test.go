package fuzz

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	. "github.com/onsi/gomega"
)

// readAll reads what io.ReadAll reads, whatever the announced size and however the reader
// hands its bytes out.
func TestReadAllAsIOReadAll(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	readers := map[string]func(string) io.Reader{
		"bytes":    func(s string) io.Reader { return bytes.NewReader([]byte(s)) },
		"one byte": func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) },
		"half":     func(s string) io.Reader { return iotest.HalfReader(strings.NewReader(s)) },
		"data+EOF": func(s string) io.Reader { return iotest.DataErrReader(strings.NewReader(s)) },
		"error": func(s string) io.Reader {
			return io.MultiReader(strings.NewReader(s), iotest.ErrReader(errors.New("cut")))
		},
		"multibyte": func(s string) io.Reader { return strings.NewReader(s + "é\u2028😀") },
	}
	for _, body := range []string{"", "x", `{"UserPoolClient":{}}`, strings.Repeat("é<a", 100_000)} {
		for name, r := range readers {
			for _, size := range []int64{-1, 0, 1, int64(len(body)) - 1, int64(len(body)), int64(len(body)) + 1, 3 * int64(len(body)), maxPresized + 1} {
				got, gotErr := readAll(r(body), size)
				want, wantErr := io.ReadAll(r(body))
				g.Expect(string(got)).To(Equal(string(want)), "%s, %d bytes announced as %d", name, len(body), size)
				g.Expect(fmt.Sprint(gotErr)).To(Equal(fmt.Sprint(wantErr)), "%s, %d bytes announced as %d", name, len(body), size)
			}
		}
	}
}

// BenchmarkReadAll reads a 300 KB body announced by its length: readAll, and io.ReadAll (what
// it replaces) in the same run.
func BenchmarkReadAll(b *testing.B) {
	body := bytes.Repeat([]byte("é<a"), 100_000)
	for name, f := range map[string]func(io.Reader, int64) ([]byte, error){
		"readAll":    readAll,
		"io.ReadAll": func(r io.Reader, _ int64) ([]byte, error) { return io.ReadAll(r) },
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f(bytes.NewReader(body), int64(len(body))); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
