package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes the report as indented JSON. Two runs with the same seed against the same
// target write the same bytes except for the "timing" member.
func WriteJSON(w io.Writer, r *Report) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// ReadJSON reads a report written by WriteJSON. The error names the JSON problem; callers add
// the file name.
func ReadJSON(rd io.Reader) (*Report, error) {
	dec := json.NewDecoder(rd)
	dec.DisallowUnknownFields()
	var r Report
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("not a %s JSON report: %w", ProgramName, err)
	}
	if r.Tool != ProgramName || r.Operation == "" {
		return nil, fmt.Errorf("not a %s JSON report: want \"tool\": %q and an \"operation\"", ProgramName, ProgramName)
	}
	for i, c := range r.Cases {
		switch c.Status {
		case StatusPass, StatusFail, StatusNotApplicable, StatusError:
		default:
			return nil, fmt.Errorf("cases[%d] (%s): unknown status %q, want pass, fail, not-applicable or error", i, c.ID, c.Status)
		}
	}
	return &r, nil
}
