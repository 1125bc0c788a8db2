package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/google/go-cmp/cmp"

	"github.com/cognito-contract/cognito-contract/contracts"
	"github.com/cognito-contract/cognito-contract/internal/target"
)

const operation = "UpdateUserPoolClient"

// Harness sends cases to a target and checks each answer against the contract (the oracle).
// It keeps the provisioned states current: after a 200 the state's client is the one
// DescribeUserPoolClient returned. A Harness is not safe for concurrent use.
type Harness struct {
	contract *contracts.Contract
	target   target.Target
	client   *cip.Client
	raw      *directRaw // set by SendDirect: raw bodies go the SDK client's way
	states   []contracts.State
	// sent and desc record the update and the follow-up describe, and rctx is the context
	// that hands one of them to the SDK's HTTP client, reused from call to call (the harness
	// makes one call at a time).
	sent sentRecord
	desc recorder
	rctx recordCtx
	// kept are the clients the oracle read from the answers that made the states' clients
	// current (contracts.Kept), by state, and keep the one the check in progress fills. A Kept
	// owns a copy of the text it read; the harness keeps clients only when it sends directly
	// (SendDirect: the native fuzz targets, campaigns against the in-process emulator): through
	// a target the check decodes ex.Before, as CheckParsed does.
	kept []*contracts.Kept
	keep *contracts.Kept
	// in and slab are the SDK input of the update in progress and the memory of its strings,
	// reused from update to update (sdkInput).
	in   cip.UpdateUserPoolClientInput
	slab strSlab
	// reqBuf is the buffer the update's recorder reads the SDK's request into when it expects
	// the case's own body (recorder.requestBody), reused from update to update.
	reqBuf []byte
}

// NewHarness returns a harness for target t and the states a Generator draws for.
func NewHarness(c *contracts.Contract, t target.Target, states ...contracts.State) *Harness {
	if c == nil {
		c = contracts.UpdateUserPoolClient
	}
	return &Harness{contract: c, target: t, client: newSDKClient(t), states: append([]contracts.State(nil), states...)}
}

// SendDirect makes the harness send through hc to endpoint itself, signed with dummy
// credentials, instead of through the target's pipeline (budget, pacing, per-attempt
// timeout): the SDK's requests and the raw bodies alike (a raw body is posted with the
// awsJson1_1 headers and SigV4-signed as the SDK signs). Meant for an in-process emulator
// behind an httpmock transport (emulator.Register(mt, endpoint)): a context without a
// deadline keeps httpmock from starting goroutines per call.
func (h *Harness) SendDirect(hc aws.HTTPClient, endpoint string) {
	h.client = newDirectSDKClient(h.target.Region(), hc, endpoint)
	h.raw = newDirectRaw(h.target.Region(), hc, endpoint)
}

// Result is one execution: the case, what was predicted, what came back and every way the
// answer departs from the contract. Exchange.Body is read only: from an in-process emulator it
// is the emulator's own answer (emulator's HeldBytes), kept without a copy. So is
// Exchange.Request, the body as sent: the recorded SDK request or the case's Body, which an
// in-process emulator's parse (and the contract's memo) may read through a view of its bytes.
type Result struct {
	Case       Case
	Prediction contracts.Prediction
	Exchange   contracts.Exchange
	ViaSDK     bool // sent through the AWS SDK (else raw)
	Calls      int  // requests sent: the update and, after a 200, DescribeUserPoolClient
	Findings   []contracts.Finding
}

// Failed reports whether the answer departs from the contract.
func (r Result) Failed() bool { return len(r.Findings) > 0 }

// Execute sends a case, predicts its answer for the state it meets, checks the outcome and the
// response and, after a 200, that DescribeUserPoolClient returns the same client. An error is
// a harness or target error (unreachable, budget exhausted), never a verdict.
func (h *Harness) Execute(ctx context.Context, c Case) (Result, error) {
	if c.State < 0 || c.State >= len(h.states) {
		return Result{}, fmt.Errorf("fuzz: case %s names state %d of %d", c.ID, c.State, len(h.states))
	}
	res := Result{Case: c, Calls: 1}
	rec, err := h.send(ctx, c, &res)
	if err != nil {
		return res, err
	}
	st := h.states[c.State]
	res.Exchange = contracts.Exchange{Request: rec.body, Before: st.Client.Current,
		Status: rec.resp.Status, Header: rec.resp.Header, Body: rec.resp.Body}
	// The body is decoded once, for the state it meets and for the prediction.
	parsed := h.contract.Parse(rec.body)
	var met contracts.State
	if res.ViaSDK { // the SDK sent exactly c.Request: its ids need no decoding
		met = stateForIDs(c.Request["UserPoolId"], c.Request["ClientId"], st)
	} else {
		met = stateForParsed(parsed, st)
	}
	res.Prediction = h.contract.PredictParsed(parsed, met)
	res.Findings = h.check(res.Prediction, res.Exchange, parsed, c.State) // CheckOutcome, then CheckResponse
	if rec.resp.Status >= 500 {                                           // no 5xx, ever (issue 5): not even a documented InternalErrorException
		res.Findings = append(res.Findings, contracts.Finding{Check: contracts.CheckStatus, Rule: "no-5xx",
			Expected: "no 5xx answer", Actual: fmt.Sprintf("%d %s", rec.resp.Status, showBody(rec.resp.Body)), Source: "issue 5: the oracle"})
	}
	if res.ViaSDK && rec.resp.Status == http.StatusOK && rec.sdkErr != nil {
		res.Findings = append(res.Findings, contracts.Finding{Check: contracts.CheckProtocol, Rule: "sdk",
			Expected: "a 200 the AWS SDK for Go v2 can read", Actual: rec.sdkErr.Error(), Source: "S4 deserializers.go"})
	}
	if rec.resp.Status == http.StatusOK && met.Client != nil {
		res.Calls++
		if err := h.followUp(ctx, c.State, rec.resp.Body, &res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// maxSDKBody bounds the structured requests sent through the SDK: a bigger one (a value past
// a 131072-character limit) goes raw, as the same bytes, so that the run measures the target
// and not the SDK's serializer.
const maxSDKBody = 64 << 10

// sentRecord is the raw exchange of the update, with the SDK's error when it went through it.
type sentRecord struct {
	recorder
	sdkErr error
}

func (h *Harness) send(ctx context.Context, c Case, res *Result) (*sentRecord, error) {
	out := &h.sent
	*out = sentRecord{}
	if c.mutation == nil && len(c.Body) <= maxSDKBody {
		if in, ok := h.sdkInput(c); ok {
			res.ViaSDK = true
			if c.ownBody() { // the SDK's serializer writes most drawn bodies byte for byte
				out.expect, out.scratch = c.Body, &h.reqBuf
			}
			_, err := h.client.UpdateUserPoolClient(h.rctx.reset(ctx, &out.recorder), in)
			if out.err != nil || out.resp == nil {
				return nil, targetErr(out.err, err)
			}
			if err != nil && !isAPIError(err) {
				out.sdkErr = err
			}
			return out, nil
		}
	}
	var resp *target.Response
	var err error
	if h.raw != nil {
		resp, err = h.raw.sendBody(ctx, c.Body, c.ownBody())
	} else {
		resp, err = h.target.Call(ctx, operation, c.Body)
	}
	if err != nil {
		return nil, fmt.Errorf("fuzz: %s: %w", h.target.Name(), err)
	}
	out.body, out.resp = c.Body, resp
	return out, nil
}

// sdkInput is sdkInput(h.contract, c.Request, c.Body) written into the harness's own input and
// string memory (h.in, h.slab), emptied and filled again for every update instead of allocated
// (sdkInputInto): the SDK reads an input while the call lasts and keeps nothing of it (the
// benchmark's baseline sends the very same input again and again), and the harness makes one
// call at a time. A request the plan cannot fill (json.Unmarshal decides) gets a new input.
func (h *Harness) sdkInput(c Case) (*cip.UpdateUserPoolClientInput, bool) {
	return sdkInputInto(h.contract, c.Request, c.Body, &h.in, &h.slab)
}

func targetErr(callErr, sdkErr error) error {
	if callErr != nil {
		return fmt.Errorf("fuzz: target: %w", callErr)
	}
	return fmt.Errorf("fuzz: the SDK sent nothing: %w", sdkErr)
}

// check is CheckParsed; sent directly, with the client kept for state st (the oracle's read of
// the answer that made it current, which the check takes only if it holds ex.Before's bytes)
// and the answer's client left in h.keep.
func (h *Harness) check(p contracts.Prediction, ex contracts.Exchange, req *contracts.ParsedRequest, st int) []contracts.Finding {
	if h.raw == nil { // through a target: nothing is kept (see Harness.kept)
		return h.contract.CheckParsed(p, ex, req)
	}
	if len(h.kept) != len(h.states) {
		h.kept = make([]*contracts.Kept, len(h.states))
		for i := range h.kept {
			h.kept[i] = new(contracts.Kept)
		}
		h.keep = new(contracts.Kept)
	}
	return h.contract.CheckKept(p, ex, req, h.kept[st], h.keep)
}

// followUp asks DescribeUserPoolClient for the client a 200 returned and compares the two as
// JSON values; the state's client becomes the described one.
func (h *Harness) followUp(ctx context.Context, st int, updated []byte, res *Result) error {
	s := h.states[st]
	h.desc = recorder{}
	rec, err := describe(h.rctx.reset(ctx, &h.desc), h.client, s.Pool.ID, s.Client.ID)
	if err != nil {
		return fmt.Errorf("fuzz: %s: DescribeUserPoolClient: %w", h.target.Name(), err)
	}
	desc, ok := clientOfKept(rec.resp.Body, h.keep) // h.keep: the update's client, when the check kept it
	if rec.resp.Status != http.StatusOK || !ok {
		res.Findings = append(res.Findings, describeFinding("a 200 with the client", fmt.Sprintf("%d %s", rec.resp.Status, showBody(rec.resp.Body))))
		return nil
	}
	if !bytes.Equal(updated, rec.resp.Body) { // the same body holds the same client: no decoding
		upd, _ := clientOf(updated) // CheckResponse has reported a body that is not an object
		if !bytes.Equal(upd, desc) {
			if a, b := decodeValue(upd), decodeValue(desc); !reflect.DeepEqual(a, b) {
				res.Findings = append(res.Findings, describeFinding("the client the update returned", "(-update +describe)\n"+cmp.Diff(a, b)))
			}
		}
	}
	// Sent directly (SendDirect), the described body is kept as it is: recordingDoer read it
	// into memory of its own, which the SDK only reads, or it is an in-process emulator's
	// answer, which the emulator never writes again (heldBody). A target's answer may be
	// memory the target keeps and changes (a stored answer): copied.
	if h.raw == nil {
		desc = append(json.RawMessage(nil), desc...)
	} else if len(h.kept) == len(h.states) {
		// The client the check kept (h.check) stands for the new one where it is its bytes.
		h.kept[st], h.keep = h.keep, h.kept[st]
	}
	h.setCurrent(st, desc)
	return nil
}

// setCurrent makes cur the client of state st.
func (h *Harness) setCurrent(st int, cur json.RawMessage) {
	client := *h.states[st].Client
	client.Current = cur
	h.states[st].Client = &client
}

// clientPrefix opens a body holding the client alone, as DescribeUserPoolClient and
// UpdateUserPoolClient answers are written (contract-facts §7).
const clientPrefix = `{"UserPoolClient":`

// clientOf is the UserPoolClient member of a response body as encoding/json reads it into
// struct{ UserPoolClient json.RawMessage } (ok false when the body does not decode). A body that
// is exactly {"UserPoolClient":V} is read by slicing V out and checking it with validJSON
// (json.Valid's answer in one tight pass) instead of Unmarshal's two scans; any other goes
// through json.Unmarshal (names matched without regard to case, duplicates, whitespace, ...).
func clientOf(body []byte) (json.RawMessage, bool) {
	if v, ok := clientText(body); ok && validJSON(v) && !isSpace(v[0]) && !isSpace(v[len(v)-1]) {
		return v, true
	}
	var doc struct{ UserPoolClient json.RawMessage }
	if json.Unmarshal(body, &doc) != nil {
		return nil, false
	}
	return doc.UserPoolClient, true
}

// clientOfKept is clientOf for a body that may hold the client the oracle kept from the
// update's answer (k; nil: none): a body {"UserPoolClient":V} whose V is byte for byte the
// text of k's client is V without validJSON's pass (the oracle's one-pass decoder read that
// text, an object, as one JSON value within encoding/json's nesting limit: json.Valid's answer
// for it is true, and it has no space around it); any other goes through clientOf.
func clientOfKept(body []byte, k *contracts.Kept) (json.RawMessage, bool) {
	if v, ok := clientText(body); ok && k.Holds(v) {
		return v, true
	}
	return clientOf(body)
}

// clientText is V of a body {"UserPoolClient":V} (ok false for a body of any other form), not
// checked: clientOf's and clientOfKept's shortcut.
func clientText(body []byte) ([]byte, bool) {
	if bytes.HasPrefix(body, []byte(clientPrefix)) && len(body) > len(clientPrefix) && body[len(body)-1] == '}' {
		return body[len(clientPrefix) : len(body)-1], true
	}
	return nil, false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func describeFinding(expected, actual string) contracts.Finding {
	return contracts.Finding{Check: contracts.CheckInvariant, Rule: "describe", Member: "",
		Expected: "DescribeUserPoolClient returns " + expected, Actual: actual,
		Source: "issue 5: a follow-up DescribeUserPoolClient must return the same client"}
}

func decodeValue(b []byte) any {
	var v any
	if json.Unmarshal(b, &v) != nil {
		return string(b)
	}
	return v
}

func showBody(b []byte) string {
	const n = 200
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
