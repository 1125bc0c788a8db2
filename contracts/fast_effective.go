package contracts

// effective is Effective() computed once per member: the validator reads a member's
// constraints on every request, and Constraints is too big a value to copy each time. Their
// violation texts are written with them (constraintTexts). A model is not changed after it is
// loaded, so the merge and the texts stay right.
func (mem *Member) effective() *Constraints {
	mem.effOnce.Do(func() {
		c := mem.Effective()
		c.texts = newConstraintTexts(mem.Target, &c)
		mem.eff = &c
	})
	return mem.eff
}
