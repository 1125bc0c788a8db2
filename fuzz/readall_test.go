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
	readers := testReaders()
	readers["multibyte"] = func(s string) io.Reader { return strings.NewReader(s + "é\u2028😀") }
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

// TestRequestBodyAsReadAll: a recorder's requestBody reads what readAll reads, whatever the
// body, the size announced and the reader; a body that is the expected one's bytes is the
// expected memory itself, any other is memory of its own (not the scratch buffer, which the
// next read writes again).
func TestRequestBodyAsReadAll(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	readers := testReaders()
	bodies := []string{"", "x", `{"ClientId":"a"}`, `{"ClientId":"\u2028é😀"}`, "\xff\xfe invalid", strings.Repeat("é<a", 30_000)}
	var scratch []byte // shared by every read, as the harness's is
	for _, body := range bodies {
		for _, expected := range []string{body, body + "x", "y" + body[min(1, len(body)):], ""} {
			for name, r := range readers {
				for _, size := range []int64{-1, 0, int64(len(body)) - 1, int64(len(body)), int64(len(body)) + 1} {
					expect := []byte(expected)
					if expected == "" {
						expect = nil // nothing expected: readAll
					}
					for _, sc := range []*[]byte{&scratch, nil} {
						rec := recorder{expect: expect, scratch: sc}
						what := fmt.Sprintf("%s, %d bytes announced as %d, expecting %d bytes, scratch %t", name, len(body), size, len(expected), sc != nil)
						got, gotErr := rec.requestBody(r(body), size)
						want, wantErr := readAll(r(body), size)
						g.Expect(fmt.Sprint(gotErr)).To(Equal(fmt.Sprint(wantErr)), what)
						if wantErr != nil {
							continue
						}
						g.Expect(string(got)).To(Equal(string(want)), what)
						same := len(got) > 0 && len(expect) > 0 && &got[0] == &expect[0]
						g.Expect(same).To(Equal(sc != nil && expect != nil && int64(len(expect)) == size && string(got) == expected), what)
						if len(got) > 0 && cap(scratch) > 0 {
							g.Expect(&got[0]).NotTo(BeIdenticalTo(&scratch[:1][0]), what)
						}
					}
				}
			}
		}
	}
}

// testReaders makes readers of a body that hand its bytes out in one go, a byte at a time, half
// of what is asked, with io.EOF along with the last bytes, and followed by an error.
func testReaders() map[string]func(string) io.Reader {
	return map[string]func(string) io.Reader{
		"bytes":    func(s string) io.Reader { return bytes.NewReader([]byte(s)) },
		"one byte": func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) },
		"half":     func(s string) io.Reader { return iotest.HalfReader(strings.NewReader(s)) },
		"data+EOF": func(s string) io.Reader { return iotest.DataErrReader(strings.NewReader(s)) },
		"error": func(s string) io.Reader {
			return io.MultiReader(strings.NewReader(s), iotest.ErrReader(errors.New("cut")))
		},
	}
}
