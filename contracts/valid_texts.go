package contracts

// constraintTexts are the texts a value of one member prints when it breaks a constraint (§7):
// each constraint's text and the violation's Source, written once with the member's effective
// constraints (Member.effective) rather than at every violation, where each cost an allocation
// (a negative request's entry, and a list member's whole constraint set, of a few hundred
// bytes). They are read through their methods, which write the text now when t is nil
// (constraints made otherwise than by effective); TestConstraintTextsAreWritten holds the
// written texts to those.
type constraintTexts struct {
	enum                 string // enumText of the target's values ("" for a target not an enum)
	lengthMax, lengthMin string // lengthMaxText, lengthMinText of @length's bounds
	pattern              string // patternText of @pattern
	rangeMax, rangeMin   string // rangeMaxText, rangeMinText of @range's bounds
	member               string // memberConstraintText: every constraint, for a list's member
	source               string // a constraint violation's Source: "model: " + the target's name
}

// newConstraintTexts writes the texts of a member with target t and effective constraints c.
func newConstraintTexts(t *Shape, c *Constraints) *constraintTexts {
	x := &constraintTexts{member: memberConstraintText(t, c), source: constraintSource(t)}
	if t.Type == "enum" {
		x.enum = enumText(t.EnumValues)
	}
	if max, ok := c.Length.MaxInt(); ok {
		x.lengthMax = lengthMaxText(max)
	}
	if min, ok := c.Length.MinInt(); ok {
		x.lengthMin = lengthMinText(min)
	}
	if c.Pattern != "" {
		x.pattern = patternText(c.Pattern)
	}
	if max, ok := c.Range.MaxInt(); ok {
		x.rangeMax = rangeMaxText(max)
	}
	if min, ok := c.Range.MinInt(); ok {
		x.rangeMin = rangeMinText(min)
	}
	return x
}

// constraintSource is the Source of a violation of a constraint of shape s's values.
func constraintSource(s *Shape) string { return "model: " + s.Name }

// sourceOf is constraintSource(s), s the target t was written for.
func (t *constraintTexts) sourceOf(s *Shape) string {
	if t == nil {
		return constraintSource(s)
	}
	return t.source
}

// enumOf is enumText(s.EnumValues), s the target t was written for.
func (t *constraintTexts) enumOf(s *Shape) string {
	if t == nil {
		return enumText(s.EnumValues)
	}
	return t.enum
}

// lengthMaxOf is lengthMaxText(max), max the @length maximum t was written with.
func (t *constraintTexts) lengthMaxOf(max int64) string {
	if t == nil {
		return lengthMaxText(max)
	}
	return t.lengthMax
}

// lengthMinOf is lengthMinText(min), min the @length minimum t was written with.
func (t *constraintTexts) lengthMinOf(min int64) string {
	if t == nil {
		return lengthMinText(min)
	}
	return t.lengthMin
}

// patternOf is patternText(p), p the @pattern t was written with.
func (t *constraintTexts) patternOf(p string) string {
	if t == nil {
		return patternText(p)
	}
	return t.pattern
}

// rangeMaxOf is rangeMaxText(max), max the @range maximum t was written with.
func (t *constraintTexts) rangeMaxOf(max int64) string {
	if t == nil {
		return rangeMaxText(max)
	}
	return t.rangeMax
}

// rangeMinOf is rangeMinText(min), min the @range minimum t was written with.
func (t *constraintTexts) rangeMinOf(min int64) string {
	if t == nil {
		return rangeMinText(min)
	}
	return t.rangeMin
}

// memberOf is memberConstraintText(s, c), s and c the target and constraints t was written with.
func (t *constraintTexts) memberOf(s *Shape, c *Constraints) string {
	if t == nil {
		return memberConstraintText(s, c)
	}
	return t.member
}
