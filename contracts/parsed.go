package contracts

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// ParsedRequest is an UpdateUserPoolClient request body decoded once, so that the validation,
// the rules and the update all read one tree: an emulator parses each request a single time
// with Parse, then calls PredictParsed and, on success, ApplyParsed. Its zero value is not
// usable; it is safe for concurrent reads.
type ParsedRequest struct {
	doc jnode
	err error // the body does not decode: every prediction is a SerializationException
}

// Parse decodes a request body (one JSON value, numbers kept as text, invalid UTF-8 and
// trailing data refused). It never fails: a body that does not decode is predicted as the
// service answers it (400 SerializationException).
func (c *Contract) Parse(body []byte) *ParsedRequest {
	doc, err := parseJSON(body)
	return &ParsedRequest{doc: doc, err: err}
}

// PredictParsed is (*Contract).Predict on the body that was parsed.
func (c *Contract) PredictParsed(p *ParsedRequest, st State) Prediction {
	if p.err != nil {
		return Prediction{Status: http.StatusBadRequest, Code: "SerializationException",
			Violations: []Violation{typeViolation("", p.err.Error())}}
	}
	return c.predictDoc(&p.doc, validateDoc(c.Operation.Input, &p.doc), st)
}

// ApplyParsed is (*Contract).Apply on the body that was parsed.
func (c *Contract) ApplyParsed(current json.RawMessage, p *ParsedRequest, now time.Time) (json.RawMessage, error) {
	if p.err != nil {
		return nil, fmt.Errorf("request body: want a JSON object: %w", p.err)
	}
	return c.applyDoc(current, &p.doc, now)
}

// Request returns the typed view of the parsed body, as ParseRequest does.
func (p *ParsedRequest) Request(c *Contract) (*Request, error) {
	if p.err != nil {
		return nil, fmt.Errorf("UpdateUserPoolClient request body: %w", p.err)
	}
	return c.requestOf(&p.doc)
}

// Err is the reason the body did not decode (it is then predicted as a SerializationException),
// nil when it decoded.
func (p *ParsedRequest) Err() error { return p.err }

// StringMember returns a top-level member of the body when it is a JSON string, matched by
// its exact name as the service matches members ("userPoolId" is not UserPoolId).
func (p *ParsedRequest) StringMember(name string) (string, bool) {
	if p.err != nil || p.doc.kind != jObject {
		return "", false
	}
	if v := p.doc.get(name); v != nil && v.kind == jString {
		return v.s, true
	}
	return "", false
}
