package contracts

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"
)

// shapeWalk checks a decoded JSON value against a model shape, generically: JSON types,
// @length (characters of a string, R31; entries of a list), @range, @pattern, enum values,
// required and unknown members, timestamps as epoch-second numbers (S5), nested structures.
// It collects every finding, never only the first. It walks the tree decodeNode (or Parse)
// builds; the path of the value being walked is a stack of steps, turned into text only when a
// finding is added.
type shapeWalk struct {
	findings []Finding
	path     []wstep // root first: the prefix, then members and list entries
	// wellFormed tells that every string of the walked tree is valid UTF-8, so that a
	// string's characters are its bytes that do not continue a character (wellFormedChars):
	// a tree decodeTreeView decoded (its one-pass strings are checked by validUTF8 or written
	// by utf8.AppendRune, encoding/json's carry U+FFFD for invalid bytes). A tree of Go values
	// (value) may hold any bytes: its strings are counted as utf8.RuneCountInString counts.
	wellFormed bool
	// known are memberSlots' slots of one object of the tree, found by the check before the
	// walk (the answer's client, which the checks against the request read too): structure
	// reads them instead of slotting the object again.
	known knownSlots
	// infos are infoOf's answers for the structures the walk expects (echoPlan.infos; nil:
	// none), read by info.
	infos []shapeInfoAt
}

// knownSlots are the slots memberSlots(shape, obj, slots) filled and its answer.
type knownSlots struct {
	shape   *Shape
	obj     *jnode
	slots   []*jnode
	unknown bool
	// sent are the request's members at their input indexes when the request's validation
	// found nothing (validatedRequest; nil otherwise), and walkedIn echoPlan's: a member of obj
	// that is the request's node of member walkedIn[i] (isValidatedNode) is not walked
	// (conform_validated.go: it cannot break what its validation passed).
	sent     []*jnode
	walkedIn []int
}

// wstep is one step of a walked path: a member (name) or a list entry (idx).
type wstep struct {
	name  string // a member name (or the whole prefix at the root)
	idx   int    // a list entry's index, when entry
	entry bool
}

// pathString is the model path of the value being walked: "UserPoolClient.CallbackURLs[2]".
func (w *shapeWalk) pathString() string {
	s := ""
	for _, st := range w.path {
		if st.entry {
			s += "[" + strconv.Itoa(st.idx) + "]"
		} else {
			s = join(s, st.name)
		}
	}
	return s
}

func (w *shapeWalk) add(kind, path, expected, actual, source string) {
	w.findings = append(w.findings, Finding{Check: CheckShape, Rule: kind, Member: path,
		Expected: expected, Actual: actual, Source: source})
}

// value checks v (decoded with UseNumber, or built as such: matchers_sdk.go) against shape s
// under the constraints c; path is the model path of v ("" for the top).
func (w *shapeWalk) value(s *Shape, c Constraints, v any, path string) {
	n := treeOf(v)
	w.node(s, c, &n, path)
}

// treeOf is the tree of a decoded value for the walk: fromAny without the raw texts the walk
// never reads (one json.Marshal per value), members in map order (the walk slots them by name
// and reports unknown ones sorted).
func treeOf(v any) jnode {
	switch v := v.(type) {
	case bool:
		return jnode{kind: jBool, b: v}
	case json.Number:
		return jnode{kind: jNumber, s: string(v)}
	case string:
		return jnode{kind: jString, s: v}
	case []any:
		n := jnode{kind: jArray, kids: make([]jmember, len(v))}
		for i, e := range v {
			n.kids[i].val = treeOf(e)
		}
		return n
	case map[string]any:
		n := jnode{kind: jObject, kids: make([]jmember, 0, len(v))}
		for k, e := range v {
			n.kids = append(n.kids, jmember{name: k, val: treeOf(e)})
		}
		return n
	}
	return jnode{kind: jNull}
}

// node checks a decoded tree against shape s under the constraints c; path is the model path
// of n ("" for the top).
func (w *shapeWalk) node(s *Shape, c Constraints, n *jnode, path string) {
	w.path = append(w.path[:0], wstep{name: path})
	w.walk(s, &c, n)
}

// src is the source of a shape's findings.
func src(s *Shape) string { return "model: " + s.Name }

// mismatch reports a value of the wrong JSON type at the current path.
func (w *shapeWalk) mismatch(s *Shape, expected string, n *jnode) {
	w.add("type", w.pathString(), expected, typeActual(s, n.toAny()), src(s))
}

func (w *shapeWalk) walk(s *Shape, c *Constraints, n *jnode) {
	switch s.Type {
	case "structure", "union":
		if n.kind != jObject {
			w.mismatch(s, "a JSON object", n)
			return
		}
		w.structure(s, n)
	case "list", "set":
		if n.kind != jArray {
			w.mismatch(s, "a JSON array", n)
			return
		}
		w.bounds("length", c.Length, float64(len(n.kids)), "entries", s)
		if s.Member != nil {
			mc := s.Member.Effective()
			t := s.Member.Target
			plain := t.Type == "string" // str's checks are @length and @pattern only
			for i := range n.kids {
				e := &n.kids[i].val
				if plain && e.kind == jString && w.strFits(&mc, e) {
					continue // str would add nothing: no step for it
				}
				w.path = append(w.path, wstep{idx: i, entry: true})
				w.walk(t, &mc, e)
				w.path = w.path[:len(w.path)-1]
			}
		}
	case "map":
		if n.kind != jObject {
			w.mismatch(s, "a JSON object", n)
		}
	case "string", "enum":
		if n.kind != jString {
			w.mismatch(s, "a JSON string", n)
			return
		}
		w.str(s, c, n)
	case "timestamp":
		// awsJson default timestamp format: epoch seconds as a JSON number, fractions allowed (S5).
		if n.kind != jNumber {
			w.mismatch(s, "epoch seconds as a JSON number", n)
		}
	case "boolean":
		if n.kind != jBool {
			w.mismatch(s, "a JSON boolean", n)
		}
	case "byte", "short", "integer", "long", "intEnum":
		i, err := strconv.ParseInt(n.str(), 10, 64)
		if n.kind != jNumber || err != nil {
			w.mismatch(s, "a JSON integer", n)
			return
		}
		w.bounds("range", c.Range, intFloat(i, n.str()), "", s)
	case "float", "double", "bigDecimal", "bigInteger":
		if n.kind != jNumber {
			w.mismatch(s, "a JSON number", n)
			return
		}
		f, _ := strconv.ParseFloat(n.str(), 64)
		w.bounds("range", c.Range, f, "", s)
	}
}

// memberIndex is the index of the member of s named name, -1 when s has none; guess is tried
// first (answers list members in model order, so the one after the last found usually is it).
func memberIndex(s *Shape, name string, guess int) int {
	if guess >= 0 && guess < len(s.Members) && s.Members[guess].Name == name {
		return guess
	}
	for i, m := range s.Members {
		if m.Name == name {
			return i
		}
	}
	return -1
}

// memberSlots puts each member of obj at its model index in slots (len(s.Members)): the last of
// duplicate names wins, as in encoding/json's map. It reports whether a name is not a member.
// A loaded structure's names are found through its name index (Shape.names: only the members
// of the name's length are compared), whatever the order of obj's members (a request's are
// sorted, an answer's in model order), after the member that follows the last one found (an
// answer's next member, one comparison); a shape made otherwise tries the slotAhead members after
// the last one found first (answers list members in model order, leaving the absent ones out),
// then looks the name up.
func memberSlots(s *Shape, obj *jnode, slots []*jnode) (unknown bool) {
	if s.names != nil {
		next := 0
		for i := range obj.kids {
			name := obj.kids[i].name
			j := next
			if j >= len(s.Members) || s.Members[j].Name != name {
				j = s.names.find(s, name)
			}
			if j >= 0 {
				slots[j], next = &obj.kids[i].val, j+1
			} else {
				unknown = true
			}
		}
		return unknown
	}
	var info *shapeInfo // read at the first name not found ahead (a sync.Map load)
	next := 0
	for i := range obj.kids {
		name := obj.kids[i].name
		j := memberAhead(s.Members, next, name)
		if j < 0 {
			if info == nil {
				info = infoOf(s)
			}
			var ok bool
			if j, ok = info.index[name]; !ok {
				unknown = true
				continue
			}
		}
		slots[j], next = &obj.kids[i].val, j+1
	}
	return unknown
}

// slotAhead is how many members after the last one found memberSlots compares a name with
// before it looks the name up: an answer in model order leaves out a few absent members
// between two present ones.
const slotAhead = 8

// memberAhead is the index of the member called name among the slotAhead members from next,
// -1 when none of them is (member names are unique: the index is the one info.index holds).
func memberAhead(members []*Member, next int, name string) int {
	for j := next; j < min(next+slotAhead, len(members)); j++ {
		if members[j].Name == name {
			return j
		}
	}
	return -1
}

// slotsFor returns len(s.Members) slots, in buf when it is big enough.
func slotsFor(s *Shape, buf []*jnode) []*jnode {
	if len(s.Members) <= len(buf) {
		return buf[:len(s.Members)]
	}
	return make([]*jnode, len(s.Members))
}

// shapeInfo is what the checks read of a structure shape, computed once per shape.
type shapeInfo struct {
	constraints []Constraints  // the members' Effective constraints, in member order
	index       map[string]int // member name -> its index in Members
}

var shapeInfos sync.Map // *Shape -> *shapeInfo

func infoOf(s *Shape) *shapeInfo {
	if info, ok := shapeInfos.Load(s); ok {
		return info.(*shapeInfo)
	}
	info := &shapeInfo{constraints: make([]Constraints, len(s.Members)), index: make(map[string]int, len(s.Members))}
	for i, mem := range s.Members {
		info.constraints[i] = mem.Effective()
		if _, dup := info.index[mem.Name]; !dup { // the first, as MemberNamed finds it
			info.index[mem.Name] = i
		}
	}
	v, _ := shapeInfos.LoadOrStore(s, info)
	return v.(*shapeInfo)
}

func (w *shapeWalk) structure(s *Shape, obj *jnode) {
	var buf [64]*jnode
	var slots, sent []*jnode
	var walkedIn []int
	var unknown bool
	if k := &w.known; k.obj == obj && k.shape == s && obj != nil {
		slots, unknown, sent, walkedIn = k.slots, k.unknown, k.sent, k.walkedIn
	} else {
		slots = slotsFor(s, buf[:])
		unknown = memberSlots(s, obj, slots)
	}
	info := w.info(s)
	cs := info.constraints
	for i, mem := range s.Members {
		v := slots[i]
		mc := &cs[i]
		if v == nil || v.kind == jNull {
			if mc.Required {
				w.add("required", join(w.pathString(), mem.Name), "a value (@required)", "absent", "model: "+s.Name)
			}
			continue
		}
		if sent != nil && walkedIn[i] >= 0 && isValidatedNode(v, sent[walkedIn[i]]) {
			continue // the request's validated value (conform_validated.go)
		}
		w.path = append(w.path, wstep{name: mem.Name})
		w.walk(mem.Target, mc, v)
		w.path = w.path[:len(w.path)-1]
	}
	if !unknown {
		return
	}
	var names []string
	index := info.index
	for i := range obj.kids {
		if _, ok := index[obj.kids[i].name]; !ok {
			names = append(names, obj.kids[i].name)
		}
	}
	sort.Strings(names)
	path := w.pathString()
	for i, name := range names { // reported in name order, each name once
		if i == 0 || name != names[i-1] {
			w.add("unknown-member", join(path, name), "only members of "+s.Name, "unknown member "+strconv.Quote(name), "model: "+s.Name)
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// typeActual renders a value of the wrong JSON type: its kind, then the value unless the shape
// is @sensitive or the value is a container.
func typeActual(s *Shape, v any) string {
	switch v.(type) {
	case map[string]any, []any, nil:
		return jsonKindOf(v)
	}
	return jsonKindOf(v) + " " + showValue(v, s.Sensitive)
}

func jsonKindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// accountID matches the 12-digit AWS account id inside an ARN.
var accountID = regexp.MustCompile(`:\d{12}:`)

// showValue renders a value for a finding: compact JSON, long strings cut ("aaaa..." (129
// chars)), @sensitive values and account ids redacted so no secret reaches a report or a log.
func showValue(v any, sensitive bool) string {
	if sensitive {
		if s, ok := v.(string); ok {
			return fmt.Sprintf("<redacted, %d chars>", utf8.RuneCountInString(s))
		}
		return "<redacted>"
	}
	if s, ok := v.(string); ok && utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		return strconv.Quote(string(r[:4])+"...") + fmt.Sprintf(" (%d chars)", len(r))
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	out := accountID.ReplaceAllString(string(b), ":<account>:")
	if utf8.RuneCountInString(out) > 200 {
		out = string([]rune(out)[:200]) + "..."
	}
	return out
}
