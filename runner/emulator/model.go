package emulator

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// The operations other than UpdateUserPoolClient are plain state handling: they check only
// what the emulator needs (required members, the enums and ranges it reads), and read those
// from the model, never from Go literals.

// inputMember returns a member of an operation's input shape.
func (e *Emulator) inputMember(op, member string) (*contracts.Member, bool) {
	o, err := e.contract.Model.Operation(op)
	if err != nil || o.Input == nil {
		return nil, false
	}
	return o.Input.MemberNamed(member)
}

// validationError is InvalidParameterException with the service's validation message, joined
// by contracts.ValidationMessage (contract-facts §7).
func validationError(entries []string) *apiError {
	vs := make([]contracts.Violation, len(entries))
	for i, en := range entries {
		vs[i] = contracts.Violation{Message: en}
	}
	return clientError("InvalidParameterException", contracts.ValidationMessage(vs))
}

// validateInput checks a request against its operation's input shape with the contract's
// generic walk (contracts.ValidateInput: JSON types, required members, lengths, ranges,
// patterns, enums): a wrong JSON type is a SerializationException, anything else an
// InvalidParameterException with the service's validation message. Members named in hide are
// left out of the walk (the walk echoes values, and a ClientSecret must not be echoed).
func (e *Emulator) validateInput(op string, obj map[string]json.RawMessage, hide ...string) *apiError {
	o, err := e.contract.Model.Operation(op)
	if err != nil || o.Input == nil {
		return nil
	}
	body := obj
	if len(hide) > 0 {
		body = make(map[string]json.RawMessage, len(obj))
		for k, v := range obj {
			if !slices.Contains(hide, k) {
				body[k] = v
			}
		}
	}
	raw, merr := json.Marshal(body)
	if merr != nil {
		return clientError("SerializationException", "Request body could not be read")
	}
	return e.validateJSON(op, raw)
}

// validateJSON is validateInput on the body as json.Marshal wrote it from the request's
// members.
func (e *Emulator) validateJSON(op string, raw []byte) *apiError {
	o, err := e.contract.Model.Operation(op)
	if err != nil || o.Input == nil {
		return nil
	}
	vs := contracts.ValidateInput(o.Input, raw)
	if len(vs) == 0 {
		return nil
	}
	for _, v := range vs {
		if v.Rule == "type" {
			return clientError("SerializationException", "Unexpected JSON type for member "+v.Member)
		}
	}
	return clientError("InvalidParameterException", contracts.ValidationMessage(vs))
}

// checkString answers InvalidParameterException when a string breaks the length (counted in
// characters, R31) or pattern of a shape.
func (e *Emulator) checkString(shapeName, path, v string) *apiError {
	s, ok := e.contract.Model.Shape(shapeName)
	if !ok {
		return nil
	}
	n := int64(utf8.RuneCountInString(v))
	if lo, ok := s.Length.MinInt(); ok && n < lo {
		return validationError([]string{fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", path, lo)})
	}
	if hi, ok := s.Length.MaxInt(); ok && n > hi {
		return validationError([]string{fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", path, hi)})
	}
	if re := s.Regexp(); re != nil && !re.MatchString(v) {
		return validationError([]string{fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s",
			path, strings.TrimSuffix(strings.TrimPrefix(s.Pattern, "^"), "$"))})
	}
	return nil
}

// inputNames are the member names of an operation's input shape.
func (e *Emulator) inputNames(op string) map[string]bool {
	o, err := e.contract.Model.Operation(op)
	if err != nil || o.Input == nil {
		return nil
	}
	names := make(map[string]bool, len(o.Input.Members))
	for _, m := range o.Input.Members {
		names[m.Name] = true
	}
	return names
}

// sharedMembers are the members two structures have in common, in the order of the first.
func (e *Emulator) sharedMembers(from, to string) []string {
	a, okA := e.contract.Model.Shape(from)
	b, okB := e.contract.Model.Shape(to)
	if !okA || !okB {
		return nil
	}
	var out []string
	for _, m := range a.Members {
		if _, ok := b.MemberNamed(m.Name); ok {
			out = append(out, m.Name)
		}
	}
	return out
}

// object parses a request body (already known to be a JSON object) into its members.
func object(raw []byte) (map[string]json.RawMessage, *apiError) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, clientError("SerializationException", "Request body is not a JSON object")
	}
	return obj, nil
}
