package scrub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
)

// minKnownLen is the shortest known value replaced: shorter ones would rewrite innocent text.
const minKnownLen = 4

// Scrubber replaces known values and detected secrets with placeholders.
// The zero value is not usable; call New. A Scrubber is safe for concurrent use.
type Scrubber struct {
	known []known // longest value first, so a pool id is replaced before the region inside it
}

type known struct{ value, placeholder string }

// New returns a Scrubber that also replaces the given known values. placeholders maps a
// placeholder to its value, as target.Env.Placeholders() returns them:
// {"{{ClientSecret}}": "1a2b...", "{{UserPoolId}}": "us-east-1_AbC123456"}. Values shorter
// than 4 characters are ignored.
func New(placeholders map[string]string) *Scrubber {
	s := &Scrubber{}
	for p, v := range placeholders {
		if len(v) >= minKnownLen {
			s.known = append(s.known, known{value: v, placeholder: p})
		}
	}
	sort.Slice(s.known, func(i, j int) bool {
		if len(s.known[i].value) != len(s.known[j].value) {
			return len(s.known[i].value) > len(s.known[j].value)
		}
		return s.known[i].placeholder < s.known[j].placeholder
	})
	return s
}

var std = New(nil)

// String scrubs free text (a log line, a diff, a message) with no known values.
func String(s string) string { return std.String(s) }

// JSON scrubs a JSON document with no known values; see Scrubber.JSON.
func JSON(b []byte) ([]byte, error) { return std.JSON(b) }

// Header scrubs HTTP headers with no known values; see Scrubber.Header.
func Header(h http.Header) http.Header { return std.Header(h) }

// String replaces the known values and every Value detector match in s.
func (s *Scrubber) String(str string) string {
	for _, k := range s.known {
		str = strings.ReplaceAll(str, k.value, k.placeholder)
	}
	for _, d := range Detectors {
		if d.Value != nil {
			str = replace(d, str)
		}
	}
	return str
}

// Value scrubs the value of a member or header called key: the whole value when a Key
// detector matches the name, otherwise as String does.
func (s *Scrubber) Value(key, v string) string {
	for _, d := range Detectors {
		if d.Key != nil && d.Key.MatchString(key) && v != "" && !isPlaceholder(v) {
			return d.Placeholder
		}
	}
	return s.String(v)
}

func replace(d Detector, str string) string {
	locs := d.Value.FindAllStringSubmatchIndex(str, -1)
	if locs == nil {
		return str
	}
	var b strings.Builder
	last := 0
	for _, loc := range locs {
		lo, hi := loc[2*d.Group], loc[2*d.Group+1]
		if lo < 0 || (d.Valid != nil && !d.Valid(str[lo:hi])) {
			continue
		}
		b.WriteString(str[last:lo])
		if d.Mask != nil {
			b.WriteString(d.Mask(str[lo:hi]))
		} else {
			b.WriteString(d.Placeholder)
		}
		last = hi
	}
	b.WriteString(str[last:])
	return b.String()
}

// Header returns a scrubbed copy of h: secret headers (Authorization, X-Amz-Security-Token)
// replaced by their placeholders, every other value scrubbed as text.
func (s *Scrubber) Header(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		for _, v := range vs {
			out[k] = append(out[k], s.Value(k, v))
		}
	}
	return out
}

// JSON returns a scrubbed, compact copy of a JSON document: member order, numbers and
// structure are kept; every string is scrubbed (as Value under its member name). A document
// that is not valid JSON is an error; nothing of it is returned.
func (s *Scrubber) JSON(b []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out bytes.Buffer
	if err := s.copyValue(dec, &out, ""); err != nil {
		return nil, fmt.Errorf("scrub: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("scrub: unexpected data after the JSON value")
	}
	return out.Bytes(), nil
}

func (s *Scrubber) copyValue(dec *json.Decoder, out *bytes.Buffer, key string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		return s.copyContainer(dec, out, t)
	case string:
		return writeString(out, s.Value(key, t))
	case json.Number:
		out.WriteString(t.String())
	case bool:
		fmt.Fprint(out, t)
	case nil:
		out.WriteString("null")
	}
	return nil
}

func (s *Scrubber) copyContainer(dec *json.Decoder, out *bytes.Buffer, open json.Delim) error {
	out.WriteByte(byte(open))
	for i := 0; dec.More(); i++ {
		if i > 0 {
			out.WriteByte(',')
		}
		key := ""
		if open == '{' {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ = tok.(string)
			// Member names are scrubbed as text too: a secret used as a key is still a secret.
			if err := writeString(out, s.String(key)); err != nil {
				return err
			}
			out.WriteByte(':')
		}
		if err := s.copyValue(dec, out, key); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return err
	}
	if open == '{' {
		out.WriteByte('}')
	} else {
		out.WriteByte(']')
	}
	return nil
}

func writeString(out *bytes.Buffer, v string) error {
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	out.Truncate(out.Len() - 1) // Encode appends a newline
	return nil
}
