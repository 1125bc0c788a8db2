package contracts

import (
	"encoding/json"
	"fmt"
	"net/http"
	"unsafe"
)

// Contract is what the service promises for one operation, read from a model.
// The emulator, the fuzz oracle, the fixture replayer and the matchers all ask a Contract;
// nothing else states a rule.
type Contract struct {
	Model     *Model
	Operation *Operation
	rules     *ruleModel // what the semantic rules read from Model (R13 bounds, R17 legacy flows)
	memo      *parseMemo // the last bodies parsed (Parse); nil: none remembered
	// fields is the Request field each member of Operation.Input sets, in its order (requestFound).
	fields []reqField
	// unread is the input's members whose long values Parse may leave undecoded
	// (unreadStrings), read once by New.
	unread unreadStrings
}

// UpdateUserPoolClient is the contract of UpdateUserPoolClient in the embedded model.
var UpdateUserPoolClient = mustContract(DefaultModel())

func mustContract(m *Model) *Contract {
	c, err := New(m)
	if err != nil {
		panic("contracts: " + err.Error())
	}
	return c
}

// New returns the UpdateUserPoolClient contract of a model, for example one loaded with
// LoadModelFile from a newer model release. The semantic rules read their model facts (R13's
// upper bounds, R17's legacy flows) from m, once; New fails naming the shape when m lacks one
// a rule needs.
func New(m *Model) (*Contract, error) {
	op, err := m.Operation("UpdateUserPoolClient")
	if err != nil {
		return nil, err
	}
	if op.Input == nil || op.Output == nil {
		return nil, fmt.Errorf("operation UpdateUserPoolClient has no input or output shape")
	}
	rm, err := newRuleModel(m)
	if err != nil {
		return nil, fmt.Errorf("operation UpdateUserPoolClient: %w", err)
	}
	if err := checkTimeUnits(m); err != nil {
		return nil, fmt.Errorf("operation UpdateUserPoolClient: %w", err)
	}
	return &Contract{Model: m, Operation: op, rules: rm, memo: new(parseMemo), fields: inputFields(op.Input),
		unread: unreadStringsOf(op.Input)}, nil
}

// Target is the X-Amz-Target header value of the operation.
func (c *Contract) Target() string { return c.Model.Service + "." + c.Operation.Name }

// Check names the kind of check that produced a Violation or a Finding, so reports can group
// and filter them.
type Check string

// The checks.
const (
	CheckShape          Check = "shape"            // types and model constraints (length, range, pattern, enum, required, unknown members)
	CheckErrorCode      Check = "error-code"       // the error code is documented and is the predicted one
	CheckStatus         Check = "status"           // the HTTP status is the one the service sends
	CheckProtocol       Check = "protocol"         // awsJson1_1 wire details: Content-Type, x-amzn-RequestId, error body
	CheckEcho           Check = "echo"             // what was sent comes back
	CheckResetToDefault Check = "reset-to-default" // what was omitted comes back as its documented default (R1)
	CheckInvariant      Check = "invariant"        // ClientId, UserPoolId, CreationDate, ClientSecret unchanged; LastModifiedDate not going back
	CheckRule           Check = "rule"             // a semantic rule Rnn of contract-facts §6
)

// Violation is one model constraint or semantic rule that a request breaks, with the answer
// the service is predicted to give for it.
type Violation struct {
	Check Check // CheckShape for model constraints and JSON types, CheckRule for semantic rules
	// Rule is the rule id ("R8") for CheckRule, or the constraint kind for CheckShape:
	// "type", "required", "length", "range", "pattern", "enum", "member" (a list member's constraints).
	Rule string
	// Member is the model path of the offending value: "ClientName",
	// "TokenValidityUnits.AccessToken", "CallbackURLs".
	Member string
	// Code is the predicted error code.
	Code string
	// Message is the service's text for this violation: for a constraint, its entry
	// "Value '…' at '…' failed to satisfy constraint: …"; for a rule, the observed message, or
	// "" where no message was ever observed (then nothing about the text is asserted).
	Message string
	// Source says where the constraint or rule comes from ("model: ClientNameType",
	// "R8: S1 AllowedOAuthFlows doc").
	Source string
}

// Prediction is the answer the service is predicted to give to a request.
type Prediction struct {
	Status int    // 200, 400 or 500
	Code   string // the error code; "" when success is predicted
	// Message is the exact error message expected, or "" when it is not asserted.
	Message string
	// Violations are every constraint and rule the request breaks, in the order the service
	// evaluates them: constraints first, then resource lookup, then rules.
	Violations []Violation
	// Alternatives are other error codes the service may answer with when several rules of
	// different codes are broken and the order in which it evaluates them is not documented.
	Alternatives []string
	// validMessage is Message as PredictParsed made it, known to be valid UTF-8 (utf8Message);
	// "" when the message is not known valid. A Message changed or set by anyone else is not
	// this string, and is checked.
	validMessage string
}

// OK reports whether success is predicted.
func (p Prediction) OK() bool { return p.Code == "" }

// messageKnownValid reports whether Message is the text PredictParsed made and knew to be
// valid UTF-8: the same bytes in memory (the same pointer and length, so a Message set anew,
// even to equal text, is not taken for it).
func (p Prediction) messageKnownValid() bool {
	return p.Message != "" && len(p.Message) == len(p.validMessage) &&
		unsafe.StringData(p.Message) == unsafe.StringData(p.validMessage)
}

// Accepts reports whether an error code is the predicted one or one of its alternatives.
func (p Prediction) Accepts(code string) bool {
	if code == p.Code {
		return true
	}
	for _, a := range p.Alternatives {
		if a == code {
			return true
		}
	}
	return false
}

// State is what the service knows when a request arrives: the semantic rules depend on it.
type State struct {
	Pool   *PoolState   // nil: the user pool does not exist
	Client *ClientState // nil: the app client does not exist in the pool
}

// PoolState is the part of a user pool the rules read.
type PoolState struct {
	ID                string
	Tier              string // UserPoolTierType: LITE, ESSENTIALS, PLUS ("" is the service default)
	ResourceServers   []ResourceServer
	IdentityProviders []string // provider names configured in the pool (SAML, OIDC, social)
	// Attributes are the pool's schema attribute names: standard ones ("email") and custom
	// ones with their prefix ("custom:tenant").
	Attributes []string
}

// ResourceServer is a resource server of a pool with its scope names.
type ResourceServer struct {
	Identifier string
	Scopes     []string
}

// ClientState is the part of an app client the rules read.
type ClientState struct {
	ID        string
	HasSecret bool
	// Current is the client as the service holds it before the update (a UserPoolClientType
	// JSON object), used for the invariants; may be nil.
	Current json.RawMessage
}

// Exchange is one UpdateUserPoolClient request and the response that came back.
type Exchange struct {
	Request json.RawMessage // the request body as sent
	// Before is the client before the update (UserPoolClientType JSON), when known.
	Before json.RawMessage
	Status int
	Header http.Header
	Body   []byte
}

// Finding is one way a response departs from the contract.
type Finding struct {
	Check    Check
	Rule     string // the rule id for CheckRule ("R14"), or a constraint kind
	Member   string // the model path concerned, "" for the whole response
	Expected string
	Actual   string
	Source   string
}

// Label is the check as reports print it: "shape", "rule R14".
func (f Finding) Label() string {
	if f.Check == CheckRule && f.Rule != "" {
		return "rule " + f.Rule
	}
	return string(f.Check)
}

// String renders a finding on one line.
func (f Finding) String() string {
	s := f.Label()
	if f.Member != "" {
		s += " " + f.Member
	}
	return fmt.Sprintf("%s: expected %s, got %s", s, f.Expected, f.Actual)
}
