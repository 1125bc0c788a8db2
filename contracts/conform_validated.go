package contracts

import "math"

// The shape walk of a 200 skips a member of the answer's client that is its request's
// validated value: a deduction, not a skipped check.
//
// The decode of the answer takes a member of the answer's client whose text is byte for byte
// the request's container of that name as the request's node (nodeDecoder.echoed): the
// answer's value there is the very node the validator walked (its kind and its kids, the same
// memory). A string or number member whose text is byte for byte the request's (sameText) is,
// to every check of it, that value; another text of the same value (a string escaped
// otherwise) is walked. When the request's validation found nothing (validatedRequest) and the
// client member's target shape is the input member's with the same constraints
// (walkedAsValidated), the walk of that value cannot find anything either, because for a
// string, an enum, a list of strings or enums and an integer of at most 32 bits the walk
// (shapeWalk.walk, str, strFits, bounds) and the validator (validator.value, validator.list,
// stringBreaks, broken) check the same things of the same value:
//   - the JSON type: a value (or a list's entry) of another type, or null in a list, is a type
//     violation to the validator (wrongType; validator.list's null case and scalarOf's
//     "string") and a mismatch to the walk;
//   - the number of a list's entries: Bounds.outside against @length's MinInt and MaxInt, the
//     walk's bounds against the same two integers (a count is an integer: n < float64(lo) is
//     n < lo);
//   - an enum's value among the target's EnumValues (broken's and memberCheck.enum's, str's);
//   - a string's characters within @length: nodeChars or sv.chars (the parser's count, or
//     runeCount) against the same MinInt and MaxInt, the walk's chars the same count (counted,
//     or wellFormedChars, which is runeCount on the valid UTF-8 Parse accepts only), or its
//     byte length where that alone keeps it within (countWithin: every count it allows is);
//   - a string's @pattern: matchPattern of the same compiled pattern on both sides
//     (stringBreaks' runeClass case is matchPattern's first);
//   - an integer of at most 32 bits (byte, short, integer): a number whose text has no fraction
//     or exponent and fits the width (scalarOf's ParseInt with the type's bits; the walk's with
//     64, which every such text passes), within @range: the validator compares float64(i) with
//     the bounds as written, the walk with their ceiling and floor (MinInt, MaxInt), the same
//     answer for an integer, exact in a float64 at that width, when the bounds are within
//     ±2^53 (exactBounds: their ceiling and floor are exact in an int64 and a float64; a bound
//     at or beyond ±2^63 has no int64 ceiling, int64(math.Floor(1e300)) being MinInt64 on
//     amd64, so the walk's bound is not the validator's).
//
// Where they differ, nothing is deduced: the validator ignores members a structure does not
// know (R32) where the walk reports them, so a structure is always walked; longs (past
// float64's exact integers), intEnums (a document to the validator), floats, timestamps,
// booleans, blobs and lists of other entries are walked too.

// walkedAsValidated reports whether the walk of a value of the client member out finds nothing
// wherever the validator, walking the same value as the input member in, found nothing: out's
// target is in's, a string, an enum, a list (or set) of strings or enums or an integer of at
// most 32 bits, and both members' effective constraints that either reads of it are the same:
// @length's integer bounds and, for a string or an enum, the compiled @pattern (samePattern);
// for an integer, @range's integer bounds, within ±2^53 (exactBounds).
func walkedAsValidated(in, out *Member) bool {
	t := out.Target
	if in.Target != t {
		return false
	}
	ic, oc := in.effective(), out.effective()
	switch t.Type {
	case "list", "set":
		if t.Member == nil {
			return false
		}
		if et := t.Member.Target.Type; et != "string" && et != "enum" {
			return false
		}
		return sameIntBounds(ic.Length, oc.Length) // the entries' constraints are t.Member's on both sides
	case "string", "enum":
		return sameIntBounds(ic.Length, oc.Length) && samePattern(ic, oc)
	case "byte", "short", "integer":
		return sameIntBounds(ic.Range, oc.Range) && exactBounds(ic.Range) && exactBounds(oc.Range)
	}
	return false
}

// maxExact is 2^53: every integer from -maxExact to maxExact is exact in a float64.
const maxExact = 1 << 53

// exactBounds reports whether b's bounds, as written (Min, Max) and as integers (MinInt,
// MaxInt), are within ±2^53, where a bound's ceiling and floor are exact integers in an int64
// and a float64 both. NaN is not within.
func exactBounds(b *Bounds) bool {
	if b == nil {
		return true
	}
	for _, f := range []*float64{b.Min, b.Max} {
		if f != nil && !(math.Abs(*f) <= maxExact) {
			return false
		}
	}
	lo, hasLo := b.MinInt()
	hi, hasHi := b.MaxInt()
	return (!hasLo || -maxExact <= lo && lo <= maxExact) && (!hasHi || -maxExact <= hi && hi <= maxExact)
}

// samePattern reports whether a and b hold the same @pattern, compiled once: the same text and
// the same matchers (matchPattern's).
func samePattern(a, b *Constraints) bool {
	return a.Pattern == b.Pattern && a.re == b.re && a.class == b.class && a.seq == b.seq && a.nfa == b.nfa
}

// sameIntBounds reports whether a and b have the same integer bounds (MinInt, MaxInt), the
// limits both the validator and the walk compare a count or an integer with.
func sameIntBounds(a, b *Bounds) bool {
	alo, aHasLo := a.MinInt()
	ahi, aHasHi := a.MaxInt()
	blo, bHasLo := b.MinInt()
	bhi, bHasHi := b.MaxInt()
	return alo == blo && aHasLo == bHasLo && ahi == bhi && aHasHi == bHasHi
}

// validatedRequest reports whether req is a parse by c of a body whose validation found
// nothing: it decoded (no SerializationException) and its fixed part, the state-independent
// prediction PredictParsed works out once per parse (fixedOf: validateFound over the whole
// input, every member and nested value), holds no violation. A parse by another contract
// (whose model may differ) is not taken: nothing is deduced from it.
func (c *Contract) validatedRequest(req *ParsedRequest) bool {
	if req == nil || req.err != nil || req.by != c {
		return false
	}
	f := c.fixedOf(req)
	return f.invalid == nil && f.reqErr == nil
}

// isValidatedNode reports whether the answer's value got is the request's value sent to every
// check of it: a list that the echo decode took from the request (the same kind and the very
// same kids, not a copy: the same memory, sameKids), or a string or a number whose text is
// byte for byte the request's (sameText). An empty list is never taken (no kids tell it
// apart); its walk is one bounds check.
func isValidatedNode(got, sent *jnode) bool {
	if sent == nil || got.kind != sent.kind {
		return false
	}
	switch got.kind {
	case jString, jNumber:
		return sameText(got, sent)
	case jArray:
		return sameKids(got, sent)
	}
	return false
}
