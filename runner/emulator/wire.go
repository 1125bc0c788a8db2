package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/cognito-contract/cognito-contract/contracts"

	"github.com/cognito-contract/cognito-contract/internal/jsontext"
	"github.com/cognito-contract/cognito-contract/internal/membody"
)

// contentType is the awsJson1_1 media type of every response (S5; a real response in
// https://github.com/awslabs/aws-sdk-ios-samples/issues/102 carries it).
const contentType = "application/x-amz-json-1.1"

// apiError is an answer other than 200.
type apiError struct {
	Status  int
	Code    string
	Message string
	// NoMessage leaves "message" out of the body, as the protocol errors observed without one.
	NoMessage bool
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// clientError is a 400 answer: the real service sends 400 for every client error whatever the
// model's @httpError says (docs/contract-facts.md §5, S9, OB-13, OB-24, OB-26, OB-27).
func clientError(code, msg string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: code, Message: msg}
}

// statusOf is the status the service sends for a modelled error: 500 for a server fault
// (InternalErrorException is @error("server")), 400 for every client error.
func (e *Emulator) statusOf(code string) int {
	if s, ok := e.contract.Model.Shape(code); ok && s.Error == "server" {
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// answer is a complete response.
type answer struct {
	status int
	reqID  [uuidLen]byte
	// errCode is the code of an error answer (x-amzn-ErrorType is it with a colon), "" on
	// success.
	errCode string
	body    []byte
}

// writeHeader sets the answer's headers in h: Content-Type, x-amzn-RequestId, Content-Length
// and, on an error, x-amzn-ErrorType. vals backs the values (one array for all of them, each
// value a slice of its own capped at one element, so an append by a caller cannot reach the
// next); the request id, the length and the error type are written in one string.
func (a *answer) writeHeader(h http.Header, vals *[4]string) {
	var buf [uuidLen + 20 + 48]byte // an id, a length and an error type of usual size
	b := append(buf[:0], a.reqID[:]...)
	b = strconv.AppendInt(b, int64(len(a.body)), 10)
	lenEnd := len(b)
	if a.errCode != "" {
		// The real service adds x-amzn-ErrorType with a trailing colon (OB-21).
		// x-amzn-ErrorMessage is left out: messages echo request values of up to the size limit.
		b = append(append(b, a.errCode...), ':')
	}
	s := string(b)
	vals[0], vals[1], vals[2] = contentType, s[:uuidLen], s[uuidLen:lenEnd]
	h["Content-Type"] = vals[0:1:1]
	h["X-Amzn-Requestid"] = vals[1:2:2]
	h["Content-Length"] = vals[2:3:3]
	if a.errCode != "" {
		vals[3] = s[lenEnd:]
		h["X-Amzn-Errortype"] = vals[3:4:4]
	}
}

// exchange answers one request. It never panics: a panic in a handler becomes a 500
// InternalErrorException.
func (e *Emulator) exchange(ctx context.Context, method, path string, h http.Header, body io.Reader, size int64) (a answer) {
	e.ids.requestIDInto(&a.reqID)
	defer func() {
		if p := recover(); p != nil {
			a.errorAnswer(&apiError{Status: http.StatusInternalServerError,
				Code: "InternalErrorException", Message: "emulator: internal error"})
		}
	}()
	out, err := e.process(ctx, method, path, h, body, size)
	if err != nil {
		a.errorAnswer(err)
		return a
	}
	a.status, a.body = http.StatusOK, out
	return a
}

// errorAnswer makes a the answer to err (its request id kept).
func (a *answer) errorAnswer(err *apiError) {
	a.status, a.errCode, a.body = err.Status, err.Code, errorBody(err)
}

// errorBody is the JSON error document {"__type":code,"message":text} ("message" left out when
// NoMessage), byte for byte as json.Marshal writes that struct, in one buffer: a message that
// quotes a value of 300k characters costs about one copy of it. The buffer has the room
// jsontext.AppendString makes for the code (jsontext.Room) and the message's (jsontext.LongRoom:
// its plain ASCII prefix as it is, an eighth more for the rest), so that it is allocated once:
// only a text of more escapes than that grows it. The message's prefix is read once, for the
// room, and copied after (jsontext.AppendLongStringFrom).
func errorBody(err *apiError) []byte {
	room, plain := len(`{"__type":}`)+jsontext.Room(err.Code), 0
	if !err.NoMessage {
		var msgRoom int
		msgRoom, plain = jsontext.LongRoom(err.Message)
		room += len(`,"message":`) + msgRoom
	}
	b := append(make([]byte, 0, room), `{"__type":`...)
	b = jsontext.AppendString(b, err.Code)
	if !err.NoMessage {
		b = append(b, `,"message":`...)
		b = jsontext.AppendLongStringFrom(b, err.Message, plain)
	}
	return append(b, '}')
}

// process runs the checks of the front door in the order the service must apply them, then
// the operation.
func (e *Emulator) process(ctx context.Context, method, path string, h http.Header, body io.Reader, size int64) ([]byte, *apiError) {
	if method != http.MethodPost || (path != "/" && path != "") {
		// awsJson1_1 binds every operation to POST / (S5): no other method or path names an
		// operation, so both are answered like an unknown operation.
		// Body as observed on an awsJson1_1 service: {"__type":"UnknownOperationException"}
		// with 400 (https://github.com/aws/aws-sdk-net/issues/1536).
		return nil, &apiError{Status: http.StatusBadRequest, Code: "UnknownOperationException", NoMessage: true}
	}
	if cl := headerValue(h, "Content-Length"); cl != "" {
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil && n > e.maxBody {
			return nil, e.tooLarge()
		}
	}
	op, ok := e.operation(headerValue(h, "X-Amz-Target"))
	if !ok {
		return nil, &apiError{Status: http.StatusBadRequest, Code: "UnknownOperationException", NoMessage: true}
	}
	// The operation is resolved before authentication: cognito-idp has operations that need
	// no SigV4 (InitiateAuth, SignUp), so the service can only ask for a token once it knows
	// the operation.
	akid, aerr := accessKeyID(headerValue(h, "Authorization"))
	if aerr != nil {
		return nil, aerr
	}
	var raw []byte
	immutable := false // raw is never written again, by anyone (membody.NewImmutable)
	if held, ok := body.(*membody.Body); ok && keepsNoBody(op.name) {
		// A body in memory (the fuzz harness's requests) is read in place, as readBody would
		// read it (at most maxBody+1 bytes): an operation that keeps nothing of its body
		// reads it only until its answer is written, as it reads a scratch buffer; unless it
		// is immutable, when the update's parse keeps views of it (parseObject).
		raw = held.Next(int(min(e.maxBody+1, int64(held.Len()))))
		immutable = held.Immutable()
	} else {
		scratch := scratchFor(op.name, size)
		if scratch != nil {
			// The buffer goes back when process returns, so before exchange writes an error's
			// answer (errorBody), not once the answer is written. That is harmless: nothing
			// process returns reads raw. A 200's body is the stored client's answer or one of
			// its own, and every error message is a copy (ValidationMessage builds its own
			// string; the not-found messages concatenate the ids into a new one).
			defer releaseScratch(scratch)
		}
		var err error
		if raw, err = e.readBody(size, body, scratch); err != nil {
			return nil, clientError("SerializationException", "could not read the request body")
		}
	}
	if int64(len(raw)) > e.maxBody {
		return nil, e.tooLarge()
	}
	if ferr := e.frontDoorFaults(op.name, akid); ferr != nil {
		return nil, ferr
	}
	if op.name == opUpdate {
		// The contract's decoding is a stricter check than jsonObject's (valid UTF-8 too):
		// when it succeeds on an object the body is not scanned a second time.
		parsed, ok := e.parseObject(raw, immutable)
		if ok {
			return e.update(ctx, parsed)
		}
		if parsed != nil {
			// An object the contract did not decode: when jsonObject passes it, the operation
			// answers what the contract predicts for the body it already decoded (the
			// updateUserPoolClient of jsonObject's text, without decoding it again). Where the
			// parse already tells json.Valid's verdict, jsonObject's scan is not run again.
			if valid, known := parsed.ValidJSON(); known && !valid {
				return nil, errNotJSON()
			}
			if _, serr := jsonObject(raw); serr != nil {
				return nil, serr
			}
			return e.update(ctx, parsed)
		}
	}
	raw, serr := jsonObject(raw)
	if serr != nil {
		return nil, serr
	}
	return op.fn(ctx, raw)
}

// readBody reads at most maxBody+1 bytes of the body, into a buffer of the declared size
// (http.Request.ContentLength; -1 when unknown) when there is one: one allocation instead of
// io.ReadAll's growing ones. With a scratch buffer (scratchFor) that buffer is used when it
// has the room, else one made at the size replaces it for the next request.
func (e *Emulator) readBody(size int64, body io.Reader, scratch *[]byte) ([]byte, error) {
	n := size
	if n < 0 || n > e.maxBody {
		return io.ReadAll(io.LimitReader(body, e.maxBody+1))
	}
	r := io.LimitedReader{R: body, N: e.maxBody + 1} // a value: read through its own method only
	var buf []byte
	switch {
	case scratch == nil:
		buf = make([]byte, 0, n+1) // +1: room for the read that finds the body longer than declared
	case int64(cap(*scratch)) > n:
		buf = (*scratch)[:0]
	default:
		buf = make([]byte, 0, n+1)
		*scratch = buf
	}
	for {
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		case len(buf) == cap(buf): // longer than declared: read the rest as io.ReadAll does
			rest, err := io.ReadAll(io.LimitReader(body, r.N))
			return append(buf, rest...), err
		}
	}
}

// tooLarge refuses a body above the limit. 413 is HTTP's status for it; the error name is the
// emulator's own (no Cognito source shows the service's answer), and the SDK surfaces it as a
// smithy.GenericAPIError with that code.
func (e *Emulator) tooLarge() *apiError {
	return &apiError{Status: http.StatusRequestEntityTooLarge, Code: "RequestEntityTooLargeException",
		Message: "Request body is larger than " + strconv.FormatInt(e.maxBody, 10) + " bytes"}
}

// accessKeyID reads the access key id of a SigV4 Authorization header. The signature is not
// checked: the emulator knows no secret keys.
func accessKeyID(auth string) (string, *apiError) {
	if auth == "" {
		// Header pair observed from cognito-idp without credentials:
		// x-amzn-ErrorType "MissingAuthenticationTokenException:", x-amzn-ErrorMessage
		// "Missing Authentication Token" (https://github.com/awslabs/aws-sdk-ios-samples/issues/108).
		return "", clientError("MissingAuthenticationTokenException", "Missing Authentication Token")
	}
	_, cred, ok := strings.Cut(auth, "Credential=")
	if !strings.HasPrefix(auth, "AWS4-") || !ok {
		// No part of the header is echoed: it may hold a secret, and answers reach logs and
		// fixtures.
		return "", clientError("IncompleteSignatureException",
			"Authorization header requires 'Credential' parameter.")
	}
	akid, _, _ := strings.Cut(cred, "/")
	if akid == "" {
		return "", clientError("IncompleteSignatureException", "Authorization header has an empty access key id")
	}
	return akid, nil
}

// parseObject decodes the body jsonObject would hand the operation (trimmed, an empty body as
// "{}") with the contract when it starts as an object (nil otherwise); ok when it decoded.
// A body whose bytes nobody writes again (immutable: a membody.NewImmutable body read in place)
// is parsed through a view of them (contracts.ParseImmutable), which the contract's memo, the
// parse's strings and what is made of them (a stored client's members as sent) then keep; any
// other (a scratch buffer, reused; a caller's buffer read in place, which it may write again
// once answered: directRaw's raw bodies, a go test -fuzz input) is copied by Parse.
func (e *Emulator) parseObject(raw []byte, immutable bool) (*contracts.ParsedRequest, bool) {
	t := contracts.TrimJSONSpace(contracts.RequestBody(raw))
	if t[0] != '{' {
		return nil, false
	}
	var p *contracts.ParsedRequest
	if immutable {
		p = e.contract.ParseImmutable(t)
	} else {
		p = e.contract.Parse(t)
	}
	return p, p.Err() == nil
}

// jsonObject checks that a body is one JSON object; an empty body is the empty input "{}"
// (contracts.RequestBody).
func jsonObject(raw []byte) ([]byte, *apiError) {
	t := contracts.TrimJSONSpace(contracts.RequestBody(raw))
	if !objectValid(t) {
		return nil, errNotJSON()
	}
	if t[0] != '{' {
		return nil, clientError("SerializationException", "Start of list, string, number or literal found where a structure was expected")
	}
	return t, nil
}

// errNotJSON is the answer to a body that is not JSON at all.
func errNotJSON() *apiError {
	return clientError("SerializationException", "Request body is not valid JSON")
}

// decode reads a request into a Go struct; a JSON type mismatch is a SerializationException,
// the way AWS JSON services answer a wrong JSON type.
func decode(raw []byte, v any) *apiError {
	err := json.Unmarshal(raw, v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return clientError("SerializationException",
			"Unexpected JSON "+te.Value+" for member "+te.Field)
	}
	return clientError("SerializationException", "Request body could not be read")
}
