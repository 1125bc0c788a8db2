package contracts

import "strconv"

// isNull reports a value that is absent or JSON null: the same to every check (awsJson: null
// members are not set).
func isNull(n *jnode) bool { return n == nil || n.kind == jNull }

// sameValue compares two decoded JSON values (numbers as their text) the way the contract
// means them. Numbers compare by value (1 equals 1.0). Lists compare as sets: the service
// documents no order for any list of this operation, prints lists back in its own order
// (enum sets in OB-03 and OB-05, validation entries in aws-sdk-java-v2#5528), and the
// members are sets by meaning (flows, scopes, URLs, attribute names), so a reordering or a
// dropped duplicate is not a departure. Objects compare member by member, the last of
// duplicate names counting (encoding/json's map). s may be nil when the shape is unknown:
// lists then still compare as sets. Absent (nil) and null are the same value.
func sameValue(s *Shape, a, b *jnode) bool {
	if isNull(a) || isNull(b) {
		return isNull(a) && isNull(b)
	}
	if a.kind != b.kind {
		return false
	}
	switch a.kind {
	case jNumber:
		if a.str() == b.str() {
			return true
		}
		x, err1 := strconv.ParseFloat(a.str(), 64)
		y, err2 := strconv.ParseFloat(b.str(), 64)
		return err1 == nil && err2 == nil && x == y
	case jArray:
		if sameKids(a, b) || sameText(a, b) { // an echo: the list as sent
			return true
		}
		var elem *Shape
		if s != nil && s.Member != nil {
			elem = s.Member.Target
		}
		return sameSet(elem, a.kids, b.kids)
	case jObject:
		return sameKids(a, b) || sameText(a, b) || sameObject(s, a, b)
	case jBool:
		return a.b == b.b
	}
	return a.str() == b.str() // strings
}

// sameText reports whether two containers were read from the same JSON text (raw, the value as
// written; "" for a node built from a Go value, treeOf, which no text stands for): the same text
// is the same value whichever reader read it, as every reader of a raw text decodes it as
// encoding/json does (decodeNode, Parse's tree, fromAny's re-encoded text: TestDecodeNodeAgrees,
// the parser's agreement tests), so sameValue needs no walk of their kids.
//
// Precondition for fromAny's trees: fromAny is given only values encoding/json decoded, whose
// strings are valid UTF-8, so its raw text (json.Marshal's) is one value's. json.Marshal writes
// a Go string's invalid UTF-8 as U+FFFD: a tree made by fromAny from any other Go value could
// have the same raw text as another value, and sameText would take the two as the same.
func sameText(a, b *jnode) bool { return a.raw != "" && a.raw == b.raw }

// sameKids reports whether two containers of one kind hold the same kids, the same memory: the
// node of an answer's member the echo decode took from the request (nodeDecoder.echoed) and the
// request's, one tree, so the same value without a comparison of their texts (sameText's, of
// two texts in two bodies).
func sameKids(a, b *jnode) bool {
	return len(a.kids) > 0 && len(a.kids) == len(b.kids) && &a.kids[0] == &b.kids[0]
}

// sameObject compares objects as encoding/json's maps: the same names (null members count),
// the same value under each.
func sameObject(s *Shape, a, b *jnode) bool {
	la, lb := lastOfNames(a.kids), lastOfNames(b.kids)
	if len(la) != len(lb) {
		return false
	}
	for _, i := range la {
		var sub *Shape
		if s != nil {
			if m, ok := s.MemberNamed(a.kids[i].name); ok {
				sub = m.Target
			}
		}
		y := b.get(a.kids[i].name)
		if y == nil || !sameValue(sub, &a.kids[i].val, y) {
			return false
		}
	}
	return true
}

// lastOfNames are the indexes of the members that count: the last of each name.
func lastOfNames(kids []jmember) []int {
	out := make([]int, 0, len(kids))
	if len(kids) <= 32 {
	next:
		for i := range kids {
			for j := i + 1; j < len(kids); j++ {
				if kids[j].name == kids[i].name {
					continue next
				}
			}
			out = append(out, i)
		}
		return out
	}
	last := make(map[string]int, len(kids))
	for i := range kids {
		last[kids[i].name] = i
	}
	for i := range kids {
		if last[kids[i].name] == i {
			out = append(out, i)
		}
	}
	return out
}

// sameSet reports whether a and b hold the same elements (subset both ways). The same list in
// the same order (what an echo usually is) is seen in one pass, lists of strings (URLs, scopes,
// flows: up to 100 entries) through a set; anything else pairwise.
func sameSet(elem *Shape, a, b []jmember) bool {
	if len(a) == len(b) {
		inOrder := true
		for i := range a {
			if !sameValue(elem, &a[i].val, &b[i].val) {
				inOrder = false
				break
			}
		}
		if inOrder {
			return true
		}
	}
	if set, ok := stringSet(a); ok {
		if other, ok := stringSet(b); ok {
			if len(set) != len(other) {
				return false
			}
			for k := range set {
				if _, ok := other[k]; !ok {
					return false
				}
			}
			return true
		}
	}
	return subset(elem, a, b) && subset(elem, b, a)
}

// stringSet is the set of a list's entries when every entry is a string.
func stringSet(a []jmember) (map[string]struct{}, bool) {
	set := make(map[string]struct{}, len(a))
	for i := range a {
		if a[i].val.kind != jString {
			return nil, false
		}
		set[a[i].val.str()] = struct{}{}
	}
	return set, true
}

// subset reports whether every element of a is in b.
func subset(elem *Shape, a, b []jmember) bool {
	for i := range a {
		found := false
		for j := range b {
			if sameValue(elem, &a[i].val, &b[j].val) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
