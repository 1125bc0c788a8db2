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
func (c *Contract) validate(body []byte) (*jnode, []Violation) {
	return validateInput(c.Operation.Input, body)
}

func validateInput(input *Shape, body []byte) (*jnode, []Violation) {
	doc, err := parseRequestBody(body)
	if err != nil {
		return nil, []Violation{typeViolation("", err.Error())}
	}
	return &doc, validateDoc(input, &doc)
}

// validateDoc walks a decoded body; doc is nil when the body did not decode.
func validateDoc(input *Shape, doc *jnode) []Violation {
	if doc.kind != jObject {
		return []Violation{typeViolation("", "the body is a JSON "+doc.kindName()+", want an object")}
	}
	var buf [8]string
	v := validator{p: buf[:0]}
	v.structure(input, doc)
	return v.out
}

// decodeBody parses one JSON value, numbers kept as text so integers are checked exactly. It is
// the reference parseJSON agrees with, and gives its error texts.
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

// validator collects the violations of one walk. p is the model path of the value being
// checked; it grows and shrinks with the walk, and is copied only into a violation.
type validator struct {
	out []Violation
	p   path
}

func (v *validator) push(name string) { v.p = append(v.p, name) }
func (v *validator) pop()             { v.p = v.p[:len(v.p)-1] }

// path is the model path of a value: member names from the input structure down.
type path []string

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

func (v *validator) structure(s *Shape, obj *jnode) {
	var f memberFinder
	indexed := len(s.Members) > 4 && newMemberFinder(obj, &f) // a small structure keeps to present
	for _, m := range s.Members {
		var val *jnode // JSON null = absent
		if indexed {
			val = f.present(m.Name)
		} else {
			val = obj.present(m.Name)
		}
		if val == nil {
			if m.Required {
				v.push(m.Name)
				v.out = append(v.out, Violation{Check: CheckShape, Rule: "required", Member: v.p.Model(),
					Code: codeInvalidParameter, Message: nullEntry(v.p.Wire()),
					Source: "model: " + s.Name + "." + m.Name + " @required"})
				v.pop()
			}
			continue
		}
		v.push(m.Name)
		v.value(m.Target, m.effective(), val)
		v.pop()
	}
}

// value checks one present value against its target shape and effective constraints.
func (v *validator) value(s *Shape, c *Constraints, val *jnode) {
	switch s.Type {
	case "structure", "union":
		if val.kind != jObject {
			v.wrongType(v.p, "object", val)
			return
		}
		v.structure(s, val)
	case "list", "set":
		if val.kind != jArray {
			v.wrongType(v.p, "array", val)
			return
		}
		v.list(s, c, val.kids)
	case "map":
		if val.kind != jObject {
			v.wrongType(v.p, "object", val)
			return
		}
		v.mapValue(s, c, val.toAny().(map[string]any))
	default:
		sv, why := scalar(s, val)
		if why != "" {
			v.wrongType(v.p, why, val)
			return
		}
		for _, con := range sv.broken(s, c) {
			v.out = append(v.out, constraintViolation(con.kind, v.p, sv.render(), con.text, s))
		}
	}
}

func (v *validator) wrongType(p path, want string, val *jnode) {
	v.out = append(v.out, typeViolation(p.Model(), fmt.Sprintf("%s: want a JSON %s, got %s", p.Model(), want, val.kindName())))
}

// list checks the list length, then its members. Scalar members that break their
// constraints give ONE entry for the whole list, listing every constraint of the member
// shape (the observed form, §7 and PX-02: aws/aws-sdk-java-v2#5528; docs/observations.md).
func (v *validator) list(s *Shape, c *Constraints, arr []jmember) {
	memberBroken := false
	mt, mc := s.Member.Target, s.Member.effective()
	for i := range arr {
		el := &arr[i].val
		if el.kind == jNull {
			// Assumption (unobserved): a null inside a non-sparse list fails deserialisation.
			v.wrongType(v.p.index(i), s.Member.Target.Type, el)
			continue
		}
		if !isScalar(mt) {
			// Lists of structures/lists are not in this operation's input; Coral's path form
			// "list.N.member.field" is used for them (unobserved here).
			v.push(strconv.Itoa(i + 1))
			v.push("member")
			v.value(mt, mc, el)
			v.pop()
			v.pop()
			continue
		}
		sv, why := scalar(mt, el)
		if why != "" {
			v.wrongType(v.p.index(i), why, el)
			continue
		}
		if !memberBroken && sv.breaks(mt, mc) {
			memberBroken = true
		}
	}
	lengthBad := c.Length.outside(int64(len(arr)))
	if !lengthBad && !memberBroken {
		return // the happy path renders nothing
	}
	listValue := renderList(mt, arr) // Java List.toString: [""] renders "[]" (PX-02)
	for _, con := range lengthBroken(c.Length, int64(len(arr)), "length") {
		v.out = append(v.out, constraintViolation(con.kind, v.p, listValue, con.text, s))
	}
	if memberBroken {
		all := allConstraints(s.Member.Target, s.Member.effective())
		v.out = append(v.out, constraintViolation("member", v.p, listValue,
			"Member must satisfy constraint: ["+strings.Join(all, ", ")+"]", s.Member.Target))
	}
}

// renderList is a list as the service prints it, Java's List.toString: "[a, b]"; entries that
// are null, of the wrong type or not scalars print empty.
func renderList(mt *Shape, arr []jmember) string {
	rendered := make([]string, len(arr))
	for i := range arr {
		if arr[i].val.kind == jNull || !isScalar(mt) {
			continue
		}
		if sv, why := scalar(mt, &arr[i].val); why == "" {
			rendered[i] = sv.render()
		}
	}
	return "[" + strings.Join(rendered, ", ") + "]"
}

// mapValue checks a map's entry count and each value (maps are not in this operation's input;
// kept so a newer model still walks).
func (v *validator) mapValue(s *Shape, c *Constraints, obj map[string]any) {
	for _, con := range lengthBroken(c.Length, int64(len(obj)), "length") {
		v.out = append(v.out, constraintViolation(con.kind, v.p, fmt.Sprint(obj), con.text, s))
	}
	if s.Value == nil {
		return
	}
	for k, val := range obj {
		if val != nil {
			n := fromAny(val)
			v.push(k)
			v.value(s.Value.Target, s.Value.effective(), &n)
			v.pop()
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
