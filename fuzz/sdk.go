package fuzz

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/membody"
	"github.com/cognito-contract/cognito-contract/internal/target"
)

// sdkEndpoint is the base endpoint of the fuzzing SDK client: requests never reach it, the
// transport hands them to the target.
const sdkEndpoint = "http://fuzz.cognito-contract.invalid"

// newSDKClient builds the SDK client a harness uses for its whole life (building one per
// execution costs a quarter of a call). Retries are off: the default retryer sleeps for
// seconds on a 5xx, and the oracle wants to see the first answer. Requests are not signed by
// the SDK: the target signs them if it needs to.
func newSDKClient(t target.Target) *cip.Client {
	return cip.New(cip.Options{
		Region:           t.Region(),
		BaseEndpoint:     aws.String(sdkEndpoint),
		Credentials:      aws.AnonymousCredentials{},
		HTTPClient:       targetDoer{t},
		Retryer:          aws.NopRetryer{},
		RetryMaxAttempts: 1,
	})
}

// dummy credentials sign requests the SDK sends directly (Harness.SendDirect): emulators
// read the access key id, nobody checks the signature.
const (
	dummyAccessKeyID = "AKIDCOGNITOCONTRACTFUZZ"
	dummySecretKey   = "cognito-contract-fuzz-dummy-secret"
)

// newDirectSDKClient builds an SDK client that sends through hc to endpoint itself, signed
// with dummy credentials, retries off.
func newDirectSDKClient(region string, hc aws.HTTPClient, endpoint string) *cip.Client {
	return cip.New(cip.Options{
		Region:           region,
		BaseEndpoint:     aws.String(endpoint),
		Credentials:      credentials.NewStaticCredentialsProvider(dummyAccessKeyID, dummySecretKey, ""),
		HTTPClient:       recordingDoer{hc},
		Retryer:          aws.NopRetryer{},
		RetryMaxAttempts: 1,
	})
}

// directRaw sends raw bodies the way a direct SDK client sends its requests: to the same
// endpoint through the same HTTP client, SigV4-signed with the same dummy credentials, on the
// caller's context (no per-call deadline: httpmock would start a goroutine for it).
type directRaw struct {
	hc               aws.HTTPClient
	endpoint, region string
	target           string // X-Amz-Target: the model's service shape name, "." and the operation
	signer           *v4.Signer
	creds            aws.Credentials
}

func newDirectRaw(region string, hc aws.HTTPClient, endpoint string) *directRaw {
	return &directRaw{hc: hc, endpoint: endpoint, region: region,
		target: contracts.DefaultModel().Service + "." + operation, signer: v4.NewSigner(),
		creds: aws.Credentials{AccessKeyID: dummyAccessKeyID, SecretAccessKey: dummySecretKey, Source: "cognito-contract fuzz"}}
}

// signingName is the SigV4 service name of Cognito user pools (contract-facts §7).
const signingName = "cognito-idp"

// sendBody posts body as an UpdateUserPoolClient request and reads the whole answer (an
// in-process emulator's answer, heldBody, is kept as it is instead of read into a copy). The
// request body is a membody.Body over body (rawRequestBody), so that an in-process emulator
// reads it in place, as it reads the SDK's requests, instead of copying it; immutable
// (membody.NewImmutable) when the caller says nobody writes it again, ever: a drawn case's own
// body (Case.ownBody), which an in-process emulator then parses through a view of its bytes
// instead of a copy.
func (d *directRaw) sendBody(ctx context.Context, body []byte, immutable bool) (*target.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.endpoint, nil)
	if err != nil {
		return nil, err
	}
	rawRequestBody(req, body, immutable)
	req.Header.Set("Content-Type", contracts.ContentType)
	req.Header.Set("X-Amz-Target", d.target)
	sum := sha256.Sum256(body)
	if err := d.signer.SignHTTP(ctx, d.creds, req, hex.EncodeToString(sum[:]), signingName, d.region, time.Now()); err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	resp, err := d.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if hb, ok := resp.Body.(heldBody); ok { // kept as it is, as recordingDoer keeps it
		return &target.Response{Status: resp.StatusCode, Header: resp.Header, Body: hb.HeldBytes()}, nil
	}
	b, err := readAll(resp.Body, resp.ContentLength) // at its size, as recordingDoer reads
	if err != nil {
		return nil, fmt.Errorf("reading the response body: %w", err)
	}
	return &target.Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}

// rawRequestBody makes body the body of req as http.NewRequest makes a bytes.Reader's
// (ContentLength, GetBody, http.NoBody when empty), but read by a membody.Body, which an
// in-process emulator reads in place (membody.Body.Next) where it would copy a bytes.Reader.
// GetBody hands a real HTTP transport a fresh reader of the same bytes for a retry or
// redirect. Nothing is kept beyond the request: the caller must not change body until the
// answer is read, as with bytes.NewReader; unless immutable, when the caller never changes it
// (membody.NewImmutable: an in-process emulator may keep a view of it for any time).
func rawRequestBody(req *http.Request, body []byte, immutable bool) {
	req.ContentLength = int64(len(body))
	if len(body) == 0 {
		req.Body, req.GetBody = http.NoBody, func() (io.ReadCloser, error) { return http.NoBody, nil }
		return
	}
	if immutable {
		req.Body = membody.NewImmutable(body)
	} else {
		req.Body = newMemBody(body)
	}
	req.GetBody = func() (io.ReadCloser, error) { return newMemBody(body), nil }
}

// recordingDoer records the exchanges of a direct SDK client.
//
// The request body it records is sent as an immutable body (membody.NewImmutable), which an
// in-process emulator parses through a view of its bytes instead of a copy
// (contracts.ParseImmutable) and may keep for any time (its parse memo, a stored client's
// members as sent). That holds because nobody writes those bytes again: they are either made
// here, from the SDK's serialized request, by readAll (new memory) or by a copy of what the
// recorder read into its scratch buffer (recorder.requestBody), or they are the body the
// recorder expected (recorder.expect), the memory a drawn case's draw made for the case alone
// (Case.ownBody), which nobody writes either (Case.Body's doc), when the SDK sent exactly its
// bytes; the scratch buffer itself is never recorded or sent. Nothing in this package writes
// those bytes; they go only to the HTTP client (req.Body: a transport reads a request body,
// httpmock's included) and to the recorder (rec.body), which the harness reads (its own Parse
// of the request, the checks) and hands on as a Result's Exchange.Request, a record of what
// was sent that callers only read, as they read its Exchange.Body (an in-process emulator's
// own answer, kept too). The next call reads its body into new memory or finds it is its
// case's own: nothing recorded is reused. Raw bodies (directRaw) are the caller's memory,
// which it may write again (a go test -fuzz input), and are sent as mutable bodies
// (rawRequestBody), parsed from a copy; but a drawn case's body (Case.ownBody) is sent as
// immutable too.
type recordingDoer struct{ hc aws.HTTPClient }

func (d recordingDoer) Do(req *http.Request) (*http.Response, error) {
	rec, _ := req.Context().Value(recorderKey{}).(*recorder)
	if rec != nil && req.Body != nil {
		b, err := rec.requestBody(req.Body, req.ContentLength) // never written again
		if err != nil {
			return nil, err
		}
		rec.body = b
		req.Body = membody.NewImmutable(b)
	}
	resp, err := d.hc.Do(req)
	if rec == nil {
		return resp, err
	}
	if err != nil {
		rec.err = err
		return nil, err
	}
	if hb, ok := resp.Body.(heldBody); ok { // kept as it is; the SDK reads the body unread
		rec.held = target.Response{Status: resp.StatusCode, Header: resp.Header, Body: hb.HeldBytes()}
		rec.resp = &rec.held
		return resp, nil
	}
	b, err := readAll(resp.Body, resp.ContentLength)
	resp.Body.Close()
	if err != nil {
		rec.err = err
		return nil, err
	}
	rec.held = target.Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
	rec.resp = &rec.held
	resp.Body = newMemBody(b)
	return resp, nil
}

// newMemBody is a body read from memory (membody.Body: a bytes.Reader whose Close does
// nothing, in one allocation instead of io.NopCloser's two).
func newMemBody(b []byte) *membody.Body { return membody.New(b) }

// heldBody is a response body whose bytes are in memory already and never written again, so
// that the recorder keeps them instead of a copy: the answers of the in-process emulator
// (runner/emulator's responder), which the SDK then reads as they are, as it reads them when
// nothing records.
type heldBody interface {
	// HeldBytes returns the body's unread bytes, without a copy.
	HeldBytes() []byte
}

// targetDoer is the SDK's HTTP client: it sends the serialized request through the target and
// records the exchange in the request's context.
type targetDoer struct{ t target.Target }

type recorderKey struct{}

// recordCtx is a context that holds a recorder as the value of recorderKey{}, as
// context.WithValue(parent, recorderKey{}, rec) would, in memory reused from call to call:
// the harness makes one call at a time and nothing keeps the context after its call. It is
// reused only under a parent that is never cancelled (Done nil): the context package and
// net/http start goroutines that watch a cancellable context, which could still be reading
// it when the next call resets it; such a parent gets a context.WithValue of its own.
type recordCtx struct {
	context.Context // the parent: Deadline, Done, Err and every other value
	rec             *recorder
}

// reset returns the context of rec under parent: c itself, reset, when parent is never
// cancelled, else a new one.
func (c *recordCtx) reset(parent context.Context, rec *recorder) context.Context {
	if parent.Done() != nil {
		return context.WithValue(parent, recorderKey{}, rec)
	}
	c.Context, c.rec = parent, rec
	return c
}

// Value is the recorder for recorderKey{}, the parent's value for any other key.
func (c *recordCtx) Value(key any) any {
	if _, ok := key.(recorderKey); ok {
		return c.rec
	}
	return c.Context.Value(key)
}

// recorder keeps the last raw exchange of an SDK call.
type recorder struct {
	body []byte
	resp *target.Response
	err  error
	// expect, when not nil, is the body the caller expects the SDK to send, in memory nobody
	// writes again (a drawn case's own body, Case.ownBody), and scratch the caller's buffer
	// that requestBody reads the sent body into to compare it with expect, reused from call to
	// call: a body that is expect's bytes is recorded as expect itself instead of a copy.
	expect  []byte
	scratch *[]byte
	// held is where recordingDoer records the answer (resp then points to it) instead of a
	// Response of its own per call, and describe's input (descIn, whose ids point to poolID and
	// clientID) is made here instead of three allocations per describe. The harness zeroes a
	// recorder before each call it records into (Harness.send, followUp) and reads what it
	// records before the next (Result copies resp's fields), so both stand for one call only,
	// as resp and body do.
	held             target.Response
	descIn           cip.DescribeUserPoolClientInput
	poolID, clientID string
}

func (d targetDoer) Do(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := readAll(req.Body, req.ContentLength) // at its size, as recordingDoer reads
		if err != nil {
			return nil, err
		}
		body = b
	}
	op := req.Header.Get("X-Amz-Target")
	if i := strings.LastIndexByte(op, '.'); i >= 0 {
		op = op[i+1:]
	}
	resp, err := d.t.Call(req.Context(), op, body)
	if rec, ok := req.Context().Value(recorderKey{}).(*recorder); ok {
		rec.body, rec.resp, rec.err = body, resp, err
	}
	if err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode: resp.Status, Status: http.StatusText(resp.Status), Header: resp.Header,
		Body: newMemBody(resp.Body), ContentLength: int64(len(resp.Body)),
		Request: req, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
	}, nil
}

// sdkInput returns the SDK input for a structured request (body is its JSON) when the SDK would send exactly
// that request: only modelled members under their exact names, no nulls, required members
// present (the SDK validates them client-side) and no member whose value the SDK drops
// (RefreshTokenValidity 0, AllowedOAuthFlowsUserPoolClient false, ...: Go zero values of
// non-pointer fields are not serialised, contract-facts §8).
func sdkInput(c *contracts.Contract, req map[string]any, body []byte) (*cip.UpdateUserPoolClientInput, bool) {
	return sdkInputInto(c, req, body, nil, nil)
}

// sdkInputInto is sdkInput written into in, emptied first, its strings and other pointed-to
// values carved from slab, refilled first (Harness.sdkInput: one input and slab for every
// update); a nil in is a new input with a slab of its own (sdkInput; slab is then unused). It
// empties in and refills slab only when the request is not nil, and may do so only when
// nothing reads what in last held any more (strSlab). A request the plan cannot fill goes to
// json.Unmarshal, into a new input.
func sdkInputInto(c *contracts.Contract, req map[string]any, body []byte, in *cip.UpdateUserPoolClientInput, slab *strSlab) (*cip.UpdateUserPoolClientInput, bool) {
	if req == nil {
		return nil, false
	}
	if in == nil {
		in, slab = &cip.UpdateUserPoolClientInput{}, nil
	} else {
		*in = cip.UpdateUserPoolClientInput{}
		slab.refill()
	}
	can, ok, kept := inputPlanOf(c.Operation.Input).fill(in, req, slab) // expressible, then fillInput
	if !can {
		return nil, false
	}
	if ok {
		return in, kept
	}
	in = &cip.UpdateUserPoolClientInput{}            // json.Unmarshal decides the rest
	if err := json.Unmarshal(body, in); err != nil { // out of int32 range, wrong types
		return nil, false
	}
	return in, noDroppedZero(reflect.ValueOf(in).Elem(), req)
}

func expressible(s *contracts.Shape, obj map[string]any) bool {
	ix := membersOf(s)
	for _, name := range ix.required {
		if _, ok := obj[name]; !ok {
			return false
		}
	}
	for k, v := range obj {
		m, ok := ix.byName[k]
		if !ok || v == nil {
			return false
		}
		if sub, isObj := v.(map[string]any); isObj && m.Target.Type == "structure" && !expressible(m.Target, sub) {
			return false
		}
	}
	return true
}

// noDroppedZero reports whether every member present in obj lands in a field the SDK
// serialises: a non-pointer scalar field holding its zero value is omitted on the wire.
func noDroppedZero(v reflect.Value, obj map[string]any) bool {
	for k, sent := range obj {
		f := fieldNamed(v, k)
		if !f.IsValid() {
			return false
		}
		switch f.Kind() {
		case reflect.Pointer:
			if sub, ok := sent.(map[string]any); ok && f.Elem().Kind() == reflect.Struct && !noDroppedZero(f.Elem(), sub) {
				return false
			}
		case reflect.Slice, reflect.Map, reflect.Interface:
		default:
			if f.IsZero() {
				return false
			}
		}
	}
	return true
}

// describe asks for the client through the SDK and returns the raw exchange: the recorder
// ctx holds (recordCtx), which must be empty. The input is made in the recorder (descIn): the
// SDK reads it during the call and keeps nothing of it.
func describe(ctx context.Context, client *cip.Client, poolID, clientID string) (*recorder, error) {
	rec, _ := ctx.Value(recorderKey{}).(*recorder)
	rec.poolID, rec.clientID = poolID, clientID
	rec.descIn = cip.DescribeUserPoolClientInput{UserPoolId: &rec.poolID, ClientId: &rec.clientID}
	_, err := client.DescribeUserPoolClient(ctx, &rec.descIn)
	if rec.err != nil {
		return rec, rec.err
	}
	if rec.resp == nil {
		return rec, fmt.Errorf("DescribeUserPoolClient: %w", err)
	}
	return rec, nil
}
