package scrub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Finding is one secret-looking value in a document. It never holds the value itself.
type Finding struct {
	Detector string // the Detector's Name: "client-secret", "account-id", ...
	Path     string // JSON path of the value: "$.response.body.UserPoolClient.ClientSecret"
	Hint     string // a masked excerpt: the first 4 characters and the length
}

// String renders "path: detector (hint)".
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s (%s)", f.Path, f.Detector, f.Hint)
}

// Find reports every value of a JSON document that a detector flags as a secret. Member names
// are searched too. Placeholders ({{ClientSecret}}, ...) are never flagged. A document that
// is not valid JSON is searched as text, with path "$".
func Find(b []byte) []Finding {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var fs []Finding
	if err := walk(dec, "$", "", &fs); err != nil {
		return findText("$", "", string(b))
	}
	if _, err := dec.Token(); err != io.EOF {
		return findText("$", "", string(b))
	}
	return fs
}

// FindString reports the secrets in free text.
func FindString(s string) []Finding { return findText("", "", s) }

func walk(dec *json.Decoder, path, key string, fs *[]Finding) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case string:
		*fs = append(*fs, findText(path, key, t)...)
	case json.Delim:
		for i := 0; dec.More(); i++ {
			p, k := path+"["+strconv.Itoa(i)+"]", ""
			if t == '{' {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				k, _ = kt.(string)
				p = path + "." + k
				*fs = append(*fs, findText(p+" (member name)", "", k)...)
			}
			if err := walk(dec, p, k, fs); err != nil {
				return err
			}
		}
		_, err := dec.Token()
		return err
	}
	return nil
}

func findText(path, key, v string) []Finding {
	var fs []Finding
	for _, d := range Detectors {
		if d.Key != nil && key != "" && d.Key.MatchString(key) && v != "" && !isPlaceholder(v) &&
			(d.Suspect == nil || d.Suspect(v)) {
			fs = append(fs, Finding{Detector: d.Name, Path: path, Hint: mask(v)})
			continue
		}
		if d.Value == nil {
			continue
		}
		for _, loc := range d.Value.FindAllStringSubmatchIndex(v, -1) {
			lo, hi := loc[2*d.Group], loc[2*d.Group+1]
			if lo >= 0 && (d.Valid == nil || d.Valid(v[lo:hi])) {
				fs = append(fs, Finding{Detector: d.Name, Path: path, Hint: mask(v[lo:hi])})
			}
		}
	}
	return fs
}

// mask shows at most the first 2 characters of a secret and its length.
func mask(v string) string {
	r := []rune(v)
	n := len(r)
	if n > 2 {
		r = r[:2]
	}
	return fmt.Sprintf("%q… %d chars", strings.TrimSpace(string(r)), n)
}
