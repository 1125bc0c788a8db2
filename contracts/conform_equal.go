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
		return subset(elem, av, bv) && subset(elem, bv, av)
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
