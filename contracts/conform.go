package contracts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unsafe"
)

// ContentType is the awsJson1_1 media type of requests and responses (S5, contract-facts §7).
const ContentType = "application/x-amz-json-1.1"

// CheckResponse checks one exchange against the contract: protocol, status, error code or the
// 200 body's shape, echo, reset-to-default and invariants.
//
// A 200 is checked against the operation's output shape walked from the model, then, when
// ex.Request is set, against what was sent (echo, reset-to-default, rules R14, R22, R28) and,
// when ex.Before is set, against the client before the update (invariants). Any other status is
// read as an error: its code must be one the operation declares, AccessDeniedException, or one
// of the protocol errors the harness provokes and the contract predicts (SerializationException,
// UnknownOperationException, MissingAuthenticationTokenException, IncompleteSignatureException;
// errorcode.go), with the status the service sends for it (400 for every client error whatever
// @httpError says, 500 for a server fault; contract-facts §5). Any other code is a finding.
// Every departure is listed, each naming its Check.
func (c *Contract) CheckResponse(ex Exchange) []Finding {
	if isErrorStatus(ex.Status) {
		code, _, object := errorCode(ex.Header, ex.Body)
		return c.checkResponse(ex, code, object, nil, nil)
	}
	return c.checkResponse(ex, "", false, nil, nil)
}

// isErrorStatus reports a status CheckResponse reads as an error answer.
func isErrorStatus(status int) bool { return status < 200 || status >= 400 }

// checkResponse is CheckResponse with an error answer's code already read (errorCode) and,
// when req is not nil, ex.Request already parsed (Parse of the same bytes); kp are CheckKept's
// kept clients (nil: none).
func (c *Contract) checkResponse(ex Exchange, code string, object bool, req *ParsedRequest, kp *keptPair) []Finding {
	fs := checkProtocolHeaders(ex.Header)
	switch {
	case ex.Status == http.StatusOK:
		fs = append(fs, ownFindings(c.checkSuccessKept(ex, req, kp))...)
	case !isErrorStatus(ex.Status):
		fs = append(fs, Finding{Check: CheckStatus, Expected: "200 for a success, 400 or 500 for an error",
			Actual: strconv.Itoa(ex.Status), Source: "S5; contract-facts §7"})
	default:
		fs = append(fs, c.checkError(ex, code, object)...)
	}
	return fs
}

// checkProtocolHeaders checks the awsJson1_1 response headers (S5; contract-facts §7).
func checkProtocolHeaders(h http.Header) []Finding {
	var fs []Finding
	ct := headerValue(h, headerContentType)
	// A media-type parameter such as "; charset=utf-8" does not change the media type. The
	// usual header is the media type itself: no parse (and none of its allocations).
	if ct != ContentType && !isContentType(ct) {
		fs = append(fs, Finding{Check: CheckProtocol, Rule: "content-type", Expected: "Content-Type " + ContentType,
			Actual: showHeader(ct), Source: "S5; contract-facts §7"})
	}
	if headerValue(h, headerRequestID) == "" {
		fs = append(fs, Finding{Check: CheckProtocol, Rule: "request-id", Expected: "an x-amzn-RequestId header",
			Actual: "none", Source: "S9 sample response; OB-21"})
	}
	return fs
}

// The response headers checkProtocolHeaders and the error code's readers (errorCode,
// errorCodeEchoed) read, in their canonical form (what textproto.CanonicalMIMEHeaderKey gives:
// TestProtocolHeaderNamesAreCanonical).
const (
	headerContentType = "Content-Type"
	headerRequestID   = "X-Amzn-Requestid" // x-amzn-RequestId
	headerErrorType   = "X-Amzn-Errortype" // X-Amzn-ErrorType, read by errorCode and errorCodeEchoed
)

// headerValue is h.Get(key) for a canonical key: the first value, "" when there is none,
// without Get's pass to canonicalize the key.
func headerValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// isContentType reports whether a Content-Type header names the awsJson1_1 media type.
func isContentType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == ContentType
}

func showHeader(v string) string {
	if v == "" {
		return "none"
	}
	return strconv.Quote(v)
}

// checkError checks an error response: a JSON object body with a code the contract knows, and
// the status the service sends for that code.
func (c *Contract) checkError(ex Exchange, code string, object bool) []Finding {
	var fs []Finding
	if !object {
		fs = append(fs, Finding{Check: CheckProtocol, Rule: "error-body", Expected: `an error body {"__type": …, "message": …}`,
			Actual: showBody(ex.Body), Source: "S5; contract-facts §7"})
	}
	if code == "" {
		return append(fs, Finding{Check: CheckProtocol, Rule: "error-code", Expected: "an error code in X-Amzn-ErrorType, __type or code",
			Actual: "none", Source: "S5; contract-facts §7"})
	}
	if e, ok := c.lookupOperationError(code); ok {
		if want := errorStatus(e); ex.Status != want {
			fs = append(fs, Finding{Check: CheckStatus, Member: e.Name, Expected: fmt.Sprintf("%d for %s", want, e.Name),
				Actual: strconv.Itoa(ex.Status),
				Source: "contract-facts §5: 400 for every client error whatever @httpError says, 500 for a server fault"})
		}
		return fs
	}
	if p, ok := lookupProtocolError(code); ok {
		if !containsInt(p.Statuses, ex.Status) {
			fs = append(fs, Finding{Check: CheckStatus, Member: p.Code, Expected: fmt.Sprintf("%s for %s", joinInts(p.Statuses), p.Code),
				Actual: strconv.Itoa(ex.Status), Source: p.Source})
		}
		return fs
	}
	return append(fs, Finding{Check: CheckErrorCode, Expected: "one of " + strings.Join(c.knownErrorCodes(), ", "),
		Actual: strconv.Quote(code), Source: "model: " + c.Operation.Name + " errors; contract-facts §5"})
}

// knownErrorCodes lists the codes an UpdateUserPoolClient response may carry, sorted.
func (c *Contract) knownErrorCodes() []string {
	var codes []string
	for _, e := range c.Operation.Errors {
		codes = append(codes, e.Name)
	}
	for _, p := range protocolErrors {
		codes = append(codes, p.Code)
	}
	sort.Strings(codes)
	return codes
}

// ownFindings gives every string of the findings memory of its own: checkSuccessKept's may
// share the response body's (decodeTreeView), which is the caller's and may change after the
// check. Findings are few (none for a conforming answer): the copies cost nothing on the
// usual path, and no string of the body reaches a finding uncopied, whatever check made it.
func ownFindings(fs []Finding) []Finding {
	for i := range fs {
		f := &fs[i]
		f.Rule, f.Member, f.Expected = strings.Clone(f.Rule), strings.Clone(f.Member), strings.Clone(f.Expected)
		f.Actual, f.Source = strings.Clone(f.Actual), strings.Clone(f.Source)
	}
	return fs
}

// checkSuccessKept checks a 200: the body against the output shape, then against the request
// and the client before the update. The body is decoded once, in place (decodeTreeView: its
// strings may share the body's memory, so callers copy the findings, ownFindings), into the
// tree every check reads; a request parsed already (req, nil when not) is read from its tree
// instead of being decoded again. kp holds CheckKept's kept clients (nil: none): the client
// before the update is read from kp.before when it holds ex.Before's bytes, and the answer's
// client is left in kp.keep when the one-pass decoder read the body.
func (c *Contract) checkSuccessKept(ex Exchange, req *ParsedRequest, kp *keptPair) []Finding {
	return c.checkSuccess(ex, req, kp, true)
}

// checkSuccess is checkSuccessKept; deduce false walks the whole answer, an echoed list of a
// request whose validation found nothing too (conform_validated.go), which the tests hold the
// deduction to.
func (c *Contract) checkSuccess(ex Exchange, req *ParsedRequest, kp *keptPair, deduce bool) []Finding {
	a := newArena() // the trees of this check: none outlives it
	defer a.release()
	// The request first: the answer's decode takes the nodes of the members it echoes byte for
	// byte from it (echoSource), and its members are slotted once (checkAgainstRequest).
	hasRequest := len(bytes.TrimSpace(ex.Request)) != 0
	var reqObj *jnode
	var reqErr error
	var sent []*jnode
	if hasRequest {
		if reqObj, reqErr = requestNode(ex.Request, req, a); reqErr == nil && reqObj != nil {
			in := c.Operation.Input
			sent = a.sentSlots(in)
			memberSlots(in, reqObj, sent)
			if in.names != nil {
				a.echo = echoSource{shape: in, slots: sent, parsed: req != nil && req.err == nil} // Parse's tree (requestNode)
			}
		}
	}
	body, fast, err := decodeTreeView(ex.Body, a, false)
	a.echo = echoSource{}
	if err != nil {
		return []Finding{{Check: CheckShape, Rule: "type", Expected: "a JSON object body", Actual: showBody(ex.Body),
			Source: "S5; model: " + c.Operation.Output.Name}}
	}
	// The client's members are slotted once, for the walk and for the checks against the
	// request and the client before (memberSlots of the client shape, as both would).
	pl := c.echoPlan()
	w := shapeWalk{path: a.path[:0], wellFormed: true, infos: pl.infos} // the arena's path: a stack array would escape (w.node)
	got := member(&body, "UserPoolClient")
	var back []*jnode
	if got != nil && got.kind == jObject {
		back = a.clientSlots(pl.client)
		w.known = knownSlots{shape: pl.client, obj: got, slots: back, unknown: memberSlots(pl.client, got, back)}
		if sent != nil && deduce && c.validatedRequest(req) {
			w.known.sent, w.known.walkedIn = sent, pl.walkedIn
		}
		if fast {
			kp.keepClient(got, back, pl)
		}
	}
	w.node(c.Operation.Output, c.Operation.Output.Constraints, &body, "")
	a.path = w.path[:0]
	fs := w.findings
	if !hasRequest {
		return fs
	}
	if got == nil || got.kind != jObject {
		return append(fs, Finding{Check: CheckEcho, Member: "UserPoolClient", Expected: "the updated client",
			Actual: "absent", Source: "S1 UpdateUserPoolClientResponse doc: \"The updated details of your app client.\""})
	}
	if reqErr != nil || reqObj == nil {
		return append(fs, Finding{Check: CheckEcho, Expected: "a request body that is a JSON object",
			Actual: showBody(ex.Request), Source: "Exchange.Request"})
	}
	before := kp.beforeOf(ex.Before, a)
	fs = append(fs, c.checkAgainstRequest(pl, sent, back, before)...)
	return append(fs, checkInvariants(pl, got, back, before)...)
}

// clientBefore is the client before the update, of which the checks read a few top-level
// members (identity, secret, dates, kept values). It is read shallow: the whole document is
// checked, nested values keep their text and are decoded only when read.
type clientBefore struct {
	doc jnode // an object: readBefore's, with its members; a Kept's, its text (raw) only
	// A Kept's client (names set) holds only the members the checks read (echoPlan.beforeReads),
	// as doc.get would find them: at[i] is names[i]'s member when bit i of has is set (absent
	// otherwise). Any other member is read from doc's text when asked.
	names []clientMember
	at    []jnode
	has   uint64
}

// readBefore reads Exchange.Before as decodeAny reads it: nil when blank, not JSON or not an
// object. a is the arena of the check (nil: none), which holds the clientBefore too.
func readBefore(b []byte, a *nodeArena) *clientBefore {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	doc, ok := decodeNodeView(b, a, true) // its strings reach findings only copied (showValue)
	if !ok {
		var err error
		if doc, err = decodeTreeIn(b, a, true); err != nil {
			return nil
		}
	}
	if doc.kind != jObject {
		return nil
	}
	if a != nil { // the check's: it lives as long as the trees
		a.before = clientBefore{doc: doc}
		return &a.before
	}
	return &clientBefore{doc: doc}
}

// get is a member as decodeAny's map holds it (nil when absent; the last of duplicates wins).
func (cb *clientBefore) get(name string) *jnode {
	var n *jnode
	if cb.names == nil {
		n = cb.doc.get(name)
	} else if i := keptIndex(cb.names, name); i >= 0 {
		if cb.has&(1<<i) != 0 {
			n = &cb.at[i]
		}
	} else if whole := readBefore(unsafe.Slice(unsafe.StringData(cb.doc.raw), len(cb.doc.raw)), nil); whole != nil {
		return whole.get(name) // a member no check reads: the kept text read as readBefore reads it
	}
	if n != nil && (n.kind == jArray || n.kind == jObject) {
		raw := unsafe.Slice(unsafe.StringData(n.raw), len(n.raw)) // read only
		full, ok := decodeNodeView(raw, nil, false)               // checked by the shallow read
		if !ok {
			var err error
			if full, err = decodeTree([]byte(n.raw)); err != nil {
				return nil
			}
		}
		return &full
	}
	return n
}

// requestNode is the request body as encoding/json decodes it (UseNumber), nil when it is not
// an object. A parse that succeeded is read from its tree: the one-pass parser accepts only what
// encoding/json decodes to the same value (the agreement tests of jsondoc_test.go), and Parse
// reads the bytes decodeAny reads once checkSuccessKept has set blank requests aside; a parse that
// failed (invalid UTF-8, which encoding/json reads as U+FFFD, ...) leaves it to decodeTree.
func requestNode(body []byte, p *ParsedRequest, a *nodeArena) (*jnode, error) {
	if p != nil && p.err == nil {
		if p.doc.kind != jObject {
			return nil, nil
		}
		return &p.doc, nil
	}
	n, err := decodeTreeIn(body, a, false)
	if err != nil || n.kind != jObject {
		return nil, err
	}
	return &n, nil
}

// decodeAny decodes JSON keeping numbers exact (json.Number). The one-pass parser reads what
// it accepts (valid UTF-8, one value, whitespace after it) to the same value encoding/json
// gives; anything else goes through encoding/json, whose answer stands.
func decodeAny(b []byte) (any, error) {
	if v, ok := parseAny(b); ok {
		return v, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return v, nil
}

func showBody(b []byte) string {
	if len(bytes.TrimSpace(b)) == 0 {
		return "an empty body"
	}
	s := string(b)
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	return strconv.Quote(accountID.ReplaceAllString(s, ":<account>:"))
}

func containsInt(list []int, n int) bool {
	for _, e := range list {
		if e == n {
			return true
		}
	}
	return false
}

func joinInts(list []int) string {
	s := make([]string, len(list))
	for i, n := range list {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, " or ")
}
