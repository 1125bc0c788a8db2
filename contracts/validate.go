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
	vs, _ := validateDocMessage(input, doc, false)
	return vs
}

// validateDocMessage is validateDoc that also returns ValidationMessage(vs) when every
// violation has a message entry ("" with a type violation, or none): the entries are written
// into the message, each Message its substring (validator.finish). eager writes each entry
// when its violation is found instead, and the message from them with ValidationMessage: the
// reference TestValidateDocMessageIsEager holds the one-buffer form to.
func validateDocMessage(input *Shape, doc *jnode, eager bool) ([]Violation, string) {
	if doc.kind != jObject {
		return []Violation{typeViolation("", "the body is a JSON "+doc.kindName()+", want an object")}, ""
	}
	if len(input.Members) <= smallStructure {
		return validateFound(input, memberFinder{obj: doc}, eager)
	}
	var idx finderIndex
	return validateFound(input, indexMembers(doc, &idx), eager)
}

// validateFound is validateDocMessage for a body that is a JSON object, its members looked up
// with top (the finder fixedOf also builds the Request with). When top is indexed and input's
// names are (Shape.names), the body's members are looked up among input's and where each member
// of input is found recorded in top's index (fillAt, finderIndex.at), which the walk and
// requestFound read; otherwise (a shape made by hand) each member is looked up with top and
// nothing is recorded (requestFound looks the members up itself).
func validateFound(input *Shape, top memberFinder, eager bool) ([]Violation, string) {
	var buf [8]string // the path's first levels, on the stack
	v := validator{eager: eager}
	var at *[maxWalkedMembers]uint8
	if top.byLen != nil && input.names != nil {
		top.byLen.walked, at = input, &top.byLen.at
		fillAt(input, top.obj, at)
	}
	v.structureAt(buf[:0], input, top, at)
	if eager {
		for _, x := range v.out {
			if x.Rule == "type" {
				return v.out, ""
			}
		}
		if len(v.out) == 0 {
			return nil, ""
		}
		return v.out, ValidationMessage(v.out)
	}
	return v.out, v.finish()
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

// validator collects the violations of one walk. Each step takes the model path of the value
// it checks (p) as an argument and hands append(p, name) down, so the path is never stored
// through the validator and its buffer stays on validateDoc's stack; a violation copies it.
type validator struct {
	out   []Violation
	first pendingEntry   // the first entry of out's violations, written by finish
	more  []pendingEntry // the entries after it
	npend int            // how many entries are pending
	eager bool           // entries written at once (the reference of validateDocMessage)
}

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
	return typeViolationSourced(member, typeSourcePrefix+why)
}

// typeViolationSourced is typeViolation with its Source, typeSourcePrefix + why, written by the
// caller (wrongType writes it in one concatenation with the rest of its text).
func typeViolationSourced(member, source string) Violation {
	return Violation{Check: CheckShape, Rule: "type", Member: member, Code: "SerializationException", Source: source}
}

// typeSourcePrefix begins a type violation's Source (the awsJson protocol, S5).
const typeSourcePrefix = "S5 awsJson1_1: "

// constraint records a model constraint broken by a value, its message entry pending; source
// is the violation's Source (constraintSource).
func (v *validator) constraint(kind string, p path, rendered string, constraint string, source string) {
	v.out = append(v.out, Violation{Check: CheckShape, Rule: kind, Member: p.Model(), Code: codeInvalidParameter,
		Source: source})
	if v.eager {
		v.out[len(v.out)-1].Message = pathEntry(rendered, p, constraint)
		return
	}
	v.pend(p, rendered, constraint, false)
}

// smallStructure is the most members a structure may have for the validator to look them up
// with jnode.present rather than index the object's members first.
const smallStructure = 4

// structure checks the members of a structure s, looked up with f in the object's members.
func (v *validator) structure(p path, s *Shape, f memberFinder) { v.structureAt(p, s, f, nil) }

// structureAt is structure with the members of s read from at when it is not nil: where f's
// object has each of them (fillAt, finderIndex.at), f indexed; with at nil each is looked up
// with f.
func (v *validator) structureAt(p path, s *Shape, f memberFinder, at *[maxWalkedMembers]uint8) {
	for i, m := range s.Members {
		var val *jnode // JSON null = absent
		if at == nil {
			val = f.present(m.Name)
		} else if k := at[i]; k != 0 {
			val = &f.obj.kids[k-1].val
		}
		if val == nil {
			if m.Required {
				mp := append(p, m.Name)
				v.out = append(v.out, Violation{Check: CheckShape, Rule: "required", Member: mp.Model(),
					Code: codeInvalidParameter, Source: "model: " + s.Name + "." + m.Name + " @required"})
				if v.eager {
					v.out[len(v.out)-1].Message = pathNullEntry(mp)
				} else {
					v.pend(mp, "", "", true)
				}
			}
			continue
		}
		v.value(append(p, m.Name), m.Target, m.effective(), val)
	}
}

// value checks one present value against its target shape and effective constraints.
func (v *validator) value(p path, s *Shape, c *Constraints, val *jnode) {
	switch k := kindOf(s); k {
	case kindStructure:
		if val.kind != jObject {
			v.wrongType(p, "object", val)
			return
		}
		if len(s.Members) <= smallStructure {
			v.structure(p, s, memberFinder{obj: val})
			return
		}
		var idx finderIndex
		v.structure(p, s, indexMembers(val, &idx))
	case kindList:
		if val.kind != jArray {
			v.wrongType(p, "array", val)
			return
		}
		v.list(p, s, c, val.kids)
	case kindMap:
		if val.kind != jObject {
			v.wrongType(p, "object", val)
			return
		}
		v.mapValue(p, s, c, val.toAny().(map[string]any))
	default:
		sv, why := scalarOf(k, s, val)
		if why != "" {
			v.wrongType(p, why, val)
			return
		}
		var buf [maxBroken]brokenConstraint
		for _, con := range sv.broken(s, c, buf[:0]) {
			v.constraint(con.kind, p, sv.render(), con.text, c.texts.sourceOf(s))
		}
	}
}

// wrongType records a value of the wrong JSON type: typeViolation(member, "<member>: want a
// JSON <want>, got <kind>"), its Source written in one concatenation (a Sprintf boxed each
// argument; TestWrongTypeIsSprintf holds it to that form).
func (v *validator) wrongType(p path, want string, val *jnode) {
	member := p.Model()
	v.out = append(v.out, typeViolationSourced(member, typeSourcePrefix+member+": want a JSON "+want+", got "+val.kindName()))
}

// list checks the list length, then its members. Scalar members that break their
// constraints give ONE entry for the whole list, listing every constraint of the member
// shape (the observed form, §7 and PX-02: aws/aws-sdk-java-v2#5528; docs/observations.md).
func (v *validator) list(p path, s *Shape, c *Constraints, arr []jmember) {
	memberBroken := false
	mt, mc := s.Member.Target, s.Member.effective()
	check := memberCheckOf(mt, mc) // the member type's kind and limits, read once per list
	scalarMember := check.kind < kindStructure
	for i := range arr {
		el := &arr[i].val
		if el.kind == jNull {
			// Assumption (unobserved): a null inside a non-sparse list fails deserialisation.
			v.wrongType(p.index(i), s.Member.Target.Type, el)
			continue
		}
		if !scalarMember {
			// Lists of structures/lists are not in this operation's input; Coral's path form
			// "list.N.member.field" is used for them (unobserved here).
			v.value(append(p, strconv.Itoa(i+1), "member"), mt, mc, el)
			continue
		}
		if check.kind == kindString && el.kind == jString { // scalarOf's string case, read in place
			if !memberBroken && check.stringBreaks(mt, mc, el) {
				memberBroken = true
			}
			continue
		}
		sv, why := scalarOf(check.kind, mt, el)
		if why != "" {
			v.wrongType(p.index(i), why, el)
			continue
		}
		if !memberBroken && sv.breaks(mt, mc, &check) {
			memberBroken = true
		}
	}
	lengthBad := c.Length.outside(int64(len(arr)))
	if !lengthBad && !memberBroken {
		return // the happy path renders nothing
	}
	// Java List.toString: [""] renders "[]" (PX-02). The entries print the list straight into
	// the message (pendingEntry.list); the eager reference renders it first.
	var listValue string
	if v.eager {
		listValue = renderList(check.kind, mt, arr)
	}
	var buf [2]brokenConstraint
	for _, con := range appendLengthBroken(buf[:0], c, int64(len(arr)), "length") {
		v.listConstraint(con.kind, p, check.kind, mt, arr, listValue, con.text, c.texts.sourceOf(s))
	}
	if memberBroken {
		v.listConstraint("member", p, check.kind, mt, arr, listValue, mc.texts.memberOf(mt, mc), mc.texts.sourceOf(mt))
	}
}

// listConstraint is constraint for a list's value: rendered when eager, else printed by finish.
// mk is kindOf(mt), the kind of the list's entries.
func (v *validator) listConstraint(kind string, p path, mk scalarKind, mt *Shape, arr []jmember, rendered, constraint, source string) {
	v.constraint(kind, p, rendered, constraint, source)
	if !v.eager {
		e := v.pendingAt(v.npend - 1)
		e.list, e.elem, e.elemKind = arr, mt, mk
	}
}

// renderList is a list as the service prints it, Java's List.toString: "[a, b]"; entries that
// are null, of the wrong type or not scalars print empty.
// It is written into one buffer (one allocation for the string, past textBuf's size the
// buffer's growth).
func renderList(mk scalarKind, mt *Shape, arr []jmember) string {
	var buf textBuf
	b := buf[:0]
	listParts(mk, mt, arr, func(part string) { b = append(b, part...) })
	return string(b)
}

// listParts hands renderList's text to part, piece by piece: "[", each entry's rendering with
// ", " between them, "]". Measuring and writing a list's text (pendingEntry) read it the same.
// mk is kindOf(mt), which the caller has read once for the list.
func listParts(mk scalarKind, mt *Shape, arr []jmember, part func(string)) {
	part("[")
	for i := range arr {
		if i > 0 {
			part(", ")
		}
		if arr[i].val.kind == jNull || mk >= kindStructure { // a container entry renders as ""
			continue
		}
		if sv, why := scalarOf(mk, mt, &arr[i].val); why == "" {
			part(sv.render())
		}
	}
	part("]")
}

// mapValue checks a map's entry count and each value (maps are not in this operation's input;
// kept so a newer model still walks).
func (v *validator) mapValue(p path, s *Shape, c *Constraints, obj map[string]any) {
	var buf [2]brokenConstraint
	for _, con := range appendLengthBroken(buf[:0], c, int64(len(obj)), "length") {
		v.constraint(con.kind, p, fmt.Sprint(obj), con.text, c.texts.sourceOf(s))
	}
	if s.Value == nil {
		return
	}
	for k, val := range obj {
		if val != nil {
			n := fromAny(val)
			v.value(append(p, k), s.Value.Target, s.Value.effective(), &n)
		}
	}
}
