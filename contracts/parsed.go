package contracts

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
	"unsafe"
)

// ParsedRequest is an UpdateUserPoolClient request body decoded once, so that the validation,
// the rules and the update all read one tree: an emulator parses each request a single time
// with Parse, then calls PredictParsed and, on success, ApplyParsed. Its zero value is not
// usable; it is safe for concurrent reads.
type ParsedRequest struct {
	doc   jnode
	err   error     // the body does not decode: every prediction is a SerializationException
	src   string    // the text parsed (RequestBody's reading of the body): the memo's key
	by    *Contract // the contract that parsed it, whose model fixed holds
	fixed fixed
}

// Parse decodes a request body (one JSON value, numbers kept as text, invalid UTF-8 and
// trailing data refused). It never fails: a body that does not decode is predicted as the
// service answers it (400 SerializationException).
//
// The contract remembers the last few bodies it parsed (parseMemo): the same bytes parsed
// again return the same *ParsedRequest, whose state-independent prediction is then not worked
// out twice.
func (c *Contract) Parse(body []byte) *ParsedRequest { return c.parseBody(body, false) }

// ParseImmutable is Parse on a body whose bytes nobody writes again, ever (an in-process
// emulator reads the fuzz harness's SDK requests and drawn bodies as such:
// membody.NewImmutable): the parse, and the memo that keeps it, read the body through a
// read-only string view of its bytes (unsafe.String) instead of a copy of them (Parse's
// string(body), an allocation the size of every request). Same ParsedRequest as Parse's, byte for byte and tree for tree: the same
// text goes to the same parser.
//
// Why the bytes must never change, not only until ParseImmutable returns: the returned parse
// is kept by the memo (its src is the memo's key, compared with later bodies) and the strings
// of its tree are slices of the view, which outlive it in every value made from them (a
// prediction's violations, the Request the rules read, a stored client's members as sent,
// ApplyStoredOutput's read-back). A change to the bytes would change all of them under their
// readers and make the memo answer a body with another body's tree. A caller that cannot say
// that of its bytes (a buffer it or its caller may write or reuse) calls Parse.
func (c *Contract) ParseImmutable(body []byte) *ParsedRequest { return c.parseBody(body, true) }

// parseBody is Parse, reading the body through a read-only view of its bytes when view is set
// (ParseImmutable) instead of a copy of them.
func (c *Contract) parseBody(body []byte, view bool) *ParsedRequest {
	body = RequestBody(body) // emptyInput, a package variable nothing writes, or body
	if c.memo != nil {
		if p := c.memo.find(body); p != nil {
			return p
		}
	}
	var src string
	if view {
		src = unsafe.String(unsafe.SliceData(body), len(body)) // read only; see ParseImmutable
	} else {
		src = string(body)
	}
	doc, err := parseTextUnread(src, false, nil, c.unread)
	p := &ParsedRequest{doc: doc, err: err, src: src, by: c}
	if c.memo != nil {
		c.memo.add(p)
	}
	return p
}

// PredictParsed is (*Contract).Predict on the body that was parsed.
func (c *Contract) PredictParsed(p *ParsedRequest, st State) Prediction {
	if p.err != nil {
		return Prediction{Status: http.StatusBadRequest, Code: "SerializationException",
			Violations: []Violation{typeViolation("", p.err.Error())}}
	}
	f := c.fixedOf(p)
	switch {
	case f.invalid != nil:
		return utf8Message(f.invalid.clone())
	case f.reqErr != nil: // unreachable after validation; kept so a model/Request mismatch is visible
		return Prediction{Status: http.StatusBadRequest, Code: "SerializationException",
			Violations: []Violation{typeViolation("", f.reqErr.Error())}}
	}
	return utf8Message(predictRequest(f.req, st))
}

// utf8Message is p with its message recorded as valid UTF-8 (Prediction.validMessage), for a
// prediction PredictParsed made from a body that decoded. Every such message is made of
//   - the parse's strings: the values a validation entry quotes (validate_scalar.go render: a
//     string as decoded, a number's text, which the parser read as JSON's number grammar) and
//     the ids, URLs and provider names the rules quote (R3, R5, R24; the Request is read from
//     the same tree). Parse refuses a body with invalid UTF-8 in any string (scanString,
//     utf8Refuse), and an escape decodes to a whole character (a lone surrogate to U+FFFD);
//   - the model's texts: wire paths, patterns, enum values and shape names, which LoadModel
//     reads with encoding/json (invalid UTF-8 becomes U+FFFD), and map keys, parsed strings;
//   - this package's constant texts and numbers written by strconv;
//
// joined whole (no text is cut), so it is valid UTF-8. The State enters no message (R24 quotes
// the request's UserPoolId, not the pool's). TestPredictedMessageIsValidUTF8 and
// FuzzPredictedMessageIsValidUTF8 hold every such message to utf8.ValidString.
func utf8Message(p Prediction) Prediction {
	p.validMessage = p.Message
	return p
}

// ApplyParsed is (*Contract).Apply on the body that was parsed.
func (c *Contract) ApplyParsed(current json.RawMessage, p *ParsedRequest, now time.Time) (json.RawMessage, error) {
	if p.err != nil {
		return nil, fmt.Errorf("request body: want a JSON object: %w", p.err)
	}
	cur, err := c.readCurrent(current)
	if err != nil {
		return nil, err
	}
	doc, _, err := c.applyDoc(cur, &p.doc, now)
	return doc, err
}

// StoredClient is an app client as the service holds it: its UserPoolClientType JSON document,
// with the members an update takes from it read once. An emulator keeps the StoredClient that
// ApplyStored returns, so no update decodes the client before it.
type StoredClient struct {
	Doc json.RawMessage
	top *jnode // nil: no client before (a blank document)
}

// ReadClient reads a stored client document for ApplyStored; it fails on a document that is
// not a JSON object (a blank one is no client, as for Apply).
func (c *Contract) ReadClient(doc json.RawMessage) (*StoredClient, error) {
	top, err := c.readCurrent(doc)
	if err != nil {
		return nil, err
	}
	return &StoredClient{Doc: doc, top: top}, nil
}

// ApplyStored is ApplyParsed on a client read with ReadClient (or returned by ApplyStored): the
// same document, returned already read for the next update.
func (c *Contract) ApplyStored(cur *StoredClient, p *ParsedRequest, now time.Time) (*StoredClient, error) {
	if p.err != nil {
		return nil, fmt.Errorf("request body: want a JSON object: %w", p.err)
	}
	var top *jnode
	if cur != nil {
		top = cur.top
	}
	doc, out, err := c.applyDoc(top, &p.doc, now)
	if err != nil {
		return nil, err
	}
	next := c.applyPlan().readBack(out)
	return &StoredClient{Doc: doc, top: &next}, nil
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

// ValidJSON is json.Valid's verdict on the body (RequestBody's reading of it), when the parse
// tells it (known): a body that decoded is valid; one that did not is invalid, unless it failed
// on invalid UTF-8 alone, which json.Valid does not check (known is then false). A server that
// answers malformed JSON before anything else needs no scan of its own where known.
func (p *ParsedRequest) ValidJSON() (valid, known bool) {
	if p.err == nil {
		return true, true
	}
	var nj notJSON
	return false, errors.As(p.err, &nj)
}

// StringMember returns a top-level member of the body when it is a JSON string, matched by
// its exact name as the service matches members ("userPoolId" is not UserPoolId).
func (p *ParsedRequest) StringMember(name string) (string, bool) {
	if p.err != nil || p.doc.kind != jObject {
		return "", false
	}
	if v := p.doc.get(name); v != nil && v.kind == jString {
		return v.str(), true
	}
	return "", false
}

// emptyInput is the body of an operation input with no members set.
var emptyInput = []byte("{}")

// RequestBody is the input document an awsJson1_1 server reads from a request body: an empty
// (or JSON-whitespace-only) body is the empty input "{}", the document a client sends for an input
// with no members set (S5: "Empty input → {}"; Smithy's awsJson protocol tests have servers
// accept it). What the real service answers to an empty body was never observed: this is the
// protocol's reading, shared by the prediction and the emulator so that both agree. Any other
// body is returned unchanged.
func RequestBody(body []byte) []byte {
	if len(TrimJSONSpace(body)) == 0 {
		return emptyInput
	}
	return body
}

// TrimJSONSpace removes the whitespace JSON allows around a value (RFC 8259 §2: space,
// horizontal tab, line feed, carriage return) and nothing else: a form feed, a vertical tab or
// a no-break space next to a body makes it invalid JSON, as the service's parser reads it.
func TrimJSONSpace(b []byte) []byte {
	isWS := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	for len(b) > 0 && isWS(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isWS(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// parseRequestBody decodes a request body as the service reads it (RequestBody).
func parseRequestBody(body []byte) (jnode, error) {
	return parseJSON(RequestBody(body))
}
