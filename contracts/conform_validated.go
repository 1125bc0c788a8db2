package contracts

// The shape walk of a 200 skips an echoed list its request's validation already checked: a
// deduction, not a skipped check.
//
// The decode of the answer takes a member of the answer's client whose text is byte for byte
// the request's container of that name as the request's node (nodeDecoder.echoed): the
// answer's value there is the very node the validator walked (its kind and its kids, the same
// memory). When that validation found nothing (validatedRequest) and the client member's
// target shape is the input member's with the same @length (walkedAsValidated), the walk of
// that value cannot find anything either, because for a list of strings or enums the walk
// (shapeWalk.walk, str, strFits, bounds) and the validator (validator.list, stringBreaks,
// broken) check the same things of the same value:
//   - the JSON type: a non-array is a type violation to the validator and a mismatch to the
//     walk; an entry that is null or not a string likewise (validator.list's null case and
//     scalarOf's "string", the walk's mismatch);
//   - the number of entries: Bounds.outside against @length's MinInt and MaxInt, the walk's
//     bounds against the same two integers (a count is an integer: n < float64(lo) is n < lo);
//   - an enum entry's value among the target's EnumValues (memberCheck.enum, str's enum);
//   - a string's characters within the member's @length: nodeChars (the parser's count, or
//     runeCount) against the same MinInt and MaxInt, the walk's chars the same count (counted,
//     or wellFormedChars, which is runeCount on the valid UTF-8 Parse accepts only), or its
//     byte length where that alone keeps it within (countWithin: every count it allows is);
//   - the entry's @pattern: matchPattern of the member's effective constraints on both sides
//     (stringBreaks' runeClass case is matchPattern's first).
//
// Where they differ, nothing is deduced: the validator ignores members a structure does not
// know (R32) where the walk reports them, so a structure is always walked; lists of other
// entries (numbers, blobs, containers), whose type readings differ, are walked too.

// walkedAsValidated reports whether the walk of a value of the client member out finds nothing
// wherever the validator, walking the same value as the input member in, found nothing: out's
// target is in's, a list (or set) of strings or enums, and both members' effective @length
// has the same integer bounds (the only constraint of its own either reads of a list).
func walkedAsValidated(in, out *Member) bool {
	t := out.Target
	if in.Target != t || (t.Type != "list" && t.Type != "set") || t.Member == nil {
		return false
	}
	if et := t.Member.Target.Type; et != "string" && et != "enum" {
		return false
	}
	return sameIntBounds(in.effective().Length, out.effective().Length)
}

// sameIntBounds reports whether a and b have the same integer bounds (MinInt, MaxInt), the
// limits both the validator and the walk compare a count with.
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

// isValidatedNode reports whether the answer's value got is the request's value sent as the
// echo decode took it: the same kind and the very same kids (not a copy: the same memory), so
// that whatever reads got reads sent. An empty container is never taken (no kids tell it
// apart); its walk is one bounds check.
func isValidatedNode(got, sent *jnode) bool {
	return sent != nil && got.kind == sent.kind && len(got.kids) > 0 && len(got.kids) == len(sent.kids) &&
		&got.kids[0] == &sent.kids[0]
}
