package contracts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Validate checks a raw UpdateUserPoolClient request body against the model (JSON types,
// required members, lengths in characters, ranges, patterns, enums, list lengths and list
// members, nested structures) and returns every violation with the service's message entry.
//
// The walk is generic: it reads c.Operation.Input and the shapes it reaches, so no member is
// named here. Violations come in model member order, depth first. A body that is not a JSON
// object, or a member of the wrong JSON type, gives a CheckShape violation with Rule "type"
// and Code SerializationException (the awsJson protocol error, S5; its text is not asserted).
// JSON null counts as absent; members the model does not know are ignored (R32).
func (c *Contract) Validate(body []byte) []Violation {
	_, vs := c.validate(body)
	return vs
}

// ValidateInput is Validate for the input structure of any operation of the model (for
// example CreateUserPoolClient's, which an emulator also serves): the same generic walk and
// the same message entries.
func ValidateInput(input *Shape, body []byte) []Violation {
	_, vs := validateInput(input, body)
	return vs
}

// validate also returns the decoded body, so Predict decodes it once.
func (c *Contract) validate(body []byte) (map[string]any, []Violation) {
	return validateInput(c.Operation.Input, body)
}

func validateInput(input *Shape, body []byte) (map[string]any, []Violation) {
	doc, err := decodeBody(body)
	if err != nil {
		return nil, []Violation{typeViolation("", err.Error())}
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, []Violation{typeViolation("", "the body is a JSON "+jsonKind(doc)+", want an object")}
	}
	var v validator
	v.structure(input, obj, nil)
	return obj, v.out
}

// decodeBody parses one JSON value, numbers kept as text so integers are checked exactly.
func decodeBody(body []byte) (any, error) {
	// encoding/json would silently replace invalid UTF-8 with U+FFFD; the service's parser
	// rejects it (assumption: the response to invalid UTF-8 was never observed).
	if !utf8.Valid(body) {
		return nil, errors.New("the body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("malformed JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("malformed JSON: data after the top-level value")
	}
	return doc, nil
}

// validator collects the violations of one walk.
type validator struct {
	out []Violation
}

// path is the model path of a value: member names from the input structure down.
type path []string

func (p path) child(name string) path {
	return append(p[:len(p):len(p)], name)
}

// index is the path of the i-th (0-based) list entry, "CallbackURLs[2]", for type violations.
func (p path) index(i int) path {
	q := append(path(nil), p...)
	q[len(q)-1] += "[" + strconv.Itoa(i) + "]"
	return q
}

// Model is "TokenValidityUnits.AccessToken", the Violation.Member form.
func (p path) Model() string { return strings.Join(p, ".") }

// Wire is "tokenValidityUnits.accessToken", the form of the service's messages (§7).
func (p path) Wire() string {
	parts := make([]string, len(p))
	for i, name := range p {
		parts[i] = lowerFirst(name)
	}
	return strings.Join(parts, ".")
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToLower(string(r)) + s[n:]
}

func typeViolation(member, why string) Violation {
	return Violation{Check: CheckShape, Rule: "type", Member: member, Code: "SerializationException",
		Source: "S5 awsJson1_1: " + why}
}

// constraintViolation is a model constraint broken by a value, with its message entry.
func constraintViolation(kind string, p path, rendered string, constraint string, shape *Shape) Violation {
	return Violation{Check: CheckShape, Rule: kind, Member: p.Model(), Code: codeInvalidParameter,
		Message: entry(rendered, p.Wire(), constraint), Source: "model: " + shape.Name}
}

func (v *validator) structure(s *Shape, obj map[string]any, p path) {
	for _, m := range s.Members {
		c := m.Effective()
		val, present := obj[m.Name]
		mp := p.child(m.Name)
		if !present || val == nil { // JSON null = absent
			if c.Required {
				v.out = append(v.out, Violation{Check: CheckShape, Rule: "required", Member: mp.Model(),
					Code: codeInvalidParameter, Message: nullEntry(mp.Wire()),
					Source: "model: " + s.Name + "." + m.Name + " @required"})
			}
			continue
		}
		v.value(m.Target, c, val, mp)
	}
}

// value checks one present value against its target shape and effective constraints.
func (v *validator) value(s *Shape, c Constraints, val any, p path) {
	switch s.Type {
	case "structure", "union":
		obj, ok := val.(map[string]any)
		if !ok {
			v.wrongType(p, "object", val)
			return
		}
		v.structure(s, obj, p)
	case "list", "set":
		arr, ok := val.([]any)
		if !ok {
			v.wrongType(p, "array", val)
			return
		}
		v.list(s, c, arr, p)
	case "map":
		obj, ok := val.(map[string]any)
		if !ok {
			v.wrongType(p, "object", val)
			return
		}
		v.mapValue(s, c, obj, p)
	default:
		sv, why := scalar(s, val)
		if why != "" {
			v.wrongType(p, why, val)
			return
		}
		for _, con := range sv.broken(s, c) {
			v.out = append(v.out, constraintViolation(con.kind, p, sv.render, con.text, s))
		}
	}
}

func (v *validator) wrongType(p path, want string, val any) {
	v.out = append(v.out, typeViolation(p.Model(), fmt.Sprintf("%s: want a JSON %s, got %s", p.Model(), want, jsonKind(val))))
}

// list checks the list length, then its members. Scalar members that break their
// constraints give ONE entry for the whole list, listing every constraint of the member
// shape (the observed form, §7 and aws/aws-sdk-java-v2#5528).
func (v *validator) list(s *Shape, c Constraints, arr []any, p path) {
	rendered := make([]string, len(arr))
	memberBroken := false
	for i, el := range arr {
		ep := p.index(i)
		if el == nil {
			// Assumption (unobserved): a null inside a non-sparse list fails deserialisation.
			v.wrongType(ep, s.Member.Target.Type, el)
			continue
		}
		mt, mc := s.Member.Target, s.Member.Effective()
		if !isScalar(mt) {
			// Lists of structures/lists are not in this operation's input; Coral's path form
			// "list.N.member.field" is used for them (unobserved here).
			v.value(mt, mc, el, p.child(strconv.Itoa(i+1)).child("member"))
			continue
		}
		sv, why := scalar(mt, el)
		if why != "" {
			v.wrongType(ep, why, el)
			continue
		}
		rendered[i] = sv.render
		if len(sv.broken(mt, mc)) > 0 {
			memberBroken = true
		}
	}
	listValue := "[" + strings.Join(rendered, ", ") + "]" // Java List.toString: [""] renders "[]"
	for _, con := range lengthBroken(c.Length, int64(len(arr)), "length") {
		v.out = append(v.out, constraintViolation(con.kind, p, listValue, con.text, s))
	}
	if memberBroken {
		all := allConstraints(s.Member.Target, s.Member.Effective())
		v.out = append(v.out, constraintViolation("member", p, listValue,
			"Member must satisfy constraint: ["+strings.Join(all, ", ")+"]", s.Member.Target))
	}
}

// mapValue checks a map's entry count and each value (maps are not in this operation's input;
// kept so a newer model still walks).
func (v *validator) mapValue(s *Shape, c Constraints, obj map[string]any, p path) {
	for _, con := range lengthBroken(c.Length, int64(len(obj)), "length") {
		v.out = append(v.out, constraintViolation(con.kind, p, fmt.Sprint(obj), con.text, s))
	}
	if s.Value == nil {
		return
	}
	for k, val := range obj {
		if val != nil {
			v.value(s.Value.Target, s.Value.Effective(), val, p.child(k))
		}
	}
}

func isScalar(s *Shape) bool {
	switch s.Type {
	case "structure", "union", "list", "set", "map":
		return false
	}
	return true
}

func jsonKind(val any) string {
	switch val.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", val)
}
