package contracts

import "encoding/json"

// sameValue compares two decoded JSON values (numbers as json.Number) the way the contract
// means them. Numbers compare by value (1 equals 1.0). Lists compare as sets: the service
// documents no order for any list of this operation, prints lists back in its own order
// (enum sets in OB-03 and OB-05, validation entries in aws-sdk-java-v2#5528), and the
// members are sets by meaning (flows, scopes, URLs, attribute names), so a reordering or a
// dropped duplicate is not a departure. s may be nil when the shape is unknown: lists then
// still compare as sets.
func sameValue(s *Shape, a, b any) bool {
	switch av := a.(type) {
	case nil:
		return b == nil
	case json.Number:
		bv, ok := b.(json.Number)
		if !ok {
			return false
		}
		if av == bv {
			return true
		}
		x, err1 := av.Float64()
		y, err2 := bv.Float64()
		return err1 == nil && err2 == nil && x == y
	case []any:
		bv, ok := b.([]any)
		if !ok {
			return false
		}
		var elem *Shape
		if s != nil && s.Member != nil {
			elem = s.Member.Target
		}
		return sameSet(elem, av, bv)
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for k, x := range av {
			var sub *Shape
			if s != nil {
				if m, ok := s.MemberNamed(k); ok {
					sub = m.Target
				}
			}
			y, ok := bv[k]
			if !ok || !sameValue(sub, x, y) {
				return false
			}
		}
		return true
	default: // string, bool
		return a == b
	}
}

// sameSet reports whether a and b hold the same elements (subset both ways). The same list in
// the same order (what an echo usually is) is seen in one pass, lists of strings (URLs, scopes,
// flows: up to 100 entries) through a set; anything else pairwise.
func sameSet(elem *Shape, a, b []any) bool {
	if len(a) == len(b) {
		inOrder := true
		for i := range a {
			if !sameValue(elem, a[i], b[i]) {
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
func stringSet(a []any) (map[string]struct{}, bool) {
	set := make(map[string]struct{}, len(a))
	for _, x := range a {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		set[s] = struct{}{}
	}
	return set, true
}

// subset reports whether every element of a is in b.
func subset(elem *Shape, a, b []any) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			if sameValue(elem, x, y) {
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
